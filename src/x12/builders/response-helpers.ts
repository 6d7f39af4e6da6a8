import type { Address, Reference } from '../models/common.js';
import type { RequestRejection, TraceNumber } from '../models/eligibility.js';
import type { Segment } from '../segment.js';
import type { BuilderContext } from '../transaction-builder.js';
import { type DateRange, parseDate, parseDateValue } from '../values.js';
import { type ElementReader, positionOf } from './element-reader.js';

/**
 * Pieces shared by the 271 and 278 builders: both are HL-structured responses with AAA, TRN, REF,
 * N3/N4 and DTP segments read the same way.
 */

/** A run of ASCII digits as a number (HL01, HL02); NaN for anything else. */
export function parseIndex(v: string): number {
  if (!/^\d{1,9}$/.test(v)) return NaN;
  return Number(v);
}

/** AAA request validation. */
export function rejectionOf(seg: Segment): RequestRejection {
  const e = seg.elements;
  return {
    validRequest: e[1] ?? '',
    reason: e[3] ?? '',
    followUpAction: e[4] ?? '',
    position: positionOf(seg),
  };
}

/** TRN trace number. */
export function traceOf(seg: Segment): TraceNumber {
  const e = seg.elements;
  return { type: e[1] ?? '', number: e[2] ?? '', originatorId: e[3] ?? '' };
}

/** REF qualifier and value. */
export function referenceOf(seg: Segment): Reference {
  return { qualifier: seg.elements[1] ?? '', value: seg.elements[2] ?? '' };
}

/** Applies an N3 or N4 segment to an address (created on first use). */
export function withAddress(current: Address | null, seg: Segment): Address {
  const a = current ?? { line1: '', line2: '', city: '', state: '', postalCode: '', country: '' };
  const e = seg.elements;
  if (seg.id === 'N3') {
    a.line1 = e[1] ?? '';
    a.line2 = e[2] ?? '';
  } else {
    a.city = e[1] ?? '';
    a.state = e[2] ?? '';
    a.postalCode = e[3] ?? '';
    a.country = e[4] ?? '';
  }
  return a;
}

/**
 * DTP03 by its DTP02 format (D8, RD8, DT, RDT); null when empty or invalid (an X12_INVALID_DATE error at
 * DTP03 with the loop path).
 */
export function dtpRange(read: ElementReader, seg: Segment, loopId: string): DateRange | null {
  const e = seg.elements;
  const format = e[2] ?? '';
  const v = e[3] ?? '';
  if (v === '' || format === 'TM') return null;
  let r: DateRange | null | undefined;
  if (format === 'RDT') {
    const from = v.length === 25 ? parseDate(v.slice(0, 8)) : undefined;
    const to = v.length === 25 ? parseDate(v.slice(13, 21)) : undefined;
    r = from && to ? { from, to } : undefined;
  } else r = parseDateValue(format, v);
  if (!r) {
    read.invalid(seg, 3, 'X12_INVALID_DATE', v, `a valid ${format || 'D8'} date`, loopId);
    return null;
  }
  if (r.to < r.from) {
    read.invalid(seg, 3, 'X12_INVALID_DATE', v, 'a date range that ends on or after its start', loopId);
    return null;
  }
  return r;
}

/** Element n split on the repetition separator, empty repetitions dropped ([] when empty). */
export function repetitionsOf(seg: Segment, n: number): string[] {
  const v = seg.elements[n] ?? '';
  if (v === '') return [];
  const rep = seg.delimiters.repetition;
  return (rep && v.includes(rep) ? v.split(rep) : [v]).filter((s) => s !== '');
}

/**
 * Checks the HL hierarchy of a response: HL01 counts up from 1, HL02 names an earlier HL whose level
 * (HL03) may enclose this one. Problems are warnings (X12_HL_STRUCTURE): the content is still read.
 */
export class HierarchyChecker {
  private count = 0;
  private readonly levels = new Map<string, string>();

  constructor(
    private readonly ctx: BuilderContext,
    /** For each HL03 level code, the level codes its parent may have ([] for a top level). */
    private readonly parents: Readonly<Record<string, readonly string[]>>,
    /** Names of the levels for messages, keyed by HL03. */
    private readonly names: Readonly<Record<string, string>>,
  ) {}

  /** Checks an HL; returns false when HL03 is not a level of this transaction set. */
  check(seg: Segment): boolean {
    const e = seg.elements;
    const id = e[1] ?? '';
    const parent = e[2] ?? '';
    const code = e[3] ?? '';
    this.count++;
    if (parseIndex(id) !== this.count) {
      this.warn(
        seg,
        1,
        `HL01 ${id || '(empty)'} should be ${this.count}: HL ids start at 1 and go up by one`,
      );
    }
    this.levels.set(id, code);
    const allowed = this.parents[code];
    if (allowed === undefined) {
      const known = Object.entries(this.names)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      this.warn(seg, 3, `HL03 ${code || '(empty)'} is not a level of this transaction set (${known})`);
      return false;
    }
    if (allowed.length === 0) {
      if (parent !== '') this.warn(seg, 2, `HL02 ${parent}: a ${this.names[code]} HL has no parent`);
      return true;
    }
    const parentCode = this.levels.get(parent);
    if (parent === '' || parentCode === undefined || !allowed.includes(parentCode)) {
      this.warn(
        seg,
        2,
        `HL02 parent ${parent || '(empty)'} is not an enclosing ${allowed.map((c) => this.names[c]).join(' or ')} HL`,
      );
    }
    return true;
  }

  private warn(seg: Segment, n: number, message: string): void {
    this.ctx.issue('warning', 'X12_HL_STRUCTURE', message, seg, { elementIndex: n, path: `HL0${n}` });
  }
}
