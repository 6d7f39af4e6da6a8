/**
 * A small simulated practice for e2e suites: `simulatePractice` writes it (deterministic for a seed)
 * and reads back what the simulator says happened (truth.json, practice.json); `loadSimulatedPractice`
 * loads it into a running app through the HTTP API, in the order `claimguard demo` uses: the records
 * (eligibility, contracts, notes, authorizations), then the 837s, then the 835s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type TestAgent from 'supertest/lib/agent.js';
import { demoFiles } from '../../src/simulator/demo.command.js';
import {
  simulate,
  type SimulateOptions,
  type SimulateResult,
  type TruthClaim,
} from '../../src/simulator/simulate.js';

/** A payer as practice.json describes it. */
export interface SimulatedPayer {
  id: string;
  name: string;
  kind: string;
  timelyFilingDays: number;
  appealDays: number;
  feeRate: number;
}

export interface SimulatedPractice {
  dir: string;
  result: SimulateResult;
  /** truth.json's claims, in the order written. */
  claims: TruthClaim[];
  /** practice.json's payers, by id. */
  payers: Map<string, SimulatedPayer>;
}

/** Simulates a practice into `dir` and reads its truth and payers. */
export function simulatePractice(dir: string, options: Omit<SimulateOptions, 'out'>): SimulatedPractice {
  const result = simulate({ ...options, out: dir });
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { claims: TruthClaim[] };
  const practice = JSON.parse(readFileSync(join(dir, 'practice.json'), 'utf8')) as {
    payers: SimulatedPayer[];
  };
  return { dir, result, claims: truth.claims, payers: new Map(practice.payers.map((p) => [p.id, p])) };
}

/** One upload that did not answer 201. */
export interface FailedUpload {
  file: string;
  status: number;
  body: unknown;
}

/**
 * Uploads the practice through the HTTP API: every input file (POST /api/v1/inputs/:kind), then every
 * X12 file (POST /api/v1/files), the 837s before the 835s, with `http` (an authenticated agent). Returns the uploads that failed (none
 * expected).
 */
export async function loadSimulatedPractice(
  http: () => TestAgent,
  sim: SimulatedPractice,
): Promise<FailedUpload[]> {
  const failed: FailedUpload[] = [];
  const { inputs, x12 } = demoFiles(sim.result);
  for (const { kind, file } of inputs) {
    const res = await http().post(`/api/v1/inputs/${kind}`).attach('file', join(sim.dir, file));
    if (res.status !== 201) failed.push({ file, status: res.status, body: res.body });
  }
  for (const file of x12) {
    const res = await http().post('/api/v1/files').attach('file', join(sim.dir, file));
    if (res.status !== 201) failed.push({ file, status: res.status, body: res.body });
  }
  return failed;
}
