/**
 * Procedure-code sets written as exact codes and inclusive ranges (`73721`, `70010-76499`,
 * `E0100-E0105`), as payer profiles list them. Codes are upper-cased and trimmed before matching.
 */
import type { CodeMatcher } from '../claim-context.js';

/** One code: 4 to 7 letters and digits (CPT, HCPCS, CDT, revenue codes). */
const CODE = /^[A-Z0-9]{4,7}$/;

/** The letter/digit pattern of a code (`E0100` → `A9999`): a range only holds codes of its ends' shape. */
function shape(code: string): string {
  return code.replace(/[0-9]/g, '9').replace(/[A-Z]/g, 'A');
}

/** Why an entry is not a code or a range, or null when it is one. */
export function codeEntryProblem(raw: string): string | null {
  const entry = raw.trim().toUpperCase();
  const parts = entry.split('-');
  if (parts.length > 2) return `"${raw}" is not a code or a range (one "-" at most)`;
  for (const p of parts) {
    if (!CODE.test(p)) return `"${raw}" is not a code or a range: "${p}" is not 4 to 7 letters and digits`;
  }
  if (parts.length === 2) {
    const [from, to] = parts as [string, string];
    if (from.length !== to.length) return `"${raw}": both ends of a range need the same length`;
    if (shape(from) !== shape(to))
      return `"${raw}": both ends of a range need letters and digits in the same places`;
    if (from >= to) return `"${raw}": the range must run upwards between two different codes`;
  }
  return null;
}

interface Range {
  from: string;
  to: string;
  shape: string;
}

/**
 * A matcher for the entries (validated: throws on the first bad entry; loaders check entries with
 * {@link codeEntryProblem} first to report every problem). Exact codes are a Set; ranges are
 * compared as same-length strings of the same letter/digit shape, so `70010-76499` holds `73721`
 * but not `7372F`.
 */
export function createCodeMatcher(entries: readonly string[]): CodeMatcher {
  const exact = new Set<string>();
  const ranges: Range[] = [];
  for (const raw of entries) {
    const problem = codeEntryProblem(raw);
    if (problem !== null) throw new Error(problem);
    const entry = raw.trim().toUpperCase();
    const dash = entry.indexOf('-');
    if (dash === -1) exact.add(entry);
    else {
      const from = entry.slice(0, dash);
      ranges.push({ from, to: entry.slice(dash + 1), shape: shape(from) });
    }
  }
  const frozen = Object.freeze(entries.map((e) => e.trim().toUpperCase()));
  return {
    entries: frozen,
    has(code: string): boolean {
      const c = code.trim().toUpperCase();
      if (exact.has(c)) return true;
      if (ranges.length === 0) return false;
      let s: string | null = null;
      for (const r of ranges) {
        if (c.length !== r.from.length || c < r.from || c > r.to) continue;
        s ??= shape(c);
        if (s === r.shape) return true;
      }
      return false;
    },
  };
}
