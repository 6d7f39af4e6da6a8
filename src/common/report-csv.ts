/**
 * Any report or list as CSV: the answer's `rows` (or `items`, or the backtest's per-rule table)
 * flattened to columns. Money columns (names ending in `Cents`) are written as dollars with two
 * decimals (the column renamed from …Cents to …Dollars); nested objects as `parent.child` columns; strings are
 * neutralised against spreadsheet formula injection by src/common/csv.ts.
 */
import { csvMoney, toCsv, type CsvValue } from './csv.js';

/** The list of a report answer that its CSV holds. */
export function reportRows(answer: unknown): Record<string, unknown>[] {
  if (answer === null || typeof answer !== 'object') return [];
  if (Array.isArray(answer)) return answer as Record<string, unknown>[];
  const a = answer as Record<string, unknown>;
  for (const key of ['rows', 'items']) {
    if (Array.isArray(a[key])) return a[key] as Record<string, unknown>[];
  }
  if (a['rules'] && typeof a['rules'] === 'object' && !Array.isArray(a['rules'])) {
    return Object.values(a['rules'] as Record<string, Record<string, unknown>>);
  }
  if (a['appeals'] && typeof a['appeals'] === 'object') {
    const appeals = ((a['appeals'] as { rows?: unknown[] }).rows ?? []) as Record<string, unknown>[];
    const filing = ((a['filing'] as { rows?: unknown[] } | undefined)?.rows ?? []) as Record<
      string,
      unknown
    >[];
    return [
      ...appeals.map((r) => ({ deadlineKind: 'appeal', ...r })),
      ...filing.map((r) => ({ deadlineKind: 'filing', ...r })),
    ];
  }
  if (a['calibration'] && typeof a['calibration'] === 'object') {
    const rel = (a['calibration'] as { reliability?: unknown[] }).reliability;
    if (Array.isArray(rel)) return rel as Record<string, unknown>[];
  }
  return [flattenScalars(a)];
}

/** Nested objects as `a.b` keys; arrays kept (as cells) when `keepArrays`, else left out. */
function flattenScalars(
  o: Record<string, unknown>,
  keepArrays = false,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      flattenScalars(v as Record<string, unknown>, keepArrays, name, out);
    else if (keepArrays || !Array.isArray(v)) out[name] = v;
  }
  return out;
}

/** The CSV text of a report answer. */
export function reportCsv(answer: unknown): string {
  const rows = reportRows(answer).map((r) => flattenScalars(r, true));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  // Money columns: any part of the (flattened) name ending in Cents (`byKindCents.denial` too).
  const isMoney = (c: string) => c.split('.').some((part) => part.endsWith('Cents'));
  const header = columns.map((c) =>
    c
      .split('.')
      .map((part) => (part.endsWith('Cents') ? `${part.slice(0, -5)}Dollars` : part))
      .join('.'),
  );
  return toCsv(
    header,
    rows.map((r) =>
      columns.map((c): CsvValue => {
        const v = r[c];
        if (isMoney(c) && typeof v === 'number' && Number.isSafeInteger(v)) return csvMoney(v);
        if (Array.isArray(v))
          return v
            .map((x: unknown) =>
              x !== null && typeof x === 'object'
                ? String((x as { ruleId?: unknown }).ruleId ?? JSON.stringify(x))
                : String(x),
            )
            .join(';');
        if (
          v === null ||
          v === undefined ||
          typeof v === 'string' ||
          typeof v === 'number' ||
          typeof v === 'boolean'
        )
          return v;
        return JSON.stringify(v);
      }),
    ),
  );
}
