import { readFilters } from './url-state.js';
import * as sut from './dashboard-data.js';

const NONE = readFilters('', sut.DASHBOARD_SPEC);
const Q1 = readFilters('?from=2026-01&to=2026-03&payerId=AETNA1&claimType=professional', sut.DASHBOARD_SPEC);

const denialRow = (key: string, denied: number, adjudicated: number, deniedCents: number): sut.DenialRow => ({
  key,
  claims: adjudicated + 2,
  adjudicated,
  denied,
  denialRate: adjudicated ? Math.round((denied / adjudicated) * 10000) / 10000 : null,
  clean: adjudicated - denied,
  cleanClaimRate: adjudicated ? (adjudicated - denied) / adjudicated : null,
  chargeCents: 100_00 * adjudicated,
  paidCents: 80_00 * adjudicated,
  deniedCents,
  drill: `/api/v1/reports/claims?from=${key}&to=${key}&outcome=denied-or-partial`,
});

describe('dashboard-data', () => {
  describe('filters', () => {
    it('reads the filters from the URL, dropping values the API would refuse', () => {
      expect(
        readFilters('?from=2026-13&to=2026-02&providerNpi=123&claimType=vision', sut.DASHBOARD_SPEC),
      ).toEqual({
        from: '',
        to: '2026-02',
        payerId: '',
        providerNpi: '',
        claimType: '',
      });
      expect(sut.reportQuery(Q1)).toEqual({
        from: '2026-01',
        to: '2026-03',
        payerId: 'AETNA1',
        claimType: 'professional',
      });
      expect(sut.reportQuery(NONE)).toEqual({});
    });

    it('names a range that runs backwards before the server does', () => {
      expect(sut.filterProblem({ ...NONE, from: '2026-04', to: '2026-02' })).toMatch(
        /2026-04.*after.*2026-02/,
      );
      expect(sut.filterProblem(Q1)).toBeNull();
      expect(sut.filterProblem({ ...NONE, from: '2026-04' })).toBeNull();
    });

    it('describes the filters in words', () => {
      expect(sut.describeFilters(NONE)).toBe('all claims');
      expect(sut.describeFilters(Q1)).toBe('Jan 2026–Mar 2026 · payer AETNA1 · professional');
      expect(sut.describeFilters({ ...NONE, to: '2026-02' })).toBe('start–Feb 2026');
    });
  });

  describe('drill-downs', () => {
    it('takes the server’s drill of a report row, and nothing but the two report lists', () => {
      expect(
        sut.serverDrill('/api/v1/reports/claims?from=2026-01&to=2026-01&outcome=denied-or-partial', 'T'),
      ).toEqual({
        list: 'claims',
        query: { from: '2026-01', to: '2026-01', outcome: 'denied-or-partial' },
        title: 'T',
      });
      expect(sut.serverDrill('/api/v1/reports/leakage/items?kind=denial', 'L')).toEqual({
        list: 'leakage',
        query: { kind: 'denial' },
        title: 'L',
      });
      expect(sut.serverDrill('/api/v1/users?x=1', 'X')).toBeNull();
      expect(sut.serverDrill('https://evil.example/api/v1/reports/claims?x=1', 'X')).toBeNull();
      expect(sut.serverDrill(undefined, 'X')).toBeNull();
    });

    it('builds the page, CSV and report export URLs with the filters', () => {
      const d = sut.claimsDrill(Q1, { outcome: 'pending' }, 'Waiting');
      expect(sut.drillUrl(d, 50)).toBe(
        '/api/v1/reports/claims?from=2026-01&to=2026-03&payerId=AETNA1&claimType=professional&outcome=pending&limit=50',
      );
      expect(sut.drillUrl(d, 50, 'abc')).toMatch(/&limit=50&cursor=abc$/);
      const csv = new URL(sut.drillCsvUrl(d), 'http://x');
      expect(csv.pathname).toBe('/api/v1/reports/claims');
      expect(Object.fromEntries(csv.searchParams)).toEqual({
        from: '2026-01',
        to: '2026-03',
        payerId: 'AETNA1',
        claimType: 'professional',
        outcome: 'pending',
        limit: String(sut.CSV_LIMIT),
        format: 'csv',
      });
      expect(sut.drillCsvUrl(sut.leakageDrill(NONE, { kind: 'rework' }, 'R'))).toBe(
        '/api/v1/reports/leakage/items?kind=rework&limit=500&format=csv',
      );
      expect(sut.reportCsvUrl('denials', Q1, { groupBy: 'payer' })).toBe(
        '/api/v1/reports/denials?groupBy=payer&from=2026-01&to=2026-03&payerId=AETNA1&claimType=professional&format=csv',
      );
    });

    it('names PNG files after the chart and the filters', () => {
      expect(sut.pngName('denials-by-payer', NONE)).toBe('denials-by-payer.png');
      expect(sut.pngName('denials-by-payer', Q1)).toBe(
        'denials-by-payer-2026-01-2026-03-AETNA1-professional.png',
      );
      expect(sut.pngName('x', { ...NONE, payerId: 'A B/C' })).toBe('x-A_B_C.png');
    });
  });

  describe('charts', () => {
    it('denial rate by month: one bar per month with its drill, and the 10–15% industry band', () => {
      const spec = sut.denialRateByMonth([
        denialRow('2026-01', 6, 50, 1200_00),
        denialRow('2026-02', 9, 60, 900_00),
      ]);
      expect(spec.labels).toEqual(['Jan 2026', 'Feb 2026']);
      const [rate, high, low] = spec.series;
      expect(rate!.data).toEqual([0.12, 0.15]);
      expect(rate!.drills.map((d) => d?.query)).toEqual([
        { from: '2026-01', to: '2026-01', outcome: 'denied-or-partial' },
        { from: '2026-02', to: '2026-02', outcome: 'denied-or-partial' },
      ]);
      expect(high).toMatchObject({ data: [0.15, 0.15], reference: true, fillToNext: true, line: true });
      expect(low).toMatchObject({ data: [0.1, 0.1], reference: true, hideInLegend: true });
      expect(high!.drills).toEqual([null, null]);
      expect(spec.empty).toBeNull();
      expect(sut.denialRateByMonth([]).empty).toMatch(/No claims/);
    });

    it('clean-claim rate by month with the 95% target line', () => {
      const spec = sut.cleanClaimRateByMonth([
        {
          key: '2026-01',
          adjudicated: 40,
          clean: 36,
          cleanClaimRate: 0.9,
          drill: '/api/v1/reports/claims?outcome=paid',
        },
      ]);
      expect(spec.series[0]!.data).toEqual([0.9]);
      expect(spec.series[0]!.drills[0]!.query).toEqual({ outcome: 'paid' });
      expect(spec.series[1]).toMatchObject({ data: [0.95], reference: true });
    });

    it('denials by CARC: count and money per code, both bars drilling to the same claims', () => {
      const rows: sut.DenialCodeRow[] = [
        {
          key: '197',
          label: 'Authorization absent',
          category: 'authorization',
          denied: 5,
          deniedCents: 2500_00,
          shareOfAdjudicated: 0.05,
          anticipated: 3,
          anticipatedRate: 0.6,
          drill: '/api/v1/reports/claims?outcome=denied-or-partial&carc=197',
        },
        {
          key: '16',
          denied: 0,
          deniedCents: 0,
          shareOfAdjudicated: 0,
          anticipated: 0,
          anticipatedRate: null,
          drill: '/api/v1/reports/claims?carc=16',
        },
      ];
      const spec = sut.denialsBy('carc', rows);
      expect(spec.labels).toEqual(['CARC 197']);
      expect(spec.hints).toEqual(['CARC 197 — Authorization absent · category Authorization']);
      expect(spec.series.map((s) => [s.measure, s.data])).toEqual([
        ['count', [5]],
        ['money', [2500_00]],
      ]);
      expect(spec.series[0]!.drills).toEqual(spec.series[1]!.drills);
      expect(spec.series[0]!.drills[0]).toEqual({
        list: 'claims',
        query: { outcome: 'denied-or-partial', carc: '197' },
        title: 'Denied claims — CARC 197',
      });
      expect(spec.horizontal).toBe(true);
    });

    it('denials by payer show the payer’s denial rate in the hint; none at all says so', () => {
      const spec = sut.denialsBy('payer', [denialRow('AETNA1', 3, 30, 300_00)]);
      expect(spec.labels).toEqual(['AETNA1']);
      expect(spec.hints[0]).toBe('AETNA1 — denial rate 10.0%');
      expect(sut.denialsBy('provider', [denialRow('1234567890', 0, 30, 0)]).empty).toMatch(/No denials/);
      expect(
        sut.denialsBy('category', [
          { ...denialRow('medical-necessity', 1, 1, 1), anticipatedRate: 1 } as never,
        ]).labels,
      ).toEqual(['Medical necessity']);
    });

    it('leakage: every kind in a fixed order (zeros too), rework avoided apart as money saved', () => {
      const rows: sut.LeakageRow[] = [
        {
          key: 'rework',
          items: 4,
          amountCents: 100_00,
          reworkAvoidedCents: 0,
          drill: '/api/v1/reports/leakage/items?kind=rework',
        },
        {
          key: 'denial',
          items: 2,
          amountCents: 900_00,
          reworkAvoidedCents: 0,
          drill: '/api/v1/reports/leakage/items?kind=denial',
        },
        {
          key: 'rework-avoided',
          items: 0,
          amountCents: 0,
          reworkAvoidedCents: 75_00,
          drill: '/api/v1/reports/leakage/items?kind=rework-avoided',
        },
      ];
      const spec = sut.leakageByKind(rows, Q1);
      expect(spec.labels).toEqual([
        'Denials not worked',
        'Underpayments (below contract)',
        'Missed charges',
        'Timely-filing losses',
        'Recoupments',
        'Reversals',
        'Rework cost',
        'Rework avoided (saved)',
      ]);
      const [lost, saved] = spec.series;
      expect(lost!.data).toEqual([900_00, 0, 0, 0, 0, 0, 100_00, null]);
      expect(saved!.data).toEqual([null, null, null, null, null, null, null, 75_00]);
      // A kind without items still drills (to its empty list), with the page's filters.
      expect(lost!.drills[1]).toEqual({
        list: 'leakage',
        query: {
          from: '2026-01',
          to: '2026-03',
          payerId: 'AETNA1',
          claimType: 'professional',
          kind: 'underpayment',
        },
        title: 'Leakage: Underpayments (below contract)',
      });
      expect(lost!.drills[0]!.query).toEqual({ kind: 'denial' });
      expect(lost!.drills[7]).toBeNull();
      expect(saved!.drills[7]!.query).toEqual({ kind: 'rework-avoided' });
    });

    it('backtest: recall drills to the category’s denials, precision to its flagged claims', () => {
      const cat = (
        category: string,
        denials: number,
        anticipated: number,
        flagged: number,
        flaggedDenied: number,
      ) => ({
        category,
        flagged,
        flaggedDenied,
        flaggedMatching: flaggedDenied,
        denials,
        anticipated,
        deniedCents: denials * 100,
        recall: denials ? anticipated / denials : null,
        precision: flagged ? flaggedDenied / flagged : null,
        precisionMatching: null,
      });
      const spec = sut.backtestByCategory(
        {
          authorization: cat('authorization', 4, 3, 5, 3),
          coding: cat('coding', 0, 0, 2, 0),
          units: cat('units', 0, 0, 0, 0),
          eligibility: cat('eligibility', 6, 0, 0, 0),
        },
        NONE,
      );
      expect(spec.labels).toEqual(['Eligibility', 'Authorization', 'Coding']);
      expect(spec.series[0]!.data).toEqual([0, 0.75, null]);
      expect(spec.series[1]!.data).toEqual([null, 0.6, 0]);
      expect(spec.series[0]!.drills.map((d) => d?.query ?? null)).toEqual([
        { outcome: 'denied-or-partial', category: 'eligibility' },
        { outcome: 'denied-or-partial', category: 'authorization' },
        null,
      ]);
      expect(spec.series[1]!.drills.map((d) => d?.query ?? null)).toEqual([
        null,
        { outcome: 'adjudicated', flaggedCategory: 'authorization' },
        { outcome: 'adjudicated', flaggedCategory: 'coding' },
      ]);
    });

    it('calibration: a point per decile against the diagonal, drilling to the held-out months', () => {
      const answer: sut.CalibrationAnswer = {
        riskModel: { id: 'm', fittedAt: '2026-04-01T00:00:00Z', source: 'fitted' },
        calibration: {
          n: 20,
          denied: 4,
          meanPredicted: 0.2,
          observedRate: 0.2,
          brier: 0.1234,
          brierPrior: 0.2,
          brierBase: 0.15,
          reliability: [
            { bin: 1, n: 10, meanPredicted: 0.05, observedRate: 0.1, minPredicted: 0.02, maxPredicted: 0.08 },
            { bin: 2, n: 10, meanPredicted: 0.35, observedRate: 0.3, minPredicted: 0.2, maxPredicted: 0.5 },
          ],
          holdout: { fromMonth: '2026-03', toMonth: '2026-03', claims: 20, trainClaims: 40 },
        },
      };
      const spec = sut.reliabilityChart(answer);
      expect(spec.kind).toBe('scatter');
      expect(spec.series[0]!.points).toEqual([
        { x: 0.05, y: 0.1 },
        { x: 0.35, y: 0.3 },
      ]);
      expect(spec.series[1]!.points).toEqual([
        { x: 0, y: 0 },
        { x: 0.4, y: 0.4 },
      ]);
      expect(spec.series[0]!.drills[0]!.query).toEqual({
        from: '2026-03',
        to: '2026-03',
        outcome: 'adjudicated',
      });
      expect(sut.brierSummary(answer)).toBe(
        "Brier score 0.123 on 20 claims of Mar 2026–Mar 2026 held out of the fit (lower is better; priors only 0.200, each payer's own denial rate 0.150).",
      );
      const none: sut.CalibrationAnswer = {
        riskModel: { id: null, fittedAt: null, source: 'priors' },
        calibration: null,
        note: 'no model fitted yet',
      };
      expect(sut.reliabilityChart(none).empty).toBe('no model fitted yet');
      expect(sut.brierSummary(none)).toBe('no model fitted yet');
    });
  });

  it('compares the denial rate with the industry band in plain words', () => {
    expect(sut.denialRateVersusBenchmark(0.08)).toBe('8.0% is below the industry range of 10%–15%.');
    expect(sut.denialRateVersusBenchmark(0.12)).toBe('12.0% is within the industry range of 10%–15%.');
    expect(sut.denialRateVersusBenchmark(0.2)).toBe('20.0% is above the industry range of 10%–15%.');
    expect(sut.denialRateVersusBenchmark(null)).toMatch(/No answered claims/);
    expect(sut.formatMeasure('money', 123456)).toBe('$1,234.56');
    expect(sut.formatMeasure('rate', 0.5)).toBe('50.0%');
    expect(sut.formatMeasure('count', 1234)).toBe('1,234');
    expect(sut.formatMeasure('count', null)).toBe('—');
  });

  it('headline tiles: every number drills to the claims or items behind it', () => {
    const answer = {
      summary: {
        claims: 120,
        adjudicated: 100,
        pending: 20,
        denied: 12,
        denialRate: 0.12,
        cleanClaimRate: 0.85,
        chargeCents: 12_000_00,
        paidCents: 9_000_00,
        deniedCents: 1_500_00,
        anticipatedDenials: 5,
        moneyAtRiskCents: 250_00,
        meanPredictedRisk: 0.1,
        leakageCents: 2_000_00,
        leakageByKindCents: {},
        reworkAvoidedCents: 50_00,
        riskModel: { id: null, fittedAt: null, source: 'priors' },
      },
      backtest: {
        totals: {
          claims: 120,
          adjudicated: 100,
          flagged: 10,
          flaggedDenied: 6,
          denied: 12,
          anticipated: 5,
          deniedCents: 1_500_00,
          anticipatedCents: 600_00,
          recall: 0.4167,
          precision: 0.6,
        },
        categories: {},
      },
    } as unknown as sut.DashboardAnswer;
    const tiles = sut.headlineTiles(answer, Q1);
    expect(tiles.map((t) => [t.id, t.value])).toEqual([
      ['claims', '120'],
      ['denial-rate', '12.0%'],
      ['clean-claim-rate', '85.0%'],
      ['denied-money', '$1,500.00'],
      ['money-at-risk', '$250.00'],
      ['leakage', '$2,000.00'],
      ['rework-avoided', '$50.00'],
      ['recall', '41.7%'],
      ['precision', '60.0%'],
    ]);
    const byId = Object.fromEntries(tiles.map((t) => [t.id, t]));
    expect(byId['denial-rate']!.bench).toBe('12.0% is within the industry range of 10%–15%.');
    expect(byId['money-at-risk']!.drill.query).toEqual({ ...sut.reportQuery(Q1), outcome: 'pending' });
    expect(byId['rework-avoided']!.drill).toMatchObject({
      list: 'leakage',
      query: { kind: 'rework-avoided' },
    });
    expect(byId['precision']!.drill.query).toMatchObject({ outcome: 'adjudicated', flagged: 'true' });
    for (const t of tiles) expect(t.drill.query).toMatchObject(sut.reportQuery(Q1));
  });

  it('says what falls due soon, each with its list', () => {
    const notes = sut.aheadNotes(
      {
        appealsDueIn7Days: { items: 1, amountCents: 120_00 },
        filingLimitIn30Days: { claims: 3, chargeCents: 450_00 },
      },
      Q1,
    );
    expect(notes.map((n) => n.text)).toEqual([
      'Appeal deadlines in the next 7 days: 1 unworked denial, $120.00',
      'Timely-filing limits in the next 30 days: 3 claims, $450.00 billed',
    ]);
    expect(sut.drillUrl(notes[0]!.drill, 50)).toBe(
      '/api/v1/reports/leakage/items?from=2026-01&to=2026-03&payerId=AETNA1&claimType=professional&kind=denial&sort=deadline&limit=50',
    );
    expect(sut.drillUrl(notes[1]!.drill, 500)).toBe(
      '/api/v1/reports/deadlines?from=2026-01&to=2026-03&payerId=AETNA1&claimType=professional&within=30&limit=500',
    );
  });

  it('makes a band colour from a hex colour', () => {
    expect(sut.withAlpha('#d92d20', 0.15)).toBe('rgba(217, 45, 32, 0.15)');
    expect(sut.withAlpha('red', 0.5)).toBe('red');
  });

  it('offers the keys of a dimension as filter suggestions', () => {
    expect(sut.keysOf([{ key: 'B' }, { key: 'A' }, { key: '' }, { key: 'B' }])).toEqual(['A', 'B']);
  });
});
