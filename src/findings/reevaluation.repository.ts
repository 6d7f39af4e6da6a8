import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { newId } from '../database/column-types.js';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { normalizeMemberId, normalizePayerId } from '../patient-matching/identity-normalization.js';
import { normalizeAuthNumber } from '../rules-engine/facts/patient-record-support.js';
import { chunks, inPlaceholders, num, numbered } from '../reports/sql.js';
import { CLOSED_STATUSES } from '../worklist/work-status.js';
import type {
  ClaimChangeTimes,
  EvaluatedClaim,
  FindingRef,
  PayerWideChanges,
} from './reevaluation-change.js';

/** An open claim as the candidate query reads it: its patient's identity and its last evaluation. */
export interface OpenClaim extends EvaluatedClaim {
  id: string;
  memberId: string;
  lastName: string;
  birthDate: string | null;
  /** Claim-level REF G1 ('' when none). */
  priorAuthorization: string;
}

/** A claim's findings by key and its risk (thousandths), as its last evaluation left them. */
export interface StoredFindings {
  refs: FindingRef[];
  riskMilli: number;
}

/** A claim_event row the job writes. */
export interface ClaimEventRow {
  claimId: string;
  at: string;
  kind: string;
  relatedId: string | null;
  detail: string;
}

/**
 * The record tables whose changes concern a claim's patient, with the kind of change they are, their
 * name and birth-date columns (indexed together, and on member_key) and the patient_link target kind.
 */
const PATIENT_TABLES = [
  {
    kind: 'authorization',
    table: 'prior_authorization',
    lastName: 'patient_last_name',
    dob: 'patient_dob',
    linkKind: 'authorization',
  },
  {
    kind: 'documentation',
    table: 'clinical_document',
    lastName: 'patient_last_name',
    dob: 'patient_dob',
    linkKind: 'documentation',
  },
  {
    kind: 'eligibility',
    table: 'eligibility_coverage',
    lastName: 'last_name',
    dob: 'dob',
    linkKind: 'eligibility',
  },
  { kind: 'patient', table: 'fhir_patient', lastName: 'last_name', dob: 'dob', linkKind: 'fhir-patient' },
] as const;

/** Records a change time for a claim (the latest of those noted per kind is kept). */
type NoteChange = (claimId: string, kind: keyof ClaimChangeTimes, at: unknown) => void;

/** Claim statuses that are closed whatever the worklist says: paid in full, replaced, voided. */
const CLOSED_CLAIM_STATUSES = ['paid', 'replaced', 'voided'] as const;

/**
 * Open in the worklist's terms (claim_report, alias `cr`): not worked, and either not answered by the
 * payer yet or denied at first pass and still denied. A claim without a report row (reports not
 * refreshed) is judged by its status alone.
 */
const OPEN_REPORT_SQL =
  "(cr.claim_id IS NULL OR (cr.worked = 0 AND (cr.first_pass = 'pending' OR " +
  "(cr.first_pass IN ('denied', 'partial') AND cr.current_outcome IN ('denied', 'partial')))))";

/** Rows per multi-row INSERT into claim_event (× 7 columns: well under both parameter limits). */
const INSERT_ROWS = 200;

/**
 * The nightly re-evaluation's reads and writes: open claims a page at a time with their last
 * evaluation, when the records and claims that concern a page of them last changed (set-based, by
 * index: member key, last name + birth date, patient links, authorization numbers, member id), what
 * changed payer-wide, the findings of a batch, and the claim_event rows it records.
 */
@Injectable()
export class ReevaluationRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  private query<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.dataSource.query(numbered(this.dialect, sql), params as unknown[]);
  }

  /**
   * Open claims in id order, a page at a time: not paid in full, replaced or voided, work not resolved
   * or overridden, and in the worklist's terms unanswered or still denied. One index walk over claim
   * (primary key order) for the whole run, each page a LIMIT after the last id.
   */
  async *openClaims(pageSize: number): AsyncGenerator<OpenClaim[]> {
    let after = '';
    for (;;) {
      const rows = await this.query(
        `SELECT c.id, c.payer_id, c.subscriber_member_id, c.patient_last_name, c.patient_birth_date,
                c.prior_authorization, e.evaluated_at, e.rule_set_version, e.not_checked
           FROM claim c
           LEFT JOIN claim_evaluation e ON e.claim_id = c.id
           LEFT JOIN work_item w ON w.claim_id = c.id
           LEFT JOIN claim_report cr ON cr.claim_id = c.id
          WHERE c.id > ?
            AND c.status NOT IN ${inPlaceholders(CLOSED_CLAIM_STATUSES.length)}
            AND (w.status IS NULL OR w.status NOT IN ${inPlaceholders(CLOSED_STATUSES.length)})
            AND ${OPEN_REPORT_SQL}
          ORDER BY c.id
          LIMIT ?`,
        [after, ...CLOSED_CLAIM_STATUSES, ...CLOSED_STATUSES, pageSize],
      );
      if (rows.length === 0) return;
      yield rows.map(toOpenClaim);
      if (rows.length < pageSize) return;
      after = String(rows[rows.length - 1]!['id']);
    }
  }

  /**
   * When the records and claims that concern each of these claims last changed (see
   * ClaimChangeTimes): a few statements per 500 claims, each answered by an index.
   */
  async changeTimes(claims: readonly OpenClaim[]): Promise<Map<string, ClaimChangeTimes>> {
    const out = new Map<string, ClaimChangeTimes>(claims.map((c) => [c.id, {}]));
    const note: NoteChange = (claimId, kind, at) => {
      const times = out.get(claimId);
      if (!times || at === null || at === undefined) return;
      const value = String(at);
      if (times[kind] === undefined || value > times[kind]) times[kind] = value;
    };
    for (const page of chunks(claims)) {
      await this.byMemberKey(page, note);
      await this.byNameAndBirthDate(page, note);
      await this.byPatientLink(page, note);
      await this.byQuotedAuthorization(page, note);
      await this.byMemberClaims(page, note);
    }
    return out;
  }

  /** Records under the claim's member key (its subscriber member id normalized as member_key is). */
  private async byMemberKey(page: readonly OpenClaim[], note: NoteChange): Promise<void> {
    const keys = [...new Set(page.map((c) => normalizeMemberId(c.memberId)).filter((k) => k !== ''))];
    if (keys.length === 0) return;
    const latest = await this.latestBy(
      PATIENT_TABLES.map(
        (t) =>
          `SELECT '${t.kind}' AS kind, member_key AS k, MAX(updated_at) AS at FROM ${t.table}
            WHERE member_key IN ${inPlaceholders(keys.length)} GROUP BY member_key`,
      ),
      keys,
    );
    for (const c of page) {
      const key = normalizeMemberId(c.memberId);
      for (const t of PATIENT_TABLES) note(c.id, t.kind, latest.get(`${t.kind}\u0000${key}`));
    }
  }

  /**
   * Records under the patient's last name (a few spellings) and birth date, by the (name, date)
   * index: SQLite probes each pair (row values); PostgreSQL matches the names and filters the dates
   * (given a VALUES list it hashes it against the whole table).
   */
  private async byNameAndBirthDate(page: readonly OpenClaim[], note: NoteChange): Promise<void> {
    const pairs = new Map<string, [string, string]>();
    for (const c of page) {
      if (c.birthDate === null) continue;
      for (const name of lastNameVariants(c.lastName))
        if (name !== '') pairs.set(`${name}|${c.birthDate}`, [name, c.birthDate]);
    }
    for (const part of chunks([...pairs.values()])) {
      const names = [...new Set(part.map(([n]) => n))];
      const dobs = [...new Set(part.map(([, d]) => d))];
      for (const t of PATIENT_TABLES) {
        const [where, params] =
          this.dialect === 'postgres'
            ? [
                `${t.lastName} IN ${inPlaceholders(names.length)} AND ${t.dob} IN ${inPlaceholders(dobs.length)}`,
                [...names, ...dobs],
              ]
            : [`(${t.lastName}, ${t.dob}) IN (VALUES ${part.map(() => '(?, ?)').join(', ')})`, part.flat()];
        const found = await this.query(
          `SELECT ${t.lastName} AS n, ${t.dob} AS d, MAX(updated_at) AS at FROM ${t.table}
            WHERE ${where} GROUP BY ${t.lastName}, ${t.dob}`,
          params,
        );
        const latest = new Map(found.map((r) => [`${String(r['n'])}|${String(r['d'])}`, r['at']]));
        for (const c of page) {
          if (c.birthDate === null) continue;
          for (const name of lastNameVariants(c.lastName))
            note(c.id, t.kind, latest.get(`${name}|${c.birthDate}`));
        }
      }
    }
  }

  /**
   * Records patient matching linked to the claim (it matches fuzzily: typos, nicknames, spacing):
   * the page's links, then each kind's linked records by primary key.
   */
  private async byPatientLink(page: readonly OpenClaim[], note: NoteChange): Promise<void> {
    const ids = page.map((c) => c.id);
    const links = await this.query(
      `SELECT claim_id, target_kind, target_id FROM patient_link WHERE claim_id IN ${inPlaceholders(ids.length)}`,
      ids,
    );
    for (const t of PATIENT_TABLES) {
      const claimsOf = new Map<string, string[]>();
      for (const l of links) {
        if (l['target_kind'] !== t.linkKind) continue;
        const target = String(l['target_id']);
        claimsOf.set(target, [...(claimsOf.get(target) ?? []), String(l['claim_id'])]);
      }
      for (const part of chunks([...claimsOf.keys()])) {
        const found = await this.query(
          `SELECT id, updated_at FROM ${t.table} WHERE id IN ${inPlaceholders(part.length)}`,
          part,
        );
        for (const r of found)
          for (const claimId of claimsOf.get(String(r['id'])) ?? []) note(claimId, t.kind, r['updated_at']);
      }
    }
  }

  /** Authorizations with a number the claim quotes (claim or line REF G1), as written or normalized. */
  private async byQuotedAuthorization(page: readonly OpenClaim[], note: NoteChange): Promise<void> {
    const ids = page.map((c) => c.id);
    const lineNumbers = await this.query(
      `SELECT claim_id, prior_authorization FROM claim_line
        WHERE claim_id IN ${inPlaceholders(ids.length)} AND prior_authorization <> ''`,
      ids,
    );
    const quotedBy = new Map<string, Set<string>>();
    const quote = (claimId: string, raw: string) => {
      for (const n of authNumberVariants(raw)) {
        const claimIds = quotedBy.get(n) ?? new Set<string>();
        claimIds.add(claimId);
        quotedBy.set(n, claimIds);
      }
    };
    for (const c of page) if (c.priorAuthorization !== '') quote(c.id, c.priorAuthorization);
    for (const r of lineNumbers) quote(String(r['claim_id']), String(r['prior_authorization']));
    for (const part of chunks([...quotedBy.keys()])) {
      const found = await this.query(
        `SELECT auth_number, MAX(updated_at) AS at FROM prior_authorization
          WHERE auth_number IN ${inPlaceholders(part.length)} GROUP BY auth_number`,
        part,
      );
      for (const r of found)
        for (const claimId of quotedBy.get(String(r['auth_number'])) ?? [])
          note(claimId, 'authorization', r['at']);
    }
  }

  /**
   * The latest claim received for the claim's member id (as received: evaluation reads a member's
   * claims by it for history, duplicates and concurrent claims).
   */
  private async byMemberClaims(page: readonly OpenClaim[], note: NoteChange): Promise<void> {
    const members = [...new Set(page.map((c) => c.memberId))];
    const received = await this.query(
      `SELECT subscriber_member_id AS m, MAX(received_at) AS at FROM claim
        WHERE subscriber_member_id IN ${inPlaceholders(members.length)}
        GROUP BY subscriber_member_id`,
      members,
    );
    const latest = new Map(received.map((r) => [String(r['m']), r['at']]));
    for (const c of page) note(c.id, 'claims', latest.get(c.memberId));
  }

  /** Runs the `kind, k, at` selects as one UNION ALL (each with the same parameters) into kind+k → at. */
  private async latestBy(selects: string[], params: readonly unknown[]): Promise<Map<string, string>> {
    const rows = await this.query(
      selects.join(' UNION ALL '),
      selects.flatMap(() => params),
    );
    const out = new Map<string, string>();
    for (const r of rows) {
      if (r['at'] === null || r['at'] === undefined) continue;
      out.set(`${String(r['kind'])}\u0000${String(r['k'])}`, String(r['at']));
    }
    return out;
  }

  /**
   * The latest change of the records read by payer (per normalized payer id) or globally: one
   * grouped scan of each record table per run (a few payers' rows come back).
   */
  async payerWideChanges(): Promise<PayerWideChanges> {
    const byPayer = async (table: string): Promise<Map<string, string>> => {
      const rows = await this.query(`SELECT payer_id, MAX(updated_at) AS at FROM ${table} GROUP BY payer_id`);
      const out = new Map<string, string>();
      for (const r of rows) {
        const payer = normalizePayerId(String(r['payer_id'] ?? ''));
        const at = String(r['at']);
        const known = out.get(payer);
        if (known === undefined || at > known) out.set(payer, at);
      }
      return out;
    };
    const [authorizations, eligibility, contracts, docs] = await Promise.all([
      byPayer('prior_authorization'),
      byPayer('eligibility_coverage'),
      byPayer('contract_rate'),
      this.query(`SELECT MAX(updated_at) AS at FROM clinical_document`),
    ]);
    const doc = docs[0]?.['at'];
    return {
      authorizations,
      eligibility,
      contracts,
      documentation: doc === null || doc === undefined ? null : String(doc),
    };
  }

  /**
   * The latest moment anything a claim depends on changed: an import of records (every record write
   * is one) or a claim received. Both read from an index's end. Null when neither ever happened.
   */
  async latestChange(): Promise<string | null> {
    const [imported] = await this.query(`SELECT MAX(imported_at) AS at FROM input_import`);
    const [received] = await this.query(`SELECT MAX(received_at) AS at FROM claim`);
    const times = [imported?.['at'], received?.['at']]
      .filter((t) => t !== null && t !== undefined)
      .map(String);
    return times.length === 0 ? null : times.sort()[times.length - 1]!;
  }

  /** Changes whenever records are imported: the input records read earlier are then stale. */
  async recordsVersion(): Promise<string> {
    const [r] = await this.query(`SELECT MAX(imported_at) AS at, COUNT(*) AS n FROM input_import`);
    return `${String(r?.['at'] ?? '')}#${num(r?.['n'])}`;
  }

  /** The findings (by key) and risk of these claims as stored; claims never evaluated are absent. */
  async findingsOf(claimIds: readonly string[]): Promise<Map<string, StoredFindings>> {
    const out = new Map<string, StoredFindings>();
    for (const part of chunks([...new Set(claimIds)])) {
      const evaluations = await this.query(
        `SELECT claim_id, risk_milli FROM claim_evaluation WHERE claim_id IN ${inPlaceholders(part.length)}`,
        part,
      );
      for (const e of evaluations)
        out.set(String(e['claim_id']), { refs: [], riskMilli: num(e['risk_milli']) });
      const findings = await this.query(
        `SELECT claim_id, rule_id, line_number FROM finding WHERE claim_id IN ${inPlaceholders(part.length)}`,
        part,
      );
      for (const f of findings) {
        out.get(String(f['claim_id']))?.refs.push({
          ruleId: String(f['rule_id']),
          lineNumber: num(f['line_number']),
        });
      }
    }
    return out;
  }

  /** Writes claim_event rows, all in one transaction. */
  async insertEvents(events: readonly ClaimEventRow[]): Promise<void> {
    if (events.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      for (const part of chunks(events, INSERT_ROWS)) {
        await tx.query(
          numbered(
            this.dialect,
            `INSERT INTO claim_event (id, claim_id, at, kind, file_id, related_id, detail)
             VALUES ${part.map(() => '(?, ?, ?, ?, NULL, ?, ?)').join(', ')}`,
          ),
          part.flatMap((e) => [newId(), e.claimId, e.at, e.kind, e.relatedId, e.detail]),
        );
      }
    });
  }
}

/**
 * A last name as written, in upper case and capitalized (X12 names are upper case; records often are
 * not). Other spellings are left to the patient links, which matching makes with names normalized.
 */
export function lastNameVariants(name: string): string[] {
  const trimmed = name.trim();
  const capitalized = trimmed
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  return [...new Set([name, trimmed, trimmed.toUpperCase(), capitalized])];
}

/** An authorization number as written, trimmed and normalized (records keep numbers as written). */
function authNumberVariants(raw: string): string[] {
  return [...new Set([raw, raw.trim(), normalizeAuthNumber(raw)])].filter((n) => n !== '');
}

function toOpenClaim(r: Record<string, unknown>): OpenClaim {
  const text = (k: string): string | null => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  const notChecked = text('not_checked') ?? '';
  return {
    id: String(r['id']),
    payerId: text('payer_id') ?? '',
    memberId: text('subscriber_member_id') ?? '',
    lastName: text('patient_last_name') ?? '',
    birthDate: text('patient_birth_date'),
    priorAuthorization: text('prior_authorization') ?? '',
    evaluatedAt: text('evaluated_at'),
    ruleSetVersion: text('rule_set_version'),
    notChecked: notChecked === '' ? [] : notChecked.split(';'),
  };
}
