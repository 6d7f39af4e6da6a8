import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InputIssue } from '../input-records.js';
import { parseFhirBundle } from './fhir-bundle.parser.js';

type Json = Record<string, unknown>;
const fixtureText = readFileSync(join(process.cwd(), 'fixtures/inputs/fhir-bundle.json'), 'utf8');
const fixtureBundle = (): Json => JSON.parse(fixtureText) as Json;
const entries = (bundle: Json): Json[] => bundle.entry as Json[];
const resourceOf = (bundle: Json, id: string): Json =>
  entries(bundle)
    .map((e) => e.resource as Json)
    .find((r) => r.id === id)!;
const parse = (bundle: unknown) => parseFhirBundle(JSON.stringify(bundle), 'b.json');
const brief = (issues: InputIssue[]) => issues.map((i) => [i.severity, i.code, i.path]);
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

const patient = (id: string, extra: Json = {}): Json => ({
  resourceType: 'Patient',
  id,
  identifier: [{ value: `MEM-${id}` }],
  name: [{ family: 'TESTPATIENT', given: ['ALPHA'] }],
  birthDate: '1980-01-01',
  gender: 'female',
  ...extra,
});
const bundleOf = (...resources: Json[]): Json => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${String(resource.id)}`, resource })),
});

describe('parseFhirBundle: the fixture bundle (claim PCN001 of 837p-basic.x12)', () => {
  const { records, issues } = parseFhirBundle(Buffer.from(fixtureText, 'utf8'), 'fhir-bundle.json');

  it('has no issues', () => expect(issues).toEqual([]));

  it('maps the Patient, member id from the Coverage', () => {
    expect(records.patients).toEqual([
      {
        patientId: 'pat-alpha',
        memberId: 'TESTMEM001',
        lastName: 'TESTPATIENT',
        firstName: 'ALPHA',
        dob: '1980-01-01',
        sex: 'F',
        origin: { source: 'fhir', path: '$.entry[0].resource' },
      },
    ]);
  });

  it('maps the Coverage to an eligibility record', () => {
    expect(records.eligibility).toEqual([
      {
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
        origin: { source: 'fhir', path: '$.entry[3].resource' },
      },
    ]);
  });

  it('maps the DocumentReference with its encounter date (local, not UTC) and the encounter codes', () => {
    expect(records.documentation).toEqual([
      {
        documentId: 'docref-20240115',
        memberId: 'TESTMEM001',
        patientLastName: 'TESTPATIENT',
        patientFirstName: 'ALPHA',
        patientDob: '1980-01-01',
        serviceDate: '2024-01-15',
        documentType: '11506-3',
        diagnosisCodes: ['J069', 'R509'],
        procedureCodes: ['99213', '87880'],
        authorNpi: '1234567893',
        signed: true,
        text:
          'Synthetic test note for TESTPATIENT ALPHA. Seen for sore throat and fever x2 days.\n' +
          'Rapid strep negative. Assessment: acute upper respiratory infection (J06.9), fever (R50.9).',
        origin: { source: 'fhir', path: '$.entry[9].resource' },
      },
    ]);
  });

  it('maps the PAS ClaimResponse item (via the contained request Claim) and addItem', () => {
    const common = {
      authNumber: 'AUTH-TEST-0001',
      payerId: 'TESTPYR01',
      memberId: 'TESTMEM001',
      patientLastName: 'TESTPATIENT',
      patientFirstName: 'ALPHA',
      patientDob: '1980-01-01',
      unitsApproved: 1,
      startDate: '2024-01-01',
      endDate: '2024-03-31',
      status: 'approved',
      providerNpi: '1234567893',
    };
    expect(records.authorizations).toEqual([
      { ...common, procedureCode: '99213', origin: { source: 'fhir', path: '$.entry[10].resource.item[0]' } },
      {
        ...common,
        procedureCode: '87880',
        origin: { source: 'fhir', path: '$.entry[10].resource.addItem[0]' },
      },
    ]);
  });

  it('reads nothing into contracts', () => expect(records.contracts).toEqual([]));
});

describe('parseFhirBundle: bundle-level checks', () => {
  it('rejects a non-bundle and an unsupported bundle type', () => {
    expect(brief(parse({ resourceType: 'Patient' }).issues)).toEqual([['error', 'FHIR_NOT_A_BUNDLE', '$']]);
    expect(brief(parse([1]).issues)).toEqual([['error', 'FHIR_NOT_A_BUNDLE', '$']]);
    expect(brief(parse({ resourceType: 'Bundle', type: 'document', entry: [] }).issues)).toEqual([
      ['error', 'FHIR_UNSUPPORTED_BUNDLE_TYPE', '$.type'],
    ]);
  });

  it.each(['collection', 'transaction', 'searchset'])('accepts type %s', (type) => {
    const result = parse({ ...bundleOf(patient('p1')), type });
    expect(result.issues).toEqual([]);
    expect(result.records.patients).toHaveLength(1);
  });

  it('reports malformed JSON, empty input, invalid UTF-8', () => {
    expect(parseFhirBundle('{"resourceType": ', 'b.json').issues[0].code).toBe('INPUT_MALFORMED_JSON');
    expect(parseFhirBundle('', 'b.json').issues[0].code).toBe('INPUT_EMPTY');
    expect(parseFhirBundle(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 'b.json').issues[0].code).toBe(
      'INPUT_NOT_UTF8',
    );
  });

  it('tolerates a BOM', () => {
    expect(parseFhirBundle(`\ufeff${JSON.stringify(bundleOf(patient('p1')))}`, 'b.json').issues).toEqual([]);
  });

  it('ignores unknown resource types and entries without a resource', () => {
    const bundle = bundleOf(patient('p1'), { resourceType: 'Observation', id: 'o1', status: 'final' });
    (bundle.entry as Json[]).push({ request: { method: 'DELETE', url: 'Patient/x' } });
    const result = parse(bundle);
    expect(result.issues).toEqual([]);
    expect(result.records.patients).toHaveLength(1);
  });

  it('reports an entry resource without resourceType', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: { id: 'x' } }] };
    expect(brief(parse(bundle).issues)).toEqual([['error', 'FHIR_INVALID_RESOURCE', '$.entry[0].resource']]);
  });

  it('reports duplicate Patient ids naming both paths', () => {
    const { issues } = parse(bundleOf(patient('p1'), { ...patient('p1'), id: 'p1' }));
    expect(brief(issues)).toEqual([['error', 'INPUT_DUPLICATE_KEY', '$.entry[1].resource']]);
    expect(issues[0].message).toContain('$.entry[0].resource and $.entry[1].resource');
  });
});

describe('parseFhirBundle: Patient', () => {
  it('prefers an MB identifier, then the first one', () => {
    const withMb = patient('p1', {
      identifier: [{ value: 'MRN1' }, { type: { coding: [{ code: 'MB' }] }, value: 'MEMBER1' }],
    });
    expect(parse(bundleOf(withMb)).records.patients[0].memberId).toBe('MEMBER1');
    const plain = patient('p2', { identifier: [{ value: 'MRN2' }, { value: 'OTHER' }] });
    expect(parse(bundleOf(plain)).records.patients[0].memberId).toBe('MRN2');
  });

  it('takes the official name, maps genders, and reads a partial birthDate as unknown with a warning', () => {
    const p = patient('p1', {
      name: [
        { use: 'nickname', family: 'NICK', given: ['N'] },
        { use: 'official', family: 'TESTPATIENT', given: ['BETA', 'X'] },
      ],
      gender: 'other',
      birthDate: '1980-05',
    });
    const { records, issues } = parse(bundleOf(p));
    expect(records.patients[0]).toMatchObject({
      lastName: 'TESTPATIENT',
      firstName: 'BETA',
      sex: 'U',
      dob: null,
    });
    expect(brief(issues)).toEqual([['warning', 'INPUT_INVALID_DATE', '$.entry[0].resource.birthDate']]);
    expect(parse(bundleOf(patient('p2', { gender: 'male' }))).records.patients[0].sex).toBe('M');
  });

  it('reports a Patient without identifier, name, or with a bad gender', () => {
    const p = patient('p1', { identifier: [], name: [{ family: 'X' }], gender: 'f' });
    expect(brief(parse(bundleOf(p)).issues)).toEqual([
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[0].resource.identifier'],
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[0].resource.name[0].given'],
      ['error', 'INPUT_INVALID_ENUM', '$.entry[0].resource.gender'],
    ]);
  });
});

describe('parseFhirBundle: references', () => {
  const coverage = (beneficiary: string, extra: Json = {}): Json => ({
    resourceType: 'Coverage',
    id: 'c1',
    status: 'active',
    subscriberId: 'SUB1',
    beneficiary: { reference: beneficiary },
    payor: [{ identifier: { value: 'PAYER1' } }],
    period: { start: '2024-01-01', end: '2024-12-31' },
    ...extra,
  });

  it.each([
    ['relative Type/id', 'Patient/p1'],
    ['urn:uuid fullUrl', 'urn:uuid:p1'],
    ['absolute URL', 'https://ehr.example.test/fhir/Patient/p1'],
    ['versioned', 'Patient/p1/_history/3'],
  ])('resolves a %s reference', (_label, ref) => {
    const { records, issues } = parse(bundleOf(patient('p1'), coverage(ref)));
    expect(issues).toEqual([]);
    expect(records.eligibility[0]).toMatchObject({
      memberId: 'SUB1',
      payerId: 'PAYER1',
      lastName: 'TESTPATIENT',
      coverageEnd: '2024-12-31',
    });
    expect(records.patients[0].memberId).toBe('SUB1');
  });

  it('resolves a contained reference', () => {
    const cov = coverage('#pat', { contained: [{ ...patient('pat'), identifier: [{ value: 'X' }] }] });
    const { records, issues } = parse(bundleOf(cov));
    expect(issues).toEqual([]);
    expect(records.eligibility[0]).toMatchObject({ memberId: 'SUB1', firstName: 'ALPHA' });
    expect(records.patients).toEqual([]);
  });

  it('reports an unresolved needed reference with its path', () => {
    const { records, issues } = parse(bundleOf(coverage('Patient/nobody')));
    expect(issues).toEqual([
      {
        severity: 'error',
        code: 'FHIR_UNRESOLVED_REFERENCE',
        message:
          'b.json $.entry[0].resource.beneficiary.reference: Patient reference "Patient/nobody" is not in the bundle',
        file: 'b.json',
        path: '$.entry[0].resource.beneficiary.reference',
      },
    ]);
    expect(records.eligibility).toEqual([]);
  });

  it('reports a reference to the wrong resource type', () => {
    const org = { resourceType: 'Organization', id: 'o1', identifier: [{ value: 'P' }] };
    expect(brief(parse(bundleOf(org, coverage('Organization/o1'))).issues)).toEqual([
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[1].resource.beneficiary.reference'],
    ]);
  });
});

describe('parseFhirBundle: Coverage', () => {
  const base = (extra: Json): Json[] => [
    patient('p1'),
    {
      resourceType: 'Organization',
      id: 'org1',
      identifier: [{ value: 'NAME' }, { type: { coding: [{ code: 'NIIP' }] }, value: 'PAYERID' }],
    },
    {
      resourceType: 'Coverage',
      id: 'c1',
      status: 'active',
      beneficiary: { reference: 'Patient/p1' },
      payor: [{ reference: 'Organization/org1' }],
      period: { start: '2024-01-01T00:00:00-05:00' },
      class: [{ type: { coding: [{ code: 'group' }] }, value: 'G1', name: 'GROUP PLAN' }],
      ...extra,
    },
  ];

  it('reads payer from the Organization (NIIP identifier), falls back to the patient member id, group name as plan', () => {
    const { records, issues } = parse(bundleOf(...base({})));
    expect(issues).toEqual([]);
    expect(records.eligibility[0]).toMatchObject({
      payerId: 'PAYERID',
      memberId: 'MEM-p1',
      coverageStart: '2024-01-01',
      coverageEnd: null,
      planName: 'GROUP PLAN',
      coverageStatus: 'active',
    });
  });

  it('maps cancelled to inactive, skips entered-in-error, rejects other statuses', () => {
    expect(parse(bundleOf(...base({ status: 'cancelled' }))).records.eligibility[0].coverageStatus).toBe(
      'inactive',
    );
    const skipped = parse(bundleOf(...base({ status: 'entered-in-error' })));
    expect([skipped.issues, skipped.records.eligibility]).toEqual([[], []]);
    expect(brief(parse(bundleOf(...base({ status: 'bogus' }))).issues)).toEqual([
      ['error', 'INPUT_INVALID_ENUM', '$.entry[2].resource.status'],
    ]);
  });

  it('reports missing period start, bad dates, reversed period, missing payer', () => {
    expect(brief(parse(bundleOf(...base({ period: { end: '2024-01-01' } }))).issues)).toEqual([
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[2].resource.period.start'],
    ]);
    expect(brief(parse(bundleOf(...base({ period: { start: '2024-02-30' } }))).issues)).toEqual([
      ['error', 'INPUT_INVALID_DATE', '$.entry[2].resource.period.start'],
    ]);
    expect(
      brief(
        parse(bundleOf(...base({ period: { start: '2024-02-01', end: '2024-01-31T23:00:00+02:00' } })))
          .issues,
      ),
    ).toEqual([['error', 'INPUT_INVALID_DATE_RANGE', '$.entry[2].resource.period.end']]);
    expect(brief(parse(bundleOf(...base({ payor: [] }))).issues)).toEqual([
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[2].resource.payor[0]'],
    ]);
    expect(brief(parse(bundleOf(...base({ payor: [{ reference: 'Organization/nope' }] }))).issues)).toEqual([
      ['error', 'FHIR_UNRESOLVED_REFERENCE', '$.entry[2].resource.payor[0].reference'],
    ]);
  });
});

describe('parseFhirBundle: DocumentReference', () => {
  const doc = (extra: Json): Json => ({
    resourceType: 'DocumentReference',
    id: 'd1',
    status: 'current',
    type: { text: 'Progress note' },
    subject: { reference: 'Patient/p1' },
    ...extra,
  });

  it.each([
    [
      'an encounter period start',
      {
        context: { encounter: [{ reference: 'Encounter/e1' }], period: { start: '2024-02-02' } },
        date: '2024-03-03T00:00:00Z',
      },
      '2024-01-31',
    ],
    [
      'context.period.start',
      { context: { period: { start: '2024-02-02T23:59:00-08:00' } }, date: '2024-03-03T00:00:00Z' },
      '2024-02-02',
    ],
    ['the document date', { date: '2025-03-04T23:30:00-05:00' }, '2025-03-04'],
  ])('takes the service date from %s', (_label, extra, date) => {
    const encounter = {
      resourceType: 'Encounter',
      id: 'e1',
      status: 'finished',
      period: { start: '2024-01-31T22:00:00-10:00' },
    };
    const { records, issues } = parse(bundleOf(patient('p1'), encounter, doc(extra)));
    expect(issues).toEqual([]);
    expect(records.documentation[0].serviceDate).toBe(date);
  });

  it('collects ICD-10-CM and CPT/HCPCS codes of the encounter only, skipping other systems and entered-in-error', () => {
    const cond = (
      id: string,
      code: string,
      enc: string,
      system = 'http://hl7.org/fhir/sid/icd-10-cm',
      extra: Json = {},
    ): Json => ({
      resourceType: 'Condition',
      id,
      code: { coding: [{ system, code }] },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: enc },
      ...extra,
    });
    const proc = (id: string, code: string, system: string, extra: Json = {}): Json => ({
      resourceType: 'Procedure',
      id,
      status: 'completed',
      code: { coding: [{ system, code }] },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'urn:uuid:e1' },
      ...extra,
    });
    const resources = [
      patient('p1'),
      { resourceType: 'Encounter', id: 'e1', status: 'finished', period: { start: '2024-01-15' } },
      { resourceType: 'Encounter', id: 'e2', status: 'finished', period: { start: '2024-01-16' } },
      cond('c1', 'e11.9', 'Encounter/e1'),
      cond('c2', 'I10', 'urn:uuid:e1'),
      cond('c3', 'J45.909', 'Encounter/e2'),
      cond('c4', '44054006', 'Encounter/e1', 'http://snomed.info/sct'),
      cond('c5', 'Z00.00', 'Encounter/e1', undefined, {
        verificationStatus: { coding: [{ code: 'entered-in-error' }] },
      }),
      proc('p1', '99214', 'http://www.ama-assn.org/go/cpt'),
      proc('p2', 'g0439', 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'),
      proc('p3', 'J1100', 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'),
      proc('p4', '80053', 'http://www.ama-assn.org/go/cpt', { status: 'not-done' }),
      proc('p5', '123', 'http://snomed.info/sct'),
      doc({ context: { encounter: [{ reference: 'Encounter/e1' }] } }),
    ];
    const { records, issues } = parse(bundleOf(...resources));
    expect(issues).toEqual([]);
    expect(records.documentation[0]).toMatchObject({
      diagnosisCodes: ['E119', 'I10'],
      procedureCodes: ['99214', 'G0439', 'J1100'],
    });
  });

  it('reports a bad ICD-10-CM or CPT code where it is', () => {
    const resources = [
      {
        resourceType: 'Condition',
        id: 'c1',
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9!' }] },
      },
      {
        resourceType: 'Procedure',
        id: 'pr',
        status: 'completed',
        code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '9921' }] },
      },
    ];
    expect(brief(parse(bundleOf(...resources)).issues)).toEqual([
      ['error', 'INPUT_INVALID_CODE', '$.entry[0].resource.code.coding[0].code'],
      ['error', 'INPUT_INVALID_CODE', '$.entry[1].resource.code.coding[0].code'],
    ]);
  });

  it('signed from docStatus final or an authenticator; author NPI through PractitionerRole', () => {
    const resources = [
      patient('p1'),
      {
        resourceType: 'Practitioner',
        id: 'pr1',
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1999999992' }],
      },
      { resourceType: 'PractitionerRole', id: 'role1', practitioner: { reference: 'Practitioner/pr1' } },
      doc({
        date: '2024-01-01',
        docStatus: 'preliminary',
        author: [{ reference: 'PractitionerRole/role1' }],
      }),
      doc({ id: 'd2', date: '2024-01-01', authenticator: { reference: 'Practitioner/pr1' } }),
      doc({
        id: 'd3',
        date: '2024-01-01',
        docStatus: 'final',
        author: [{ identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' } }],
      }),
    ];
    const { records, issues } = parse(bundleOf(...resources));
    expect(issues).toEqual([]);
    expect(records.documentation.map((d) => [d.documentId, d.signed, d.authorNpi])).toEqual([
      ['d1', false, '1999999992'],
      ['d2', true, null],
      ['d3', true, '1234567893'],
    ]);
  });

  it('reads text only from text/* attachments, decoding base64 UTF-8', () => {
    const withText = (id: string, attachment: Json): Json =>
      doc({ id, date: '2024-01-01', content: [{ attachment }] });
    const resources = [
      patient('p1'),
      withText('t1', { contentType: 'text/plain', data: b64('Patient with history of MI, stable — café') }),
      withText('t2', { contentType: 'application/pdf', data: b64('%PDF') }),
      withText('t3', { contentType: 'text/plain', url: 'https://example.test/note' }),
    ];
    const { records, issues } = parse(bundleOf(...resources));
    expect(issues).toEqual([]);
    expect(records.documentation.map((d) => d.text)).toEqual([
      'Patient with history of MI, stable — café',
      '',
      '',
    ]);
  });

  it('reports bad base64, non-UTF-8 text, a bad author NPI, a missing type, a missing date', () => {
    const resources = [
      patient('p1'),
      doc({
        id: 'x1',
        date: '2024-01-01',
        content: [
          {
            attachment: {
              contentType: 'text/plain',
              data: Buffer.from([0xff, 0xfe, 0x41]).toString('base64'),
            },
          },
        ],
      }),
      doc({
        id: 'x2',
        date: '2024-01-01',
        author: [{ identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567890' } }],
      }),
      doc({ id: 'x3', date: '2024-01-01', type: {} }),
      doc({ id: 'x4' }),
      doc({ id: 'x5', context: { encounter: [{ reference: 'Encounter/missing' }] } }),
    ];
    const { records, issues } = parse(bundleOf(...resources));
    expect(brief(issues)).toEqual([
      ['error', 'INPUT_NOT_UTF8', '$.entry[1].resource.content[0].attachment.data'],
      ['error', 'INPUT_INVALID_NPI', '$.entry[2].resource.author[0].identifier.value'],
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[3].resource.type'],
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[4].resource.date'],
      ['error', 'FHIR_UNRESOLVED_REFERENCE', '$.entry[5].resource.context.encounter[0].reference'],
    ]);
    expect(records.documentation).toEqual([]);
  });

  it('warns (not fails) on an unresolved encounter when the document has its own date', () => {
    const d = doc({ date: '2024-01-05', context: { encounter: [{ reference: 'Encounter/missing' }] } });
    const { records, issues } = parse(bundleOf(patient('p1'), d));
    expect(brief(issues)).toEqual([
      ['warning', 'FHIR_UNRESOLVED_REFERENCE', '$.entry[1].resource.context.encounter[0].reference'],
    ]);
    expect(records.documentation[0].serviceDate).toBe('2024-01-05');
  });
});

describe('parseFhirBundle: prior-authorization ClaimResponse', () => {
  const REVIEW = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-reviewAction';
  const review = (code: string): Json => ({
    extension: [{ url: REVIEW, extension: [{ url: 'code', valueCodeableConcept: { coding: [{ code }] } }] }],
  });
  const cpt = (code: string): Json => ({ coding: [{ system: 'http://www.ama-assn.org/go/cpt', code }] });
  const response = (extra: Json): Json => ({
    resourceType: 'ClaimResponse',
    id: 'cr1',
    status: 'active',
    use: 'preauthorization',
    patient: { reference: 'Patient/p1' },
    insurer: { identifier: { value: 'PAYER1' } },
    outcome: 'complete',
    preAuthRef: 'PA-1',
    ...extra,
  });
  const run = (extra: Json, ...more: Json[]) => parse(bundleOf(patient('p1'), ...more, response(extra)));

  it('maps review action codes to statuses per item', () => {
    const addItem = ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'NA'].map((code, i) => ({
      productOrService: cpt(`9921${i}`),
      quantity: { value: i },
      servicedDate: '2024-05-05',
      adjudication: [review(code)],
    }));
    const { records, issues } = run({ addItem });
    expect(issues).toEqual([]);
    expect(
      records.authorizations.map((a) => [a.procedureCode, a.status, a.unitsApproved, a.startDate, a.endDate]),
    ).toEqual([
      ['99210', 'approved', 0, '2024-05-05', '2024-05-05'],
      ['99211', 'approved', 1, '2024-05-05', '2024-05-05'],
      ['99212', 'denied', 2, '2024-05-05', '2024-05-05'],
      ['99213', 'pending', 3, '2024-05-05', '2024-05-05'],
      ['99214', 'approved', 4, '2024-05-05', '2024-05-05'],
      ['99215', 'cancelled', 5, '2024-05-05', '2024-05-05'],
      ['99216', 'pending', 6, '2024-05-05', '2024-05-05'],
      ['99217', 'approved', 7, '2024-05-05', '2024-05-05'],
    ]);
    expect(records.authorizations[0]).toMatchObject({
      authNumber: 'PA-1',
      payerId: 'PAYER1',
      memberId: 'MEM-p1',
      providerNpi: null,
    });
  });

  it.each([
    ['complete', 'active', 'approved'],
    ['queued', 'active', 'pending'],
    ['partial', 'active', 'pending'],
    ['error', 'active', 'denied'],
    ['complete', 'cancelled', 'cancelled'],
  ])('without review action: outcome %s, status %s → %s', (outcome, status, expected) => {
    const addItem = [
      { productOrService: cpt('99213'), servicedPeriod: { start: '2024-01-01', end: '2024-02-01' } },
    ];
    const { records, issues } = run({ outcome, status, addItem });
    expect(issues).toEqual([]);
    expect(records.authorizations[0]).toMatchObject({
      status: expected,
      unitsApproved: null,
      startDate: '2024-01-01',
      endDate: '2024-02-01',
    });
  });

  it('reads PAS itemAuthorizedDetail and itemPreAuthPeriod extensions without a request Claim', () => {
    const item = {
      itemSequence: 1,
      extension: [
        {
          url: 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-itemAuthorizedDetail',
          extension: [
            {
              url: 'productOrServiceCode',
              valueCodeableConcept: {
                coding: [
                  { system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'E0114' },
                ],
              },
            },
            { url: 'quantity', valueQuantity: { value: 2 } },
          ],
        },
        {
          url: 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-itemPreAuthPeriod',
          valuePeriod: { start: '2024-03-01', end: '2024-08-31' },
        },
      ],
      adjudication: [review('A1')],
    };
    const { records, issues } = run({
      item: [item],
      preAuthPeriod: { start: '2024-01-01', end: '2024-12-31' },
    });
    expect(issues).toEqual([]);
    expect(records.authorizations).toEqual([
      expect.objectContaining({
        procedureCode: 'E0114',
        unitsApproved: 2,
        startDate: '2024-03-01',
        endDate: '2024-08-31',
        status: 'approved',
      }),
    ]);
  });

  it('resolves the requestor NPI through an Organization and ignores non-preauthorization responses', () => {
    const org = {
      resourceType: 'Organization',
      id: 'o1',
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1111111112' }],
    };
    const addItem = [{ productOrService: cpt('99213'), servicedDate: '2024-01-01' }];
    expect(
      run({ requestor: { reference: 'Organization/o1' }, addItem }, org).records.authorizations[0]
        .providerNpi,
    ).toBe('1111111112');
    const claim = run({ use: 'claim', addItem });
    expect([claim.issues, claim.records.authorizations]).toEqual([[], []]);
  });

  it('reports an unresolved request Claim, an unknown review code, a bad quantity, a missing insurer', () => {
    const { issues } = run({
      insurer: undefined,
      request: { reference: 'Claim/missing' },
      item: [{ itemSequence: 1 }],
      addItem: [
        { productOrService: cpt('99213'), servicedDate: '2024-01-01', adjudication: [review('ZZ')] },
        { productOrService: cpt('99214'), servicedDate: '2024-01-01', quantity: { value: 1.5 } },
        { productOrService: { text: 'consult' }, servicedDate: '2024-01-01' },
      ],
    });
    expect(brief(issues)).toEqual([
      ['error', 'FHIR_INVALID_RESOURCE', '$.entry[1].resource.insurer'],
      ['error', 'FHIR_UNRESOLVED_REFERENCE', '$.entry[1].resource.request.reference'],
      ['error', 'INPUT_INVALID_ENUM', '$.entry[1].resource.addItem[0]'],
      ['error', 'INPUT_INVALID_NUMBER', '$.entry[1].resource.addItem[1].quantity.value'],
      ['warning', 'FHIR_INVALID_RESOURCE', '$.entry[1].resource.addItem[2].productOrService'],
    ]);
  });

  it('reports duplicate authorization number + code', () => {
    const addItem = [
      { productOrService: cpt('99213'), servicedDate: '2024-01-01' },
      { productOrService: cpt('99213'), servicedDate: '2024-02-01' },
    ];
    expect(brief(run({ addItem }).issues)).toEqual([
      ['error', 'INPUT_DUPLICATE_KEY', '$.entry[1].resource.addItem[1]'],
    ]);
  });
});

describe('parseFhirBundle: fixture variants', () => {
  it('reports the JSON path of a bad birthDate in the fixture', () => {
    const bundle = fixtureBundle();
    resourceOf(bundle, 'pat-alpha').birthDate = '1980-02-30';
    const { issues } = parse(bundle);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['INPUT_INVALID_DATE', '$.entry[0].resource.birthDate'],
    ]);
  });
});
