/**
 * Links a claim's patient to stored patient records (roster, documentation, authorizations, FHIR
 * patients) deterministically, and explains every link and every identity problem. Pure: no Nest,
 * no database; callers hand in the records as {@link MatchCandidate}s keyed by their own ids.
 *
 * In the words below, "the claim" is the identity passed to {@link PatientIndex.match} and "the
 * record" is a candidate. Every candidate that shares the claim's normalized member id, or shares
 * its date of birth and a name key (see {@link PatientIndex}), is compared on member id
 * (`compareMemberIds`), date of birth (`compareDob`) and name (`compareNames`, verdict same ≥ 0.92,
 * similar ≥ 0.85, different below), and the first row that fits decides:
 *
 * | member id | date of birth        | name           | link         | score | method                    | problems on the link     |
 * | --------- | -------------------- | -------------- | ------------ | ----- | ------------------------- | ------------------------ |
 * | same      | same                 | same / similar | match        | 1.00  | `member-id+dob`           | name-mismatch unless exact |
 * | typo      | same                 | same / similar | probable     | 0.90  | `member-id-typo+name+dob` | member-id-typo           |
 * | same      | typo                 | same / similar | probable     | 0.90  | `member-id+name+dob-typo` | dob-mismatch             |
 * | same      | missing (either side)| same / similar | probable     | 0.85  | `member-id+name`          | dob-missing              |
 * | same      | same                 | different      | probable     | 0.80  | `member-id+dob`           | name-mismatch (wrong patient on the account?) |
 * | same      | different            | same / similar | probable     | 0.75  | `member-id+name`          | dob-mismatch             |
 * | different or missing | same      | same / similar | probable     | 0.70  | `name+dob`                | member-id-mismatch       |
 * | same      | not same             | different      | none         | –     | –                         | member-id-collision on the outcome |
 * | anything else |                  |                | none         | –     | –                         | –                        |
 *
 * Adjustments: a `similar` name takes 0.05 off every row but the first (where member id and date of
 * birth carry the match) and adds a name-mismatch problem; any name that is not exact after
 * normalization adds a name-mismatch problem (nicknames included: payers match names too). When both
 * sides have a payer id and they differ, the link loses 0.10, is never a `match`, and carries a
 * payer-mismatch problem.
 *
 * Outcome: links sorted by score (descending), then ref. A record sharing the claim's member id and
 * date of birth under a clearly different name is dropped when another record under that member id
 * is linked with a fitting name (a family sharing one id: twins). No link at all adds
 * `missing-patient`; records that share the claim's member id but differ in name and date of birth
 * add `member-id-collision` when no link came through that member id; two or more different people
 * (normalized member id, name or date of birth differ) at the top score add `ambiguous-match`.
 * Records of one person (several coverage spans, several documents) are never ambiguous.
 */
import { compareDob, isDobTypo, type DobRelation } from './dob-comparison.js';
import { normalizeDob, normalizeMemberId, normalizePayerId } from './identity-normalization.js';
import { compareMemberIds, isMemberIdTypo, type MemberIdRelation } from './member-id-comparison.js';
import {
  comparePreparedNames,
  prepareName,
  type NameComparison,
  type NameMethod,
  type NameVerdict,
  type PreparedName,
} from './name-comparison.js';
import { canonicalGivenNames } from './nicknames.js';

export interface PatientIdentity {
  memberId: string;
  lastName: string;
  firstName: string;
  /** `YYYY-MM-DD`, or null when unknown. */
  dob: string | null;
  payerId?: string | null;
}

/** A stored record to match against; `ref` is the record's own id (returned in links, never compared). */
export interface MatchCandidate<R = string> extends PatientIdentity {
  ref: R;
}

export type IdentityProblemKind =
  /** The names differ (any difference that survives normalization; see `detail.nameVerdict`). */
  | 'name-mismatch'
  /** The dates of birth differ (`detail.dobRelation` says how). */
  | 'dob-mismatch'
  /** One side has no date of birth (`detail.side`: claim, record or both). */
  | 'dob-missing'
  /** The member ids differ by a typing slip (`detail.memberIdRelation` says which). */
  | 'member-id-typo'
  /** Same person by name and date of birth, under another (or no) member id. */
  | 'member-id-mismatch'
  /** The claim's member id belongs to someone else on file (another name and date of birth). */
  | 'member-id-collision'
  /** The record is under another payer than the claim. */
  | 'payer-mismatch'
  /** No record could be linked. */
  | 'missing-patient'
  /** Records with the same name and date of birth under different member ids. */
  | 'duplicate-record'
  /** Two or more different people tie for the best link. */
  | 'ambiguous-match';

/**
 * A problem with a patient's identity. The reason is for billing staff (it names the differing
 * values, and nothing else); it must not go to logs.
 */
export interface IdentityProblem<R = unknown> {
  kind: IdentityProblemKind;
  reason: string;
  detail?: Record<string, string | number>;
  /** The records concerned, for outcome-level problems (ambiguous-match, member-id-collision, duplicate-record). */
  refs?: R[];
}

export type LinkMethod =
  'member-id+dob' | 'member-id-typo+name+dob' | 'member-id+name+dob-typo' | 'member-id+name' | 'name+dob';

export type LinkConfidence = 'match' | 'probable';

/** What each field comparison found, for rules that need more than the method. */
export interface LinkEvidence {
  memberId: MemberIdRelation;
  dob: DobRelation;
  name: NameMethod;
  nameScore: number;
  nameVerdict: NameVerdict;
  payer: 'same' | 'different' | 'unknown';
}

export interface PatientLink<R> {
  ref: R;
  method: LinkMethod;
  /** 0..1, two decimals. */
  score: number;
  confidence: LinkConfidence;
  problems: IdentityProblem[];
  evidence: LinkEvidence;
}

export interface MatchOutcome<R> {
  /** Best first: score descending, then ref. */
  links: PatientLink<R>[];
  /** Problems of the match as a whole: missing-patient, member-id-collision, ambiguous-match (in that order). */
  problems: IdentityProblem<R>[];
}

/** A duplicate-record problem: one person recorded under several member ids. */
export interface DuplicateGroup<R> extends IdentityProblem<R> {
  kind: 'duplicate-record';
  /** Every record of the group, sorted. */
  refs: R[];
  /** The distinct normalized member ids, sorted. */
  memberIds: string[];
}

export interface PatientIndexOptions<R> {
  /** Orders refs in results; default: numbers numerically, anything else by its string's code units. */
  compareRefs?: (a: R, b: R) => number;
}

/** Base scores of the link rows (see the module comment). */
export const LINK_SCORES = {
  memberIdDob: 1,
  memberIdTypoNameDob: 0.9,
  memberIdNameDobTypo: 0.9,
  memberIdNameDobMissing: 0.85,
  memberIdDobNameDifferent: 0.8,
  memberIdNameDobDifferent: 0.75,
  nameDob: 0.7,
} as const;
/** Taken off a link whose name is only similar (every row but member id + date of birth). */
export const SIMILAR_NAME_PENALTY = 0.05;
/** Taken off a link to a record under another payer. */
export const PAYER_MISMATCH_PENALTY = 0.1;

interface PreparedIdentity {
  memberId: string;
  /** Normalized tokens joined by one space. */
  last: string;
  first: string;
  lastTokens: readonly string[];
  firstTokens: readonly string[];
  name: PreparedName;
  dob: string;
  payer: string;
}

/** Candidates with the same prepared identity, compared once. */
interface IdentityGroup<R> {
  identity: PreparedIdentity;
  /** Normalized member id, joined names and date of birth: one person. */
  personKey: string;
  refs: R[];
}

type Row = keyof typeof LINK_SCORES;

interface Evaluation<R> {
  group: IdentityGroup<R>;
  row: Row | 'collision' | null;
  memberId: MemberIdRelation;
  dob: DobRelation;
  dobReason: string;
  memberIdReason: string;
  name: NameComparison;
  payer: LinkEvidence['payer'];
}

const ROW_METHOD: Record<Row, LinkMethod> = {
  memberIdDob: 'member-id+dob',
  memberIdTypoNameDob: 'member-id-typo+name+dob',
  memberIdNameDobTypo: 'member-id+name+dob-typo',
  memberIdNameDobMissing: 'member-id+name',
  memberIdDobNameDifferent: 'member-id+dob',
  memberIdNameDobDifferent: 'member-id+name',
  nameDob: 'name+dob',
};

/**
 * An index of candidate records answering {@link match} without scanning: candidates are grouped
 * by prepared identity and indexed by normalized member id, and (when they have a date of birth)
 * by date of birth plus each name key: every last- and first-name token, both joined names, each
 * canonical name of the first given name (nicknames) and the first three letters of both joined
 * names. A claim is compared with the groups under its member id and under its date of birth plus
 * any of its name keys, so a name+dob link needs the date of birth and at least one shared name key.
 */
export class PatientIndex<R> {
  private readonly byMemberId = new Map<string, IdentityGroup<R>[]>();
  private readonly byDobNameKey = new Map<string, IdentityGroup<R>[]>();
  private readonly groups: IdentityGroup<R>[] = [];
  private readonly compareRefs: (a: R, b: R) => number;
  private duplicateGroups: DuplicateGroup<R>[] | null = null;
  readonly size: number;

  constructor(candidates: readonly MatchCandidate<R>[], options: PatientIndexOptions<R> = {}) {
    this.compareRefs = options.compareRefs ?? defaultCompareRefs;
    this.size = candidates.length;
    const byKey = new Map<string, IdentityGroup<R>>();
    for (const candidate of candidates) {
      const identity = prepare(candidate);
      const key = [identity.memberId, identity.last, identity.first, identity.dob, identity.payer].join(
        '\u0000',
      );
      let group = byKey.get(key);
      if (!group) {
        group = { identity, personKey: personKey(identity), refs: [] };
        byKey.set(key, group);
        this.groups.push(group);
      }
      group.refs.push(candidate.ref);
    }
    for (const group of this.groups) {
      group.refs.sort(this.compareRefs);
      const { memberId, dob } = group.identity;
      if (memberId !== '') push(this.byMemberId, memberId, group);
      if (dob !== '') for (const key of dobNameKeys(group.identity)) push(this.byDobNameKey, key, group);
    }
  }

  /** Links a claim's patient to the candidates; see the module comment for the rules. */
  match(patient: PatientIdentity): MatchOutcome<R> {
    const claim = prepare(patient);
    const seen = new Set<IdentityGroup<R>>();
    const evaluations: Evaluation<R>[] = [];
    const visit = (groups: IdentityGroup<R>[] | undefined): void => {
      for (const group of groups ?? []) {
        if (seen.has(group)) continue;
        seen.add(group);
        evaluations.push(evaluate(claim, group));
      }
    };
    if (claim.memberId !== '') visit(this.byMemberId.get(claim.memberId));
    if (claim.dob !== '') for (const key of dobNameKeys(claim)) visit(this.byDobNameKey.get(key));

    const linkedThroughMemberId = evaluations.some(
      (e) =>
        e.memberId === 'same' &&
        e.row !== null &&
        e.row !== 'collision' &&
        e.row !== 'memberIdDobNameDifferent',
    );
    const links: Array<PatientLink<R> & { personKey: string }> = [];
    const collisions: Evaluation<R>[] = [];
    for (const e of evaluations) {
      if (e.row === null) continue;
      if (e.row === 'collision') {
        collisions.push(e);
        continue;
      }
      // Same member id and date of birth, clearly another name, while the claim's patient is linked
      // under that member id: another member of a family sharing the id (twins), not this patient.
      if (e.row === 'memberIdDobNameDifferent' && linkedThroughMemberId) continue;
      for (const ref of e.group.refs)
        links.push({ ref, ...buildLink(claim, e.row, e), personKey: e.group.personKey });
    }
    links.sort((x, y) => y.score - x.score || this.compareRefs(x.ref, y.ref));

    const problems: IdentityProblem<R>[] = [];
    if (links.length === 0) {
      problems.push({
        kind: 'missing-patient',
        reason: 'no record matches the patient by member id, or by name and date of birth',
      });
    }
    const hasMemberIdLink = links.some((l) => l.evidence.memberId === 'same');
    if (collisions.length > 0 && !hasMemberIdLink) {
      const refs = collisions.flatMap((e) => e.group.refs).sort(this.compareRefs);
      const people = new Set(collisions.map((e) => e.group.personKey)).size;
      problems.push({
        kind: 'member-id-collision',
        reason:
          `the member id ${claim.memberId} belongs to ${people === 1 ? 'another person' : `${people} other people`} ` +
          'on file (another name, and not the same date of birth): a family member sharing the id, or the wrong id',
        detail: { memberId: claim.memberId, personCount: people },
        refs,
      });
    }
    if (links.length > 1) {
      const top = links.filter((l) => l.score === links[0]!.score);
      const people = new Set(top.map((l) => l.personKey)).size;
      if (people > 1) {
        problems.push({
          kind: 'ambiguous-match',
          reason: `${people} different people match the patient equally well (score ${links[0]!.score})`,
          detail: { personCount: people, score: links[0]!.score },
          refs: top.map((l) => l.ref),
        });
      }
    }
    return { links: links.map(({ personKey: _personKey, ...link }) => link), problems };
  }

  /**
   * Groups of candidates that look like one person recorded under several member ids: same payer
   * (or both without one), same normalized last and first name (exact after normalization:
   * nickname variants are not grouped), same date of birth, and two or more distinct non-empty
   * normalized member ids. Candidates without a date of birth or a member id are never grouped.
   * Sorted by each group's first ref.
   */
  duplicates(): DuplicateGroup<R>[] {
    if (this.duplicateGroups) return this.duplicateGroups;
    const byPerson = new Map<string, IdentityGroup<R>[]>();
    for (const group of this.groups) {
      const { memberId, last, first, dob, payer } = group.identity;
      if (memberId === '' || dob === '' || last === '' || first === '') continue;
      push(byPerson, [payer, nameKey(last), nameKey(first), dob].join('\u0000'), group);
    }
    const result: DuplicateGroup<R>[] = [];
    for (const groups of byPerson.values()) {
      const memberIds = [...new Set(groups.map((g) => g.identity.memberId))].sort();
      if (memberIds.length < 2) continue;
      const refs = groups.flatMap((g) => g.refs).sort(this.compareRefs);
      result.push({
        kind: 'duplicate-record',
        reason:
          `${refs.length} records share the name and date of birth under ${memberIds.length} ` +
          `different member ids (${memberIds.join(', ')})`,
        detail: { recordCount: refs.length, memberIdCount: memberIds.length },
        refs,
        memberIds,
      });
    }
    result.sort((x, y) => this.compareRefs(x.refs[0]!, y.refs[0]!));
    this.duplicateGroups = result;
    return result;
  }
}

function defaultCompareRefs<R>(a: R, b: R): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function prepare(identity: PatientIdentity): PreparedIdentity {
  const name = prepareName({ last: identity.lastName, first: identity.firstName });
  return {
    memberId: normalizeMemberId(identity.memberId),
    last: name.last.display,
    first: name.first.display,
    lastTokens: name.last.tokens,
    firstTokens: name.first.tokens,
    name,
    dob: normalizeDob(identity.dob),
    payer: normalizePayerId(identity.payerId),
  };
}

/** A joined name without spaces (`GARCIA LOPEZ` → `GARCIALOPEZ`). */
function nameKey(name: string): string {
  return name.replace(/ /g, '');
}

function personKey(identity: PreparedIdentity): string {
  return [identity.memberId, nameKey(identity.last), nameKey(identity.first), identity.dob].join('\u0000');
}

/** The date-of-birth + name keys an identity is indexed and looked up under (see {@link PatientIndex}). */
function dobNameKeys(identity: PreparedIdentity): Set<string> {
  const keys = new Set<string>();
  const { dob } = identity;
  for (const token of identity.lastTokens) keys.add(`${dob}|T|${token}`);
  for (const token of identity.firstTokens) keys.add(`${dob}|T|${token}`);
  for (const joined of [nameKey(identity.last), nameKey(identity.first)]) {
    if (joined === '') continue;
    keys.add(`${dob}|T|${joined}`);
    if (joined.length >= 3) keys.add(`${dob}|P|${joined.slice(0, 3)}`);
  }
  const given = identity.firstTokens[0];
  if (given) for (const canonical of canonicalGivenNames(given)) keys.add(`${dob}|N|${canonical}`);
  return keys;
}

function evaluate<R>(claim: PreparedIdentity, group: IdentityGroup<R>): Evaluation<R> {
  const record = group.identity;
  const memberId =
    claim.memberId !== '' && claim.memberId === record.memberId
      ? { relation: 'same' as const, reason: 'member ids are the same after normalization' }
      : compareMemberIds(claim.memberId, record.memberId);
  const dob = compareDob(claim.dob, record.dob);
  const name = comparePreparedNames(claim.name, record.name);
  const payer: LinkEvidence['payer'] =
    claim.payer === '' || record.payer === ''
      ? 'unknown'
      : claim.payer === record.payer
        ? 'same'
        : 'different';
  const nameFits = name.verdict !== 'different';

  let row: Evaluation<R>['row'] = null;
  if (memberId.relation === 'same') {
    if (dob.relation === 'same') row = nameFits ? 'memberIdDob' : 'memberIdDobNameDifferent';
    else if (!nameFits) row = 'collision';
    else if (isDobTypo(dob.relation)) row = 'memberIdNameDobTypo';
    else if (dob.relation === 'missing') row = 'memberIdNameDobMissing';
    else row = 'memberIdNameDobDifferent';
  } else if (dob.relation === 'same' && nameFits) {
    row = isMemberIdTypo(memberId.relation) ? 'memberIdTypoNameDob' : 'nameDob';
  }
  return {
    group,
    row,
    memberId: memberId.relation,
    memberIdReason: memberId.reason,
    dob: dob.relation,
    dobReason: dob.reason,
    name,
    payer,
  };
}

function buildLink<R>(claim: PreparedIdentity, row: Row, e: Evaluation<R>): Omit<PatientLink<R>, 'ref'> {
  const record = e.group.identity;
  const problems: IdentityProblem[] = [];
  let hundredths = Math.round(LINK_SCORES[row] * 100);

  if (row === 'memberIdTypoNameDob') {
    problems.push({
      kind: 'member-id-typo',
      reason: `the claim's member id looks like a typing slip of the record's: ${e.memberIdReason}`,
      detail: { memberIdRelation: e.memberId, memberId: claim.memberId, recordMemberId: record.memberId },
    });
  } else if (row === 'nameDob') {
    problems.push({
      kind: 'member-id-mismatch',
      reason:
        e.memberId === 'missing'
          ? `name and date of birth match, but ${claim.memberId === '' ? 'the claim' : 'the record'} has no member id`
          : `name and date of birth match, but the claim's member id ${claim.memberId} is not the record's ${record.memberId}`,
      detail: { memberIdRelation: e.memberId, memberId: claim.memberId, recordMemberId: record.memberId },
    });
  }

  if (row === 'memberIdNameDobTypo' || row === 'memberIdNameDobDifferent') {
    problems.push({
      kind: 'dob-mismatch',
      reason: `the claim's date of birth differs from the record's: ${e.dobReason}`,
      detail: { dobRelation: e.dob, dob: claim.dob, recordDob: record.dob },
    });
  } else if (row === 'memberIdNameDobMissing') {
    const side = claim.dob === '' ? (record.dob === '' ? 'both' : 'claim') : 'record';
    problems.push({
      kind: 'dob-missing',
      reason:
        side === 'both'
          ? 'neither the claim nor the record has a date of birth'
          : `the ${side} has no date of birth, so member id and name alone link it`,
      detail: { side },
    });
  }

  if (e.name.method !== 'exact') {
    const nameDetail = { nameMethod: e.name.method, nameScore: e.name.score, nameVerdict: e.name.verdict };
    problems.push({
      kind: 'name-mismatch',
      reason:
        row === 'memberIdDobNameDifferent'
          ? `member id and date of birth match but the name is clearly different, possibly the wrong patient on the account: ${e.name.reason}`
          : `the claim's patient name differs from the record's: ${e.name.reason}`,
      detail: nameDetail,
    });
    if (e.name.verdict === 'similar' && row !== 'memberIdDob')
      hundredths -= Math.round(SIMILAR_NAME_PENALTY * 100);
  }

  if (e.payer === 'different') {
    problems.push({
      kind: 'payer-mismatch',
      reason: `the record is under payer ${record.payer}, the claim under payer ${claim.payer}`,
      detail: { payerId: claim.payer, recordPayerId: record.payer },
    });
    hundredths -= Math.round(PAYER_MISMATCH_PENALTY * 100);
  }

  return {
    method: ROW_METHOD[row],
    score: hundredths / 100,
    confidence: row === 'memberIdDob' && e.payer !== 'different' ? 'match' : 'probable',
    problems,
    evidence: {
      memberId: e.memberId,
      dob: e.dob,
      name: e.name.method,
      nameScore: e.name.score,
      nameVerdict: e.name.verdict,
      payer: e.payer,
    },
  };
}
