/**
 * The practice's other files, in the formats of docs/inputs.md: eligibility roster, documentation,
 * authorizations and contracts as CSV, and part of the documentation as FHIR R4 bundles
 * (Patient, Practitioner, Encounter, Condition, Procedure, DocumentReference). Streaming: rows and
 * bundle entries are written as they come.
 */
import type { RosterRow, SimAuth, SimNote } from './encounters.js';
import { FileSink } from './file-sink.js';

/** A CSV cell: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replaceAll('"', '""')}"`;
  return value;
}

export class CsvFile {
  private readonly sink: FileSink;
  rows = 0;

  constructor(
    readonly path: string,
    readonly columns: readonly string[],
  ) {
    this.sink = new FileSink(path);
    this.sink.write(`${columns.join(',')}\n`);
  }

  row(values: readonly string[]): void {
    if (values.length !== this.columns.length) {
      throw new Error(`${this.path}: a row of ${values.length} cells for ${this.columns.length} columns`);
    }
    this.sink.write(`${values.map(csvCell).join(',')}\n`);
    this.rows++;
  }

  close(): void {
    this.sink.close();
  }
}

export const ELIGIBILITY_COLUMNS = [
  'payer_id',
  'member_id',
  'last_name',
  'first_name',
  'dob',
  'sex',
  'coverage_start',
  'coverage_end',
  'plan_name',
] as const;
export const DOCUMENTATION_COLUMNS = [
  'document_id',
  'member_id',
  'patient_last_name',
  'patient_first_name',
  'patient_dob',
  'service_date',
  'document_type',
  'diagnosis_codes',
  'procedure_codes',
  'author_npi',
  'signed',
  'text',
] as const;
export const AUTHORIZATION_COLUMNS = [
  'auth_number',
  'payer_id',
  'member_id',
  'patient_last_name',
  'patient_first_name',
  'patient_dob',
  'procedure_code',
  'units_approved',
  'start_date',
  'end_date',
  'status',
  'provider_npi',
] as const;
export const CONTRACT_COLUMNS = [
  'payer_id',
  'procedure_code',
  'modifier',
  'allowed_amount',
  'effective_start',
  'effective_end',
] as const;

export function eligibilityRow(r: RosterRow): string[] {
  return [r.payerId, r.memberId, r.lastName, r.firstName, r.dob, r.sex, r.start, r.end ?? '', r.planName];
}

export function documentationRow(n: SimNote): string[] {
  return [
    n.documentId,
    n.memberId,
    n.lastName,
    n.firstName,
    n.dob,
    n.serviceDate,
    n.documentType,
    n.diagnoses.join(';'),
    n.procedures.join(';'),
    n.authorNpi,
    n.signed ? 'true' : 'false',
    n.text,
  ];
}

export function authorizationRow(a: SimAuth): string[] {
  return [
    a.authNumber,
    a.payerId,
    a.memberId,
    a.lastName,
    a.firstName,
    a.dob,
    a.procedureCode,
    String(a.units),
    a.start,
    a.end,
    a.status,
    a.providerNpi,
  ];
}

/** Dollars text from cents for the CSV money format (two decimals). */
export function dollars(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const LOINC: Record<string, { code: string; display: string }> = {
  'progress-note': { code: '11506-3', display: 'Progress note' },
  'imaging-report': { code: '18748-4', display: 'Diagnostic imaging study' },
  'therapy-note': { code: '11508-9', display: 'Physical therapy progress note' },
};

const CPT = 'http://www.ama-assn.org/go/cpt';
const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';

/**
 * A FHIR R4 collection bundle written entry by entry. A patient and a practitioner are written once per
 * bundle (keyed by member id + name + date of birth, and by NPI).
 */
export class FhirBundleFile {
  private readonly sink: FileSink;
  private entries = 0;
  private readonly patients = new Map<string, string>();
  private readonly practitioners = new Map<string, string>();
  notes = 0;

  constructor(
    readonly path: string,
    bundleId: string,
  ) {
    this.sink = new FileSink(path);
    this.sink.write(
      `{"resourceType":"Bundle","id":${JSON.stringify(bundleId)},"type":"collection","entry":[`,
    );
  }

  private entry(resource: Record<string, unknown>): string {
    const url = `urn:uuid:${uuidFor(`${resource['resourceType'] as string}/${resource['id'] as string}`)}`;
    this.sink.write(`${this.entries === 0 ? '\n' : ',\n'}${JSON.stringify({ fullUrl: url, resource })}`);
    this.entries++;
    return `${resource['resourceType'] as string}/${resource['id'] as string}`;
  }

  addNote(n: SimNote): void {
    this.notes++;
    const pkey = `${n.memberId}|${n.lastName}|${n.firstName}|${n.dob}`;
    let patientRef = this.patients.get(pkey);
    if (!patientRef) {
      patientRef = this.entry({
        resourceType: 'Patient',
        id: `pat-${this.patients.size + 1}`,
        identifier: [
          {
            type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MB' }] },
            system: 'urn:claimguard:sim:member',
            value: n.memberId,
          },
        ],
        name: [{ use: 'official', family: n.lastName, given: [n.firstName] }],
        gender: n.sex === 'F' ? 'female' : 'male',
        birthDate: n.dob,
      });
      this.patients.set(pkey, patientRef);
    }
    let practitionerRef = this.practitioners.get(n.authorNpi);
    if (!practitionerRef) {
      practitionerRef = this.entry({
        resourceType: 'Practitioner',
        id: `prac-${n.authorNpi}`,
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: n.authorNpi }],
        name: [{ family: n.authorName.lastName, given: [n.authorName.firstName] }],
      });
      this.practitioners.set(n.authorNpi, practitionerRef);
    }
    const id = n.documentId.toLowerCase();
    const encounterRef = this.entry({
      resourceType: 'Encounter',
      id: `enc-${id}`,
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      subject: { reference: patientRef },
      period: { start: n.serviceDate, end: n.serviceDate },
    });
    n.diagnoses.forEach((code, i) => {
      this.entry({
        resourceType: 'Condition',
        id: `cond-${id}-${i + 1}`,
        code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code }] },
        subject: { reference: patientRef },
        encounter: { reference: encounterRef },
      });
    });
    n.procedures.forEach((code, i) => {
      this.entry({
        resourceType: 'Procedure',
        id: `proc-${id}-${i + 1}`,
        status: 'completed',
        code: { coding: [{ system: /^[0-9]/.test(code) ? CPT : HCPCS, code }] },
        subject: { reference: patientRef },
        encounter: { reference: encounterRef },
        performedDateTime: n.serviceDate,
      });
    });
    const type = LOINC[n.documentType] ?? LOINC['progress-note']!;
    this.entry({
      resourceType: 'DocumentReference',
      id: n.documentId,
      status: 'current',
      docStatus: n.signed ? 'final' : 'preliminary',
      type: { coding: [{ system: 'http://loinc.org', code: type.code, display: type.display }] },
      subject: { reference: patientRef },
      date: `${n.serviceDate}T17:00:00Z`,
      author: [{ reference: practitionerRef }],
      content: [
        {
          attachment: {
            contentType: 'text/plain; charset=utf-8',
            data: Buffer.from(n.text, 'utf8').toString('base64'),
          },
        },
      ],
      context: { encounter: [{ reference: encounterRef }] },
    });
  }

  close(): void {
    this.sink.write(`${this.entries === 0 ? '' : '\n'}]}\n`);
    this.sink.close();
  }
}

/** A deterministic RFC 4122-shaped (version 4 layout) id from text (FNV-1a, not random). */
export function uuidFor(text: string): string {
  let hex = '';
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
