import type { Adjustment, Party, Procedure } from '../models/common.js';
import type { Segment } from '../segment.js';
import type { BuilderContext } from '../transaction-builder.js';
import type { X12Position } from '../x12-issue.js';
import { type Cents, type IsoDate, parseCents, parseDate, parseQuantity } from '../values.js';

type InvalidCode = 'X12_INVALID_AMOUNT' | 'X12_INVALID_NUMBER' | 'X12_INVALID_DATE';

/**
 * Reads typed values out of segment elements for the 837 and 835 builders and reports each problem at
 * its element, with the loop path (`2400 SV102`). Every reader returns null for an empty or invalid
 * value, so the builder decides what a missing value means.
 */
export class ElementReader {
  private lastDateText = '';
  private lastDate: IsoDate | null | undefined = null;

  constructor(
    private readonly ctx: BuilderContext,
    /** Short names of required elements for messages, keyed `CLM01`. */
    private readonly names: Readonly<Record<string, string>> = {},
  ) {}

  /** Element n as integer cents; null when empty (an error when required) or invalid (an error). */
  cents(seg: Segment, n: number, loopId: string, required: boolean): Cents | null {
    const v = seg.elements[n];
    if (v === undefined || v === '') {
      if (required) this.missing(seg, n, loopId);
      return null;
    }
    const c = parseCents(v)!;
    if (Number.isNaN(c)) {
      this.invalid(seg, n, 'X12_INVALID_AMOUNT', v, 'a valid amount (at most two decimals)', loopId);
      return null;
    }
    return c;
  }

  /** Element n as a number (units, months, weights); null when empty or invalid (an error). */
  quantity(seg: Segment, n: number, loopId: string): number | null {
    const v = seg.elements[n];
    if (v === undefined || v === '') return null;
    const q = parseQuantity(v)!;
    if (Number.isNaN(q)) {
      this.invalid(seg, n, 'X12_INVALID_NUMBER', v, 'a valid number', loopId);
      return null;
    }
    return q;
  }

  /** Element n as a CCYYMMDD date; null when empty or invalid (an error). */
  date(seg: Segment, n: number, loopId: string): IsoDate | null {
    const v = seg.elements[n];
    if (v === undefined || v === '') return null;
    // Files repeat the same dates claim after claim: remember the last one.
    let d = this.lastDate;
    if (v !== this.lastDateText) {
      d = parseDate(v);
      this.lastDateText = v;
      this.lastDate = d;
    }
    if (d === undefined || d === null) {
      this.invalid(seg, n, 'X12_INVALID_DATE', v, 'a valid CCYYMMDD date', loopId);
      return null;
    }
    return d;
  }

  /** Element n of a required simple element; reports X12_REQUIRED_ELEMENT_MISSING when empty. */
  required(seg: Segment, n: number, loopId: string): string {
    const v = seg.elements[n];
    if (v === undefined || v === '') {
      this.missing(seg, n, loopId);
      return '';
    }
    return v;
  }

  /**
   * CAS: the group and up to six reason/amount/quantity triplets (CAS02-04 ... CAS17-19), appended to
   * `into`. Returns the sum of the amounts read and whether every amount was valid (for balancing).
   */
  adjustments(seg: Segment, loopId: string, into: Adjustment[]): { sum: Cents; valid: boolean } {
    const e = seg.elements;
    const group = this.required(seg, 1, loopId);
    let sum: Cents = 0;
    let valid = true;
    let triplets = 0;
    for (let i = 2; i <= 17 && i < e.length; i += 3) {
      const reason = e[i]!;
      const rawAmount = e[i + 1];
      if (reason === '' && (rawAmount === undefined || rawAmount === '')) continue;
      triplets++;
      if (reason === '') this.missing(seg, i, loopId);
      const amount = this.cents(seg, i + 1, loopId, true);
      if (amount === null) valid = false;
      else sum += amount;
      into.push({ group, reason, amount: amount ?? 0, quantity: this.quantity(seg, i + 2, loopId) });
    }
    if (triplets === 0) this.missing(seg, 2, loopId);
    return { sum, valid };
  }

  missing(seg: Segment, n: number, loopId: string): void {
    const label = elementLabel(seg, n);
    const name = this.names[label];
    this.ctx.issue(
      'error',
      'X12_REQUIRED_ELEMENT_MISSING',
      `${label}${name ? ` (${name})` : ''} is required but empty`,
      seg,
      {
        elementIndex: n,
        path: loopId ? `${loopId} ${label}` : label,
      },
    );
  }

  invalid(
    seg: Segment,
    n: number,
    code: InvalidCode,
    value: string,
    expected: string,
    loopId: string,
    component?: number,
  ): void {
    const label = elementLabel(seg, n) + (component === undefined ? '' : `-${component}`);
    this.ctx.issue('error', code, `${label} "${value}" is not ${expected}`, seg, {
      elementIndex: n,
      ...(component === undefined ? {} : { componentIndex: component }),
      path: loopId ? `${loopId} ${label}` : label,
    });
  }

  unexpected(seg: Segment, where: string, loopId: string, outcome = 'ignored'): void {
    this.ctx.issue(
      'warning',
      'X12_UNEXPECTED_SEGMENT',
      `${seg.id} is not expected ${where}; ${outcome}`,
      seg,
      {
        path: loopId ? `${loopId} ${seg.id}` : seg.id,
      },
    );
  }
}

/** `CLM02` for element 2 of a CLM. */
export function elementLabel(seg: Segment, n: number): string {
  return `${seg.id}${n < 10 ? '0' : ''}${n}`;
}

/** Where a segment is, for model objects that point back into the file. */
export function positionOf(seg: Segment): X12Position {
  return { segmentIndex: seg.segmentIndex, line: seg.line, byteOffset: seg.byteOffset };
}

/** NM1 elements as a party. */
export function partyOf(e: string[]): Party {
  return {
    entityIdCode: e[1] ?? '',
    entityType: e[2] ?? '',
    lastOrOrgName: e[3] ?? '',
    firstName: e[4] ?? '',
    middleName: e[5] ?? '',
    suffix: e[7] ?? '',
    idQualifier: e[8] ?? '',
    id: e[9] ?? '',
  };
}

/**
 * A procedure composite (SV101, SV202, SV301, SVD03, SVC01, SVC06): qualifier, code, modifiers 3-6 and
 * description 7; null when empty. Scanned rather than split: there is one on every line.
 */
export function procedureOf(v: string, sep: string): Procedure | null {
  if (v === '') return null;
  const modifiers: string[] = [];
  const i = v.indexOf(sep);
  if (i === -1) return { qualifier: v, code: '', modifiers, description: '' };
  let j = v.indexOf(sep, i + 1);
  const code = j === -1 ? v.slice(i + 1) : v.slice(i + 1, j);
  let description = '';
  for (let k = 3; j !== -1 && k <= 7; k++) {
    const start = j + 1;
    j = v.indexOf(sep, start);
    const part = j === -1 ? v.slice(start) : v.slice(start, j);
    if (k === 7) description = part;
    else if (part !== '') modifiers.push(part);
  }
  return { qualifier: v.slice(0, i), code, modifiers, description };
}
