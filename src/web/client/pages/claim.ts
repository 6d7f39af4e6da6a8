// One claim: what is wrong and how to fix it, the records behind it, and the work on it.
import { ApiError, get, post } from '../api.js';
import { firstSentence, evidenceLines, x12ElementOf } from '../claim-view.js';
import { deadlineAlertClass, deadlineAlertText, type DeadlineAlertView } from '../deadline-alert-view.js';
import { NEXT_STATUS, type WorkStatus, moveLabel } from '../domain.js';
import { type Child, badge, field, h, notice, put, table } from '../dom.js';
import { Drafts, draftKey, tabStorage, worklistHref } from '../drafts.js';
import * as fmt from '../format.js';
import { errorView, startPage } from '../shell.js';

interface Finding {
  id: string;
  ruleId: string;
  category: string;
  severity: string;
  carc: string[];
  rarc: string[];
  line: number | null;
  message: string;
  fix: string;
  evidence: Record<string, unknown>;
  amountCents: number;
  x12Element?: string;
  override: { reason: string; by: string; at: string } | null;
}

interface Adjustment {
  groupCode: string;
  reasonCode: string;
  amountCents: number;
}

type Remittance = ClaimPage['remittances'][number];

/** Claim-level (2100 CAS) and line-level (2110 CAS) adjustments of a payment, the line's code first. */
function adjustmentsOf(x: Remittance): string {
  const cas = (a: Adjustment) => `${a.groupCode}-${a.reasonCode} ${fmt.money(a.amountCents)}`;
  const parts = [
    ...x.adjustments.map(cas),
    ...(x.services ?? []).flatMap((s) => s.adjustments.map((a) => `${s.procedureCode}: ${cas(a)}`)),
  ];
  return parts.length ? parts.join('; ') : '—';
}

function remarksOf(x: Remittance): string {
  return fmt.list([...new Set([...x.remarkCodes, ...(x.services ?? []).flatMap((s) => s.remarkCodes)])]);
}

interface Line {
  lineNumber: number;
  procedureCode: string;
  modifiers: string[];
  revenueCode: string | null;
  chargeCents: number;
  units: number | null;
  placeOfService: string | null;
  serviceDate: string | null;
  diagnosisPointers: number[];
  priorAuthorization: string | null;
}

interface ClaimPage {
  claim: {
    id: string;
    patientControlNumber: string;
    claimType: string;
    status: string;
    payerId: string;
    payerName: string;
    billingNpi: string;
    billingName: string;
    renderingNpi: string | null;
    serviceDateFrom: string | null;
    serviceDateTo: string | null;
    totalChargeCents: number;
    paidCents: number | null;
    frequencyCode: string;
    receivedAt: string;
    patient?: { lastName: string; firstName: string; birthDate: string | null; memberId: string };
    lines: Line[];
    diagnoses: { seq: number; qualifier: string; code: string; role: string }[];
  };
  findings: {
    evaluated: boolean;
    evaluatedAt: string | null;
    notChecked: string[];
    risk?: { score: number; expectedDenialCents: number };
    errors: { ruleId: string; message: string }[];
    findings: Finding[];
  };
  documentation: {
    id: string;
    documentType: string;
    serviceDate: string;
    diagnosisCodes: string[];
    procedureCodes: string[];
    signed: boolean;
    authorNpi: string | null;
    text: string;
  }[];
  authorizations: {
    id: string;
    authNumber: string;
    procedureCode: string;
    unitsApproved: number | null;
    startDate: string;
    endDate: string;
    status: string;
    providerNpi: string | null;
  }[];
  eligibility: {
    id: string;
    planName: string;
    coverageStart: string;
    coverageEnd: string | null;
    coverageStatus: string;
  }[];
  remittances: {
    id: string;
    statusCode?: string;
    chargeCents: number;
    paidCents: number;
    payerClaimControlNumber?: string;
    adjustments: Adjustment[];
    remarkCodes: string[];
    services?: {
      procedureCode: string;
      paidCents: number;
      adjustments: Adjustment[];
      remarkCodes: string[];
    }[];
    remittance: { traceNumber: string; paymentDate: string | null; receivedAt: string; payerName: string };
  }[];
  work: {
    status: WorkStatus;
    assignee: { username: string; displayName: string } | null;
    reason: string | null;
    updatedAt: string | null;
  };
  history: { at: string; actorName: string | null; kind: string; text: string }[];
  notes: { id: string; at: string; actorName: string; text: string }[];
  report: {
    firstPass: string;
    currentOutcome: string;
    denialCarcs: string[];
    deniedCents: number;
    riskMilli: number;
    filingDeadline: string | null;
    appealDeadline: string | null;
  } | null;
  worklist: {
    inQueue: boolean;
    queue: string;
    moneyAtRiskCents: number;
    deadline: string | null;
    deadlineKind: string | null;
  } | null;
  /** The open deadline alert raised by the daily deadlines job; null: none. */
  alert: (DeadlineAlertView & { raisedAt: string }) | null;
}

interface RuleInfo {
  id: string;
  title: string;
  references?: string[];
}

const claimId = decodeURIComponent(location.pathname.split('/')[2] ?? '');
/** Text being written on this page, kept in the tab until saved (see drafts.ts). */
const drafts = new Drafts(tabStorage());
const noteDraft = draftKey('claim', claimId, 'note');

function facts(pairs: readonly (readonly [string, Child])[]): HTMLDListElement {
  return h(
    'dl',
    { class: 'facts' },
    pairs.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))),
  );
}

function section(title: string, id: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel', id }, h('h2', null, title), ...children);
}

/**
 * An inline form asking for a reason, then running `submit` with it. The reason is kept as the
 * draft `draft` until it is saved or the form is cancelled.
 */
function reasonForm(o: {
  label: string;
  button: string;
  draft: string;
  submit: (reason: string) => Promise<unknown>;
  onDone: () => void;
  /** Focus the reason (false when the form is reopened from a draft on drawing the page). */
  focus?: boolean;
}): HTMLFormElement {
  const text = drafts.bind(
    h('textarea', { name: 'reason', required: true, minlength: 3, maxlength: 2000 }),
    o.draft,
  );
  const status = h('div');
  const form = h(
    'form',
    { class: 'reason-form' },
    field(o.label, text),
    status,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, o.button),
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            drafts.remove(o.draft);
            form.remove();
          },
        },
        'Cancel',
      ),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const reason = text.value.trim();
    if (reason.length < 3) {
      put(status, notice('error', 'Give a reason of at least 3 characters.'));
      return;
    }
    o.submit(reason).then(
      () => {
        drafts.remove(o.draft);
        o.onDone();
      },
      (err: unknown) => put(status, errorView(err)),
    );
  });
  if (o.focus !== false) queueMicrotask(() => text.focus());
  return form;
}

startPage(async (root, me) => {
  const role = me.user.role;
  const canOverride = role === 'billing' || role === 'coding' || role === 'admin';
  const canWork = role === 'billing' || role === 'admin';
  const canNote = role === 'billing' || role === 'coding' || role === 'admin';
  const today = fmt.todayUtc();
  const rules = new Map<string, RuleInfo>();
  await get<{ rules: RuleInfo[] }>('/api/v1/rules')
    .then((r) => r.rules.forEach((x) => rules.set(x.id, x)))
    .catch(() => undefined);

  async function draw(flash?: HTMLElement): Promise<void> {
    let p: ClaimPage;
    try {
      p = await get<ClaimPage>(`/api/v1/worklist/claims/${encodeURIComponent(claimId)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        put(root, h('h1', null, 'No such claim'), notice('error', `There is no claim ${claimId}.`));
        return;
      }
      throw e;
    }
    const c = p.claim;
    document.title = `Claim ${c.patientControlNumber} · claimguard`;
    const w = p.worklist;
    const reload = (message: string) => () => void draw(notice('ok', message));

    const findingView = (f: Finding): HTMLElement => {
      const rule = rules.get(f.ruleId);
      const element = f.x12Element ?? x12ElementOf(rule?.references);
      const slot = h('div');
      // Override a finding, or revoke its override: a reason either way, kept as a draft.
      const reasonDraft = draftKey('claim', claimId, 'finding', f.id, f.override ? 'revoke' : 'override');
      const openReason = (focus: boolean): void =>
        put(
          slot,
          f.override
            ? reasonForm({
                label: 'Why does the finding apply after all?',
                button: 'Revoke override',
                draft: reasonDraft,
                focus,
                submit: (reason) => post(`/api/v1/findings/${f.id}/override/revoke`, { reason }),
                onDone: reload(`Override of ${f.ruleId} revoked.`),
              })
            : reasonForm({
                label: 'Why does this finding not apply to this claim?',
                button: 'Override finding',
                draft: reasonDraft,
                focus,
                submit: (reason) => post(`/api/v1/findings/${f.id}/override`, { reason }),
                onDone: reload(
                  `${f.ruleId} overridden; the override is kept with the claim and counted against the rule.`,
                ),
              }),
        );
      const box = h(
        'article',
        {
          class: `finding ${f.override ? 'overridden' : f.severity}`,
          'data-finding-id': f.id,
          'data-rule': f.ruleId,
        },
        h('p', { class: 'summary' }, badge(f.severity, f.severity), ' ', firstSentence(f.message)),
        h(
          'dl',
          null,
          f.message !== firstSentence(f.message) ? [h('dt', null, 'Detail'), h('dd', null, f.message)] : null,
          h('dt', null, 'Evidence'),
          h(
            'dd',
            { class: 'evidence' },
            evidenceLines(f.evidence).length === 0
              ? '—'
              : h(
                  'ul',
                  null,
                  evidenceLines(f.evidence).map(([k, v]) =>
                    h('li', null, h('span', { class: 'muted' }, `${k}: `), v),
                  ),
                ),
          ),
          h('dt', null, 'What to do'),
          h('dd', null, f.fix || '—'),
          h('dt', null, 'Payer would deny with'),
          h(
            'dd',
            null,
            f.carc.length ? `CARC ${f.carc.join(', ')}` : '—',
            f.rarc.length ? ` (RARC ${f.rarc.join(', ')})` : '',
          ),
          h('dt', null, 'X12 element'),
          h('dd', { class: 'mono x12-element' }, element ?? '—'),
          h('dt', null, 'Rule'),
          h(
            'dd',
            null,
            h('span', { class: 'mono' }, f.ruleId),
            rule ? ` — ${rule.title}` : '',
            ` · ${fmt.label(f.category)}`,
            f.line !== null ? ` · line ${f.line}` : ' · claim level',
            f.amountCents ? ` · ${fmt.money(f.amountCents)} at stake` : '',
          ),
          f.override
            ? [
                h('dt', null, 'Overridden'),
                h(
                  'dd',
                  { class: 'override' },
                  `by ${f.override.by}, ${fmt.dateTime(f.override.at)}: ${f.override.reason}`,
                ),
              ]
            : null,
        ),
        canOverride
          ? h(
              'div',
              { class: 'actions' },
              f.override
                ? h(
                    'button',
                    { type: 'button', class: 'revoke', onclick: () => openReason(true) },
                    'Revoke override…',
                  )
                : h(
                    'button',
                    { type: 'button', class: 'override', onclick: () => openReason(true) },
                    'Override…',
                  ),
            )
          : null,
        slot,
      );
      // A reason being written when the session ended comes back, its form open.
      if (canOverride && drafts.has(reasonDraft)) openReason(false);
      return box;
    };

    const open = p.findings.findings.filter((f) => !f.override);
    const overridden = p.findings.findings.filter((f) => f.override);

    // The work panel: status workflow (billing), assignee.
    const workSlot = h('div');
    const moves = NEXT_STATUS[p.work.status] ?? [];
    const sendStatus = (to: WorkStatus, reason?: string) =>
      post(`/api/v1/worklist/claims/${c.id}/status`, reason ? { status: to, reason } : { status: to });
    // Closing as overridden asks for a reason, kept as a draft like the note.
    const workReasonDraft = draftKey('claim', claimId, 'work', 'overridden');
    const openWorkReason = (focus: boolean): void =>
      put(
        workSlot,
        reasonForm({
          label: 'Why does this claim need no work?',
          button: 'Close as overridden',
          draft: workReasonDraft,
          focus,
          submit: (reason) => sendStatus('overridden', reason),
          onDone: reload('Claim closed as overridden.'),
        }),
      );
    const workPanel = section(
      'Work',
      'work',
      facts([
        ['Status', badge(fmt.label(p.work.status), p.work.status)],
        ['Assignee', p.work.assignee ? p.work.assignee.displayName : 'unassigned'],
        ['Updated', fmt.dateTime(p.work.updatedAt)],
      ]),
      p.work.reason ? h('p', null, h('span', { class: 'muted' }, 'Reason: '), p.work.reason) : null,
      canWork
        ? h(
            'div',
            { class: 'actions', id: 'status-actions' },
            moves.map((to) =>
              h(
                'button',
                {
                  type: 'button',
                  'data-status': to,
                  class: to === 'overridden' ? null : 'primary',
                  onclick: () => {
                    if (to === 'overridden') {
                      openWorkReason(true);
                    } else {
                      sendStatus(to).then(reload(`Status: ${fmt.label(to)}.`), (e: unknown) =>
                        put(workSlot, errorView(e)),
                      );
                    }
                  },
                },
                moveLabel(p.work.status, to),
              ),
            ),
          )
        : null,
      workSlot,
    );
    if (canWork && moves.includes('overridden') && drafts.has(workReasonDraft)) openWorkReason(false);

    // Notes, with the draft kept in the tab until saved (a sign-in detour does not lose it).
    const noteText = drafts.bind(
      h('textarea', {
        name: 'note',
        maxlength: 4000,
        placeholder: 'What was done, what is pending…',
      }),
      noteDraft,
    );
    const noteStatus = h('div');
    const noteForm = h(
      'form',
      { id: 'note-form' },
      field('Add a note', noteText),
      noteStatus,
      h('button', { type: 'submit', class: 'primary' }, 'Save note'),
    );
    noteForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = noteText.value.trim();
      if (!text) {
        put(noteStatus, notice('error', 'Write the note first.'));
        return;
      }
      post(`/api/v1/worklist/claims/${c.id}/notes`, { text }).then(
        () => {
          drafts.remove(noteDraft);
          void draw(notice('ok', 'Note saved.'));
        },
        (err: unknown) => put(noteStatus, errorView(err)),
      );
    });
    const notesPanel = section(
      'Notes',
      'notes',
      canNote ? noteForm : null,
      p.notes.length === 0
        ? h('p', { class: 'muted' }, 'No notes yet.')
        : h(
            'ol',
            { class: 'history' },
            p.notes.map((n) =>
              h('li', null, h('div', { class: 'when' }, `${fmt.dateTime(n.at)} · ${n.actorName}`), n.text),
            ),
          ),
    );

    const historyPanel = section(
      'History',
      'history',
      p.history.length === 0
        ? h('p', { class: 'muted' }, 'Nothing yet.')
        : h(
            'ol',
            { class: 'history' },
            [...p.history]
              .reverse()
              .map((e) =>
                h(
                  'li',
                  { 'data-kind': e.kind },
                  h('div', { class: 'when' }, `${fmt.dateTime(e.at)} · ${e.actorName ?? 'claimguard'}`),
                  e.text,
                ),
              ),
          ),
    );

    const r = p.report;
    const main = h(
      'div',
      null,
      section(
        `What is wrong (${open.length})`,
        'findings',
        !p.findings.evaluated ? notice('info', 'The rules have not evaluated this claim yet.') : null,
        p.findings.notChecked.length > 0
          ? notice(
              'info',
              `Not checked (no records loaded for this payer): ${p.findings.notChecked.map(fmt.label).join(', ')}.`,
            )
          : null,
        p.findings.errors.map((e) => notice('error', `Rule ${e.ruleId} could not run: ${e.message}`)),
        open.length === 0 && p.findings.evaluated
          ? h('p', { class: 'ok' }, 'No open findings: the rules found nothing to fix.')
          : null,
        open.map(findingView),
        overridden.length > 0
          ? [h('h3', null, `Overridden (${overridden.length})`), overridden.map(findingView)]
          : null,
      ),
      section(
        'Service lines',
        'lines',
        table<Line>(
          [
            { label: '#', cell: (l) => l.lineNumber },
            { label: 'Date', cell: (l) => fmt.date(l.serviceDate), className: 'nowrap' },
            {
              label: 'Code',
              cell: (l) => h('span', { class: 'mono' }, [l.procedureCode, ...l.modifiers].join('-')),
            },
            { label: 'Units', cell: (l) => l.units ?? '—', className: 'num' },
            { label: 'Charge', cell: (l) => fmt.money(l.chargeCents), className: 'num' },
            { label: 'POS', cell: (l) => l.placeOfService ?? '—' },
            { label: 'Dx pointers', cell: (l) => l.diagnosisPointers.join(', ') || '—' },
            { label: 'Prior auth (REF G1)', cell: (l) => l.priorAuthorization ?? '—' },
          ],
          c.lines,
        ),
        h('h3', null, 'Diagnoses (2300 HI)'),
        h(
          'ol',
          null,
          c.diagnoses.map((d) =>
            h(
              'li',
              null,
              h('span', { class: 'mono' }, d.code),
              d.role && d.role !== 'secondary' ? ` (${d.role})` : '',
            ),
          ),
        ),
      ),
      section(
        'Documentation',
        'documentation',
        p.documentation.length === 0
          ? h('p', { class: 'muted' }, 'No clinical note on file for this encounter.')
          : p.documentation.map((d) =>
              h(
                'div',
                { class: 'gap' },
                h(
                  'p',
                  null,
                  h('strong', null, `${fmt.label(d.documentType)} · ${fmt.date(d.serviceDate)}`),
                  ' ',
                  badge(d.signed ? 'signed' : 'unsigned', d.signed ? 'ok' : 'warn'),
                ),
                h(
                  'p',
                  { class: 'muted' },
                  `Diagnoses: ${fmt.list(d.diagnosisCodes)} · Procedures: ${fmt.list(d.procedureCodes)}`,
                ),
                h(
                  'blockquote',
                  { class: 'note' },
                  d.text.length > 1200 ? `${d.text.slice(0, 1200)}…` : d.text,
                ),
              ),
            ),
      ),
      section(
        'Authorizations',
        'authorizations',
        table(
          [
            { label: 'Number', cell: (a) => h('span', { class: 'mono' }, a.authNumber) },
            { label: 'Code', cell: (a) => a.procedureCode },
            {
              label: 'Period',
              cell: (a) => `${fmt.date(a.startDate)} – ${fmt.date(a.endDate)}`,
              className: 'nowrap',
            },
            { label: 'Units', cell: (a) => a.unitsApproved ?? '—', className: 'num' },
            { label: 'Status', cell: (a) => a.status },
            { label: 'Provider', cell: (a) => a.providerNpi ?? '—' },
          ],
          p.authorizations,
          { empty: 'No authorization on file for this patient.' },
        ),
        h('h3', null, 'Eligibility'),
        table(
          [
            { label: 'Plan', cell: (e) => e.planName },
            {
              label: 'Coverage',
              cell: (e) =>
                `${fmt.date(e.coverageStart)} – ${e.coverageEnd ? fmt.date(e.coverageEnd) : 'open'}`,
            },
            { label: 'Status', cell: (e) => e.coverageStatus },
          ],
          p.eligibility,
          { empty: 'No eligibility record on file.' },
        ),
      ),
      section(
        'Remittances',
        'remittances',
        table(
          [
            {
              label: 'Received',
              cell: (x) => fmt.date(x.remittance.paymentDate ?? x.remittance.receivedAt),
              className: 'nowrap',
            },
            { label: 'Trace', cell: (x) => h('span', { class: 'mono' }, x.remittance.traceNumber) },
            { label: 'Charge', cell: (x) => fmt.money(x.chargeCents), className: 'num' },
            { label: 'Paid', cell: (x) => fmt.money(x.paidCents), className: 'num' },
            { label: 'Adjustments (CAS)', cell: adjustmentsOf },
            { label: 'Remarks (RARC)', cell: remarksOf },
          ],
          p.remittances,
          { empty: 'No remittance for this claim yet.' },
        ),
      ),
    );

    put(
      root,
      h(
        'div',
        { class: 'claim-head' },
        h('h1', null, 'Claim ', h('span', { class: 'mono', id: 'pcn' }, c.patientControlNumber)),
        w?.inQueue ? badge(w.queue === 'denied' ? 'Denied' : 'Flagged', w.queue) : null,
        p.alert
          ? h(
              'span',
              {
                class: `badge ${deadlineAlertClass(p.alert)}`,
                id: 'deadline-alert',
                'data-alert': p.alert.kind,
              },
              deadlineAlertText(p.alert),
            )
          : null,
        // Always our own worklist (with its last filters), never the referrer: another site's
        // address must not become a link on this page.
        canWork
          ? h('a', { href: worklistHref(tabStorage()), id: 'back-to-worklist' }, '← Back to the worklist')
          : null,
      ),
      flash ?? null,
      h(
        'section',
        { class: 'panel' },
        facts([
          ['Payer', `${c.payerName || c.payerId} (${c.payerId})`],
          ['Patient', c.patient ? `${c.patient.lastName}, ${c.patient.firstName}` : '—'],
          ['Member id', c.patient?.memberId ?? '—'],
          ['Date of birth', fmt.date(c.patient?.birthDate ?? null)],
          [
            'Service',
            `${fmt.date(c.serviceDateFrom)}${c.serviceDateTo && c.serviceDateTo !== c.serviceDateFrom ? ` – ${fmt.date(c.serviceDateTo)}` : ''}`,
          ],
          ['Type', `${fmt.label(c.claimType)} (frequency ${c.frequencyCode})`],
          ['Billing provider', `${c.billingName} (${c.billingNpi})`],
          ['Charge', fmt.money(c.totalChargeCents)],
          ['Paid', fmt.money(c.paidCents)],
          [
            'Denial risk',
            r ? fmt.risk(r.riskMilli) : p.findings.risk ? fmt.percent(p.findings.risk.score) : '—',
          ],
          ['Money at risk', w ? fmt.money(w.moneyAtRiskCents) : '—'],
          [
            'Deadline',
            w?.deadline
              ? `${fmt.date(w.deadline)} (${w.deadlineKind}, ${fmt.deadlineIn(w.deadline, today)})`
              : '—',
          ],
          [
            'Deadline alert',
            p.alert
              ? `${deadlineAlertText(p.alert)} (${fmt.date(p.alert.deadline)}), raised ${fmt.dateTime(p.alert.raisedAt)}`
              : 'none',
          ],
          [
            'Payer answer',
            r
              ? `${fmt.label(r.currentOutcome)}${r.denialCarcs.length ? ` · CARC ${r.denialCarcs.join(', ')}` : ''}`
              : '—',
          ],
        ]),
      ),
      h('div', { class: 'columns' }, main, h('div', null, workPanel, notesPanel, historyPanel)),
    );
  }

  await draw();
});
