import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InputIssue } from '../input-records.js';
import { expectedColumns, parseInputFile, type TabularKind } from './tabular-input.parser.js';

const fixture = (name: string): Buffer => readFileSync(join(process.cwd(), 'fixtures/inputs', name));

/** A valid row per kind; tests override single cells. */
const GOOD: Record<TabularKind, Record<string, string>> = {
  authorizations: {
    auth_number: 'A1',
    payer_id: 'TESTPYR01',
    member_id: 'TESTMEM001',
    patient_last_name: 'TESTPATIENT',
    patient_first_name: 'ALPHA',
    patient_dob: '1980-01-01',
    procedure_code: '99213',
    units_approved: '1',
    start_date: '2024-01-01',
    end_date: '2024-03-31',
    status: 'approved',
    provider_npi: '1234567893',
  },
  documentation: {
    document_id: 'D1',
    member_id: 'TESTMEM001',
    patient_last_name: 'TESTPATIENT',
    patient_first_name: 'ALPHA',
    patient_dob: '1980-01-01',
    service_date: '2024-01-15',
    document_type: 'progress-note',
    diagnosis_codes: 'J06.9',
    procedure_codes: '99213',
    author_npi: '1234567893',
    signed: 'true',
    text: 'note',
  },
  eligibility: {
    payer_id: 'TESTPYR01',
    member_id: 'TESTMEM001',
    last_name: 'TESTPATIENT',
    first_name: 'ALPHA',
    dob: '1980-01-01',
    sex: 'F',
    coverage_start: '2024-01-01',
    coverage_end: '',
    plan_name: 'TEST PPO PLAN',
  },
  contracts: {
    payer_id: 'TESTPYR01',
    procedure_code: '99213',
    modifier: '',
    allowed_amount: '92.50',
    effective_start: '2024-01-01',
    effective_end: '',
  },
};

/** A column of each kind's key, changed so two test rows are different records. */
const KEY_COLUMN: Record<TabularKind, string> = {
  authorizations: 'auth_number',
  documentation: 'document_id',
  eligibility: 'payer_id',
  contracts: 'payer_id',
};

const csvCell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function csv(kind: TabularKind, ...rows: Record<string, string>[]): string {
  const columns = expectedColumns(kind);
  return (
    [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(','))].join('\n') +
    '\n'
  );
}
const row = (kind: TabularKind, overrides: Record<string, string> = {}): Record<string, string> => ({
  ...GOOD[kind],
  ...overrides,
});
const brief = (issues: InputIssue[]) =>
  issues.map((i) => ({ code: i.code, line: i.line, column: i.column, path: i.path }));

describe('parseInputFile: good fixtures (consistent with claim PCN001 of fixtures/x12/valid/837p-basic.x12)', () => {
  it('reads authorizations.csv', () => {
    const { records, issues } = parseInputFile(
      'authorizations',
      fixture('authorizations.csv'),
      'authorizations.csv',
    );
    expect(issues).toEqual([]);
    expect(records.authorizations).toHaveLength(4);
    expect(records.authorizations[0]).toEqual({
      authNumber: 'AUTH-TEST-0001',
      payerId: 'TESTPYR01',
      memberId: 'TESTMEM001',
      patientLastName: 'TESTPATIENT',
      patientFirstName: 'ALPHA',
      patientDob: '1980-01-01',
      procedureCode: '99213',
      unitsApproved: 1,
      startDate: '2024-01-01',
      endDate: '2024-03-31',
      status: 'approved',
      providerNpi: '1234567893',
      origin: { source: 'csv', line: 2 },
    });
    expect(records.authorizations[1]).toMatchObject({ procedureCode: '87880', providerNpi: null });
    expect(records.authorizations.map((a) => a.status)).toEqual([
      'approved',
      'approved',
      'pending',
      'denied',
    ]);
    expect(records.documentation).toEqual([]);
  });

  it('reads authorizations.json (numbers, null, lower-case codes, any-case enums)', () => {
    const { records, issues } = parseInputFile(
      'authorizations',
      fixture('authorizations.json'),
      'authorizations.json',
    );
    expect(issues).toEqual([]);
    expect(
      records.authorizations.map((a) => [
        a.authNumber,
        a.procedureCode,
        a.unitsApproved,
        a.status,
        a.providerNpi,
      ]),
    ).toEqual([
      ['AUTH-TEST-0101', '99214', 1, 'approved', '1234567893'],
      ['AUTH-TEST-0101', '85025', 1, 'approved', null],
      ['AUTH-TEST-0102', 'E0114', 2, 'cancelled', null],
    ]);
    expect(records.authorizations[2].origin).toEqual({ source: 'json', path: '$[2]' });
  });

  it('reads documentation.csv with a multi-line quoted note and the MI sentence', () => {
    const { records, issues } = parseInputFile(
      'documentation',
      fixture('documentation.csv'),
      'documentation.csv',
    );
    expect(issues).toEqual([]);
    const [first, second, third] = records.documentation;
    expect(first).toEqual({
      documentId: 'DOC-TEST-0001',
      memberId: 'TESTMEM001',
      patientLastName: 'TESTPATIENT',
      patientFirstName: 'ALPHA',
      patientDob: '1980-01-01',
      serviceDate: '2024-01-15',
      documentType: 'progress-note',
      diagnosisCodes: ['J069', 'R509'],
      procedureCodes: ['99213', '87880'],
      authorNpi: '1234567893',
      signed: true,
      text:
        'Synthetic test note for TESTPATIENT ALPHA. Seen for sore throat and fever x2 days.\n' +
        'Rapid strep negative. Assessment: acute upper respiratory infection, fever.',
      origin: { source: 'csv', line: 2 },
    });
    expect(second.origin).toEqual({ source: 'csv', line: 4 });
    expect(second.text).toContain('history of MI in 2019');
    expect(third).toMatchObject({
      diagnosisCodes: [],
      procedureCodes: [],
      authorNpi: null,
      signed: false,
      text: '',
    });
  });

  it('reads eligibility.csv, including a second member id for the same name and DOB', () => {
    const { records, issues } = parseInputFile('eligibility', fixture('eligibility.csv'), 'eligibility.csv');
    expect(issues).toEqual([]);
    expect(records.eligibility[0]).toEqual({
      payerId: 'TESTPYR01',
      memberId: 'TESTMEM001',
      lastName: 'TESTPATIENT',
      firstName: 'ALPHA',
      dob: '1980-01-01',
      sex: 'F',
      coverageStart: '2024-01-01',
      coverageEnd: null,
      planName: 'TEST PPO PLAN',
      coverageStatus: 'active',
      origin: { source: 'csv', line: 2 },
    });
    expect(records.eligibility[1]).toMatchObject({
      memberId: 'ZZT000123',
      lastName: 'TESTPATIENT',
      dob: '1980-01-01',
      sex: 'F',
    });
  });

  it('reads contracts.csv in exact cents', () => {
    const { records, issues } = parseInputFile('contracts', fixture('contracts.csv'), 'contracts.csv');
    expect(issues).toEqual([]);
    expect(
      records.contracts.map((c) => [c.procedureCode, c.modifier, c.allowedCents, c.effectiveEnd]),
    ).toEqual([
      ['99213', '', 9250, null],
      ['99213', '25', 9250, null],
      ['87880', '', 1625, '2024-12-31'],
      ['99214', '', 13000, null],
      ['85025', '', 850, null],
    ]);
  });
});

describe('parseInputFile: file-level handling', () => {
  it('tolerates a UTF-8 BOM and CRLF line ends', () => {
    const text = '\ufeff' + csv('eligibility', row('eligibility')).replace(/\n/g, '\r\n');
    const { records, issues } = parseInputFile('eligibility', Buffer.from(text, 'utf8'), 'e.csv');
    expect(issues).toEqual([]);
    expect(records.eligibility).toHaveLength(1);
    expect(records.eligibility[0].origin.line).toBe(2);
  });

  it('tolerates a BOM before JSON', () => {
    const text = '\ufeff' + JSON.stringify([row('contracts')]);
    const { records, issues } = parseInputFile('contracts', Buffer.from(text, 'utf8'), 'c.json');
    expect(issues).toEqual([]);
    expect(records.contracts[0].allowedCents).toBe(9250);
  });

  it('reports the real file line after a quoted multi-line cell (CRLF and multi-byte text before it)', () => {
    const good = row('documentation', {
      text: 'première ligne, «quoted»\r\nseconde "ligne"\r\n\r\ntroisième',
    });
    const bad = row('documentation', { document_id: 'D2', patient_dob: '1980-02-30' });
    const text = csv('documentation', good, bad).replace(/(?<!\r)\n/g, '\r\n');
    const { records, issues } = parseInputFile('documentation', Buffer.from(text, 'utf8'), 'd.csv');
    expect(brief(issues)).toEqual([
      { code: 'INPUT_INVALID_DATE', line: 6, column: 'patient_dob', path: undefined },
    ]);
    expect(issues[0].message).toBe(
      'd.csv line 6, column patient_dob: "1980-02-30" is not a real calendar date',
    );
    expect(records.documentation.map((d) => [d.documentId, d.origin.line, d.text])).toEqual([
      ['D1', 2, 'première ligne, «quoted»\nseconde "ligne"\n\ntroisième'],
    ]);
  });

  it('ignores blank lines (and whitespace-only lines) but keeps counting them', () => {
    const text = `\n${expectedColumns('contracts').join(',')}\n\n   \n${csv('contracts', row('contracts', { allowed_amount: 'x' })).split('\n')[1]}\n\n\n`;
    const { issues } = parseInputFile('contracts', text, 'c.csv');
    expect(brief(issues)).toEqual([
      { code: 'INPUT_INVALID_AMOUNT', line: 5, column: 'allowed_amount', path: undefined },
    ]);
  });

  it('accepts headers in any order and case, trimmed, with extra columns ignored', () => {
    const text =
      ' Allowed_Amount ,EXTRA,payer_id,Procedure_Code,modifier,effective_start,effective_end\n125.5,zzz,P1,99213,,2024-01-01,\n';
    const { records, issues } = parseInputFile('contracts', text, 'c.csv');
    expect(issues).toEqual([]);
    expect(records.contracts[0]).toMatchObject({
      payerId: 'P1',
      procedureCode: '99213',
      allowedCents: 12550,
    });
  });

  it('reports a wrong header once, listing the expected columns and the missing ones', () => {
    const text = 'payer_id,procedure_code,amount,effective_start\nP1,99213,1,2024-01-01\nP1,bad,1,bad\n';
    const { records, issues } = parseInputFile('contracts', text, 'fees.csv');
    expect(issues).toEqual([
      {
        severity: 'error',
        code: 'INPUT_HEADER_MISMATCH',
        message:
          'fees.csv line 1: the header row of a contracts file must name these columns (any order, case-insensitive, ' +
          'extra columns ignored): payer_id, procedure_code, modifier, allowed_amount, effective_start, effective_end; ' +
          'missing: modifier, allowed_amount, effective_end',
        file: 'fees.csv',
        line: 1,
      },
    ]);
    expect(records.contracts).toEqual([]);
  });

  it('reports a repeated header column', () => {
    const header = [...expectedColumns('contracts'), 'payer_id'].join(',');
    const { issues } = parseInputFile('contracts', `${header}\n`, 'c.csv');
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe('INPUT_HEADER_MISMATCH');
    expect(issues[0].message).toContain('repeated: payer_id');
  });

  it('reports a record with too few cells', () => {
    const text = `${expectedColumns('contracts').join(',')}\nP1,99213\n`;
    expect(brief(parseInputFile('contracts', text, 'c.csv').issues)).toEqual([
      { code: 'INPUT_MALFORMED_CSV', line: 2, column: undefined, path: undefined },
    ]);
  });

  it('reports an unclosed quote as malformed CSV', () => {
    const text = `${expectedColumns('contracts').join(',')}\nP1,"99213,,1,2024-01-01,\n`;
    const { issues } = parseInputFile('contracts', text, 'c.csv');
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe('INPUT_MALFORMED_CSV');
  });

  it('reports an empty file', () => {
    expect(parseInputFile('contracts', '  \n\n', 'c.csv').issues.map((i) => i.code)).toEqual(['INPUT_EMPTY']);
    expect(parseInputFile('contracts', Buffer.alloc(0), 'c.csv').issues.map((i) => i.code)).toEqual([
      'INPUT_EMPTY',
    ]);
  });

  it('accepts a header-only file as zero records', () => {
    const result = parseInputFile('contracts', `${expectedColumns('contracts').join(',')}\n`, 'c.csv');
    expect(result.issues).toEqual([]);
    expect(result.records.contracts).toEqual([]);
  });

  it('reports invalid UTF-8 with its line', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${expectedColumns('contracts').join(',')}\nP1,`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('\n'),
    ]);
    const { issues } = parseInputFile('contracts', bytes, 'c.csv');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'INPUT_NOT_UTF8', line: 2, byteOffset: 81 });
  });

  it('rejects a top-level JSON object, and malformed JSON', () => {
    expect(parseInputFile('contracts', JSON.stringify(row('contracts')), 'c.json').issues).toEqual([
      expect.objectContaining({ code: 'INPUT_NOT_AN_ARRAY', path: '$' }),
    ]);
    const bad = parseInputFile('contracts', '[\n{"payer_id": "P1",}\n]', 'c.json').issues;
    expect(bad).toEqual([expect.objectContaining({ code: 'INPUT_MALFORMED_JSON', line: 2 })]);
  });
});

describe('parseInputFile: JSON values', () => {
  it('accepts numbers for amounts and units, booleans for flags, arrays for code lists', () => {
    const doc = {
      ...row('documentation'),
      signed: false,
      diagnosis_codes: ['e11.9', 'I10'],
      procedure_codes: '99214;85025',
    };
    const docs = parseInputFile('documentation', JSON.stringify([doc]), 'd.json');
    expect(docs.issues).toEqual([]);
    expect(docs.records.documentation[0]).toMatchObject({
      signed: false,
      diagnosisCodes: ['E119', 'I10'],
      procedureCodes: ['99214', '85025'],
    });

    const fees = parseInputFile(
      'contracts',
      '[{"payer_id":"P1","procedure_code":"99213","allowed_amount":0.29,"effective_start":"2024-01-01"}]',
      'c.json',
    );
    expect(fees.issues).toEqual([]);
    expect(fees.records.contracts[0]).toMatchObject({ allowedCents: 29, modifier: '', effectiveEnd: null });

    const auths = parseInputFile(
      'authorizations',
      JSON.stringify([{ ...row('authorizations'), units_approved: 12 }]),
      'a.json',
    );
    expect(auths.records.authorizations[0].unitsApproved).toBe(12);
  });

  it('reports JSON paths for bad values, including an element of a code list', () => {
    const doc = { ...row('documentation'), diagnosis_codes: ['J06.9', 'BAD!', 7], signed: 'maybe' };
    const { issues } = parseInputFile('documentation', JSON.stringify([row('documentation'), doc]), 'd.json');
    expect(brief(issues)).toEqual([
      {
        code: 'INPUT_INVALID_TYPE',
        line: undefined,
        column: 'diagnosis_codes',
        path: '$[1].diagnosis_codes[2]',
      },
      { code: 'INPUT_INVALID_BOOLEAN', line: undefined, column: 'signed', path: '$[1].signed' },
    ]);
  });

  it('reports bad list elements even when the types are right', () => {
    const doc = { ...row('documentation'), diagnosis_codes: ['J06.9', 'BAD!'] };
    const { issues } = parseInputFile('documentation', JSON.stringify([doc]), 'd.json');
    expect(issues).toEqual([
      {
        severity: 'error',
        code: 'INPUT_INVALID_CODE',
        message: 'd.json $[0].diagnosis_codes[1]: "BAD!" is not an ICD-10-CM code',
        file: 'd.json',
        path: '$[0].diagnosis_codes[1]',
        column: 'diagnosis_codes',
      },
    ]);
  });

  it('reports a missing key with the path it should have', () => {
    const { member_id: _omit, ...rest } = row('eligibility');
    const { issues } = parseInputFile('eligibility', JSON.stringify([rest]), 'e.json');
    expect(brief(issues)).toEqual([
      { code: 'INPUT_MISSING_VALUE', line: undefined, column: 'member_id', path: '$[0].member_id' },
    ]);
  });

  it('refuses JSON money that is not exact: 12.345, -5, and objects', () => {
    const text = JSON.stringify([
      { ...row('contracts'), allowed_amount: 12.345 },
      { ...row('contracts'), procedure_code: '99214', allowed_amount: -5 },
      { ...row('contracts'), procedure_code: '99215', allowed_amount: { usd: 1 } },
      { ...row('contracts'), procedure_code: '99212', allowed_amount: '1e3' },
    ]);
    expect(brief(parseInputFile('contracts', text, 'c.json').issues).map((i) => [i.code, i.path])).toEqual([
      ['INPUT_INVALID_AMOUNT', '$[0].allowed_amount'],
      ['INPUT_INVALID_AMOUNT', '$[1].allowed_amount'],
      ['INPUT_INVALID_TYPE', '$[2].allowed_amount'],
      ['INPUT_INVALID_AMOUNT', '$[3].allowed_amount'],
    ]);
  });
});

describe('parseInputFile: every field rule', () => {
  const cases: [TabularKind, string, string, string][] = [
    ['authorizations', 'auth_number', '', 'INPUT_MISSING_VALUE'],
    ['authorizations', 'payer_id', ' ', 'INPUT_MISSING_VALUE'],
    ['authorizations', 'patient_last_name', '', 'INPUT_MISSING_VALUE'],
    ['authorizations', 'patient_first_name', '', 'INPUT_MISSING_VALUE'],
    ['authorizations', 'patient_dob', '', 'INPUT_MISSING_VALUE'],
    ['authorizations', 'patient_dob', '1980-02-30', 'INPUT_INVALID_DATE'],
    ['authorizations', 'procedure_code', '9921', 'INPUT_INVALID_CODE'],
    ['authorizations', 'units_approved', '-1', 'INPUT_INVALID_NUMBER'],
    ['authorizations', 'units_approved', '2.5', 'INPUT_INVALID_NUMBER'],
    ['authorizations', 'units_approved', '', 'INPUT_MISSING_VALUE'],
    ['authorizations', 'start_date', '2024-1-1', 'INPUT_INVALID_DATE'],
    ['authorizations', 'end_date', '2023-12-31', 'INPUT_INVALID_DATE_RANGE'],
    ['authorizations', 'status', 'approve', 'INPUT_INVALID_ENUM'],
    ['authorizations', 'provider_npi', '1234567890', 'INPUT_INVALID_NPI'],
    ['authorizations', 'provider_npi', '123456789', 'INPUT_INVALID_NPI'],
    ['documentation', 'document_id', '', 'INPUT_MISSING_VALUE'],
    ['documentation', 'service_date', '2024-04-31', 'INPUT_INVALID_DATE'],
    ['documentation', 'document_type', '', 'INPUT_MISSING_VALUE'],
    ['documentation', 'diagnosis_codes', 'J06.9;1234', 'INPUT_INVALID_CODE'],
    ['documentation', 'procedure_codes', '99213;9921X', 'INPUT_INVALID_CODE'],
    ['documentation', 'author_npi', '1234567894', 'INPUT_INVALID_NPI'],
    ['documentation', 'signed', 'Y', 'INPUT_INVALID_BOOLEAN'],
    ['documentation', 'signed', '', 'INPUT_MISSING_VALUE'],
    ['eligibility', 'dob', '19800101', 'INPUT_INVALID_DATE'],
    ['eligibility', 'sex', 'X', 'INPUT_INVALID_ENUM'],
    ['eligibility', 'coverage_start', '', 'INPUT_MISSING_VALUE'],
    ['eligibility', 'coverage_end', '2023-12-31', 'INPUT_INVALID_DATE_RANGE'],
    ['eligibility', 'plan_name', '', 'INPUT_MISSING_VALUE'],
    ['contracts', 'modifier', '2', 'INPUT_INVALID_CODE'],
    ['contracts', 'allowed_amount', '12.345', 'INPUT_INVALID_AMOUNT'],
    ['contracts', 'allowed_amount', '$5', 'INPUT_INVALID_AMOUNT'],
    ['contracts', 'allowed_amount', '', 'INPUT_MISSING_VALUE'],
    ['contracts', 'effective_end', '2023-06-30', 'INPUT_INVALID_DATE_RANGE'],
  ];
  it.each(cases)('%s.%s = %j → %s', (kind, column, value, code) => {
    const text = csv(
      kind,
      row(kind),
      row(kind, {
        [KEY_COLUMN[kind]]: 'KEY2',
        [column]: value,
      }),
    );
    const { issues, records } = parseInputFile(kind, text, 'f.csv');
    expect(brief(issues)).toEqual([{ code, line: 3, column, path: undefined }]);
    expect(records[kind]).toHaveLength(1);
  });

  it('reports every problem of a row, not only the first', () => {
    const text = csv('eligibility', row('eligibility', { dob: 'x', sex: 'x', plan_name: '' }));
    expect(parseInputFile('eligibility', text, 'e.csv').issues.map((i) => i.column)).toEqual([
      'dob',
      'sex',
      'plan_name',
    ]);
  });

  it('normalizes values: trims, upper-cases codes, maps sex words and canceled', () => {
    const a = parseInputFile(
      'authorizations',
      csv(
        'authorizations',
        row('authorizations', { procedure_code: ' j1100 ', status: 'Canceled', auth_number: '  A9  ' }),
      ),
      'a.csv',
    );
    expect(a.records.authorizations[0]).toMatchObject({
      procedureCode: 'J1100',
      status: 'cancelled',
      authNumber: 'A9',
    });
    const e = parseInputFile(
      'eligibility',
      csv('eligibility', row('eligibility', { sex: 'unknown' })),
      'e.csv',
    );
    expect(e.records.eligibility[0].sex).toBe('U');
    const c = parseInputFile('contracts', csv('contracts', row('contracts', { modifier: 'lt' })), 'c.csv');
    expect(c.records.contracts[0].modifier).toBe('LT');
  });

  it('accepts ranges whose start equals their end', () => {
    const text = csv(
      'authorizations',
      row('authorizations', { start_date: '2024-01-15', end_date: '2024-01-15' }),
    );
    expect(parseInputFile('authorizations', text, 'a.csv').issues).toEqual([]);
  });
});

describe('parseInputFile: duplicate keys', () => {
  it.each([
    ['authorizations', { procedure_code: ' 99213 ' }],
    ['documentation', { text: 'other' }],
    ['eligibility', { plan_name: 'OTHER' }],
    ['contracts', { allowed_amount: '1.00' }],
  ] as const)('%s: names both lines', (kind, change) => {
    const text = csv(kind, row(kind), row(kind, { [KEY_COLUMN[kind]]: 'OTHER' }), row(kind, change));
    const { issues, records } = parseInputFile(kind, text, 'f.csv');
    expect(brief(issues)).toEqual([
      { code: 'INPUT_DUPLICATE_KEY', line: 4, column: expect.any(String), path: undefined },
    ]);
    expect(issues[0].message).toContain('line 2 and line 4');
    expect(records[kind]).toHaveLength(2);
  });

  it('different modifiers or procedure codes are different keys', () => {
    const fees = csv(
      'contracts',
      row('contracts'),
      row('contracts', { modifier: '25' }),
      row('contracts', { procedure_code: '99214' }),
    );
    expect(parseInputFile('contracts', fees, 'c.csv').issues).toEqual([]);
    const auths = csv(
      'authorizations',
      row('authorizations'),
      row('authorizations', { procedure_code: '87880' }),
    );
    expect(parseInputFile('authorizations', auths, 'a.csv').issues).toEqual([]);
  });

  it('names both JSON paths', () => {
    const { issues } = parseInputFile(
      'documentation',
      JSON.stringify([row('documentation'), row('documentation')]),
      'd.json',
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: 'INPUT_DUPLICATE_KEY', path: '$[1]', column: 'document_id' }),
    ]);
    expect(issues[0].message).toContain('$[0] and $[1]');
  });
});
