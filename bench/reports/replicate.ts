/**
 * Scales a database that holds a real base (a simulated practice ingested through the product) to N
 * claims in the report tables by copying its `claim_report` and `leakage_item` rows with SQL
 * (`INSERT … SELECT`), and optionally its `claim` rows, so the report endpoints read a million claims
 * without a million claims going through the rules.
 *
 * Copy k (1, 2, …) of a base row:
 * - ids: the base id with its first four hex digits (the top 16 bits of the UUIDv7 millisecond
 *   timestamp) replaced by the copy's prefix, so that id order follows time as it does in a database
 *   filled over the years (UUIDv7 ids are made at ingest): copies of earlier years get prefixes below
 *   the base's (0001…00ff, oldest first: Unix times of the 1970s), copies of the base's own years
 *   prefixes above it (8000 + group). Still 36 characters and a UUIDv7 (version and variant kept);
 *   never one of the base's ids (checked) nor another copy's (one prefix per copy); unique within a
 *   copy as the base ids are (their other 28 digits hold the rest of the timestamp and 74 random
 *   bits); the primary keys would refuse a collision anyway;
 * - dates: `month`, service, submission, remittance and deadline dates shifted back by (k mod years)
 *   whole years, so the history spans `years` years;
 * - provider NPI: for the provider group ⌊k / years⌋ > 0, digits 2–3 of the NPI replaced by the group
 *   number, so each group of copies is another set of providers (more providers, the same payers);
 * - everything else (payer, outcome, money, flags, risk, CARCs) as in the base row.
 * The last copy may take only the first rows of the base (in claim id order) to land exactly on N.
 *
 * `claim` rows (optional): copied with the same new ids (and superseded_by_id / duplicate_of_id mapped
 * the same way); every other column, `detail` included, as is. Nothing else (lines, payments,
 * findings, evaluations) is copied: the copies exist for the report endpoints only.
 */
import type { DataSource } from 'typeorm';
import { CLAIM_REPORT, LEAKAGE_ITEM } from '../../src/reports/report-tables.js';

export type Dialect = 'sqlite' | 'postgres';

export interface CopyPlan {
  /** Copy number (1…). */
  copy: number;
  /** Whole years the copy's dates are moved back. */
  years: number;
  /** Provider group (0: the base's providers). */
  group: number;
  /** Base rows taken (the first `rows` in claim id order); equal to the base size for a full copy. */
  rows: number;
  /** The four hex digits that begin the copy's ids. */
  prefix: string;
}

export interface ReplicationResult {
  baseClaims: number;
  copies: number;
  claimReportRows: number;
  leakageItemRows: number;
  reportSeconds: number;
  claimRows: number | null;
  claimSeconds: number | null;
}

const BASE_REPORT = 'bench_base_claim_report';
const BASE_ITEM = 'bench_base_leakage_item';
const BASE_CLAIM = 'bench_base_claim';

/** Prefixes of copies of earlier years: 0001…00ff (the base's ids begin with today's timestamp, 01…). */
const OLD_PREFIXES = 0xff;

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** The copies that bring `base` claims to `target` claims, `years` years of history. */
export function planCopies(base: number, target: number, years: number): CopyPlan[] {
  const plans: CopyPlan[] = [];
  if (base <= 0) return plans;
  const copies = Math.ceil(Math.max(0, target - base) / base);
  const groups = Math.floor(copies / years) + 1;
  let remaining = target - base;
  for (let copy = 1; remaining > 0; copy++) {
    const rows = Math.min(base, remaining);
    const back = copy % years;
    const group = Math.floor(copy / years);
    // Oldest years first; within a year, group by group.
    const prefix = back === 0 ? hex4(0x8000 + group) : hex4(1 + (years - 1 - back) * groups + group);
    plans.push({ copy, years: back, group, rows, prefix });
    remaining -= rows;
  }
  return plans;
}

/** The copy's id: its first four hex digits replaced by the copy's prefix (NULL stays NULL). */
function copyId(col: string, p: CopyPlan): string {
  return `'${p.prefix}' || substr(${col}, 5)`;
}

function shiftMonth(dialect: Dialect, col: string, years: number): string {
  if (years === 0) return col;
  const shifted =
    dialect === 'sqlite'
      ? `strftime('%Y-%m', ${col} || '-01', '-${years} years')`
      : `to_char(to_date(${col} || '-01', 'YYYY-MM-DD') - interval '${years} years', 'YYYY-MM')`;
  return `CASE WHEN length(${col}) = 7 THEN ${shifted} ELSE ${col} END`;
}

function shiftDate(dialect: Dialect, col: string, years: number): string {
  if (years === 0) return col;
  const shifted =
    dialect === 'sqlite'
      ? `date(${col}, '-${years} years')`
      : `to_char(CAST(${col} AS date) - interval '${years} years', 'YYYY-MM-DD')`;
  return `CASE WHEN length(${col}) = 10 THEN ${shifted} ELSE ${col} END`;
}

function groupNpi(col: string, group: number): string {
  if (group === 0) return col;
  const digits = String(group % 100).padStart(2, '0');
  return `CASE WHEN length(${col}) = 10 THEN substr(${col}, 1, 1) || '${digits}' || substr(${col}, 4) ELSE ${col} END`;
}

const REPORT_DATES = new Set([
  'service_date',
  'submitted_date',
  'first_remit_date',
  'appeal_deadline',
  'filing_deadline',
]);

function reportSelect(dialect: Dialect, p: CopyPlan): string {
  return CLAIM_REPORT.columns
    .map(({ name }) => {
      if (name === 'claim_id') return copyId(name, p);
      if (name === 'month') return shiftMonth(dialect, name, p.years);
      if (REPORT_DATES.has(name)) return shiftDate(dialect, name, p.years);
      if (name === 'provider_npi') return groupNpi(name, p.group);
      return name;
    })
    .join(', ');
}

function itemSelect(dialect: Dialect, p: CopyPlan): string {
  return LEAKAGE_ITEM.columns
    .map(({ name }) => {
      if (name === 'id' || name === 'claim_id') return copyId(name, p);
      if (name === 'month') return shiftMonth(dialect, name, p.years);
      if (name === 'deadline') return shiftDate(dialect, name, p.years);
      if (name === 'provider_npi') return groupNpi(name, p.group);
      return name;
    })
    .join(', ');
}

/** Runs one copy statement; a failure names the copy and the table. */
async function run(ds: DataSource, what: string, sql: string): Promise<void> {
  try {
    await ds.query(sql);
  } catch (err) {
    throw new Error(`${what} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

async function count(ds: DataSource, table: string): Promise<number> {
  const rows = (await ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: string | number }[];
  return Number(rows[0]?.n ?? 0);
}

async function claimColumns(ds: DataSource, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = (await ds.query(`PRAGMA table_info(claim)`)) as { name: string }[];
    return rows.map((r) => r.name);
  }
  const rows = (await ds.query(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'claim' ORDER BY ordinal_position`,
  )) as { column_name: string }[];
  return rows.map((r) => r.column_name);
}

/** The subset condition of a partial copy: the first `rows` base claims in id order. */
function subset(col: string, p: CopyPlan, base: number): string {
  return p.rows >= base
    ? ''
    : ` WHERE ${col} IN (SELECT claim_id FROM ${BASE_REPORT} ORDER BY claim_id LIMIT ${p.rows})`;
}

export async function replicate(
  ds: DataSource,
  dialect: Dialect,
  target: number,
  years: number,
  copyClaims: boolean,
  progress: (line: string) => void,
): Promise<ReplicationResult> {
  for (const t of [BASE_REPORT, BASE_ITEM, BASE_CLAIM]) await ds.query(`DROP TABLE IF EXISTS ${t}`);
  await ds.query(`CREATE TABLE ${BASE_REPORT} AS SELECT * FROM claim_report`);
  await ds.query(`CREATE TABLE ${BASE_ITEM} AS SELECT * FROM leakage_item`);
  const base = await count(ds, BASE_REPORT);
  const plans = planCopies(base, target, years);
  // The copies' prefixes must stay below and above the base's ids.
  const span = (await ds.query(`SELECT MIN(claim_id) AS lo, MAX(claim_id) AS hi FROM ${BASE_REPORT}`)) as {
    lo: string | null;
    hi: string | null;
  }[];
  const lo = parseInt((span[0]?.lo ?? 'ffff').slice(0, 4), 16);
  const hi = parseInt((span[0]?.hi ?? '0000').slice(0, 4), 16);
  for (const p of plans) {
    const n = parseInt(p.prefix, 16);
    if (n >= 0x8000 ? n <= hi || n > 0xffff : n > OLD_PREFIXES || n >= lo) {
      throw new Error(
        `copy ${p.copy}: no id prefix left (${plans.length} copies over ${years} years): use a larger --base`,
      );
    }
  }
  const reportCols = CLAIM_REPORT.columns.map((c) => c.name).join(', ');
  const itemCols = LEAKAGE_ITEM.columns.map((c) => c.name).join(', ');

  let started = performance.now();
  let last = started;
  for (const p of plans) {
    await run(
      ds,
      `claim_report copy ${p.copy}`,
      `INSERT INTO claim_report (${reportCols}) SELECT ${reportSelect(dialect, p)} FROM ${BASE_REPORT}` +
        subset('claim_id', p, base),
    );
    // A partial copy takes the items of its claims only (not the remittances' PLB items).
    await run(
      ds,
      `leakage_item copy ${p.copy}`,
      `INSERT INTO leakage_item (${itemCols}) SELECT ${itemSelect(dialect, p)} FROM ${BASE_ITEM}` +
        (p.rows >= base ? '' : subset('claim_id', p, base)),
    );
    if (performance.now() - last > 15_000 || p === plans[plans.length - 1]) {
      last = performance.now();
      progress(`report rows: copy ${p.copy}/${plans.length} (${((last - started) / 1000).toFixed(1)} s)`);
    }
  }
  const reportSeconds = (performance.now() - started) / 1000;
  const claimReportRows = await count(ds, 'claim_report');
  const leakageItemRows = await count(ds, 'leakage_item');

  let claimRows: number | null = null;
  let claimSeconds: number | null = null;
  if (copyClaims) {
    await ds.query(`CREATE TABLE ${BASE_CLAIM} AS SELECT * FROM claim`);
    const cols = await claimColumns(ds, dialect);
    started = performance.now();
    last = started;
    for (const p of plans) {
      const select = cols
        .map((c) => (c === 'id' || c === 'superseded_by_id' || c === 'duplicate_of_id' ? copyId(c, p) : c))
        .join(', ');
      await run(
        ds,
        `claim copy ${p.copy}`,
        `INSERT INTO claim (${cols.join(', ')}) SELECT ${select} FROM ${BASE_CLAIM}` + subset('id', p, base),
      );
      if (performance.now() - last > 15_000 || p === plans[plans.length - 1]) {
        last = performance.now();
        progress(`claim rows: copy ${p.copy}/${plans.length} (${((last - started) / 1000).toFixed(1)} s)`);
      }
    }
    claimSeconds = (performance.now() - started) / 1000;
    claimRows = await count(ds, 'claim');
  }
  for (const t of [BASE_REPORT, BASE_ITEM, BASE_CLAIM]) await ds.query(`DROP TABLE IF EXISTS ${t}`);
  return {
    baseClaims: base,
    copies: plans.length,
    claimReportRows,
    leakageItemRows,
    reportSeconds,
    claimRows,
    claimSeconds,
  };
}
