import { normalizeMemberId, normalizeName } from '../patient-matching/identity-normalization.js';
import {
  type IdentityProblem,
  type MatchCandidate,
  PatientIndex,
} from '../patient-matching/patient-matcher.js';
import type { ClaimIdentity, LinkTargetKind, TargetIdentity } from './patient-links.repository.js';

/** A claim linked to one stored record. */
export interface LinkRow {
  targetKind: LinkTargetKind;
  targetId: string;
  method: string;
  score: number;
  confidence: 'match' | 'probable';
}

/** An identity problem on a claim's link (targetId set), on the claim (targetId null), or on the roster. */
export interface ProblemRow {
  targetKind: LinkTargetKind;
  targetId: string | null;
  kind: string;
  reason: string;
  detail: Record<string, string | number>;
}

const KINDS: LinkTargetKind[] = ['eligibility', 'documentation', 'authorization', 'fhir-patient'];

/**
 * One person as a source knows them: the records of a kind that carry the same identity (a patient
 * has many notes and authorizations, and coverage spans). Matching runs on persons, so that a
 * patient's ten notes are one candidate, not ten "ambiguous" ones; a link then fans out to the records.
 */
interface Person {
  identity: TargetIdentity;
  records: TargetIdentity[];
}

function personKey(t: TargetIdentity): string {
  return [
    t.payerId ?? '',
    normalizeMemberId(t.memberId),
    normalizeName(t.lastName),
    normalizeName(t.firstName),
    t.dob ?? '',
  ].join('\u0000');
}

function groupPersons(targets: readonly TargetIdentity[]): Person[] {
  const byKey = new Map<string, Person>();
  for (const t of targets) {
    const key = personKey(t);
    const person = byKey.get(key);
    if (person) person.records.push(t);
    else byKey.set(key, { identity: t, records: [t] });
  }
  return [...byKey.values()];
}

function candidate(p: Person, ref: number): MatchCandidate<number> {
  const t = p.identity;
  return {
    ref,
    memberId: t.memberId,
    lastName: t.lastName,
    firstName: t.firstName,
    dob: t.dob,
    payerId: t.payerId,
  };
}

function problemRow(kind: LinkTargetKind, targetId: string | null, p: IdentityProblem): ProblemRow {
  return { targetKind: kind, targetId, kind: p.kind, reason: p.reason, detail: { ...(p.detail ?? {}) } };
}

/** True when a note's date of service falls within the claim's service dates (any note when the claim has none). */
function withinService(claim: ClaimIdentity, date: string | undefined): boolean {
  if (!claim.serviceDateFrom || date === undefined) return true;
  return date >= claim.serviceDateFrom && date <= (claim.serviceDateTo ?? claim.serviceDateFrom);
}

/**
 * Links claims' patients to the stored roster, documentation, authorization and FHIR patient records
 * (pure: the caller loads and stores). Documentation links are kept only for notes dated within the
 * claim's service dates. A kind with no records at all produces no missing-patient problems: an
 * office that never imported a roster should not see every claim flagged.
 */
export class ClaimPatientLinker {
  private readonly persons = new Map<LinkTargetKind, Person[]>();
  private readonly indexes = new Map<LinkTargetKind, PatientIndex<number>>();

  constructor(targets: Record<LinkTargetKind, readonly TargetIdentity[]>) {
    for (const kind of KINDS) {
      const persons = groupPersons(targets[kind]);
      this.persons.set(kind, persons);
      if (persons.length > 0) this.indexes.set(kind, new PatientIndex(persons.map(candidate)));
    }
  }

  /** The links and problems of one claim. */
  link(claim: ClaimIdentity): { links: LinkRow[]; problems: ProblemRow[] } {
    const links: LinkRow[] = [];
    const problems: ProblemRow[] = [];
    for (const kind of KINDS) {
      const index = this.indexes.get(kind);
      if (!index) continue;
      const persons = this.persons.get(kind)!;
      const outcome = index.match({
        memberId: claim.memberId,
        lastName: claim.lastName,
        firstName: claim.firstName,
        dob: claim.dob,
        payerId: claim.payerId,
      });
      for (const p of outcome.problems) problems.push(problemRow(kind, null, p));
      for (const l of outcome.links) {
        for (const record of persons[l.ref]!.records) {
          if (kind === 'documentation' && !withinService(claim, record.serviceDate)) continue;
          links.push({
            targetKind: kind,
            targetId: record.id,
            method: l.method,
            score: l.score,
            confidence: l.confidence,
          });
          for (const p of l.problems) problems.push(problemRow(kind, record.id, p));
        }
      }
    }
    return { links, problems };
  }

  /** Problems of the roster itself: the same person under two member ids. */
  rosterProblems(): ProblemRow[] {
    const index = this.indexes.get('eligibility');
    if (!index) return [];
    const persons = this.persons.get('eligibility')!;
    const rows: ProblemRow[] = [];
    for (const group of index.duplicates()) {
      const ids = group.refs.flatMap((ref) => persons[ref]!.records.map((r) => r.id));
      for (const id of ids) {
        rows.push({
          targetKind: 'eligibility',
          targetId: id,
          kind: 'duplicate-record',
          reason: group.reason,
          detail: {
            records: ids.length,
            memberIds: group.refs.map((ref) => persons[ref]!.identity.memberId).join(';'),
          },
        });
      }
    }
    return rows;
  }
}
