import { TextDecoder } from 'node:util';
import { type Delimiters, delimiterProblem, isDelimiterChar, repetitionFromIsa11 } from './delimiters.js';
import { Segment } from './segment.js';
import type { X12Issue, X12IssueCode, X12IssueSeverity } from './x12-issue.js';

/** Receives what the tokenizer reads, in input order. */
export interface TokenizerSink {
  segment(seg: Segment): void;
  issue(issue: X12Issue): void;
}

export interface TokenizerOptions {
  /** Longest segment accepted before it is reported and skipped (protects memory). Default 64 KiB. */
  maxSegmentLength?: number;
}

/** Bytes an ISA header can take before its terminator when element widths are off (nominal: 105). */
const ISA_SCAN_LIMIT = 512;
/** How much of the input the bare-envelope inference looks at for the component separator. */
const INFER_WINDOW = 64 * 1024;
const BOM = '\u00ef\u00bb\u00bf';
/** Slots of the segment id table (a prime, so ids spread). */
const ID_SLOTS = 1021;
/** Bytes tokenized at a time (see write()). */
const SLICE = 64 * 1024;

const CH_LF = 10;
const CH_CR = 13;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

function isUpperOrDigit(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** A valid segment id: an upper-case letter then one or two letters or digits. */
function isSegmentId(s: string): boolean {
  const n = s.length;
  if (n < 2 || n > 3) return false;
  const c0 = s.charCodeAt(0);
  return (
    c0 >= 65 && c0 <= 90 && isUpperOrDigit(s.charCodeAt(1)) && (n === 2 || isUpperOrDigit(s.charCodeAt(2)))
  );
}

/** True when the text at `pos` starts a segment with id `id` (the id followed by a non-alphanumeric char). */
function startsSegment(buf: string, pos: number, id: string): boolean {
  if (!buf.startsWith(id, pos)) return false;
  const next = buf.charCodeAt(pos + id.length);
  return next === next && !isUpperOrDigit(next) && !(next >= 97 && next <= 122) && next !== 32;
}

/** Re-decodes, as UTF-8, the elements that hold bytes above 0x7F (read as latin1 so offsets stay bytes). */
function decodeUtf8Elements(elements: string[]): void {
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    if (/[\u0080-\u00ff]/.test(e)) elements[i] = Buffer.from(e, 'latin1').toString('utf8');
  }
}

/**
 * Push-style X12 tokenizer: feed it bytes in chunks of any size; it calls the sink once per segment.
 *
 * It works on the input decoded as latin1, so one character is one byte and offsets are exact byte
 * offsets; segments that hold bytes above 0x7F are re-decoded as UTF-8. Memory stays bounded by the
 * chunk size plus one segment. Delimiters are read from every ISA (interchanges back to back may use
 * different ones) or inferred for a bare GS/ST with a warning.
 */
export class X12Tokenizer {
  private readonly maxSegmentLength: number;
  /** Unconsumed text; `buf[0]` is at byte `bufStart` of the input. */
  private buf = '';
  /** The unconsumed bytes behind `buf` (latin1 maps byte i to character i). */
  private rest: Buffer | null = null;
  private bufStart = 0;
  private bytesSeen = 0;
  private line = 1;
  private segmentIndex = 0;
  private delimiters: Delimiters | null = null;
  private term = '';
  private termCode = -1;
  private elementCode = -1;
  /** Segment ids seen so far, keyed by their character codes: one string per id keeps dispatch fast. */
  private readonly idKeys = new Int32Array(ID_SLOTS);
  private readonly idStrings: string[] = new Array<string>(ID_SLOTS).fill('');
  /** Line breaks are lone CRs in this interchange (a CR terminator not followed by LF). */
  private crLines = false;
  private afterIea = false;
  /** Skipping an over-long segment until its terminator. */
  private skippingLong = false;
  /** Skipping content that is not X12 until the next ISA. */
  private skippingGarbage = false;
  private garbageReported = false;
  private firstChunk = true;
  /** The first bytes, held until there are 4 of them (UTF-16 detection). */
  private head: Buffer | null = null;
  private utf16: TextDecoder | null = null;
  private nonSpaceSeen = false;
  private segmentsSeen = 0;
  /** Unreadable input (set by the UTF-16 decoder, or at end when no segment was found). */
  private fatal: { code: X12IssueCode; message: string; offset: number } | null = null;
  /** What the input started with when that was not X12; reported once a later ISA is found. */
  private leading: { code: X12IssueCode; message: string; offset: number } | null = null;

  constructor(
    private readonly sink: TokenizerSink,
    options: TokenizerOptions = {},
  ) {
    this.maxSegmentLength = options.maxSegmentLength ?? 64 * 1024;
  }

  /** Total bytes received (after UTF-16 decoding, when it applied). */
  get byteCount(): number {
    return this.bytesSeen;
  }

  /** Number of segments emitted. */
  get segmentCount(): number {
    return this.segmentsSeen;
  }

  /** Why nothing could be read, when the input held no X12 at all (known after `end()`). */
  get fatalProblem(): { code: X12IssueCode; message: string; offset: number } | null {
    return this.fatal;
  }

  /** Feeds the next chunk of input. Strings are encoded as UTF-8 first, so offsets are UTF-8 byte offsets. */
  write(chunk: Buffer | Uint8Array | string): void {
    let bytes: Buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (bytes.length === 0) return;
    if (this.firstChunk) {
      // UTF-16 is recognised on the first 4 bytes: wait for them, however small the chunks.
      bytes = this.head ? Buffer.concat([this.head, bytes]) : bytes;
      if (bytes.length < 4) {
        this.head = bytes;
        return;
      }
      this.head = null;
      this.firstChunk = false;
      this.utf16 = this.detectUtf16(bytes);
    }
    if (this.utf16) bytes = this.decodeUtf16(bytes, false);
    // Large chunks are read in slices: the claims built from one slice die young, which the garbage
    // collector handles far more cheaply than a megabyte's worth of live objects.
    for (let at = 0; at < bytes.length; at += SLICE) this.push(bytes.subarray(at, at + SLICE), false);
  }

  /** Signals the end of input: emits a last unterminated segment and reports what is left open. */
  end(): void {
    if (this.head) {
      // Fewer than 4 bytes in all: too short for UTF-16 detection to matter.
      const head = this.head;
      this.head = null;
      this.firstChunk = false;
      this.utf16 = this.detectUtf16(head);
      const bytes = this.utf16 ? this.decodeUtf16(head, false) : head;
      for (let at = 0; at < bytes.length; at += SLICE) this.push(bytes.subarray(at, at + SLICE), false);
    }
    if (this.utf16) {
      const rest = this.decodeUtf16(Buffer.alloc(0), true);
      if (rest.length) this.push(rest, false);
    }
    this.push(Buffer.alloc(0), true);
    if (this.segmentsSeen === 0 && !this.fatal) {
      this.fatal =
        this.leading ??
        (this.nonSpaceSeen
          ? {
              code: 'X12_NOT_X12',
              message: 'no ISA, GS or ST segment found: the input is not X12',
              offset: 0,
            }
          : { code: 'X12_EMPTY_INPUT', message: 'the input is empty', offset: 0 });
    }
  }

  private detectUtf16(bytes: Buffer): TextDecoder | null {
    const b0 = bytes[0],
      b1 = bytes[1];
    let label: 'utf-16le' | 'utf-16be' | null = null;
    if (b0 === 0xff && b1 === 0xfe) label = 'utf-16le';
    else if (b0 === 0xfe && b1 === 0xff) label = 'utf-16be';
    else if (bytes.length >= 4 && b0 !== 0 && b1 === 0 && bytes[2] !== 0 && bytes[3] === 0)
      label = 'utf-16le';
    else if (bytes.length >= 4 && b0 === 0 && b1 !== 0 && bytes[2] === 0 && bytes[3] !== 0)
      label = 'utf-16be';
    if (!label) return null;
    this.emitIssue(
      'warning',
      'X12_UTF16_DECODED',
      `input is ${label.toUpperCase()}; decoded to UTF-8 (byte offsets refer to the decoded text)`,
      -1,
      '',
      1,
      0,
    );
    return new TextDecoder(label, { fatal: true, ignoreBOM: false });
  }

  private decodeUtf16(bytes: Buffer, final: boolean): Buffer {
    try {
      const text = this.utf16!.decode(bytes, { stream: !final });
      return Buffer.from(text, 'utf8');
    } catch {
      // Offset 0: the whole input's encoding is wrong, and where the decoder notices depends on chunking.
      this.fatal = {
        code: 'X12_ENCODING_INVALID',
        message: 'input looks like UTF-16 but is not valid UTF-16',
        offset: 0,
      };
      this.utf16 = null;
      return Buffer.alloc(0);
    }
  }

  private push(bytes: Buffer, final: boolean): void {
    if (this.fatal?.code === 'X12_ENCODING_INVALID') return;
    if (bytes.length) {
      this.bytesSeen += bytes.length;
      // Join bytes, not strings: a concatenated string is a rope that every charCodeAt and slice of the
      // hot loop would walk through; decoding the joined bytes gives one flat string.
      const joined = this.rest ? Buffer.concat([this.rest, bytes]) : bytes;
      this.buf = joined.toString('latin1');
      this.rest = joined;
    }
    this.drain(final);
  }

  /** Consumes as many complete segments from `buf` as possible. */
  private drain(final: boolean): void {
    const buf = this.buf;
    const len = buf.length;
    let pos = 0;
    for (;;) {
      if (this.skippingLong) {
        const t = buf.indexOf(this.term, pos);
        if (t === -1) {
          this.countBreaks(buf, pos, len);
          pos = len;
          break;
        }
        this.countBreaks(buf, pos, t);
        pos = t + 1;
        this.skippingLong = false;
      }
      // Whitespace between segments (CR/LF after '~', blank lines, indentation).
      let c = buf.charCodeAt(pos);
      while (pos < len && c !== this.termCode && isSpace(c)) {
        if (c === CH_LF || (c === CH_CR && this.crLines)) this.line++;
        c = buf.charCodeAt(++pos);
      }
      if (pos >= len) break;
      if (!this.nonSpaceSeen) {
        if (this.bufStart + pos === 0 && !final && len < 3 && BOM.startsWith(buf)) break;
        if (this.bufStart + pos === 0 && buf.startsWith(BOM)) {
          this.emitIssue('warning', 'X12_BOM_SKIPPED', 'UTF-8 byte order mark skipped', -1, '', 1, 0);
          pos += 3;
          continue;
        }
        this.nonSpaceSeen = true;
      }
      // Every ISA sets its own delimiters.
      if (c === 73 /* I */ && startsSegment(buf, pos, 'ISA')) {
        const next = this.readIsa(buf, pos, final);
        if (next === -1) break;
        pos = next;
        continue;
      }
      if (this.delimiters === null || this.skippingGarbage) {
        const next = this.seek(buf, pos, final);
        if (next === -1) break;
        pos = next;
        continue;
      }
      const end = buf.indexOf(this.term, pos);
      if (end === -1 || end - pos > this.maxSegmentLength) {
        if (end === -1 && !final && len - pos <= this.maxSegmentLength) break;
        if (end === -1 && final) {
          this.emitRaw(buf, pos, len, true);
          pos = len;
          break;
        }
        this.reportTooLong(pos);
        this.skippingLong = true;
        if (end !== -1) {
          this.countBreaks(buf, pos, end);
          pos = end + 1;
          this.skippingLong = false;
        } else {
          this.countBreaks(buf, pos, len);
          pos = len;
        }
        continue;
      }
      this.emitRaw(buf, pos, end, false);
      pos = end + 1;
      if (this.termCode === CH_LF || (this.termCode === CH_CR && this.crLines)) this.line++;
    }
    this.bufStart += pos;
    if (pos >= len) {
      this.buf = '';
      this.rest = null;
    } else {
      this.buf = buf.slice(pos);
      this.rest = this.rest!.subarray(pos);
    }
  }

  /** Counts line breaks in buf[from, to) for text that is skipped. */
  private countBreaks(buf: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = buf.charCodeAt(i);
      if (c === CH_LF || (c === CH_CR && this.crLines)) this.line++;
    }
  }

  private reportTooLong(pos: number): void {
    this.emitIssue(
      'error',
      'X12_SEGMENT_TOO_LONG',
      `segment longer than ${this.maxSegmentLength} bytes without a terminator ${JSON.stringify(this.term)}; skipped`,
      this.segmentIndex,
      '',
      this.line,
      this.bufStart + pos,
    );
  }

  /**
   * Reads an ISA at `pos`: the element separator is its 4th character, ISA16 follows the 16th separator,
   * and the segment terminator is the character after ISA16. Returns the position after the terminator,
   * or -1 to wait for more input.
   */
  private readIsa(buf: string, pos: number, final: boolean): number {
    const el = buf[pos + 3]!;
    let seps = 0;
    let i = pos + 3;
    const limit = Math.min(buf.length, pos + ISA_SCAN_LIMIT);
    for (; i < limit; i++) {
      if (buf[i] === el && ++seps === 16) break;
    }
    if (seps < 16 || i + 2 >= buf.length) {
      if (!final && buf.length < pos + ISA_SCAN_LIMIT) return -1;
      // Not a usable ISA: report and look for the next one.
      this.emitIssue(
        'error',
        seps < 16 ? 'X12_ISA_ELEMENT_COUNT' : 'X12_TRUNCATED',
        seps < 16
          ? `ISA has ${seps + 1} elements before the data ends or ${ISA_SCAN_LIMIT} bytes pass; 16 are required`
          : 'input ends inside the ISA header',
        this.segmentIndex,
        'ISA',
        this.line,
        this.bufStart + pos,
      );
      this.delimiters = null;
      this.skippingGarbage = true;
      this.garbageReported = true;
      return final ? buf.length : pos + 3;
    }
    if (!final && i + 3 >= buf.length) return -1;
    const component = buf[i + 1]!;
    const term = buf[i + 2]!;
    let isaText = buf.slice(pos, i + 2);
    const startLine = this.line;
    if (isaText.indexOf('\n') !== -1 || isaText.indexOf('\r') !== -1) {
      // A header wrapped at a fixed width: the breaks are not data.
      this.countBreaks(isaText, 0, isaText.length);
      isaText = isaText.replace(/[\r\n]/g, '');
    }
    const elements = isaText.split(el);
    const delimiters: Delimiters = {
      element: el,
      component,
      repetition: repetitionFromIsa11(elements[11] ?? ''),
      segment: term,
    };
    if (delimiters.repetition !== null && [el, component, term].includes(delimiters.repetition)) {
      delimiters.repetition = null;
    }
    const problem = delimiterProblem(delimiters);
    if (problem) {
      // The header is rejected and its text is scanned again for the next ISA: its breaks count then.
      this.line = startLine;
      this.emitIssue(
        'error',
        'X12_DELIMITERS_INVALID',
        `ISA delimiters unusable: ${problem}`,
        this.segmentIndex,
        'ISA',
        this.line,
        this.bufStart + pos,
      );
      this.delimiters = null;
      this.skippingGarbage = true;
      this.garbageReported = true;
      return pos + 3;
    }
    this.setDelimiters(delimiters, buf.charCodeAt(i + 3));
    this.skippingGarbage = false;
    this.garbageReported = false;
    this.afterIea = false;
    // ISA16 is the component separator itself: never split it.
    this.emitSegment('ISA', elements, pos, startLine, i + 2 - pos);
    let next = i + 3;
    if (this.termCode === CH_LF || (this.termCode === CH_CR && this.crLines)) this.line++;
    if (next > buf.length) next = buf.length;
    return next;
  }

  private setDelimiters(d: Delimiters, charAfterTerm: number): void {
    this.delimiters = d;
    this.term = d.segment;
    this.termCode = d.segment.charCodeAt(0);
    this.elementCode = d.element.charCodeAt(0);
    this.crLines = this.termCode === CH_CR && charAfterTerm !== CH_LF;
  }

  /**
   * No delimiters yet (start of input) or skipping garbage: find where X12 starts. A GS or ST at the
   * start gets inferred delimiters (a bare transaction set); anything else is skipped up to the next ISA.
   */
  private seek(buf: string, pos: number, final: boolean): number {
    // Enough text to recognise an id and to quote the same sample whatever the chunking.
    if (!final && buf.length - pos < 32) return -1;
    if (this.delimiters === null && !this.skippingGarbage && this.segmentsSeen === 0) {
      const isGs = startsSegment(buf, pos, 'GS');
      if (isGs || startsSegment(buf, pos, 'ST')) {
        // The whole inference window, so that the inferred delimiters never depend on chunking.
        if (!final && buf.length - pos < INFER_WINDOW) return -1;
        const inferred = this.inferDelimiters(buf, pos);
        if (inferred) {
          this.emitIssue(
            'warning',
            'X12_NO_ENVELOPE',
            `no ISA header: input starts at ${isGs ? 'GS' : 'ST'}; delimiters inferred as element ` +
              `${JSON.stringify(inferred.element)}, component ${JSON.stringify(inferred.component)}, ` +
              `segment ${JSON.stringify(inferred.segment)}`,
            this.segmentIndex,
            isGs ? 'GS' : 'ST',
            this.line,
            this.bufStart + pos,
          );
          this.setDelimiters(inferred, buf.charCodeAt(buf.indexOf(inferred.segment, pos) + 1));
          return pos;
        }
      }
    }
    // Not X12 here: report once, then skip to the next ISA.
    if (!this.garbageReported) {
      // Binary or text is told by a NUL in the first 4 KiB: wait for them, whatever the chunk sizes.
      if (!final && this.segmentsSeen === 0 && this.delimiters === null && buf.length - pos < 4096) return -1;
      this.garbageReported = true;
      const nul = buf.indexOf('\u0000', pos);
      const sample = JSON.stringify(buf.slice(pos, pos + 24));
      if (this.segmentsSeen === 0 && this.delimiters === null) {
        const binary = nul !== -1 && nul - pos < 4096;
        this.fatalCandidate(
          binary ? 'X12_BINARY_CONTENT' : 'X12_NOT_X12',
          binary
            ? `binary content (NUL byte at byte ${this.bufStart + nul}); not an X12 file`
            : `input does not start with an ISA, GS or ST segment (found ${sample})`,
          binary ? this.bufStart + nul : this.bufStart + pos,
        );
      } else {
        this.emitIssue(
          'error',
          'X12_GARBAGE_SKIPPED',
          `content that is not X12 skipped up to the next ISA (starts with ${sample})`,
          this.segmentIndex,
          '',
          this.line,
          this.bufStart + pos,
        );
      }
    }
    this.skippingGarbage = true;
    let at = buf.indexOf('ISA', pos);
    while (at !== -1 && !startsSegment(buf, at, 'ISA')) at = buf.indexOf('ISA', at + 1);
    if (at === -1) {
      // Keep the last three characters: "IS" may be completed by the next chunk, and an "ISA" at the
      // very end is only known to start a segment once the character after it has arrived.
      const keep = final ? buf.length : Math.max(pos, buf.length - 3);
      this.countBreaks(buf, pos, keep);
      return keep === pos && !final ? -1 : keep;
    }
    this.countBreaks(buf, pos, at);
    return at;
  }

  private fatalCandidate(code: X12IssueCode, message: string, offset: number): void {
    this.leading ??= { code, message, offset };
  }

  /** Infers delimiters from a bare `GS*...` or `ST*...` segment and the data that follows it. */
  private inferDelimiters(buf: string, pos: number): Delimiters | null {
    const el = buf[pos + 2]!;
    if (!isDelimiterChar(el)) return null;
    let term = '';
    for (let i = pos + 3; i < Math.min(buf.length, pos + 256); i++) {
      const ch = buf[i]!;
      if (ch !== el && ch !== ' ' && !/[A-Za-z0-9.-]/.test(ch)) {
        term = ch;
        break;
      }
    }
    if (!term) return null;
    // Component separator: the character after a qualifier in a composite (SV1*HC:99213, HI*ABK:J20).
    const window = buf.slice(pos, pos + INFER_WINDOW);
    const m = new RegExp(
      `\\${el}(?:HC|AD|ER|IV|N4|NU|ZZ|ABK|ABF|BK|BF|BE|BG|BH|A|B|R)([^A-Za-z0-9 \\${el}])`,
    ).exec(window);
    let component = m?.[1] ?? ':';
    if (component === term) component = ':';
    const repetition = ['^', '{'].find((r) => r !== el && r !== term && r !== component) ?? null;
    const d: Delimiters = { element: el, component, repetition, segment: term };
    return delimiterProblem(d) ? null : d;
  }

  /** Cuts buf[from, to) into a segment and emits it. */
  private emitRaw(buf: string, from: number, to: number, unterminated: boolean): void {
    const startLine = this.line;
    // Trailing spaces, or a CR left by a CRLF file whose terminator is LF, are not data.
    let end = to;
    while (end > from && isSpace(buf.charCodeAt(end - 1))) end--;
    if (end === from) return;
    // One pass over the characters: split on the element separator and note line breaks and bytes
    // above 0x7F. Measured about twice as fast as String.prototype.split on the same text.
    const elCode = this.elementCode;
    const elements: string[] = [];
    let start = from;
    let odd = 0;
    for (let i = from; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (c === elCode) {
        elements.push(elements.length === 0 ? this.internId(buf, start, i) : buf.slice(start, i));
        start = i + 1;
      } else if (c < 32 || c > 126) odd |= c === CH_LF || c === CH_CR ? 1 : c > 126 ? 2 : 0;
    }
    elements.push(elements.length === 0 ? this.internId(buf, start, end) : buf.slice(start, end));
    if (odd & 1 && this.termCode !== CH_LF && this.termCode !== CH_CR) {
      // Line breaks inside a segment (files wrapped at 80 columns) are not data.
      this.countBreaks(buf, from, end);
      const raw = buf.slice(from, end).replace(/[\r\n]/g, '');
      elements.length = 0;
      for (const e of raw.split(this.delimiters!.element)) elements.push(e);
      if (elements[0] === '') return;
    }
    const id = elements[0]!;
    if (!isSegmentId(id)) {
      if (this.afterIea) {
        // Trailing text after the last IEA (a banner, a footer): skip it like garbage.
        this.emitIssue(
          'error',
          'X12_GARBAGE_SKIPPED',
          `content that is not X12 after IEA skipped (starts with ${JSON.stringify(buf.slice(from, Math.min(end, from + 24)))})`,
          this.segmentIndex,
          '',
          startLine,
          this.bufStart + from,
        );
        this.garbageReported = true;
        this.skippingGarbage = true;
        return;
      }
      this.emitIssue(
        'error',
        'X12_INVALID_SEGMENT_ID',
        `segment id ${JSON.stringify(id.slice(0, 16))} is not 2-3 upper-case letters or digits`,
        this.segmentIndex,
        id.slice(0, 3),
        startLine,
        this.bufStart + from,
      );
    }
    if (unterminated) {
      this.emitIssue(
        'warning',
        'X12_TRUNCATED',
        `last segment ${id.slice(0, 3)} has no segment terminator ${JSON.stringify(this.term)}`,
        this.segmentIndex,
        id.slice(0, 3),
        startLine,
        this.bufStart + from,
      );
    }
    if (odd & 2) decodeUtf8Elements(elements);
    this.emitSegment(id, elements, from, startLine, end - from);
    if (id === 'IEA') this.afterIea = true;
  }

  /** The segment id in buf[from, to), as the one shared string for that id when it looks like an id. */
  private internId(buf: string, from: number, to: number): string {
    const n = to - from;
    if (n < 2 || n > 3) return buf.slice(from, to);
    const key =
      (n << 24) |
      (buf.charCodeAt(from) << 16) |
      (buf.charCodeAt(from + 1) << 8) |
      (n === 3 ? buf.charCodeAt(from + 2) : 0);
    // A direct-mapped table: one probe, no hashing beyond a modulo. A miss just replaces the slot.
    const slot = key % ID_SLOTS;
    if (this.idKeys[slot] === key) return this.idStrings[slot]!;
    // A property key is stored internalized: comparing it with the string literals of the builders'
    // switch statements is then a pointer comparison.
    const id = Object.keys({ [buf.slice(from, to)]: 0 })[0]!;
    this.idKeys[slot] = key;
    this.idStrings[slot] = id;
    return id;
  }

  private emitSegment(id: string, elements: string[], from: number, line: number, length: number): void {
    if (this.leading && this.segmentsSeen === 0) {
      const l = this.leading;
      this.emitIssue(
        'error',
        'X12_GARBAGE_SKIPPED',
        `${l.message}; skipped up to the first ISA`,
        -1,
        '',
        1,
        l.offset,
      );
    }
    const seg = new Segment(
      id,
      elements,
      this.segmentIndex++,
      line,
      this.bufStart + from,
      this.delimiters!,
      length,
    );
    this.segmentsSeen++;
    this.sink.segment(seg);
  }

  private emitIssue(
    severity: X12IssueSeverity,
    code: X12IssueCode,
    message: string,
    segmentIndex: number,
    segmentId: string,
    line: number,
    byteOffset: number,
  ): void {
    this.sink.issue({ severity, code, message, segmentIndex, segmentId, line, byteOffset });
  }
}
