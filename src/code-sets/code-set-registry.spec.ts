import { join } from 'node:path';
import { loadCodeSets } from './code-set-loader.js';
import { CodeSetRegistry, fiscalYearOf, normalizeDateOfService } from './code-set-registry.js';

// The committed code sets (rules/tables), as the service loads them.
const real = loadCodeSets(join(process.cwd(), 'rules', 'tables'));

const small = () =>
  new CodeSetRegistry({
    icd10cm: [
      {
        fiscalYear: 2026,
        effectiveFrom: '2025-10-01',
        effectiveTo: '2026-09-30',
        codes: new Map([
          ['E11', '0Type 2 diabetes mellitus'],
          ['E119', '1Type 2 diabetes mellitus without complications'],
        ]),
      },
    ],
    hcpcs: [
      {
        release: '2026-01',
        effectiveFrom: '2026-01-01',
        codes: new Map([
          ['A4100', 'Skin sub'],
          ['GT', 'Telecom'],
        ]),
      },
    ],
    placeOfService: new Map([['11', 'Office']]),
    licensed: {
      cpt: {
        kind: 'cpt',
        codes: new Map([
          ['99213', 'Office visit'],
          ['0042T', ''],
        ]),
      },
    },
  });

describe('normalizeDateOfService / fiscalYearOf', () => {
  it('reads YYYY-MM-DD and YYYYMMDD, refusing impossible dates', () => {
    expect(normalizeDateOfService('2026-01-15')).toBe('2026-01-15');
    expect(normalizeDateOfService('20260115')).toBe('2026-01-15');
    expect(normalizeDateOfService('2026-02-30')).toBeNull();
    expect(normalizeDateOfService('01/15/2026')).toBeNull();
  });
  it('puts October to December in the next fiscal year', () => {
    expect(fiscalYearOf('2025-09-30')).toBe(2025);
    expect(fiscalYearOf('2025-10-01')).toBe(2026);
    expect(fiscalYearOf('2026-01-01')).toBe(2026);
  });
});

describe('CodeSetRegistry.icd10 on the committed FY2025 and FY2026 sets', () => {
  it.each([
    ['I21', 'header', 'Acute myocardial infarction'],
    ['I21.4', 'billable', 'Non-ST elevation (NSTEMI) myocardial infarction'],
    ['e11.9', 'billable', 'Type 2 diabetes mellitus without complications'],
    ['E11', 'header', 'Type 2 diabetes mellitus'],
    ['M17.0', 'billable', 'Bilateral primary osteoarthritis of knee'],
  ])('FY2026: %s is %s', (code, status, description) => {
    const sut = real.icd10(code, '2026-03-15');
    expect(sut.status).toBe(status);
    expect(sut.fiscalYear).toBe(2026);
    expect(sut.description).toBe(description);
  });

  it('S30.1XXA, deleted in FY2026, is billable for a FY2025 date of service and unknown for a FY2026 one', () => {
    const before = real.icd10('S30.1XXA', '2025-09-30');
    expect(before).toMatchObject({ status: 'billable', fiscalYear: 2025, code: 'S301XXA' });
    expect(before.otherYears).toEqual([{ fiscalYear: 2026, status: 'unknown' }]);
    const after = real.icd10('S30.1XXA', '2025-10-01');
    expect(after).toMatchObject({ status: 'unknown', fiscalYear: 2026 });
    expect(after.message).toBe('S30.1XXA is not in ICD-10-CM FY2026; in FY2025 it is billable');
  });

  it('E78.01, expanded in FY2026, is billable in FY2025 and a header in FY2026', () => {
    expect(real.icd10('E78.01', '2025-06-01').status).toBe('billable');
    expect(real.icd10('E78.01', '2025-11-01').status).toBe('header');
    expect(real.icd10('E78.010', '2025-06-01').status).toBe('unknown');
    expect(real.icd10('E78.010', '2025-11-01').status).toBe('billable');
  });

  it('answers "no code set" for a date of service outside every loaded year, never "unknown"', () => {
    const sut = real.icd10('E11.9', '2024-09-30');
    expect(sut.status).toBe('no-code-set');
    expect(sut.fiscalYear).toBeNull();
    expect(sut.message).toMatch(/^no ICD-10-CM code set loaded for date of service 2024-09-30 \(FY2024\)/);
    expect(real.icd10('E11.9', '2026-10-01').status).toBe('no-code-set');
    expect(real.icd10('E11.9', 'yesterday').status).toBe('no-code-set');
  });

  it('tells a malformed code from an unknown one', () => {
    expect(real.icd10('E1.19', '2026-01-01')).toMatchObject({ status: 'malformed', code: null });
    expect(real.icd10('E11.99', '2026-01-01')).toMatchObject({ status: 'unknown', code: 'E1199' });
  });

  it('loads both fiscal years', () => {
    expect(real.icd10FiscalYears()).toEqual([2025, 2026]);
  });
});

describe('CodeSetRegistry.icd10 release choice', () => {
  it('prefers the latest-starting release that covers the date (an April update over October)', () => {
    const base = { fiscalYear: 2024, effectiveTo: '2024-09-30' };
    const sut = new CodeSetRegistry({
      icd10cm: [
        { ...base, effectiveFrom: '2024-04-01', codes: new Map([['A001', '1new']]) },
        { ...base, effectiveFrom: '2023-10-01', codes: new Map() },
      ],
    });
    expect(sut.icd10('A00.1', '2024-03-31').status).toBe('unknown');
    expect(sut.icd10('A00.1', '2024-04-01').status).toBe('billable');
  });

  it('refuses two releases starting the same day', () => {
    const r = { fiscalYear: 2026, effectiveFrom: '2025-10-01', effectiveTo: '2026-09-30', codes: new Map() };
    expect(() => new CodeSetRegistry({ icd10cm: [r, { ...r }] })).toThrow(
      /two code-set releases start on 2025-10-01/,
    );
  });
});

describe('CodeSetRegistry.hcpcs / modifier', () => {
  it('finds the committed January 2026 codes and modifiers', () => {
    expect(real.hcpcs('a4100', '2026-02-01')).toMatchObject({
      status: 'valid',
      code: 'A4100',
      release: '2026-01',
      description: 'Nosht skin sub fda clrd nos',
    });
    expect(real.hcpcs('G0008', '2026-02-01').status).toBe('valid');
    expect(real.hcpcs('A0000', '2026-02-01').status).toBe('unknown');
    expect(real.modifier('gt', '2026-02-01')).toMatchObject({ status: 'valid', system: 'hcpcs', code: 'GT' });
    expect(real.modifier('ZZ', '2026-02-01').status).toBe('unknown');
  });

  it('answers "no code set" before the first release', () => {
    const sut = real.hcpcs('A4100', '2025-12-31');
    expect(sut.status).toBe('no-code-set');
    expect(sut.message).toBe(
      'no HCPCS release loaded for date of service 2025-12-31; loaded: 2026-01 (from 2026-01-01)',
    );
  });

  it('treats a release as in force until a later one', () => {
    expect(small().hcpcs('A4100', '2030-01-01')).toMatchObject({ status: 'valid', release: '2026-01' });
  });

  it('refuses CPT and CDT shapes as HCPCS', () => {
    expect(small().hcpcs('99213', '2026-02-01').status).toBe('malformed');
    expect(small().hcpcs('D0120', '2026-02-01').status).toBe('malformed');
  });

  it('checks CPT modifiers by format only', () => {
    expect(small().modifier('-25', '2026-02-01')).toMatchObject({
      status: 'format-only',
      system: 'cpt',
      code: '25',
    });
    expect(small().modifier('259', '2026-02-01').status).toBe('malformed');
  });
});

describe('CodeSetRegistry.procedureCode', () => {
  it('answers CPT from the licensed list when one is loaded', () => {
    const sut = small();
    expect(sut.procedureCode('99213', '2026-02-01')).toMatchObject({
      status: 'valid',
      system: 'cpt',
      basis: 'licensed',
      description: 'Office visit',
    });
    expect(sut.procedureCode('99999', '2026-02-01')).toMatchObject({ status: 'unknown', basis: 'licensed' });
    expect(sut.procedureCode('0042t', '2026-02-01')).toMatchObject({
      status: 'valid',
      system: 'cpt-category-iii',
    });
    expect(sut.procedureCode('0042T', '2026-02-01').description).toBeUndefined();
  });

  it('answers CPT by format only without a licensed list, and says so', () => {
    const sut = real.procedureCode('99213', '2026-02-01');
    expect(sut).toMatchObject({ status: 'format-only', system: 'cpt', basis: 'format-only', code: '99213' });
    expect(sut.message).toMatch(/format-only/);
  });

  it('sends HCPCS to the HCPCS table, CDT to format only, and refuses other shapes', () => {
    expect(small().procedureCode('A4100', '2026-02-01')).toMatchObject({
      status: 'valid',
      system: 'hcpcs',
      basis: 'hcpcs',
    });
    expect(small().procedureCode('A4100', '2025-02-01')).toMatchObject({
      status: 'no-code-set',
      basis: 'hcpcs',
    });
    expect(small().procedureCode('d0120', '2026-02-01')).toMatchObject({
      status: 'format-only',
      system: 'cdt',
    });
    expect(small().procedureCode('9921', '2026-02-01')).toMatchObject({ status: 'malformed', system: null });
  });
});

describe('CodeSetRegistry licensed kinds without a list', () => {
  it.each([
    ['revenueCode', '450', '0450'],
    ['carc', '045', '45'],
    ['rarc', 'ma01', 'MA01'],
    ['taxonomy', '207q00000x', '207Q00000X'],
    ['cpt', '99213', '99213'],
  ] as const)('%s(%j) is format-only as %s', (method, raw, code) => {
    const sut = new CodeSetRegistry()[method](raw);
    expect(sut).toMatchObject({ status: 'format-only', basis: 'format-only', code });
  });

  it.each([
    ['revenueCode', '0001'],
    ['carc', 'ABC'],
    ['rarc', 'X1'],
    ['taxonomy', '207Q00000'],
    ['cpt', 'A4100'],
  ] as const)('%s(%j) is malformed', (method, raw) => {
    expect(new CodeSetRegistry()[method](raw)).toMatchObject({ status: 'malformed', code: null });
  });

  it('answers from a licensed list when present', () => {
    const sut = new CodeSetRegistry({
      licensed: { revenue: { kind: 'revenue', codes: new Map([['0450', 'ER']]) } },
    });
    expect(sut.hasLicensedList('revenue')).toBe(true);
    expect(sut.hasLicensedList('carc')).toBe(false);
    expect(sut.revenueCode('450')).toMatchObject({ status: 'valid', basis: 'licensed', description: 'ER' });
    expect(sut.revenueCode('0451')).toMatchObject({ status: 'unknown', basis: 'licensed' });
  });
});

describe('CodeSetRegistry.placeOfService / npi', () => {
  it('reads the committed POS table', () => {
    expect(real.placeOfService('11')).toMatchObject({ status: 'valid', description: 'Office' });
    expect(real.placeOfService('2')).toMatchObject({ status: 'valid', code: '02' });
    expect(real.placeOfService('66').status).toBe('valid');
    expect(real.placeOfService('30')).toMatchObject({ status: 'unknown', code: '30' });
    expect(real.placeOfService('O1').status).toBe('malformed');
  });

  it('checks the NPI check digit', () => {
    expect(real.npi('1234567893').status).toBe('valid');
    expect(real.npi('1234567894').status).toBe('bad-check-digit');
    expect(real.npi('123456789').status).toBe('malformed');
  });
});

describe('CodeSetRegistry.loaded', () => {
  it('lists what is loaded, with counts and provenance', () => {
    const sut = real.loaded();
    expect(sut.map((s) => [s.name, s.count])).toEqual([
      ['ICD-10-CM FY2025', 97584],
      ['ICD-10-CM FY2026', 98186],
      ['HCPCS Level II 2026-01', 9005],
      ['CMS place of service', 52],
    ]);
    expect(sut[1]!.meta['source-sha256']).toBe(
      '55a9124a27ca78a4a5c41e1101eda064ec2e08d105ff9e78d1fbd1a83298ef11',
    );
  });
});
