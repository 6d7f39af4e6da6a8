import { join } from 'node:path';
import { chunkSizesFor } from '../../bench/fuzz/x12-chunks.js';
import { loadSeeds, mutateInput } from '../../bench/fuzz/x12-mutators.js';
import { checkInput } from '../../bench/fuzz/x12-oracle.js';
import { HANG_BOUND_MS } from '../support/hang-bound.js';
import { announceMissingCorpus, corpusAvailable, corpusDir, projectRoot } from './corpus-files.js';

/**
 * The short version of the X12 fuzz campaign (npm run fuzz:x12 runs 1,000,000 inputs): mutated fixtures
 * and corpus files, each of which must end in items with positioned issues or a typed, positioned
 * X12ParseError, within the time bound, with the same result when the bytes arrive in other chunk sizes.
 */

const INPUTS = 6_000;
const SEED = 20261127;

announceMissingCorpus('x12-fuzz');
const seeds = loadSeeds(join(projectRoot, 'fixtures', 'x12'), corpusAvailable ? corpusDir : null);

describe(`X12 parser fuzz (${INPUTS} mutated inputs, ${corpusAvailable ? 'fixtures and corpus' : 'fixtures only'})`, () => {
  it('has seeds', () => {
    expect(seeds.filter((s) => s.origin === 'fixture').length).toBeGreaterThanOrEqual(50);
    if (corpusAvailable) expect(seeds.filter((s) => s.origin === 'corpus').length).toBeGreaterThanOrEqual(40);
  });

  it('ends every input in positioned items or a typed error, within the time bound, whatever the chunking', async () => {
    const failures: string[] = [];
    let slowest = 0;
    for (let i = 0; i < INPUTS; i++) {
      const input = mutateInput(seeds, SEED, i);
      const r = await checkInput(input.bytes, chunkSizesFor(SEED, i, 8));
      slowest = Math.max(slowest, r.ms, r.chunkedMs);
      if (r.failures.length || Math.max(r.ms, r.chunkedMs) > HANG_BOUND_MS)
        failures.push(
          `input ${i} [${input.trail.join(' | ')}]: ${r.failures[0] ?? `${Math.round(Math.max(r.ms, r.chunkedMs))} ms (whole ${Math.round(r.ms)}, chunked ${Math.round(r.chunkedMs)})`}`,
        );
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(slowest).toBeLessThan(HANG_BOUND_MS);
  }, 900_000);
});
