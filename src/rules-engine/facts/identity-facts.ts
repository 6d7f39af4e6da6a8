/**
 * Identity facts: does the patient on the claim (member id, name, date of birth) agree with the
 * payer's roster. Read from patient matching: the problems on the best eligibility link (a link to a
 * span of the claim's payer when there is one), the problems of the eligibility match as a whole
 * (member-id-collision, ambiguous-match, missing-patient) and the roster's duplicate records that
 * involve the patient.
 */
import type { EligibilityRecord } from '../../inputs/input-records.js';
import { normalizePayerId } from '../../patient-matching/identity-normalization.js';
import type { IdentityProblem } from '../../patient-matching/patient-matcher.js';
import type { ClaimContext, Linked } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';

/** The eligibility link identity is judged on: the best-scoring link to a span of the claim's payer, else the best link. */
export function bestEligibilityLink(ctx: ClaimContext): Linked<EligibilityRecord> | null {
  const rawPayer = ctx.claim.payer.id;
  const payer = normalizePayerId(rawPayer);
  let best: Linked<EligibilityRecord> | null = null;
  let bestSamePayer = false;
  for (const l of ctx.coverage) {
    const raw = l.record.payerId;
    const samePayer = raw === rawPayer || normalizePayerId(raw) === payer;
    if (
      best === null ||
      (samePayer && !bestSamePayer) ||
      (samePayer === bestSamePayer && l.score > best.score)
    ) {
      best = l;
      bestSamePayer = samePayer;
    }
  }
  return best;
}

/** Identity problems of the claim against the roster: the best link's, then the match's (missing-patient excluded: eligibility reports it). */
export function identityProblems(ctx: ClaimContext): IdentityProblem[] {
  const out: IdentityProblem[] = [];
  const link = bestEligibilityLink(ctx);
  if (link) for (const p of link.problems) out.push(p);
  for (const p of ctx.identityProblems) {
    if (p.source === 'eligibility' && p.problem.kind !== 'missing-patient') out.push(p.problem);
  }
  return out;
}

function kindsOf(problems: readonly IdentityProblem[]): string[] {
  const out: string[] = [];
  for (const p of problems) if (!out.includes(p.kind)) out.push(p.kind);
  return out;
}

function reasonsOf(problems: readonly IdentityProblem[], kinds: readonly string[] | null): string {
  const out: string[] = [];
  for (const p of problems) if (kinds === null || kinds.includes(p.kind)) out.push(p.reason);
  return out.length ? out.join('; ') : 'no identity problem';
}

const NAME = ['name-mismatch'];
const DOB = ['dob-mismatch', 'dob-missing'];
const MEMBER_ID = ['member-id-typo', 'member-id-mismatch', 'member-id-collision'];

const S = 'eligibility' as const;

export const IDENTITY_FACTS: readonly FactDefinition[] = [
  defineFact<string[]>({
    name: 'claim.identity.problemKinds',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description:
      'Kinds of identity problems between the claim and the roster: name-mismatch, dob-mismatch, dob-missing, member-id-typo, member-id-mismatch, payer-mismatch (best link), member-id-collision, ambiguous-match (match).',
    compute: (ctx) => kindsOf(identityProblems(ctx)),
  }),
  defineFact<string>({
    name: 'claim.identity.explanation',
    scope: 'claim',
    type: 'string',
    source: S,
    description: "Every identity problem's reason (the differing values, for billing staff), joined by `; `.",
    compute: (ctx) => reasonsOf(identityProblems(ctx), null),
  }),
  defineFact<string>({
    name: 'claim.identity.nameExplanation',
    scope: 'claim',
    type: 'string',
    source: S,
    description: 'How the name on the claim differs from the roster (name-mismatch reasons).',
    compute: (ctx) => reasonsOf(identityProblems(ctx), NAME),
  }),
  defineFact<string>({
    name: 'claim.identity.dobExplanation',
    scope: 'claim',
    type: 'string',
    source: S,
    description:
      'How the date of birth on the claim differs from the roster (dob-mismatch, dob-missing reasons).',
    compute: (ctx) => reasonsOf(identityProblems(ctx), DOB),
  }),
  defineFact<string>({
    name: 'claim.identity.memberIdExplanation',
    scope: 'claim',
    type: 'string',
    source: S,
    description:
      'How the member id on the claim differs from the roster (member-id-typo, -mismatch, -collision reasons).',
    compute: (ctx) => reasonsOf(identityProblems(ctx), MEMBER_ID),
  }),
  defineFact<string>({
    name: 'claim.identity.rosterMemberId',
    scope: 'claim',
    type: 'string',
    source: S,
    description: "The member id of the roster record the claim's patient is linked to; '' when none.",
    compute: (ctx) => bestEligibilityLink(ctx)?.record.memberId ?? '',
  }),
  defineFact<number>({
    name: 'claim.identity.duplicateRecordCount',
    scope: 'claim',
    type: 'number',
    source: S,
    description:
      'Roster duplicate-record groups (one person under several member ids) that involve the patient.',
    compute: (ctx) => ctx.duplicateRecords.length,
  }),
  defineFact<string>({
    name: 'claim.identity.duplicateRecordExplanation',
    scope: 'claim',
    type: 'string',
    source: S,
    description: 'The duplicate-record groups involving the patient, with their member ids.',
    compute: (ctx) =>
      ctx.duplicateRecords.length === 0
        ? 'no duplicate records'
        : ctx.duplicateRecords.map((p) => p.reason).join('; '),
  }),
];
