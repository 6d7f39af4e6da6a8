/**
 * One measured parse in a process of its own (forked by bench-x12.ts), so the peak RSS belongs to one
 * parser. Usage: node dist-bench/bench/x12/bench-worker.js <parser> <file>. The result goes to the parent
 * over IPC, or to stdout as JSON when run directly.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Transform } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { X12Item } from '../../src/x12/x12-item.js';

export const PARSERS = ['claimguard', 'claimguard-iter', 'x12-parser', 'node-x12'] as const;
export type ParserName = (typeof PARSERS)[number];

export interface WorkerResult {
  parser: ParserName;
  file: string;
  bytes: number;
  seconds: number;
  /** CLM segments (peers) or claim items (claimguard). */
  claims: number;
  /** CLP segments (peers) or claim-payment items (claimguard). */
  payments: number;
  /** Peers: every segment they emitted (ISA..IEA). claimguard: Σ transaction segmentCount (ST..SE). */
  segments: number;
  /** claimguard: issue items (errors + warnings); peers: their diagnostics, when they keep any. */
  issues: number;
  errors: number;
  /** Distinct codes of the first issues seen, for a quick look at what a reader complained about. */
  issueCodes: string[];
  /** process.resourceUsage().maxRSS, MiB. */
  maxRssMb: number;
  /** Guards the counting loops against being optimised away; also a cheap sanity value. */
  checksum: number;
  error?: string;
}

/** The slice of the claimguard reader API the bench uses (imported dynamically: it may still be in progress). */
interface ClaimguardModule {
  X12Reader: new (
    onItem: (item: X12Item) => void,
    options?: { strict?: boolean },
  ) => { write(chunk: Buffer | string): void; end(): void };
  parseX12Stream(source: AsyncIterable<Buffer | string> | NodeJS.ReadableStream): AsyncIterable<X12Item>;
}

/** x12-parser's segment object: `{ name: 'CLM', '1': 'PCN', '2': '100', '5-1': '11', ... }`. */
type X12ParserSegment = { name: string } & Record<string, string>;

/** node-x12's X12Segment (only what is read here). */
interface NodeX12Segment {
  tag: string;
  elements: { value: string }[];
}

const HIGH_WATER_MARK = 1 << 20;

class Counter {
  claims = 0;
  payments = 0;
  segments = 0;
  issues = 0;
  errors = 0;
  checksum = 0;
  readonly codes = new Set<string>();

  /** claimguard items. */
  item(item: X12Item): void {
    switch (item.kind) {
      case 'claim':
        this.claims++;
        this.checksum += item.claim.patientControlNumber.length + item.claim.lines.length;
        break;
      case 'claim-payment':
        this.payments++;
        this.checksum += item.payment.patientControlNumber.length + item.payment.services.length;
        break;
      case 'transaction':
        this.segments += item.transaction.segmentCount;
        break;
      case 'issue':
        this.issues++;
        if (item.issue.severity === 'error') this.errors++;
        if (this.codes.size < 10) this.codes.add(item.issue.code);
        break;
      default:
        break;
    }
  }

  /** A peer's segment: its tag and first element (the claim id for CLM and CLP). */
  segment(tag: string, first: string | undefined): void {
    this.segments++;
    if (tag === 'CLM') {
      this.claims++;
      this.checksum += first?.length ?? 0;
    } else if (tag === 'CLP') {
      this.payments++;
      this.checksum += first?.length ?? 0;
    }
  }
}

function open(file: string): NodeJS.ReadableStream & AsyncIterable<Buffer> {
  return createReadStream(file, { highWaterMark: HIGH_WATER_MARK });
}

/** Pipes the file into a Transform in object mode and counts what comes out ('data' events, as documented). */
function drive(file: string, transform: Transform, onData: (obj: unknown) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = createReadStream(file, { highWaterMark: HIGH_WATER_MARK });
    input.on('error', reject);
    transform.on('error', reject);
    transform.on('data', onData);
    transform.on('end', resolve);
    input.pipe(transform);
  });
}

async function loadClaimguard(): Promise<ClaimguardModule> {
  // A variable specifier keeps tsc from resolving it: the reader is being written in parallel.
  const specifier = '../../src/x12/index.js';
  return (await import(specifier)) as ClaimguardModule;
}

/** Runs one parser over one file; the clock covers the parse only (module loading excluded). */
export async function runParser(parser: ParserName, file: string): Promise<WorkerResult> {
  const { size } = await stat(file);
  const counter = new Counter();
  let seconds = 0;
  let error: string | undefined;
  try {
    switch (parser) {
      case 'claimguard': {
        const { X12Reader } = await loadClaimguard();
        const started = performance.now();
        const reader = new X12Reader((item) => counter.item(item));
        for await (const chunk of open(file)) reader.write(chunk);
        reader.end();
        seconds = (performance.now() - started) / 1000;
        break;
      }
      case 'claimguard-iter': {
        const { parseX12Stream } = await loadClaimguard();
        const started = performance.now();
        for await (const item of parseX12Stream(open(file))) counter.item(item);
        seconds = (performance.now() - started) / 1000;
        break;
      }
      case 'x12-parser': {
        const { X12parser } = await import('x12-parser');
        const started = performance.now();
        await drive(file, new X12parser(), (obj) => {
          const seg = obj as X12ParserSegment;
          // Its flush emits a nameless segment for trailing whitespace after the last terminator.
          if (seg.name !== '') counter.segment(seg.name, seg['1']);
        });
        seconds = (performance.now() - started) / 1000;
        break;
      }
      case 'node-x12': {
        const { default: nodeX12 } = await import('node-x12');
        const started = performance.now();
        // Non-strict: in strict mode its _flush throws ("must contain at least one functional group")
        // because streaming never feeds its envelope model.
        const parser = new nodeX12.X12Parser(false);
        await drive(file, parser, (obj) => {
          const seg = obj as NodeX12Segment;
          counter.segment(seg.tag, seg.elements[0]?.value);
        });
        seconds = (performance.now() - started) / 1000;
        // Streaming pushes an ISA-length diagnostic for every chunk that is not an ISA: count errors only
        // as reported, they are not about the data.
        counter.issues = parser.diagnostics.length;
        break;
      }
    }
  } catch (err) {
    error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  }
  return {
    parser,
    file,
    bytes: size,
    seconds,
    claims: counter.claims,
    payments: counter.payments,
    segments: counter.segments,
    issues: counter.issues,
    errors: counter.errors,
    issueCodes: [...counter.codes],
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    checksum: counter.checksum,
    ...(error === undefined ? {} : { error }),
  };
}

async function main(): Promise<void> {
  const [parser, file] = process.argv.slice(2);
  if (!parser || !file || !(PARSERS as readonly string[]).includes(parser)) {
    throw new Error(`usage: bench-worker.js <${PARSERS.join('|')}> <file>`);
  }
  const result = await runParser(parser as ParserName, file);
  if (process.send) {
    process.send(result, () => process.exit(0));
  } else {
    console.log(JSON.stringify(result, null, 2));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
