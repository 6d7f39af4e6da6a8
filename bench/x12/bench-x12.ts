/**
 * X12 streaming benchmark: claimguard (X12Reader push API and parseX12Stream iterator) against the npm
 * x12-parser and node-x12 streaming parsers, on synthetic 837P and 835 files (see generate-x12.ts).
 * Every parse runs in its own forked process (bench-worker.ts) so peak RSS is per parser.
 *
 * npm run bench:x12 [-- --quick | --size-mb N | --gb1] [--runs N] [--seed N] [--min-claims N]
 *                      [--parsers claimguard,claimguard-iter,x12-parser,node-x12]
 *
 * Exits 1 when claimguard reports a different number of claims / claim payments than were generated.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PARSERS, type ParserName, type WorkerResult } from './bench-worker.js';
import { GENERATOR_VERSION, generateX12, type GenerateResult, type X12Kind } from './generate-x12.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** dist-bench/bench/x12 → repository root. */
const ROOT = resolve(HERE, '../../..');
const OUT_DIR = join(ROOT, 'bench', 'out');
const WORKER = join(HERE, 'bench-worker.js');
const MIB = 1024 * 1024;

interface FileSpec {
  label: '837P' | '835';
  kind: X12Kind;
  path: string;
  targetMb: number;
  minRecords: number;
}

interface Config {
  mode: 'default' | 'quick' | 'size' | 'gb1';
  seed: number;
  runs: number;
  parsers: ParserName[];
  files: FileSpec[];
}

interface SummaryRow {
  parser: ParserName;
  file: FileSpec['label'];
  mib: number;
  /** Median run. */
  seconds: number;
  mibPerSec: number;
  records: number;
  recordsPerSec: number;
  segments: number;
  /** Highest maxRSS over the runs. */
  peakRssMb: number;
  runs: number;
  issues: number;
  errors: number;
  notes: string[];
}

interface GeneratedMeta {
  generatorVersion: number;
  kind: X12Kind;
  seed: number;
  targetBytes: number;
  minRecords: number;
  result: GenerateResult;
}

function usage(): never {
  console.error(
    'usage: bench-x12.js [--quick | --size-mb N | --gb1] [--runs N] [--seed N] [--min-claims N] ' +
      `[--parsers ${PARSERS.join(',')}]`,
  );
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Config {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick' || arg === '--gb1') flags.add(arg.slice(2));
    else if (['--size-mb', '--runs', '--seed', '--min-claims', '--parsers'].includes(arg)) {
      const value = argv[++i];
      if (value === undefined) usage();
      values.set(arg.slice(2), value);
    } else usage();
  }
  const seed = Number(values.get('seed') ?? '1');
  const number = (name: string): number | undefined => {
    const v = values.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) usage();
    return n;
  };
  const sizeMb = number('size-mb');
  const minClaims = number('min-claims');
  const file = (label: FileSpec['label'], name: string, targetMb: number, minRecords: number): FileSpec => ({
    label,
    kind: label === '837P' ? '837p' : '835',
    path: join(OUT_DIR, name),
    targetMb,
    minRecords,
  });

  let config: Config;
  if (flags.has('gb1')) {
    // One 1 GiB 837P, once: the point is peak RSS staying flat, not the median.
    config = {
      mode: 'gb1',
      seed,
      runs: 1,
      parsers: ['claimguard', 'x12-parser'],
      files: [file('837P', 'gb1-837p.x12', sizeMb ?? 1024, minClaims ?? 0)],
    };
  } else if (flags.has('quick')) {
    config = {
      mode: 'quick',
      seed,
      runs: 1,
      parsers: [...PARSERS],
      files: [
        file('837P', 'quick-837p.x12', sizeMb ?? 8, minClaims ?? 0),
        file('835', 'quick-835.x12', 4, 0),
      ],
    };
  } else if (sizeMb !== undefined) {
    config = {
      mode: 'size',
      seed,
      runs: 3,
      parsers: [...PARSERS],
      files: [
        file('837P', 'sized-837p.x12', sizeMb, minClaims ?? 0),
        file('835', 'sized-835.x12', Math.max(1, Math.round(sizeMb * 0.4)), 0),
      ],
    };
  } else {
    config = {
      mode: 'default',
      seed,
      runs: 3,
      parsers: [...PARSERS],
      files: [file('837P', 'bench-837p.x12', 100, minClaims ?? 200_000), file('835', 'bench-835.x12', 40, 0)],
    };
  }
  const runs = number('runs');
  if (runs !== undefined) config.runs = Math.floor(runs);
  const parsers = values.get('parsers');
  if (parsers !== undefined) {
    const list = parsers.split(',').map((p) => p.trim());
    for (const p of list) if (!(PARSERS as readonly string[]).includes(p)) usage();
    config.parsers = list as ParserName[];
  }
  return config;
}

/** Reuses the file when its metadata says it was made with the same seed, size and generator version. */
async function ensureFile(spec: FileSpec, seed: number): Promise<GenerateResult> {
  const metaPath = spec.path + '.meta.json';
  const targetBytes = Math.round(spec.targetMb * MIB);
  if (existsSync(spec.path) && existsSync(metaPath)) {
    try {
      const meta = JSON.parse(await readFile(metaPath, 'utf8')) as GeneratedMeta;
      const { size } = await stat(spec.path);
      if (
        meta.generatorVersion === GENERATOR_VERSION &&
        meta.kind === spec.kind &&
        meta.seed === seed &&
        meta.targetBytes === targetBytes &&
        meta.minRecords === spec.minRecords &&
        meta.result.bytes === size
      ) {
        console.log(`reusing ${relative(ROOT, spec.path)} (${(size / MIB).toFixed(1)} MiB)`);
        return meta.result;
      }
    } catch {
      // unreadable metadata: regenerate
    }
  }
  const min =
    spec.minRecords > 0 ? `, ≥ ${spec.minRecords} ${spec.kind === '837p' ? 'claims' : 'payments'}` : '';
  process.stdout.write(`generating ${relative(ROOT, spec.path)} (≥ ${spec.targetMb} MiB${min}) ... `);
  const result = await generateX12({
    kind: spec.kind,
    out: spec.path,
    targetBytes,
    seed,
    minRecords: spec.minRecords,
  });
  const mib = result.bytes / MIB;
  console.log(
    `${mib.toFixed(1)} MiB, ${result.claims || result.payments} ${result.claims ? 'claims' : 'payments'} ` +
      `in ${(result.elapsedMs / 1000).toFixed(1)} s (${(mib / (result.elapsedMs / 1000)).toFixed(0)} MiB/s)`,
  );
  const meta: GeneratedMeta = {
    generatorVersion: GENERATOR_VERSION,
    kind: spec.kind,
    seed,
    targetBytes,
    minRecords: spec.minRecords,
    result: { ...result, file: relative(ROOT, result.file) },
  };
  await writeFile(metaPath, JSON.stringify(meta, null, 2) + '\n');
  return result;
}

/** One parse in a forked worker; a crash (e.g. out of memory) becomes a result with `error` set. */
function runWorker(parser: ParserName, file: string): Promise<WorkerResult> {
  return new Promise((done) => {
    const child = fork(WORKER, [parser, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: WorkerResult | undefined;
    child.on('message', (message) => {
      result = message as WorkerResult;
    });
    const fail = (why: string): WorkerResult => ({
      parser,
      file,
      bytes: 0,
      seconds: 0,
      claims: 0,
      payments: 0,
      segments: 0,
      issues: 0,
      errors: 0,
      issueCodes: [],
      maxRssMb: 0,
      checksum: 0,
      error: why,
    });
    child.on('error', (err) => done(fail(err.message)));
    child.on('exit', (code, signal) => done(result ?? fail(`worker exited with ${code ?? signal}`)));
  });
}

function median(runs: readonly WorkerResult[]): WorkerResult {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function summarize(spec: FileSpec, generated: GenerateResult, runs: readonly WorkerResult[]): SummaryRow {
  const m = median(runs);
  const isClaimguard = m.parser.startsWith('claimguard');
  const records = spec.kind === '837p' ? m.claims : m.payments;
  const expected = spec.kind === '837p' ? generated.claims : generated.payments;
  const notes: string[] = [];
  const failed = runs.find((r) => r.error !== undefined);
  if (failed) notes.push(`ERROR: ${failed.error}`);
  else {
    if (records !== expected) {
      notes.push(`${isClaimguard ? 'MISMATCH' : 'count differs'}: ${records} vs ${expected} generated`);
    }
    const expectedSegments = isClaimguard ? generated.transactionSegments : generated.segments;
    if (m.segments !== expectedSegments)
      notes.push(`segments ${m.segments} vs ${expectedSegments} generated`);
    if (isClaimguard && m.errors > 0) notes.push(`${m.errors} error issues (${m.issueCodes.join(', ')})`);
    else if (isClaimguard && m.issues > 0) notes.push(`${m.issues} warnings (${m.issueCodes.join(', ')})`);
  }
  const mib = m.bytes / MIB;
  return {
    parser: m.parser,
    file: spec.label,
    mib,
    seconds: m.seconds,
    mibPerSec: m.seconds > 0 ? mib / m.seconds : 0,
    records,
    recordsPerSec: m.seconds > 0 ? records / m.seconds : 0,
    segments: m.segments,
    peakRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    runs: runs.length,
    issues: m.issues,
    errors: m.errors,
    notes,
  };
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    totalMemoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

async function main(): Promise<void> {
  const config = parseArgs(process.argv.slice(2));
  const host = machine();
  console.log(
    `machine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryGiB} GiB RAM, node ${host.node} ` +
      `(${host.platform})`,
  );
  console.log(`mode: ${config.mode}, seed ${config.seed}, ${config.runs} run(s) per parser and file\n`);

  const generated = new Map<FileSpec['label'], GenerateResult>();
  for (const spec of config.files) generated.set(spec.label, await ensureFile(spec, config.seed));

  const allRuns: WorkerResult[] = [];
  const rows: SummaryRow[] = [];
  for (const spec of config.files) {
    const byParser = new Map<ParserName, WorkerResult[]>(config.parsers.map((p) => [p, []]));
    for (let run = 1; run <= config.runs; run++) {
      // Interleaved, so a slow stretch of the machine does not land on one parser only.
      for (const parser of config.parsers) {
        const result = await runWorker(parser, spec.path);
        byParser.get(parser)!.push(result);
        allRuns.push(result);
        const status = result.error ? `ERROR ${result.error}` : `${result.seconds.toFixed(2)} s`;
        console.log(`  ${spec.label} run ${run}/${config.runs} ${parser}: ${status}`);
      }
    }
    for (const parser of config.parsers)
      rows.push(summarize(spec, generated.get(spec.label)!, byParser.get(parser)!));
  }

  console.log(
    '\n' + `machine: ${host.cpu}, ${host.cores} cores, ${host.totalMemoryGiB} GiB, node ${host.node}`,
  );
  const headers = [
    'parser',
    'file',
    'MiB',
    'seconds',
    'MiB/s',
    'records/s',
    'records',
    'segments',
    'peak RSS MB',
  ];
  console.log(
    table(
      headers,
      rows.map((r) => [
        r.parser,
        r.file,
        r.mib.toFixed(1),
        r.seconds.toFixed(2),
        r.mibPerSec.toFixed(1),
        Math.round(r.recordsPerSec).toLocaleString('en-US'),
        r.records.toLocaleString('en-US'),
        r.segments.toLocaleString('en-US'),
        r.peakRssMb.toFixed(0),
      ]),
    ),
  );
  console.log('records = claims (837P) or claim payments (835); claimguard segments count ST..SE only.');

  const ratios: { file: string; claimguard: ParserName; versus: ParserName; speedup: number }[] = [];
  for (const spec of config.files) {
    for (const mine of ['claimguard', 'claimguard-iter'] as const) {
      const a = rows.find((r) => r.file === spec.label && r.parser === mine);
      for (const peer of ['x12-parser', 'node-x12'] as const) {
        const b = rows.find((r) => r.file === spec.label && r.parser === peer);
        if (a && b && a.mibPerSec > 0 && b.mibPerSec > 0) {
          ratios.push({
            file: spec.label,
            claimguard: mine,
            versus: peer,
            speedup: a.mibPerSec / b.mibPerSec,
          });
        }
      }
    }
  }
  if (ratios.length > 0) {
    console.log('\nthroughput ratios (MiB/s):');
    for (const r of ratios)
      console.log(`  ${r.file}  ${r.claimguard} / ${r.versus}: ${r.speedup.toFixed(2)}x`);
  }

  let failed = false;
  const notes = rows.filter((r) => r.notes.length > 0);
  if (notes.length > 0) console.log('\nnotes:');
  for (const r of notes) {
    for (const note of r.notes) {
      const fatal =
        r.parser.startsWith('claimguard') && (note.startsWith('MISMATCH') || note.startsWith('ERROR'));
      if (fatal) failed = true;
      console.log(`  ${fatal ? '!!! ' : ''}${r.parser} ${r.file}: ${note}`);
    }
  }
  const claimguardRan = rows.some((r) => r.parser.startsWith('claimguard'));
  if (claimguardRan) {
    for (const spec of config.files) {
      const g = generated.get(spec.label)!;
      const expected = spec.kind === '837p' ? `${g.claims} claims` : `${g.payments} claim payments`;
      console.log(`check ${spec.label}: generated ${expected}; claimguard ${failed ? 'FAILED' : 'matches'}`);
    }
  }

  // The default run owns results.json; --quick, --size-mb and --gb1 write results-<mode>.json beside it.
  const resultsPath = join(
    OUT_DIR,
    config.mode === 'default' ? 'results.json' : `results-${config.mode}.json`,
  );
  const files = Object.fromEntries(
    [...generated].map(([label, g]) => [label, { ...g, file: relative(ROOT, g.file) }]),
  );
  const runs = allRuns.map((r) => ({ ...r, file: relative(ROOT, r.file) }));
  const settings = { ...config, files: config.files.map((f) => ({ ...f, path: relative(ROOT, f.path) })) };
  await writeFile(
    resultsPath,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: host,
        config: settings,
        files,
        summary: rows,
        ratios,
        runs,
        failed,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nresults: ${relative(ROOT, resultsPath)}`);
  if (failed) {
    console.error('\n!!! MISMATCH: claimguard did not report every generated claim / claim payment !!!');
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
