import type { Delimiters } from './delimiters.js';
import type { X12Position } from './x12-issue.js';

/**
 * One element of a segment, addressed as the spec does: `seg.element(5).component(3)` is `CLM05-3`.
 * Created on demand; hot paths read `seg.elements[n]` directly.
 */
export class Element {
  constructor(
    readonly value: string,
    private readonly delimiters: Delimiters,
  ) {}

  /** 1-based component (`CLM05-3` → component(3)); '' when absent. */
  component(n: number): string {
    return this.components()[n - 1] ?? '';
  }

  /** All components of the first repetition. */
  components(): string[] {
    const first = this.repetitions()[0] ?? '';
    return first.split(this.delimiters.component);
  }

  /** The element split on the repetition separator (a single item when there is none). */
  repetitions(): string[] {
    const rep = this.delimiters.repetition;
    return rep && this.value.includes(rep) ? this.value.split(rep) : [this.value];
  }

  toString(): string {
    return this.value;
  }
}

/**
 * A segment as read from the input. `elements[0]` is the segment id and `elements[n]` is element n,
 * so indexes match the spec's names (CLM02 is `elements[2]`).
 */
export class Segment implements X12Position {
  constructor(
    /** Segment id, e.g. `CLM`. */
    readonly id: string,
    /** Raw elements; [0] is the id. Components are not split until asked for. */
    readonly elements: string[],
    /** 0-based index of the segment in the whole input. */
    readonly segmentIndex: number,
    /** 1-based line of the segment start. */
    readonly line: number,
    /** 0-based byte offset of the segment start. */
    readonly byteOffset: number,
    readonly delimiters: Delimiters,
    /** Bytes of the segment in the input (id to last element, without terminator), when read from one. */
    readonly byteLength?: number,
  ) {}

  /** Element n (1-based) as a string; '' when absent. */
  get(n: number): string {
    return this.elements[n] ?? '';
  }

  /** Element n (1-based) as an addressable object. */
  element(n: number): Element {
    return new Element(this.elements[n] ?? '', this.delimiters);
  }

  /** Component k (1-based) of element n: `component(5, 3)` is `CLM05-3`. Ignores repetitions past the first. */
  component(n: number, k: number): string {
    const v = this.elements[n];
    if (v === undefined || v === '') return '';
    const c = this.delimiters.component;
    if (v.indexOf(c) === -1) return k === 1 ? this.firstRepetition(v) : '';
    return this.firstRepetition(v).split(c)[k - 1] ?? '';
  }

  /** All components of element n. */
  components(n: number): string[] {
    const v = this.elements[n];
    if (v === undefined || v === '') return [];
    return this.firstRepetition(v).split(this.delimiters.component);
  }

  /** Number of elements (not counting the id). */
  get length(): number {
    return this.elements.length - 1;
  }

  /**
   * Byte offset of element n's first character (valid for segments without embedded line breaks). An
   * absent element points at the end of the segment; the offset never passes the segment's end in the
   * input (an element decoded from invalid UTF-8 is longer than its bytes).
   */
  elementOffset(n: number): number {
    let off = this.byteOffset;
    const last = Math.min(n, this.elements.length);
    for (let i = 0; i < last; i++) off += Buffer.byteLength(this.elements[i]!, 'utf8') + 1;
    if (n >= this.elements.length) off--;
    return this.byteLength === undefined ? off : Math.min(off, this.byteOffset + this.byteLength);
  }

  /** The segment re-joined with its own delimiters (without terminator). */
  toString(): string {
    return this.elements.join(this.delimiters.element);
  }

  private firstRepetition(v: string): string {
    const rep = this.delimiters.repetition;
    if (!rep) return v;
    const i = v.indexOf(rep);
    return i === -1 ? v : v.slice(0, i);
  }
}
