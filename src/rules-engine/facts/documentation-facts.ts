/**
 * Documentation facts: the clinical notes linked to the patient for the claim's dates of service
 * (a note counts for a line when its service date lies in the line's DTP 472 range), and what they
 * support: are there notes, are they signed, are the billed diagnoses and procedures in them, do
 * ambiguous abbreviations in them disagree with the billed diagnoses, and were documented services
 * left unbilled. Plus the payer's attachment (PWK) requirement, which depends on no record source.
 */
import { formatIcd10 } from '../../code-sets/code-normalization.js';
import type { DocumentationRecord } from '../../inputs/input-records.js';
import type { AbbreviationMatcher, AmbiguityFinding } from '../../lexicon/abbreviation-matcher.js';
import type { ServiceLine } from '../../x12/index.js';
import type { ClaimContext } from '../claim-context.js';
import { defineFact, type FactDefinition } from '../fact.js';
import {
  billedDiagnosisCodes,
  lineDateFrom,
  lineDateTo,
  lineProcedureCode,
  requireLine,
} from './patient-record-support.js';

/** The notes whose service date lies in `[from, to]`. */
function notesBetween(ctx: ClaimContext, from: string, to: string): DocumentationRecord[] {
  const out: DocumentationRecord[] = [];
  for (const l of ctx.documentation) {
    const d = l.record.serviceDate;
    if (d >= from && d <= to) out.push(l.record);
  }
  return out;
}

/** The notes for one line's dates of service. */
export function lineNotes(ctx: ClaimContext, line: ServiceLine): DocumentationRecord[] {
  const from = lineDateFrom(ctx.claim, line);
  if (from === null) return [];
  return notesBetween(ctx, from, lineDateTo(ctx.claim, line) ?? from);
}

/** The notes for any of the claim's dates of service (each once, in linked order). */
export function claimNotes(ctx: ClaimContext): DocumentationRecord[] {
  const out: DocumentationRecord[] = [];
  const claim = ctx.claim;
  for (const l of ctx.documentation) {
    const d = l.record.serviceDate;
    for (const line of claim.lines) {
      const from = lineDateFrom(claim, line);
      if (from === null) continue;
      const to = lineDateTo(claim, line) ?? from;
      if (d >= from && d <= to) {
        out.push(l.record);
        break;
      }
    }
  }
  return out;
}

/** The first dates of service of lines without any note in their date range, ascending, each once. */
function datesWithoutNote(ctx: ClaimContext): string[] {
  const out: string[] = [];
  for (const line of ctx.claim.lines) {
    const from = lineDateFrom(ctx.claim, line);
    if (from === null || out.includes(from)) continue;
    if (lineNotes(ctx, line).length === 0) out.push(from);
  }
  return out.sort();
}

/** Dates of service that have notes, none of them signed. */
function unsignedDates(ctx: ClaimContext): string[] {
  const out: string[] = [];
  for (const line of ctx.claim.lines) {
    const notes = lineNotes(ctx, line);
    if (notes.length === 0 || notes.some((n) => n.signed)) continue;
    for (const n of notes) if (!out.includes(n.serviceDate)) out.push(n.serviceDate);
  }
  return out.sort();
}

function normalizeDx(code: string): string {
  return code.replace('.', '').trim().toUpperCase();
}

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
    const display = formatIcd10(code);
    if (!found && !out.includes(display)) out.push(display);
  }
  return out;
}

function lineProcedureDocumented(ctx: ClaimContext, line: ServiceLine): boolean {
  const code = lineProcedureCode(line);
  if (code === '') return true;
  for (const n of lineNotes(ctx, line)) {
    for (const c of n.procedureCodes) if (c.trim().toUpperCase() === code) return true;
  }
  return false;
}

/** Whether any active claim (this one, or an earlier one in history) bills `code` on `date`. */
function billedOn(ctx: ClaimContext, code: string, date: string): boolean {
  const claims = [ctx.claim];
  for (const h of ctx.history) if (h.claim.frequencyCode !== '8') claims.push(h.claim);
  for (const claim of claims) {
    for (const line of claim.lines) {
      if (lineProcedureCode(line) !== code) continue;
      const from = lineDateFrom(claim, line);
      if (from !== null && date >= from && date <= (lineDateTo(claim, line) ?? from)) return true;
    }
  }
  return false;
}

/** Procedure codes documented on the claim's dates of service that no claim bills for that date. */
function unbilledProcedures(ctx: ClaimContext): { code: string; documentId: string; date: string }[] {
  const out: { code: string; documentId: string; date: string }[] = [];
  for (const n of claimNotes(ctx)) {
    for (const raw of n.procedureCodes) {
      const code = raw.trim().toUpperCase();
      if (code === '' || out.some((u) => u.code === code && u.date === n.serviceDate)) continue;
      if (!billedOn(ctx, code, n.serviceDate))
        out.push({ code, documentId: n.documentId, date: n.serviceDate });
    }
  }
  return out;
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

/** The lexicon findings of a kind on the claim's notes, as `DOC-1 line 3: <reason>`. */
function abbreviationFindings(ctx: ClaimContext, kind: AmbiguityFinding['kind']): string[] {
  const notes = claimNotes(ctx);
  if (notes.length === 0) return [];
  const codes = billedDiagnosisCodes(ctx);
  if (codes.length === 0) return [];
  const out: string[] = [];
  for (const n of notes) {
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
    compute: (ctx, ref) => lineNotes(ctx, requireLine(ref).line).length,
  }),
  defineFact<string[]>({
    name: 'line.documentation.noteIds',
    scope: 'line',
    type: 'string[]',
    source: S,
    description: "Document ids of the notes dated within the line's dates of service.",
    compute: (ctx, ref) => lineNotes(ctx, requireLine(ref).line).map((n) => n.documentId),
  }),
  defineFact<boolean>({
    name: 'line.documentation.procedureDocumented',
    scope: 'line',
    type: 'boolean',
    source: S,
    description:
      "A note of the line's dates lists the line's procedure code (false without notes; true for a line without a procedure code).",
    compute: (ctx, ref) => lineProcedureDocumented(ctx, requireLine(ref).line),
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
