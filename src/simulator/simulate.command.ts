/**
 * `claimguard simulate --months N --claims-per-month M --seed S --out DIR [--start YYYY-MM]
 * [--defect-rate kind=rate ...] [--defect-scale X] [--max-claims-per-file N] [--fhir-share X]`:
 * writes a synthetic practice history (see simulate.ts for the layout). Exit 0 when written, 2 for
 * bad arguments.
 */
import { parseArgs } from 'node:util';
import { DEFECT_KINDS, isDefectKind, type DefectKind } from './defects.js';
import { simulate, type SimulateOptions } from './simulate.js';

class UsageError extends Error {}

function wholeNumber(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new UsageError(`--${name} must be a whole number ≥ ${min}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function share(name: string, raw: string): number {
  const v = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw) || !(v >= 0 && v <= 1)) {
    throw new UsageError(`--${name} must be a number between 0 and 1, got ${JSON.stringify(raw)}`);
  }
  return v;
}

export function parseSimulateArgs(argv: string[]): SimulateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        months: { type: 'string' },
        'claims-per-month': { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        start: { type: 'string' },
        'defect-rate': { type: 'string', multiple: true },
        'defect-scale': { type: 'string' },
        'max-claims-per-file': { type: 'string' },
        'fhir-share': { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const problems: string[] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (e instanceof UsageError) problems.push(e.message);
      else throw e;
      return undefined;
    }
  };
  const months = attempt(() => wholeNumber('months', v.months, 1)) ?? 1;
  const claimsPerMonth = attempt(() => wholeNumber('claims-per-month', v['claims-per-month'], 1)) ?? 2000;
  if (v.out === undefined || v.out === '') problems.push('--out DIR is required');
  if (v.start !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(v.start)) {
    problems.push(`--start must be a month YYYY-MM, got ${JSON.stringify(v.start)}`);
  }
  const rates: Partial<Record<DefectKind, number>> = {};
  for (const item of v['defect-rate'] ?? []) {
    const eq = item.indexOf('=');
    const kind = eq < 0 ? '' : item.slice(0, eq);
    if (!isDefectKind(kind)) {
      problems.push(
        `--defect-rate takes kind=rate with a kind among ${DEFECT_KINDS.join(', ')}; got ${JSON.stringify(item)}`,
      );
      continue;
    }
    const r = attempt(() => share('defect-rate', item.slice(eq + 1)));
    if (r !== undefined) rates[kind] = r;
  }
  const scale = v['defect-scale'] === undefined ? undefined : Number(v['defect-scale']);
  if (scale !== undefined && !(scale >= 0 && Number.isFinite(scale))) {
    problems.push(`--defect-scale must be a number ≥ 0, got ${JSON.stringify(v['defect-scale'])}`);
  }
  const maxPerFile = attempt(() => wholeNumber('max-claims-per-file', v['max-claims-per-file'], 1));
  const fhirShare =
    v['fhir-share'] === undefined ? undefined : attempt(() => share('fhir-share', v['fhir-share']!));
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return {
    out: v.out!,
    seed: v.seed ?? '1',
    months,
    claimsPerMonth,
    ...(v.start ? { start: v.start } : {}),
    defectRates: rates,
    ...(scale !== undefined ? { defectScale: scale } : {}),
    ...(maxPerFile !== undefined ? { maxClaimsPerFile: maxPerFile } : {}),
    ...(fhirShare !== undefined ? { fhirShare } : {}),
  };
}

/** `claimguard simulate`: 0 when written, 2 for bad arguments or a rate set that does not add up. */
export async function simulateCommand(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let options: SimulateOptions;
  try {
    options = parseSimulateArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err.write(`simulate: ${e.message}\n`);
    return 2;
  }
  try {
    const result = simulate({
      ...options,
      onMonth: (month, claims) => out.write(`simulate: ${month}: ${claims} claims written\n`),
    });
    const injected = Object.values(result.defectCounts).reduce((a, b) => a + b, 0);
    out.write(
      `simulate: ${result.claims} claims, ${injected} with an injected defect (${((100 * injected) / Math.max(1, result.claims)).toFixed(1)}%), ` +
        `${result.files.length} files in ${options.out}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof RangeError) {
      err.write(`simulate: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
