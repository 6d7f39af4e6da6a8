/**
 * Fuzz campaign on the X12 parser: mutated fixtures and corpus files (bench/fuzz/x12-mutators.ts) checked
 * by the oracle (bench/fuzz/x12-oracle.ts). Every input must end in items with positioned issues or in a
 * typed, positioned X12ParseError, within the time bound, without the heap growing.
 *
 * tsc -p tsconfig.bench.json && node --expose-gc dist-bench/bench/fuzz/x12-fuzz.js
 *     [--inputs N (default 1,000,000)] [--seed S] [--chunked-every K (default 8)] [--only I]
 *
 * The campaign runs in a worker thread; the main thread is a watchdog that ends it when one input takes
 * longer than HARD_HANG_MS (a real hang cannot be timed from inside) and rebuilds that input from its
 * index. Failing inputs are written to bench/out/fuzz/ with their mutation trail (`--only I` replays one).
 * Exits 1 on any crash, hang or memory growth beyond the bound.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { chunkSizesFor } from './x12-chunks.js';
import { type FuzzSeed, loadSeeds, mutateInput } from './x12-mutators.js';
import { checkInput, type FuzzOutcome } from './x12-oracle.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** dist-bench/bench/fuzz → repository root. */
const ROOT = resolve(HERE, '../../..');
const OUT_DIR = join(ROOT, 'bench', 'out', 'fuzz');
const FIXTURES = join(ROOT, 'fixtures', 'x12');
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus', 'x12');

/** An input slower than this is a hang (inputs are at most 1 MiB). */
const HANG_MS = 2_000;
/** The watchdog ends the campaign when one input has run this long (an endless loop never returns). */
const HARD_HANG_MS = 30_000;
/** Heap sampled after a forced GC every this many inputs. */
const HEAP_EVERY = 10_000;
/** Retained heap may grow this much over the campaign (first sample to last, and to the highest). */
const HEAP_GROWTH_LIMIT_MB = 64;

interface Options {
  inputs: number;
  seed: number;
  chunkedEvery: number;
  only: number | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { inputs: 1_000_000, seed: 20261127, chunkedEvery: 8, only: null };
  for (let i = 0; i < argv.length; i++) {
    const v = Number(argv[i + 1]);
    if (argv[i] === '--inputs') o.inputs = v;
    else if (argv[i] === '--seed') o.seed = v;
    else if (argv[i] === '--chunked-every') o.chunkedEvery = v;
    else if (argv[i] === '--only') o.only = v;
    else continue;
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${argv[i]} needs a non-negative integer`);
    i++;
  }
  return o;
}

interface Stats {
  tried: number;
  outcomes: Record<FuzzOutcome, number>;
  chunkedRuns: number;
  crashes: number;
  hangs: number;
  slowestMs: number;
  slowestIndex: number;
  slowestBytes: number;
  bytes: number;
  heapMb: number[];
}

type ToMain =
  | { type: 'failure'; index: number; kind: 'crash' | 'hang'; failures: string[] }
  | { type: 'done'; stats: Stats };

function writeFailure(
  seeds: FuzzSeed[],
  o: Options,
  index: number,
  kind: string,
  failures: string[],
): string {
  mkdirSync(OUT_DIR, { recursive: true });
  const input = mutateInput(seeds, o.seed, index);
  const base = join(OUT_DIR, `${kind}-seed${o.seed}-input${index}`);
  writeFileSync(`${base}.x12`, input.bytes);
  writeFileSync(
    `${base}.txt`,
    [
      `replay: node --expose-gc dist-bench/bench/fuzz/x12-fuzz.js --seed ${o.seed} --only ${index}`,
      `chunk sizes: ${chunkSizesFor(o.seed, index, o.chunkedEvery).join(',') || '(whole input only)'}`,
      'trail:',
      ...input.trail.map((t) => `  ${t}`),
      'failures:',
      ...failures.map((f) => `  ${f}`),
      '',
    ].join('\n'),
  );
  return base;
}

const mb = (n: number): number => Math.round((n / 1024 / 1024) * 10) / 10;

function heapNow(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

/** The campaign itself (worker thread). `progress[0]` is the index being parsed, for the watchdog. */
async function campaign(o: Options, progress: Int32Array, post: (m: ToMain) => void): Promise<void> {
  const seeds = loadSeeds(FIXTURES, CORPUS);
  const stats: Stats = {
    tried: 0,
    outcomes: { parsed: 0, 'parsed-with-issues': 0, 'parse-error': 0 },
    chunkedRuns: 0,
    crashes: 0,
    hangs: 0,
    slowestMs: 0,
    slowestIndex: -1,
    slowestBytes: 0,
    bytes: 0,
    heapMb: [],
  };
  const unhandled: unknown[] = [];
  process.on('unhandledRejection', (err) => unhandled.push(err));
  const first = o.only ?? 0;
  const last = o.only === null ? o.inputs : o.only + 1;
  stats.heapMb.push(mb(heapNow()));
  for (let i = first; i < last; i++) {
    Atomics.store(progress, 0, i);
    Atomics.store(progress, 1, 1);
    const input = mutateInput(seeds, o.seed, i);
    const sizes = chunkSizesFor(o.seed, i, o.chunkedEvery);
    const r = await checkInput(input.bytes, sizes);
    Atomics.store(progress, 1, 0);
    stats.tried++;
    stats.bytes += input.bytes.length;
    stats.outcomes[r.outcome]++;
    if (sizes.length) stats.chunkedRuns++;
    const ms = Math.max(r.ms, r.chunkedMs);
    if (ms > stats.slowestMs) {
      stats.slowestMs = ms;
      stats.slowestIndex = i;
      stats.slowestBytes = input.bytes.length;
    }
    if (unhandled.length)
      r.failures.push(...unhandled.splice(0).map((e) => `unhandled rejection: ${String(e)}`));
    if (r.failures.length) {
      stats.crashes++;
      post({ type: 'failure', index: i, kind: 'crash', failures: r.failures });
    } else if (ms > HANG_MS) {
      stats.hangs++;
      post({
        type: 'failure',
        index: i,
        kind: 'hang',
        failures: [`took ${ms.toFixed(0)} ms (bound ${HANG_MS} ms)`],
      });
    }
    if ((i + 1) % HEAP_EVERY === 0) stats.heapMb.push(mb(heapNow()));
  }
  stats.heapMb.push(mb(heapNow()));
  post({ type: 'done', stats });
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const seeds = loadSeeds(FIXTURES, CORPUS);
  const fixtures = seeds.filter((s) => s.origin === 'fixture').length;
  const corpus = seeds.length - fixtures;
  console.log(
    `X12 fuzz campaign: seed ${o.seed}, ${o.only === null ? `${o.inputs} inputs` : `input ${o.only} only`}`,
  );
  console.log(
    `seeds: ${fixtures} fixtures, ${corpus} corpus files${corpus ? '' : ` (${CORPUS} not found: fixtures only)`}`,
  );
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
    console.log('note: run with node --expose-gc for exact heap figures');
  const progress = new Int32Array(new SharedArrayBuffer(8));
  const started = Date.now();
  const worker = new Worker(fileURLToPath(import.meta.url), {
    workerData: { o, progress },
    execArgv: [],
  });
  let failed = false;
  let stats: Stats | null = null;
  let lastIndex = -1;
  let lastChange = Date.now();
  const reported: string[] = [];
  const watchdog = setInterval(() => {
    const i = Atomics.load(progress, 0);
    const busy = Atomics.load(progress, 1) === 1;
    if (i !== lastIndex || !busy) {
      lastIndex = i;
      lastChange = Date.now();
      return;
    }
    if (Date.now() - lastChange > HARD_HANG_MS) {
      failed = true;
      const base = writeFailure(seeds, o, i, 'hang', [
        `no result after ${HARD_HANG_MS} ms: campaign stopped`,
      ]);
      console.log(`HANG: input ${i} ran over ${HARD_HANG_MS} ms; written to ${base}.x12`);
      void worker.terminate();
    }
  }, 1_000);
  const ticker = setInterval(() => {
    const s = (Date.now() - started) / 1000;
    const i = Atomics.load(progress, 0);
    console.log(`  ... ${i} inputs, ${s.toFixed(0)} s, ${(i / s).toFixed(0)} inputs/s`);
  }, 60_000);
  worker.on('message', (m: ToMain) => {
    if (m.type === 'done') stats = m.stats;
    else {
      failed = true;
      const base = writeFailure(seeds, o, m.index, m.kind, m.failures);
      if (reported.length < 20)
        console.log(
          `${m.kind.toUpperCase()}: input ${m.index}: ${m.failures[0]?.split('\n')[0]} (${base}.x12)`,
        );
      reported.push(base);
    }
  });
  await new Promise<void>((done) => {
    worker.on('error', (err) => {
      failed = true;
      console.log(`worker died: ${err.stack ?? String(err)}`);
      done();
    });
    worker.on('exit', () => done());
  });
  clearInterval(watchdog);
  clearInterval(ticker);
  const seconds = (Date.now() - started) / 1000;
  const s = stats as Stats | null;
  if (!s) {
    console.log('campaign did not finish');
    process.exitCode = 1;
    return;
  }
  const heap = s.heapMb;
  const heapStart = heap[0]!;
  const heapEnd = heap[heap.length - 1]!;
  const heapMax = Math.max(...heap);
  const heapFailed =
    heapEnd - heapStart > HEAP_GROWTH_LIMIT_MB || heapMax - heapStart > HEAP_GROWTH_LIMIT_MB * 2;
  console.log(
    `inputs tried:         ${s.tried} (${mb(s.bytes)} MiB), ${s.chunkedRuns} also parsed in random chunks`,
  );
  console.log(
    `outcomes:             ${s.outcomes.parsed} parsed, ${s.outcomes['parsed-with-issues']} parsed with issues, ${s.outcomes['parse-error']} X12ParseError`,
  );
  console.log(`crashes:              ${s.crashes}`);
  console.log(`hangs (> ${HANG_MS} ms):     ${s.hangs}`);
  console.log(
    `slowest input:        ${s.slowestMs.toFixed(1)} ms (input ${s.slowestIndex}, ${s.slowestBytes} bytes)`,
  );
  console.log(
    `throughput:           ${(s.tried / seconds).toFixed(0)} inputs/s over ${seconds.toFixed(0)} s`,
  );
  console.log(
    `heap after GC:        start ${heapStart} MB, end ${heapEnd} MB, max ${heapMax} MB (${heap.length} samples; bound +${HEAP_GROWTH_LIMIT_MB} MB)`,
  );
  if (heapFailed) console.log('MEMORY: retained heap grew beyond the bound');
  if (reported.length) console.log(`failing inputs written: ${reported.length} under ${OUT_DIR}`);
  process.exitCode = failed || heapFailed || s.crashes || s.hangs ? 1 : 0;
  console.log(process.exitCode ? 'FAILED' : 'OK');
}

if (isMainThread) {
  await main();
} else {
  const { o, progress } = workerData as { o: Options; progress: Int32Array };
  await campaign(o, progress, (m) => parentPort!.postMessage(m));
}
