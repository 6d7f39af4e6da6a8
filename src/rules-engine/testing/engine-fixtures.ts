/**
 * Test-only helpers for the engine's own specs: a minimal ClaimContext (only what the test facts
 * read) and small facts that count their computations. Not the case builder (context/case-builder.ts).
 */
import type { ClaimContext, DataSource } from '../claim-context.js';
import { defineFact, type FactDefinition, type FactValue } from '../fact.js';
import type { Claim, ServiceLine } from '../../x12/index.js';

export interface TestLine {
  lineNumber?: number;
  code?: string;
  units?: number;
  chargeCents?: number;
}

export interface TestClaim {
  claimType?: Claim['claimType'];
  payerId?: string;
  serviceDate?: string | null;
  totalCents?: number;
  lines?: TestLine[];
  sources?: Partial<Record<DataSource, boolean>>;
}

/** A ClaimContext with a minimal claim; everything the test facts do not read is absent. */
export function testContext(t: TestClaim = {}): ClaimContext {
  const lines = (t.lines ?? [{}]).map(
    (l, i) =>
      ({
        lineNumber: l.lineNumber ?? i + 1,
        procedure: { qualifier: 'HC', code: l.code ?? '99213', modifiers: [], description: '' },
        units: l.units ?? 1,
        charge: l.chargeCents ?? 10000,
      }) as unknown as ServiceLine,
  );
  const claim = {
    claimType: t.claimType ?? 'professional',
    payer: { id: t.payerId ?? 'TESTPAYER', name: 'TEST PAYER' },
    totalCharge: t.totalCents ?? lines.reduce((s, l) => s + l.charge, 0),
    lines,
    serviceDateFrom: t.serviceDate === undefined ? '2026-01-10' : t.serviceDate,
  } as unknown as Claim;
  return {
    claim,
    claimId: 'TEST-1',
    asOf: '2026-01-20',
    sources: { documentation: true, authorizations: true, eligibility: true, contracts: true, ...t.sources },
  } as unknown as ClaimContext;
}

/** Counts how many times each fact was computed. */
export class ComputeCounter {
  readonly counts = new Map<string, number>();
  hit(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }
  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }
  reset(): void {
    this.counts.clear();
  }
}

/** A claim fact from a function, counted. */
export function claimFact(
  name: string,
  type: FactDefinition['type'],
  compute: (ctx: ClaimContext) => FactValue,
  counter?: ComputeCounter,
  source?: DataSource,
): FactDefinition {
  return defineFact({
    name,
    scope: 'claim',
    type,
    description: `test fact ${name}`,
    ...(source === undefined ? {} : { source }),
    compute: (ctx) => {
      counter?.hit(name);
      return compute(ctx);
    },
  });
}

/** A line fact from a function, counted. */
export function lineFact(
  name: string,
  type: FactDefinition['type'],
  compute: (line: ServiceLine, ctx: ClaimContext) => FactValue,
  counter?: ComputeCounter,
  source?: DataSource,
): FactDefinition {
  return defineFact({
    name,
    scope: 'line',
    type,
    description: `test fact ${name}`,
    ...(source === undefined ? {} : { source }),
    compute: (ctx, ref) => {
      counter?.hit(name);
      return compute(ref!.line, ctx);
    },
  });
}

/** The test facts most engine specs use. */
export function standardTestFacts(counter?: ComputeCounter): FactDefinition[] {
  return [
    claimFact('claim.payerId', 'string', (ctx) => ctx.claim.payer.id, counter),
    claimFact('claim.totalChargeCents', 'number', (ctx) => ctx.claim.totalCharge, counter),
    claimFact('claim.serviceDate', 'date', (ctx) => ctx.claim.serviceDateFrom, counter),
    claimFact('claim.lineCount', 'number', (ctx) => ctx.claim.lines.length, counter),
    claimFact('claim.codes', 'string[]', (ctx) => ctx.claim.lines.map((l) => l.procedure!.code), counter),
    claimFact('claim.hasAuthorization', 'boolean', () => false, counter, 'authorizations'),
    claimFact('claim.documented', 'boolean', () => true, counter, 'documentation'),
    lineFact('line.procedureCode', 'string', (l) => l.procedure!.code, counter),
    lineFact('line.units', 'number', (l) => l.units, counter),
    lineFact('line.chargeCents', 'number', (l) => l.charge, counter),
    lineFact('line.authStatus', 'string', () => null, counter, 'authorizations'),
  ];
}

/** A rule as an object, with test defaults (valid unless overridden); JSON is YAML. */
export function testRule(over: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'TEST-RULE',
    version: 1,
    title: 'A test rule',
    category: 'units',
    severity: 'warn',
    prevents: { carc: ['151'] },
    message: 'fired',
    fix: 'fix it',
    tests: [
      { name: 'fires', expect: 'fire' },
      { name: 'passes', expect: 'pass' },
    ],
    ...over,
  };
}

/** A rules: file text from rule objects. */
export function testRuleFile(...rules: Record<string, unknown>[]): string {
  return JSON.stringify({ rules }, null, 1);
}
