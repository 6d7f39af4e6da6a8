/**
 * Test helpers for fact unit specs: a complete, clean professional `Claim` and a `ClaimContext` with
 * small in-memory code sets, reference tables and a default payer profile. Shared by the claim-data
 * facts (basic, coding, bundling, ...) and the patient-record facts (H3: authorization,
 * documentation, eligibility, identity, duplicate, timely filing): override what a test needs,
 * everything else passes every rule of the standard pack.
 *
 *   const claim = claimFixture({ lines: [lineFixture({ procedure: procedureFixture('20610', ['RT']) })] });
 *   const ctx = contextFixture({ claim, tables: tablesFixture({ mue: [...] }) });
 *   expect(factValue(MY_FACTS, 'line.mueLimit', ctx, 0)).toBe(2);
 *
 * `claimFixture` derives `serviceDateFrom/To` from the lines' dates and `totalCharge` from their
 * charges unless given. Embedded rule tests (rules/<category>/*.yaml) do not use this: they go
 * through the case builder (`context/case-builder.ts`).
 */
import { CodeSetRegistry } from '../../../code-sets/code-set-registry.js';
import { AbbreviationMatcher } from '../../../lexicon/abbreviation-matcher.js';
import type {
  Claim,
  OtherPayer,
  Procedure,
  Provider,
  ProviderRole,
  ServiceLine,
} from '../../../x12/index.js';
import type {
  ClaimContext,
  CodeMatcher,
  DiagnosisCoverage,
  LineRef,
  MueLimit,
  NcciPair,
  PayerProfile,
  ReferenceTables,
} from '../../claim-context.js';
import { createCodeMatcher } from '../../context/code-matcher.js';
import type { FactDefinition, FactValue } from '../../fact.js';

/** The date of service of the fixture claim (FY2026 ICD-10-CM, HCPCS 2026-01). */
export const FIXTURE_DOS = '2026-01-10';
/** A valid NPI (check digit correct), an individual. */
export const FIXTURE_NPI = '1234567893';
/** Another valid NPI. */
export const FIXTURE_NPI_2 = '1245319599';

export function procedureFixture(code: string, modifiers: string[] = [], qualifier = 'HC'): Procedure {
  return { qualifier, code, modifiers, description: '' };
}

export function providerFixture(
  role: ProviderRole,
  npi: string,
  overrides: Partial<Provider> & { entityType?: '1' | '2' } = {},
): Provider {
  const { entityType = '1', ...rest } = overrides;
  const entityIdCode = { billing: '85', rendering: '82', referring: 'DN' }[role as string] ?? 'XX';
  return {
    role,
    party: {
      entityIdCode,
      entityType,
      lastOrOrgName: entityType === '2' ? 'TEST CLINIC' : 'DOCTOR',
      firstName: entityType === '2' ? '' : 'TEST',
      middleName: '',
      suffix: '',
      idQualifier: npi ? 'XX' : '',
      id: npi,
    },
    npi,
    taxId: role === 'billing' ? '123456789' : '',
    taxonomy: role === 'billing' ? '207Q00000X' : '',
    address: null,
    references: [],
    ...rest,
  };
}

export function lineFixture(overrides: Partial<ServiceLine> = {}): ServiceLine {
  return {
    lineNumber: 1,
    procedure: procedureFixture('99213'),
    revenueCode: '',
    charge: 10000,
    unitBasis: 'UN',
    units: 1,
    placeOfService: '',
    diagnosisPointers: [1],
    emergency: '',
    epsdt: '',
    familyPlanning: '',
    nonCoveredCharge: null,
    prosthesisCode: '',
    oralCavity: [],
    teeth: [],
    serviceDate: FIXTURE_DOS,
    serviceDateEnd: FIXTURE_DOS,
    dates: [],
    controlNumber: '',
    priorAuthorization: '',
    referralNumber: '',
    references: [],
    drug: null,
    providers: [],
    adjudications: [],
    note: '',
    attachments: [],
    position: { segmentIndex: 0, line: 0, byteOffset: 0 },
    ...overrides,
  };
}

/** Lines numbered 1..n from partial lines. */
export function linesFixture(...lines: Partial<ServiceLine>[]): ServiceLine[] {
  return lines.map((l, i) => lineFixture({ lineNumber: i + 1, ...l }));
}

export function otherPayerFixture(overrides: Partial<OtherPayer> = {}): OtherPayer {
  return {
    payerResponsibility: 'P',
    relationshipCode: '18',
    groupNumber: '',
    claimFilingIndicator: 'CI',
    adjustments: [],
    paidAmount: null,
    remainingPatientLiability: null,
    nonCoveredAmount: null,
    subscriber: null,
    payer: {
      entityIdCode: 'PR',
      entityType: '2',
      lastOrOrgName: 'PRIMARY PAYER',
      firstName: '',
      middleName: '',
      suffix: '',
      idQualifier: 'PI',
      id: 'PRIMARY1',
    },
    adjudicationDate: null,
    references: [],
    ...overrides,
  };
}

/** A clean 837P claim: one 99213 line ($100.00, J06.9) on 2026-01-10 for subscriber TESTMEM001 of TESTPAYER. */
export function claimFixture(overrides: Partial<Claim> = {}): Claim {
  const lines = overrides.lines ?? [lineFixture()];
  const dates = lines.map((l) => l.serviceDate).filter((d): d is string => d !== null);
  const sorted = [...dates].sort();
  const billing = providerFixture('billing', FIXTURE_NPI, { entityType: '2' });
  const rendering = providerFixture('rendering', FIXTURE_NPI_2);
  const claim: Claim = {
    claimType: 'professional',
    version: '5010',
    transaction: {
      interchangeControlNumber: '000000001',
      interchangeSenderId: 'SENDER',
      interchangeReceiverId: 'RECEIVER',
      usageIndicator: 'T',
      groupControlNumber: '1',
      groupVersion: '005010X222A1',
      transactionSetId: '837',
      transactionControlNumber: '0001',
      implementationReference: '005010X222A1',
      batchReference: 'BATCH1',
      creationDate: '2026-01-15',
      claimOrEncounter: 'CH',
    },
    submitter: null,
    receiver: null,
    billingProvider: billing,
    payToProvider: null,
    payToPlan: null,
    subscriber: {
      payerResponsibility: 'P',
      relationshipCode: '18',
      groupNumber: 'GRP1',
      groupName: '',
      insuranceTypeCode: '',
      claimFilingIndicator: 'CI',
      memberId: 'TESTMEM001',
      lastName: 'TESTPATIENT',
      firstName: 'ALPHA',
      middleName: '',
      suffix: '',
      birthDate: '1980-01-01',
      sex: 'F',
      address: null,
      references: [],
    },
    patient: null,
    payer: { name: 'TEST PAYER', id: 'TESTPAYER', idQualifier: 'PI', address: null, references: [] },
    patientControlNumber: 'TEST-1',
    totalCharge: lines.reduce((s, l) => s + l.charge, 0),
    facilityCode: '11',
    facilityCodeQualifier: 'B',
    frequencyCode: '1',
    providerSignature: 'Y',
    assignmentParticipation: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    patientSignatureSource: '',
    relatedCauses: [],
    accidentState: '',
    specialProgram: '',
    delayReasonCode: '',
    onsetDate: null,
    accidentDate: null,
    admissionDate: null,
    dischargeDate: null,
    statementFrom: null,
    statementTo: null,
    dates: [],
    priorAuthorization: '',
    referralNumber: '',
    payerClaimControlNumber: '',
    medicalRecordNumber: '',
    references: [],
    patientAmountPaid: null,
    diagnoses: [
      {
        qualifier: 'ABK',
        code: 'J069',
        order: 1,
        role: 'principal',
        presentOnAdmission: '',
        codeSystem: 'ICD-10-CM',
      },
    ],
    providers: [billing, rendering],
    renderingProvider: rendering,
    referringProvider: null,
    attendingProvider: null,
    operatingProvider: null,
    serviceFacility: null,
    otherPayers: [],
    note: '',
    attachments: [],
    contract: null,
    institutional: null,
    dental: null,
    lines,
    serviceDateFrom: sorted[0] ?? null,
    serviceDateTo: sorted[sorted.length - 1] ?? null,
    position: { segmentIndex: 0, line: 0, byteOffset: 0 },
  };
  return { ...claim, ...overrides, lines };
}

/** Diagnoses in claim order (principal first, ABK/ABF), from codes as sent (`E11.9` or `E119`). */
export function diagnosesFixture(...codes: string[]): Claim['diagnoses'] {
  return codes.map((code, i) => ({
    qualifier: i === 0 ? 'ABK' : 'ABF',
    code: code.replace('.', ''),
    order: i + 1,
    role: i === 0 ? 'principal' : 'other',
    presentOnAdmission: '',
    codeSystem: 'ICD-10-CM',
  }));
}

/** ICD-10-CM FY2026 codes in the fixture code set: `1` billable, `0` header. */
export const FIXTURE_ICD10: Readonly<Record<string, string>> = {
  J06: '0Acute upper respiratory infections of multiple and unspecified sites',
  J069: '1Acute upper respiratory infection, unspecified',
  E11: '0Type 2 diabetes mellitus',
  E119: '1Type 2 diabetes mellitus without complications',
  M1711: '1Unilateral primary osteoarthritis, right knee',
  M25561: '1Pain in right knee',
  N400: '1Benign prostatic hyperplasia without lower urinary tract symptoms',
  C61: '1Malignant neoplasm of prostate',
  N952: '1Postmenopausal atrophic vaginitis',
  O80: '1Encounter for full-term uncomplicated delivery',
  Z3800: '1Single liveborn infant, delivered vaginally',
  Z0000: '1Encounter for general adult medical examination without abnormal findings',
  I10: '1Essential (primary) hypertension',
};

/** HCPCS 2026-01 codes and modifiers in the fixture code set. */
export const FIXTURE_HCPCS: Readonly<Record<string, string>> = {
  J3301: 'Triamcinolone acetonide inj',
  G0439: 'Ppps, subseq visit',
  A4100: 'Skin substitute, fda cleared',
  LT: 'Left side',
  RT: 'Right side',
  XS: 'Separate structure',
  XE: 'Separate encounter',
  XP: 'Separate practitioner',
  XU: 'Unusual non-overlap use',
  GT: 'Interactive telecommunication',
  KX: 'Documentation on file',
  E1: 'Upper left eyelid',
  FA: 'Left hand, thumb',
  F1: 'Left hand, second digit',
  TA: 'Left foot, great toe',
  T1: 'Left foot, second digit',
  LC: 'Left circumflex coronary artery',
  RC: 'Right coronary artery',
  GA: 'Waiver of liability statement issued',
};

export const FIXTURE_POS: ReadonlyMap<string, string> = new Map([
  ['11', 'Office'],
  ['12', 'Home'],
  ['19', 'Off Campus-Outpatient Hospital'],
  ['21', 'Inpatient Hospital'],
  ['22', 'On Campus-Outpatient Hospital'],
  ['23', 'Emergency Room - Hospital'],
]);

/** A small registry: ICD-10-CM FY2026 (2025-10-01..2026-09-30), HCPCS 2026-01, a few places of service. */
export function codeSetsFixture(): CodeSetRegistry {
  return new CodeSetRegistry({
    icd10cm: [
      {
        fiscalYear: 2026,
        effectiveFrom: '2025-10-01',
        effectiveTo: '2026-09-30',
        codes: new Map(Object.entries(FIXTURE_ICD10)),
      },
    ],
    hcpcs: [
      { release: '2026-01', effectiveFrom: '2026-01-01', codes: new Map(Object.entries(FIXTURE_HCPCS)) },
    ],
    placeOfService: FIXTURE_POS,
  });
}

export function codeMatcherFixture(entries: readonly string[] = []): CodeMatcher {
  return createCodeMatcher(entries);
}

/** The default payer profile (365 days filing, nothing needs authorization, no member id pattern). */
export function payerFixture(overrides: Partial<PayerProfile> = {}): PayerProfile {
  return {
    payerIds: [],
    name: 'Default profile',
    timelyFilingDays: 365,
    appealDays: 180,
    priorAuthCodes: codeMatcherFixture(),
    attachmentCodes: codeMatcherFixture(),
    memberIdPattern: null,
    source: 'fixture',
    ...overrides,
  };
}

const inForce = (dos: string, r: { effectiveStart: string; effectiveEnd: string | null }): boolean =>
  r.effectiveStart <= dos && (r.effectiveEnd === null || dos <= r.effectiveEnd);

/** Reference tables over the given rows (dates honoured; `'*'` coverage policies apply to every payer). */
export function tablesFixture(
  rows: { ncciPairs?: NcciPair[]; mue?: MueLimit[]; diagnosisCoverage?: DiagnosisCoverage[] } = {},
): ReferenceTables {
  const ncci = rows.ncciPairs ?? [];
  const mue = rows.mue ?? [];
  const coverage = rows.diagnosisCoverage ?? [];
  return {
    ncciPairs: (column1, dos) => ncci.filter((p) => p.column1 === column1 && inForce(dos, p)),
    mue: (code, dos) => mue.find((m) => m.code === code && inForce(dos, m)) ?? null,
    diagnosisCoverage: (payerId, code, dos) =>
      coverage.filter(
        (c) => (c.payerId === '*' || c.payerId === payerId) && c.procedureCode === code && inForce(dos, c),
      ),
    sources: [],
  };
}

/** A context for a claim (default `claimFixture()`), with the fixture code sets, empty tables and records. */
export function contextFixture(partial: Partial<ClaimContext> = {}): ClaimContext {
  const claim = partial.claim ?? claimFixture();
  return {
    claim,
    claimId: claim.patientControlNumber,
    asOf: '2026-01-20',
    payer: payerFixture(),
    codeSets: codeSetsFixture(),
    tables: tablesFixture(),
    lexicon: new AbbreviationMatcher({ fileName: 'fixture', version: 1, abbreviations: [] }),
    coverage: [],
    documentation: [],
    authorizations: [],
    identityProblems: [],
    duplicateRecords: [],
    authorizationsByNumber: () => [],
    authorizationUnitsUsedElsewhere: () => 0,
    contractRates: () => [],
    history: [],
    sources: { documentation: true, authorizations: true, eligibility: true, contracts: true },
    ...partial,
  };
}

/** The LineRef of a claim's line (0-based index). */
export function lineRef(ctx: ClaimContext, index = 0): LineRef {
  return { line: ctx.claim.lines[index]!, index };
}

/**
 * The value of the fact `name` (looked up in `facts`) for a context: a claim fact, or a line fact for
 * the line at `lineIndex` (0-based). Throws when the fact is unknown or the scope does not fit.
 */
export function factValue(
  facts: readonly FactDefinition[],
  name: string,
  ctx: ClaimContext,
  lineIndex?: number,
): FactValue {
  const fact = facts.find((f) => f.name === name);
  if (fact === undefined) throw new Error(`no fact ${name}`);
  if (fact.scope === 'line' && lineIndex === undefined)
    throw new Error(`${name} is a line fact: give a line index`);
  if (fact.scope === 'claim' && lineIndex !== undefined) throw new Error(`${name} is a claim fact`);
  return fact.compute(ctx, lineIndex === undefined ? null : lineRef(ctx, lineIndex));
}
