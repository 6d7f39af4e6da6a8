/**
 * Issue 10: the disk fills up while an upload is being written to UPLOAD_DIR. The client gets a clear
 * error, nothing of the file is recorded, no partial file is left behind, and the next upload (once
 * there is room) works. As root, UPLOAD_DIR is a real 1 MB tmpfs; otherwise (mount refused) the disk
 * is simulated: multer's write stream fails with ENOSPC after its first chunk (the test says which).
 */
import { spawnSync } from 'node:child_process';
import { jest } from '@jest/globals';
import fs, { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { projectRoot } from '../corpus/corpus-files.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const work = mkdtempSync(join(tmpdir(), 'claimguard-diskfull-'));
const uploadDir = join(work, 'uploads');
fs.mkdirSync(uploadDir);
const mounted =
  process.env['DISK_FULL_SIMULATED'] !== '1' &&
  process.getuid?.() === 0 &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', uploadDir], { stdio: 'ignore' }).status === 0;
// 3 MB: three times the room there is.
const big = join(work, 'big-837.x12');
writeFileSync(
  big,
  `ISA*00*${' '.repeat(10)}*00*${' '.repeat(10)}~${'NTE*ADD*'.padEnd(1000, 'X')}~\n`.repeat(3000),
);

afterAll(() => {
  if (mounted) spawnSync('umount', [uploadDir], { stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
});

describe.each(databaseKinds)(
  `upload with the disk full (${mounted ? 'real 1 MB tmpfs' : 'simulated ENOSPC'}) on %s`,
  (kind) => {
    let db: TestDatabase;
    let e2e: E2eApp;

    beforeAll(async () => {
      db = await createTestDatabase(kind);
      e2e = await startE2eApp(db, uploadDir);
    });

    afterAll(async () => {
      await e2e?.close();
      await db?.drop();
    });

    afterEach(() => jest.restoreAllMocks());

    it('answers a clear error, records nothing, leaves no partial file, and takes the next upload', async () => {
      if (!mounted) {
        const real = fs.createWriteStream;
        jest.spyOn(fs, 'createWriteStream').mockImplementation(((path: fs.PathLike) => {
          let written = 0;
          const target = real(path);
          return Object.assign(
            new Writable({
              write(chunk: Buffer, _enc, done) {
                written += chunk.length;
                if (written > 64 * 1024) {
                  const err = Object.assign(new Error(`ENOSPC: no space left on device, write`), {
                    code: 'ENOSPC',
                  });
                  done(err);
                } else target.write(chunk, done);
              },
              final(done) {
                target.end(done);
              },
            }),
            { path },
          );
        }) as unknown as typeof fs.createWriteStream);
      }
      const res = await e2e.http().post('/api/v1/files').attach('file', big);
      console.log(`[disk-full] ${kind}: ${res.status} ${JSON.stringify(res.body)}`);
      expect(res.status).toBe(507);
      expect(JSON.stringify(res.body)).toMatch(/space/i);
      expect(readdirSync(uploadDir)).toEqual([]);
      const files = await e2e.http().get('/api/v1/files');
      expect(files.status).toBe(200);
      expect(files.body.items).toEqual([]);
      jest.restoreAllMocks();

      const ok = await e2e
        .http()
        .post('/api/v1/files')
        .attach('file', join(projectRoot, 'fixtures/x12/valid/835-full.x12'));
      expect(ok.status).toBe(201);
      expect(readdirSync(uploadDir)).toEqual([]);
    });
  },
);
