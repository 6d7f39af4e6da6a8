/**
 * Duplicate facts: is a service line already billed on an earlier claim of the same patient (same
 * person, date of service, procedure, modifiers and billing provider). `ctx.history` holds the
 * patient's earlier active claims (replaced and voided ones excluded); a history claim that is itself
 * a void is skipped. A replacement (frequency 7) or a void (8) of an earlier claim is never a
 * duplicate of it: it is how a claim is corrected.
 */
import { normalizeName } from '../../patient-matching/identity-normalization.js';
import type { Claim, ServiceLine } from '../../x12/index.js';
import type { ClaimContext, HistoryClaim, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import {
  billingNpi,
  lineDateFrom,
  lineDateTo,
  lineProcedureCode,
  requireLine,
  upperTrimmed,
} from './patient-record-support.js';

/** The person a claim is for: the patient (2000C) when given, else the subscriber. */
function personKey(claim: Claim): string {
  const p = claim.patient ?? claim.subscriber;
  return `${normalizeName(p.lastName)}|${normalizeName(p.firstName)}|${p.birthDate ?? ''}`;
}

function modifierKey(line: ServiceLine): string {
  const mods = line.procedure?.modifiers ?? [];
  if (mods.length === 0) return '';
  if (mods.length === 1) return upperTrimmed(mods[0]!);
  return mods
    .map((m) => m.trim().toUpperCase())
    .sort()
    .join(',');
}

export interface DuplicateMatch {
  history: HistoryClaim;
  line: ServiceLine;
}

/** The earliest earlier claim line the line duplicates, or null. */
export function findDuplicate(ctx: ClaimContext, ref: LineRef): DuplicateMatch | null {
  const claim = ctx.claim;
  if (claim.frequencyCode === '7' || claim.frequencyCode === '8' || ctx.history.length === 0) return null;
  const code = lineProcedureCode(ref.line);
  const from = lineDateFrom(claim, ref.line);
  if (code === '' || from === null) return null;
  const to = lineDateTo(claim, ref.line);
  const mods = modifierKey(ref.line);
  const npi = billingNpi(claim);
  let person: string | null = null;
  for (const h of ctx.history) {
    const other = h.claim;
    if (other.frequencyCode === '8' || billingNpi(other) !== npi) continue;
    for (const line of other.lines) {
      if (lineProcedureCode(line) !== code) continue;
      if (lineDateFrom(other, line) !== from || lineDateTo(other, line) !== to) continue;
      if (modifierKey(line) !== mods) continue;
      person ??= personKey(claim);
      if (personKey(other) !== person) continue;
      return { history: h, line };
    }
  }
  return null;
}

export function explainDuplicate(ctx: ClaimContext, ref: LineRef, match: DuplicateMatch | null): string {
  const code = lineProcedureCode(ref.line);
  const mods = ref.line.procedure?.modifiers ?? [];
  const service = `${code}${mods.length ? `-${mods.join('-')}` : ''} on ${lineDateFrom(ctx.claim, ref.line) ?? '(no date)'}`;
  if (match === null) return `no earlier claim bills ${service} for this patient`;
  const c = match.history.claim;
  return (
    `${service} by billing NPI ${billingNpi(ctx.claim) || '(none)'} is already billed on claim ${match.history.id}` +
    ` (patient control number ${c.patientControlNumber || '(none)'}, line ${match.line.lineNumber}, frequency ${c.frequencyCode || '1'})`
  );
}

export const DUPLICATE_FACTS: readonly FactDefinition[] = [
  defineFact<string>({
    name: 'line.duplicate.claimId',
    scope: 'line',
    type: 'string',
    description:
      "Id of the patient's earlier active claim that already bills this service (same date, procedure, modifiers, billing NPI); '' when none, always '' for a replacement or void.",
    compute: (ctx, ref) => findDuplicate(ctx, requireLine(ref))?.history.id ?? '',
  }),
  defineFact<string>({
    name: 'line.duplicate.explanation',
    scope: 'line',
    type: 'string',
    description: 'Which earlier claim and line already bill the service, for billing staff.',
    compute: (ctx, ref) => {
      const r = requireLine(ref);
      return explainDuplicate(ctx, r, findDuplicate(ctx, r));
    },
  }),
];
