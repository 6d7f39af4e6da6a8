// Coding gaps: documentation and coding findings and missed charges, by provider and encounter, with
// the note and the billed codes side by side; a coder resolves a gap or sends it back with a comment.
import { post, get } from '../api.js';
import { evidenceLines } from '../claim-view.js';
import { GAP_STATUSES, type GapStatus } from '../domain.js';
import { type Child, badge, field, h, notice, put, select, table } from '../dom.js';
import { Drafts, draftKey, tabStorage } from '../drafts.js';
import * as fmt from '../format.js';
import { errorView, startPage } from '../shell.js';
import { type Filters, filtersToSearch, readFilters } from '../url-state.js';

interface Gap {
  gapKey: string;
  kind: 'finding' | 'missed-charge';
  ruleId: string;
  category: string;
  severity: string;
  lineNumber: number;
  code: string | null;
  message: string;
  fix: string;
  evidence: Record<string, unknown>;
  noteExcerpt: string | null;
  note: {
    documentId: string;
    serviceDate: string;
    signed: boolean;
    diagnoses: string[];
    procedures: string[];
  } | null;
  billedCodes: {
    diagnoses: string[];
    lines: {
      lineNumber: number;
      code: string;
      modifiers: string[];
      units: number | null;
      chargeCents: number;
    }[];
  };
  status: GapStatus;
  comment: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  amountCents: number;
}

interface Encounter {
  claimId: string;
  patientControlNumber: string;
  serviceDate: string | null;
  payerId: string;
  gaps: Gap[];
}

interface ProviderGroup {
  providerNpi: string;
  providerName: string | null;
  gapCount: number;
  encounters: Encounter[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SPEC = {
  status: { default: 'open', values: GAP_STATUSES },
  providerNpi: { pattern: /^\d{10}$/ },
  payerId: {},
  from: { pattern: MONTH },
  to: { pattern: MONTH },
  cursor: {},
} as const;
type GapFilters = Filters<typeof SPEC>;

/** The billed codes beside the note, the gap's own code marked. */
function billedView(g: Gap): HTMLElement {
  const hit = (code: string) => g.code !== null && code.toUpperCase() === g.code.toUpperCase();
  return h(
    'div',
    { class: 'billed' },
    h('h4', null, 'Billed on the claim'),
    h(
      'p',
      null,
      h('span', { class: 'muted' }, 'Diagnoses: '),
      g.billedCodes.diagnoses.length === 0
        ? '—'
        : g.billedCodes.diagnoses.map((d, i) => [
            i > 0 ? ', ' : '',
            h('span', { class: hit(d) ? 'mono hit' : 'mono' }, d),
          ]),
    ),
    table(
      [
        { label: 'Line', cell: (l) => l.lineNumber },
        {
          label: 'Code',
          cell: (l) =>
            h('span', { class: hit(l.code) ? 'mono hit' : 'mono' }, [l.code, ...l.modifiers].join('-')),
        },
        { label: 'Units', cell: (l) => l.units ?? '—', className: 'num' },
        { label: 'Charge', cell: (l) => fmt.money(l.chargeCents), className: 'num' },
      ],
      g.billedCodes.lines,
      {
        className: 'grid compact',
        rowAttrs: (l) => ({ class: l.lineNumber === g.lineNumber ? 'selected' : null }),
      },
    ),
  );
}

function noteView(g: Gap): HTMLElement {
  if (!g.note) {
    return h(
      'div',
      { class: 'note-side' },
      h('h4', null, 'Clinical note'),
      notice('info', 'No note on file for the patient on these dates.'),
    );
  }
  return h(
    'div',
    { class: 'note-side' },
    h(
      'h4',
      null,
      `Clinical note · ${fmt.date(g.note.serviceDate)} `,
      badge(g.note.signed ? 'signed' : 'unsigned', g.note.signed ? 'ok' : 'warn'),
    ),
    h('blockquote', { class: 'note' }, g.noteExcerpt ?? '(the note has no text)'),
    h(
      'p',
      { class: 'muted' },
      `Documented diagnoses: ${fmt.list(g.note.diagnoses)} · procedures: ${fmt.list(g.note.procedures)}`,
    ),
  );
}

/** Comments being written, kept in the tab until saved (a session ending mid-edit loses nothing). */
const drafts = new Drafts(tabStorage());

startPage(async (root) => {
  let filters: GapFilters = readFilters(location.search, SPEC);
  const results = h('div', { id: 'gaps' });
  const pager = h('div', { class: 'pager' });

  const control = {
    status: select(
      'status',
      [
        ['open', 'Open'],
        ['sent-back', 'Sent back'],
        ['resolved', 'Resolved'],
      ],
      filters.status,
    ),
    providerNpi: h('input', {
      name: 'providerNpi',
      value: filters.providerNpi,
      placeholder: '10 digits',
      inputmode: 'numeric',
    }),
    payerId: h('input', { name: 'payerId', value: filters.payerId, placeholder: 'any' }),
    from: h('input', { name: 'from', type: 'month', value: filters.from }),
    to: h('input', { name: 'to', type: 'month', value: filters.to }),
  };
  const form = h(
    'form',
    { class: 'filters', id: 'filters' },
    field('Status', control.status),
    field('Provider NPI', control.providerNpi),
    field('Payer', control.payerId),
    field('From month', control.from),
    field('To month', control.to),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: '/coding', class: 'button' }, 'Clear'),
  );
  const readForm = (): GapFilters => {
    const data = new FormData(form);
    const next: Record<string, string> = {};
    for (const key of Object.keys(SPEC)) next[key] = String(data.get(key) ?? '').trim();
    next['cursor'] = '';
    return readFilters(new URLSearchParams(next), SPEC);
  };
  const go = (next: GapFilters): void => {
    filters = next;
    history.pushState(null, '', `/coding${filtersToSearch(filters, SPEC)}`);
    void load();
  };
  form.addEventListener('change', (e) => {
    if (e.target instanceof HTMLSelectElement || (e.target as HTMLInputElement).type === 'month')
      go(readForm());
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go(readForm());
  });
  window.addEventListener('popstate', () => {
    filters = readFilters(location.search, SPEC);
    for (const [k, el] of Object.entries(control)) el.value = filters[k as keyof typeof control];
    void load();
  });

  const gapView = (enc: Encounter, g: Gap): HTMLElement => {
    const box = h('article', {
      class: `gap-card finding ${g.severity}`,
      'data-gap-key': g.gapKey,
      'data-status': g.status,
    });
    const commentDraft = draftKey('coding', enc.claimId, 'gap', g.gapKey, 'comment');
    const draw = (gap: Gap, flash?: HTMLElement): void => {
      box.setAttribute('data-status', gap.status);
      const comment = h('textarea', {
        name: 'comment',
        maxlength: 2000,
        placeholder: 'For the provider: what the note needs (required to send back)',
      });
      // Only an open gap shows the comment (a reopened one must not send an old draft along).
      if (gap.status === 'open') drafts.bind(comment, commentDraft);
      const status = h('div');
      const send = (to: GapStatus): void => {
        const text = comment.value.trim();
        if (to === 'sent-back' && !text) {
          put(
            status,
            notice('error', 'Say what the provider should add or correct before sending the gap back.'),
          );
          comment.focus();
          return;
        }
        post<Gap>(
          `/api/v1/coding-gaps/${enc.claimId}/status`,
          text ? { gapKey: gap.gapKey, status: to, comment: text } : { gapKey: gap.gapKey, status: to },
        )
          .then((updated) => {
            drafts.remove(commentDraft);
            draw(
              updated,
              notice(
                'ok',
                to === 'resolved'
                  ? 'Gap resolved.'
                  : to === 'sent-back'
                    ? 'Sent back to the provider.'
                    : 'Gap reopened.',
              ),
            );
          })
          .catch((e: unknown) => put(status, errorView(e)));
      };
      const actions: Child =
        gap.status === 'open'
          ? [
              field('Comment', comment),
              h(
                'div',
                { class: 'actions' },
                h(
                  'button',
                  { type: 'button', class: 'primary resolve', onclick: () => send('resolved') },
                  'Resolve',
                ),
                h(
                  'button',
                  { type: 'button', class: 'send-back', onclick: () => send('sent-back') },
                  'Send back to provider',
                ),
              ),
            ]
          : h(
              'div',
              { class: 'actions' },
              h('button', { type: 'button', class: 'reopen', onclick: () => send('open') }, 'Reopen'),
            );
      put(
        box,
        h(
          'p',
          { class: 'summary' },
          badge(
            gap.kind === 'missed-charge' ? 'missed charge' : gap.severity,
            gap.kind === 'missed-charge' ? 'warn' : gap.severity,
          ),
          ' ',
          gap.message,
        ),
        h(
          'p',
          { class: 'muted' },
          h('span', { class: 'mono' }, gap.ruleId),
          ` · ${fmt.label(gap.category)}`,
          gap.lineNumber ? ` · line ${gap.lineNumber}` : '',
          gap.code ? ` · code ${gap.code}` : '',
          gap.amountCents ? ` · ${fmt.money(gap.amountCents)}` : '',
        ),
        h('div', { class: 'encounter' }, noteView(gap), billedView(gap)),
        h(
          'dl',
          null,
          h('dt', null, 'What to do'),
          h('dd', null, gap.fix || '—'),
          evidenceLines(gap.evidence).length > 0
            ? [
                h('dt', null, 'Evidence'),
                h(
                  'dd',
                  null,
                  evidenceLines(gap.evidence).map(([k, v]) =>
                    h('div', null, h('span', { class: 'muted' }, `${k}: `), v),
                  ),
                ),
              ]
            : null,
          gap.status !== 'open' || gap.comment
            ? [
                h('dt', null, 'Status'),
                h(
                  'dd',
                  { class: 'gap-status' },
                  badge(
                    fmt.label(gap.status),
                    gap.status === 'resolved' ? 'resolved' : gap.status === 'sent-back' ? 'warn' : 'open',
                  ),
                  gap.updatedBy ? ` by ${gap.updatedBy}, ${fmt.dateTime(gap.updatedAt)}` : '',
                  gap.comment ? h('div', null, `“${gap.comment}”`) : null,
                ),
              ]
            : null,
        ),
        flash ?? null,
        status,
        actions,
      );
    };
    draw(g);
    return box;
  };

  async function load(): Promise<void> {
    document.body.dataset['loading'] = 'true';
    try {
      const page = await get<{ providers: ProviderGroup[]; nextCursor: string | null }>(
        '/api/v1/coding-gaps',
        {
          ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
        },
      );
      put(
        results,
        page.providers.length === 0
          ? notice(
              'info',
              filters.status === 'open' ? 'No open gaps for these filters.' : 'No gaps with this status.',
            )
          : page.providers.map((p) =>
              h(
                'section',
                { class: 'provider-group', 'data-provider': p.providerNpi },
                h(
                  'h2',
                  null,
                  `${p.providerName ?? 'Provider'} (NPI ${p.providerNpi}) · ${p.gapCount} gap${p.gapCount === 1 ? '' : 's'}`,
                ),
                p.encounters.map((enc) =>
                  h(
                    'div',
                    { class: 'panel encounter-panel', 'data-claim-id': enc.claimId },
                    h(
                      'h3',
                      null,
                      'Encounter ',
                      h('a', { href: `/claims/${enc.claimId}`, class: 'mono' }, enc.patientControlNumber),
                      ` · ${fmt.date(enc.serviceDate)} · ${enc.payerId}`,
                    ),
                    enc.gaps.map((g) => gapView(enc, g)),
                  ),
                ),
              ),
            ),
      );
      put(
        pager,
        filters.cursor
          ? h(
              'a',
              { class: 'button', href: `/coding${filtersToSearch({ ...filters, cursor: '' }, SPEC)}` },
              'First page',
            )
          : null,
        page.nextCursor
          ? h(
              'button',
              {
                type: 'button',
                id: 'next-page',
                onclick: () => go({ ...filters, cursor: page.nextCursor ?? '' }),
              },
              'Next page',
            )
          : null,
      );
    } catch (e) {
      put(results, errorView(e));
    } finally {
      delete document.body.dataset['loading'];
    }
  }

  put(
    root,
    h('h1', null, 'Coding gaps'),
    h(
      'p',
      { class: 'muted' },
      'The note and the codes side by side: resolve a gap once the claim or the note is right, or send it back to the provider with what is missing.',
    ),
    form,
    results,
    pager,
  );
  await load();
});
