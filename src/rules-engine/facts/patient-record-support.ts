/**
 * Small helpers shared by the patient-record facts (authorization, documentation, eligibility,
 * identity, duplicate, timely filing): dates of service, codes, day arithmetic. Pure, allocation-light:
 * facts run for every claim of the benchmark.
 */
import type { ClaimContext, LineRef } from '../claim-context.js';
import type { Claim, ServiceLine } from '../../x12/index.js';

/** A line's procedure code (upper case, trimmed), '' for a revenue-code-only institutional line. */
export function lineProcedureCode(line: ServiceLine): string {
  const code = line.procedure?.code;
  return code ? upperTrimmed(code) : '';
}

/**
 * `text.trim().toUpperCase()` without allocating in the common case (printable ASCII with no lower
 * case letter, no surrounding space: already canonical).
 */
export function upperTrimmed(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 32 || c > 126 || (c >= 97 && c <= 122)) return text.trim().toUpperCase();
  }
  return text;
}

/** A diagnosis code as sent, compared without its dot: `code.replace('.', '').trim().toUpperCase()`. */
export function compactDiagnosis(code: string): string {
  // Fast path: already upper-case letters and digits only (no dot, no space).
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return code.replace('.', '').trim().toUpperCase();
  }
  return code;
}

/** A line's first date of service: its DTP 472, else the claim's first date; null when neither is known. */
export function lineDateFrom(claim: Claim, line: ServiceLine): string | null {
  return line.serviceDate ?? claim.serviceDateFrom ?? null;
}

/** A line's last date of service (the end of its DTP 472 range), else its first date. */
export function lineDateTo(claim: Claim, line: ServiceLine): string | null {
  return line.serviceDateEnd ?? line.serviceDate ?? claim.serviceDateTo ?? claim.serviceDateFrom ?? null;
}

/** The claim's distinct first dates of service of its lines, ascending (the claim's own dates when it has no line). */
export function claimServiceDates(claim: Claim): string[] {
  const out: string[] = [];
  for (const line of claim.lines) {
    const d = lineDateFrom(claim, line);
    if (d !== null && !out.includes(d)) out.push(d);
  }
  if (out.length === 0 && claim.serviceDateFrom) out.push(claim.serviceDateFrom);
  return out.sort();
}

/** An authorization number for comparison: upper case, no whitespace (as `authorizationsByNumber` keys them). */
export function normalizeAuthNumber(raw: string | null | undefined): string {
  if (!raw) return '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    // Lower case, whitespace or non-ASCII: normalize; a plain upper-case number is returned as is.
    if ((c >= 97 && c <= 122) || c <= 32 || c > 127) return raw.replace(/\s+/g, '').toUpperCase();
  }
  return raw;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (no Date object, no time zone). */
export function dayNumber(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  // Days from civil (Howard Hinnant's algorithm).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `to − from` in days (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The `YYYY-MM-DD` date `days` after `date`. */
export function addDays(date: string, days: number): string {
  const z = dayNumber(date) + days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** The NPI the line was rendered by: the line's rendering provider, else the claim's, else the billing provider's. */
export function lineRenderingNpi(claim: Claim, line: ServiceLine): string {
  for (const p of line.providers) if (p.role === 'rendering' && p.npi) return p.npi;
  if (claim.renderingProvider?.npi) return claim.renderingProvider.npi;
  return claim.billingProvider?.npi ?? '';
}

/** The claim's billing provider NPI ('' when absent). */
export function billingNpi(claim: Claim): string {
  return claim.billingProvider?.npi ?? '';
}

/** The line of a line fact; facts declared `scope: 'line'` always get one. */
export function requireLine(ref: LineRef | null): LineRef {
  if (ref === null) throw new Error('a line fact was computed without a line');
  return ref;
}

/** The ICD-10-CM codes billed on the claim (HI, any role), as sent (upper case, no dot). */
export function billedDiagnosisCodes(ctx: ClaimContext): string[] {
  const out: string[] = [];
  for (const d of ctx.claim.diagnoses) {
    if (d.codeSystem !== 'ICD-10-CM') continue;
    const code = compactDiagnosis(d.code);
    if (code !== '' && !out.includes(code)) out.push(code);
  }
  return out;
}

/** Whether `date` lies in `[from, to]` (dates compare as strings; a null end is open). */
export function inPeriod(date: string, from: string, to: string | null): boolean {
  return date >= from && (to === null || date <= to);
}
