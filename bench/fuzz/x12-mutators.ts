/**
 * X12-aware and byte-level mutations for the parser fuzz campaign (bench/fuzz/x12-fuzz.ts) and its short
 * version in `npm test` (test/corpus/x12-fuzz.spec.ts). Pure and deterministic: input `i` of a campaign
 * with seed `S` is always the same bytes (`mutateInput(seeds, S, i)`), so any failure can be replayed
 * from its trail alone.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A seed file: its name (relative to its root) and its bytes. */
export interface FuzzSeed {
  name: string;
  origin: 'fixture' | 'corpus';
  bytes: Buffer;
}

/** One mutated input and how it was made. */
export interface FuzzInput {
  bytes: Buffer;
  /** Seed name, then one entry per mutation with its parameters. */
  trail: string[];
}

/** Inputs are cut to this size after each mutation: the hang bound is stated for inputs up to 1 MiB. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** Small, fast, deterministic PRNG (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.next() / 4294967296) * n);
  }
  /** Integer in [min, max]. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Mostly small sizes, sometimes large (log-uniform in [1, max]). */
  size(max: number): number {
    return Math.max(1, Math.floor(Math.exp((this.next() / 4294967296) * Math.log(max + 1))));
  }
}

/** Mixes a campaign seed and an input index into the seed of that input's PRNG. */
export function inputSeed(campaignSeed: number, index: number): number {
  let h = (campaignSeed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Every file under `dir` (recursively) whose name ends in .x12, sorted by path. */
function x12Files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...x12Files(path));
    else if (entry.endsWith('.x12')) out.push(path);
  }
  return out;
}

/**
 * Seeds: every .x12 file under fixtures/x12 and, when present, under the shared corpus directory
 * (README.md, expected.json and MANIFEST.md are descriptions, not inputs).
 */
export function loadSeeds(fixturesDir: string, corpusDir: string | null): FuzzSeed[] {
  const seeds: FuzzSeed[] = x12Files(fixturesDir).map((p) => ({
    name: `fixtures/${relative(fixturesDir, p)}`,
    origin: 'fixture',
    bytes: readFileSync(p),
  }));
  if (corpusDir) {
    for (const p of x12Files(corpusDir)) {
      seeds.push({ name: `corpus/${relative(corpusDir, p)}`, origin: 'corpus', bytes: readFileSync(p) });
    }
  }
  return seeds;
}

/** The delimiters a seed declares in its first ISA (or X12's usual ones when it has none). */
interface SeedDelimiters {
  element: number;
  component: number;
  repetition: number;
  segment: number;
}

function delimitersOf(b: Buffer): SeedDelimiters {
  const d: SeedDelimiters = { element: 0x2a, component: 0x3a, repetition: 0x5e, segment: 0x7e };
  const isa = b.indexOf('ISA');
  if (isa === -1 || isa + 4 >= b.length) return d;
  const el = b[isa + 3]!;
  let seps = 0;
  let i = isa + 3;
  let rep = -1;
  for (; i < Math.min(b.length, isa + 512); i++) {
    if (b[i] === el) {
      seps++;
      if (seps === 11) rep = b[i + 1] ?? -1;
      if (seps === 16) break;
    }
  }
  if (seps < 16 || i + 2 >= b.length) return d;
  return { element: el, component: b[i + 1]!, repetition: rep, segment: b[i + 2]! };
}

/** The input cut into segments (terminator kept with each), so segment-level mutations keep the rest intact. */
function segmentsOf(b: Buffer, term: number): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (;;) {
    const end = b.indexOf(term, start);
    if (end === -1) {
      if (start < b.length) out.push(b.subarray(start));
      return out;
    }
    // Keep the line break after a terminator with its segment.
    let next = end + 1;
    while (next < b.length && (b[next] === 10 || b[next] === 13)) next++;
    out.push(b.subarray(start, next));
    start = next;
  }
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

/** Bytes that matter to an X12 reader. */
const INTERESTING_BYTES = [
  0x00, 0xff, 0x7f, 0x80, 0xc3, 0xef, 0xbb, 0xbf, 0xfe, 0x2a, 0x7e, 0x3a, 0x5e, 0x7c, 0x3e, 0x21, 0x0a, 0x0d,
  0x20, 0x09, 0x49, 0x53, 0x41, 0x47, 0x54, 0x45,
];
/** Characters a file might use (or misuse) as delimiters. */
const DELIMITER_CHOICES = [
  '*',
  '~',
  ':',
  '^',
  '|',
  '>',
  '!',
  '`',
  '{',
  '\n',
  '\r',
  ' ',
  'A',
  '0',
  '\u0000',
  '\u00ff',
];
/** Values that break number, amount and date parsing. */
const GARBAGE_VALUES = [
  '',
  '-',
  '.',
  '+',
  '-.',
  '1e999',
  '-1e999',
  '1e-999',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '1,000.00',
  '12.345.6',
  ' 12',
  '12 ',
  '99999999999999999999999999',
  '-99999999999999999999999999',
  '9007199254740993',
  '0.000000000000000000001',
  '123456789012345678.99',
  '20261301',
  '20260230',
  '00000000',
  '99999999',
  '2026013',
  '202601011',
  '20260101-20251231',
  '20260101-',
  '-20260101',
  '20260101-20260101-20260101',
  'D8',
  'RD8',
  'DT',
  'TM',
  '\u00e9\u00e9',
  '9'.repeat(400),
  '1'.repeat(70_000),
];
/** Segments whose elements are numbers, amounts, qualifiers or dates. */
const FIELD_SEGMENTS = new Set([
  'CLM',
  'SV1',
  'SV2',
  'SV3',
  'SV5',
  'CLP',
  'SVC',
  'CAS',
  'DTP',
  'DTM',
  'BPR',
  'AMT',
  'PLB',
  'DMG',
  'HL',
  'LX',
  'QTY',
  'CTP',
  'HI',
  'SBR',
  'EB',
  'HCR',
  'UM',
  'TRN',
  'REF',
  'NM1',
  'BHT',
  'SE',
  'GE',
  'IEA',
  'ISA',
  'GS',
  'ST',
]);
const SEGMENT_IDS = [
  'ISA',
  'IEA',
  'GS',
  'GE',
  'ST',
  'SE',
  'CLM',
  'CLP',
  'SVC',
  'SV1',
  'HL',
  'LX',
  'NM1',
  'BPR',
  'TA1',
  'isa',
  'Z',
  'ZZZZ',
  '1AB',
];

type Mutation = (b: Buffer, rng: Rng, seeds: readonly FuzzSeed[]) => { bytes: Buffer; note: string };

function at(b: Buffer, rng: Rng): number {
  return rng.int(b.length + 1);
}

const MUTATIONS: Record<string, Mutation> = {
  bitFlip(b, rng) {
    const out = Buffer.from(b);
    const n = rng.range(1, 8);
    const where: number[] = [];
    for (let k = 0; k < n && out.length; k++) {
      const i = rng.int(out.length);
      out[i]! ^= 1 << rng.int(8);
      where.push(i);
    }
    return { bytes: out, note: `bits@${where.join(',')}` };
  },
  byteSet(b, rng) {
    const out = Buffer.from(b);
    const n = rng.range(1, 16);
    for (let k = 0; k < n && out.length; k++) {
      out[rng.int(out.length)] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256);
    }
    return { bytes: out, note: `bytes x${n}` };
  },
  insertBytes(b, rng) {
    const i = at(b, rng);
    const n = rng.size(256);
    const ins = Buffer.alloc(n);
    for (let k = 0; k < n; k++) ins[k] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.int(256);
    return { bytes: Buffer.concat([b.subarray(0, i), ins, b.subarray(i)]), note: `insert ${n}@${i}` };
  },
  deleteRange(b, rng) {
    const i = at(b, rng);
    const n = rng.size(Math.max(1, b.length - i));
    return { bytes: Buffer.concat([b.subarray(0, i), b.subarray(i + n)]), note: `delete ${n}@${i}` };
  },
  duplicateRange(b, rng) {
    const i = at(b, rng);
    const n = rng.size(Math.max(1, Math.min(4096, b.length - i)));
    const times = rng.size(50);
    const copy = b.subarray(i, i + n);
    const parts = [b.subarray(0, i + n)];
    for (let k = 0; k < times; k++) parts.push(copy);
    parts.push(b.subarray(i + n));
    return { bytes: Buffer.concat(parts), note: `dup ${n}@${i} x${times}` };
  },
  truncate(b, rng) {
    const i = at(b, rng);
    return { bytes: b.subarray(0, i), note: `truncate@${i}` };
  },
  splice(b, rng, seeds) {
    const other = rng.pick(seeds);
    const i = at(b, rng);
    const j = rng.int(other.bytes.length + 1);
    return {
      bytes: Buffer.concat([b.subarray(0, i), other.bytes.subarray(j)]),
      note: `splice@${i} ${other.name}@${j}`,
    };
  },
  swapDelimiter(b, rng) {
    const d = delimitersOf(b);
    const which = rng.pick(['element', 'component', 'repetition', 'segment'] as const);
    const from = d[which];
    const to = latin1(rng.pick(DELIMITER_CHOICES))[0]!;
    if (from < 0) return { bytes: b, note: `swap ${which} (none)` };
    const out = Buffer.from(b);
    // Everywhere, or only in the ISA header (the header then lies about the body).
    const headerOnly = rng.chance(0.4);
    const isa = b.indexOf('ISA');
    const limit = headerOnly && isa !== -1 ? Math.min(out.length, isa + 107) : out.length;
    for (let i = headerOnly && isa !== -1 ? isa : 0; i < limit; i++) if (out[i] === from) out[i] = to;
    return { bytes: out, note: `swap ${which} ${from}->${to}${headerOnly ? ' (ISA only)' : ''}` };
  },
  isaDelimiterFields(b, rng) {
    // Change ISA11 (repetition / standards id) or ISA16 (component) in place.
    const isa = b.indexOf('ISA');
    if (isa === -1) return { bytes: b, note: 'isa fields (none)' };
    const el = b[isa + 3]!;
    const out = Buffer.from(b);
    const target = rng.pick([11, 16]);
    let seps = 0;
    for (let i = isa + 3; i < Math.min(out.length, isa + 512); i++) {
      if (out[i] === el && ++seps === target) {
        if (i + 1 < out.length) out[i + 1] = latin1(rng.pick([...DELIMITER_CHOICES, 'U', '*', '~']))[0]!;
        return { bytes: out, note: `ISA${target}=${out[i + 1]}` };
      }
    }
    return { bytes: out, note: `ISA${target} (not found)` };
  },
  segmentOps(b, rng) {
    const d = delimitersOf(b);
    const segs = segmentsOf(b, d.segment);
    if (segs.length < 2) return { bytes: b, note: 'segments (too few)' };
    const op = rng.pick(['duplicate', 'drop', 'swap', 'move', 'reverse-range'] as const);
    const i = rng.int(segs.length);
    const j = rng.int(segs.length);
    const out = segs.slice();
    if (op === 'duplicate') out.splice(i, 0, ...Array.from({ length: rng.size(20) }, () => segs[i]!));
    else if (op === 'drop') out.splice(i, rng.size(Math.min(20, segs.length - i)));
    else if (op === 'swap') [out[i], out[j]] = [out[j]!, out[i]!];
    else if (op === 'move') out.splice(j, 0, ...out.splice(i, 1));
    else out.splice(Math.min(i, j), Math.abs(i - j), ...out.slice(Math.min(i, j), Math.max(i, j)).reverse());
    return { bytes: Buffer.concat(out), note: `segments ${op} ${i},${j}` };
  },
  renameSegment(b, rng) {
    const d = delimitersOf(b);
    const segs = segmentsOf(b, d.segment);
    if (!segs.length) return { bytes: b, note: 'rename (none)' };
    const i = rng.int(segs.length);
    const s = segs[i]!;
    const cut = s.indexOf(d.element);
    const id = rng.pick(SEGMENT_IDS);
    const out = segs.slice();
    out[i] = Buffer.concat([latin1(id), cut === -1 ? Buffer.alloc(0) : s.subarray(cut)]);
    return { bytes: Buffer.concat(out), note: `rename #${i} to ${id}` };
  },
  isaWidths(b, rng) {
    // Insert or delete characters inside an ISA element, or pad the header.
    const isa = b.indexOf('ISA');
    if (isa === -1) return { bytes: b, note: 'isa widths (none)' };
    const i = isa + rng.range(4, 104);
    if (i > b.length) return { bytes: b, note: 'isa widths (short)' };
    const n = rng.range(1, 6);
    return rng.chance(0.5)
      ? {
          bytes: Buffer.concat([b.subarray(0, i), Buffer.alloc(n, 0x20), b.subarray(i)]),
          note: `isa +${n}@${i}`,
        }
      : { bytes: Buffer.concat([b.subarray(0, i), b.subarray(i + n)]), note: `isa -${n}@${i}` };
  },
  fieldGarbage(b, rng) {
    // Garbage numbers, amounts, dates and control counts in CLM/SV1/CLP/DTP/SE/GE/IEA... elements.
    const d = delimitersOf(b);
    const segs = segmentsOf(b, d.segment);
    const candidates: number[] = [];
    for (let k = 0; k < segs.length; k++) {
      const s = segs[k]!;
      const cut = s.indexOf(d.element);
      if (cut > 0 && FIELD_SEGMENTS.has(s.subarray(0, cut).toString('latin1').trim())) candidates.push(k);
    }
    if (!candidates.length) return { bytes: b, note: 'fields (none)' };
    const k = rng.pick(candidates);
    const s = segs[k]!;
    const termAt = s.indexOf(d.segment);
    const body = (termAt === -1 ? s : s.subarray(0, termAt)).toString('latin1');
    const tail = termAt === -1 ? Buffer.alloc(0) : s.subarray(termAt);
    const elements = body.split(String.fromCharCode(d.element));
    const e = rng.range(1, Math.max(1, elements.length - 1));
    let value = rng.pick(GARBAGE_VALUES);
    // Sometimes garbage in one component of a composite (CLM05-1, SV101-2).
    const comp = String.fromCharCode(d.component);
    if (elements[e]?.includes(comp) && rng.chance(0.5)) {
      const parts = elements[e]!.split(comp);
      parts[rng.int(parts.length)] = value;
      value = parts.join(comp);
    }
    elements[e] = value;
    const out = segs.slice();
    out[k] = Buffer.concat([latin1(elements.join(String.fromCharCode(d.element))), tail]);
    return { bytes: Buffer.concat(out), note: `field #${k} e${e}=${JSON.stringify(value.slice(0, 20))}` };
  },
  huge(b, rng) {
    const d = delimitersOf(b);
    const kind = rng.pick(['segment-repeat', 'element', 'elements', 'unterminated', 'hl-depth'] as const);
    const i = at(b, rng);
    const el = String.fromCharCode(d.element);
    const term = String.fromCharCode(d.segment);
    let ins: string;
    if (kind === 'segment-repeat') {
      const segs = segmentsOf(b, d.segment);
      const s = segs.length ? rng.pick(segs).toString('latin1') : `LX${el}1${term}`;
      ins = s.repeat(rng.size(Math.max(100, Math.floor(400_000 / Math.max(1, s.length)))));
    } else if (kind === 'element') ins = `NTE${el}ADD${el}${'X'.repeat(rng.size(200_000))}${term}`;
    else if (kind === 'elements') ins = `REF${el.repeat(rng.size(60_000))}${term}`;
    else if (kind === 'unterminated') ins = `NTE${el}${'Y'.repeat(60_000 + rng.size(240_000))}`;
    else {
      const depth = rng.size(3_000);
      const parts: string[] = [];
      for (let k = 0; k < depth; k++)
        parts.push(`HL${el}${k + 2}${el}${k + 1}${el}22${el}1${term}SBR${el}P${el}18${term}`);
      ins = parts.join('');
    }
    return {
      bytes: Buffer.concat([b.subarray(0, i), latin1(ins), b.subarray(i)]),
      note: `huge ${kind} ${ins.length}@${i}`,
    };
  },
  encoding(b, rng) {
    const kind = rng.pick([
      'nul-prefix',
      'nul-insert',
      'utf8-bom',
      'utf16le-bom-only',
      'utf16be-bom-only',
      'utf16le',
      'utf16be',
      'utf16-odd',
      'lone-surrogate',
      'invalid-utf8',
      'latin1-high',
    ] as const);
    const i = at(b, rng);
    const text = b.toString('latin1');
    const le = (s: string) => Buffer.from(s, 'utf16le');
    const be = (s: string) => {
      const x = le(s);
      return x.swap16();
    };
    let out: Buffer;
    switch (kind) {
      case 'nul-prefix':
        out = Buffer.concat([Buffer.alloc(rng.size(64)), b]);
        break;
      case 'nul-insert':
        out = Buffer.concat([b.subarray(0, i), Buffer.alloc(rng.size(8)), b.subarray(i)]);
        break;
      case 'utf8-bom':
        out = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
        break;
      case 'utf16le-bom-only':
        out = Buffer.concat([Buffer.from([0xff, 0xfe]), b]);
        break;
      case 'utf16be-bom-only':
        out = Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
        break;
      case 'utf16le':
        out = Buffer.concat([rng.chance(0.5) ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), le(text)]);
        break;
      case 'utf16be':
        out = Buffer.concat([rng.chance(0.5) ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), be(text)]);
        break;
      case 'utf16-odd': {
        const x = Buffer.concat([Buffer.from([0xff, 0xfe]), le(text)]);
        out = x.subarray(0, Math.max(0, x.length - 1 - 2 * rng.int(Math.floor(x.length / 2))));
        break;
      }
      case 'lone-surrogate': {
        const x = Buffer.concat([Buffer.from([0xff, 0xfe]), le(text)]);
        const k = 2 + 2 * rng.int(Math.max(1, Math.floor((x.length - 2) / 2)));
        out = Buffer.concat([x.subarray(0, k), Buffer.from([0x00, 0xd8]), x.subarray(k)]);
        break;
      }
      case 'invalid-utf8': {
        const seq = rng.pick([
          [0xc3, 0x28],
          [0xe2, 0x82],
          [0xf0, 0x9f],
          [0xff],
          [0xc0, 0x80],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
        ]);
        out = Buffer.concat([b.subarray(0, i), Buffer.from(seq), b.subarray(i)]);
        break;
      }
      default:
        out = Buffer.concat([b.subarray(0, i), latin1('\u00e9\u00fc\u00df\u00bf'), b.subarray(i)]);
    }
    return { bytes: out, note: `encoding ${kind}@${i}` };
  },
  lineEndings(b, rng) {
    const d = delimitersOf(b);
    const kind = rng.pick(['lf', 'crlf', 'cr', 'strip', 'wrap80', 'crlf-to-lf', 'lf-to-cr'] as const);
    const term = String.fromCharCode(d.segment);
    const text = b.toString('latin1');
    let out: string;
    if (kind === 'lf') out = text.split(term).join(`${term}\n`);
    else if (kind === 'crlf') out = text.split(term).join(`${term}\r\n`);
    else if (kind === 'cr') out = text.split(term).join(`${term}\r`);
    else if (kind === 'strip') out = text.replace(/[\r\n]/g, '');
    else if (kind === 'crlf-to-lf') out = text.replace(/\r\n/g, '\n');
    else if (kind === 'lf-to-cr') out = text.replace(/\n/g, '\r');
    else out = text.replace(/[\r\n]/g, '').replace(/(.{80})/g, '$1\n');
    return { bytes: latin1(out), note: `lines ${kind}` };
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Applies one named mutation (for targeted tests). */
export function applyMutation(name: string, bytes: Buffer, rng: Rng, seeds: readonly FuzzSeed[]): FuzzInput {
  const m = MUTATIONS[name];
  if (!m) throw new Error(`unknown mutation ${name}`);
  const r = m(bytes, rng, seeds);
  return { bytes: r.bytes, trail: [r.note] };
}

/**
 * Input `index` of the campaign with seed `campaignSeed`: a seed file with 1 to 5 stacked mutations,
 * each result cut to MAX_INPUT_BYTES.
 */
export function mutateInput(seeds: readonly FuzzSeed[], campaignSeed: number, index: number): FuzzInput {
  const rng = new Rng(inputSeed(campaignSeed, index));
  const seed = rng.pick(seeds);
  let bytes = seed.bytes;
  const trail = [`seed ${seed.name}`];
  const count = rng.chance(0.5) ? 1 : rng.range(2, 5);
  for (let k = 0; k < count; k++) {
    const name = rng.pick(MUTATION_NAMES);
    const r = MUTATIONS[name]!(bytes, rng, seeds);
    bytes = r.bytes.length > MAX_INPUT_BYTES ? r.bytes.subarray(0, MAX_INPUT_BYTES) : r.bytes;
    trail.push(`${name}: ${r.note}`);
  }
  return { bytes, trail };
}
