/**
 * Embedded rule tests (rules/README.md, "Embedded tests"): builds a full ClaimContext from a compact
 * case. Everything a case leaves out takes a default that passes every rule of the standard pack: a
 * clean professional claim for a covered, documented, authorized patient. The claim and its records
 * then go through the same AnalysisSession as real claims, so patient matching is real.
 *
 * Defaults (besides the claim fields listed in the README):
 * - asOf: the claim's first date of service + 10 days (also the claim's BHT04 creation date).
 * - coverage: one active eligibility span for the patient (subscriber's member id, the patient's
 *   name and date of birth), from January 1 of the first date of service's year, open-ended.
 * - documentation: one signed note per date of service, carrying every diagnosis of the claim and the
 *   procedure codes of that date's lines.
 * - authorizations: for each billed code the payer profile lists under priorAuthCodes, one approved
 *   authorization `TESTAUTH001` covering the claim's dates (+90 days) and the units billed.
 * - claim REF G1: when `claim.priorAuthorization` is not given, the number of the first authorization
 *   (default or listed) for a billed code; `priorAuthorization: ""` means none.
 * - contracts: a rate for every billed procedure code (any modifier), equal to its line charge per
 *   unit (rounded down; the lowest when billed on several lines), in force from January 1.
 * - history: each entry is an earlier claim with the same defaults (its own CLM01 `TEST-H<n>`, no
 *   REF G1 unless given), id `#history-<n>` so it sorts before the claim on the same date.
 * Amounts are dollars (`"100.00"`, or a YAML number) converted to cents exactly; fields named
 * `...Cents` (`paidCents`, `allowedCents`) take integer cents, or a dollar string.
 */
import { z } from 'zod';
import type { CodeSetRegistry } from '../../code-sets/code-set-registry.js';
import {
  AUTHORIZATION_STATUSES,
  COVERAGE_STATUSES,
  type AuthorizationRecord,
  type ContractRateRecord,
  type DocumentationRecord,
  type EligibilityRecord,
  type InputRecords,
} from '../../inputs/input-records.js';
import type { AbbreviationMatcher } from '../../lexicon/abbreviation-matcher.js';
import { normalizePayerId } from '../../patient-matching/identity-normalization.js';
import type { Party, Procedure, Provider } from '../../x12/index.js';
import type { Claim, ClaimType, OtherPayer, ServiceLine } from '../../x12/models/claim.js';
import type { ClaimContext, PayerProfile, ReferenceTables } from '../claim-context.js';
import { DATA_SOURCES } from '../claim-context.js';
import { AnalysisSession, type SessionClaim } from './context-builder.js';
import { overridePayerProfile, payerOverrideSchema, type PayerProfiles } from './payer-profiles.js';

/** What a case is built against (see loadRuleEnvironment). */
export interface CaseEnvironment {
  payers: PayerProfiles;
  tables: ReferenceTables;
  codeSets: CodeSetRegistry;
  lexicon: AbbreviationMatcher;
}

/** A case that cannot be built: every problem with its path in the case (`claim.lines[0].cod`). */
export class CaseError extends Error {
  override readonly name = 'CaseError';
  constructor(readonly problems: { path: string; message: string }[]) {
    super(problems.map((p) => `${p.path || '(case)'}: ${p.message}`).join('; '));
  }
}

export const CASE_DEFAULTS = {
  claimType: 'professional',
  frequencyCode: '1',
  payerId: 'TESTPAYER',
  payerSequence: 'P',
  patientControlNumber: 'TEST-1',
  serviceDate: '2026-01-10',
  billingNpi: '1234567893',
  renderingNpi: '1234567893',
  referringNpi: null,
  billingTaxonomy: '207Q00000X',
  placeOfService: '11',
  institutionalFacilityType: '13',
  subscriber: {
    memberId: 'TESTMEM001',
    lastName: 'TESTPATIENT',
    firstName: 'ALPHA',
    dob: '1980-01-01',
    sex: 'F',
  },
  patient: { firstName: 'BETA', dob: '2010-01-01', sex: 'M', relationship: '19' },
  diagnoses: ['J06.9'],
  line: { code: '99213', units: 1, charge: '100.00' },
  institutionalRevenueCode: '0510',
  authNumber: 'TESTAUTH001',
  daysToFiling: 10,
  authDaysAfterService: 90,
  noteText:
    'Office visit note. History, examination, assessment and plan documented; services provided as billed.',
} as const;

// ---- schema

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const str = z.union([z.string(), z.number()]).transform((v) => String(v).trim());
const date = z.union([
  z.string().regex(DATE, 'expected a YYYY-MM-DD date'),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

/** Dollars (`"100.00"`, `100`, `-5.5`) to integer cents, exactly. */
export function dollarsToCents(raw: string | number): number | null {
  const text = typeof raw === 'number' ? String(raw) : raw.trim().replace(/^\$/, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

const dollars = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const c = dollarsToCents(v);
  if (c === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a dollar amount with at most two decimals` });
    return z.NEVER;
  }
  return c;
});
/** Integer cents, or a dollar string. */
const cents = z.union([z.int(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const c = dollarsToCents(v);
  if (c === null) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a dollar amount with at most two decimals` });
    return z.NEVER;
  }
  return c;
});

const lineSchema = z.strictObject({
  code: str.nullable().optional(),
  modifiers: z.array(str).optional(),
  units: z.number().nonnegative().optional(),
  charge: dollars.optional(),
  serviceDate: date.nullable().optional(),
  diagnosisPointers: z.array(z.int().min(1)).optional(),
  placeOfService: str.optional(),
  revenueCode: str.optional(),
  priorAuthorization: str.optional(),
  /** Dental: teeth (TOO), e.g. `[{ code: "30", surfaces: [M, O] }]`. */
  teeth: z.array(z.strictObject({ code: str, surfaces: z.array(str).optional() })).optional(),
});

const sex = z.enum(['M', 'F', 'U']);

export const caseClaimSchema = z.strictObject({
  claimType: z.enum(['professional', 'institutional', 'dental']).optional(),
  frequencyCode: str.optional(),
  payerId: str.optional(),
  payerSequence: str.optional(),
  patientControlNumber: str.optional(),
  serviceDate: date.optional(),
  billingNpi: str.optional(),
  renderingNpi: str.nullable().optional(),
  referringNpi: str.nullable().optional(),
  billingTaxonomy: str.optional(),
  placeOfService: str.optional(),
  priorAuthorization: str.optional(),
  totalCharge: dollars.nullable().optional(),
  subscriber: z
    .strictObject({ memberId: str, lastName: str, firstName: str, dob: date.nullable(), sex })
    .partial()
    .optional(),
  patient: z
    .strictObject({ lastName: str, firstName: str, dob: date.nullable(), sex, relationship: str })
    .partial()
    .nullable()
    .optional(),
  diagnoses: z.array(str).optional(),
  otherPayers: z
    .array(
      z.strictObject({
        payerId: str,
        paidCents: cents.nullable().optional(),
        adjudicated: z.boolean().optional(),
      }),
    )
    .optional(),
  attachments: z.array(str).optional(),
  lines: z.array(lineSchema).optional(),
});
export type CaseClaim = z.infer<typeof caseClaimSchema>;

const eligibilitySchema = z
  .strictObject({
    payerId: str,
    memberId: str,
    lastName: str,
    firstName: str,
    dob: date.nullable(),
    sex,
    coverageStart: date,
    coverageEnd: date.nullable(),
    planName: str,
    coverageStatus: z.enum(COVERAGE_STATUSES),
  })
  .partial();
const documentationSchema = z
  .strictObject({
    documentId: str,
    memberId: str,
    patientLastName: str,
    patientFirstName: str,
    patientDob: date.nullable(),
    serviceDate: date,
    documentType: str,
    diagnosisCodes: z.array(str),
    procedureCodes: z.array(str),
    authorNpi: str.nullable(),
    signed: z.boolean(),
    text: z.string(),
  })
  .partial();
const authorizationSchema = z
  .strictObject({
    authNumber: str,
    payerId: str,
    memberId: str,
    patientLastName: str,
    patientFirstName: str,
    patientDob: date.nullable(),
    procedureCode: str,
    unitsApproved: z.number().nonnegative().nullable(),
    startDate: date,
    endDate: date,
    status: z.enum(AUTHORIZATION_STATUSES),
    providerNpi: str.nullable(),
  })
  .partial();
const contractSchema = z
  .strictObject({
    payerId: str,
    procedureCode: str,
    modifier: str,
    allowedCents: cents,
    effectiveStart: date,
    effectiveEnd: date.nullable(),
  })
  .partial();

const recordsOrDefault = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal('default'), z.array(schema)]).optional();

export const caseSchema = z.strictObject({
  // Read by the case runner, accepted here.
  name: z.string().optional(),
  expect: z.enum(['fire', 'pass', 'not-checked']).optional(),
  lines: z.array(z.int().min(1)).optional(),
  asOf: date.optional(),
  claim: caseClaimSchema.optional(),
  coverage: recordsOrDefault(eligibilitySchema),
  documentation: recordsOrDefault(documentationSchema),
  authorizations: recordsOrDefault(authorizationSchema),
  contracts: recordsOrDefault(contractSchema),
  history: z.array(caseClaimSchema).optional(),
  sources: z
    .strictObject(Object.fromEntries(DATA_SOURCES.map((s) => [s, z.boolean()])))
    .partial()
    .optional(),
  payer: payerOverrideSchema.optional(),
});
export type CaseInput = z.infer<typeof caseSchema>;

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** Flattens zod issues (unions: the branch that got furthest) into path + message problems. */
function problemsOf(
  issues: readonly z.core.$ZodIssue[],
  prefix: PropertyKey[] = [],
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: formatPath([...path, key]), message: `unknown key "${key}"` });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const depth = (branch: readonly z.core.$ZodIssue[]) =>
        Math.max(0, ...branch.map((i) => i.path.length + (i.code === 'invalid_type' ? 0 : 1)));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0]!;
      const inner = problemsOf(best, path);
      out.push(...(inner.length ? inner : [{ path: formatPath(path), message: issue.message }]));
    } else out.push({ path: formatPath(path), message: issue.message });
  }
  return out;
}

/** Validates a case; throws CaseError naming every problem. */
export function parseCase(raw: unknown): CaseInput {
  const result = caseSchema.safeParse(raw ?? {});
  if (!result.success) throw new CaseError(problemsOf(result.error.issues));
  return result.data;
}

// ---- helpers

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function normalizeDiagnosis(code: string): string {
  return code.trim().toUpperCase().replace('.', '');
}

function party(
  entityIdCode: string,
  entityType: string,
  last: string,
  first: string,
  idQualifier: string,
  id: string,
): Party {
  return {
    entityIdCode,
    entityType,
    lastOrOrgName: last,
    firstName: first,
    middleName: '',
    suffix: '',
    idQualifier,
    id,
  };
}

function provider(
  role: Provider['role'],
  entityIdCode: string,
  entityType: string,
  last: string,
  first: string,
  npi: string,
  taxonomy = '',
): Provider {
  return {
    role,
    party: party(entityIdCode, entityType, last, first, 'XX', npi),
    npi,
    taxId: '',
    taxonomy,
    address: null,
    references: [],
  };
}

const ADDRESS = {
  line1: '100 TEST STREET',
  line2: '',
  city: 'SPRINGFIELD',
  state: 'IL',
  postalCode: '627010001',
  country: '',
};

const IMPLEMENTATION: Record<ClaimType, string> = {
  professional: '005010X222A1',
  institutional: '005010X223A2',
  dental: '005010X224A2',
};

/** The claim's patient identity for default records: subscriber member id, patient name and DOB. */
interface CasePatient {
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string | null;
  sex: 'M' | 'F' | 'U';
}

function casePatient(claim: Claim): CasePatient {
  const p = claim.patient;
  const s = claim.subscriber;
  return {
    memberId: s.memberId,
    lastName: p ? p.lastName : s.lastName,
    firstName: p ? p.firstName : s.firstName,
    dob: p ? p.birthDate : s.birthDate,
    sex: ((p ? p.sex : s.sex) || 'U') as 'M' | 'F' | 'U',
  };
}

/**
 * A full Claim from a compact case claim (defaults in {@link CASE_DEFAULTS} and rules/README.md).
 * `creationDate` becomes the BHT04 date. REF G1 is `priorAuthorization` when given, else ''.
 */
export function buildCaseClaim(c: CaseClaim, payerName: string, creationDate: string | null): Claim {
  const D = CASE_DEFAULTS;
  const claimType: ClaimType = c.claimType ?? D.claimType;
  const serviceDate = c.serviceDate ?? D.serviceDate;
  const payerId = c.payerId ?? D.payerId;
  const frequencyCode = c.frequencyCode ?? D.frequencyCode;
  const diagnoses = (c.diagnoses ?? (claimType === 'dental' ? [] : [...D.diagnoses])).map(normalizeDiagnosis);
  const sub = { ...D.subscriber, ...(c.subscriber ?? {}) };
  const pat = c.patient ? { lastName: sub.lastName, ...D.patient, ...c.patient } : null;
  const renderingNpi = c.renderingNpi === undefined ? D.renderingNpi : c.renderingNpi;
  const referringNpi = c.referringNpi === undefined ? D.referringNpi : c.referringNpi;

  const lines: ServiceLine[] = (c.lines ?? [{}]).map((l, i) => {
    const code = l.code === undefined ? D.line.code : (l.code ?? '');
    const date = l.serviceDate ?? serviceDate;
    const revenueCode =
      claimType === 'institutional' ? (l.revenueCode ?? D.institutionalRevenueCode) : (l.revenueCode ?? '');
    const procedure: Procedure | null =
      code === ''
        ? null
        : {
            qualifier: claimType === 'dental' ? 'AD' : 'HC',
            code: code.toUpperCase(),
            modifiers: (l.modifiers ?? []).map((m) => m.toUpperCase()),
            description: '',
          };
    const priorAuthorization = l.priorAuthorization ?? '';
    return {
      lineNumber: i + 1,
      procedure,
      revenueCode,
      charge: l.charge ?? (dollarsToCents(D.line.charge) as number),
      unitBasis: claimType === 'dental' ? '' : 'UN',
      units: l.units ?? D.line.units,
      placeOfService: l.placeOfService ?? '',
      diagnosisPointers:
        l.diagnosisPointers ?? (diagnoses.length > 0 && claimType !== 'institutional' ? [1] : []),
      emergency: '',
      epsdt: '',
      familyPlanning: '',
      nonCoveredCharge: null,
      prosthesisCode: '',
      oralCavity: [],
      teeth: (l.teeth ?? []).map((t) => ({ code: t.code, surfaces: t.surfaces ?? [] })),
      serviceDate: date,
      serviceDateEnd: date,
      dates: [{ qualifier: '472', value: { from: date, to: date } }],
      controlNumber: '',
      priorAuthorization,
      referralNumber: '',
      references: priorAuthorization ? [{ qualifier: 'G1', value: priorAuthorization }] : [],
      drug: null,
      providers: [],
      adjudications: [],
      note: '',
      attachments: [],
      position: { segmentIndex: 20 + i * 4, line: 20 + i * 4, byteOffset: 0 },
    };
  });
  const dates = lines.map((l) => l.serviceDate!).sort();
  const from = dates[0] ?? serviceDate;
  const to = dates[dates.length - 1] ?? serviceDate;
  const lineSum = lines.reduce((s, l) => s + l.charge, 0);

  const billing = provider(
    'billing',
    '85',
    '2',
    'TEST MEDICAL GROUP',
    '',
    c.billingNpi ?? D.billingNpi,
    c.billingTaxonomy ?? D.billingTaxonomy,
  );
  billing.taxId = '991234567';
  billing.address = { ...ADDRESS };
  const providers: Provider[] = [];
  let renderingProvider: Provider | null = null;
  let attendingProvider: Provider | null = null;
  if (renderingNpi !== null) {
    if (claimType === 'institutional') {
      attendingProvider = provider('attending', '71', '1', 'TESTDOCTOR', 'ALPHA', renderingNpi);
      providers.push(attendingProvider);
    } else {
      renderingProvider = provider('rendering', '82', '1', 'TESTDOCTOR', 'ALPHA', renderingNpi);
      providers.push(renderingProvider);
    }
  }
  const referringProvider =
    referringNpi === null ? null : provider('referring', 'DN', '1', 'TESTREFERRER', 'GAMMA', referringNpi);
  if (referringProvider) providers.push(referringProvider);

  const payerSequence = c.payerSequence ?? D.payerSequence;
  const otherPayers: OtherPayer[] = (c.otherPayers ?? []).map((o) => {
    const adjudicated = o.adjudicated ?? true;
    return {
      payerResponsibility: payerSequence === 'P' ? 'S' : 'P',
      relationshipCode: '18',
      groupNumber: '',
      claimFilingIndicator: 'CI',
      adjustments: [],
      paidAmount: o.paidCents ?? (adjudicated ? 0 : null),
      remainingPatientLiability: null,
      nonCoveredAmount: null,
      subscriber: party('IL', '1', sub.lastName, sub.firstName, 'MI', sub.memberId),
      payer: party('PR', '2', `OTHER PAYER ${o.payerId}`, '', 'PI', o.payerId),
      adjudicationDate: adjudicated ? addDays(to, 5) : null,
      references: [],
    };
  });

  const facilityCode =
    c.placeOfService ?? (claimType === 'institutional' ? D.institutionalFacilityType : D.placeOfService);
  const priorAuthorization = c.priorAuthorization ?? '';
  const claim: Claim = {
    claimType,
    version: '5010',
    transaction: {
      interchangeControlNumber: '000000001',
      interchangeSenderId: 'TESTSUBMITTER',
      interchangeReceiverId: payerId,
      usageIndicator: 'T',
      groupControlNumber: '1',
      groupVersion: IMPLEMENTATION[claimType],
      transactionSetId: '837',
      transactionControlNumber: '0001',
      implementationReference: IMPLEMENTATION[claimType],
      batchReference: 'TESTBATCH',
      creationDate,
      claimOrEncounter: 'CH',
    },
    submitter: party('41', '2', 'TEST MEDICAL GROUP', '', '46', 'TESTSUBMITTER'),
    receiver: party('40', '2', payerName, '', '46', payerId),
    billingProvider: billing,
    payToProvider: null,
    payToPlan: null,
    subscriber: {
      payerResponsibility: payerSequence,
      relationshipCode: pat ? '' : '18',
      groupNumber: 'TESTGROUP',
      groupName: '',
      insuranceTypeCode: '',
      claimFilingIndicator: 'CI',
      memberId: sub.memberId,
      lastName: sub.lastName,
      firstName: sub.firstName,
      middleName: '',
      suffix: '',
      birthDate: sub.dob,
      sex: sub.sex,
      address: { ...ADDRESS },
      references: [],
    },
    patient: pat
      ? {
          relationshipCode: pat.relationship,
          lastName: pat.lastName,
          firstName: pat.firstName,
          middleName: '',
          suffix: '',
          memberId: '',
          birthDate: pat.dob,
          sex: pat.sex,
          address: { ...ADDRESS },
          references: [],
        }
      : null,
    payer: { name: payerName, id: payerId, idQualifier: 'PI', address: null, references: [] },
    patientControlNumber: c.patientControlNumber ?? D.patientControlNumber,
    totalCharge: c.totalCharge ?? lineSum,
    facilityCode,
    facilityCodeQualifier: claimType === 'institutional' ? 'A' : 'B',
    frequencyCode,
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
    statementFrom: claimType === 'institutional' ? from : null,
    statementTo: claimType === 'institutional' ? to : null,
    dates: claimType === 'institutional' ? [{ qualifier: '434', value: { from, to } }] : [],
    priorAuthorization,
    referralNumber: '',
    payerClaimControlNumber: '',
    medicalRecordNumber: '',
    references: priorAuthorization ? [{ qualifier: 'G1', value: priorAuthorization }] : [],
    patientAmountPaid: null,
    diagnoses: diagnoses.map((code, i) => ({
      qualifier: i === 0 ? 'ABK' : 'ABF',
      code,
      order: i + 1,
      role: i === 0 ? 'principal' : 'other',
      presentOnAdmission: '',
      codeSystem: 'ICD-10-CM',
    })),
    providers,
    renderingProvider,
    referringProvider,
    attendingProvider,
    operatingProvider: null,
    serviceFacility: null,
    otherPayers,
    note: '',
    attachments: (c.attachments ?? []).map((reportType, i) => ({
      reportType: reportType.toUpperCase(),
      transmissionCode: 'EL',
      controlNumber: `TESTATT${i + 1}`,
    })),
    contract: null,
    institutional:
      claimType === 'institutional'
        ? {
            typeOfBill: `${facilityCode.length === 2 ? '0' : ''}${facilityCode}${frequencyCode}`,
            admissionType: '',
            admissionSource: '',
            patientStatus: '01',
            drg: '',
            valueCodes: [],
            occurrenceCodes: [],
            occurrenceSpans: [],
            conditionCodes: [],
            procedures: [],
          }
        : null,
    dental:
      claimType === 'dental' ? { orthoTotalMonths: null, orthoRemainingMonths: null, toothStatus: [] } : null,
    lines,
    serviceDateFrom: from,
    serviceDateTo: to,
    position: { segmentIndex: 10, line: 10, byteOffset: 0 },
  };
  return claim;
}

function origin(kind: string, i: number): { source: 'json'; path: string } {
  return { source: 'json', path: `$.${kind}[${i}]` };
}

/** Billed units per procedure code. */
function unitsByCode(claim: Claim): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of claim.lines) {
    const code = l.procedure?.code;
    if (code) m.set(code, (m.get(code) ?? 0) + (l.units ?? 1));
  }
  return m;
}

function yearStart(iso: string): string {
  return `${iso.slice(0, 4)}-01-01`;
}

/** Builds the records of a case (defaults from the claim and the payer profile). */
function caseRecords(input: CaseInput, claim: Claim, payer: PayerProfile): InputRecords {
  const who = casePatient(claim);
  const payerId = claim.payer.id;
  const from = claim.serviceDateFrom!;
  const to = claim.serviceDateTo!;
  const units = unitsByCode(claim);
  const codes = [...units.keys()];
  const diagnoses = claim.diagnoses.map((d) => d.code);
  const renderingNpi =
    claim.renderingProvider?.npi ?? claim.attendingProvider?.npi ?? claim.billingProvider?.npi ?? null;

  const eligibility: EligibilityRecord[] =
    input.coverage === undefined || input.coverage === 'default'
      ? [{}].map((e, i) => eligibilityRecord(e, i))
      : input.coverage.map((e, i) => eligibilityRecord(e, i));
  function eligibilityRecord(e: z.infer<typeof eligibilitySchema>, i: number): EligibilityRecord {
    return {
      payerId: e.payerId ?? payerId,
      memberId: e.memberId ?? who.memberId,
      lastName: e.lastName ?? who.lastName,
      firstName: e.firstName ?? who.firstName,
      dob: e.dob === undefined ? who.dob : e.dob,
      sex: e.sex ?? who.sex,
      coverageStart: e.coverageStart ?? yearStart(from),
      coverageEnd: e.coverageEnd ?? null,
      planName: e.planName ?? 'TEST PLAN',
      coverageStatus: e.coverageStatus ?? 'active',
      origin: origin('coverage', i),
    };
  }

  const documentation: DocumentationRecord[] = [];
  const docRecord = (
    d: z.infer<typeof documentationSchema>,
    i: number,
    date: string,
    procedureCodes: string[],
  ): DocumentationRecord => ({
    documentId: d.documentId ?? `TESTDOC${i + 1}`,
    memberId: d.memberId ?? who.memberId,
    patientLastName: d.patientLastName ?? who.lastName,
    patientFirstName: d.patientFirstName ?? who.firstName,
    patientDob: d.patientDob === undefined ? who.dob : d.patientDob,
    serviceDate: d.serviceDate ?? date,
    documentType: d.documentType ?? 'progress-note',
    diagnosisCodes: (d.diagnosisCodes ?? diagnoses).map(normalizeDiagnosis),
    procedureCodes: (d.procedureCodes ?? procedureCodes).map((p) => p.toUpperCase()),
    authorNpi: d.authorNpi === undefined ? renderingNpi : d.authorNpi,
    signed: d.signed ?? true,
    text: d.text ?? CASE_DEFAULTS.noteText,
    origin: origin('documentation', i),
  });
  if (input.documentation === undefined || input.documentation === 'default') {
    const byDate = new Map<string, string[]>();
    for (const l of claim.lines) {
      const list = byDate.get(l.serviceDate!) ?? [];
      if (l.procedure && !list.includes(l.procedure.code)) list.push(l.procedure.code);
      byDate.set(l.serviceDate!, list);
    }
    [...byDate.keys()]
      .sort()
      .forEach((date, i) => documentation.push(docRecord({}, i, date, byDate.get(date)!)));
  } else input.documentation.forEach((d, i) => documentation.push(docRecord(d, i, from, codes)));

  const authRecord = (
    a: z.infer<typeof authorizationSchema>,
    i: number,
    code: string,
    number: string,
  ): AuthorizationRecord => {
    const procedureCode = (a.procedureCode ?? code).toUpperCase();
    return {
      authNumber: a.authNumber ?? number,
      payerId: a.payerId ?? payerId,
      memberId: a.memberId ?? who.memberId,
      patientLastName: a.patientLastName ?? who.lastName,
      patientFirstName: a.patientFirstName ?? who.firstName,
      patientDob: a.patientDob === undefined ? who.dob : a.patientDob,
      procedureCode,
      unitsApproved: a.unitsApproved === undefined ? (units.get(procedureCode) ?? null) : a.unitsApproved,
      startDate: a.startDate ?? from,
      endDate: a.endDate ?? addDays(to, CASE_DEFAULTS.authDaysAfterService),
      status: a.status ?? 'approved',
      providerNpi: a.providerNpi ?? null,
      origin: origin('authorizations', i),
    };
  };
  const authorizations: AuthorizationRecord[] =
    input.authorizations === undefined || input.authorizations === 'default'
      ? codes
          .filter((code) => payer.priorAuthCodes.has(code))
          .map((code, i) => authRecord({}, i, code, CASE_DEFAULTS.authNumber))
      : input.authorizations.map((a, i) =>
          authRecord(
            a,
            i,
            codes.find((code) => payer.priorAuthCodes.has(code)) ?? codes[0] ?? '',
            `TESTAUTH${String(i + 1).padStart(3, '0')}`,
          ),
        );

  const perUnit = new Map<string, number>();
  for (const l of claim.lines) {
    if (!l.procedure) continue;
    const u = l.units !== null && l.units >= 1 ? l.units : 1;
    const rate = Math.floor(l.charge / u);
    const prev = perUnit.get(l.procedure.code);
    perUnit.set(l.procedure.code, prev === undefined ? rate : Math.min(prev, rate));
  }
  const contractRecord = (k: z.infer<typeof contractSchema>, i: number, code: string): ContractRateRecord => {
    const procedureCode = (k.procedureCode ?? code).toUpperCase();
    return {
      payerId: k.payerId ?? payerId,
      procedureCode,
      modifier: (k.modifier ?? '').toUpperCase(),
      allowedCents: k.allowedCents ?? perUnit.get(procedureCode) ?? 0,
      effectiveStart: k.effectiveStart ?? yearStart(from),
      effectiveEnd: k.effectiveEnd ?? null,
      origin: origin('contracts', i),
    };
  };
  const contracts: ContractRateRecord[] =
    input.contracts === undefined || input.contracts === 'default'
      ? [...perUnit.keys()].map((code, i) => contractRecord({}, i, code))
      : input.contracts.map((k, i) => contractRecord(k, i, codes[0] ?? ''));

  return { eligibility, documentation, authorizations, contracts, patients: [] };
}

/** The session claims and records of a case, before contexts (exposed for tests and tools). */
export interface BuiltCase {
  claim: Claim;
  claimId: string;
  asOf: string;
  payers: PayerProfiles;
  records: InputRecords;
  history: SessionClaim[];
  session: AnalysisSession;
}

/** Validates a case and builds its session (the claim, history claims, records, profiles). */
export function buildCase(raw: Record<string, unknown>, env: CaseEnvironment): BuiltCase {
  const input = parseCase(raw);
  const c = input.claim ?? {};
  const payerId = c.payerId ?? CASE_DEFAULTS.payerId;
  const base = env.payers.forPayer(payerId);
  const profile = input.payer ? overridePayerProfile(base, input.payer) : base;
  const key = normalizePayerId(payerId);
  const payers: PayerProfiles = input.payer
    ? {
        all: env.payers.all,
        defaultProfile: env.payers.defaultProfile,
        forPayer: (id) => (normalizePayerId(id) === key ? profile : env.payers.forPayer(id)),
      }
    : env.payers;
  const payerName = (id: string) => {
    const p = payers.forPayer(id);
    return p.payerIds.length > 0 ? p.name.toUpperCase() : `PAYER ${id}`;
  };

  // The claim: built first (dates and codes drive the defaults), REF G1 settled once records exist.
  const firstDate = (cc: CaseClaim) =>
    [
      ...(cc.lines ?? [{}]).map((l) => l.serviceDate ?? cc.serviceDate ?? CASE_DEFAULTS.serviceDate),
    ].sort()[0]!;
  const asOf = input.asOf ?? addDays(firstDate(c), CASE_DEFAULTS.daysToFiling);
  const claim = buildCaseClaim(c, payerName(payerId), asOf);
  const records = caseRecords(input, claim, profile);
  if (c.priorAuthorization === undefined) {
    const billed = new Set(claim.lines.map((l) => l.procedure?.code).filter((x) => x !== undefined));
    const auth = records.authorizations.find((a) => billed.has(a.procedureCode));
    if (auth) {
      claim.priorAuthorization = auth.authNumber;
      claim.references = [{ qualifier: 'G1', value: auth.authNumber }];
    }
  }

  const history: SessionClaim[] = (input.history ?? []).map((h, i) => {
    const hc: CaseClaim = { patientControlNumber: `TEST-H${i + 1}`, ...h };
    const hPayer = hc.payerId ?? CASE_DEFAULTS.payerId;
    return {
      id: `#history-${i + 1}`,
      claim: buildCaseClaim(hc, payerName(hPayer), addDays(firstDate(hc), CASE_DEFAULTS.daysToFiling)),
    };
  });
  const claimId = claim.patientControlNumber || 'TEST-1';
  const session = new AnalysisSession({
    claims: [...history, { id: claimId, claim }],
    records,
    payers,
    codeSets: env.codeSets,
    tables: env.tables,
    lexicon: env.lexicon,
    ...(input.sources ? { sources: input.sources } : {}),
  });
  return { claim, claimId, asOf, payers, records, history, session };
}

/**
 * The ClaimContext of an embedded test case. Throws CaseError (every problem with its path in the
 * case) when the case does not validate.
 */
export function buildCaseContext(raw: Record<string, unknown>, env: CaseEnvironment): ClaimContext {
  const built = buildCase(raw, env);
  return built.session.contextFor(built.claimId);
}
