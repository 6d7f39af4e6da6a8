// The finance dashboard: denials, clean claims, money at risk, leakage and whether the rules work,
// each chart and number drilling down to the claims behind it. Filters live in the URL.
import type {
  Chart as ChartJs,
  ChartConfiguration,
  ChartEvent,
  ChartTypeRegistry,
  Plugin,
  TooltipItem,
} from 'chart.js';
import { get } from '../api.js';
import * as data from '../dashboard-data.js';
import { type Child, type Column, badge, field, h, notice, put, select, table } from '../dom.js';
import * as fmt from '../format.js';
import { errorView, startPage } from '../shell.js';
import { filtersToSearch, readFilters } from '../url-state.js';

declare global {
  interface Window {
    /** chart.js's UMD build, loaded by the page shell before this module. */
    Chart?: typeof ChartJs;
  }
}

type AnyTooltip = TooltipItem<keyof ChartTypeRegistry>;

const PAGE_SIZE = 50;

/** Paints the canvas white under the chart, so an exported PNG is not transparent. */
const whiteBackground: Plugin = {
  id: 'cgWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Axis ticks: whole dollars for money, whole percents for rates. */
function tick(measure: data.Measure, value: number | string): string {
  const v = Number(value);
  if (measure === 'money') return fmt.moneyWhole(v);
  if (measure === 'rate') return fmt.percent(v, 0);
  return Number.isInteger(v) ? fmt.count(v) : '';
}

/** The Chart.js configuration of a spec; a click on a bar or point calls `onDrill` with its list. */
function chartConfig(spec: data.ChartSpec, onDrill: (d: data.Drill) => void): ChartConfiguration {
  const scatter = spec.kind === 'scatter';
  const valueAxis = spec.horizontal ? 'x' : 'y';
  const categoryAxis = spec.horizontal ? 'y' : 'x';
  const measures = [...new Set(spec.series.map((s) => s.measure))];
  const axisOf = (m: data.Measure) => (measures.indexOf(m) <= 0 ? valueAxis : `${valueAxis}1`);
  const datasets = spec.series.map((s) => ({
    type: scatter ? 'scatter' : s.line ? 'line' : 'bar',
    label: s.label,
    data: scatter ? (s.points ?? []) : s.data,
    backgroundColor: s.fillToNext ? data.withAlpha(s.color, 0.16) : s.color,
    borderColor: s.color,
    borderWidth: s.line ? 2 : 0,
    borderDash: s.reference ? [6, 4] : [],
    pointRadius: s.reference ? 0 : s.line ? 4 : 0,
    pointHoverRadius: s.reference ? 0 : 6,
    pointHitRadius: s.reference ? 0 : 8,
    fill: s.fillToNext ? '+1' : false,
    showLine: s.line === true,
    // Lines over the bars: higher order is drawn first.
    order: s.line ? 0 : 1,
    ...(scatter ? {} : { [spec.horizontal ? 'xAxisID' : 'yAxisID']: axisOf(s.measure) }),
  }));
  const valueScale = (m: data.Measure, second: boolean) => ({
    beginAtZero: true,
    position: spec.horizontal ? (second ? 'top' : 'bottom') : second ? 'right' : 'left',
    grid: { drawOnChartArea: !second },
    ticks: { callback: (v: number | string) => tick(m, v) },
    title: { display: measures.length > 1, text: m === 'money' ? 'Money' : m === 'rate' ? 'Rate' : 'Claims' },
  });
  const scales: Record<string, unknown> = scatter
    ? {
        x: {
          type: 'linear',
          min: 0,
          max: spec.series[1]?.points?.[1]?.x ?? 1,
          ticks: { callback: (v: number | string) => tick('rate', v) },
          title: { display: true, text: spec.xTitle ?? '' },
        },
        y: {
          type: 'linear',
          min: 0,
          max: spec.series[1]?.points?.[1]?.y ?? 1,
          ticks: { callback: (v: number | string) => tick('rate', v) },
          title: { display: true, text: spec.yTitle ?? '' },
        },
      }
    : {
        [categoryAxis]: { grid: { display: false }, ticks: { autoSkip: false } },
        ...Object.fromEntries(
          measures.map((m, i) => [i === 0 ? valueAxis : `${valueAxis}1`, valueScale(m, i > 0)]),
        ),
      };
  return {
    type: scatter ? 'scatter' : 'bar',
    data: { labels: scatter ? undefined : spec.labels, datasets },
    options: {
      indexAxis: spec.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      skipNull: true,
      interaction: { mode: 'nearest', intersect: true },
      scales,
      onClick: (event: ChartEvent, _elements: unknown, chart: ChartJs) => {
        if (!event.native) return;
        const hits = chart.getElementsAtEventForMode(event.native, 'nearest', { intersect: true }, false);
        for (const hit of hits) {
          const d = spec.series[hit.datasetIndex]?.drills[hit.index];
          if (d) {
            onDrill(d);
            return;
          }
        }
      },
      plugins: {
        legend: {
          labels: {
            filter: (item: { datasetIndex?: number }) => !spec.series[item.datasetIndex ?? -1]?.hideInLegend,
          },
        },
        tooltip: {
          callbacks: {
            title: (items: AnyTooltip[]) => {
              const first = items[0];
              if (!first) return '';
              if (scatter) return first.datasetIndex === 0 ? (spec.hints[first.dataIndex] ?? '') : '';
              return spec.hints[first.dataIndex] ?? spec.labels[first.dataIndex] ?? '';
            },
            label: (item: AnyTooltip) => {
              const s = spec.series[item.datasetIndex];
              if (!s) return '';
              if (scatter) {
                const p = item.raw as { x: number; y: number };
                return `${s.label}: ${fmt.percent(p.y)} at predicted ${fmt.percent(p.x)}`;
              }
              return `${s.label}: ${data.formatMeasure(s.measure, item.raw as number | null)}`;
            },
          },
        },
      },
    },
    plugins: [whiteBackground],
  } as unknown as ChartConfiguration;
}

// ---------------------------------------------------------------------------------------------------
// Drill-down tables
// ---------------------------------------------------------------------------------------------------

/**
 * A link to the claim page, named by the patient control number when the list has it (finance's lists
 * do not) or by the end of the claim id (ids are time-ordered: their start is shared by many claims).
 */
const claimLink = (claimId: string, pcn?: string | null): HTMLElement =>
  h(
    'a',
    { href: `/claims/${claimId}`, class: 'mono', title: `Claim ${claimId}` },
    pcn || `…${claimId.slice(-12)}`,
  );

const CLAIM_COLUMNS: Column<data.ReportClaimItem>[] = [
  { label: 'Claim', cell: (r) => claimLink(r.claimId, r.patientControlNumber) },
  { label: 'Service date', cell: (r) => fmt.date(r.serviceDate), className: 'nowrap' },
  { label: 'Payer', cell: (r) => r.payerId },
  { label: 'Provider', cell: (r) => h('span', { class: 'mono' }, r.providerNpi) },
  { label: 'Type', cell: (r) => fmt.label(r.claimType) },
  { label: 'First answer', cell: (r) => badge(fmt.label(r.firstPass), r.firstPass) },
  { label: 'Denial CARCs', cell: (r) => fmt.list(r.denialCarcs) },
  { label: 'Denial categories', cell: (r) => fmt.list(r.denialCategories.map((c) => fmt.label(c))) },
  { label: 'Findings', cell: (r) => fmt.count(r.findingCount), className: 'num' },
  { label: 'Charge', cell: (r) => fmt.money(r.chargeCents), className: 'num' },
  { label: 'Paid', cell: (r) => fmt.money(r.paidCents), className: 'num' },
  { label: 'Denied', cell: (r) => fmt.money(r.deniedCents), className: 'num' },
  { label: 'Risk', cell: (r) => fmt.risk(r.riskMilli), className: 'num' },
  { label: 'Expected denial', cell: (r) => fmt.money(r.expectedDenialCents), className: 'num' },
];

const KIND_NAMES = new Map<string, string>([...data.LEAKAGE_KINDS, [data.REWORK_AVOIDED, 'Rework avoided']]);

const LEAKAGE_COLUMNS: Column<data.LeakageItem>[] = [
  { label: 'Kind', cell: (r) => KIND_NAMES.get(r.kind) ?? fmt.label(r.kind) },
  { label: 'Category', cell: (r) => fmt.label(r.category) },
  {
    label: 'Claim',
    cell: (r) =>
      r.claimId ? claimLink(r.claimId, r.patientControlNumber) : h('span', { class: 'muted' }, 'remittance'),
  },
  { label: 'Line', cell: (r) => (r.lineNumber > 0 ? r.lineNumber : '—'), className: 'num' },
  { label: 'Month', cell: (r) => fmt.month(r.month), className: 'nowrap' },
  { label: 'Payer', cell: (r) => r.payerId },
  { label: 'Provider', cell: (r) => h('span', { class: 'mono' }, r.providerNpi) },
  { label: 'Amount', cell: (r) => fmt.money(r.amountCents), className: 'num' },
  { label: 'Deadline', cell: (r) => fmt.date(r.deadline), className: 'nowrap' },
  { label: 'Detail', cell: (r) => r.detail },
];

interface FilingRow {
  claimId: string;
  patientControlNumber?: string;
  payerId: string;
  serviceDate: string | null;
  filingDeadline: string | null;
  firstPass: string;
  chargeCents: number;
}

const FILING_COLUMNS: Column<FilingRow>[] = [
  { label: 'Claim', cell: (r) => claimLink(r.claimId, r.patientControlNumber) },
  { label: 'Service date', cell: (r) => fmt.date(r.serviceDate), className: 'nowrap' },
  { label: 'Payer', cell: (r) => r.payerId },
  { label: 'Filing limit', cell: (r) => fmt.date(r.filingDeadline), className: 'nowrap' },
  { label: 'First answer', cell: (r) => badge(fmt.label(r.firstPass), r.firstPass) },
  { label: 'Charge', cell: (r) => fmt.money(r.chargeCents), className: 'num' },
];

let busyCount = 0;
/** Marks the page busy (`<body data-loading>`) while `work` runs: tests and screen readers wait for it. */
async function busy<T>(work: () => Promise<T>): Promise<T> {
  busyCount++;
  document.body.dataset['loading'] = 'true';
  try {
    return await work();
  } finally {
    busyCount--;
    if (busyCount === 0) delete document.body.dataset['loading'];
  }
}

/** Opens the list behind a bar or number in `slot`: a table of its rows, more on demand, and its CSV. */
function openDrill(slot: HTMLElement, d: data.Drill): void {
  const body = h('div', { class: 'table-wrap' });
  const more = h('div', { class: 'pager' });
  const panel = h(
    'section',
    { class: 'panel drill-panel', 'data-drill-list': d.list, 'aria-label': d.title },
    h(
      'div',
      { class: 'actions' },
      h('h3', null, d.title),
      h('span', { class: 'spacer' }),
      h(
        'a',
        {
          class: 'button',
          href: data.drillCsvUrl(d),
          download: '',
          'data-export': 'csv',
          title: `The first ${data.CSV_LIMIT} rows as CSV`,
        },
        'CSV',
      ),
      h('button', { type: 'button', class: 'close', onclick: () => put(slot) }, 'Close'),
    ),
    body,
    more,
  );
  put(slot, panel);
  const rows: unknown[] = [];

  const draw = (nextCursor: string | null) => {
    const opts = {
      empty: 'No claims behind this figure.',
      className: 'grid drill-table',
    };
    put(
      body,
      d.list === 'claims'
        ? table(CLAIM_COLUMNS, rows as data.ReportClaimItem[], {
            ...opts,
            rowAttrs: (r) => ({ 'data-claim-id': r.claimId }),
          })
        : d.list === 'leakage'
          ? table(LEAKAGE_COLUMNS, rows as data.LeakageItem[], {
              ...opts,
              empty: 'No items behind this figure.',
              rowAttrs: (r) => ({ 'data-claim-id': r.claimId ?? '', 'data-kind': r.kind }),
            })
          : table(FILING_COLUMNS, rows as FilingRow[], {
              ...opts,
              rowAttrs: (r) => ({ 'data-claim-id': r.claimId }),
            }),
    );
    put(
      more,
      h('span', { class: 'muted drill-count' }, `${fmt.count(rows.length)} shown`),
      nextCursor
        ? h('button', { type: 'button', class: 'more', onclick: () => void load(nextCursor) }, 'Show more')
        : null,
    );
  };

  const load = (cursor: string | null) =>
    busy(async () => {
      try {
        if (d.list === 'filing') {
          const answer = await get<{ filing: { rows: FilingRow[] } }>(data.drillUrl(d, 500));
          rows.push(...answer.filing.rows);
          draw(null);
        } else {
          const page = await get<{ items: unknown[]; nextCursor: string | null }>(
            data.drillUrl(d, PAGE_SIZE, cursor),
          );
          rows.push(...page.items);
          draw(page.nextCursor);
        }
      } catch (e) {
        put(more, errorView(e));
      }
    });

  void load(null).then(() => panel.scrollIntoView({ block: 'nearest' }));
}

// ---------------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------------

interface DrawnCard {
  card: HTMLElement;
  slot: HTMLElement;
  draw?: () => void;
}

/** The table of a chart's numbers (for keyboards and screen readers), each row drilling too. */
function dataTable(spec: data.ChartSpec, open: (d: data.Drill) => void): HTMLElement {
  const shown = spec.series.filter((s) => !s.reference);
  const rowsOf = spec.labels.map((label, i) => ({ label, i }));
  const columns: Column<{ label: string; i: number }>[] = [
    {
      label: spec.kind === 'scatter' ? 'Decile' : 'Group',
      cell: ({ label, i }) => {
        const d = shown.map((s) => s.drills[i]).find((x) => x);
        return d
          ? h(
              'button',
              { type: 'button', class: 'link', title: spec.hints[i] ?? label, onclick: () => open(d) },
              label,
            )
          : label;
      },
    },
    ...(spec.kind === 'scatter'
      ? [
          {
            label: 'Predicted',
            className: 'num',
            cell: ({ i }: { i: number }) => fmt.percent(shown[0]?.points?.[i]?.x),
          },
          {
            label: 'Observed',
            className: 'num',
            cell: ({ i }: { i: number }) => fmt.percent(shown[0]?.points?.[i]?.y),
          },
        ]
      : shown.map((s) => ({
          label: s.label,
          className: 'num',
          cell: ({ i }: { i: number }) => data.formatMeasure(s.measure, s.data[i]),
        }))),
  ];
  return h('details', { class: 'chart-data' }, h('summary', null, 'Data table'), table(columns, rowsOf));
}

/** Horizontal charts with many bars get a taller box, so every label stays readable. */
function boxSize(spec: data.ChartSpec): string {
  if (!spec.horizontal) return '';
  const bars = spec.labels.length * Math.max(1, spec.series.filter((s) => !s.reference).length);
  return bars > 30 ? ' tall' : bars > 14 ? ' medium' : '';
}

function chartCard(
  spec: data.ChartSpec,
  filters: data.DashboardFilters,
  o: { csv: string; csvTitle?: string; notes?: Child[] | ((open: (d: data.Drill) => void) => Child[]) },
): DrawnCard {
  const slot = h('div', { class: 'drill-slot', 'data-for': spec.id });
  const open = (d: data.Drill) => openDrill(slot, d);
  const notes = typeof o.notes === 'function' ? o.notes(open) : o.notes;
  const canvas = h('canvas', { role: 'img', 'aria-label': spec.title });
  const png = h(
    'a',
    { class: 'button', href: '#', download: data.pngName(spec.id, filters), 'data-export': 'png' },
    'PNG',
  );
  png.addEventListener('click', () => {
    // Set just before the browser follows the link: the chart as it is drawn now.
    png.setAttribute('href', canvas.toDataURL('image/png'));
  });
  const card = h(
    'section',
    { class: 'panel chart-card', id: `chart-${spec.id}`, 'data-chart': spec.id },
    h(
      'div',
      { class: 'actions chart-head' },
      h('h3', null, spec.title),
      h('span', { class: 'spacer' }),
      h(
        'a',
        {
          class: 'button',
          href: o.csv,
          download: '',
          'data-export': 'csv',
          title: o.csvTitle ?? 'The numbers as CSV',
        },
        'CSV',
      ),
      spec.empty ? null : png,
    ),
    spec.empty
      ? h('p', { class: 'muted empty-chart' }, spec.empty)
      : h('div', { class: `chart-box${boxSize(spec)}` }, canvas),
    notes?.length ? h('div', { class: 'chart-notes' }, ...notes) : null,
    spec.empty ? null : dataTable(spec, open),
  );
  const ChartCtor = window.Chart;
  return {
    card,
    slot,
    draw: spec.empty
      ? undefined
      : () => {
          if (!ChartCtor) throw new Error('The charts library did not load (/assets/vendor/chart.umd.js).');
          charts.push(new ChartCtor(canvas, chartConfig(spec, open)));
        },
  };
}

const charts: ChartJs[] = [];

/** A grid of cards, each followed by its (full-width) drill-down slot. */
function grid(cards: DrawnCard[]): HTMLElement {
  return h(
    'div',
    { class: 'charts dashboard-charts' },
    cards.map((c) => [c.card, c.slot]),
  );
}

function tilesView(tiles: data.Tile[]): HTMLElement[] {
  const slot = h('div', { class: 'drill-slot', 'data-for': 'tiles' });
  return [
    h(
      'div',
      { class: 'tiles', id: 'tiles' },
      tiles.map((t) =>
        h(
          'button',
          {
            type: 'button',
            class: 'tile drillable',
            'data-tile': t.id,
            title: `Show: ${t.drill.title}`,
            onclick: () => openDrill(slot, t.drill),
          },
          h('span', { class: 'what' }, t.label),
          h('span', { class: 'value' }, t.value),
          h('span', { class: 'detail' }, t.detail),
          t.bench ? h('span', { class: 'bench' }, t.bench) : null,
        ),
      ),
    ),
    slot,
  ];
}

function unanticipatedTable(
  rows: readonly data.UnanticipatedCarc[],
  filters: data.DashboardFilters,
): DrawnCard {
  const slot = h('div', { class: 'drill-slot', 'data-for': 'unanticipated' });
  const top = rows.slice(0, 12);
  const card = h(
    'section',
    { class: 'panel chart-card', id: 'unanticipated', 'data-chart': 'unanticipated' },
    h(
      'div',
      { class: 'actions chart-head' },
      h('h3', null, 'Denials nobody predicted, by CARC'),
      h('span', { class: 'spacer' }),
      h(
        'a',
        {
          class: 'button',
          href: data.reportCsvUrl('backtest', filters),
          download: '',
          'data-export': 'csv',
          title: 'Recall and precision per rule as CSV',
        },
        'CSV (per rule)',
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      'Candidates for new rules: denial reasons no block or warn finding anticipated.',
    ),
    table(
      [
        {
          label: 'CARC',
          cell: (r: data.UnanticipatedCarc) =>
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                onclick: () =>
                  openDrill(
                    slot,
                    data.claimsDrill(
                      filters,
                      { outcome: 'denied-or-partial', carc: r.carc },
                      `Denied claims with CARC ${r.carc} (anticipated or not)`,
                    ),
                  ),
              },
              r.carc,
            ),
        },
        { label: 'Categories', cell: (r) => fmt.list(r.categories.map((c) => fmt.label(c))) },
        { label: 'Unpredicted denials', cell: (r) => fmt.count(r.denials), className: 'num' },
        { label: 'Denied money (approx.)', cell: (r) => fmt.money(r.deniedCents), className: 'num' },
      ],
      top,
      { empty: 'Every denial in this range was anticipated by a rule.' },
    ),
  );
  return { card, slot };
}

// ---------------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------------

startPage(async (root) => {
  let filters = readFilters(location.search, data.DASHBOARD_SPEC);
  const payers = new Set<string>();
  const providers = new Set<string>();
  const payerList = h('datalist', { id: 'dashboard-payers' });
  const providerList = h('datalist', { id: 'dashboard-providers' });
  const content = h('div', { id: 'dashboard-content', 'aria-live': 'polite' });
  const scope = h('p', { class: 'muted', id: 'dashboard-scope' });

  const form = h('form', { class: 'filters', id: 'filters' });
  const control = {
    from: h('input', { name: 'from', type: 'month', value: filters.from, 'aria-label': 'From month' }),
    to: h('input', { name: 'to', type: 'month', value: filters.to, 'aria-label': 'To month' }),
    payerId: h('input', {
      name: 'payerId',
      value: filters.payerId,
      placeholder: 'any',
      list: 'dashboard-payers',
      maxlength: 80,
    }),
    providerNpi: h('input', {
      name: 'providerNpi',
      value: filters.providerNpi,
      placeholder: '10 digits',
      inputmode: 'numeric',
      pattern: '\\d{10}',
      list: 'dashboard-providers',
    }),
    claimType: select(
      'claimType',
      [['', 'Any'], ...data.CLAIM_TYPES.map((t) => [t, fmt.label(t)] as const)],
      filters.claimType,
    ),
  };
  const formProblem = h('div', { class: 'status-slot', id: 'filter-problem' });
  put(
    form,
    field('From month', control.from),
    field('To month', control.to),
    field('Payer', control.payerId),
    field('Provider NPI', control.providerNpi),
    field('Claim type', control.claimType),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
    h('a', { href: '/dashboard', class: 'button' }, 'Clear'),
  );

  const readForm = (): data.DashboardFilters => {
    const fd = new FormData(form);
    const next: Record<string, string> = {};
    for (const key of Object.keys(data.DASHBOARD_SPEC)) next[key] = String(fd.get(key) ?? '').trim();
    return readFilters(new URLSearchParams(next), data.DASHBOARD_SPEC);
  };
  const go = (next: data.DashboardFilters): void => {
    const problem = data.filterProblem(next);
    if (problem) {
      put(formProblem, notice('error', problem));
      return;
    }
    put(formProblem);
    filters = next;
    history.pushState(null, '', `/dashboard${filtersToSearch(filters, data.DASHBOARD_SPEC)}`);
    void load();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go(readForm());
  });
  form.addEventListener('change', (e) => {
    if (e.target instanceof HTMLSelectElement) go(readForm());
  });
  window.addEventListener('popstate', () => {
    filters = readFilters(location.search, data.DASHBOARD_SPEC);
    for (const [k, el] of Object.entries(control)) el.value = filters[k as keyof typeof control];
    void load();
  });

  const remember = (set: Set<string>, list: HTMLDataListElement, keys: string[]) => {
    for (const k of keys) {
      if (!set.has(k)) {
        set.add(k);
        list.append(h('option', { value: k }));
      }
    }
  };

  async function load(): Promise<void> {
    await busy(async () => {
      content.setAttribute('aria-busy', 'true');
      for (const c of charts.splice(0)) c.destroy();
      const q = data.reportQuery(filters);
      put(scope, `Showing ${data.describeFilters(filters)} (months are months of service).`);
      try {
        const [dash, clean, risk, backtest] = await Promise.all([
          get<data.DashboardAnswer>('/api/v1/reports/dashboard', q),
          get<{ rows: data.CleanClaimRow[] }>('/api/v1/reports/clean-claims', q),
          get<{ rows: data.MoneyAtRiskRow[] }>('/api/v1/reports/money-at-risk', { ...q, groupBy: 'payer' }),
          get<{ unanticipated: data.UnanticipatedCarc[]; ruleSetVersion?: string; note?: string }>(
            '/api/v1/reports/backtest',
            q,
          ),
        ]);
        remember(payers, payerList, data.keysOf(dash.denialsByPayer));
        remember(providers, providerList, data.keysOf(dash.denialsByProvider));
        render(dash, clean.rows, risk.rows, backtest);
      } catch (e) {
        put(content, errorView(e));
      } finally {
        content.removeAttribute('aria-busy');
      }
    });
  }

  function render(
    dash: data.DashboardAnswer,
    clean: data.CleanClaimRow[],
    risk: data.MoneyAtRiskRow[],
    backtest: { unanticipated: data.UnanticipatedCarc[]; ruleSetVersion?: string; note?: string },
  ): void {
    const f = filters;
    const csv = (report: string, extra: Record<string, string> = {}) => data.reportCsvUrl(report, f, extra);
    const denialCards = [
      chartCard(data.denialRateByMonth(dash.denialsByMonth), f, {
        csv: csv('denials', { groupBy: 'month' }),
        notes: [h('p', { class: 'bench' }, data.DENIAL_BENCHMARK.source)],
      }),
      chartCard(data.denialsBy('category', dash.denialsByCategory), f, {
        csv: csv('denials', { groupBy: 'category' }),
      }),
      chartCard(data.denialsBy('carc', dash.topCarcs), f, {
        csv: csv('denials', { groupBy: 'carc' }),
        notes: [h('p', { class: 'muted' }, 'The 15 CARCs with the most denials.')],
      }),
      chartCard(data.denialsBy('payer', dash.denialsByPayer), f, {
        csv: csv('denials', { groupBy: 'payer' }),
      }),
      chartCard(data.denialsBy('provider', dash.denialsByProvider), f, {
        csv: csv('denials', { groupBy: 'provider' }),
        notes: [h('p', { class: 'muted' }, 'The 25 providers with the most denials.')],
      }),
    ];
    const moneyCards = [
      chartCard(data.cleanClaimRateByMonth(clean), f, {
        csv: csv('clean-claims'),
        notes: [h('p', { class: 'bench' }, data.CLEAN_CLAIM_TARGET.source)],
      }),
      chartCard(data.moneyAtRiskBy(risk), f, { csv: csv('money-at-risk', { groupBy: 'payer' }) }),
    ];
    const ahead = data.aheadNotes(dash.leakage.ahead, f);
    const leakageCard = chartCard(data.leakageByKind(dash.leakage.rows, f), f, {
      csv: csv('leakage', { groupBy: 'kind' }),
      notes: (open) => [
        h(
          'ul',
          { class: 'ahead' },
          ahead.map((a) =>
            h(
              'li',
              null,
              h(
                'button',
                { type: 'button', class: 'link', 'data-ahead': a.id, onclick: () => open(a.drill) },
                a.text,
              ),
            ),
          ),
        ),
      ],
    });
    const rulesCards = [
      chartCard(data.backtestByCategory(dash.backtest.categories, f), f, {
        csv: csv('backtest'),
        csvTitle: 'Recall and precision per rule as CSV',
        notes: [
          h(
            'p',
            { class: 'muted' },
            'Recall: denials a block or warn finding of the same category flagged before the payer answered. ' +
              'Precision: answered claims flagged in the category that the payer then denied.',
          ),
          backtest.note ? h('p', { class: 'muted' }, backtest.note) : null,
        ],
      }),
      chartCard(data.reliabilityChart(dash.calibration), f, {
        csv: withCsv('/api/v1/reports/calibration'),
        csvTitle: 'The reliability table as CSV',
        notes: [h('p', { class: 'muted', id: 'brier' }, data.brierSummary(dash.calibration))],
      }),
      unanticipatedTable(backtest.unanticipated, f),
    ];
    put(
      content,
      tilesView(data.headlineTiles(dash, f)),
      h('h2', null, 'Denials'),
      grid(denialCards),
      h('h2', null, 'Clean claims and money at risk'),
      grid(moneyCards),
      h('h2', null, 'Leakage'),
      grid([leakageCard]),
      h('h2', null, 'Do the rules work?'),
      h(
        'p',
        { class: 'muted' },
        `Rule set ${backtest.ruleSetVersion ?? '—'}; risk model: ${
          dash.summary.riskModel.source === 'fitted'
            ? `fitted ${fmt.dateTime(dash.summary.riskModel.fittedAt)}`
            : 'priors (no model fitted yet)'
        }.`,
      ),
      grid(rulesCards),
    );
    for (const c of [...denialCards, ...moneyCards, leakageCard, ...rulesCards]) c.draw?.();
  }

  put(
    root,
    h('div', { class: 'actions' }, h('h1', null, 'Finance dashboard')),
    scope,
    form,
    payerList,
    providerList,
    formProblem,
    content,
  );
  await load();
});

/** A report without filters as CSV. */
function withCsv(path: string): string {
  return `${path}?format=csv`;
}
