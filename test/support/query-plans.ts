import type { DataSource, Logger } from 'typeorm';

/** A statement as the driver ran it. */
export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/** A TypeORM logger that keeps every SELECT it sees, so a test can ask the database how it ran them. */
export class QueryCapture implements Logger {
  readonly queries: CapturedQuery[] = [];

  logQuery(query: string, parameters?: unknown[]): void {
    if (/^\s*SELECT/i.test(query)) this.queries.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}

  /** Runs `work` and returns the SELECTs it issued. */
  async during(work: () => Promise<unknown>): Promise<CapturedQuery[]> {
    const from = this.queries.length;
    await work();
    return this.queries.slice(from);
  }
}

/**
 * The plan of a statement, one line per step. PostgreSQL plans with sequential scans disabled, so a
 * `Seq Scan` left in the plan means no index could answer (tiny test tables would otherwise always
 * be scanned); SQLite plans as it would run.
 */
export async function explain(ds: DataSource, q: CapturedQuery): Promise<string[]> {
  if (ds.options.type === 'postgres') {
    const runner = ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const rows: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${q.sql}`, q.parameters);
      return rows.map((r) => r['QUERY PLAN']);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }
  const rows: { detail: string }[] = await ds.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.parameters);
  return rows.map((r) => r.detail);
}

/** The steps that read a whole table without an index. */
export function fullScans(plan: string[]): string[] {
  return plan.filter((line) => /Seq Scan/.test(line) || /^SCAN \w+(?: AS \w+)?$/.test(line.trim()));
}
