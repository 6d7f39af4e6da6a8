/**
 * Documentation facts: the clinical notes linked to the patient for the claim's dates of service
 * (a note counts for a line when its service date lies in the line's DTP 472 range), and what they
 * support: are there notes, are they signed, are the billed diagnoses and procedures in them, do
 * ambiguous abbreviations in them disagree with the billed diagnoses, and were documented services
 * left unbilled. Plus the payer's attachment (PWK) requirement, which depends on no record source.
 */
import { formatIcd10, normalizeIcd10 } from '../../code-sets/code-normalization.js';
import type { DocumentationRecord } from '../../inputs/input-records.js';
import { codeInFamily, type CodeFamily } from '../../lexicon/abbreviation-lexicon.js';
import type { AbbreviationMatcher, AmbiguityFinding } from '../../lexicon/abbreviation-matcher.js';
import type { ServiceLine } from '../../x12/index.js';
import type { ClaimContext, LineRef } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import {
  billedDiagnosisCodes,
  compactDiagnosis,
  lineDateFrom,
  lineDateTo,
  lineProcedureCode,
  requireLine,
  upperTrimmed,
} from './patient-record-support.js';

const NO_NOTES: readonly DocumentationRecord[] = Object.freeze([]);

/**
 * What the documentation facts know about the claim being evaluated, from one pass over the linked
 * notes: the notes of each line's dates (linked order) and of the claim's (each once, linked order).
 * The rest (billed codes, missed charges) is derived on first use. Kept for the last context asked
 * about (the engine asks every fact of a claim before the next claim), and derived again when
 * another context, or another claim, note list or history in the same context object, comes.
 */
interface DocScratch {
  ctx: ClaimContext;
  claim: ClaimContext['claim'];
  documentation: ClaimContext['documentation'];
  history: ClaimContext['history'];
  /** Per line index: the notes dated within the line's dates of service. */
  lineNotes: readonly (readonly DocumentationRecord[])[];
  /** The notes dated on any of the claim's dates of service, each once. */
  claimNotes: readonly DocumentationRecord[];
  /** billedDiagnosisCodes(ctx), on first use. */
  billedCodes: readonly string[] | null;
  /** unbilledProcedures(ctx), on first use. */
  unbilled: readonly UnbilledProcedure[] | null;
}

let scratch: DocScratch | null = null;

function docScratch(ctx: ClaimContext): DocScratch {
  const s = scratch;
  if (
    s !== null &&
    s.ctx === ctx &&
    s.claim === ctx.claim &&
    s.documentation === ctx.documentation &&
    s.history === ctx.history
  )
    return s;
  const claim = ctx.claim;
  const lines = claim.lines;
  const n = lines.length;
  const froms: (string | null)[] = new Array<string | null>(n);
  const tos: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const from = lineDateFrom(claim, lines[i]!);
    froms[i] = from;
    tos[i] = from === null ? '' : (lineDateTo(claim, lines[i]!) ?? from);
  }
  const lineNotes: (readonly DocumentationRecord[])[] = new Array<readonly DocumentationRecord[]>(n).fill(
    NO_NOTES,
  );
  let claimNotes: DocumentationRecord[] | null = null;
  for (const l of ctx.documentation) {
    const d = l.record.serviceDate;
    let onClaim = false;
    for (let i = 0; i < n; i++) {
      const from = froms[i]!;
      if (from === null || d < from || d > tos[i]!) continue;
      onClaim = true;
      const list = lineNotes[i]!;
      if (list === NO_NOTES) lineNotes[i] = [l.record];
      else (list as DocumentationRecord[]).push(l.record);
    }
    if (onClaim) (claimNotes ??= []).push(l.record);
  }
  const value: DocScratch = {
    ctx,
    claim,
    documentation: ctx.documentation,
    history: ctx.history,
    lineNotes,
    claimNotes: claimNotes ?? NO_NOTES,
    billedCodes: null,
    unbilled: null,
  };
  scratch = value;
  return value;
}

/** The notes for one line's dates of service. */
export function lineNotes(ctx: ClaimContext, ref: LineRef): readonly DocumentationRecord[] {
  if (ctx.claim.lines[ref.index] !== ref.line) return lineNotesOf(ctx, ref.line);
  return docScratch(ctx).lineNotes[ref.index]!;
}

/** The notes for a line that is not (or no longer) the context claim's line at its index. */
function lineNotesOf(ctx: ClaimContext, line: ServiceLine): DocumentationRecord[] {
  const from = lineDateFrom(ctx.claim, line);
  if (from === null) return [];
  const to = lineDateTo(ctx.claim, line) ?? from;
  const out: DocumentationRecord[] = [];
  for (const l of ctx.documentation) {
    const d = l.record.serviceDate;
    if (d >= from && d <= to) out.push(l.record);
  }
  return out;
}

/** The notes for any of the claim's dates of service (each once, in linked order). */
export function claimNotes(ctx: ClaimContext): readonly DocumentationRecord[] {
  return docScratch(ctx).claimNotes;
}

/** The first dates of service of lines without any note in their date range, ascending, each once. */
function datesWithoutNote(ctx: ClaimContext): string[] {
  const s = docScratch(ctx);
  const lines = ctx.claim.lines;
  let out: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const from = lineDateFrom(ctx.claim, lines[i]!);
    if (from === null || (out !== null && out.includes(from))) continue;
    if (s.lineNotes[i]!.length === 0) (out ??= []).push(from);
  }
  return out === null ? [] : out.sort();
}

/** Dates of service that have notes, none of them signed. */
function unsignedDates(ctx: ClaimContext): string[] {
  const s = docScratch(ctx);
  let out: string[] | null = null;
  for (const notes of s.lineNotes) {
    if (notes.length === 0 || notes.some((n) => n.signed)) continue;
    for (const n of notes) if (out === null || !out.includes(n.serviceDate)) (out ??= []).push(n.serviceDate);
  }
  return out === null ? [] : out.sort();
}

const normalizeDx = compactDiagnosis;

/** Billed principal and other diagnoses (display form) that no note of the claim's dates lists; [] without notes. */
function undocumentedDiagnoses(ctx: ClaimContext): string[] {
  const notes = claimNotes(ctx);
  if (notes.length === 0) return [];
  const out: string[] = [];
  for (const d of ctx.claim.diagnoses) {
    if (d.codeSystem !== 'ICD-10-CM' || (d.role !== 'principal' && d.role !== 'other')) continue;
    const code = normalizeDx(d.code);
    if (code === '') continue;
    let found = false;
    for (const n of notes) {
      for (const c of n.diagnosisCodes) {
        if (normalizeDx(c) === code) {
          found = true;
          break;
        }
      }
      if (found) break;
    }
    if (found) continue;
    const display = formatIcd10(code);
    if (!out.includes(display)) out.push(display);
  }
  return out;
}

function lineProcedureDocumented(ctx: ClaimContext, ref: LineRef): boolean {
  const code = lineProcedureCode(ref.line);
  if (code === '') return true;
  for (const n of lineNotes(ctx, ref)) {
    for (const c of n.procedureCodes) if (upperTrimmed(c) === code) return true;
  }
  return false;
}

/** Whether `claim` bills `code` on `date`. */
function claimBillsOn(claim: ClaimContext['claim'], code: string, date: string): boolean {
  for (const line of claim.lines) {
    if (lineProcedureCode(line) !== code) continue;
    const from = lineDateFrom(claim, line);
    if (from !== null && date >= from && date <= (lineDateTo(claim, line) ?? from)) return true;
  }
  return false;
}

/**
 * Whether any active claim of the patient bills `code` on `date`: this one, an earlier one (history),
 * or a later one on the same dates (two claims of one day: the second bills what the first did not).
 */
function billedOn(ctx: ClaimContext, code: string, date: string): boolean {
  if (claimBillsOn(ctx.claim, code, date)) return true;
  for (const h of ctx.history)
    if (h.claim.frequencyCode !== '8' && claimBillsOn(h.claim, code, date)) return true;
  for (const c of ctx.concurrentClaims ?? [])
    if (c.claim.frequencyCode !== '8' && claimBillsOn(c.claim, code, date)) return true;
  return false;
}

interface UnbilledProcedure {
  code: string;
  documentId: string;
  date: string;
}

/** Procedure codes documented on the claim's dates of service that no claim bills for that date. */
function unbilledProcedures(ctx: ClaimContext): readonly UnbilledProcedure[] {
  const s = docScratch(ctx);
  if (s.unbilled !== null) return s.unbilled;
  let out: UnbilledProcedure[] | null = null;
  for (const n of s.claimNotes) {
    for (const raw of n.procedureCodes) {
      const code = upperTrimmed(raw);
      if (code === '' || (out !== null && out.some((u) => u.code === code && u.date === n.serviceDate)))
        continue;
      if (!billedOn(ctx, code, n.serviceDate))
        (out ??= []).push({ code, documentId: n.documentId, date: n.serviceDate });
    }
  }
  s.unbilled = out ?? [];
  return s.unbilled;
}

interface CachedAssessment {
  lexicon: AbbreviationMatcher;
  codesKey: string;
  findings: AmbiguityFinding[];
}
/** Assessments by note: a note's text does not change, and the same note is read by every claim of its visit. */
const assessments = new WeakMap<DocumentationRecord, CachedAssessment>();

function assessNote(
  lexicon: AbbreviationMatcher,
  note: DocumentationRecord,
  codes: readonly string[],
): AmbiguityFinding[] {
  const codesKey = codes.join(',');
  const cached = assessments.get(note);
  if (cached && cached.lexicon === lexicon && cached.codesKey === codesKey) return cached.findings;
  const findings = lexicon.assess(note.text, codes);
  assessments.set(note, { lexicon, codesKey, findings });
  return findings;
}

/** A lexicon entry as the pre-check reads it: its spelling and every code family of its meanings. */
interface EntryCodes {
  spelling: string;
  caseSensitive: boolean;
  families: readonly CodeFamily[];
}

const lexiconEntries = new WeakMap<AbbreviationMatcher, readonly EntryCodes[]>();

function entriesOf(matcher: AbbreviationMatcher): readonly EntryCodes[] {
  let entries = lexiconEntries.get(matcher);
  if (entries === undefined) {
    entries = matcher.lexicon.abbreviations.map((e) => ({
      spelling: e.caseSensitive ? e.abbreviation : e.abbreviation.toUpperCase(),
      caseSensitive: e.caseSensitive,
      families: e.meanings.flatMap((m) => m.codes),
    }));
    lexiconEntries.set(matcher, entries);
  }
  return entries;
}

/**
 * The lexicon entries one of whose meanings a billed code falls in. The matcher gives a finding only
 * for a mention of such an entry (a mention none of whose meanings is billed gives none), so a note
 * in which none of their spellings occurs (case aside for case-insensitive entries) has no finding,
 * and a claim without such an entry has none at all: neither needs reading.
 */
function billedEntries(ctx: ClaimContext, codes: readonly string[]): readonly EntryCodes[] {
  let billed: string[] | null = null;
  for (const c of codes) {
    const code = normalizeIcd10(c);
    if (code !== null) (billed ??= []).push(code);
  }
  if (billed === null) return NO_ENTRIES;
  let out: EntryCodes[] | null = null;
  for (const e of entriesOf(ctx.lexicon)) {
    if (e.families.some((f) => billed.some((code) => codeInFamily(code, f)))) (out ??= []).push(e);
  }
  return out ?? NO_ENTRIES;
}

const NO_ENTRIES: readonly EntryCodes[] = Object.freeze([]);

/** Whether a spelling of one of the entries occurs in the text (a necessary condition for a mention). */
function mentionsAny(text: string, entries: readonly EntryCodes[]): boolean {
  let upper: string | null = null;
  for (const e of entries) {
    if (e.caseSensitive) {
      if (text.includes(e.spelling)) return true;
    } else if ((upper ??= text.toUpperCase()).includes(e.spelling)) return true;
  }
  return false;
}

/** The lexicon findings of a kind on the claim's notes, as `DOC-1 line 3: <reason>`. */
function abbreviationFindings(ctx: ClaimContext, kind: AmbiguityFinding['kind']): string[] {
  const s = docScratch(ctx);
  const notes = s.claimNotes;
  if (notes.length === 0) return [];
  const codes = (s.billedCodes ??= billedDiagnosisCodes(ctx));
  if (codes.length === 0) return [];
  const entries = billedEntries(ctx, codes);
  if (entries.length === 0) return [];
  const out: string[] = [];
  for (const n of notes) {
    if (!mentionsAny(n.text, entries)) continue;
    for (const f of assessNote(ctx.lexicon, n, codes)) {
      if (f.kind === kind) out.push(`${n.documentId} line ${f.line}: ${f.reason}`);
    }
  }
  return out;
}

function attachmentReportTypes(ctx: ClaimContext, line: ServiceLine): string[] {
  const out: string[] = [];
  for (const a of line.attachments)
    if (a.reportType !== '' && !out.includes(a.reportType)) out.push(a.reportType);
  for (const a of ctx.claim.attachments)
    if (a.reportType !== '' && !out.includes(a.reportType)) out.push(a.reportType);
  return out;
}

const S = 'documentation' as const;

export const DOCUMENTATION_FACTS: readonly FactDefinition[] = [
  defineFact<string[]>({
    name: 'claim.documentation.noteIds',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description: "Document ids of the patient's notes dated on any of the claim's dates of service.",
    compute: (ctx) => claimNotes(ctx).map((n) => n.documentId),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.datesWithoutNote',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description:
      "The claim's dates of service (a line's first date) for which the patient has no note at all.",
    compute: (ctx) => datesWithoutNote(ctx),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.unsignedNoteIds',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description: "Document ids of unsigned notes dated on the claim's dates of service.",
    compute: (ctx) =>
      claimNotes(ctx)
        .filter((n) => !n.signed)
        .map((n) => n.documentId),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.unsignedDates',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description: 'Dates of service that have notes but no signed one.',
    compute: (ctx) => unsignedDates(ctx),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.undocumentedDiagnoses',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description:
      "Billed principal and other diagnoses (I21.4 form) that no note of the claim's dates of service lists; empty when there is no note.",
    compute: (ctx) => undocumentedDiagnoses(ctx),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.abbreviationConflicts',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description:
      "Ambiguous abbreviations in the claim's notes whose context points to a reading other than the billed diagnosis (lexicon conflicting-meaning), as `DOC-1 line 3: <reason>`.",
    compute: (ctx) => abbreviationFindings(ctx, 'conflicting-meaning'),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.unresolvedAbbreviations',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description:
      "Ambiguous abbreviations in the claim's notes that a billed diagnosis rests on while nothing near them settles the reading (lexicon ambiguous-unresolved).",
    compute: (ctx) => abbreviationFindings(ctx, 'ambiguous-unresolved'),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.unbilledProcedures',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description:
      "Procedure codes documented on the claim's dates of service that neither this claim nor an earlier active claim bills for that date (missed charges).",
    compute: (ctx) => unbilledProcedures(ctx).map((u) => u.code),
  }),
  defineFact<string[]>({
    name: 'claim.documentation.unbilledProcedureDetails',
    scope: 'claim',
    type: 'string[]',
    source: S,
    description: 'The missed charges with where they are documented, as `97140 on 2026-01-10 (DOC-1)`.',
    compute: (ctx) => unbilledProcedures(ctx).map((u) => `${u.code} on ${u.date} (${u.documentId})`),
  }),
  defineFact<number>({
    name: 'line.documentation.noteCount',
    scope: 'line',
    type: 'number',
    source: S,
    description: "How many of the patient's notes are dated within the line's dates of service.",
    compute: (ctx, ref) => lineNotes(ctx, requireLine(ref)).length,
  }),
  defineFact<string[]>({
    name: 'line.documentation.noteIds',
    scope: 'line',
    type: 'string[]',
    source: S,
    description: "Document ids of the notes dated within the line's dates of service.",
    compute: (ctx, ref) => lineNotes(ctx, requireLine(ref)).map((n) => n.documentId),
  }),
  defineFact<boolean>({
    name: 'line.documentation.procedureDocumented',
    scope: 'line',
    type: 'boolean',
    source: S,
    description:
      "A note of the line's dates lists the line's procedure code (false without notes; true for a line without a procedure code).",
    compute: (ctx, ref) => lineProcedureDocumented(ctx, requireLine(ref)),
  }),
  defineFact<boolean>({
    name: 'line.attachment.required',
    scope: 'line',
    type: 'boolean',
    description:
      "The payer profile requires documentation attached (PWK) when the line's procedure code is billed.",
    compute: (ctx, ref) => {
      const code = lineProcedureCode(requireLine(ref).line);
      return code !== '' && ctx.payer.attachmentCodes.has(code);
    },
  }),
  defineFact<string[]>({
    name: 'line.attachment.reportTypes',
    scope: 'line',
    type: 'string[]',
    description:
      'PWK01 report type codes sent with the line or with the claim (an attachment for the claim covers its lines).',
    compute: (ctx, ref) => attachmentReportTypes(ctx, requireLine(ref).line),
  }),
];
