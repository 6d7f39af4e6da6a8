import { inputSeed, Rng } from './x12-mutators.js';

/** Chunk sizes for input `index` of a campaign (empty: parsed whole only); every `every`th input is chunked. */
export function chunkSizesFor(seed: number, index: number, every: number): number[] {
  if (every === 0 || index % every !== 0) return [];
  const rng = new Rng(inputSeed(seed ^ 0x5a5a5a5a, index));
  return Array.from({ length: rng.range(1, 20) }, () => rng.size(4096));
}
