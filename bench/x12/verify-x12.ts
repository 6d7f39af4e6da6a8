/**
 * Independent check of a generated file, read through the npm x12-parser (not claimguard): envelope
 * counts and control numbers, 837P HL tree, CLM02 = ΣSV102, diagnosis pointers and NPI check digits,
 * and 835 balancing (SVC02 − ΣCAS = SVC03, CLP03 − ΣCAS = CLP04, CLP05 = ΣPR, BPR02 = ΣCLP04 − ΣPLB).
 * Usage: node dist-bench/bench/x12/verify-x12.js <file.x12> [<expected claims or payments>]
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { X12parser } from 'x12-parser';
import { npiCheckDigit } from './generate-x12.js';

type Seg = { name: string } & Record<string, string | undefined>;

export interface VerifyResult {
  segments: number;
  transactions: number;
  claims: number;
  payments: number;
  /** First problems found (at most 20) and how many in all. */
  problems: string[];
  problemCount: number;
}

/** Integer cents of an R value ('' → 0). */
function cents(value: string | undefined): number {
  return value ? Math.round(Number(value) * 100) : 0;
}

function npiValid(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** Streams the file through x12-parser and checks every invariant the generator promises. */
export async function verifyX12(file: string): Promise<VerifyResult> {
  const out: VerifyResult = {
    segments: 0,
    transactions: 0,
    claims: 0,
    payments: 0,
    problems: [],
    problemCount: 0,
  };
  const problem = (msg: string): void => {
    out.problemCount++;
    if (out.problems.length < 20) out.problems.push(`segment ${out.segments}: ${msg}`);
  };

  let isaControl = '';
  let groups = 0;
  let groupControl = '';
  let groupTransactions = 0;
  let stControl = '';
  let stStart = 0;
  // 837P
  const hlLevels = new Map<string, string>();
  let lastHl = 0;
  let pendingChild: string | null = null;
  let clmCharge: number | null = null;
  let lineSum = 0;
  let dxCount = 0;
  // 835
  let bpr = 0;
  let clpSum = 0;
  let plbSum = 0;
  let clp: { charge: number; paid: number; pr: number; cas: number; prCas: number } | null = null;
  let svc: { charge: number; paid: number; cas: number } | null = null;

  const closeSvc = (): void => {
    if (svc && svc.charge - svc.cas !== svc.paid) {
      problem(`SVC02 ${svc.charge} - CAS ${svc.cas} != SVC03 ${svc.paid}`);
    }
    svc = null;
  };
  const closeClp = (): void => {
    closeSvc();
    if (!clp) return;
    if (clp.charge - clp.cas !== clp.paid)
      problem(`CLP03 ${clp.charge} - CAS ${clp.cas} != CLP04 ${clp.paid}`);
    if (clp.pr !== clp.prCas) problem(`CLP05 ${clp.pr} != ΣPR ${clp.prCas}`);
    clp = null;
  };
  const closeClm = (): void => {
    if (clmCharge !== null && clmCharge !== lineSum) problem(`CLM02 ${clmCharge} != ΣSV102 ${lineSum}`);
    clmCharge = null;
  };

  const onSegment = (seg: Seg): void => {
    if (seg.name === '') return;
    out.segments++;
    const e = (n: number): string => seg[String(n)] ?? '';
    switch (seg.name) {
      case 'ISA':
        isaControl = e(13);
        break;
      case 'IEA':
        if (e(1) !== String(groups)) problem(`IEA01 ${e(1)} != ${groups} groups`);
        if (e(2) !== isaControl) problem(`IEA02 ${e(2)} != ISA13 ${isaControl}`);
        break;
      case 'GS':
        groups++;
        groupControl = e(6);
        groupTransactions = 0;
        break;
      case 'GE':
        if (e(1) !== String(groupTransactions)) problem(`GE01 ${e(1)} != ${groupTransactions}`);
        if (e(2) !== groupControl) problem(`GE02 ${e(2)} != GS06 ${groupControl}`);
        break;
      case 'ST':
        groupTransactions++;
        out.transactions++;
        stControl = e(2);
        stStart = out.segments;
        hlLevels.clear();
        lastHl = 0;
        pendingChild = null;
        clpSum = 0;
        plbSum = 0;
        break;
      case 'SE':
        closeClm();
        closeClp();
        if (Number(e(1)) !== out.segments - stStart + 1) {
          problem(`SE01 ${e(1)} != ${out.segments - stStart + 1}`);
        }
        if (e(2) !== stControl) problem(`SE02 ${e(2)} != ST02 ${stControl}`);
        if (bpr !== clpSum - plbSum) problem(`BPR02 ${bpr} != ΣCLP04 ${clpSum} - ΣPLB ${plbSum}`);
        bpr = 0;
        break;
      // 837P
      case 'HL': {
        closeClm();
        const id = e(1);
        const parent = e(2);
        const level = e(3);
        if (Number(id) !== lastHl + 1) problem(`HL01 ${id} not sequential`);
        const expected = level === '20' ? undefined : level === '22' ? '20' : '23' === level ? '22' : '?';
        const parentLevel = parent ? hlLevels.get(parent) : undefined;
        if (parentLevel !== expected) problem(`HL ${id} level ${level} has parent level ${parentLevel}`);
        // HL04 of the previous HL says whether this one is its child.
        if (pendingChild !== null && (pendingChild === '1') !== (parent === String(lastHl))) {
          problem(`HL ${lastHl} child code ${pendingChild} disagrees with HL ${id}`);
        }
        lastHl = Number(id);
        pendingChild = e(4);
        hlLevels.set(id, level);
        break;
      }
      case 'CLM':
        closeClm();
        out.claims++;
        clmCharge = cents(e(2));
        lineSum = 0;
        break;
      case 'HI':
        dxCount = 0;
        for (let i = 1; seg[String(i)]; i++) dxCount++;
        if (dxCount < 1 || dxCount > 12) problem(`HI with ${dxCount} codes`);
        break;
      case 'SV1': {
        lineSum += cents(e(2));
        // x12-parser numbers components from the second one: SV107-1 is '7', SV107-2 is '7-1'.
        const pointers = [e(7)];
        for (let i = 1; seg[`7-${i}`] !== undefined; i++) pointers.push(seg[`7-${i}`] ?? '');
        for (const p of pointers) {
          const ptr = Number(p);
          if (!(ptr >= 1 && ptr <= dxCount)) problem(`SV107 pointer ${p} outside 1..${dxCount}`);
        }
        break;
      }
      case 'NM1':
        if (e(8) === 'XX' && !npiValid(e(9))) problem(`NPI ${e(9)} fails the Luhn check`);
        break;
      // 835
      case 'BPR':
        bpr = cents(e(2));
        break;
      case 'N1':
        if (e(3) === 'XX' && !npiValid(e(4))) problem(`NPI ${e(4)} fails the Luhn check`);
        break;
      case 'CLP':
        closeClp();
        out.payments++;
        clp = { charge: cents(e(3)), paid: cents(e(4)), pr: cents(e(5)), cas: 0, prCas: 0 };
        clpSum += clp.paid;
        break;
      case 'SVC':
        closeSvc();
        svc = { charge: cents(e(2)), paid: cents(e(3)), cas: 0 };
        break;
      case 'CAS': {
        let sum = 0;
        for (let i = 3; i <= 18; i += 3) sum += cents(e(i));
        if (svc) svc.cas += sum;
        if (clp) {
          clp.cas += sum;
          if (e(1) === 'PR') clp.prCas += sum;
        }
        break;
      }
      case 'PLB':
        closeClp();
        for (let i = 4; i <= 14; i += 2) plbSum += cents(e(i));
        break;
      default:
        break;
    }
  };

  await new Promise<void>((done, fail) => {
    const input = createReadStream(file, { highWaterMark: 1 << 20 });
    const parser = new X12parser();
    input.on('error', fail);
    parser.on('error', fail);
    parser.on('data', (seg: Seg) => onSegment(seg));
    parser.on('end', () => done());
    input.pipe(parser);
  });
  return out;
}

async function main(): Promise<void> {
  const [file, expected] = process.argv.slice(2);
  if (!file) throw new Error('usage: verify-x12.js <file.x12> [<expected claims or payments>]');
  const result = await verifyX12(file);
  console.log(JSON.stringify(result, null, 2));
  const records = result.claims + result.payments;
  if (expected !== undefined && Number(expected) !== records) {
    console.error(`MISMATCH: ${records} records, expected ${expected}`);
    process.exit(1);
  }
  if (result.problemCount > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
