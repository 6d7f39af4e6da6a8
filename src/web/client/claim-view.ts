/**
 * What the claim page says about a finding, as pure functions (tested with jest): the X12 element a
 * billing specialist fixes in the practice-management system, and the evidence as readable lines.
 */

/**
 * The X12 element a rule names in its references: the part after the implementation guide of the
 * first X12 reference, e.g. `X12 005010X222A1 837 Professional, 2300 and 2400 REF G1 (prior
 * authorization)` → `2300 and 2400 REF G1 (prior authorization)`; null when no reference names one.
 */
export function x12ElementOf(references: readonly string[] | undefined): string | null {
  for (const ref of references ?? []) {
    const m = /^(?:ASC\s+)?X12\b[^,]*,\s*(.+)$/i.exec(ref.trim());
    if (m && /\b(?:\d{4}[A-Z]?|[A-Z]{2,3}\d{0,2}(?:-\d)?)\b/.test(m[1]!)) {
      return m[1]!.replace(/^loops?\s+/i, 'loop ').trim();
    }
  }
  return null;
}

/** `authNumber` → `Auth number`; `line.procedureCode` → `Line procedure code`. */
export function humanKey(key: string): string {
  const words = key
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) {
    return v.length === 0 ? '—' : v.map((x) => String(x)).join(', ');
  }
  return JSON.stringify(v);
}

/**
 * A finding's evidence as `[label, text]` lines: nested objects one level deep become
 * `Parent child` lines, so the authorization on file reads as `Authorization status: expired`.
 */
export function evidenceLines(
  evidence: Readonly<Record<string, unknown>> | null | undefined,
): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(evidence ?? {})) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const inner = Object.entries(v as Record<string, unknown>);
      if (inner.length === 0) continue;
      for (const [ik, iv] of inner) out.push([`${humanKey(k)} ${humanKey(ik).toLowerCase()}`, valueText(iv)]);
    } else {
      out.push([humanKey(k), valueText(v)]);
    }
  }
  return out;
}

/** The first sentence of a finding's message (the summary line); the rest is detail. */
export function firstSentence(message: string): string {
  const text = message.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.;!?])(\s|$)/.exec(text);
  return m ? m[1]! : text;
}
