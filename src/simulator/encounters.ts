/**
 * Visits → claims, notes and authorizations, with the defects injected. One call builds one month:
 * the caller streams the result to disk and drops it, so memory holds one month at a time (plus the
 * patient panel).
 */
import { addDays, ageOn, daysInMonth, dayNumber } from './dates.js';
import { defectSpec, type ClaimKind, type DefectKind } from './defects.js';
import {
  corruptNpi,
  NON_BILLABLE_DIAGNOSES,
  procedure,
  requiresAuth,
  type Location,
  type Practice,
  type Problem,
  type Provider,
  type SimPayer,
  type Specialty,
  type VisitTemplate,
} from './practice.js';
import {
  coverageOn,
  memberIdFormatted,
  memberIdTypo,
  misspell,
  newPatient,
  switchPayer,
  transposeDob,
  type Coverage,
  type MemberIds,
  type SimPatient,
} from './patients.js';
import type { Rng } from './rng.js';

export interface SimLine {
  code: string;
  modifiers: string[];
  units: number;
  chargeCents: number;
  pointers: number[];
  revenueCode: string;
}

export interface ClaimIdentity {
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string;
  sex: 'F' | 'M';
  address: SimPatient['address'];
}

export interface SimClaim {
  id: string;
  type: ClaimKind;
  payer: SimPayer;
  /** SBR01: P primary, S secondary. */
  sequence: 'P' | 'S';
  groupNumber: string;
  subscriber: ClaimIdentity;
  patientKey: string;
  specialty: string;
  visit: string;
  provider: Provider;
  /** NPI sent for the rendering (837P) or attending (837I) provider. */
  providerNpi: string;
  location: Location;
  serviceDate: string;
  /** ICD-10-CM with the dot, principal first. */
  diagnoses: string[];
  lines: SimLine[];
  priorAuth: string;
  defects: DefectKind[];
  /** Duplicate of another claim of the month (resolved to its id after numbering). */
  duplicateOf?: SimClaim;
  /** The visit's note (none when the defect removed it; a duplicate shares its original's). */
  note?: SimNote;
}

export interface SimNote {
  documentId: string;
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string;
  sex: 'F' | 'M';
  serviceDate: string;
  documentType: string;
  diagnoses: string[];
  procedures: string[];
  authorNpi: string;
  authorName: { lastName: string; firstName: string };
  signed: boolean;
  text: string;
  /** Written to the month's FHIR bundle instead of the documentation CSV. */
  fhir: boolean;
}

export interface SimAuth {
  authNumber: string;
  payerId: string;
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string;
  procedureCode: string;
  units: number;
  start: string;
  end: string;
  status: 'approved' | 'pending' | 'denied' | 'cancelled';
  providerNpi: string;
}

/** Roster rows of a patient: one per coverage span (as the payer knows the person). */
export interface RosterRow {
  payerId: string;
  memberId: string;
  lastName: string;
  firstName: string;
  dob: string;
  sex: 'F' | 'M';
  start: string;
  end: string | null;
  planName: string;
}

export interface MonthOutput {
  claims: SimClaim[];
  notes: SimNote[];
  auths: SimAuth[];
  /** Roster rows of patients created this month (defect patients). */
  roster: RosterRow[];
  /** Defects drawn but not injected because no visit fitted (counted, not silent). */
  skipped: DefectKind[];
}

/** Shared, long-lived state: the practice, the patient panel, id counters. */
export interface SimState {
  practice: Practice;
  panel: SimPatient[];
  memberIds: MemberIds;
  nextPatient: number;
  nextAuth: number;
  /** Share of notes written as FHIR bundles. */
  fhirShare: number;
}

/** Unsupported diagnosis per procedure with a coverage policy (rules/tables/diagnosis-coverage.csv). */
export const NOT_COVERED_DX: Readonly<Record<string, string>> = {
  '93000': 'K21.9',
  '80061': 'Z00.00',
  '83036': 'Z00.00',
  '20610': 'M54.50',
  '73721': 'M54.50',
  '72148': 'M25.561',
  '97110': 'R26.2',
};

/** A neighbouring code authorized instead of the billed one. */
export const SIBLING_CODE: Readonly<Record<string, string>> = {
  '73721': '73722',
  '72148': '72149',
  '97110': '97112',
  '97140': '97124',
  '93306': '93308',
};

/** NCCI PTP pairs (column 1 → column 2, modifier indicator 0) from rules/tables/ncci-ptp.csv. */
export const NCCI_ADD: Readonly<Record<string, string>> = { '93000': '93010', '20610': '76942' };

const FRESH_PATIENT_DEFECTS: ReadonlySet<DefectKind> = new Set<DefectKind>([
  'coverage-ended',
  'coverage-not-started',
  'member-not-on-roster',
  'name-nickname',
  'name-misspelled',
  'dob-transposed',
  'member-id-typo',
  'duplicate-registration',
  'member-id-format',
  'filed-late',
]);

const AUTH_DEFECTS: ReadonlySet<DefectKind> = new Set<DefectKind>([
  'auth-missing',
  'auth-expired',
  'auth-other-code',
  'auth-units-exceeded',
  'auth-pending',
]);

interface Combo {
  specialty: Specialty;
  problem: Problem;
  visit: VisitTemplate;
  weight: number;
}

function combos(practice: Practice): Combo[] {
  const out: Combo[] = [];
  for (const s of practice.specialties) {
    const pw = s.problems.reduce((a, p) => a + p.weight, 0);
    for (const p of s.problems) {
      const vw = p.visits.reduce((a, v) => a + v.weight, 0);
      for (const v of p.visits)
        out.push({ specialty: s, problem: p, visit: v, weight: (s.share * p.weight * v.weight) / (pw * vw) });
    }
  }
  return out;
}

function visitType(v: VisitTemplate): ClaimKind {
  return v.institutional ? 'institutional' : 'professional';
}

function authCodes(v: VisitTemplate, payer: SimPayer): string[] {
  return v.lines.map((l) => l.code).filter((c) => requiresAuth(payer, c));
}

/** Whether a visit can carry the defect (besides claim type and auth needs). */
function fits(kind: DefectKind | null, c: Combo, payer: SimPayer): boolean {
  const codes = c.visit.lines.map((l) => l.code);
  const needsAuth = authCodes(c.visit, payer).length > 0;
  if (kind !== null && AUTH_DEFECTS.has(kind)) {
    if (!needsAuth) return false;
    if (kind === 'auth-units-exceeded')
      return c.visit.lines.some((l) => requiresAuth(payer, l.code) && (l.units?.[1] ?? 1) >= 2);
    if (kind === 'auth-other-code')
      return authCodes(c.visit, payer).some((x) => SIBLING_CODE[x] !== undefined);
    return true;
  }
  // Every other defect goes on a visit that needs no authorization, so only its own rule is in play.
  if (kind !== null && needsAuth) return false;
  switch (kind) {
    case 'diagnosis-not-covered':
      return codes.some((x) => NOT_COVERED_DX[x] !== undefined);
    case 'em-without-modifier-25':
      return c.visit.lines.some((l) => l.modifiers?.includes('25'));
    case 'abbreviation-conflict':
      return c.problem.dx[0] === 'I34.0';
    case 'diagnosis-not-billable':
      return NON_BILLABLE_DIAGNOSES[c.problem.dx[0]!] !== undefined;
    case 'ncci-unbundled':
      return codes.some((x) => NCCI_ADD[x] !== undefined);
    case 'units-over-mue':
      return codes.some((x) => procedure(x).mue !== undefined);
    case 'procedure-undocumented':
      return true;
    default:
      return true;
  }
}

export class MonthBuilder {
  private readonly allCombos: Combo[];
  /** Patients seen this month, and those whose authorization defect must stay their only visit. */
  private seen = new Set<string>();
  private reserved = new Set<string>();
  /** patient|date of the month's visits: one visit per patient and day. */
  private visitDays = new Set<string>();

  constructor(
    private readonly state: SimState,
    private readonly rates: Map<DefectKind, number>,
  ) {
    this.allCombos = combos(state.practice);
  }

  /** Builds `count` claims with dates of service in `month` (YYYY-MM), files created on `fileDate`. */
  build(month: string, count: number, fileDate: string, rng: Rng): MonthOutput {
    const out: MonthOutput = { claims: [], notes: [], auths: [], roster: [], skipped: [] };
    const kinds = [...this.rates.entries()].filter(([, r]) => r > 0);
    const total = kinds.reduce((a, [, r]) => a + r, 0);
    const seen = (this.seen = new Set<string>());
    this.reserved = new Set<string>();
    this.visitDays = new Set<string>();
    for (let i = 0; out.claims.length < count; i++) {
      const erng = rng.fork(`enc:${i}`);
      let kind: DefectKind | null = null;
      if (erng.next() < total) kind = erng.weighted(kinds, ([, r]) => r)[0];
      if (kind === 'duplicate-claim' && out.claims.length + 2 > count) kind = null;
      const date = kind === 'filed-late' ? this.lateDate(erng, fileDate) : weekday(erng, month);
      const made = this.encounter(erng, kind, date, out);
      if (!made) {
        out.skipped.push(kind!);
        continue;
      }
      if (kind === 'duplicate-claim') {
        made.defects = [];
        const copy: SimClaim = {
          ...made,
          lines: made.lines.map((l) => ({ ...l, modifiers: [...l.modifiers], pointers: [...l.pointers] })),
          defects: ['duplicate-claim'],
          duplicateOf: made,
        };
        out.claims.push(copy);
      }
    }
    this.futureAuthorizations(rng.fork('future-auths'), month, seen, out);
    // Claims in date order; a duplicate after its original (same date, later id).
    const order = out.claims.map((c, i) => ({ c, i }));
    order.sort(
      (a, b) =>
        (a.c.serviceDate < b.c.serviceDate ? -1 : a.c.serviceDate > b.c.serviceDate ? 1 : 0) ||
        Number(a.c.duplicateOf !== undefined) - Number(b.c.duplicateOf !== undefined) ||
        a.i - b.i,
    );
    out.claims = order.map((o) => o.c);
    return out;
  }

  private lateDate(rng: Rng, fileDate: string): string {
    // Filled in per payer in encounter(); here a placeholder the payer limit replaces.
    return addDays(fileDate, -rng.int(5, 60));
  }

  private pickPayer(rng: Rng, kind: DefectKind | null): SimPayer {
    const payers = this.state.practice.payers.filter(
      (p) => kind !== 'member-id-format' || p.memberIdPattern !== null,
    );
    return rng.weighted(payers, (p) => p.share);
  }

  /** Builds one encounter (claim, note, authorizations) into `out`; null when the defect fits nowhere. */
  private encounter(rng: Rng, kind: DefectKind | null, date0: string, out: MonthOutput): SimClaim | null {
    const spec = kind ? defectSpec(kind) : null;
    let date = date0;
    for (let attempt = 0; attempt < 30; attempt++) {
      let patient: SimPatient;
      let coverage: Coverage;
      let payer: SimPayer;
      const fresh = kind !== null && FRESH_PATIENT_DEFECTS.has(kind);
      if (fresh) {
        payer = this.pickPayer(rng, kind);
        if (kind === 'filed-late') date = addDays(date0, -payer.timelyFilingDays);
        patient = newPatient(rng, {
          key: `P${String(this.state.nextPatient).padStart(7, '0')}`,
          payer,
          coveredOn: date,
          memberIds: this.state.memberIds,
          needsNickname: kind === 'name-nickname',
        });
        if (kind === 'dob-transposed' && transposeDob(patient.dob) === null) continue;
        coverage = patient.coverages[0]!;
      } else {
        patient = rng.pick(this.state.panel);
        // An authorization defect is the patient's only visit of the month: another visit's
        // authorization for the same code would otherwise cover it (or be used up by it).
        if (this.reserved.has(patient.key)) continue;
        if (kind !== null && AUTH_DEFECTS.has(kind) && this.seen.has(patient.key)) continue;
        // One visit per patient and day (two same-day claims would look like duplicates).
        if (this.visitDays.has(`${patient.key}|${date}`)) continue;
        const c = coverageOn(patient, date);
        if (!c) continue;
        coverage = c;
        payer = this.state.practice.payers.find((p) => p.id === c.payerId)!;
      }
      const age = ageOn(patient.dob, date);
      const candidates = this.allCombos.filter(
        (c) =>
          (!c.visit.ages || (age >= c.visit.ages[0] && age <= c.visit.ages[1])) &&
          (!spec || spec.claimTypes.includes(visitType(c.visit))) &&
          fits(kind, c, payer),
      );
      if (candidates.length === 0) continue;
      const combo = rng.weighted(candidates, (c) => c.weight);
      if (fresh) this.state.nextPatient++;
      if (kind !== null && AUTH_DEFECTS.has(kind)) this.reserved.add(patient.key);
      this.seen.add(patient.key);
      this.visitDays.add(`${patient.key}|${date}`);
      return this.emit(rng, kind, combo, patient, coverage, payer, date, out, fresh);
    }
    return null;
  }

  private emit(
    rng: Rng,
    kind: DefectKind | null,
    combo: Combo,
    patient: SimPatient,
    coverage: Coverage,
    payer: SimPayer,
    date: string,
    out: MonthOutput,
    fresh: boolean,
  ): SimClaim {
    const { practice } = this.state;
    const type = visitType(combo.visit);
    const pt = combo.visit.lines.every((l) => l.code.startsWith('97'));
    const providers = practice.providers.filter(
      (p) => p.specialty === combo.specialty.id && (p.taxonomy === '225100000X') === pt,
    );
    const provider = rng.pick(
      providers.length ? providers : practice.providers.filter((p) => p.specialty === combo.specialty.id),
    );
    const location = practice.locations.find((l) => l.id === provider.locationId)!;
    const diagnoses = [...combo.problem.dx];
    const lines: SimLine[] = combo.visit.lines.map((t) => {
      const info = procedure(t.code);
      const units = t.units ? rng.int(t.units[0], t.units[1]) : 1;
      const modifiers = [...(t.modifiers ?? [])];
      if (t.side && combo.problem.side) modifiers.push(combo.problem.side);
      return {
        code: t.code,
        modifiers,
        units,
        chargeCents: info.chargeCents * units,
        pointers: [...(t.pointers ?? [1])].filter((p) => p <= diagnoses.length),
        revenueCode: type === 'institutional' ? (info.revenueCode ?? '0510') : '',
      };
    });

    // Registration: what the practice has on file (the claim), and the payer roster rows.
    const claimId: ClaimIdentity = {
      memberId: coverage.memberId,
      lastName: patient.lastName,
      firstName: patient.firstName,
      dob: patient.dob,
      sex: patient.sex,
      address: patient.address,
    };
    let claimPayer = payer;
    const roster: RosterRow[] = patient.coverages.map((c) => rosterRow(patient, c));
    switch (kind) {
      case 'coverage-ended': {
        // Plan change: the old plan ended 10-120 days before the visit; registration was not updated.
        const other = rng.pick(practice.payers.filter((p) => p.id !== payer.id));
        switchPayer(patient, other, addDays(date, -rng.int(10, 120)), rng, this.state.memberIds);
        roster.length = 0;
        roster.push(...patient.coverages.map((c) => rosterRow(patient, c)));
        claimPayer = payer;
        break;
      }
      case 'coverage-not-started':
        roster[0]!.start = addDays(date, rng.int(5, 60));
        patient.coverages[0]!.start = roster[0]!.start;
        break;
      case 'member-not-on-roster':
        roster.length = 0;
        break;
      case 'name-nickname':
        claimId.firstName = patient.nickname!;
        break;
      case 'name-misspelled':
        claimId.lastName = misspell(patient.lastName, rng);
        break;
      case 'dob-transposed':
        claimId.dob = transposeDob(patient.dob)!;
        break;
      case 'member-id-typo':
        claimId.memberId = memberIdTypo(coverage.memberId, rng);
        break;
      case 'duplicate-registration': {
        // An older registration under another member id, closed when the card was reissued.
        const oldId = this.state.memberIds.next(payer, rng);
        const reissued = addDays(date, -rng.int(60, 400));
        roster.unshift({
          ...roster[0]!,
          memberId: oldId,
          start: addDays(reissued, -rng.int(300, 1500)),
          end: addDays(reissued, -1),
        });
        roster[1]!.start = reissued;
        patient.coverages[0]!.start = reissued;
        break;
      }
      case 'member-id-format':
        claimId.memberId = memberIdFormatted(coverage.memberId);
        break;
      default:
        break;
    }
    if (fresh) out.roster.push(...roster);

    const claim: SimClaim = {
      id: '',
      type,
      payer: claimPayer,
      sequence: kind === 'secondary-without-primary' ? 'S' : 'P',
      groupNumber: payer.kind === 'commercial' ? `GRP${coverage.memberId.slice(-4)}` : '',
      subscriber: claimId,
      patientKey: patient.key,
      specialty: combo.specialty.id,
      visit: combo.visit.name,
      provider,
      providerNpi: provider.npi,
      location,
      serviceDate: date,
      diagnoses,
      lines,
      priorAuth: '',
      defects: kind ? [kind] : [],
    };

    // Note (documentation as the EHR has it), before claim-side coding defects change the claim.
    const note: SimNote = {
      documentId: '',
      memberId: claimId.memberId,
      lastName: claimId.lastName,
      firstName: claimId.firstName,
      dob: claimId.dob,
      sex: claimId.sex,
      serviceDate: date,
      documentType: pt
        ? 'therapy-note'
        : lines.every((l) => /^7[0-9]{4}$/.test(l.code))
          ? 'imaging-report'
          : 'progress-note',
      diagnoses: [...diagnoses],
      procedures: [...new Set(lines.map((l) => l.code))],
      authorNpi: provider.npi,
      authorName: { lastName: provider.lastName, firstName: provider.firstName },
      signed: true,
      text: noteText(rng, combo, lines),
      fhir: rng.chance(this.state.fhirShare),
    };
    // Benign noise: the EHR shows the preferred name (a nickname) on some notes; matching must cope.
    if (kind === null && patient.nickname && rng.chance(0.08)) note.firstName = patient.nickname;

    let writeNote = true;
    switch (kind) {
      case 'note-missing':
        writeNote = false;
        break;
      case 'note-unsigned':
        note.signed = false;
        break;
      case 'procedure-undocumented': {
        const em = lines.find((l) => procedure(l.code).isEm && /^992(0[2-4]|1[2-4])$/.test(l.code));
        if (em) {
          // Upcoded: one level above what the note documents.
          em.code = String(Number(em.code) + 1);
          em.chargeCents = procedure(em.code).chargeCents * em.units;
        } else {
          note.procedures = note.procedures.slice(0, -1);
          if (note.procedures.length === 0) note.procedures = ['99212'];
        }
        break;
      }
      case 'diagnosis-undocumented':
        claim.diagnoses.push(claim.diagnoses.includes('E66.9') ? 'F41.1' : 'E66.9');
        break;
      case 'abbreviation-conflict':
        claim.diagnoses[0] = 'I25.2';
        note.diagnoses[0] = 'I25.2';
        break;
      case 'diagnosis-not-covered': {
        const line = lines.find((l) => NOT_COVERED_DX[l.code] !== undefined)!;
        const dx = NOT_COVERED_DX[line.code]!;
        claim.diagnoses.length = 0;
        claim.diagnoses.push(dx);
        note.diagnoses = [dx];
        for (const l of lines) l.pointers = [1];
        break;
      }
      case 'em-without-modifier-25':
        for (const l of lines) l.modifiers = l.modifiers.filter((m) => m !== '25');
        break;
      case 'diagnosis-not-billable':
        claim.diagnoses[0] = NON_BILLABLE_DIAGNOSES[claim.diagnoses[0]!]!;
        note.diagnoses[0] = claim.diagnoses[0];
        break;
      case 'modifier-invalid': {
        const l = lines.find((x) => x.modifiers.includes('RT')) ?? lines[0]!;
        l.modifiers = [...l.modifiers.filter((m) => m !== 'RT'), 'RX'];
        break;
      }
      case 'diagnosis-pointer-invalid':
        lines[lines.length - 1]!.pointers = [claim.diagnoses.length + 1];
        break;
      case 'ncci-unbundled': {
        const col1 = lines.find((l) => NCCI_ADD[l.code] !== undefined)!;
        const code = NCCI_ADD[col1.code]!;
        lines.push({
          code,
          modifiers: [],
          units: 1,
          chargeCents: procedure(code).chargeCents,
          pointers: [1],
          revenueCode: '',
        });
        note.procedures.push(code);
        break;
      }
      case 'units-over-mue': {
        const l = lines.find((x) => procedure(x.code).mue !== undefined)!;
        l.units = procedure(l.code).mue! + 1;
        l.chargeCents = procedure(l.code).chargeCents * l.units;
        break;
      }
      case 'rendering-npi-invalid':
        claim.providerNpi = corruptNpi(provider.npi);
        break;
      default:
        break;
    }
    if (writeNote) out.notes.push(note);

    this.authorize(rng, kind, claim, patient, roster, out);
    if (writeNote) claim.note = note;
    out.claims.push(claim);
    return claim;
  }

  /** Authorizations for the lines the payer lists (approved and covering, unless the defect says otherwise). */
  private authorize(
    rng: Rng,
    kind: DefectKind | null,
    claim: SimClaim,
    patient: SimPatient,
    roster: RosterRow[],
    out: MonthOutput,
  ): void {
    const codes = [...new Set(claim.lines.map((l) => l.code).filter((c) => requiresAuth(claim.payer, c)))];
    if (codes.length === 0 || kind === 'auth-missing') return;
    const who = roster.find((r) => r.payerId === claim.payer.id) ?? rosterRow(patient, patient.coverages[0]!);
    const number = `SA${String(this.state.nextAuth++).padStart(8, '0')}`;
    const start = addDays(claim.serviceDate, -rng.int(2, 20));
    let end = addDays(start, rng.pick([30, 60, 90]));
    if (kind === 'auth-expired') end = addDays(claim.serviceDate, -rng.int(1, 30));
    const npi = claim.type === 'professional' && rng.chance(0.7) ? claim.provider.npi : '';
    for (const code of codes) {
      const units = claim.lines.filter((l) => l.code === code).reduce((a, l) => a + l.units, 0);
      out.auths.push({
        authNumber: number,
        payerId: claim.payer.id,
        memberId: who.memberId,
        lastName: who.lastName,
        firstName: who.firstName,
        dob: who.dob,
        procedureCode: kind === 'auth-other-code' ? (SIBLING_CODE[code] ?? code) : code,
        units:
          kind === 'auth-units-exceeded'
            ? Math.max(1, units - 1)
            : units + (code.startsWith('97') ? rng.int(0, 2) : 0),
        start: kind === 'auth-expired' ? addDays(end, -90) : start,
        end,
        status: kind === 'auth-pending' ? 'pending' : 'approved',
        providerNpi: npi,
      });
    }
    claim.priorAuth = number;
  }

  /**
   * Approved authorizations for next month's services of panel patients not seen this month: every
   * payer with a prior-authorization list then has authorizations on file, as a real practice does.
   */
  private futureAuthorizations(rng: Rng, month: string, seen: Set<string>, out: MonthOutput): void {
    const next = addDays(`${month}-01`, daysInMonth(month));
    for (const payer of this.state.practice.payers) {
      const code = ['97110', '73721', '72148', 'E0601', 'E0260'].find((c) => requiresAuth(payer, c));
      if (!code) continue;
      for (let attempt = 0; attempt < 50; attempt++) {
        const p = rng.pick(this.state.panel);
        const c = coverageOn(p, next);
        if (seen.has(p.key) || !c || c.payerId !== payer.id) continue;
        out.auths.push({
          authNumber: `SA${String(this.state.nextAuth++).padStart(8, '0')}`,
          payerId: payer.id,
          memberId: c.memberId,
          lastName: p.lastName,
          firstName: p.firstName,
          dob: p.dob,
          procedureCode: code,
          units: code.startsWith('97') ? 12 : 1,
          start: next,
          end: addDays(next, 89),
          status: 'approved',
          providerNpi: '',
        });
        break;
      }
    }
  }
}

export function rosterRow(p: SimPatient, c: Coverage): RosterRow {
  return {
    payerId: c.payerId,
    memberId: c.memberId,
    lastName: p.lastName,
    firstName: p.firstName,
    dob: p.dob,
    sex: p.sex,
    start: c.start,
    end: c.end,
    planName: c.planName,
  };
}

/** A weekday of the month (Monday to Friday). */
function weekday(rng: Rng, month: string): string {
  const dim = daysInMonth(month);
  for (;;) {
    const date = `${month}-${String(rng.int(1, dim)).padStart(2, '0')}`;
    const dow = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
    if (dow !== 0 && dow !== 6) return date;
  }
}

function noteText(rng: Rng, combo: Combo, lines: SimLine[]): string {
  const parts = [rng.pick(combo.problem.note)];
  const procs = lines
    .filter((l) => !procedure(l.code).isEm)
    .map((l) => procedure(l.code).description.toLowerCase());
  if (procs.length) parts.push(`Performed: ${procs.join('; ')}.`);
  parts.push('Synthetic note generated by the claimguard simulator.');
  return parts.join('\n');
}
