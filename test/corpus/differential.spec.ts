import { X12parser } from 'x12-parser';
import { Readable } from 'node:stream';
import { X12Tokenizer, type Segment } from '../../src/x12/index.js';
import { announceMissingCorpus, corpusAvailable, readCorpusFile, readManifest } from './corpus-files.js';

/**
 * Differential test: our segment stream against the npm package x12-parser (the design card's parser,
 * kept as the oracle) on every corpus file it reads correctly.
 *
 * x12-parser takes its delimiters from fixed ISA offsets of the first interchange (3, 104, 105), trims
 * whitespace and newlines from every element and splits components everywhere but in ISA. So both
 * streams are compared as trimmed element/component arrays, and a file is in scope only when those
 * fixed offsets are right for the whole file (ISA at byte 0, a 106-character ISA, one delimiter set).
 */

type Normalised = { id: string; elements: string[][] };

async function theirSegments(buf: Buffer): Promise<Normalised[]> {
  const out: Normalised[] = [];
  const parser = new X12parser();
  await new Promise<void>((resolve, reject) => {
    Readable.from([buf])
      .pipe(parser)
      .on('data', (seg: Record<string, string>) => {
        const elements: string[][] = [];
        for (let n = 1; `${n}` in seg; n++) {
          const comps = [seg[`${n}`]!];
          for (let k = 1; `${n}-${k}` in seg; k++) comps.push(seg[`${n}-${k}`]!);
          elements.push(comps);
        }
        out.push({ id: seg['name']!, elements });
      })
      .on('end', resolve)
      .on('error', reject);
  });
  // x12-parser emits an empty segment for trailing whitespace after the last terminator.
  return out.filter((s) => !(s.id === '' && s.elements.length === 0));
}

function ourSegments(buf: Buffer): Normalised[] {
  const segs: Segment[] = [];
  const t = new X12Tokenizer({ segment: (s) => segs.push(s), issue: () => undefined });
  t.write(buf);
  t.end();
  return segs.map((s) => ({
    id: s.id,
    elements: s.elements
      .slice(1)
      .map((e) =>
        s.id === 'ISA' ? [e.replace(/\n/g, '').trim()] : e.split(s.delimiters.component).map((c) => c.trim()),
      ),
  }));
}

/** Why x12-parser cannot read this file correctly, or null when it can. */
function outOfScope(buf: Buffer): string | null {
  const text = buf.toString('latin1');
  if (!text.startsWith('ISA')) return 'does not start with ISA at byte 0 (BOM, whitespace or no ISA)';
  const el = text[3]!;
  let seps = 0;
  let i = 3;
  for (; i < text.length && seps < 16; i++) if (text[i] === el) seps++;
  if (i !== 104) return 'ISA is not 106 characters: fixed-offset delimiter detection breaks';
  const term = text[105]!;
  if (term === '\n' || term === '\r') return 'newline terminator: x12-parser rewrites CRLF before splitting';
  const isas = [...text.matchAll(/ISA(.)/g)].filter((m) => m[1] === el).map((m) => m.index);
  for (const at of isas)
    if (text[at + 105] !== term || text[at + 104] !== text[104]) return 'delimiters change';
  return null;
}

announceMissingCorpus('differential');
const files = corpusAvailable ? readManifest().map((m) => m.file) : [];
const describeCorpus = corpusAvailable ? describe : describe.skip;

describeCorpus('segment stream equals x12-parser on every corpus file it reads correctly', () => {
  const inScope = files.filter((f) => outOfScope(readCorpusFile(f)) === null);

  it('compares most of the corpus (the scope cannot silently shrink)', () => {
    expect(inScope.length).toBeGreaterThanOrEqual(35);
  });

  it.each(inScope)('%s', async (file) => {
    const buf = readCorpusFile(file);
    const ours = ourSegments(buf);
    const theirs = await theirSegments(buf);
    expect(ours.length).toBe(theirs.length);
    expect(ours).toEqual(theirs);
  });

  it('lists why the other files are out of scope', () => {
    const reasons = files
      .filter((f) => !inScope.includes(f))
      .map((f) => [f, outOfScope(readCorpusFile(f))] as const);
    for (const [, reason] of reasons) expect(reason).not.toBeNull();
    expect(reasons.length + inScope.length).toBe(files.length);
  });
});
