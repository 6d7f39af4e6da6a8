import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { InboxReport } from '../../src/inbox/inbox-report.js';
import { IngestService } from '../../src/ingest/ingest.service.js';
import { InboxService } from '../../src/inbox/inbox.service.js';
import { InputsService } from '../../src/inputs/inputs.service.js';
import { type JobContext, JobIncompleteError } from '../../src/jobs/job-types.js';
import { projectRoot } from '../corpus/corpus-files.js';
import { type E2eApp, startE2eApp } from '../support/e2e-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const fixture = (path: string) => join(projectRoot, 'fixtures', path);

/** The day the runs archive under (any fixed day: the job is told it, never reads the clock for it). */
const TODAY = '2026-11-20';

/** Every table a file can write to. */
const TABLES = [
  'received_file',
  'file_issue',
  'claim',
  'claim_line',
  'remittance',
  'claim_payment',
  'input_import',
  'prior_authorization',
  'clinical_document',
  'eligibility_coverage',
  'contract_rate',
  'fhir_patient',
] as const;

interface BadFile {
  file: string;
  issues: { code: string; line?: number; column?: string; path?: string }[];
}
const BAD_INPUTS = (
  JSON.parse(readFileSync(fixture('inputs/invalid/expected.json'), 'utf8')) as { files: BadFile[] }
).files;

describe.each(databaseKinds)('inbox job on %s (e2e)', (kind) => {
  let db: TestDatabase;
  let started: E2eApp;
  let ds: DataSource;
  let inboxJob: InboxService;
  let uploadDir: string;
  let inbox: string;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    uploadDir = mkdtempSync(join(tmpdir(), 'claimguard-inbox-'));
    inbox = `${uploadDir}-inbox`;
    // A minute: files the tests place are dated an hour back unless a test wants one "being written".
    started = await startE2eApp(db, uploadDir, { INBOX_SETTLE_SECONDS: '60' });
    ds = started.app.get(DataSource);
    inboxJob = started.app.get(InboxService);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await db?.drop();
    for (const dir of [uploadDir, `${uploadDir}-inbox`, `${uploadDir}-reports`]) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const ctx = (): JobContext => ({
    runId: randomUUID(),
    startedAt: new Date().toISOString(),
    today: TODAY,
    timeZone: 'UTC',
    actor: { kind: 'system', via: 'system', name: 'scheduler' },
  });

  /** Puts a file in the inbox (`rel` may name a kind folder), last modified `ageSeconds` ago. */
  function place(rel: string, content: Buffer | string, ageSeconds = 3600): string {
    const path = join(inbox, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    const at = new Date(Date.now() - ageSeconds * 1000);
    utimesSync(path, at, at);
    return path;
  }
  const placeFixture = (rel: string, fixturePath: string, ageSeconds?: number): string =>
    place(rel, readFileSync(fixture(fixturePath)), ageSeconds);

  const archived = (tree: 'processed' | 'failed'): string[] =>
    existsSync(join(inbox, tree, TODAY)) ? readdirSync(join(inbox, tree, TODAY)).sort() : [];
  const reportOf = (tree: 'processed' | 'failed', name: string): InboxReport =>
    JSON.parse(readFileSync(join(inbox, tree, TODAY, `${name}.report.json`), 'utf8')) as InboxReport;
  /** Files waiting at the top of the inbox and in its kind folders. */
  const inInbox = (): string[] =>
    readdirSync(inbox, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(inbox.length + 1))
      .filter((p) => !p.startsWith('processed') && !p.startsWith('failed'))
      .sort();

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of TABLES) {
      const [row] = (await ds.query(`SELECT COUNT(*) AS n FROM "${t}"`)) as { n: string | number }[];
      out[t] = Number(row!.n);
    }
    return out;
  }

  async function auditEvents(): Promise<
    {
      actor_name: string;
      target_type: string | null;
      target_id: string | null;
      outcome: string;
      detail: string;
    }[]
  > {
    return (await ds.query(
      `SELECT actor_name, target_type, target_id, outcome, detail FROM audit_event WHERE action = 'inbox.file' ORDER BY id`,
    )) as never;
  }

  it('creates a missing inbox folder and finds nothing to do', async () => {
    rmSync(inbox, { recursive: true, force: true });
    await expect(inboxJob.run(ctx())).resolves.toEqual({
      files: 0,
      ingested: 0,
      imported: 0,
      duplicates: 0,
      failed: 0,
      waiting: 0,
      errors: 0,
    });
    expect(existsSync(inbox)).toBe(true);
  });

  it('ingests new files of every kind, oldest first, and archives each beside its report', async () => {
    // The 837 is older than its 835, so the payments find their claims.
    placeFixture('837p-original.x12', 'x12/ingest/837p-original.x12', 3700);
    placeFixture('835-payments.x12', 'x12/ingest/835-payments.x12', 3650);
    placeFixture('authorizations-2026-11.csv', 'inputs/authorizations.csv');
    placeFixture('ehr-export.json', 'inputs/fhir-bundle.json');
    placeFixture('271.x12', 'x12/valid/271-eligibility-response.x12');
    placeFixture('278.x12', 'x12/valid/278-services-review-response.x12');
    // In a kind folder the folder names the kind.
    placeFixture('eligibility/roster.csv', 'inputs/eligibility.csv');
    // An editor's temporary file and a download in progress are left alone.
    place('.~lock.roster.csv#', 'lock');
    place('big.x12.part', 'ISA*00*');

    const run = ctx();
    const result = await inboxJob.run(run);
    expect(result).toEqual({
      files: 7,
      ingested: 4,
      imported: 3,
      duplicates: 0,
      failed: 0,
      waiting: 0,
      errors: 0,
    });
    expect(inInbox()).toEqual(['.~lock.roster.csv#', 'big.x12.part']);
    expect(archived('failed')).toEqual([]);
    expect(archived('processed')).toEqual(
      [
        '271.x12',
        '278.x12',
        '835-payments.x12',
        '837p-original.x12',
        'authorizations-2026-11.csv',
        'ehr-export.json',
        'roster.csv',
      ]
        .flatMap((n) => [n, `${n}.report.json`])
        .sort(),
    );

    const claims = reportOf('processed', '837p-original.x12');
    expect(claims).toMatchObject({
      file: '837p-original.x12',
      folder: null,
      archivedAs: '837p-original.x12',
      kind: '837',
      outcome: 'ingested',
      importId: null,
      counts: { claims: 4, errors: 0 },
      issueCount: 0,
      issues: [],
      runId: run.runId,
    });
    expect(claims.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(claims.sizeBytes).toBe(readFileSync(fixture('x12/ingest/837p-original.x12')).length);
    expect(claims.message).toMatch(/^837 file ingested: 4 claims/);
    const [file] = (await ds.query(
      `SELECT id, name, status FROM received_file WHERE sha256 = '${claims.sha256}'`,
    )) as {
      id: string;
      name: string;
      status: string;
    }[];
    expect(file).toEqual({ id: claims.receivedFileId, name: '837p-original.x12', status: 'processed' });

    const payments = reportOf('processed', '835-payments.x12');
    expect(payments).toMatchObject({ kind: '835', outcome: 'ingested' });
    expect(payments.counts['payments']).toBeGreaterThan(0);
    // ING001 was on file when its payment came: linked.
    const [paid] = (await ds.query(
      `SELECT COUNT(*) AS n FROM claim_payment p JOIN claim c ON c.id = p.claim_id WHERE c.patient_control_number = 'ING001'`,
    )) as { n: string | number }[];
    expect(Number(paid!.n)).toBeGreaterThan(0);

    expect(reportOf('processed', '271.x12')).toMatchObject({ kind: '271', outcome: 'ingested' });
    expect(reportOf('processed', '278.x12')).toMatchObject({ kind: '278', outcome: 'ingested' });

    const auths = reportOf('processed', 'authorizations-2026-11.csv');
    expect(auths).toMatchObject({
      kind: 'authorizations',
      outcome: 'imported',
      receivedFileId: null,
      counts: { authorizations: 4, inserted: 4, updated: 0 },
    });
    const [imp] = (await ds.query(
      `SELECT kind, file_name FROM input_import WHERE id = '${auths.importId}'`,
    )) as {
      kind: string;
      file_name: string;
    }[];
    expect(imp).toEqual({ kind: 'authorizations', file_name: 'authorizations-2026-11.csv' });
    expect(reportOf('processed', 'ehr-export.json')).toMatchObject({ kind: 'fhir', outcome: 'imported' });
    expect(reportOf('processed', 'roster.csv')).toMatchObject({
      folder: 'eligibility',
      kind: 'eligibility',
      outcome: 'imported',
      counts: { eligibility: 3 },
    });

    // One audit event per file, as the scheduler, naming the record and nothing about patients.
    const events = await auditEvents();
    expect(events).toHaveLength(7);
    for (const e of events) {
      expect(e.actor_name).toBe('scheduler');
      expect(e.outcome).toBe('ok');
      expect(Object.keys(JSON.parse(e.detail) as object).sort()).toEqual(['kind', 'outcome', 'sha256']);
    }
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target_type: 'file', target_id: claims.receivedFileId }),
        expect.objectContaining({ target_type: 'input', target_id: auths.importId }),
      ]),
    );
  });

  it('archives the same bytes again as duplicates without storing anything, never overwriting a name', async () => {
    const before = await counts();
    const eventsBefore = (await auditEvents()).length;
    placeFixture('resent-claims.x12', 'x12/ingest/837p-original.x12');
    placeFixture('authorizations-2026-11.csv', 'inputs/authorizations.csv');
    placeFixture('fhir/again.json', 'inputs/fhir-bundle.json');
    placeFixture('271.x12', 'x12/valid/271-eligibility-response.x12');

    const result = await inboxJob.run(ctx());
    expect(result).toMatchObject({ files: 4, duplicates: 4, ingested: 0, imported: 0, failed: 0, errors: 0 });
    expect(await counts()).toEqual(before);
    expect(inInbox()).toEqual(['.~lock.roster.csv#', 'big.x12.part']);

    const claims = reportOf('processed', '837p-original.x12');
    expect(reportOf('processed', 'resent-claims.x12')).toMatchObject({
      kind: '837',
      outcome: 'duplicate',
      receivedFileId: claims.receivedFileId,
      counts: {},
    });
    // The name was taken by the first copy: the second is archived as -2, the first report kept.
    const second = reportOf('processed', 'authorizations-2026-11-2.csv');
    expect(second).toMatchObject({
      file: 'authorizations-2026-11.csv',
      archivedAs: 'authorizations-2026-11-2.csv',
      outcome: 'duplicate',
      importId: reportOf('processed', 'authorizations-2026-11.csv').importId,
    });
    expect(second.message).toMatch(/imported before/);
    expect(reportOf('processed', 'authorizations-2026-11.csv').outcome).toBe('imported');
    expect(reportOf('processed', '271-2.x12')).toMatchObject({ kind: '271', outcome: 'duplicate' });
    expect(reportOf('processed', 'again.json')).toMatchObject({ folder: 'fhir', outcome: 'duplicate' });
    expect((await auditEvents()).length).toBe(eventsBefore + 4);
  });

  it('leaves a file that is still being written in place until it has settled', async () => {
    const path = placeFixture('837p-late.x12', 'x12/ingest/837p-late.x12', 0);
    const before = await counts();
    expect(await inboxJob.run(ctx())).toMatchObject({ files: 1, waiting: 1, ingested: 0 });
    expect(inInbox()).toContain('837p-late.x12');
    expect(await counts()).toEqual(before);

    const past = new Date(Date.now() - 3600_000);
    utimesSync(path, past, past);
    expect(await inboxJob.run(ctx())).toMatchObject({ files: 1, waiting: 0, ingested: 1 });
    expect(inInbox()).not.toContain('837p-late.x12');
    expect(reportOf('processed', '837p-late.x12')).toMatchObject({ kind: '837', outcome: 'ingested' });
  });

  it('fails broken files with a report of their issues, stores nothing from them, and goes on with the next', async () => {
    const before = await counts();
    placeFixture('junk.x12', 'x12/invalid/binary-nul.x12', 3900);
    placeFixture('authorizations/auths-bad.csv', 'inputs/invalid/authorizations.csv', 3850);
    place('mystery.csv', 'foo,bar\n1,2\n', 3800);
    placeFixture('278-bad.x12', 'x12/invalid/278-response-bad-content.x12', 3750);
    placeFixture('notes.csv', 'inputs/documentation.csv', 3700);

    const result = await inboxJob.run(ctx());
    expect(result).toMatchObject({ files: 5, failed: 4, imported: 1, errors: 0 });
    expect(inInbox()).toEqual(['.~lock.roster.csv#', 'big.x12.part']);
    expect(archived('failed')).toEqual(
      ['278-bad.x12', 'auths-bad.csv', 'junk.x12', 'mystery.csv']
        .flatMap((n) => [n, `${n}.report.json`])
        .sort(),
    );

    const junk = reportOf('failed', 'junk.x12');
    expect(junk).toMatchObject({ kind: 'unknown', outcome: 'failed', receivedFileId: null, importId: null });
    expect(junk.message).toMatch(/not text/);
    expect(junk.message).toMatch(/authorizations\/, documentation\/, eligibility\/, contracts\/, fhir\//);
    expect(reportOf('failed', 'mystery.csv').message).toMatch(/does not carry the required columns/);

    const bad = reportOf('failed', 'auths-bad.csv');
    expect(bad).toMatchObject({ folder: 'authorizations', kind: 'authorizations', outcome: 'failed' });
    expect(bad.message).toMatch(/rejected: 10 errors; nothing was imported/);
    const expected = BAD_INPUTS.find((f) => f.file === 'authorizations.csv')!.issues;
    expect(bad.issueCount).toBe(expected.length);
    expect(bad.issues.map(({ code, line, column }) => ({ code, line, column }))).toEqual(expected);

    const response = reportOf('failed', '278-bad.x12');
    expect(response).toMatchObject({ kind: '278', outcome: 'failed' });
    expect(response.receivedFileId).toEqual(expect.any(String));
    expect(response.message).toMatch(
      /^Not stored: the 278 response was rejected with 4 errors \(see issues\)/,
    );
    expect(response.issueCount).toBe(4);
    expect(response.issues[0]).toEqual(
      expect.objectContaining({ line: expect.any(Number), segment: expect.any(String) }),
    );

    // The good file after the broken ones was imported; the broken ones wrote nothing but the failed
    // 278's own record (as an upload of it would).
    expect(reportOf('processed', 'notes.csv')).toMatchObject({ kind: 'documentation', outcome: 'imported' });
    const after = await counts();
    expect(after).toEqual({
      ...before,
      received_file: before['received_file']! + 1,
      input_import: before['input_import']! + 1,
      clinical_document: after['clinical_document'],
    });
    expect(after['clinical_document']).toBeGreaterThan(before['clinical_document']!);
    const failedEvents = (await auditEvents()).filter((e) => e.outcome === 'failed');
    expect(failedEvents).toHaveLength(4);
  });

  it('archives X12 with non-fatal issues as processed, and X12 that cannot be read as failed, with positioned issues', async () => {
    placeFixture('charge-mismatch.x12', 'x12/invalid/clm02-charge-mismatch.x12', 3700);
    place('short-isa.x12', 'ISA*00*an interchange header cut short\n', 3600);
    expect(await inboxJob.run(ctx())).toMatchObject({ files: 2, ingested: 1, failed: 1, errors: 0 });

    const mismatch = reportOf('processed', 'charge-mismatch.x12');
    expect(mismatch).toMatchObject({ kind: '837', outcome: 'ingested' });
    expect(mismatch.issueCount).toBeGreaterThan(0);
    expect(mismatch.issues[0]).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        line: expect.any(Number),
        byteOffset: expect.any(Number),
        segment: 'CLM',
        element: 2,
      }),
    );
    expect(mismatch.message).toMatch(/see issues/);

    const unreadable = reportOf('failed', 'short-isa.x12');
    expect(unreadable).toMatchObject({ kind: 'unknown', outcome: 'failed' });
    expect(unreadable.message).toMatch(/^Not stored: not readable as X12/);
    expect(unreadable.issues[0]).toEqual({
      severity: 'error',
      code: 'X12_NOT_X12',
      message: expect.any(String),
      line: 1,
      byteOffset: 0,
    });
  });

  it('archives a file that failed before in failed/ again when its bytes come back', async () => {
    placeFixture('278-bad-again.x12', 'x12/invalid/278-response-bad-content.x12');
    placeFixture('mystery.csv', 'inputs/invalid/contracts-header.csv');
    place('short-isa-again.x12', 'ISA*00*an interchange header cut short\n');
    expect(await inboxJob.run(ctx())).toMatchObject({ files: 3, failed: 2, duplicates: 1 });
    // Not X12 stays not X12: ingest does not try the same bytes again; the copy joins the first in failed/.
    expect(reportOf('failed', 'short-isa-again.x12')).toMatchObject({
      kind: 'unknown',
      outcome: 'duplicate',
      receivedFileId: reportOf('failed', 'short-isa.x12').receivedFileId,
    });
    expect(reportOf('failed', '278-bad-again.x12')).toMatchObject({ kind: '278', outcome: 'failed' });
    // Not the same bytes as the first mystery.csv, but the same name: archived as -2.
    const header = reportOf('failed', 'mystery-2.csv');
    expect(header).toMatchObject({ file: 'mystery.csv', kind: 'unknown', outcome: 'failed' });
  });

  it('archives as duplicates the files whose outcome was committed by a run that died before moving them', async () => {
    // What such a run left behind: the rows stored, the files still in the inbox.
    const claims = placeFixture('837p-void.x12', 'x12/ingest/837p-void.x12');
    const auths = placeFixture('authorizations/prior-auths.json', 'inputs/authorizations.json');
    const stored = await started.app.get(IngestService).ingestPath(claims, '837p-void.x12');
    const imported = await started.app
      .get(InputsService)
      .importPath('authorizations', auths, 'prior-auths.json');
    const before = await counts();

    expect(await inboxJob.run(ctx())).toMatchObject({ files: 2, duplicates: 2, ingested: 0, imported: 0 });
    expect(await counts()).toEqual(before);
    expect(reportOf('processed', '837p-void.x12')).toMatchObject({
      outcome: 'duplicate',
      receivedFileId: stored.file.id,
    });
    expect(reportOf('processed', 'prior-auths.json')).toMatchObject({
      folder: 'authorizations',
      outcome: 'duplicate',
      importId: imported.importId,
    });
  });

  it('leaves a file in place on an unexpected error, processes the rest, and fails the run', async () => {
    const inputs = started.app.get(InputsService);
    const spy = jest
      .spyOn(inputs, 'importPath')
      .mockRejectedValueOnce(new Error('connection to the database lost'));
    try {
      placeFixture('contracts-a.csv', 'inputs/contracts.csv', 3700);
      placeFixture('837p-replacement.x12', 'x12/ingest/837p-replacement.x12', 3600);
      const before = await counts();
      const failure = await inboxJob.run(ctx()).then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(JobIncompleteError);
      expect((failure as JobIncompleteError).message).toBe(
        '1 inbox file could not be processed and stays in the inbox for the next run (connection to the database lost)',
      );
      // The run is recorded as failed with what the other files came to.
      expect((failure as JobIncompleteError).counts).toMatchObject({ files: 2, ingested: 1, errors: 1 });
      expect(inInbox()).toContain('contracts-a.csv');
      expect(inInbox()).not.toContain('837p-replacement.x12');
      expect((await counts())['contract_rate']).toBe(before['contract_rate']);
    } finally {
      spy.mockRestore();
    }
    expect(await inboxJob.run(ctx())).toMatchObject({ files: 1, imported: 1, errors: 0 });
    expect(reportOf('processed', 'contracts-a.csv')).toMatchObject({
      kind: 'contracts',
      outcome: 'imported',
    });
  });
});
