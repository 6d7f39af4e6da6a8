// The billing worklist: the claims most worth fixing first, filtered by what is in the URL.
import { get, post } from '../api.js';
import { firstSentence } from '../claim-view.js';
import { deadlineAlertClass, deadlineAlertText, type DeadlineAlertView } from '../deadline-alert-view.js';
import { CATEGORIES, DEADLINE_ALERT_DAYS, WORK_STATUSES, WORKLIST_ALERT_FILTERS } from '../domain.js';
import { type Column, badge, field, h, notice, put, select, table } from '../dom.js';
import { rememberWorklistSearch, tabStorage } from '../drafts.js';
import * as fmt from '../format.js';
import { errorView, startPage } from '../shell.js';
import { type Filters, filtersToSearch, readFilters, withQuery } from '../url-state.js';

/** The queue badge: paid claims stay listed while someone works them ("Answered"). */
const QUEUE_LABELS: Record<'flagged' | 'denied' | 'answered', string> = {
  flagged: 'Flagged',
  denied: 'Denied',
  answered: 'Answered',
};

interface WorklistItem {
  claimId: string;
  patientControlNumber: string;
  payerId: string;
  providerNpi: string;
  claimType: string;
  serviceDate: string | null;
  chargeCents: number;
  moneyAtRiskCents: number;
  riskMilli: number;
  queue: 'flagged' | 'denied' | 'answered';
  categories: string[];
  topFinding: { ruleId: string; severity: string; message: string } | null;
  denialCarcs: string[];
  anticipated: boolean;
  deadline: string | null;
  deadlineKind: 'filing' | 'appeal' | null;
  status: string;
  assignee: { id: string; username: string } | null;
  /** The open deadline alert (the deadline is within a week), raised by the daily deadlines job. */
  alert: DeadlineAlertView | null;
}

interface Assignable {
  id: string;
  username: string;
  displayName: string;
  role: string;
}

const SPEC = {
  queue: { default: 'all', values: ['all', 'flagged', 'denied'] },
  payerId: {},
  providerNpi: { pattern: /^\d{10}$/ },
  category: { values: CATEGORIES },
  severity: { values: ['block', 'warn'] },
  status: { default: 'open', values: ['any', 'open', ...WORK_STATUSES] },
  assignee: {},
  deadlineWithin: { pattern: /^\d{1,3}$/ },
  alert: { values: WORKLIST_ALERT_FILTERS },
  sort: { default: 'risk', values: ['risk', 'deadline'] },
  cursor: {},
} as const;
type WorklistFilters = Filters<typeof SPEC>;

const PAGE_SIZE = 50;

/** At most `max` characters, cut at a word with an ellipsis (the full text is the cell's title). */
const clip = (text: string, max: number): string =>
  text.length <= max
    ? text
    : `${text.slice(0, text.lastIndexOf(' ', max - 1) > max / 2 ? text.lastIndexOf(' ', max - 1) : max - 1)}…`;

/** The badge of an open deadline alert: `Filing deadline in 3 days`, `Appeal due today`. */
const alertBadge = (a: DeadlineAlertView): HTMLSpanElement =>
  h('span', { class: `badge ${deadlineAlertClass(a)}`, 'data-alert': a.kind }, deadlineAlertText(a));

/** The API query of the filters: `status=any` means no status filter. */
function apiQuery(f: WorklistFilters): Record<string, string> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (v !== '' && !(k === 'status' && v === 'any')) q[k] = v;
  return q;
}

startPage(async (root) => {
  const today = fmt.todayUtc();
  let filters = readFilters(location.search, SPEC);
  const selected = new Set<string>();
  let items: WorklistItem[] = [];
  const assignable = await get<Assignable[]>('/api/v1/users/assignable').catch(() => [] as Assignable[]);

  const status = h('div', { class: 'status-slot', 'aria-live': 'polite' });
  const tableSlot = h('div', { class: 'table-wrap', id: 'worklist-table' });
  const pager = h('div', { class: 'pager' });
  const csv = h('a', { class: 'button', id: 'export-csv', download: 'worklist.csv' }, 'Export CSV');
  const count = h('span', { class: 'muted', id: 'selection-count' }, 'No claims selected');
  const assignTo = select(
    'assignTo',
    [
      ['', 'Choose a colleague…'],
      ['none', 'Nobody (unassign)'],
      ...assignable.map((u) => [u.id, `${u.displayName} (${u.username})`] as const),
    ],
    '',
    { 'aria-label': 'Assign to' },
  );
  const assignButton = h('button', { type: 'button', class: 'primary', disabled: true }, 'Assign');

  // The filter form: every change goes into the URL (a new history entry) and reloads the rows.
  const form = h('form', { class: 'filters', id: 'filters' });
  const control = {
    queue: select(
      'queue',
      [
        ['all', 'All'],
        ['flagged', 'Flagged (not sent / no answer)'],
        ['denied', 'Denied'],
      ],
      filters.queue,
    ),
    payerId: h('input', {
      name: 'payerId',
      value: filters.payerId,
      placeholder: 'any',
      list: 'payers',
      maxlength: 80,
    }),
    providerNpi: h('input', {
      name: 'providerNpi',
      value: filters.providerNpi,
      placeholder: '10 digits',
      inputmode: 'numeric',
      pattern: '\\d{10}',
    }),
    category: select(
      'category',
      [['', 'Any'], ...CATEGORIES.map((c) => [c, fmt.label(c)] as const)],
      filters.category,
    ),
    severity: select(
      'severity',
      [
        ['', 'Any'],
        ['block', 'Block'],
        ['warn', 'Warn'],
      ],
      filters.severity,
    ),
    status: select(
      'status',
      [['open', 'Open'], ['any', 'Any'], ...WORK_STATUSES.map((s) => [s, fmt.label(s)] as const)],
      filters.status,
    ),
    assignee: select(
      'assignee',
      [
        ['', 'Anyone'],
        ['me', 'Me'],
        ['none', 'Unassigned'],
        ...assignable.map((u) => [u.id, u.displayName] as const),
      ],
      filters.assignee,
    ),
    deadlineWithin: h('input', {
      name: 'deadlineWithin',
      type: 'number',
      min: 1,
      max: 366,
      value: filters.deadlineWithin,
      placeholder: 'days',
    }),
    alert: select(
      'alert',
      [
        ['', 'Any'],
        ['deadline', `Deadline in ${DEADLINE_ALERT_DAYS} days`],
      ],
      filters.alert,
    ),
    sort: select(
      'sort',
      [
        ['risk', 'Money at risk'],
        ['deadline', 'Deadline'],
      ],
      filters.sort,
    ),
  };
  put(
    form,
    field('Queue', control.queue),
    field('Payer', control.payerId),
    field('Provider NPI', control.providerNpi),
    field('Category', control.category),
    field('Severity', control.severity),
    field('Status', control.status),
    field('Assignee', control.assignee),
    field('Deadline within', control.deadlineWithin),
    field('Alerts', control.alert),
    field('Sort by', control.sort),
    h('button', { type: 'submit' }, 'Apply'),
    h('a', { href: '/worklist', class: 'button' }, 'Clear'),
  );
  const payers = h('datalist', { id: 'payers' });

  const readForm = (): WorklistFilters => {
    const data = new FormData(form);
    const next: Record<string, string> = {};
    for (const key of Object.keys(SPEC)) next[key] = String(data.get(key) ?? '').trim();
    next['cursor'] = '';
    return readFilters(new URLSearchParams(next), SPEC);
  };
  const go = (next: WorklistFilters, push = true): void => {
    filters = next;
    const url = `/worklist${filtersToSearch(filters, SPEC)}`;
    if (push) history.pushState(null, '', url);
    void load();
  };
  form.addEventListener('change', (e) => {
    // Text fields apply on Enter or Apply; choices at once.
    if (e.target instanceof HTMLSelectElement) go(readForm());
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

  const updateSelection = (): void => {
    count.textContent = selected.size === 0 ? 'No claims selected' : `${selected.size} selected`;
    assignButton.disabled = selected.size === 0 || assignTo.value === '';
  };
  assignTo.addEventListener('change', updateSelection);
  assignButton.addEventListener('click', () => {
    const claimIds = [...selected];
    const assigneeId = assignTo.value === 'none' ? null : assignTo.value;
    assignButton.disabled = true;
    post<{ updated: number }>('/api/v1/worklist/assign', { claimIds, assigneeId })
      .then((r) => {
        selected.clear();
        put(status, notice('ok', `Assigned ${r.updated} claim${r.updated === 1 ? '' : 's'}.`));
        return load();
      })
      .catch((e: unknown) => put(status, errorView(e)))
      .finally(updateSelection);
  });

  const sortHeader = (label: string, key: 'risk' | 'deadline'): string =>
    filters.sort === key ? `${label} ▾` : label;

  const columns: Column<WorklistItem>[] = [
    {
      label: '',
      cell: (r) =>
        h('input', {
          type: 'checkbox',
          'aria-label': `Select claim ${r.patientControlNumber}`,
          'data-claim': r.claimId,
          checked: selected.has(r.claimId),
          onchange: (e: Event) => {
            const box = e.target as HTMLInputElement;
            if (box.checked) selected.add(r.claimId);
            else selected.delete(r.claimId);
            box.closest('tr')?.classList.toggle('selected', box.checked);
            updateSelection();
          },
        }),
    },
    {
      label: 'Claim',
      cell: (r) => h('a', { href: `/claims/${r.claimId}`, class: 'mono' }, r.patientControlNumber),
    },
    { label: 'Queue', cell: (r) => badge(QUEUE_LABELS[r.queue], r.queue) },
    { label: 'Payer', cell: (r) => r.payerId },
    { label: 'Provider', cell: (r) => h('span', { class: 'mono' }, r.providerNpi) },
    { label: 'Service date', cell: (r) => fmt.date(r.serviceDate), className: 'nowrap' },
    { label: 'Charge', cell: (r) => fmt.money(r.chargeCents), className: 'num' },
    {
      label: sortHeader('Money at risk', 'risk'),
      cell: (r) => fmt.money(r.moneyAtRiskCents),
      className: 'num money-at-risk',
    },
    { label: 'Risk', cell: (r) => fmt.risk(r.riskMilli), className: 'num' },
    {
      label: sortHeader('Deadline', 'deadline'),
      className: 'nowrap deadline',
      cell: (r) =>
        r.deadline
          ? [
              h('span', { 'data-date': r.deadline }, fmt.date(r.deadline)),
              h('br'),
              // An open alert says it in words (its days left are the server's); else how far the deadline is.
              r.alert
                ? alertBadge(r.alert)
                : badge(
                    `${r.deadlineKind === 'appeal' ? 'appeal' : 'filing'} ${fmt.deadlineIn(r.deadline, today)}`,
                    (fmt.daysBetween(today, r.deadline) ?? 0) < 0 ? 'overdue' : 'deadline',
                  ),
            ]
          : r.alert
            ? alertBadge(r.alert)
            : '—',
    },
    { label: 'Status', cell: (r) => badge(fmt.label(r.status), r.status) },
    { label: 'Assignee', cell: (r) => r.assignee?.username ?? h('span', { class: 'muted' }, 'unassigned') },
    {
      label: 'Top finding',
      className: 'top-finding',
      cell: (r) => [
        r.topFinding
          ? h(
              'span',
              { title: r.topFinding.message },
              badge(r.topFinding.severity, r.topFinding.severity),
              ' ',
              clip(firstSentence(r.topFinding.message), 160),
            )
          : null,
        r.denialCarcs.length > 0
          ? h(
              'div',
              { class: 'muted' },
              `Denied: CARC ${r.denialCarcs.join(', ')}${r.anticipated ? ' — a rule had flagged it' : ' — not predicted'}`,
            )
          : null,
        !r.topFinding && r.denialCarcs.length === 0 ? '—' : null,
      ],
    },
  ];

  async function load(): Promise<void> {
    tableSlot.setAttribute('aria-busy', 'true');
    document.body.dataset['loading'] = 'true';
    // The claim page's "back to the worklist" comes back to these filters (not to a page of them).
    rememberWorklistSearch(tabStorage(), filtersToSearch({ ...filters, cursor: '' }, SPEC));
    const query: Record<string, string> = { ...apiQuery(filters), limit: String(PAGE_SIZE) };
    // The export is the whole view (every page; the server caps it), so neither cursor nor limit.
    const { cursor: _cursor, limit: _limit, ...csvQuery } = query;
    csv.setAttribute('href', withQuery('/api/v1/worklist', { ...csvQuery, format: 'csv' }));
    try {
      const page = await get<{ items: WorklistItem[]; nextCursor: string | null }>('/api/v1/worklist', query);
      items = page.items;
      for (const id of [...selected]) if (!items.some((i) => i.claimId === id)) selected.delete(id);
      put(
        tableSlot,
        table(columns, items, {
          empty: 'No claims match these filters.',
          rowAttrs: (r) => ({
            'data-claim-id': r.claimId,
            class: selected.has(r.claimId) ? 'selected' : null,
          }),
        }),
      );
      const datalistValues = new Set([...payers.querySelectorAll('option')].map((o) => o.value));
      for (const i of items) {
        if (!datalistValues.has(i.payerId)) {
          datalistValues.add(i.payerId);
          payers.append(h('option', { value: i.payerId }));
        }
      }
      put(
        pager,
        filters.cursor
          ? h(
              'a',
              { href: `/worklist${filtersToSearch({ ...filters, cursor: '' }, SPEC)}`, class: 'button' },
              'First page',
            )
          : null,
        h(
          'span',
          { class: 'muted', id: 'row-count' },
          `${items.length} claim${items.length === 1 ? '' : 's'} on this page`,
        ),
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
      updateSelection();
    } catch (e) {
      put(tableSlot, errorView(e));
    } finally {
      tableSlot.removeAttribute('aria-busy');
      delete document.body.dataset['loading'];
    }
  }

  put(
    root,
    h('div', { class: 'actions' }, h('h1', null, 'Worklist'), h('span', { class: 'spacer' }), csv),
    h(
      'p',
      { class: 'muted' },
      'Claims with findings not yet answered and denials not yet worked. Filters stay in the address: bookmark a view or send it to a colleague.',
    ),
    form,
    payers,
    status,
    h('div', { class: 'actions', id: 'bulk' }, count, assignTo, assignButton),
    tableSlot,
    pager,
  );
  await load();
});
