import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseX12,
  type X12Item,
  X12ParseError,
  type X12ParseResult,
  X12Reader,
} from '../../src/x12/index.js';
import { HANG_BOUND_MS } from '../support/hang-bound.js';
import { corpusAvailable, projectRoot, readCorpusFile, readManifest } from './corpus-files.js';

/**
 * Property test: mutate valid files (truncation, random bytes, swapped delimiters, huge elements, deep
 * nesting, random chunking) and check that the parser always ends, within a time bound, with a result
 * whose issues carry positions inside the input, or with a typed X12ParseError; and that the result
 * never depends on how the input was chunked.
 */

const validDir = join(projectRoot, 'fixtures', 'x12', 'valid');
const seeds: Buffer[] = readdirSync(validDir).map((f) => readFileSync(join(validDir, f)));
if (corpusAvailable) {
  // Small corpus files only: the property runs hundreds of times.
  for (const m of readManifest()) {
    const buf = readCorpusFile(m.file);
    if (buf.length < 20_000) seeds.push(buf);
  }
}

type Outcome = { kind: 'result'; result: X12ParseResult } | { kind: 'fatal'; error: X12ParseError };

function run(input: Buffer): Outcome {
  try {
    return { kind: 'result', result: parseX12(input) };
  } catch (err) {
    if (err instanceof X12ParseError) return { kind: 'fatal', error: err };
    throw err;
  }
}

function checkOutcome(input: Buffer, outcome: Outcome): void {
  if (outcome.kind === 'fatal') {
    expect(outcome.error.issues.length).toBeGreaterThan(0);
    expect(outcome.error.code).toMatch(/^X12_/);
    return;
  }
  for (const issue of outcome.result.issues) {
    expect(issue.code).toMatch(/^X12_/);
    expect(issue.byteOffset).toBeGreaterThanOrEqual(0);
    expect(issue.byteOffset).toBeLessThanOrEqual(input.length * 2 + 3);
    expect(issue.line).toBeGreaterThanOrEqual(1);
  }
  for (const c of outcome.result.claims) expect(Number.isSafeInteger(c.totalCharge)).toBe(true);
}

const seedArb = fc.integer({ min: 0, max: seeds.length - 1 }).map((i) => seeds[i]!);

const mutation: fc.Arbitrary<(b: Buffer) => Buffer> = fc.oneof(
  fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((f) => (b: Buffer) => b.subarray(0, Math.floor(b.length * f))),
  fc
    .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 20,
    })
    .map((edits) => (b: Buffer) => {
      const out = Buffer.from(b);
      for (const [f, byte] of edits) if (out.length) out[Math.floor(f * (out.length - 1))] = byte;
      return out;
    }),
  fc.tuple(fc.constantFrom('*', '~', ':', '^', '\n'), fc.constantFrom('|', '!', '>', '~', '*', 'A', ' ')).map(
    ([from, to]) =>
      (b: Buffer) =>
        Buffer.from(b.toString('latin1').split(from).join(to), 'latin1'),
  ),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1_000, max: 100_000 }))
    .map(([f, n]) => (b: Buffer) => {
      const at = Math.floor(b.length * f);
      return Buffer.concat([b.subarray(0, at), Buffer.alloc(n, 'X'), b.subarray(at)]);
    }),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 100, max: 3_000 }))
    .map(([f, depth]) => (b: Buffer) => {
      // Deep nesting: thousands of HL levels, each the child of the one before, then loops reopened.
      const text = b.toString('latin1');
      const cut = text.indexOf('~', Math.floor(text.length * f));
      const at = cut === -1 ? text.length : cut + 1;
      const hl = Array.from({ length: depth }, (_, i) => `HL*${i + 2}*${i + 1}*22*1~SBR*P*18~LX*${i}~`).join(
        '',
      );
      return Buffer.from(text.slice(0, at) + hl + text.slice(at), 'latin1');
    }),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([a, b2]) => (b: Buffer) => {
      // Duplicate a random slice (repeated segments, envelopes inside envelopes).
      const i = Math.floor(b.length * Math.min(a, b2));
      const j = Math.floor(b.length * Math.max(a, b2));
      return Buffer.concat([b.subarray(0, j), b.subarray(i, j), b.subarray(j)]);
    }),
);

describe('parser properties over mutated valid files', () => {
  it(`has seeds (${seeds.length}${corpusAvailable ? ', fixtures and corpus' : ', fixtures only'})`, () => {
    expect(seeds.length).toBeGreaterThanOrEqual(20);
  });

  it('always ends in a positioned result or a typed error, within the time bound', () => {
    fc.assert(
      fc.property(seedArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (seed, mutations) => {
        const input = mutations.reduce((b, m) => m(b), seed);
        const started = performance.now();
        const outcome = run(input);
        expect(performance.now() - started).toBeLessThan(HANG_BOUND_MS);
        checkOutcome(input, outcome);
      }),
      { numRuns: 250, seed: 20261126 },
    );
  });

  it('gives the same claims, payments and issues however the bytes are chunked', () => {
    fc.assert(
      fc.property(
        seedArb,
        mutation,
        fc.array(fc.integer({ min: 1, max: 2048 }), { minLength: 1, maxLength: 40 }),
        (seed, m, chunks) => {
          const input = m(seed);
          expect(runStreamed(input, chunks)).toEqual(runStreamed(input, [input.length || 1]));
        },
      ),
      { numRuns: 120, seed: 7 },
    );
  });
});

/** Feeds the streaming core chunk by chunk, the way a file stream would, and collects what it yields. */
function runStreamed(input: Buffer, chunks: number[]): unknown {
  const items: X12Item[] = [];
  const reader = new X12Reader((item) => items.push(item));
  let at = 0;
  let k = 0;
  try {
    while (at < input.length) {
      const size = chunks[k++ % chunks.length]!;
      reader.write(input.subarray(at, at + size));
      at += size;
    }
    reader.end();
  } catch (err) {
    if (err instanceof X12ParseError) return { fatal: err.code, items };
    throw err;
  }
  return items;
}
