import { Writable } from 'node:stream';
import type { IngestResult, ReceivedFileRecord } from '../ingest/ingest-result.js';
import { type FileIngester, ingestCommand, renderIngestLine } from './ingest.command.js';

function sink(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

function record(overrides: Partial<ReceivedFileRecord>): ReceivedFileRecord {
  return {
    id: '01234567-89ab-7def-8123-456789abcdef',
    sha256: 'ab'.repeat(32),
    name: 'f.x12',
    sizeBytes: 10,
    kind: '837',
    status: 'processed',
    transactionCount: 1,
    claimCount: 2,
    paymentCount: 0,
    errorCount: 0,
    warningCount: 1,
    failure: null,
    receivedAt: '2026-01-01T00:00:00.000Z',
    processedAt: '2026-01-01T00:00:01.000Z',
    ...overrides,
  };
}

/** A strict fake: answers only the files it was given, and fails the test on any other. */
function ingester(answers: Record<string, IngestResult | Error>): FileIngester & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async ingestPath(path: string, originalName: string): Promise<IngestResult> {
      calls.push([path, originalName]);
      const answer = answers[path];
      if (answer === undefined) throw new Error(`unexpected ingestPath(${path})`);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('claimguard ingest', () => {
  it('prints one line per file and exits 0 when every file was stored or already on file', async () => {
    const sut = ingester({
      'in/a.x12': { file: record({}), duplicate: false },
      'in/b.x12': { file: record({ kind: '835', paymentCount: 4, claimCount: 0 }), duplicate: true },
    });
    const { out, text } = sink();
    expect(await ingestCommand(['in/a.x12', 'in/b.x12'], sut, out)).toBe(0);
    expect(sut.calls).toEqual([
      ['in/a.x12', 'a.x12'],
      ['in/b.x12', 'b.x12'],
    ]);
    expect(text().split('\n')).toEqual([
      'in/a.x12: processed, file 01234567-89ab-7def-8123-456789abcdef (837, 1 transaction sets, 2 claims, 0 claim payments, 0 errors, 1 warnings)',
      'in/b.x12: duplicate of file 01234567-89ab-7def-8123-456789abcdef (processed; 835, 1 transaction sets, 0 claims, 4 claim payments, 0 errors, 1 warnings)',
      '',
    ]);
  });

  it('exits 1 when a file failed or could not be read, and goes on with the others', async () => {
    const sut = ingester({
      'bad.x12': {
        file: record({
          status: 'failed',
          kind: 'unknown',
          failure: 'not readable as X12: the input is empty',
        }),
        duplicate: false,
      },
      'missing.x12': new Error("ENOENT: no such file or directory, open 'missing.x12'"),
      'good.x12': { file: record({}), duplicate: false },
    });
    const { out, text } = sink();
    expect(await ingestCommand(['bad.x12', 'missing.x12', 'good.x12'], sut, out)).toBe(1);
    const lines = text().trim().split('\n');
    expect(lines[0]).toMatch(/^bad\.x12: failed, file .* not readable as X12: the input is empty$/);
    expect(lines[1]).toBe("missing.x12: failed: ENOENT: no such file or directory, open 'missing.x12'");
    expect(lines[2]).toMatch(/^good\.x12: processed/);
  });

  it('renders a failed file with its reason', () => {
    expect(
      renderIngestLine('x', { file: record({ status: 'failed', failure: 'why' }), duplicate: false }),
    ).toMatch(/: why$/);
  });
});
