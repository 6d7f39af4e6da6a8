/**
 * What an inbox file is, from its first bytes (and, for ties, its name and folder). Pure: the inbox
 * reads at most SNIFF_HEAD_BYTES of a file and asks this module where to send it. Nothing here
 * validates a file: the ingest and import services do that and report every problem with its position.
 */
import { INPUT_KINDS, type InputKind } from '../inputs/input-records.js';
import { KIND_SPECS, TABULAR_KINDS, type TabularKind } from '../inputs/parsers/tabular-specs.js';

/** How much of a file's start the inbox reads to decide its kind. */
export const SNIFF_HEAD_BYTES = 64 * 1024;

/** Where an inbox file goes, and why. */
export type InboxRoute =
  /** X12 (837, 835, 271, 278 …): IngestService.ingestPath, which reads the transaction set itself. */
  | { route: 'x12' }
  /** One of the input kinds: InputsService.importPath. */
  | { route: 'input'; kind: InputKind; decidedBy: 'folder' | 'content' | 'name' }
  /** Nothing claimguard reads: failed without touching the database; `reason` is for the operator. */
  | { route: 'unknown'; reason: string };

/** The inbox subfolders that name an input kind (`<inbox>/authorizations/…`). */
export const INBOX_KIND_FOLDERS: readonly InputKind[] = INPUT_KINDS;

/**
 * Sniffs one inbox file.
 * - X12 content (`ISA`, or a bare `ST*nnn`, after an optional byte-order mark and white space) always
 *   goes to ingest, whatever the folder: X12 names its own transaction set, as for uploads.
 * - In a kind folder (`folderKind`), the folder decides: the importer then reports any mismatch with
 *   positions (a wrong header, a JSON object that is not a Bundle …).
 * - At the top of the inbox: a JSON object whose top-level `resourceType` is `Bundle` is `fhir`; a
 *   CSV, or a JSON array of objects, is the tabular kind whose required columns its header (or first
 *   record) carries. Several matching kinds are settled by a file name starting with one of them
 *   (`authorizations-2026-11.csv`); no match with such a name goes to that kind too, so that the
 *   operator gets the importer's report of the missing columns.
 */
export function sniffInboxFile(head: Buffer, fileName: string, folderKind: InputKind | null): InboxRoute {
  if (looksLikeX12(head)) return { route: 'x12' };
  if (folderKind) return { route: 'input', kind: folderKind, decidedBy: 'folder' };
  if (head.length === 0) return { route: 'unknown', reason: 'the file is empty' };

  const text = decodeUtf8Head(head);
  if (text === null) {
    return {
      route: 'unknown',
      reason:
        'the file is not text (binary content, or not UTF-8) and does not begin with an X12 ISA segment',
    };
  }
  const named = kindNamedBy(fileName);
  const body = text.replace(/^\uFEFF/, '');
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) return { route: 'unknown', reason: 'the file holds only white space' };

  if (first === '{') {
    const resourceType = jsonHead(body).resourceType;
    if (resourceType === 'Bundle') return { route: 'input', kind: 'fhir', decidedBy: 'content' };
    if (named === 'fhir') return { route: 'input', kind: 'fhir', decidedBy: 'name' };
    return {
      route: 'unknown',
      reason:
        resourceType === undefined
          ? 'a JSON object without a top-level resourceType (a FHIR Bundle names it; tabular JSON inputs are arrays of records)'
          : `a JSON object of resourceType ${JSON.stringify(resourceType)}; only FHIR resources of type Bundle are read`,
    };
  }

  let columns: string[] | null;
  let described: string;
  if (first === '[') {
    columns = jsonHead(body).firstRecordKeys ?? null;
    described = 'the first record of the JSON array';
    if (columns === null) {
      if (named && named !== 'fhir') return { route: 'input', kind: named, decidedBy: 'name' };
      return {
        route: 'unknown',
        reason:
          'a JSON array whose first element is not an object of column: value (or does not end within the first 64 KiB)',
      };
    }
  } else {
    columns = csvHeader(body);
    described = 'the CSV header row';
    if (columns === null) return { route: 'unknown', reason: 'the file has no CSV header row' };
  }
  return tabularRoute(columns, named, described);
}

/** The tabular kind whose required columns all appear in `columns` (see sniffInboxFile). */
function tabularRoute(columns: string[], named: InputKind | null, described: string): InboxRoute {
  const have = new Set(columns.map((c) => c.trim().toLowerCase()));
  const missingOf = (kind: TabularKind): string[] =>
    KIND_SPECS[kind].fields.filter((f) => f.required && !have.has(f.column)).map((f) => f.column);
  const matches = TABULAR_KINDS.filter((kind) => missingOf(kind).length === 0);
  if (matches.length === 1) return { route: 'input', kind: matches[0]!, decidedBy: 'content' };
  if (named && named !== 'fhir' && (matches.length === 0 || matches.includes(named))) {
    return { route: 'input', kind: named, decidedBy: 'name' };
  }
  if (matches.length > 1) {
    return {
      route: 'unknown',
      reason: `${described} carries the required columns of several input kinds (${matches.join(', ')})`,
    };
  }
  // The kind the header comes closest to, so that the operator sees what is missing.
  const closest = TABULAR_KINDS.map((kind) => ({ kind, missing: missingOf(kind) }))
    .filter((c) => c.missing.length < KIND_SPECS[c.kind].fields.filter((f) => f.required).length)
    .sort((a, b) => a.missing.length - b.missing.length)[0];
  return {
    route: 'unknown',
    reason:
      `${described} does not carry the required columns of any input kind` +
      (closest ? ` (closest: ${closest.kind}, missing ${closest.missing.join(', ')})` : ''),
  };
}

/** The input kind a file name starts with (`authorizations-2026-11.csv`, `FHIR_export.json`), if any. */
export function kindNamedBy(fileName: string): InputKind | null {
  const lower = fileName.toLowerCase();
  // Longest first would matter only if one kind name began another; none does.
  return INPUT_KINDS.find((kind) => lower.startsWith(kind)) ?? null;
}

/**
 * True when the content starts like X12: `ISA`, or a bare `ST` segment (`ST*835*0001~`) as some
 * systems send without an envelope, after an optional UTF-8 or UTF-16 byte-order mark and white space.
 */
export function looksLikeX12(head: Buffer): boolean {
  let text: string;
  if (head[0] === 0xff && head[1] === 0xfe) text = head.subarray(2, 2 + 256).toString('utf16le');
  else if (head[0] === 0xfe && head[1] === 0xff) {
    const swapped = Buffer.from(head.subarray(2, 2 + 256));
    swapped.subarray(0, swapped.length - (swapped.length % 2)).swap16();
    text = swapped.toString('utf16le');
  } else
    text = head
      .subarray(0, 1024)
      .toString('latin1')
      .replace(/^\xEF\xBB\xBF/, '');
  const start = text.trimStart();
  return /^ISA[^A-Za-z0-9\s]/.test(start) || /^ST[^A-Za-z0-9\s]\d{3}/.test(start);
}

/**
 * The head as UTF-8 text, or null when it is binary (a NUL byte, or bytes that are not UTF-8). The
 * head may end inside a character: a streaming decode leaves that last partial character out.
 */
function decodeUtf8Head(head: Buffer): string | null {
  if (head.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
}

/**
 * The cells of the first CSV record with any content (blank lines and all-blank records skipped, as
 * the importer does), or null when the head holds none. Quoted cells may hold commas, doubled quotes
 * and line breaks.
 */
export function csvHeader(text: string): string[] | null {
  let i = 0;
  while (i < text.length) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let ended = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else if (c === '\n' || c === '\r') {
        i++;
        if (c === '\r' && text[i] === '\n') i++;
        ended = true;
        break;
      } else cell += c;
    }
    // A record cut off by the end of the head inside quotes is not a header.
    if (quoted) return null;
    cells.push(cell);
    if (cells.some((x) => x.trim() !== '')) return cells.map((x) => x.trim());
    if (!ended) return null;
  }
  return null;
}

/** What the start of a JSON text says: the top object's resourceType, or an array's first record's keys. */
export interface JsonHead {
  /** The top-level object's `resourceType`, when it is a string found in the head. */
  resourceType?: string;
  /** The keys of the top-level array's first element, when it is an object that ends in the head. */
  firstRecordKeys?: string[];
}

/**
 * Reads just enough of a (possibly cut-off) JSON text for `JsonHead`: a small tokenizer over the
 * structure, so that a 50 MB bundle is recognized from its first 64 KiB without parsing it.
 */
export function jsonHead(text: string): JsonHead {
  const out: JsonHead = {};
  /** Open containers: the kind, and in an object whether the next string is a key. */
  const stack: { kind: 'object' | 'array'; expectKey: boolean; key?: string; elements: number }[] = [];
  let recordKeys: string[] | null = null;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === '{' || c === '[') {
      if (top?.kind === 'array') top.elements++;
      const inFirstRecord = stack.length === 1 && top?.kind === 'array' && top.elements === 1 && c === '{';
      stack.push({ kind: c === '{' ? 'object' : 'array', expectKey: c === '{', elements: 0 });
      if (inFirstRecord) recordKeys = [];
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      stack.pop();
      // The first record of a top-level array closed: its keys are known.
      if (c === '}' && stack.length === 1 && stack[0]!.kind === 'array' && recordKeys !== null) {
        out.firstRecordKeys = recordKeys;
        return out;
      }
      if (stack.length === 0) return out;
      i++;
      continue;
    }
    if (c === ':') {
      if (top) top.expectKey = false;
      i++;
      continue;
    }
    if (c === ',') {
      if (top?.kind === 'object') top.expectKey = true;
      i++;
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return out; // cut off inside a string
      let value: string;
      try {
        value = JSON.parse(text.slice(i, end + 1)) as string;
      } catch {
        return out;
      }
      i = end + 1;
      if (top?.kind === 'object' && top.expectKey) {
        top.key = value;
        if (stack.length === 2 && stack[0]!.kind === 'array' && recordKeys !== null) recordKeys.push(value);
      } else {
        if (top?.kind === 'array') top.elements++;
        if (stack.length === 1 && top?.kind === 'object' && top.key === 'resourceType') {
          out.resourceType = value;
          return out;
        }
      }
      continue;
    }
    // A number, true, false or null.
    if (top?.kind === 'array') top.elements++;
    // The first element of a top-level array is not an object: no record keys.
    if (stack.length === 1 && top?.kind === 'array' && recordKeys === null) return out;
    while (i < n && !/[\s,:\]}]/.test(text[i]!)) i++;
  }
  return out;
}

/** Index of the quote closing the string that opens at `start`, or -1 when the text ends first. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return -1;
}
