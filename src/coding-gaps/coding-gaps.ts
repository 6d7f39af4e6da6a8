/**
 * Coding gaps: the distance between the clinical note and the codes, as the coding team works it.
 * Pure (no Nest, no database): which findings are gaps, their stable keys, the note excerpt shown
 * next to the billed codes, each encounter's gaps with their status, grouping by provider, and the
 * page cursor.
 *
 * A gap is a current finding of a documentation or coding rule (a billed diagnosis or procedure the
 * note does not support, an unsigned note, an ambiguous abbreviation, a code not valid on the date of
 * service, a missing modifier, an NCCI or MUE coding edit), or one missed charge (a procedure the note
 * documents that no claim bills). Its key is `<ruleId>:<lineNumber>` for a finding and
 * `missed-charge:<code>` for a missed charge: the same after every re-evaluation, so a status set
 * by a coder stays with the gap for as long as the gap exists.
 */

/** Rule categories whose findings are the coding team's work (rules/README.md). */
export const CODING_GAP_CATEGORIES = ['documentation', 'coding', 'bundling', 'units'] as const;

/** The rule whose finding lists missed charges: shown as one gap per code, not as a finding gap. */
export const MISSED_CHARGE_RULE = 'DOC-MISSED-CHARGE';

/** The evidence fact that lists a missed-charge finding's codes. */
const UNBILLED_FACT = 'claim.documentation.unbilledProcedures';

export const GAP_STATUSES = ['open', 'resolved', 'sent-back'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

export type GapKind = 'finding' | 'missed-charge';

const RULE_ID = /^[A-Z0-9][A-Z0-9-]{0,62}$/;
const CODE = /^[A-Z0-9]{1,48}$/i;

/** The key of a finding's gap. */
export function findingGapKey(ruleId: string, lineNumber: number): string {
  return `${ruleId}:${lineNumber}`;
}

/** The key of a missed charge's gap. */
export function missedChargeGapKey(code: string): string {
  return `missed-charge:${code.toUpperCase()}`;
}

export type ParsedGapKey =
  { kind: 'finding'; ruleId: string; lineNumber: number } | { kind: 'missed-charge'; code: string };

/** A gap key's parts, or null when the text is not a gap key. */
export function parseGapKey(key: string): ParsedGapKey | null {
  const colon = key.lastIndexOf(':');
  if (colon <= 0 || key.length > 120) return null;
  const head = key.slice(0, colon);
  const tail = key.slice(colon + 1);
  if (head === 'missed-charge') return CODE.test(tail) ? { kind: 'missed-charge', code: tail } : null;
  if (!RULE_ID.test(head) || !/^(0|[1-9]\d{0,5})$/.test(tail)) return null;
  return { kind: 'finding', ruleId: head, lineNumber: Number(tail) };
}

/** A current finding as the gap list reads it. */
export interface GapFinding {
  ruleId: string;
  category: string;
  severity: string;
  lineNumber: number;
  message: string;
  fix: string;
  evidence: Record<string, unknown>;
  amountCents: number;
  /** Whether the finding stands overridden (the tool was wrong): then it is no gap. */
  overridden: boolean;
}

/** A missed-charge leakage item of the claim (src/reporting/claim-report.ts). */
export interface MissedChargeItem {
  amountCents: number;
  /** `97140 documented, not billed (…)`: the code comes first. */
  detail: string;
}

/** A clinical note linked to the claim's patient for the claim's dates of service. */
export interface GapNote {
  documentId: string;
  serviceDate: string;
  signed: boolean;
  diagnosisCodes: string[];
  procedureCodes: string[];
  text: string;
}

export interface BilledLine {
  lineNumber: number;
  code: string;
  modifiers: string[];
  units: number | null;
  chargeCents: number;
}

/** What the claim bills, shown beside the note. */
export interface BilledCodes {
  diagnoses: string[];
  lines: BilledLine[];
}

/** A coder's status of a gap, as stored (a gap without one is open). */
export interface GapState {
  status: GapStatus;
  comment: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** One gap as the API answers it. */
export interface GapView {
  gapKey: string;
  kind: GapKind;
  ruleId: string;
  category: string;
  severity: string;
  lineNumber: number;
  /** The billed procedure of the line (line findings), the unbilled code (missed charges), else null. */
  code: string | null;
  message: string;
  fix: string;
  evidence: Record<string, unknown>;
  /** The part of the note that matters for this gap (null when the patient has no note for the dates). */
  noteExcerpt: string | null;
  /** The note the excerpt is from, and what it documents. */
  note: {
    documentId: string;
    serviceDate: string;
    signed: boolean;
    diagnoses: string[];
    procedures: string[];
  } | null;
  billedCodes: BilledCodes;
  status: GapStatus;
  comment: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** The charge at risk (findings) or the missed charge's contract value (0 when unknown). */
  amountCents: number;
}

/** Everything known about one encounter (claim) for its gaps. */
export interface EncounterInput {
  claimId: string;
  patientControlNumber: string;
  serviceDate: string | null;
  payerId: string;
  providerNpi: string;
  providerName: string | null;
  findings: GapFinding[];
  missedCharges: MissedChargeItem[];
  notes: GapNote[];
  billed: BilledCodes;
  states: ReadonlyMap<string, GapState>;
}

export interface EncounterView {
  claimId: string;
  patientControlNumber: string;
  serviceDate: string | null;
  payerId: string;
  gaps: GapView[];
}

export interface ProviderGroup {
  providerNpi: string;
  providerName: string | null;
  /** Gaps of this provider on this page. */
  gapCount: number;
  encounters: EncounterView[];
}

const SEVERITY_ORDER: Record<string, number> = { block: 0, warn: 1, info: 2 };

/** Whether a finding is a coding gap (documentation/coding categories; missed charges apart). */
export function isGapFinding(f: { ruleId: string; category: string }): boolean {
  return f.ruleId !== MISSED_CHARGE_RULE && (CODING_GAP_CATEGORIES as readonly string[]).includes(f.category);
}

/** Every string in an evidence value (nested arrays and objects), at most `max`. */
function evidenceStrings(value: unknown, out: string[] = [], max = 50): string[] {
  if (out.length >= max) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) evidenceStrings(v, out, max);
  else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) evidenceStrings(v, out, max);
  }
  return out;
}

/** The codes a missed charge is about: from the finding's evidence and the leakage items, once each. */
export function missedChargeCodes(
  finding: GapFinding | undefined,
  items: readonly MissedChargeItem[],
): string[] {
  const codes: string[] = [];
  const add = (c: string) => {
    const code = c.trim().toUpperCase();
    if (CODE.test(code) && !codes.includes(code)) codes.push(code);
  };
  const listed = finding?.evidence[UNBILLED_FACT];
  if (Array.isArray(listed)) for (const c of listed) if (typeof c === 'string') add(c);
  for (const item of items) {
    const code = /^(\S+) documented/.exec(item.detail)?.[1];
    if (code) add(code);
  }
  return codes;
}

const EXCERPT_CHARS = 400;

/**
 * The part of a note worth reading for a gap: around the note line the evidence names
 * (`DOC-1 line 3: …`), else around the first evidence term found in the text (an abbreviation, a
 * code), else the note's beginning. At most about 400 characters, cut at word boundaries, with `…`
 * where text was left out.
 */
export function noteExcerpt(
  note: GapNote,
  evidence: Record<string, unknown>,
  extraTerms: string[] = [],
): string {
  const text = note.text.replace(/\r\n?/g, '\n');
  if (text.length <= EXCERPT_CHARS) return text;
  const strings = evidenceStrings(evidence);
  let at = -1;
  const lineRef = new RegExp(`${escapeRegExp(note.documentId)} line (\\d+)`);
  for (const s of strings) {
    const m = lineRef.exec(s);
    if (m) {
      at = lineStart(text, Number(m[1]));
      break;
    }
  }
  if (at < 0) {
    const terms = [...extraTerms, ...strings.flatMap(quotedOrCodeTerms)];
    const lower = text.toLowerCase();
    for (const t of terms) {
      const i = lower.indexOf(t.toLowerCase());
      if (i >= 0) {
        at = i;
        break;
      }
    }
  }
  if (at < 0) return cut(text, 0, EXCERPT_CHARS);
  const start = Math.max(0, at - EXCERPT_CHARS / 4);
  return cut(text, start, start + EXCERPT_CHARS);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The offset where 1-based line `n` starts (the end of the text when there are fewer lines). */
function lineStart(text: string, n: number): number {
  let at = 0;
  for (let line = 1; line < n; line++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return at;
    at = next + 1;
  }
  return at;
}

/** Words worth looking for in a note: quoted terms ("MI") and codes (J06.9, 99213). */
function quotedOrCodeTerms(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/["“']([^"”']{2,40})["”']/g)) out.push(m[1]!);
  for (const m of s.matchAll(/\b([A-Z]\d{2}(?:\.\w{1,4})?|\d{5}|[A-Z]\d{4})\b/g)) out.push(m[1]!);
  return out;
}

/** text[start, end) at word boundaries, with … where text was cut. */
function cut(text: string, start: number, end: number): string {
  let s = start;
  let e = Math.min(text.length, end);
  if (s > 0) {
    const space = text.indexOf(' ', s);
    if (space >= 0 && space < s + 30) s = space + 1;
  }
  if (e < text.length) {
    const space = text.lastIndexOf(' ', e);
    if (space > s + 30) e = space;
  }
  return `${s > 0 ? '…' : ''}${text.slice(s, e).trim()}${e < text.length ? '…' : ''}`;
}

/** The note a gap is best read against: one the evidence names, else an unsigned one for DOC-UNSIGNED, else the first. */
function noteFor(
  notes: readonly GapNote[],
  evidence: Record<string, unknown>,
  ruleId: string,
): GapNote | null {
  if (notes.length === 0) return null;
  const named = new Set(evidenceStrings(evidence).flatMap((s) => s.split(/[\s,;:()]+/)));
  const byName = notes.find((n) => named.has(n.documentId));
  if (byName) return byName;
  if (ruleId === 'DOC-UNSIGNED') return notes.find((n) => !n.signed) ?? notes[0]!;
  return notes[0]!;
}

function noteSummary(n: GapNote | null): GapView['note'] {
  return (
    n && {
      documentId: n.documentId,
      serviceDate: n.serviceDate,
      signed: n.signed,
      diagnoses: n.diagnosisCodes,
      procedures: n.procedureCodes,
    }
  );
}

/** The gaps of one encounter, most severe first, then by line and rule; missed charges last. */
export function encounterGaps(e: EncounterInput): GapView[] {
  const state = (key: string) => e.states.get(key);
  const withState = (key: string) => {
    const s = state(key);
    return {
      status: s?.status ?? ('open' as GapStatus),
      comment: s?.comment ?? null,
      updatedBy: s?.updatedBy ?? null,
      updatedAt: s?.updatedAt ?? null,
    };
  };
  const gaps: GapView[] = [];
  const findings = e.findings
    .filter((f) => isGapFinding(f) && !f.overridden)
    .sort(
      (a, b) =>
        (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9) ||
        a.lineNumber - b.lineNumber ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
  for (const f of findings) {
    const gapKey = findingGapKey(f.ruleId, f.lineNumber);
    const line = f.lineNumber > 0 ? e.billed.lines.find((l) => l.lineNumber === f.lineNumber) : undefined;
    const note = noteFor(e.notes, f.evidence, f.ruleId);
    gaps.push({
      gapKey,
      kind: 'finding',
      ruleId: f.ruleId,
      category: f.category,
      severity: f.severity,
      lineNumber: f.lineNumber,
      code: line?.code ?? null,
      message: f.message,
      fix: f.fix,
      evidence: f.evidence,
      noteExcerpt: note && noteExcerpt(note, f.evidence, line ? [line.code] : []),
      note: noteSummary(note),
      billedCodes: e.billed,
      ...withState(gapKey),
      amountCents: f.amountCents,
    });
  }
  const missed = e.findings.find((f) => f.ruleId === MISSED_CHARGE_RULE && !f.overridden);
  const overriddenMissed = e.findings.some((f) => f.ruleId === MISSED_CHARGE_RULE && f.overridden);
  if (!overriddenMissed) {
    for (const code of missedChargeCodes(missed, e.missedCharges)) {
      const gapKey = missedChargeGapKey(code);
      const item = e.missedCharges.find((i) => i.detail.startsWith(`${code} `));
      const note =
        e.notes.find((n) => n.procedureCodes.some((p) => p.toUpperCase() === code)) ??
        noteFor(e.notes, missed?.evidence ?? {}, MISSED_CHARGE_RULE);
      gaps.push({
        gapKey,
        kind: 'missed-charge',
        ruleId: MISSED_CHARGE_RULE,
        category: missed?.category ?? 'documentation',
        severity: missed?.severity ?? 'info',
        lineNumber: 0,
        code,
        message: item ? item.detail : `${code} documented in the note, not billed`,
        fix:
          missed?.fix ??
          'Check with the provider whether the documented service was performed and separately billable; if so, bill it.',
        evidence: missed?.evidence ?? {},
        noteExcerpt: note && noteExcerpt(note, {}, [code]),
        note: noteSummary(note),
        billedCodes: e.billed,
        ...withState(gapKey),
        amountCents: item?.amountCents ?? 0,
      });
    }
  }
  return gaps;
}

/** Encounters (in page order: provider, date, claim) grouped by provider, in that order. */
export function groupByProvider(
  encounters: readonly (EncounterView & { providerNpi: string; providerName: string | null })[],
): ProviderGroup[] {
  const groups: ProviderGroup[] = [];
  for (const { providerNpi, providerName, ...encounter } of encounters) {
    let g = groups[groups.length - 1];
    if (!g || g.providerNpi !== providerNpi) {
      g = { providerNpi, providerName, gapCount: 0, encounters: [] };
      groups.push(g);
    }
    g.providerName ??= providerName;
    g.gapCount += encounter.gaps.length;
    g.encounters.push(encounter);
  }
  return groups;
}

/** Where a page of encounters starts: after this provider, date of service ('' when none) and claim. */
export interface GapPosition {
  providerNpi: string;
  serviceDate: string;
  claimId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeGapCursor(p: GapPosition): string {
  return Buffer.from(JSON.stringify([p.providerNpi, p.serviceDate, p.claimId]), 'utf8').toString('base64url');
}

/** The position a cursor names, or null when the text is not one encodeGapCursor wrote. */
export function decodeGapCursor(text: string): GapPosition | null {
  if (!/^[A-Za-z0-9_-]{1,300}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [providerNpi, serviceDate, claimId] = parsed as unknown[];
  if (typeof providerNpi !== 'string' || providerNpi.length > 10) return null;
  if (typeof serviceDate !== 'string' || !(serviceDate === '' || /^\d{4}-\d{2}-\d{2}$/.test(serviceDate)))
    return null;
  if (typeof claimId !== 'string' || !UUID.test(claimId)) return null;
  return { providerNpi, serviceDate, claimId };
}
