/**
 * Billing-data facts: provider NPIs (present, check digit), the rendering provider of each line,
 * place of service codes, and the member id against the payer's pattern.
 */
import { npiCheckDigitValid } from '../../code-sets/code-formats.js';
import type { Claim, Provider } from '../../x12/index.js';
import type { ClaimContext, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import { EMPTY, lastOf, memoize } from './basic-facts.js';

function npiOf(p: Provider | null | undefined): string {
  return p === null || p === undefined ? '' : p.npi.trim();
}

/** Every provider NPI sent on the claim with its role and loop, billing first. */
function providerNpis(claim: Claim): { label: string; npi: string }[] {
  const out: { label: string; npi: string }[] = [];
  const add = (p: Provider | null, where: string): void => {
    const npi = npiOf(p);
    if (p !== null && npi !== '') out.push({ label: `${p.role} (${where})`, npi });
  };
  add(claim.billingProvider, '2010AA');
  add(claim.payToProvider, '2010AB');
  for (const p of claim.providers)
    if (p !== claim.billingProvider && p !== claim.payToProvider) add(p, '2310');
  for (const l of claim.lines) for (const p of l.providers) add(p, `line ${l.lineNumber}`);
  return out;
}

const invalidNpis = lastOf((ctx: ClaimContext): readonly string[] => {
  let out: string[] | null = null;
  for (const { label, npi } of providerNpis(ctx.claim)) {
    // Fast path: a well-formed NPI with a good check digit needs no sentence.
    const c0 = npi.charCodeAt(0);
    if (npi.length === 10 && (c0 === 49 || c0 === 50) && npiCheckDigitValid(npi)) continue;
    const answer = ctx.codeSets.npi(npi);
    if (answer.status === 'valid') continue;
    out ??= [];
    out.push(`${label}: ${answer.message}`);
  }
  return out ?? EMPTY;
});

/** Per line: the rendering NPI (2420A, else 2310B). */
const lineRendering = lastOf((claim: Claim): readonly string[] => {
  const claimLevel = npiOf(claim.renderingProvider);
  return claim.lines.map((l) => {
    for (const p of l.providers) if (p.role === 'rendering') return npiOf(p);
    return claimLevel;
  });
});

function placeOfServiceStatus(ctx: ClaimContext, code: string): string {
  return code.trim() === '' ? 'missing' : ctx.codeSets.placeOfService(code).status;
}

const claimPosStatus = lastOf((ctx: ClaimContext): string =>
  ctx.claim.claimType === 'institutional'
    ? 'not-applicable'
    : placeOfServiceStatus(ctx, ctx.claim.facilityCode),
);

const linePosStatus = lastOf((ctx: ClaimContext): readonly string[] =>
  ctx.claim.lines.map((l) =>
    ctx.claim.claimType === 'institutional' || l.placeOfService.trim() === ''
      ? 'none'
      : placeOfServiceStatus(ctx, l.placeOfService),
  ),
);

/** The payer's member id pattern as a whole-string expression (compiled once per profile pattern). */
const anchored = memoize(
  (pattern: RegExp): RegExp => new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, '')),
);

/** The pattern as its author wrote it: without the `^(?:...)$` wrapper a loader adds to anchor it. */
const shownPattern = memoize((pattern: RegExp): string => {
  const src = pattern.source;
  return src.startsWith('^(?:') && src.endsWith(')$') ? src.slice(4, -2) : src;
});

export const BILLING_DATA_FACTS: readonly FactDefinition[] = [
  defineFact<string>({
    name: 'claim.billingNpi',
    scope: 'claim',
    type: 'string',
    description: "The billing provider's NPI (2010AA NM109 with NM108 XX), '' when none is sent.",
    compute: (ctx) => npiOf(ctx.claim.billingProvider),
  }),
  defineFact<string>({
    name: 'claim.billingEntityType',
    scope: 'claim',
    type: 'string',
    description:
      "The billing provider's entity type (2010AA NM102): 1 a person, 2 an organization, '' when absent.",
    compute: (ctx) => ctx.claim.billingProvider?.party.entityType ?? '',
  }),
  defineFact<string>({
    name: 'claim.renderingNpi',
    scope: 'claim',
    type: 'string',
    description: "The claim-level rendering provider's NPI (2310B), '' when none is sent.",
    compute: (ctx) => npiOf(ctx.claim.renderingProvider),
  }),
  defineFact<string>({
    name: 'claim.referringNpi',
    scope: 'claim',
    type: 'string',
    description: "The referring provider's NPI (2310A), '' when none is sent.",
    compute: (ctx) => npiOf(ctx.claim.referringProvider),
  }),
  defineFact<readonly string[]>({
    name: 'claim.invalidProviderNpis',
    scope: 'claim',
    type: 'string[]',
    description:
      'Every provider NPI sent on the claim (billing, pay-to, claim-level and line-level providers) that is not 10 digits starting with 1 or 2 or fails the check digit, each with its role, loop and the reason.',
    compute: (ctx) => invalidNpis(ctx),
  }),
  defineFact<string>({
    name: 'line.renderingNpi',
    scope: 'line',
    type: 'string',
    description:
      "The line's rendering provider NPI: the line's own (2420A), else the claim's (2310B), '' when neither is sent.",
    compute: (ctx, line) => lineRendering(ctx.claim)[(line as LineRef).index]!,
  }),
  defineFact<string>({
    name: 'claim.placeOfServiceStatus',
    scope: 'claim',
    type: 'string',
    description:
      "How the claim's place of service (CLM05-1, professional and dental) stands in the CMS place-of-service code set: valid, unknown (not assigned), malformed (not 2 digits), missing; not-applicable on institutional claims.",
    compute: (ctx) => claimPosStatus(ctx),
  }),
  defineFact<string>({
    name: 'line.placeOfService',
    scope: 'line',
    type: 'string',
    description:
      "The line's place of service: its own (SV105, SV303) when sent, else the claim's (CLM05-1); '' on institutional claims.",
    compute: (ctx, line) => {
      if (ctx.claim.claimType === 'institutional') return '';
      const own = (line as LineRef).line.placeOfService;
      return own.trim() !== '' ? own : ctx.claim.facilityCode;
    },
  }),
  defineFact<string>({
    name: 'line.ownPlaceOfServiceStatus',
    scope: 'line',
    type: 'string',
    description:
      "How the line's own place of service (SV105, SV303) stands in the CMS code set: valid, unknown, malformed, or none when the line sends none (it then takes the claim's).",
    compute: (ctx, line) => linePosStatus(ctx)[(line as LineRef).index]!,
  }),
  defineFact<string>({
    name: 'claim.payerMemberIdPattern',
    scope: 'claim',
    type: 'string',
    description:
      "The payer profile's member id pattern (a regular expression over the whole id), '' when the payer has none.",
    compute: (ctx) => (ctx.payer.memberIdPattern === null ? '' : shownPattern(ctx.payer.memberIdPattern)),
  }),
  defineFact<boolean>({
    name: 'claim.memberIdMatchesPayerPattern',
    scope: 'claim',
    type: 'boolean',
    description:
      "Whether the subscriber's member id (trimmed) matches the payer profile's member id pattern as a whole; true when the payer has no pattern.",
    compute: (ctx) => {
      const pattern = ctx.payer.memberIdPattern;
      return pattern === null || anchored(pattern).test(ctx.claim.subscriber.memberId.trim());
    },
  }),
];
