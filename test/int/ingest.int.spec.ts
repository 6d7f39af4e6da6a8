import { WriteLock } from '../../src/database/write-lock.js';
import { InputRecordsRepository } from '../../src/inputs/input-records.repository.js';
import { InputsService } from '../../src/inputs/inputs.service.js';
import { PatientLinkingService } from '../../src/inputs/patient-linking.service.js';
import { PatientLinksRepository } from '../../src/inputs/patient-links.repository.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { generateX12 } from '../../bench/x12/generate-x12.js';
import { dataSourceOptions } from '../../src/database/data-source.js';
import { ClaimWriterRepository } from '../../src/ingest/claim-writer.repository.js';
import { CLAIM_BATCH } from '../../src/ingest/file-ingestion.js';
import { CLAIM_EVENT } from '../../src/ingest/ingest-tables.js';
import { IngestService, STORAGE_FAILURE } from '../../src/ingest/ingest.service.js';
import { ReceivedFilesRepository } from '../../src/ingest/received-files.repository.js';
import { RemittanceWriterRepository } from '../../src/ingest/remittance-writer.repository.js';
import { projectRoot } from '../corpus/corpus-files.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const valid = (name: string) => join(projectRoot, 'fixtures/x12/valid', name);
const invalid = (name: string) => join(projectRoot, 'fixtures/x12/invalid', name);
const ingestFixture = (name: string) => join(projectRoot, 'fixtures/x12/ingest', name);

const DATA_TABLES = [
  'claim',
  'claim_line',
  'claim_diagnosis',
  'claim_provider',
  'claim_event',
  'remittance',
  'claim_payment',
  'service_payment',
  'payment_adjustment',
  'remark_code',
  'provider_adjustment',
];

describe.each(databaseKinds)('IngestService on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let claims: ClaimWriterRepository;
  let service: IngestService;
  let scratch: string;

  beforeAll(async () => {
    // The simulated failure below is logged by IngestService, as a real one would be.
    Logger.overrideLogger(false);
    db = await createTestDatabase(kind);
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
    await ds.runMigrations();
    claims = new ClaimWriterRepository();
    const linking = new PatientLinkingService(new PatientLinksRepository(ds));
    const lock = new WriteLock();
    service = new IngestService(
      ds,
      new ReceivedFilesRepository(ds),
      claims,
      new RemittanceWriterRepository(),
      linking,
      new InputsService(new InputRecordsRepository(ds), linking, lock),
      lock,
    );
    scratch = mkdtempSync(join(tmpdir(), 'claimguard-ingest-'));
  }, 60_000);

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** PostgreSQL answers COUNT(*) as text. */
  async function count(table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
    const sql =
      kind === 'postgres'
        ? where.replace(
            /\?/g,
            (() => {
              let i = 0;
              return () => `$${++i}`;
            })(),
          )
        : where;
    const [row] = await ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${sql}`, params);
    return Number(row.n);
  }

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of [...DATA_TABLES, 'received_file', 'file_issue']) out[t] = await count(t);
    return out;
  }

  async function claimRow(pcn: string, submission: string): Promise<Record<string, unknown>> {
    const p = kind === 'postgres' ? ['$1', '$2'] : ['?', '?'];
    const rows = await ds.query(
      `SELECT * FROM claim WHERE patient_control_number = ${p[0]} AND submission = ${p[1]}`,
      [pcn, submission],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  async function eventsOf(claimId: string): Promise<string[]> {
    const p = kind === 'postgres' ? '$1' : '?';
    const rows: { kind: string }[] = await ds.query(
      `SELECT kind FROM claim_event WHERE claim_id = ${p} ORDER BY at, id`,
      [claimId],
    );
    return rows.map((r) => r.kind);
  }

  async function paymentsOf(pcn: string): Promise<Record<string, unknown>[]> {
    const p = kind === 'postgres' ? '$1' : '?';
    return ds.query(`SELECT * FROM claim_payment WHERE patient_control_number = ${p} ORDER BY byte_offset`, [
      pcn,
    ]);
  }

  it('stores an 837P: claims, lines, diagnoses, providers, events, counts', async () => {
    const result = await service.ingestPath(valid('837p-basic.x12'), '837p-basic.x12');
    expect(result.duplicate).toBe(false);
    expect(result.file).toMatchObject({
      name: '837p-basic.x12',
      kind: '837',
      status: 'processed',
      transactionCount: 1,
      claimCount: 2,
      paymentCount: 0,
      errorCount: 0,
      failure: null,
    });
    expect(result.file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.file.processedAt).not.toBeNull();
    const fileId = result.file.id;
    expect(await count('claim', 'file_id = ?', [fileId])).toBe(2);
    expect(await count('claim_line')).toBe(4);
    expect(await count('claim_diagnosis')).toBe(4);
    expect(await count('claim_provider', "role = 'billing'")).toBe(2);
    expect(await count('claim_event', "kind = 'received'")).toBe(2);

    const c = await claimRow('PCN002', 'original');
    expect(c).toMatchObject({
      file_id: fileId,
      claim_type: 'professional',
      frequency_code: '1',
      status: 'submitted',
      payer_id: 'TESTPYR01',
      billing_npi: '1234567893',
      billing_tax_id: '999999999',
      subscriber_member_id: 'TESTMEM001',
      patient_last_name: 'TESTPATIENT',
      service_date_from: '2024-01-16',
      superseded_by_id: null,
      duplicate_of_id: null,
    });
    expect(Number(c['total_charge_cents'])).toBe(23075);
    expect(Number(c['paid_cents'])).toBe(0);
    const detail = JSON.parse(c['detail'] as string);
    expect(detail.patientControlNumber).toBe('PCN002');
    expect(detail.lines).toHaveLength(2);
    const p = kind === 'postgres' ? '$1' : '?';
    const lines = await ds.query(
      `SELECT line_number, procedure_code, charge_cents, service_date, place_of_service, diagnosis_pointers FROM claim_line WHERE claim_id = ${p} ORDER BY line_number`,
      [c['id']],
    );
    expect(
      lines.map((l: Record<string, unknown>) => ({ ...l, charge_cents: Number(l['charge_cents']) })),
    ).toEqual([
      {
        line_number: 1,
        procedure_code: '99214',
        charge_cents: 20000,
        service_date: '2024-01-16',
        place_of_service: '11',
        diagnosis_pointers: '1',
      },
      {
        line_number: 2,
        procedure_code: '85025',
        charge_cents: 3075,
        service_date: '2024-01-16',
        place_of_service: '11',
        diagnosis_pointers: '1',
      },
    ]);
  });

  it('returns the existing record for the same bytes and writes nothing', async () => {
    const before = await counts();
    const first = await service.ingestPath(valid('837p-basic.x12'), 'again.x12');
    expect(first.duplicate).toBe(true);
    expect(first.file.name).toBe('837p-basic.x12');
    expect(await counts()).toEqual(before);
  });

  it('stores an 835 and links its payments to the claims (CLP01 = CLM01), lines by code and date', async () => {
    const result = await service.ingestPath(valid('835-full.x12'), '835-full.x12');
    expect(result.file).toMatchObject({ kind: '835', status: 'processed', paymentCount: 4, errorCount: 0 });
    expect(await count('remittance', 'file_id = ?', [result.file.id])).toBe(1);
    const [remittance] = await ds.query(`SELECT * FROM remittance`);
    expect(Number(remittance.total_payment_cents)).toBe(23750);
    expect(Number(remittance.claim_payment_count)).toBe(4);
    expect(Number(remittance.provider_adjustment_cents)).toBe(750);
    expect(remittance.payer_name).toBe('TESTPAYER INSURANCE');
    expect(await count('provider_adjustment')).toBe(2);
    expect(await count('service_payment')).toBe(7);
    expect(await count('remark_code')).toBe(2);
    expect(await count('payment_adjustment', 'service_payment_id IS NULL')).toBe(1);

    const paid = await claimRow('PCN001', 'original');
    expect(paid['status']).toBe('paid');
    expect(Number(paid['paid_cents'])).toBe(10000);
    expect(Number(paid['patient_responsibility_cents'])).toBe(2000);
    expect(await eventsOf(paid['id'] as string)).toEqual(['received', 'remittance']);
    const denied = await claimRow('PCN002', 'original');
    expect(denied['status']).toBe('denied');

    const [p1] = await paymentsOf('PCN001');
    expect(p1).toMatchObject({ match_status: 'matched', claim_id: paid['id'] });
    const p = kind === 'postgres' ? '$1' : '?';
    const linked = await ds.query(
      `SELECT sp.procedure_code AS svc, cl.procedure_code AS line FROM service_payment sp JOIN claim_line cl ON cl.id = sp.claim_line_id WHERE sp.claim_payment_id = ${p} ORDER BY sp.seq`,
      [p1!['id']],
    );
    expect(linked).toEqual([
      { svc: '99213', line: '99213' },
      { svc: '87880', line: '87880' },
    ]);
    // PCN003 and PCN004 have no claim: listed for a person to match.
    expect(await count('claim_payment', "match_status = 'unmatched'")).toBe(2);
    expect((await paymentsOf('PCN004'))[0]).toMatchObject({ claim_id: null, status_code: '22' });
  });

  it('records a file that is not X12 as failed, with its issues, and writes no data rows', async () => {
    const before = await counts();
    const result = await service.ingestPath(invalid('not-x12-text.x12'), 'notes.x12');
    expect(result.duplicate).toBe(false);
    expect(result.file).toMatchObject({ kind: 'unknown', status: 'failed', claimCount: 0 });
    expect(result.file.failure).toMatch(/not readable as X12/);
    expect(result.file.errorCount).toBeGreaterThan(0);
    const after = await counts();
    for (const t of DATA_TABLES) expect([t, after[t]]).toEqual([t, before[t]]);
    expect(after['received_file']).toBe(before['received_file']! + 1);
    const detail = await new ReceivedFilesRepository(ds).getById(result.file.id);
    expect(detail?.issues[0]).toMatchObject({
      severity: 'error',
      code: 'X12_NOT_X12',
      line: 1,
      byteOffset: 0,
    });
    // Not X12 stays not X12: the same bytes are not tried again.
    expect((await service.ingestPath(invalid('not-x12-text.x12'), 'notes.x12')).duplicate).toBe(true);
  });

  it('rolls back everything when an insert fails midway, records the failure, and retries the same bytes', async () => {
    const path = join(scratch, 'three-batches.x12');
    const generated = await generateX12({
      kind: '837p',
      out: path,
      targetBytes: 1,
      minRecords: CLAIM_BATCH * 2 + 10,
      claimsPerTransaction: 400,
      seed: 7,
    });
    const before = await counts();
    const real = claims.insertClaims.bind(claims);
    let calls = 0;
    const spy = jest.spyOn(claims, 'insertClaims').mockImplementation(async (w, sets) => {
      if (++calls === 2) throw new Error('simulated: disk full');
      return real(w, sets);
    });
    try {
      const failed = await service.ingestPath(path, 'big.x12');
      expect(calls).toBe(2);
      expect(failed.file).toMatchObject({
        status: 'failed',
        kind: '837',
        failure: STORAGE_FAILURE,
        claimCount: 0,
      });
      const after = await counts();
      for (const t of DATA_TABLES) expect([t, after[t]]).toEqual([t, before[t]]);
      expect(await count('claim', 'file_id = ?', [failed.file.id])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    // A database failure is not the file's fault: the same bytes are ingested again, under the same id.
    const retried = await service.ingestPath(path, 'big.x12');
    expect(retried.duplicate).toBe(false);
    expect(retried.file).toMatchObject({ status: 'processed', claimCount: generated.claims, failure: null });
    expect(await count('claim', 'file_id = ?', [retried.file.id])).toBe(generated.claims);
    expect(await count('received_file', 'sha256 = ?', [retried.file.sha256])).toBe(1);
  }, 60_000);

  it('rolls back when the database itself refuses a row (queued writes included)', async () => {
    const path = join(scratch, 'refused.x12');
    await generateX12({ kind: '837p', out: path, targetBytes: 1, minRecords: CLAIM_BATCH + 5, seed: 11 });
    const before = await counts();
    const spy = jest
      .spyOn(claims, 'insertEvents')
      // A NULL id: the database answers with a NOT NULL violation, after the claims were sent.
      .mockImplementation((w, events) =>
        w.insert(
          CLAIM_EVENT,
          events.map((e) => [null, ...e.slice(1)]),
        ),
      );
    try {
      const failed = await service.ingestPath(path, 'refused.x12');
      expect(failed.file).toMatchObject({ status: 'failed', failure: STORAGE_FAILURE });
      const after = await counts();
      for (const t of DATA_TABLES) expect([t, after[t]]).toEqual([t, before[t]]);
    } finally {
      spy.mockRestore();
    }
  }, 60_000);

  describe('submissions, linking and derived statuses', () => {
    it('records a repeated original as a duplicate', async () => {
      const original = await service.ingestPath(ingestFixture('837p-original.x12'), 'original.x12');
      expect(original.file).toMatchObject({ status: 'processed', claimCount: 4, errorCount: 0 });
      const dup = await service.ingestPath(ingestFixture('837p-duplicate.x12'), 'duplicate.x12');
      expect(dup.duplicate).toBe(false);
      const first = await claimRow('ING001', 'original');
      const again = await claimRow('ING001', 'duplicate');
      expect(again['duplicate_of_id']).toBe(first['id']);
      expect(first['superseded_by_id']).toBeNull();
      expect(await eventsOf(again['id'] as string)).toEqual(['received', 'duplicate']);
    });

    it('replaces a claim with frequency 7 and voids one with frequency 8, keeping the history', async () => {
      await service.ingestPath(ingestFixture('837p-replacement.x12'), 'replacement.x12');
      const replaced = await claimRow('ING002', 'original');
      const replacement = await claimRow('ING002', 'replacement');
      expect(replaced).toMatchObject({ status: 'replaced', superseded_by_id: replacement['id'] });
      expect(replacement).toMatchObject({ status: 'submitted', superseded_by_id: null });
      expect(await eventsOf(replaced['id'] as string)).toEqual(['received', 'replaced']);
      expect(await eventsOf(replacement['id'] as string)).toEqual(['received', 'replaces']);

      await service.ingestPath(ingestFixture('837p-void.x12'), 'void.x12');
      const voided = await claimRow('ING003', 'original');
      const voiding = await claimRow('ING003', 'void');
      expect(voided).toMatchObject({ status: 'voided', superseded_by_id: voiding['id'] });
      expect(voiding['status']).toBe('voided');
      expect(await eventsOf(voided['id'] as string)).toEqual(['received', 'voided']);
    });

    it('links a remittance: REF 6R lines, tie-breaks, derived statuses, unmatched payments', async () => {
      const result = await service.ingestPath(ingestFixture('835-payments.x12'), '835-payments.x12');
      expect(result.file).toMatchObject({ status: 'processed', paymentCount: 5, errorCount: 0 });

      const paid = await claimRow('ING001', 'original');
      expect(paid).toMatchObject({ status: 'paid' });
      expect(Number(paid['paid_cents'])).toBe(10000);
      expect(Number(paid['patient_responsibility_cents'])).toBe(2000);
      // The duplicate is not what the payer paid.
      expect((await claimRow('ING001', 'duplicate'))['status']).toBe('submitted');
      const [p1] = await paymentsOf('ING001');
      const p = kind === 'postgres' ? '$1' : '?';
      const byControlNumber = await ds.query(
        `SELECT sp.control_number AS svc, cl.control_number AS line FROM service_payment sp JOIN claim_line cl ON cl.id = sp.claim_line_id WHERE sp.claim_payment_id = ${p} ORDER BY sp.seq`,
        [p1!['id']],
      );
      expect(byControlNumber).toEqual([
        { svc: 'ING001-1', line: 'ING001-1' },
        { svc: 'ING001-2', line: 'ING001-2' },
      ]);

      // CLP03 220 is the replacement's charge, not the replaced claim's (200).
      const replacement = await claimRow('ING002', 'replacement');
      expect(replacement['status']).toBe('partially-paid');
      expect(Number(replacement['paid_cents'])).toBe(15000);
      expect((await claimRow('ING002', 'original'))['status']).toBe('replaced');
      const [p2] = await paymentsOf('ING002');
      expect(p2!['claim_id']).toBe(replacement['id']);
      expect(
        await count('service_payment', 'claim_payment_id = ? AND claim_line_id IS NOT NULL', [p2!['id']]),
      ).toBe(2);

      expect((await claimRow('ING004', 'original'))['status']).toBe('denied');
      expect(await count('remark_code', "code = 'N115' AND service_payment_id IS NULL")).toBe(1);
      expect((await paymentsOf('ING999'))[0]).toMatchObject({ match_status: 'unmatched', claim_id: null });
      expect((await paymentsOf('ING005'))[0]).toMatchObject({ match_status: 'unmatched', claim_id: null });
    });

    it('links waiting payments when their claims arrive after the remittance', async () => {
      await service.ingestPath(ingestFixture('837p-late.x12'), 'late.x12');
      const late = await claimRow('ING005', 'original');
      expect(late['status']).toBe('paid');
      expect(Number(late['paid_cents'])).toBe(6000);
      const [payment] = await paymentsOf('ING005');
      expect(payment).toMatchObject({ match_status: 'matched', claim_id: late['id'] });
      expect(
        await count('service_payment', 'claim_payment_id = ? AND claim_line_id IS NOT NULL', [
          payment!['id'],
        ]),
      ).toBe(1);
      expect(await eventsOf(late['id'] as string)).toEqual(['received', 'remittance']);
      expect((await paymentsOf('ING999'))[0]!['match_status']).toBe('unmatched');
    });

    it('marks a claim reversed when its payment is reversed (CLP02 22), totals back to zero', async () => {
      await service.ingestPath(ingestFixture('835-reversal.x12'), '835-reversal.x12');
      const reversed = await claimRow('ING001', 'original');
      expect(reversed['status']).toBe('reversed');
      expect(Number(reversed['paid_cents'])).toBe(0);
      expect(Number(reversed['patient_responsibility_cents'])).toBe(0);
      expect(await eventsOf(reversed['id'] as string)).toEqual(['received', 'remittance', 'remittance']);
    });
  });
});
