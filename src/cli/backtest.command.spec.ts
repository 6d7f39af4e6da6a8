import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { DryRunResult, ReplayResult, TruthReplayResult } from '../backtest/backtest.service.js';
import { DryRunTally } from '../backtest/dry-run.js';
import { InvalidInputError } from '../common/domain-errors.js';
import { addClaim, backtestReport, emptyTally, type CarcCategoryLookup } from '../reporting/backtest.js';
import { compareWithTruth } from '../reporting/truth-comparison.js';
import {
  backtestCommand,
  type BacktestRunner,
  dollars,
  formatBacktestTable,
  formatDryRunTable,
  parseBacktestArgs,
  parseDryRunArgs,
  rulesDryRunCommand,
  UsageError,
} from './backtest.command.js';

const carcs: CarcCategoryLookup = {
  categoriesOf: (c) =>
    ({ '197': ['authorization'], '16': ['billing-data', 'documentation'] })[c] ?? ['other'],
};

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { stream, text: () => chunks.join('') };
}

/** Three claims: one denied 197 and flagged by AUTH-REQUIRED, one denied 16 unflagged, one paid. */
function replayResult(): ReplayResult {
  const tally = emptyTally();
  const base = {
    month: '2026-01',
    payerId: 'P1',
    providerNpi: '1234567893',
    claimType: 'professional',
    chargeCents: 10000,
  };
  addClaim(
    tally,
    {
      ...base,
      claimId: 'a',
      outcome: { firstPass: 'denied', denialCarcs: ['197'], deniedCents: 12345 },
      findings: [
        { ruleId: 'AUTH-REQUIRED', category: 'authorization', severity: 'block', line: null, carc: ['197'] },
      ],
    },
    carcs,
  );
  addClaim(
    tally,
    {
      ...base,
      claimId: 'b',
      outcome: { firstPass: 'denied', denialCarcs: ['16'], deniedCents: 5000 },
      findings: [],
    },
    carcs,
  );
  addClaim(
    tally,
    { ...base, claimId: 'c', outcome: { firstPass: 'paid', denialCarcs: [], deniedCents: 0 }, findings: [] },
    carcs,
  );
  return {
    filter: { fromMonth: '2026-01', toMonth: '2026-03' },
    ruleSetVersion: 'abcdef012345',
    claims: 3,
    ruleErrors: 0,
    report: backtestReport(tally, { carcs }),
  };
}

function truthResult(): TruthReplayResult {
  const truth = compareWithTruth(
    {
      claims: [
        {
          claim: 'PCN1',
          defects: [{ kind: 'auth-missing', expectedRules: ['AUTH-REQUIRED'] }],
          adjudication: { outcome: 'denied' },
        },
        { claim: 'PCN2', defects: [], adjudication: { outcome: 'paid' } },
      ],
    },
    new Map([
      ['PCN1', { firedRules: ['AUTH-REQUIRED'], firstPass: 'denied' as const }],
      ['PCN2', { firedRules: [], firstPass: 'paid' as const }],
    ]),
  );
  return { ...replayResult(), truth };
}

function dryRunResult(): DryRunResult {
  const t = new DryRunTally(
    [
      {
        id: 'AUTH-NEW',
        title: 'new',
        category: 'authorization',
        severity: 'block',
        level: 'claim',
        change: 'added',
      },
    ],
    carcs,
  );
  const claim = {
    claimId: '01a2',
    patientControlNumber: 'PCN1',
    month: '2026-01',
    payerId: 'P1',
    providerNpi: '1234567893',
    claimType: 'professional',
    chargeCents: 10000,
    firstPass: 'denied' as const,
    denialCarcs: ['197'],
    deniedCents: 10000,
  };
  t.add(
    claim,
    [],
    [{ ruleId: 'AUTH-NEW', category: 'authorization', severity: 'block', line: null, carc: [] }],
  );
  return {
    filter: {},
    fileName: 'auth-new.yaml',
    replaced: [],
    added: ['AUTH-NEW'],
    ...t.result({ current: 'aaaaaaaaaaaa', candidate: 'bbbbbbbbbbbb' }),
    tests: {
      cases: 2,
      passed: 1,
      failed: 1,
      failures: [{ ruleId: 'AUTH-NEW', caseName: 'fires', reason: 'expected fire but no finding' }],
    },
    ruleErrors: { current: 0, candidate: 0 },
  };
}

/** A service double recording its calls. */
function fakeService(over: Partial<BacktestRunner> = {}) {
  const calls: unknown[][] = [];
  const service: BacktestRunner = {
    replay: async (...args: unknown[]) => {
      calls.push(['replay', ...args]);
      return replayResult();
    },
    compareTruth: async (...args: unknown[]) => {
      calls.push(['compareTruth', ...args]);
      return truthResult();
    },
    dryRun: async (...args: unknown[]) => {
      calls.push(['dryRun', ...args]);
      return dryRunResult();
    },
    ...over,
  } as BacktestRunner;
  return { service, calls, withService: (work: (s: BacktestRunner) => Promise<number>) => work(service) };
}

describe('claimguard backtest: arguments', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimguard-backtest-cli-'));
    writeFileSync(join(dir, 'truth.json'), '{"claims":[]}');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads months, payer, truth, format and out', () => {
    expect(
      parseBacktestArgs([
        '--from',
        '2026-01',
        '--to',
        '2026-06',
        '--payer',
        ' SIMMCD01 ',
        '--truth',
        join(dir, 'truth.json'),
        '--format',
        'json',
        '--out',
        'x.json',
      ]),
    ).toEqual({
      filter: { fromMonth: '2026-01', toMonth: '2026-06', payerId: 'SIMMCD01' },
      truth: join(dir, 'truth.json'),
      format: 'json',
      out: 'x.json',
    });
    expect(parseBacktestArgs(['--from', '2026-01', '--to', '2026-01'])).toEqual({
      filter: { fromMonth: '2026-01', toMonth: '2026-01' },
      truth: undefined,
      format: 'table',
      out: undefined,
    });
  });

  it.each([
    [[], '--from is required (a service month, YYYY-MM); --to is required (a service month, YYYY-MM)'],
    [['--from', '2026-1', '--to', '2026-02'], '--from must be a month written YYYY-MM, got "2026-1"'],
    [['--from', '2026-01', '--to', '2026-13'], '--to must be a month written YYYY-MM, got "2026-13"'],
    [['--from', '2026-05', '--to', '2026-02'], '--from (2026-05) must not be after --to (2026-02)'],
    [
      ['--from', '2026-01', '--to', '2026-02', '--format', 'csv'],
      '--format must be one of table, json, got "csv"',
    ],
    [
      ['--from', '2026-01', '--to', '2026-02', '--payer', ''],
      '--payer must be a payer id of 1 to 80 characters, got ""',
    ],
    [
      ['--from', '2026-01', '--to', '2026-02', '--truth', '/no/such/truth.json'],
      '--truth: no such file /no/such/truth.json',
    ],
  ])('%j: %s', (argv, message) => {
    expect(() => parseBacktestArgs(argv)).toThrow(new UsageError(message));
  });

  it('refuses unknown options and positionals, naming them', () => {
    expect(() => parseBacktestArgs(['--from', '2026-01', '--to', '2026-02', '--month', '3'])).toThrow(
      /--month/,
    );
    expect(() => parseBacktestArgs(['--from', '2026-01', '--to', '2026-02', 'extra'])).toThrow(/extra/);
  });

  it('dry-run: one file, months optional, no --truth', () => {
    expect(parseDryRunArgs(['rule.yaml'])).toEqual({
      file: 'rule.yaml',
      filter: {},
      format: 'table',
      out: undefined,
    });
    expect(parseDryRunArgs(['rule.yaml', '--from', '2026-02', '--format', 'json'])).toEqual({
      file: 'rule.yaml',
      filter: { fromMonth: '2026-02' },
      format: 'json',
      out: undefined,
    });
    expect(() => parseDryRunArgs([])).toThrow(new UsageError('name one rule file (got 0)'));
    expect(() => parseDryRunArgs(['a.yaml', 'b.yaml'])).toThrow(new UsageError('name one rule file (got 2)'));
    expect(() => parseDryRunArgs(['a.yaml', '--truth', 't.json'])).toThrow(
      new UsageError('--truth is an option of claimguard backtest, not of dry-run'),
    );
    expect(() => parseDryRunArgs(['a.yaml', '--to', 'june'])).toThrow(/--to must be a month/);
  });
});

describe('claimguard backtest: output', () => {
  it('formats money', () => {
    expect(dollars(0)).toBe('$0.00');
    expect(dollars(123456789)).toBe('$1,234,567.89');
    expect(dollars(-5)).toBe('-$0.05');
  });

  it('prints totals, categories, rules and unanticipated CARCs as a table', () => {
    expect(formatBacktestTable(replayResult()).split('\n')).toEqual([
      'Backtest (replay of rule set abcdef012345) over service months 2026-01 to 2026-03, every payer',
      'claims 3, adjudicated 3, denied 2 ($173.45), flagged 1',
      'recall 0.500 (1 of 2 denials anticipated, $123.45)',
      'precision 1.000 (1 of 1 flagged claims denied)',
      '',
      'By category',
      'CATEGORY       DENIALS  ANTICIPATED  RECALL  FLAGGED  FLAGGED DENIED  PRECISION',
      'authorization        1            1   1.000        1               1      1.000',
      'billing-data         1            0   0.000        0               0          -',
      '',
      'Top rules (by adjudicated claims flagged, 1 of 1)',
      'RULE           CATEGORY       FIRED  DENIED  MATCHING  PRECISION',
      'AUTH-REQUIRED  authorization      1       1         1      1.000',
      '',
      'Top unanticipated CARCs (1 of 1)',
      'CARC  DENIALS  DENIED  CATEGORIES',
      '16          1  $50.00  billing-data, documentation',
      '',
    ]);
  });

  it('adds the truth comparison when there is one', () => {
    const text = formatBacktestTable(truthResult());
    expect(text).toContain(
      [
        'Truth comparison (simulator truth.json, claims paired by CLM01)',
        'claims in truth 2, stored 2, missing 0, stored but not in truth 0',
        'DEFECT        INJECTED  MISSING  CAUGHT  RECALL  PAYER DENIED',
        'auth-missing         1        0       1   1.000             1',
        'outcomes: 2 agree, 0 disagree, 0 pending, 0 without a truth outcome',
        'false flags: 0 of 1 clean claims flagged (rate 0.000)',
      ].join('\n'),
    );
  });

  it('prints the dry run: rules, totals side by side, claims', () => {
    expect(formatDryRunTable(dryRunResult()).split('\n')).toEqual([
      'Dry run of auth-new.yaml over every service month, every payer: 1 claim replayed',
      'rule set aaaaaaaaaaaa (active) vs bbbbbbbbbbbb (with the candidate); replaced: none; added: AUTH-NEW',
      'embedded tests of the candidate: 1 of 2 passed',
      '  FAIL AUTH-NEW / fires: expected fire but no finding',
      '',
      'Candidate rules',
      'RULE      CHANGE  SEVERITY  CATEGORY       FLAGGED  DENIED  PRECISION  RECALL+  UNIQUE',
      'AUTH-NEW  added   block     authorization        1       1      1.000    1.000       1',
      'FLAGGED: claims of the range it flags; DENIED, PRECISION: of the adjudicated ones;',
      'RECALL+: share of all denials it anticipates; UNIQUE: denials no other rule anticipates',
      '',
      'TOTALS                 ACTIVE  CANDIDATE  CHANGE',
      'flagged (adjudicated)       0          1      +1',
      'flagged and denied          0          1      +1',
      'denials anticipated         0          1      +1',
      'recall                  0.000      1.000  +1.000',
      'precision                   -      1.000       -',
      '',
      'Would flag (a candidate rule fires): 1 claim',
      '  CLAIM  CLM01  MONTH    FIRST PASS  CARCS  RULES',
      '  01a2   PCN1   2026-01  denied      197    AUTH-NEW',
      '',
      'Newly flagged (not flagged by the active rules): 1 claim',
      '  CLAIM  CLM01  MONTH    FIRST PASS  CARCS  RULES',
      '  01a2   PCN1   2026-01  denied      197    AUTH-NEW',
      '',
      'No longer flagged (by any rule): 0 claims',
      '',
    ]);
  });

  it('shows a replaced rule with the active one under it, and at most 20 claims per list', () => {
    const t = new DryRunTally(
      [
        {
          id: 'DOC-X',
          title: 'doc',
          category: 'documentation',
          severity: 'warn',
          level: 'claim',
          change: 'replaced',
        },
      ],
      carcs,
    );
    const doc = {
      ruleId: 'DOC-X',
      category: 'documentation',
      severity: 'warn' as const,
      line: null,
      carc: [],
    };
    for (let i = 0; i < 25; i++) {
      t.add(
        {
          claimId: `c${String(i).padStart(2, '0')}`,
          patientControlNumber: `P${i}`,
          month: '2026-01',
          payerId: 'P1',
          providerNpi: '1234567893',
          claimType: 'professional',
          chargeCents: 100,
          firstPass: 'paid',
          denialCarcs: [],
          deniedCents: 0,
        },
        i < 2 ? [doc] : [],
        [doc],
      );
    }
    const lines = formatDryRunTable({
      ...dryRunResult(),
      replaced: ['DOC-X'],
      added: [],
      ...t.result({ current: 'a', candidate: 'b' }),
    }).split('\n');
    expect(lines).toContain(
      'DOC-X             replaced  warn      documentation       25       0      0.000        -       0',
    );
    expect(lines).toContain(
      '  (active DOC-X)                                           2       0      0.000        -       0',
    );
    expect(lines).toContain('Newly flagged (not flagged by the active rules): 23 claims');
    expect(lines).toContain('  … 3 more (--format json lists 100)');
  });
});

describe('claimguard backtest: command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimguard-backtest-cmd-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exit 2 on bad arguments without starting the application', async () => {
    const fake = fakeService();
    let started = false;
    const err = capture();
    const code = await backtestCommand(['--from', '2026-01'], capture().stream, err.stream, async () => {
      started = true;
      return 0;
    });
    expect(code).toBe(2);
    expect(started).toBe(false);
    expect(err.text()).toBe('backtest: --to is required (a service month, YYYY-MM)\n');
    expect(fake.calls).toEqual([]);
  });

  it('replays, or compares with truth, and writes JSON to --out', async () => {
    const fake = fakeService();
    const out = capture();
    expect(
      await backtestCommand(
        ['--from', '2026-01', '--to', '2026-03'],
        out.stream,
        capture().stream,
        fake.withService,
      ),
    ).toBe(0);
    expect(fake.calls).toEqual([['replay', { fromMonth: '2026-01', toMonth: '2026-03' }]]);
    expect(out.text()).toContain('recall 0.500');

    const truth = join(dir, 'truth.json');
    writeFileSync(truth, '{"claims":[]}');
    const file = join(dir, 'out.json');
    const quiet = capture();
    expect(
      await backtestCommand(
        [
          '--from',
          '2026-01',
          '--to',
          '2026-03',
          '--payer',
          'P1',
          '--truth',
          truth,
          '--format',
          'json',
          '--out',
          file,
        ],
        quiet.stream,
        capture().stream,
        fake.withService,
      ),
    ).toBe(0);
    expect(fake.calls[1]).toEqual([
      'compareTruth',
      { fromMonth: '2026-01', toMonth: '2026-03', payerId: 'P1' },
      truth,
    ]);
    expect(quiet.text()).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(truthResult())));
  });

  it('exit 2 with the problem when the truth file is malformed', async () => {
    const truth = join(dir, 'truth.json');
    writeFileSync(truth, 'not json');
    const fake = fakeService({
      compareTruth: async () => {
        throw new InvalidInputError(`truth file ${truth} is not valid JSON`);
      },
    });
    const err = capture();
    expect(
      await backtestCommand(
        ['--from', '2026-01', '--to', '2026-03', '--truth', truth],
        capture().stream,
        err.stream,
        fake.withService,
      ),
    ).toBe(2);
    expect(err.text()).toBe(`backtest: truth file ${truth} is not valid JSON\n`);
  });

  it('dry-run: reads the file, exit 1 with every problem of a bad one, 2 for a missing one', async () => {
    const file = join(dir, 'auth-new.yaml');
    writeFileSync(file, 'id: AUTH-NEW\n');
    const ok = fakeService();
    const out = capture();
    expect(
      await rulesDryRunCommand([file, '--from', '2026-01'], out.stream, capture().stream, ok.withService),
    ).toBe(0);
    expect(ok.calls).toEqual([
      ['dryRun', { yaml: 'id: AUTH-NEW\n', fileName: file }, { fromMonth: '2026-01' }],
    ]);
    expect(out.text()).toContain('Dry run of auth-new.yaml');

    const bad = fakeService({
      dryRun: async () => {
        throw new InvalidInputError('2 problems in the candidate rule file auth-new.yaml', [
          'auth-new.yaml:1: tests: required',
          'auth-new.yaml:1: title: required',
        ]);
      },
    });
    const err = capture();
    expect(await rulesDryRunCommand([file], capture().stream, err.stream, bad.withService)).toBe(1);
    expect(err.text()).toBe(
      [
        'rules dry-run: 2 problems in the candidate rule file auth-new.yaml',
        'auth-new.yaml:1: tests: required',
        'auth-new.yaml:1: title: required',
        '',
      ].join('\n'),
    );

    const missing = capture();
    expect(
      await rulesDryRunCommand([join(dir, 'nope.yaml')], capture().stream, missing.stream, ok.withService),
    ).toBe(2);
    expect(missing.text()).toBe(`rules dry-run: cannot read ${join(dir, 'nope.yaml')}: no such file\n`);
  });
});
