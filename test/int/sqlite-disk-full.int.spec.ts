/**
 * Reliability: a full disk gives a clear error and leaves no corrupt state. The SQLite database lives
 * on a small tmpfs of its own; once it is migrated and holds a small 837, the rest of the tmpfs is
 * filled with a filler file, and `claimguard ingest` of a larger 837 must fail with a non-zero exit and
 * say on stderr that the disk is full. With the filler gone the database passes integrity_check and
 * foreign_key_check, nothing of the failed file is stored (its record absent or `failed`, never
 * `processing`), and the same file then goes in, its claims exactly once.
 *
 * SQLite only, by nature: the app's SQLite file is on a disk the test can make full, whereas a
 * PostgreSQL server's disk belongs to the server, not to the app (or the test) to fill.
 *
 * Mounting a tmpfs needs root (CAP_SYS_ADMIN). Where the mount is refused, the suite's title says so
 * and its tests are reported as skipped: there is no honest way to fill a disk the test does not own.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildCli,
  cliEnv,
  type KillFixture,
  makeFixture,
  prepareDatabases,
  runCli,
  type TrialDatabases,
} from '../../bench/reliability/kill-recovery.js';
import type { DatabaseConfig } from '../../src/config/app-config.js';

/** The part of better-sqlite3 the checks use (it ships no types). */
interface SqliteConnection {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
  pragma(sql: string): unknown;
  close(): void;
}
const openSqlite = createRequire(import.meta.url)('better-sqlite3') as new (
  path: string,
  options: { readonly: boolean; fileMustExist: boolean },
) => SqliteConnection;

/**
 * 16 MiB: measured, the migrated template (~0.8 MB), the evaluable template prepareDatabases makes
 * (~4.8 MB, plus its WAL while it is written) and the trial database fit with room to spare. The size
 * hardly matters otherwise, since the filler takes whatever is left.
 */
const TMPFS_SIZE = '16m';
/**
 * Space left free after the filler. Measured: with 0 bytes free the app cannot even open the database
 * (WAL mode needs its -shm and -wal files: "disk I/O error" at start-up, retried), which is not the
 * ingest's failure; with 256 KiB to 2 MiB free it starts, and a 382-claim 837 (which adds 3.6 MB to
 * the database) fails at COMMIT with SQLITE_FULL. The large 837 here has about 190 claims (some 1.8
 * MB), over three times what is left.
 */
const LEFT_FREE = 512 * 1024;

/** Mounts a tmpfs of TMPFS_SIZE on `dir`; throws with mount's reason when that is refused. */
function mountTmpfs(dir: string): void {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (err) {
    // mount's first line says why ("must be superuser", "permission denied"); the rest is advice.
    const why = (err as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    throw new Error(why || (err instanceof Error ? err.message : String(err)), { cause: err });
  }
}

/**
 * Whether a tmpfs can be mounted here: tried once while the suite is collected (mounted and unmounted
 * at once), so that the title can say so. The real mount is made in beforeAll, so that a run that
 * collects this file but selects none of its tests (`-t`) leaves nothing mounted. Null when it can.
 */
function mountRefused(): string | null {
  const probe = mkdtempSync(join(tmpdir(), 'claimguard-diskfull-probe-'));
  try {
    mountTmpfs(probe);
    execFileSync('umount', [probe]);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const refused = mountRefused();
if (refused) console.warn(`[disk-full] SKIPPED: mounting a tmpfs was refused (${refused})`);

const title = refused
  ? `SQLite disk full: NOT TESTED, mounting a ${TMPFS_SIZE} tmpfs was refused (${refused}; needs root)`
  : `SQLite disk full (database on a ${TMPFS_SIZE} tmpfs)`;
const check = refused ? it.skip : it;

/** Writes zeros to `path` until the filesystem says ENOSPC, then gives back `leave` bytes. */
function fillDisk(path: string, leave: number): number {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  }
  ftruncateSync(fd, Math.max(0, written - leave));
  closeSync(fd);
  return written;
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe(title, () => {
  let work: string | undefined;
  let mountPoint = '';
  let mounted = false;
  let build: { cli: string; remove: () => void } | undefined;
  let fixture: KillFixture;
  let dbs: TrialDatabases | undefined;
  let db: DatabaseConfig & { kind: 'sqlite' };
  /** The small 837 ingested before the disk is filled, and the larger one that then cannot fit. */
  let small: { path: string; claims: number };
  let large: { path: string; claims: number };
  const filler = () => join(mountPoint, 'filler');

  /** Read-only checks of the trial database: the engine's own, and what it holds of each file. */
  const inspect = () => {
    const c = new openSqlite(db.path, { readonly: true, fileMustExist: true });
    try {
      const rows = <T>(sql: string, ...params: unknown[]) => c.prepare(sql).all(...params) as T[];
      const claimsOf = (path: string): number =>
        rows<{ n: number }>(
          'SELECT COUNT(*) AS n FROM claim c JOIN received_file f ON f.id = c.file_id WHERE f.sha256 = ?',
          sha256(path),
        )[0]!.n;
      return {
        integrity: c.pragma('integrity_check') as { integrity_check: string }[],
        foreignKeys: c.pragma('foreign_key_check') as unknown[],
        files: rows<{ sha256: string; status: string }>('SELECT sha256, status FROM received_file'),
        largeFileStatus: rows<{ status: string }>(
          'SELECT status FROM received_file WHERE sha256 = ?',
          sha256(large.path),
        ).map((r) => r.status),
        smallClaims: claimsOf(small.path),
        largeClaims: claimsOf(large.path),
        claims: rows<{ n: number }>('SELECT COUNT(*) AS n FROM claim')[0]!.n,
      };
    } finally {
      c.close();
    }
  };

  beforeAll(async () => {
    if (refused) return;
    work = mkdtempSync(join(tmpdir(), 'claimguard-diskfull-'));
    mountPoint = join(work, 'tmpfs');
    mkdirSync(mountPoint);
    mountTmpfs(mountPoint);
    mounted = true;
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    build = buildCli(`diskfull-build-${process.pid}`);
    const built = ms();
    // No 835s: two 837s of about 200 claims between them, the 837I small and the 837P large.
    fixture = makeFixture(join(work, 'practice'), 200, 10, 10, 0);
    const bySize = [...fixture.expected.values()].sort((a, b) => a.claims - b.claims);
    small = bySize[0]!;
    large = bySize[bySize.length - 1]!;
    // The templates (migrated; evaluable) and the trial database all on the tmpfs.
    dbs = await prepareDatabases('sqlite', build.cli, fixture, mountPoint);
    const prepared = ms();
    db = (await dbs.fresh('empty')) as DatabaseConfig & { kind: 'sqlite' };
    const first = await runCli(build.cli, ['ingest', small.path], cliEnv(db));
    if (first.code !== 0) throw new Error(`the small ingest failed: ${first.stdout}\n${first.stderr}`);
    console.log(
      `[disk-full] ready in ${ms()} ms: CLI built ${built}, templates ${prepared - built}, small ingest (${small.claims} claims) ${first.ms}; large 837: ${large.claims} claims`,
    );
  }, 60_000);

  afterAll(async () => {
    if (mounted) rmSync(filler(), { force: true });
    await dbs?.dropAll();
    build?.remove();
    if (mounted) execFileSync('umount', [mountPoint]);
    if (work) rmSync(work, { recursive: true, force: true });
  }, 30_000);

  check(
    'an 837 that does not fit: exit 1, "disk is full" on stderr, nothing of it kept, database intact',
    async () => {
      const written = fillDisk(filler(), LEFT_FREE);
      const run = await runCli(build!.cli, ['ingest', large.path], cliEnv(db));
      // Space back at once, before anything is checked: a failed check must not leave the disk full
      // for the next test.
      rmSync(filler());
      console.log(
        `[disk-full] filler ${written} bytes (${LEFT_FREE} given back); ingest exit ${run.code} in ${run.ms} ms; stderr:\n${run.stderr}`,
      );
      expect(run.code).toBe(1);
      // The operator is told what to fix: the disk (SQLite's words, and its code), in one plain line.
      expect(run.stderr).toMatch(/database or disk is full \(SQLITE_FULL\)/);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(run.stderr).not.toMatch(/cannot rollback/); // SQLite's own rollback is not reported as a failure
      expect(run.stdout).toContain(`${large.path}: failed`);

      const state = inspect();
      expect(state.integrity).toEqual([{ integrity_check: 'ok' }]);
      expect(state.foreignKeys).toEqual([]);
      expect(state.files.filter((f) => f.status === 'processing')).toEqual([]);
      expect(['absent', 'failed']).toContain(state.largeFileStatus[0] ?? 'absent');
      expect(state.largeClaims).toBe(0);
      expect(state.smallClaims).toBe(small.claims);
      expect(state.claims).toBe(small.claims);
    },
    30_000,
  );

  check(
    'with space again, the same 837 goes in and its claims are stored exactly once',
    async () => {
      const run = await runCli(build!.cli, ['ingest', large.path], cliEnv(db));
      expect(run.code).toBe(0);
      expect(run.stderr).not.toMatch(/ERROR/);
      expect(run.stdout).toContain(`${large.path}: processed`);

      const state = inspect();
      expect(state.integrity).toEqual([{ integrity_check: 'ok' }]);
      expect(state.foreignKeys).toEqual([]);
      expect(state.largeFileStatus).toEqual(['processed']);
      expect(state.largeClaims).toBe(large.claims);
      expect(state.smallClaims).toBe(small.claims);
      expect(state.claims).toBe(small.claims + large.claims);
    },
    30_000,
  );
});
