/**
 * Compiles a rule's condition tree, scope and message once into plain closures over an Evaluation
 * (the claim being checked, the current line, the fact memo and, only while a finding is being made,
 * the evidence being recorded). Facts are computed lazily, at most once per claim (claim facts) or
 * per line (line facts) within one evaluation, whatever the number of rules reading them.
 */
import type { ClaimContext, LineRef } from './claim-context.js';
import type { FactDefinition, FactValue } from './fact.js';
import { binaryTest, isFactRef, unaryTest, type OperatorName } from './operators.js';
import type { Condition, RuleScope } from './rule-schema.js';

/** A fact's compute threw: the rule reading it does not fire and the evaluation reports an error. */
export class FactEvaluationError extends Error {
  constructor(
    readonly fact: string,
    /** LX line number for a line fact, null for a claim fact. */
    readonly line: number | null,
    readonly thrown: unknown,
  ) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    super(`fact ${fact}${line === null ? '' : ` (line ${line})`} failed: ${reason}`);
    this.name = 'FactEvaluationError';
  }
}

/** A memoized failure (a fact that threw is not computed again in the same evaluation). */
class FactFailure {
  constructor(readonly error: FactEvaluationError) {}
}

/**
 * The state of one claim's evaluation, reused from claim to claim by its rule set (generation stamps
 * instead of clearing the memo). Not re-entrant: one evaluation at a time per rule set.
 */
export class Evaluation {
  ctx: ClaimContext = null as unknown as ClaimContext;
  /** The line a line rule is looking at; null for claim rules. */
  line: LineRef | null = null;
  /** Evidence being recorded (only while making a finding); null otherwise. */
  evidence: Record<string, FactValue> | null = null;

  private gen = 0;
  private lineIndex = -1;
  private readonly claimStamp: Int32Array;
  private readonly claimValues: unknown[];
  private lineStamp: Int32Array;
  private lineValues: unknown[];
  private lineCapacity = 0;
  private lineRefs: LineRef[] = [];
  private lineRefStamp: Int32Array = new Int32Array(0);

  constructor(
    private readonly claimFacts: readonly FactDefinition[],
    private readonly lineFacts: readonly FactDefinition[],
  ) {
    this.claimStamp = new Int32Array(claimFacts.length);
    this.claimValues = new Array<unknown>(claimFacts.length).fill(null);
    this.lineStamp = new Int32Array(0);
    this.lineValues = [];
  }

  /** Starts the evaluation of one claim. */
  begin(ctx: ClaimContext): void {
    if (this.gen === 0x7fffffff) this.reset();
    this.gen++;
    this.ctx = ctx;
    this.line = null;
    this.lineIndex = -1;
    const lines = ctx.claim.lines.length;
    if (lines > this.lineCapacity) this.grow(lines);
  }

  /** Drops the references to the claim (so that a rule set does not keep the last claim alive). */
  end(): void {
    this.ctx = null as unknown as ClaimContext;
    this.line = null;
    this.evidence = null;
  }

  /** Looks at the line with this 0-based index (line rules), or at the claim (-1). */
  setLine(index: number): void {
    this.lineIndex = index;
    if (index < 0) {
      this.line = null;
      return;
    }
    if (this.lineRefStamp[index] !== this.gen) {
      this.lineRefs[index] = { line: this.ctx.claim.lines[index]!, index };
      this.lineRefStamp[index] = this.gen;
    }
    this.line = this.lineRefs[index]!;
  }

  /** The value of the claim fact with this index (computed once per evaluation). */
  claimFact(i: number): FactValue {
    const v = this.claimStamp[i] === this.gen ? this.claimValues[i] : this.computeClaimFact(i);
    if (v instanceof FactFailure) throw v.error;
    if (this.evidence !== null) this.evidence[this.claimFacts[i]!.name] = v as FactValue;
    return v as FactValue;
  }

  /** The value of the line fact with this index for the current line (computed once per line). */
  lineFact(i: number): FactValue {
    const slot = this.lineIndex * this.lineFacts.length + i;
    const v = this.lineStamp[slot] === this.gen ? this.lineValues[slot] : this.computeLineFact(i, slot);
    if (v instanceof FactFailure) throw v.error;
    if (this.evidence !== null) this.evidence[this.lineFacts[i]!.name] = v as FactValue;
    return v as FactValue;
  }

  // The computations stay out of claimFact/lineFact (no try/catch there): those are called for every
  // condition of every rule, and small enough to be inlined into the compiled predicates.
  private computeClaimFact(i: number): unknown {
    const def = this.claimFacts[i]!;
    let v: unknown;
    try {
      v = def.compute(this.ctx, null) ?? null;
    } catch (err) {
      v = new FactFailure(new FactEvaluationError(def.name, null, err));
    }
    this.claimValues[i] = v;
    this.claimStamp[i] = this.gen;
    return v;
  }

  private computeLineFact(i: number, slot: number): unknown {
    const def = this.lineFacts[i]!;
    const line = this.line!;
    let v: unknown;
    try {
      v = def.compute(this.ctx, line) ?? null;
    } catch (err) {
      v = new FactFailure(new FactEvaluationError(def.name, line.line.lineNumber, err));
    }
    this.lineValues[slot] = v;
    this.lineStamp[slot] = this.gen;
    return v;
  }

  private grow(lines: number): void {
    const capacity = Math.max(lines, this.lineCapacity * 2, 8);
    const stamp = new Int32Array(capacity * this.lineFacts.length);
    stamp.set(this.lineStamp);
    this.lineStamp = stamp;
    this.lineValues.length = stamp.length;
    const refStamp = new Int32Array(capacity);
    refStamp.set(this.lineRefStamp);
    this.lineRefStamp = refStamp;
    this.lineCapacity = capacity;
  }

  private reset(): void {
    this.gen = 0;
    this.claimStamp.fill(0);
    this.lineStamp.fill(0);
    this.lineRefStamp.fill(0);
  }
}

export type Predicate = (ev: Evaluation) => boolean;
export type FactReader = (ev: Evaluation) => FactValue;

/** Numbers every fact a rule set reads (claim and line facts apart) and hands out their readers. */
export class FactSlots {
  readonly claimFacts: FactDefinition[] = [];
  readonly lineFacts: FactDefinition[] = [];
  private readonly readers = new Map<string, FactReader>();
  private readonly slots = new Map<string, { scope: 'claim' | 'line'; index: number }>();

  constructor(private readonly registry: ReadonlyMap<string, FactDefinition>) {}

  /** The scope and memo index of a fact (numbered on first use; the loader has checked that it exists). */
  slot(name: string): { scope: 'claim' | 'line'; index: number } {
    let s = this.slots.get(name);
    if (s === undefined) {
      const def = this.registry.get(name);
      if (def === undefined) throw new Error(`unknown fact ${name}`);
      s =
        def.scope === 'claim'
          ? { scope: 'claim', index: this.claimFacts.push(def) - 1 }
          : { scope: 'line', index: this.lineFacts.push(def) - 1 };
      this.slots.set(name, s);
    }
    return s;
  }

  /** The reader of a fact. */
  reader(name: string): FactReader {
    let r = this.readers.get(name);
    if (r === undefined) {
      const { scope, index: i } = this.slot(name);
      r = scope === 'claim' ? (ev) => ev.claimFact(i) : (ev) => ev.lineFact(i);
      this.readers.set(name, r);
    }
    return r;
  }

  get names(): string[] {
    return [...this.slots.keys()].sort();
  }
}

/** Compiles a condition tree (checked by the loader) into one predicate; all/any short-circuit. */
export function compileCondition(c: Condition, slots: FactSlots): Predicate {
  if ('all' in c) {
    const parts = c.all.map((x) => compileCondition(x, slots));
    if (parts.length === 1) return parts[0]!;
    if (parts.length === 2) {
      const [a, b] = parts as [Predicate, Predicate];
      return (ev) => a(ev) && b(ev);
    }
    return (ev) => {
      for (let i = 0; i < parts.length; i++) if (!parts[i]!(ev)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compileCondition(x, slots));
    if (parts.length === 1) return parts[0]!;
    if (parts.length === 2) {
      const [a, b] = parts as [Predicate, Predicate];
      return (ev) => a(ev) || b(ev);
    }
    return (ev) => {
      for (let i = 0; i < parts.length; i++) if (parts[i]!(ev)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not, slots);
    return (ev) => !inner(ev);
  }
  const read = slots.reader(c.fact);
  const op = c.operator as OperatorName;
  if (isFactRef(c.value)) {
    const other = slots.reader(c.value.fact);
    const test = binaryTest(op);
    return (ev) => test(read(ev), other(ev));
  }
  const test = unaryTest(op, c.value);
  // The common leaf reads its fact's memo slot directly (one call less per condition).
  const { scope, index } = slots.slot(c.fact);
  return scope === 'claim' ? (ev) => test(ev.claimFact(index)) : (ev) => test(ev.lineFact(index));
}

/** Every fact a condition reads (also the ones a short-circuit may skip), in order of appearance. */
export function conditionFacts(c: Condition, out: string[] = []): string[] {
  if ('all' in c) for (const x of c.all) conditionFacts(x, out);
  else if ('any' in c) for (const x of c.any) conditionFacts(x, out);
  else if ('not' in c) conditionFacts(c.not, out);
  else {
    out.push(c.fact);
    if (isFactRef(c.value)) out.push(c.value.fact);
  }
  return out;
}

/**
 * Compiles a rule's scope: claim type, payer id (2010BB NM109) and effective dates against the
 * claim's first date of service. A claim with no date of service is in scope of any dates.
 * Null when the rule applies to every claim.
 */
export function compileScope(scope: RuleScope | undefined): ((ctx: ClaimContext) => boolean) | null {
  if (scope === undefined) return null;
  const tests: ((ctx: ClaimContext) => boolean)[] = [];
  if (scope.claimTypes !== undefined) {
    const types = new Set<string>(scope.claimTypes);
    if (types.size < 3) tests.push((ctx) => types.has(ctx.claim.claimType));
  }
  if (scope.payers !== undefined) {
    const payers = new Set(scope.payers);
    tests.push((ctx) => payers.has(ctx.claim.payer.id));
  }
  const from = scope.effective?.from ?? null;
  const to = scope.effective?.to ?? null;
  if (from !== null || to !== null) {
    tests.push((ctx) => {
      const date = ctx.claim.serviceDateFrom;
      if (date === null) return true;
      return (from === null || date >= from) && (to === null || date <= to);
    });
  }
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (ctx) => {
    for (const t of tests) if (!t(ctx)) return false;
    return true;
  };
}
