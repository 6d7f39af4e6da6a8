/**
 * `npm run bench:rules`: 200,000 synthetic claims with their context through the full standard rule
 * pack, on one core (one Node thread), against json-rules-engine evaluating an equivalent subset of
 * 20 rules (the same conditions, the same fact functions, the same operator semantics) on the same
 * claims, in the same run. Prints claims per second, the ratio, and whether both engines agree.
 *
 * Options: --claims N (default 200000), --members N (default 50000), --peer-claims N (claims given
 * to json-rules-engine, default 5000: it is far slower; its rate is per claim all the same).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Engine, type RuleProperties } from 'json-rules-engine';
import { AnalysisSession, loadRuleEnvironment } from '../../src/rules-engine/context/context-builder.js';
import { ALL_FACTS } from '../../src/rules-engine/facts/index.js';
import type { ClaimContext, LineRef } from '../../src/rules-engine/claim-context.js';
import type { FactValue } from '../../src/rules-engine/fact.js';
import { loadRuleSet } from '../../src/rules-engine/index.js';
import {
  binaryTest,
  OPERATOR_NAMES,
  unaryTest,
  type OperatorName,
} from '../../src/rules-engine/operators.js';
import type { Condition, RuleDefinition } from '../../src/rules-engine/rule-schema.js';
import { syntheticSet } from './synthetic-claims.js';

const { values } = parseArgs({
  options: {
    claims: { type: 'string', default: '200000' },
    members: { type: 'string', default: '50000' },
    'peer-claims': { type: 'string', default: '5000' },
  },
});
const CLAIMS = Number(values.claims);
const MEMBERS = Number(values.members);
const PEER_CLAIMS = Math.min(Number(values['peer-claims']), CLAIMS, 10_000);
const rulesDir = join(process.cwd(), 'rules');

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(
  `node ${process.version}, ${CLAIMS.toLocaleString('en-US')} claims over ${MEMBERS.toLocaleString('en-US')} members`,
);

let t0 = process.hrtime.bigint();
const ruleSet = loadRuleSet(rulesDir, ALL_FACTS);
const env = loadRuleEnvironment(rulesDir, { operatorTablesDir: null });
console.log(
  `rules: ${ruleSet.rules.length} rules loaded and compiled, environment loaded in ${ms(t0).toFixed(0)} ms`,
);

t0 = process.hrtime.bigint();
const set = syntheticSet(CLAIMS, MEMBERS);
console.log(
  `data: generated in ${ms(t0).toFixed(0)} ms (${set.records.eligibility.length} coverage spans, ` +
    `${set.records.documentation.length} notes, ${set.records.authorizations.length} authorizations)`,
);

const session = new AnalysisSession({ claims: set.claims, records: set.records, ...env });

// ---- claimguard: the full pack ------------------------------------------------------------------
/**
 * Contexts are built (not timed) and evaluated (timed) a batch at a time, so memory stays that of
 * one batch of contexts whatever the claim count; each batch is evaluated three times and the three
 * runs are summed over the batches.
 */
const BATCH = 10_000;
function runClaimguard(contexts: readonly ClaimContext[]): {
  findings: number;
  perRule: Map<string, number>;
} {
  let findings = 0;
  const perRule = new Map<string, number>();
  for (const ctx of contexts) {
    const result = ruleSet.evaluate(ctx);
    findings += result.findings.length;
    for (const f of result.findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  }
  return { findings, perRule };
}
let buildMs = 0;
const runs = [0, 0, 0];
const full = { findings: 0, perRule: new Map<string, number>() };
let peerContexts: ClaimContext[] = [];
for (let from = 0; from < CLAIMS; from += BATCH) {
  t0 = process.hrtime.bigint();
  const contexts = set.claims.slice(from, from + BATCH).map((c) => session.contextFor(c.id));
  buildMs += ms(t0);
  if (from === 0) {
    runClaimguard(contexts); // warm-up: JIT
    peerContexts = contexts.slice(0, PEER_CLAIMS);
  }
  for (let k = 0; k < 3; k++) {
    t0 = process.hrtime.bigint();
    const r = runClaimguard(contexts);
    runs[k]! += ms(t0);
    if (k === 0) {
      full.findings += r.findings;
      for (const [id, n] of r.perRule) full.perRule.set(id, (full.perRule.get(id) ?? 0) + n);
    }
  }
}
console.log(
  `contexts: ${fmt((CLAIMS / buildMs) * 1000)} claims/s (patient matching, history; not timed below), ${buildMs.toFixed(0)} ms`,
);
const sorted = [...runs].sort((a, b) => a - b);
const cgRate = (CLAIMS / sorted[1]!) * 1000;
console.log(
  `claimguard: ${fmt(cgRate)} claims/s with ${ruleSet.rules.length} rules (median of 3 runs: ` +
    `${runs.map((r) => r.toFixed(0)).join(', ')} ms), ${fmt(full.findings)} findings ` +
    `(${fmt((full.findings / CLAIMS) * 1000)} per 1,000 claims)`,
);

const top = [...full.perRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
console.log(`  most frequent: ${top.map(([id, n]) => `${id} ${n}`).join(', ')}`);

// ---- json-rules-engine: 20 rules, same conditions, facts and operator semantics ------------------
const facts = new Map(ALL_FACTS.map((f) => [f.name, f]));
// The 20 rules: the first by id whose conditions JRE can express (all of them can), claim and line alike.
const subset = [...ruleSet.rules].sort((a, b) => a.definition.id.localeCompare(b.definition.id)).slice(0, 20);

const opCache = new Map<string, (a: FactValue, b: unknown) => boolean>();
function operatorFn(op: OperatorName, withFactRef: boolean): (a: FactValue, b: unknown) => boolean {
  const key = `${op}:${withFactRef}`;
  let fn = opCache.get(key);
  if (!fn) {
    if (withFactRef) {
      const t = binaryTest(op);
      fn = (a, b) => t(a, b as FactValue);
    } else {
      const prepared = new Map<string, ReturnType<typeof unaryTest>>();
      fn = (a, b) => {
        const k = JSON.stringify(b ?? null);
        let t = prepared.get(k);
        if (!t) {
          t = unaryTest(op, b);
          prepared.set(k, t);
        }
        return t(a);
      };
    }
    opCache.set(key, fn);
  }
  return fn;
}

type JreCondition = Record<string, unknown>;
function toJre(c: Condition): JreCondition {
  if ('all' in c) return { all: c.all.map(toJre) };
  if ('any' in c) return { any: c.any.map(toJre) };
  if ('not' in c) return { not: toJre(c.not) };
  const ref = typeof c.value === 'object' && c.value !== null && 'fact' in (c.value as object);
  return {
    fact: c.fact,
    operator: `cg:${c.operator}${ref ? ':ref' : ''}`,
    value: c.value === undefined ? null : ref ? { fact: (c.value as { fact: string }).fact } : c.value,
  };
}

function jreRule(def: RuleDefinition): RuleProperties {
  const root = toJre(def.when);
  // JRE wants all/any/not at the root: a single condition is wrapped.
  const conditions = 'fact' in root ? { all: [root] } : root;
  return { name: def.id, conditions: conditions as never, event: { type: def.id } };
}

const claimEngine = new Engine([], { allowUndefinedFacts: false });
const lineEngine = new Engine([], { allowUndefinedFacts: false });
for (const engine of [claimEngine, lineEngine]) {
  for (const op of OPERATOR_NAMES) {
    engine.addOperator(`cg:${op}`, operatorFn(op, false) as never);
    if (binaryCapable(op)) engine.addOperator(`cg:${op}:ref`, operatorFn(op, true) as never);
  }
  for (const f of facts.values()) {
    engine.addFact(f.name, (_params, almanac) =>
      Promise.all([almanac.factValue<ClaimContext>('ctx'), almanac.factValue<LineRef | null>('line')]).then(
        ([ctx, line]) => f.compute(ctx, line),
      ),
    );
  }
}
function binaryCapable(op: OperatorName): boolean {
  try {
    binaryTest(op);
    return true;
  } catch {
    return false;
  }
}
// Scope and sources are checked by claimguard before the condition; the peer checks them the same
// way (plain code around the engine), so only condition evaluation differs.
const subsetIds = new Set(subset.map((r) => r.definition.id));
for (const r of subset)
  (r.definition.level === 'line' ? lineEngine : claimEngine).addRule(jreRule(r.definition));

async function runJre(count: number): Promise<Map<string, number>> {
  const perRule = new Map<string, number>();
  const count1 = (id: string) => perRule.set(id, (perRule.get(id) ?? 0) + 1);
  for (let i = 0; i < count; i++) {
    const ctx = peerContexts[i]!;
    const applicable = (id: string) => {
      const o = ruleSet.evaluateRule(id, ctx);
      return o.status !== 'out-of-scope' && o.status !== 'not-checked';
    };
    const claimResult = await claimEngine.run({ ctx, line: null });
    for (const e of claimResult.events) if (applicable(e.type)) count1(e.type);
    for (let l = 0; l < ctx.claim.lines.length; l++) {
      const res = await lineEngine.run({ ctx, line: { line: ctx.claim.lines[l]!, index: l } });
      for (const e of res.events) if (applicable(e.type)) count1(e.type);
    }
  }
  return perRule;
}

await runJre(Math.min(500, PEER_CLAIMS)); // warm-up
t0 = process.hrtime.bigint();
const jrePerRule = await runJre(PEER_CLAIMS);
const jreMs = ms(t0);
const jreRate = (PEER_CLAIMS / jreMs) * 1000;
console.log(
  `json-rules-engine: ${fmt(jreRate)} claims/s with ${subset.length} rules (${PEER_CLAIMS} claims, ${jreMs.toFixed(0)} ms)`,
);

// Agreement on the peer's claims: claimguard's findings of the same 20 rules.
const cgSubset = runClaimguard(peerContexts).perRule;
let agree = true;
for (const id of subsetIds) {
  const a = cgSubset.get(id) ?? 0;
  const b = jrePerRule.get(id) ?? 0;
  if (a !== b) {
    agree = false;
    console.log(`  disagreement on ${id}: claimguard ${a}, json-rules-engine ${b}`);
  }
}
console.log(`agreement on the 20 rules over ${PEER_CLAIMS} claims: ${agree ? 'yes' : 'NO'}`);
console.log(
  `ratio: claimguard (${ruleSet.rules.length} rules) is ${(cgRate / jreRate).toFixed(0)}x json-rules-engine (20 rules) ` +
    `in claims/s; target >= 100,000 claims/s and >= 100x: ${cgRate >= 100_000 && cgRate / jreRate >= 100 ? 'met' : 'NOT met'}`,
);
