// Digests: the daily and weekly reports the scheduled jobs write (new denials, money at risk,
// leakage, approaching deadlines), newest first, each to open as HTML or download as CSV.
import { get } from '../api.js';
import { type Column, field, h, put, select, table } from '../dom.js';
import { type Digest, DIGEST_PAGE, kindFilter, kindLabel, periodText } from '../digests-view.js';
import * as fmt from '../format.js';
import { errorView, startPage } from '../shell.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A count with its money: `12 · $1,234.56`. */
const countAndMoney = (n: number | undefined, cents: number | undefined): string =>
  `${fmt.count(n)} · ${fmt.money(cents)}`;

const COLUMNS: Column<Digest>[] = [
  {
    label: 'Period',
    cell: (d) => h('span', { class: 'nowrap' }, periodText(d, fmt.date)),
  },
  { label: 'Kind', cell: (d) => kindLabel(d.kind) },
  { label: 'Written', cell: (d) => fmt.dateTime(d.createdAt), className: 'nowrap' },
  {
    label: 'New denials',
    cell: (d) => countAndMoney(d.summary.denials, d.summary.deniedCents),
    className: 'num',
  },
  {
    label: 'Money at risk (open flagged)',
    cell: (d) => countAndMoney(d.summary.atRiskClaims, d.summary.atRiskCents),
    className: 'num',
  },
  { label: 'Leakage to date', cell: (d) => fmt.money(d.summary.leakageCents), className: 'num' },
  {
    label: 'Deadlines',
    cell: (d) => countAndMoney(d.summary.deadlines, d.summary.deadlineAtRiskCents),
    className: 'num',
  },
  {
    label: 'Files',
    cell: (d) =>
      h(
        'span',
        { class: 'nowrap' },
        h('a', { href: d.htmlUrl, target: '_blank', rel: 'noopener', 'data-open': d.id }, 'Open'),
        ' · ',
        h('a', { href: d.csvUrl, download: true, 'data-csv': d.id }, 'CSV'),
      ),
  },
];

startPage(async (root) => {
  const kind = kindFilter(location.search);
  const chooser = select(
    'kind',
    [
      ['', 'Daily and weekly'],
      ['daily', 'Daily'],
      ['weekly', 'Weekly'],
    ],
    kind ?? '',
  );
  chooser.addEventListener('change', () => {
    const q = chooser.value ? `?kind=${encodeURIComponent(chooser.value)}` : '';
    location.assign(`/digests${q}`);
  });

  const rows: Digest[] = [];
  const list = h('div', { class: 'table-wrap', id: 'digests-table' });
  const more = h('div', { class: 'actions', id: 'digests-more' });

  const load = async (cursor: string | null): Promise<void> => {
    const page = await get<Page<Digest>>('/api/v1/digests', {
      limit: DIGEST_PAGE,
      kind: kind ?? undefined,
      cursor: cursor ?? undefined,
    });
    rows.push(...page.items);
    put(
      list,
      table(COLUMNS, rows, {
        empty:
          'No digests yet. The digest jobs write one every day and every week (see the scheduled jobs); each is listed here.',
        rowAttrs: (d) => ({ 'data-digest': d.id }),
      }),
    );
    put(
      more,
      page.nextCursor === null
        ? null
        : h(
            'button',
            {
              type: 'button',
              onclick: (e: Event) => {
                (e.currentTarget as HTMLButtonElement).disabled = true;
                load(page.nextCursor).catch((err: unknown) => put(more, errorView(err)));
              },
            },
            'Show older digests',
          ),
    );
  };

  put(
    root,
    h('h1', null, 'Digests'),
    h(
      'p',
      { class: 'muted' },
      'The daily digest covers yesterday, the weekly one the seven days ending yesterday: new denials, money at risk, leakage and approaching deadlines. Claims are named by claim id, payer and billing NPI only, without patient identifiers, so a digest can be shared with finance.',
    ),
    h(
      'form',
      { class: 'filters', id: 'digest-filters', onsubmit: (e: Event) => e.preventDefault() },
      field('Show', chooser),
    ),
    list,
    more,
  );
  await load(null);
});
