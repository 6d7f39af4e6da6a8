/**
 * Helpers for tests: build small X12 texts with chosen delimiters. Test-only; not exported from the
 * library index.
 */
export interface TextDelimiters {
  element?: string;
  component?: string;
  /** ISA11: a repetition separator, or 'U' for 4010. */
  repetition?: string;
  segment?: string;
  /** Text written after each terminator (e.g. '\n'). */
  after?: string;
}

/** A 106-character ISA header (with terminator) using the given delimiters. */
export function isaHeader(d: TextDelimiters = {}, control = '000000001', version = '00501'): string {
  const e = d.element ?? '*';
  const fields = [
    'ISA',
    '00',
    '          ',
    '00',
    '          ',
    'ZZ',
    'SUBMITTER      ',
    'ZZ',
    'RECEIVER       ',
    '260101',
    '1200',
    d.repetition ?? '^',
    version,
    control,
    '0',
    'T',
    d.component ?? ':',
  ];
  return fields.join(e) + (d.segment ?? '~');
}

/**
 * Joins segments written with '*' and ':' into X12 text using the given delimiters, wrapping them in
 * ISA/GS/.../GE/IEA when `envelope` is set (counts and control numbers filled in).
 */
export function x12(
  segments: string[],
  d: TextDelimiters = {},
  envelope = true,
  control = '000000001',
): string {
  const el = d.element ?? '*';
  const comp = d.component ?? ':';
  const term = d.segment ?? '~';
  const after = d.after ?? '';
  const conv = (s: string): string => s.replace(/[*:]/g, (c) => (c === '*' ? el : comp));
  const body = segments.map((s) => conv(s) + term + after).join('');
  if (!envelope) return body;
  const stCount = segments.filter((s) => s.startsWith('ST*')).length;
  return (
    isaHeader(d, control) +
    after +
    conv('GS*HC*SENDER*RECEIVER*20260101*1200*1*X*005010X222A1') +
    term +
    after +
    body +
    conv(`GE*${stCount}*1`) +
    term +
    after +
    conv(`IEA*1*${control}`) +
    term +
    after
  );
}
