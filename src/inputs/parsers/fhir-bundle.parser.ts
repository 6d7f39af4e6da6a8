/**
 * Parser of FHIR R4 JSON Bundles (collection, transaction or searchset) from an EHR or a Da Vinci PAS
 * prior-authorization exchange. It reads only what claimguard needs, validates that, and ignores the
 * rest (unknown resource types are skipped silently):
 *
 * - Patient → FhirPatientRecord
 * - Coverage (+ its beneficiary Patient, payor Organization) → EligibilityRecord
 * - DocumentReference (+ subject Patient, context Encounter, the Conditions and Procedures of that
 *   Encounter, author Practitioner) → DocumentationRecord
 * - ClaimResponse with use `preauthorization` (+ its request Claim) → one AuthorizationRecord per item
 *   or addItem procedure code
 *
 * Pure: text in, records and issues out; every problem is reported with its JSON path.
 */
import type {
  Bundle,
  Claim,
  ClaimItem,
  ClaimResponse,
  ClaimResponseAddItem,
  ClaimResponseItem,
  CodeableConcept,
  Condition,
  Coverage,
  DocumentReference,
  Encounter,
  Extension,
  Identifier,
  Patient,
  Period,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import {
  emptyInputRecords,
  type AuthorizationRecord,
  type AuthorizationStatus,
  type EligibilityRecord,
  type FhirPatientRecord,
  type InputIssue,
  type InputIssueCode,
  type InputParseResult,
  type InputRecords,
} from '../input-records.js';
import { fhirDatePart, parseIcd10, parseNpi, parseProcedureCode } from './field-values.js';
import { decodeInput, isPlainObject, parseJsonText } from './input-text.js';

export const FHIR_SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: [
    'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
    'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  ],
  npi: 'http://hl7.org/fhir/sid/us-npi',
} as const;

const PROCEDURE_SYSTEMS: readonly string[] = [FHIR_SYSTEMS.cpt, ...FHIR_SYSTEMS.hcpcs];
const SUPPORTED_BUNDLE_TYPES = ['collection', 'transaction', 'searchset'];

/**
 * Item review action codes of a PAS response (X12 306 / HCR01) → authorization status.
 * A1 certified in total, A2 certified partial, A6 modified, NA no action required → approved;
 * A3 not certified → denied; A4 pended, IP in process, D deferred, CT contact payer → pending;
 * C cancelled → cancelled.
 */
export const REVIEW_ACTION_STATUS: Readonly<Record<string, AuthorizationStatus>> = {
  A1: 'approved',
  A2: 'approved',
  A6: 'approved',
  NA: 'approved',
  A3: 'denied',
  A4: 'pending',
  IP: 'pending',
  D: 'pending',
  CT: 'pending',
  C: 'cancelled',
};

/** ClaimResponse.outcome → status, used when an item carries no review action. */
export const OUTCOME_STATUS: Readonly<Record<string, AuthorizationStatus>> = {
  complete: 'approved',
  queued: 'pending',
  partial: 'pending',
  error: 'denied',
};

/** A resource found in the bundle (an entry's resource or a resource contained in one), with its JSON path. */
interface Located<T extends Resource = Resource> {
  resource: T;
  path: string;
  /** The entry resource a contained resource sits in (itself for entry resources). */
  container: Located;
  /** Set for entry resources. */
  entryIndex?: number;
  fullUrl?: string;
}

export function parseFhirBundle(content: Buffer | string, fileName: string): InputParseResult {
  const records = emptyInputRecords();
  const decoded = decodeInput(content, fileName);
  if (!decoded.ok) return { records, issues: [decoded.issue] };
  if (decoded.text.trim() === '') {
    return {
      records,
      issues: [
        { severity: 'error', code: 'INPUT_EMPTY', message: `${fileName}: the file is empty`, file: fileName },
      ],
    };
  }
  const parsed = parseJsonText(decoded.text, fileName);
  if (!parsed.ok) return { records, issues: [parsed.issue] };
  return new BundleReader(fileName, records).read(parsed.value);
}

class BundleReader {
  private readonly issues: InputIssue[] = [];
  private readonly entries: Located[] = [];
  private readonly byFullUrl = new Map<string, Located>();
  private readonly byTypeId = new Map<string, Located>();
  /** Patient → member id from a Coverage that names it beneficiary. */
  private readonly coverageMemberIds = new Map<Located, string>();
  private readonly patientCache = new Map<Located, Omit<FhirPatientRecord, 'origin'> | null>();
  /** Encounter key → codes of the Conditions / Procedures recorded for it. */
  private readonly diagnosesByEncounter = new Map<string, string[]>();
  private readonly proceduresByEncounter = new Map<string, string[]>();

  constructor(
    private readonly file: string,
    private readonly records: InputRecords,
  ) {}

  read(value: unknown): InputParseResult {
    if (!isPlainObject(value) || value.resourceType !== 'Bundle') {
      this.error(
        'FHIR_NOT_A_BUNDLE',
        '$',
        'the file must be a FHIR R4 Bundle resource (resourceType "Bundle")',
      );
      return this.result();
    }
    const bundle = value as unknown as Bundle;
    if (typeof bundle.type !== 'string' || !SUPPORTED_BUNDLE_TYPES.includes(bundle.type)) {
      this.error(
        'FHIR_UNSUPPORTED_BUNDLE_TYPE',
        '$.type',
        `Bundle.type ${JSON.stringify(bundle.type ?? null)} is not supported; use ${SUPPORTED_BUNDLE_TYPES.join(', ')}`,
      );
      return this.result();
    }
    if (bundle.entry !== undefined && !Array.isArray(bundle.entry)) {
      this.error('FHIR_INVALID_RESOURCE', '$.entry', 'Bundle.entry must be an array');
      return this.result();
    }
    this.index(bundle);
    this.collectCoverageMemberIds();
    for (const located of this.entries) {
      switch (located.resource.resourceType) {
        case 'Condition':
          this.indexCondition(located as Located<Condition>);
          break;
        case 'Procedure':
          this.indexProcedure(located as Located<Procedure>);
          break;
      }
    }
    for (const located of this.entries) {
      switch (located.resource.resourceType) {
        case 'Patient':
          this.readPatientEntry(located as Located<Patient>);
          break;
        case 'Coverage':
          this.readCoverage(located as Located<Coverage>);
          break;
        case 'DocumentReference':
          this.readDocumentReference(located as Located<DocumentReference>);
          break;
        case 'ClaimResponse':
          this.readClaimResponse(located as Located<ClaimResponse>);
          break;
      }
    }
    this.checkDuplicates();
    return this.result();
  }

  private result(): InputParseResult {
    return { records: this.records, issues: this.issues };
  }

  private error(code: InputIssueCode, path: string, message: string): void {
    this.issues.push({
      severity: 'error',
      code,
      message: `${this.file} ${path}: ${message}`,
      file: this.file,
      path,
    });
  }

  private warning(code: InputIssueCode, path: string, message: string): void {
    this.issues.push({
      severity: 'warning',
      code,
      message: `${this.file} ${path}: ${message}`,
      file: this.file,
      path,
    });
  }

  // ------------------------------------------------------------------------------ index, references

  private index(bundle: Bundle): void {
    (bundle.entry ?? []).forEach((entry: unknown, i: number) => {
      const entryPath = `$.entry[${i}]`;
      if (!isPlainObject(entry)) {
        this.error('FHIR_INVALID_RESOURCE', entryPath, 'a Bundle entry must be an object');
        return;
      }
      if (entry.resource === undefined) return; // e.g. a transaction DELETE: nothing to read
      const path = `${entryPath}.resource`;
      if (!isPlainObject(entry.resource) || typeof entry.resource.resourceType !== 'string') {
        this.error('FHIR_INVALID_RESOURCE', path, 'an entry resource must be an object with a resourceType');
        return;
      }
      const resource = entry.resource as unknown as Resource;
      const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined;
      const located = { resource, path, entryIndex: i, fullUrl } as Located;
      located.container = located;
      this.entries.push(located);
      if (fullUrl) this.byFullUrl.set(fullUrl, located);
      if (typeof resource.id === 'string') {
        const key = `${resource.resourceType}/${resource.id}`;
        if (!this.byTypeId.has(key)) this.byTypeId.set(key, located);
      }
    });
  }

  /**
   * Resolves a Reference: `#id` (contained in the referencing entry resource), a fullUrl (`urn:uuid:…`
   * or absolute), `Type/id` (with or without a base URL or `/_history/n`).
   */
  private resolve(ref: Reference | undefined, from: Located): Located | null {
    const text = ref?.reference;
    if (typeof text !== 'string' || text === '') return null;
    if (text.startsWith('#')) {
      const container = from.container;
      const contained = (container.resource as { contained?: unknown }).contained;
      if (!Array.isArray(contained)) return null;
      const index = contained.findIndex((r: unknown) => isPlainObject(r) && r.id === text.slice(1));
      if (index < 0 || typeof (contained[index] as Resource).resourceType !== 'string') return null;
      return {
        resource: contained[index] as Resource,
        path: `${container.path}.contained[${index}]`,
        container,
      };
    }
    const byUrl = this.byFullUrl.get(text);
    if (byUrl) return byUrl;
    const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text);
    return m ? (this.byTypeId.get(`${m[1]}/${m[2]}`) ?? null) : null;
  }

  /** Resolves a reference the record needs; reports a missing or unresolvable one. */
  private need<T extends Resource>(
    ref: Reference | undefined,
    from: Located,
    path: string,
    type: T['resourceType'],
  ): Located<T> | null {
    if (!isPlainObject(ref) || typeof ref.reference !== 'string') {
      this.error('FHIR_INVALID_RESOURCE', path, `a reference to the ${type} is required`);
      return null;
    }
    const target = this.resolve(ref, from);
    if (!target) {
      this.error(
        'FHIR_UNRESOLVED_REFERENCE',
        `${path}.reference`,
        `${type} reference "${ref.reference}" is not in the bundle`,
      );
      return null;
    }
    if (target.resource.resourceType !== type) {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${path}.reference`,
        `"${ref.reference}" is a ${target.resource.resourceType}, expected a ${type}`,
      );
      return null;
    }
    return target as Located<T>;
  }

  /** A key for linking resources by an Encounter: the resolved resource's path, else the reference text. */
  private encounterKey(ref: Reference | undefined, from: Located): string | null {
    if (!isPlainObject(ref) || typeof ref.reference !== 'string') return null;
    const target = this.resolve(ref, from);
    return target ? `at:${target.path}` : `ref:${ref.reference}`;
  }

  // -------------------------------------------------------------------------------------- Patient

  private collectCoverageMemberIds(): void {
    const coverages = this.entries.filter(
      (e) => e.resource.resourceType === 'Coverage',
    ) as Located<Coverage>[];
    // Active coverages first: their subscriber id is the member id in use.
    coverages.sort((a, b) => Number(b.resource.status === 'active') - Number(a.resource.status === 'active'));
    for (const located of coverages) {
      const { subscriberId, status } = located.resource;
      if (typeof subscriberId !== 'string' || subscriberId.trim() === '') continue;
      if (status === 'entered-in-error' || status === 'draft') continue;
      const patient = this.resolve(located.resource.beneficiary, located);
      if (patient?.resource.resourceType === 'Patient' && !this.coverageMemberIds.has(patient)) {
        this.coverageMemberIds.set(patient, subscriberId.trim());
      }
    }
  }

  private readPatientEntry(located: Located<Patient>): void {
    const patient = this.patient(located);
    if (patient) this.records.patients.push({ ...patient, origin: { source: 'fhir', path: located.path } });
  }

  /** The identity of a Patient (memoized; problems reported once). */
  private patient(located: Located<Patient>): Omit<FhirPatientRecord, 'origin'> | null {
    if (this.patientCache.has(located)) return this.patientCache.get(located)!;
    const result = this.mapPatient(located);
    this.patientCache.set(located, result);
    return result;
  }

  private mapPatient(located: Located<Patient>): Omit<FhirPatientRecord, 'origin'> | null {
    const { resource: p, path } = located;
    let failed = false;
    const patientId = typeof p.id === 'string' && p.id !== '' ? p.id : located.fullUrl;
    if (!patientId) {
      this.error('FHIR_INVALID_RESOURCE', `${path}.id`, 'the Patient has neither an id nor an entry fullUrl');
      failed = true;
    }
    const memberId = this.coverageMemberIds.get(located) ?? memberIdentifier(p.identifier);
    if (!memberId) {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${path}.identifier`,
        'the Patient has no identifier to use as member id',
      );
      failed = true;
    }
    const names = Array.isArray(p.name) ? p.name.filter(isPlainObject) : [];
    const name = names.find((n) => n.use === 'official') ?? names.find((n) => n.use === 'usual') ?? names[0];
    const nameIndex = name ? (p.name ?? []).indexOf(name) : 0;
    const lastName = typeof name?.family === 'string' ? name.family.trim() : '';
    const firstName =
      Array.isArray(name?.given) && typeof name.given[0] === 'string' ? name.given[0].trim() : '';
    if (!lastName) {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${path}.name[${nameIndex}].family`,
        'the Patient has no family name',
      );
      failed = true;
    }
    if (!firstName) {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${path}.name[${nameIndex}].given`,
        'the Patient has no given name',
      );
      failed = true;
    }
    let dob: string | null = null;
    if (p.birthDate !== undefined) {
      if (typeof p.birthDate === 'string' && /^[0-9]{4}(-[0-9]{2})?$/.test(p.birthDate)) {
        this.warning(
          'INPUT_INVALID_DATE',
          `${path}.birthDate`,
          `partial birthDate "${p.birthDate}" is read as unknown`,
        );
      } else {
        const date = this.date(p.birthDate, `${path}.birthDate`);
        if (date === undefined) failed = true;
        else dob = date;
      }
    }
    let sex: FhirPatientRecord['sex'] = 'U';
    if (p.gender === 'male') sex = 'M';
    else if (p.gender === 'female') sex = 'F';
    else if (p.gender !== undefined && p.gender !== 'other' && p.gender !== 'unknown') {
      this.error(
        'INPUT_INVALID_ENUM',
        `${path}.gender`,
        `gender ${JSON.stringify(p.gender)} is not male, female, other or unknown`,
      );
      failed = true;
    }
    if (failed) return null;
    return { patientId: patientId!, memberId: memberId!, lastName, firstName, dob, sex };
  }

  /** A required full date (date part of a dateTime); undefined after reporting. */
  private date(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string') {
      this.error('INPUT_INVALID_DATE', path, `expected a date string, got ${JSON.stringify(value ?? null)}`);
      return undefined;
    }
    const r = fhirDatePart(value);
    if (!r.ok) {
      this.error(r.code, path, r.message);
      return undefined;
    }
    return r.value;
  }

  /** Start/end of a Period: start required, end optional; start <= end. */
  private period(
    period: Period | undefined,
    path: string,
    endRequired: boolean,
  ): { start: string; end: string | null } | undefined {
    if (!isPlainObject(period) || period.start === undefined) {
      this.error('FHIR_INVALID_RESOURCE', `${path}.start`, 'a period start date is required');
      return undefined;
    }
    const start = this.date(period.start, `${path}.start`);
    let end: string | null | undefined = null;
    if (period.end !== undefined) end = this.date(period.end, `${path}.end`);
    else if (endRequired) {
      this.error('FHIR_INVALID_RESOURCE', `${path}.end`, 'a period end date is required');
      return undefined;
    }
    if (start === undefined || end === undefined) return undefined;
    if (end !== null && start > end) {
      this.error('INPUT_INVALID_DATE_RANGE', `${path}.end`, `period end ${end} is before its start ${start}`);
      return undefined;
    }
    return { start, end };
  }

  // ------------------------------------------------------------------------------------- Coverage

  private readCoverage(located: Located<Coverage>): void {
    const { resource: c, path } = located;
    if (c.status === 'entered-in-error' || c.status === 'draft') return;
    let failed = false;
    let coverageStatus: EligibilityRecord['coverageStatus'] = 'active';
    if (c.status === 'cancelled') coverageStatus = 'inactive';
    else if (c.status !== 'active') {
      this.error(
        'INPUT_INVALID_ENUM',
        `${path}.status`,
        `Coverage.status ${JSON.stringify(c.status ?? null)} is not active or cancelled`,
      );
      failed = true;
    }
    const patientAt = this.need<Patient>(c.beneficiary, located, `${path}.beneficiary`, 'Patient');
    const patient = patientAt ? this.patient(patientAt) : null;
    const payerId = this.payerId(
      Array.isArray(c.payor) ? c.payor[0] : undefined,
      located,
      `${path}.payor[0]`,
    );
    const period = this.period(c.period, `${path}.period`, false);
    if (failed || !patient || !payerId || !period) return;
    const memberId =
      typeof c.subscriberId === 'string' && c.subscriberId.trim() ? c.subscriberId.trim() : patient.memberId;
    const classes = Array.isArray(c.class) ? c.class : [];
    const planClass =
      classes.find((k) => k.type?.coding?.some((cd) => cd.code === 'plan')) ??
      classes.find((k) => k.type?.coding?.some((cd) => cd.code === 'group'));
    this.records.eligibility.push({
      payerId,
      memberId,
      lastName: patient.lastName,
      firstName: patient.firstName,
      dob: patient.dob,
      sex: patient.sex,
      coverageStart: period.start,
      coverageEnd: period.end,
      planName: (planClass?.name ?? planClass?.value ?? '').trim(),
      coverageStatus,
      origin: { source: 'fhir', path },
    });
  }

  /** A payer id from a payor/insurer reference: its identifier, else the referenced Organization's. */
  private payerId(ref: Reference | undefined, from: Located, path: string): string | null {
    if (isPlainObject(ref) && typeof ref.identifier?.value === 'string' && ref.identifier.value.trim()) {
      return ref.identifier.value.trim();
    }
    if (!isPlainObject(ref) || typeof ref.reference !== 'string') {
      this.error(
        'FHIR_INVALID_RESOURCE',
        path,
        'a payer reference (with an identifier or an Organization reference) is required',
      );
      return null;
    }
    const org = this.resolve(ref, from);
    if (!org) {
      this.error(
        'FHIR_UNRESOLVED_REFERENCE',
        `${path}.reference`,
        `payer reference "${ref.reference}" is not in the bundle`,
      );
      return null;
    }
    const identifiers = (org.resource as { identifier?: Identifier[] }).identifier;
    const usable = Array.isArray(identifiers)
      ? identifiers.filter((i) => typeof i?.value === 'string' && i.value.trim())
      : [];
    const chosen = usable.find((i) => i.type?.coding?.some((c) => c.code === 'NIIP')) ?? usable[0];
    if (!chosen) {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${org.path}.identifier`,
        'the payer has no identifier to use as payer id',
      );
      return null;
    }
    return chosen.value!.trim();
  }

  /**
   * The NPI of a practitioner-like reference (Practitioner, PractitionerRole → its practitioner or
   * organization, Organization), or null. NPIs are optional: an unresolvable reference is a warning.
   */
  private npi(ref: Reference | undefined, from: Located, path: string, depth = 0): string | null | undefined {
    if (!isPlainObject(ref)) return null;
    if (ref.identifier?.system === FHIR_SYSTEMS.npi && typeof ref.identifier.value === 'string') {
      return this.checkNpi(ref.identifier.value, `${path}.identifier.value`);
    }
    if (typeof ref.reference !== 'string') return null;
    const target = this.resolve(ref, from);
    if (!target) {
      this.warning(
        'FHIR_UNRESOLVED_REFERENCE',
        `${path}.reference`,
        `"${ref.reference}" is not in the bundle; no NPI read from it`,
      );
      return null;
    }
    const r = target.resource as {
      identifier?: Identifier[];
      practitioner?: Reference;
      organization?: Reference;
    };
    const index = Array.isArray(r.identifier)
      ? r.identifier.findIndex((i) => i?.system === FHIR_SYSTEMS.npi && typeof i.value === 'string')
      : -1;
    if (index >= 0)
      return this.checkNpi(r.identifier![index].value!, `${target.path}.identifier[${index}].value`);
    if (target.resource.resourceType === 'PractitionerRole' && depth === 0) {
      return (
        this.npi(r.practitioner, target, `${target.path}.practitioner`, 1) ??
        this.npi(r.organization, target, `${target.path}.organization`, 1)
      );
    }
    return null;
  }

  private checkNpi(value: string, path: string): string | undefined {
    const r = parseNpi(value.trim());
    if (!r.ok) {
      this.error(r.code, path, r.message);
      return undefined;
    }
    return r.value;
  }

  // ------------------------------------------------------------------------ Condition, Procedure

  private indexCondition(located: Located<Condition>): void {
    const { resource: c, path } = located;
    const verification = c.verificationStatus?.coding?.[0]?.code;
    if (verification === 'entered-in-error' || verification === 'refuted') return;
    const codes = this.codes(c.code, `${path}.code`, [FHIR_SYSTEMS.icd10cm], parseIcd10);
    const key = this.encounterKey(c.encounter, located);
    if (key && codes.length > 0) addCodes(this.diagnosesByEncounter, key, codes);
  }

  private indexProcedure(located: Located<Procedure>): void {
    const { resource: p, path } = located;
    if (p.status === 'entered-in-error' || p.status === 'not-done') return;
    const codes = this.codes(p.code, `${path}.code`, PROCEDURE_SYSTEMS, parseProcedureCode);
    const key = this.encounterKey(p.encounter, located);
    if (key && codes.length > 0) addCodes(this.proceduresByEncounter, key, codes);
  }

  /** The valid codes of a CodeableConcept in the given systems; invalid ones reported. */
  private codes(
    concept: CodeableConcept | undefined,
    path: string,
    systems: readonly string[],
    check: typeof parseIcd10,
  ): string[] {
    const codes: string[] = [];
    const codings = isPlainObject(concept) && Array.isArray(concept.coding) ? concept.coding : [];
    codings.forEach((coding, j) => {
      if (!isPlainObject(coding) || typeof coding.system !== 'string' || !systems.includes(coding.system))
        return;
      const r = typeof coding.code === 'string' ? check(coding.code) : null;
      if (!r || !r.ok) {
        this.error(
          'INPUT_INVALID_CODE',
          `${path}.coding[${j}].code`,
          r && !r.ok ? r.message : `coding of ${coding.system} has no code`,
        );
        return;
      }
      if (!codes.includes(r.value)) codes.push(r.value);
    });
    return codes;
  }

  // ---------------------------------------------------------------------------- DocumentReference

  private readDocumentReference(located: Located<DocumentReference>): void {
    const { resource: d, path } = located;
    if (d.status === 'entered-in-error' || d.docStatus === 'entered-in-error') return;
    let failed = false;
    const documentId = typeof d.id === 'string' && d.id !== '' ? d.id : located.fullUrl;
    if (!documentId) {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${path}.id`,
        'the DocumentReference has neither an id nor an entry fullUrl',
      );
      failed = true;
    }
    const patientAt = this.need<Patient>(d.subject, located, `${path}.subject`, 'Patient');
    const patient = patientAt ? this.patient(patientAt) : null;
    const documentType =
      (typeof d.type?.coding?.[0]?.code === 'string' && d.type.coding[0].code.trim()) ||
      (typeof d.type?.text === 'string' && d.type.text.trim()) ||
      '';
    if (!documentType) {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${path}.type`,
        'the DocumentReference has no type (type.coding[0].code or type.text)',
      );
      failed = true;
    }

    // Date of service: the encounter's start, else the context period's start, else the document date.
    const encounterRef = Array.isArray(d.context?.encounter) ? d.context.encounter[0] : undefined;
    const encounterPath = `${path}.context.encounter[0]`;
    let encounter: Located<Encounter> | null = null;
    if (isPlainObject(encounterRef) && typeof encounterRef.reference === 'string') {
      const target = this.resolve(encounterRef, located);
      if (target?.resource.resourceType === 'Encounter') encounter = target as Located<Encounter>;
    }
    const fallbackDate = d.context?.period?.start ?? d.date;
    let serviceDate: string | undefined;
    if (encounter?.resource.period?.start !== undefined) {
      serviceDate = this.date(encounter.resource.period.start, `${encounter.path}.period.start`);
    } else if (d.context?.period?.start !== undefined) {
      serviceDate = this.date(d.context.period.start, `${path}.context.period.start`);
    } else if (d.date !== undefined) {
      serviceDate = this.date(d.date, `${path}.date`);
    } else if (encounterRef && !encounter) {
      this.error(
        'FHIR_UNRESOLVED_REFERENCE',
        `${encounterPath}.reference`,
        `Encounter "${encounterRef.reference}" is not in the bundle and the document has no other date`,
      );
    } else {
      this.error(
        'FHIR_INVALID_RESOURCE',
        `${path}.date`,
        'no date of service: no encounter period, context.period or date',
      );
    }
    if (serviceDate === undefined) failed = true;
    if (encounterRef && !encounter && fallbackDate !== undefined) {
      this.warning(
        'FHIR_UNRESOLVED_REFERENCE',
        `${encounterPath}.reference`,
        `Encounter "${encounterRef.reference}" is not in the bundle; the document's own date is used`,
      );
    }

    let authorNpi: string | null = null;
    (Array.isArray(d.author) ? d.author : []).forEach((author, i) => {
      if (authorNpi !== null) return;
      const npi = this.npi(author, located, `${path}.author[${i}]`);
      if (npi === undefined) failed = true;
      else authorNpi = npi;
    });

    const text = this.attachmentText(d, path);
    if (text === undefined) failed = true;

    if (failed || !patient) return;
    const key = this.encounterKey(encounterRef, located);
    this.records.documentation.push({
      documentId: documentId!,
      memberId: patient.memberId,
      patientLastName: patient.lastName,
      patientFirstName: patient.firstName,
      patientDob: patient.dob,
      serviceDate: serviceDate!,
      documentType,
      diagnosisCodes: key ? [...(this.diagnosesByEncounter.get(key) ?? [])] : [],
      procedureCodes: key ? [...(this.proceduresByEncounter.get(key) ?? [])] : [],
      authorNpi,
      signed: d.docStatus === 'final' || isPlainObject(d.authenticator),
      text: text!,
      origin: { source: 'fhir', path },
    });
  }

  /** The note text: content[0].attachment.data (base64 UTF-8) when its contentType is text/*; else ''. */
  private attachmentText(d: DocumentReference, path: string): string | undefined {
    const attachment = Array.isArray(d.content) ? d.content[0]?.attachment : undefined;
    if (!isPlainObject(attachment) || typeof attachment.data !== 'string') return '';
    if (typeof attachment.contentType !== 'string' || !/^text\//i.test(attachment.contentType.trim()))
      return '';
    const dataPath = `${path}.content[0].attachment.data`;
    const base64 = attachment.data.replace(/\s/g, '');
    if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
      this.error('FHIR_INVALID_RESOURCE', dataPath, 'attachment data is not valid base64');
      return undefined;
    }
    const decoded = decodeInput(Buffer.from(base64, 'base64'), this.file);
    if (!decoded.ok) {
      this.error('INPUT_NOT_UTF8', dataPath, 'attachment text is not valid UTF-8');
      return undefined;
    }
    return decoded.text.replace(/\r\n?/g, '\n').trim();
  }

  // -------------------------------------------------------------------------------- ClaimResponse

  private readClaimResponse(located: Located<ClaimResponse>): void {
    const { resource: cr, path } = located;
    if (cr.use !== 'preauthorization') return;
    if (cr.status === 'entered-in-error' || cr.status === 'draft') return;
    let failed = false;
    const patientAt = this.need<Patient>(cr.patient, located, `${path}.patient`, 'Patient');
    const patient = patientAt ? this.patient(patientAt) : null;
    const payerId = this.payerId(cr.insurer, located, `${path}.insurer`);
    const providerNpi = this.npi(cr.requestor, located, `${path}.requestor`);
    if (providerNpi === undefined) failed = true;
    let outcomeStatus: AuthorizationStatus | undefined;
    if (cr.status === 'cancelled') outcomeStatus = 'cancelled';
    else if (typeof cr.outcome === 'string' && OUTCOME_STATUS[cr.outcome])
      outcomeStatus = OUTCOME_STATUS[cr.outcome];
    else {
      this.error(
        'INPUT_INVALID_ENUM',
        `${path}.outcome`,
        `ClaimResponse.outcome ${JSON.stringify(cr.outcome ?? null)} is not queued, complete, error or partial`,
      );
      failed = true;
    }
    const preAuthRef =
      typeof cr.preAuthRef === 'string' && cr.preAuthRef.trim() ? cr.preAuthRef.trim() : null;

    let claim: Located<Claim> | null | undefined; // resolved on first need
    const requestClaim = (): Located<Claim> | null => {
      if (claim === undefined) claim = this.need<Claim>(cr.request, located, `${path}.request`, 'Claim');
      return claim;
    };

    type Line = Omit<
      AuthorizationRecord,
      | 'origin'
      | 'payerId'
      | 'memberId'
      | 'patientLastName'
      | 'patientFirstName'
      | 'patientDob'
      | 'providerNpi'
    > & {
      path: string;
    };
    const lines: Line[] = [];

    const readLine = (
      itemPath: string,
      extensions: Extension[],
      concept: { value: CodeableConcept | undefined; path: string } | null,
      quantity: { value: unknown; path: string } | null,
      service: ServiceDates | null,
    ): void => {
      const review = findExtension(extensions, 'extension-reviewAction');
      const reviewCode = subExtension(review, 'code')?.valueCodeableConcept?.coding?.[0]?.code;
      const reviewNumber = subExtension(review, 'number')?.valueString;
      let status = outcomeStatus;
      if (cr.status !== 'cancelled' && typeof reviewCode === 'string') {
        status = REVIEW_ACTION_STATUS[reviewCode];
        if (!status) {
          this.error(
            'INPUT_INVALID_ENUM',
            itemPath,
            `review action code "${reviewCode}" is not one of ${Object.keys(REVIEW_ACTION_STATUS).join(', ')}`,
          );
          return;
        }
      }
      const authNumber = (typeof reviewNumber === 'string' && reviewNumber.trim()) || preAuthRef;
      if (!authNumber) {
        this.error(
          'FHIR_INVALID_RESOURCE',
          `${path}.preAuthRef`,
          'the authorization number (preAuthRef) is missing',
        );
        return;
      }
      if (!concept) {
        this.warning(
          'FHIR_INVALID_RESOURCE',
          itemPath,
          'no procedure code found for this item; it is ignored',
        );
        return;
      }
      const codes = this.codes(concept.value, concept.path, PROCEDURE_SYSTEMS, parseProcedureCode);
      if (codes.length === 0) {
        this.warning('FHIR_INVALID_RESOURCE', concept.path, 'no CPT/HCPCS coding; this item is ignored');
        return;
      }
      let units: number | null = null;
      if (quantity && quantity.value !== undefined) {
        if (
          typeof quantity.value !== 'number' ||
          !Number.isSafeInteger(quantity.value) ||
          quantity.value < 0
        ) {
          this.error(
            'INPUT_INVALID_NUMBER',
            quantity.path,
            `quantity ${JSON.stringify(quantity.value)} is not a non-negative whole number`,
          );
          return;
        }
        units = quantity.value;
      }
      const itemPeriod = findExtension(extensions, 'extension-itemPreAuthPeriod')?.valuePeriod;
      let dates: { start: string; end: string | null } | undefined;
      if (itemPeriod)
        dates = this.period(itemPeriod, `${itemPath}.extension(itemPreAuthPeriod).valuePeriod`, true);
      else if (cr.preAuthPeriod) dates = this.period(cr.preAuthPeriod, `${path}.preAuthPeriod`, true);
      else if (service?.period) dates = this.period(service.period, service.path, false);
      else if (service?.date !== undefined) {
        const day = this.date(service.date, service.path);
        dates = day === undefined ? undefined : { start: day, end: day };
      } else {
        this.error(
          'FHIR_INVALID_RESOURCE',
          `${path}.preAuthPeriod`,
          'no authorized period (preAuthPeriod or the item service period)',
        );
      }
      if (!dates || !status) return;
      for (const code of codes) {
        lines.push({
          authNumber,
          procedureCode: code,
          unitsApproved: units,
          startDate: dates.start,
          endDate: dates.end ?? dates.start,
          status,
          path: itemPath,
        });
      }
    };

    (Array.isArray(cr.item) ? cr.item : []).forEach((item: ClaimResponseItem, i) => {
      const itemPath = `${path}.item[${i}]`;
      const extensions = itemExtensions(item);
      const detail = findExtension(extensions, 'extension-itemAuthorizedDetail');
      const detailCode = subExtension(detail, 'productOrServiceCode')?.valueCodeableConcept;
      const detailQuantity = subExtension(detail, 'quantity')?.valueQuantity;
      let claimItem: { item: ClaimItem; path: string } | null = null;
      if (!detailCode || detailQuantity === undefined) {
        const c = requestClaim();
        if (!c) {
          failed = true;
          return;
        }
        const index = Array.isArray(c.resource.item)
          ? c.resource.item.findIndex((ci) => ci?.sequence === item.itemSequence)
          : -1;
        if (index < 0) {
          this.error(
            'FHIR_UNRESOLVED_REFERENCE',
            `${itemPath}.itemSequence`,
            `the request Claim has no item with sequence ${item.itemSequence}`,
          );
          failed = true;
          return;
        }
        claimItem = { item: c.resource.item![index], path: `${c.path}.item[${index}]` };
      }
      readLine(
        itemPath,
        extensions,
        detailCode
          ? { value: detailCode, path: `${itemPath}.extension(itemAuthorizedDetail).productOrServiceCode` }
          : { value: claimItem!.item.productOrService, path: `${claimItem!.path}.productOrService` },
        detailQuantity !== undefined
          ? {
              value: detailQuantity?.value,
              path: `${itemPath}.extension(itemAuthorizedDetail).quantity.value`,
            }
          : { value: claimItem?.item.quantity?.value, path: `${claimItem?.path}.quantity.value` },
        claimItem ? servicePeriodOf(claimItem.item, claimItem.path) : null,
      );
    });
    (Array.isArray(cr.addItem) ? cr.addItem : []).forEach((add: ClaimResponseAddItem, j) => {
      const addPath = `${path}.addItem[${j}]`;
      readLine(
        addPath,
        itemExtensions(add),
        add.productOrService ? { value: add.productOrService, path: `${addPath}.productOrService` } : null,
        { value: add.quantity?.value, path: `${addPath}.quantity.value` },
        servicePeriodOf(add, addPath),
      );
    });

    if (failed || !patient || !payerId || providerNpi === undefined) return;
    for (const line of lines) {
      const { path: linePath, ...rest } = line;
      this.records.authorizations.push({
        ...rest,
        payerId,
        memberId: patient.memberId,
        patientLastName: patient.lastName,
        patientFirstName: patient.firstName,
        patientDob: patient.dob,
        providerNpi,
        origin: { source: 'fhir', path: linePath },
      });
    }
  }

  // ---------------------------------------------------------------------------------- duplicates

  private checkDuplicates(): void {
    const check = <T extends { origin: { path?: string } }>(
      list: T[],
      what: string,
      key: (r: T) => string,
    ): void => {
      const seen = new Map<string, string>();
      for (const record of list) {
        const k = key(record);
        const first = seen.get(k);
        if (first !== undefined) {
          this.error(
            'INPUT_DUPLICATE_KEY',
            record.origin.path!,
            `duplicate ${what} (${k}): ${first} and ${record.origin.path} are the same record`,
          );
        } else seen.set(k, record.origin.path!);
      }
    };
    check(this.records.patients, 'Patient id', (r) => r.patientId);
    check(
      this.records.eligibility,
      'coverage payer/member/start',
      (r) => `${r.payerId}/${r.memberId}/${r.coverageStart}`,
    );
    check(this.records.documentation, 'document id', (r) => r.documentId);
    check(
      this.records.authorizations,
      'authorization number/procedure code',
      (r) => `${r.authNumber}/${r.procedureCode}`,
    );
  }
}

function addCodes(map: Map<string, string[]>, key: string, codes: string[]): void {
  const list = map.get(key) ?? [];
  for (const code of codes) if (!list.includes(code)) list.push(code);
  map.set(key, list);
}

/** The member id among a Patient's identifiers: type code MB (member number) first, else the first one. */
function memberIdentifier(identifiers: Identifier[] | undefined): string | null {
  const usable = Array.isArray(identifiers)
    ? identifiers.filter((i) => isPlainObject(i) && typeof i.value === 'string' && i.value.trim() !== '')
    : [];
  const chosen = usable.find((i) => i.type?.coding?.some((c) => c?.code === 'MB')) ?? usable[0];
  return chosen ? chosen.value!.trim() : null;
}

/** Extensions of an item and of its adjudications (PAS puts the review action on either, by version). */
function itemExtensions(item: ClaimResponseItem | ClaimResponseAddItem): Extension[] {
  const own = Array.isArray(item.extension) ? item.extension : [];
  const adjudications = Array.isArray(item.adjudication) ? item.adjudication : [];
  return [...own, ...adjudications.flatMap((a) => (Array.isArray(a?.extension) ? a.extension : []))];
}

/** The first extension whose url ends with `/name` (PAS extension urls, any IG version). */
function findExtension(extensions: Extension[], name: string): Extension | undefined {
  return extensions.find(
    (e) => isPlainObject(e) && typeof e.url === 'string' && (e.url === name || e.url.endsWith(`/${name}`)),
  );
}

function subExtension(extension: Extension | undefined, name: string): Extension | undefined {
  return Array.isArray(extension?.extension)
    ? extension.extension.find((e) => isPlainObject(e) && e.url === name)
    : undefined;
}

/** The service date(s) of a Claim item or an addItem. */
interface ServiceDates {
  period?: Period;
  date?: string;
  path: string;
}

function servicePeriodOf(
  item: { servicedPeriod?: Period; servicedDate?: string },
  path: string,
): ServiceDates | null {
  if (item.servicedPeriod !== undefined)
    return { period: item.servicedPeriod, path: `${path}.servicedPeriod` };
  if (item.servicedDate !== undefined) return { date: item.servicedDate, path: `${path}.servicedDate` };
  return null;
}
