/**
 * Test-only builders for the patient-record fact specs: a small claim, its lines, records linked to
 * the patient (as patient matching would link them) and a ClaimContext around them. Defaults: a
 * professional claim to TESTPAYER for member TESTMEM001 (TESTPATIENT, ALPHA, 1980-01-01) on
 * 2026-01-10, one line 99213, billing and rendering NPI 1234567893, diagnosis J06.9.
 */
import type {
  ClaimContext,
  CodeMatcher,
  DataSource,
  HistoryClaim,
  LineRef,
  Linked,
  PayerProfile,
} from '../../claim-context.js';
import type {
  AuthorizationRecord,
  DocumentationRecord,
  EligibilityRecord,
} from '../../../inputs/input-records.js';
import type { CodeSetRegistry } from '../../../code-sets/code-set-registry.js';
import { AbbreviationMatcher } from '../../../lexicon/abbreviation-matcher.js';
import type { IdentityProblem } from '../../../patient-matching/patient-matcher.js';
import type { Claim, Provider, ServiceLine } from '../../../x12/index.js';
import type { ReferenceTables } from '../../claim-context.js';
import type { FactDefinition, FactValue } from '../../fact.js';

const POSITION = { segmentIndex: 0, line: 1, byteOffset: 0 };

/** A code matcher over exact codes and inclusive ranges `70010-76499`. */
export function codeMatcher(entries: readonly string[]): CodeMatcher {
  return {
    entries,
    has(code: string): boolean {
      for (const e of entries) {
        const dash = e.indexOf('-');
        if (
          dash === -1
            ? e === code
            : code.length === dash && code >= e.slice(0, dash) && code <= e.slice(dash + 1)
        )
          return true;
      }
      return false;
    },
  };
}

export function testProvider(role: Provider['role'], npi: string): Provider {
  return {
    role,
    party: {
      entityIdCode: '',
      entityType: '1',
      lastOrOrgName: 'PROVIDER',
      firstName: '',
      middleName: '',
      suffix: '',
      idQualifier: 'XX',
      id: npi,
    },
    npi,
    taxId: '',
    taxonomy: '',
    address: null,
    references: [],
  };
}

export interface LineOptions {
  code?: string;
  modifiers?: string[];
  units?: number | null;
  chargeCents?: number;
  serviceDate?: string | null;
  serviceDateEnd?: string | null;
  priorAuthorization?: string;
  renderingNpi?: string;
  revenueCode?: string;
  attachments?: string[];
}

export function testLine(o: LineOptions = {}, lineNumber = 1): ServiceLine {
  return {
    lineNumber,
    procedure:
      o.code === ''
        ? null
        : { qualifier: 'HC', code: o.code ?? '99213', modifiers: o.modifiers ?? [], description: '' },
    revenueCode: o.revenueCode ?? '',
    charge: o.chargeCents ?? 10000,
    unitBasis: 'UN',
    units: o.units === undefined ? 1 : o.units,
    placeOfService: '',
    diagnosisPointers: [1],
    emergency: '',
    epsdt: '',
    familyPlanning: '',
    nonCoveredCharge: null,
    prosthesisCode: '',
    oralCavity: [],
    teeth: [],
    serviceDate: o.serviceDate === undefined ? null : o.serviceDate,
    serviceDateEnd: o.serviceDateEnd ?? null,
    dates: [],
    controlNumber: '',
    priorAuthorization: o.priorAuthorization ?? '',
    referralNumber: '',
    references: [],
    drug: null,
    providers: o.renderingNpi ? [testProvider('rendering', o.renderingNpi)] : [],
    adjudications: [],
    note: '',
    attachments: (o.attachments ?? []).map((reportType) => ({
      reportType,
      transmissionCode: 'EL',
      controlNumber: '',
    })),
    position: POSITION,
  };
}

export interface ClaimOptions {
  claimType?: Claim['claimType'];
  frequencyCode?: string;
  payerId?: string;
  patientControlNumber?: string;
  serviceDate?: string;
  memberId?: string;
  lastName?: string;
  firstName?: string;
  dob?: string | null;
  patient?: { lastName: string; firstName: string; dob: string | null } | null;
  billingNpi?: string;
  renderingNpi?: string | null;
  priorAuthorization?: string;
  diagnoses?: string[];
  attachments?: string[];
  delayReasonCode?: string;
  lines?: LineOptions[];
}

export function testClaim(o: ClaimOptions = {}): Claim {
  const serviceDate = o.serviceDate ?? '2026-01-10';
  const lines = (o.lines ?? [{}]).map((l, i) => testLine(l, i + 1));
  const dates = lines.flatMap((l) => [
    l.serviceDate ?? serviceDate,
    l.serviceDateEnd ?? l.serviceDate ?? serviceDate,
  ]);
  dates.sort();
  const renderingNpi = o.renderingNpi === undefined ? '1234567893' : o.renderingNpi;
  return {
    claimType: o.claimType ?? 'professional',
    version: '5010',
    transaction: {
      interchangeControlNumber: '',
      interchangeSenderId: '',
      interchangeReceiverId: '',
      usageIndicator: 'T',
      groupControlNumber: '',
      groupVersion: '',
      transactionSetId: '837',
      transactionControlNumber: '',
      implementationReference: '',
      batchReference: '',
      creationDate: null,
      claimOrEncounter: 'CH',
    },
    submitter: null,
    receiver: null,
    billingProvider: testProvider('billing', o.billingNpi ?? '1234567893'),
    payToProvider: null,
    payToPlan: null,
    subscriber: {
      payerResponsibility: 'P',
      relationshipCode: o.patient ? '' : '18',
      groupNumber: '',
      groupName: '',
      insuranceTypeCode: '',
      claimFilingIndicator: 'CI',
      memberId: o.memberId ?? 'TESTMEM001',
      lastName: o.lastName ?? 'TESTPATIENT',
      firstName: o.firstName ?? 'ALPHA',
      middleName: '',
      suffix: '',
      birthDate: o.dob === undefined ? '1980-01-01' : o.dob,
      sex: 'F',
      address: null,
      references: [],
    },
    patient: o.patient
      ? {
          relationshipCode: '19',
          lastName: o.patient.lastName,
          firstName: o.patient.firstName,
          middleName: '',
          suffix: '',
          memberId: '',
          birthDate: o.patient.dob,
          sex: 'U',
          address: null,
          references: [],
        }
      : null,
    payer: {
      name: 'TEST PAYER',
      id: o.payerId ?? 'TESTPAYER',
      idQualifier: 'PI',
      address: null,
      references: [],
    },
    patientControlNumber: o.patientControlNumber ?? 'TEST-1',
    totalCharge: lines.reduce((s, l) => s + l.charge, 0),
    facilityCode: '11',
    facilityCodeQualifier: 'B',
    frequencyCode: o.frequencyCode ?? '1',
    providerSignature: 'Y',
    assignmentParticipation: 'A',
    benefitsAssignment: 'Y',
    releaseOfInformation: 'Y',
    patientSignatureSource: '',
    relatedCauses: [],
    accidentState: '',
    specialProgram: '',
    delayReasonCode: o.delayReasonCode ?? '',
    onsetDate: null,
    accidentDate: null,
    admissionDate: null,
    dischargeDate: null,
    statementFrom: null,
    statementTo: null,
    dates: [],
    priorAuthorization: o.priorAuthorization ?? '',
    referralNumber: '',
    payerClaimControlNumber: '',
    medicalRecordNumber: '',
    references: [],
    patientAmountPaid: null,
    diagnoses: (o.diagnoses ?? ['J069']).map((code, i) => ({
      qualifier: i === 0 ? 'ABK' : 'ABF',
      code,
      order: i + 1,
      role: i === 0 ? 'principal' : 'other',
      presentOnAdmission: '',
      codeSystem: 'ICD-10-CM',
    })),
    providers: [],
    renderingProvider: renderingNpi ? testProvider('rendering', renderingNpi) : null,
    referringProvider: null,
    attendingProvider: null,
    operatingProvider: null,
    serviceFacility: null,
    otherPayers: [],
    note: '',
    attachments: (o.attachments ?? []).map((reportType) => ({
      reportType,
      transmissionCode: 'EL',
      controlNumber: '',
    })),
    contract: null,
    institutional: null,
    dental: null,
    lines: lines.map((l) => (l.serviceDate === null ? { ...l, serviceDate: serviceDate } : l)),
    serviceDateFrom: dates[0] ?? serviceDate,
    serviceDateTo: dates[dates.length - 1] ?? serviceDate,
    position: POSITION,
  };
}

const ORIGIN = { source: 'csv' as const, line: 2 };

export function authRecord(o: Partial<AuthorizationRecord> = {}): AuthorizationRecord {
  return {
    authNumber: 'A-1',
    payerId: 'TESTPAYER',
    memberId: 'TESTMEM001',
    patientLastName: 'TESTPATIENT',
    patientFirstName: 'ALPHA',
    patientDob: '1980-01-01',
    procedureCode: '73721',
    unitsApproved: 1,
    startDate: '2026-01-01',
    endDate: '2026-03-31',
    status: 'approved',
    providerNpi: null,
    origin: ORIGIN,
    ...o,
  };
}

export function docRecord(o: Partial<DocumentationRecord> = {}): DocumentationRecord {
  return {
    documentId: 'DOC-1',
    memberId: 'TESTMEM001',
    patientLastName: 'TESTPATIENT',
    patientFirstName: 'ALPHA',
    patientDob: '1980-01-01',
    serviceDate: '2026-01-10',
    documentType: 'progress note',
    diagnosisCodes: ['J069'],
    procedureCodes: ['99213'],
    authorNpi: '1234567893',
    signed: true,
    text: 'Sore throat for three days. Assessment: acute upper respiratory infection.',
    origin: ORIGIN,
    ...o,
  };
}

export function eligRecord(o: Partial<EligibilityRecord> = {}): EligibilityRecord {
  return {
    payerId: 'TESTPAYER',
    memberId: 'TESTMEM001',
    lastName: 'TESTPATIENT',
    firstName: 'ALPHA',
    dob: '1980-01-01',
    sex: 'F',
    coverageStart: '2025-01-01',
    coverageEnd: null,
    planName: 'TEST PPO',
    coverageStatus: 'active',
    origin: ORIGIN,
    ...o,
  };
}

/** A record as patient matching links it (member id + dob, score 1 unless problems are given). */
export function linked<R>(
  record: R,
  problems: IdentityProblem[] = [],
  score = problems.length ? 0.9 : 1,
): Linked<R> {
  return {
    record,
    method: 'member-id+dob',
    score,
    confidence: problems.length ? 'probable' : 'match',
    problems,
  };
}

export function history(id: string, claim: Claim): HistoryClaim {
  return { id, claim };
}

export interface ContextOptions {
  claim?: Claim;
  asOf?: string;
  payer?: Partial<Omit<PayerProfile, 'priorAuthCodes' | 'attachmentCodes'>> & {
    priorAuthCodes?: string[];
    attachmentCodes?: string[];
  };
  coverage?: (EligibilityRecord | Linked<EligibilityRecord>)[];
  documentation?: (DocumentationRecord | Linked<DocumentationRecord>)[];
  authorizations?: (AuthorizationRecord | Linked<AuthorizationRecord>)[];
  /** Authorizations on file for other patients (found by number only). */
  otherAuthorizations?: AuthorizationRecord[];
  /** Units used by other claims, by `authNumber|procedureCode`. */
  unitsElsewhere?: Record<string, number>;
  identityProblems?: ClaimContext['identityProblems'];
  duplicateRecords?: IdentityProblem[];
  history?: HistoryClaim[];
  concurrentClaims?: HistoryClaim[];
  sources?: Partial<Record<DataSource, boolean>>;
  lexicon?: AbbreviationMatcher;
}

function asLinked<R extends object>(r: R | Linked<R>): Linked<R> {
  return 'record' in r && 'method' in r ? (r as Linked<R>) : linked(r as R);
}

const EMPTY_LEXICON = new AbbreviationMatcher({ fileName: 'empty.yaml', version: 1, abbreviations: [] });

export function testContext(o: ContextOptions = {}): ClaimContext {
  const claim = o.claim ?? testClaim();
  const authorizations = (o.authorizations ?? []).map(asLinked);
  const norm = (x: string): string => x.replace(/\s+/g, '').toUpperCase();
  const byNumber = new Map<string, AuthorizationRecord[]>();
  for (const a of [...authorizations.map((l) => l.record), ...(o.otherAuthorizations ?? [])]) {
    const list = byNumber.get(norm(a.authNumber)) ?? [];
    list.push(a);
    byNumber.set(norm(a.authNumber), list);
  }
  const unitsElsewhere = new Map(Object.entries(o.unitsElsewhere ?? {}));
  return {
    claim,
    claimId: claim.patientControlNumber,
    asOf: o.asOf ?? '2026-01-20',
    payer: {
      payerIds: ['TESTPAYER'],
      name: 'Test payer',
      timelyFilingDays: 90,
      appealDays: 60,
      memberIdPattern: null,
      source: 'testpayer.yaml',
      ...o.payer,
      priorAuthCodes: codeMatcher(o.payer?.priorAuthCodes ?? ['73721', '97110']),
      attachmentCodes: codeMatcher(o.payer?.attachmentCodes ?? ['17999']),
    },
    codeSets: {} as CodeSetRegistry,
    tables: {} as ReferenceTables,
    lexicon: o.lexicon ?? EMPTY_LEXICON,
    coverage: (o.coverage ?? [eligRecord()]).map(asLinked),
    documentation: (o.documentation ?? []).map(asLinked),
    authorizations,
    identityProblems: o.identityProblems ?? [],
    duplicateRecords: o.duplicateRecords ?? [],
    authorizationsByNumber: (n) => byNumber.get(n) ?? byNumber.get(norm(n)) ?? [],
    authorizationUnitsUsedElsewhere: (n, code) => unitsElsewhere.get(`${n}|${code}`) ?? 0,
    contractRates: () => [],
    history: o.history ?? [],
    concurrentClaims: o.concurrentClaims ?? [],
    sources: { documentation: true, authorizations: true, eligibility: true, contracts: true, ...o.sources },
  };
}

/** The LineRef of the claim's line at a 0-based index. */
export function lineRef(ctx: ClaimContext, index = 0): LineRef {
  const line = ctx.claim.lines[index];
  if (!line) throw new Error(`no line ${index}`);
  return { line, index };
}

/** Computes a fact of a list by name (for the line at `lineIndex` when it is a line fact). */
export function factValue(
  facts: readonly FactDefinition[],
  name: string,
  ctx: ClaimContext,
  lineIndex = 0,
): FactValue {
  const def = facts.find((f) => f.name === name);
  if (!def) throw new Error(`no fact ${name}`);
  return def.compute(ctx, def.scope === 'line' ? lineRef(ctx, lineIndex) : null);
}
