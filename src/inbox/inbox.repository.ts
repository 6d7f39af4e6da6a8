import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlDialect } from '../ingest/bulk-insert.js';
import { numbered } from '../reports/sql.js';

/** An accepted import of the same bytes as an inbox file. */
export interface EarlierImport {
  id: string;
  kind: string;
  importedAt: string;
}

/** What the inbox reads from the database itself (ingest and imports write through their services). */
@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  get dialect(): SqlDialect {
    return this.dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  /**
   * The earliest accepted import whose file had these bytes (SHA-256, hex), or null. Rejected files
   * write nothing, so only accepted ones are found. Uses the index on input_import(sha256).
   */
  async importBySha256(sha256: string): Promise<EarlierImport | null> {
    const rows = (await this.dataSource.query(
      numbered(
        this.dialect,
        `SELECT id, kind, imported_at FROM input_import WHERE sha256 = ? ORDER BY imported_at, id LIMIT 1`,
      ),
      [sha256],
    )) as { id: string; kind: string; imported_at: string }[];
    const row = rows[0];
    return row ? { id: row.id, kind: row.kind, importedAt: row.imported_at } : null;
  }

  /** True when a received_file record (X12, processed or failed) has these bytes (unique index on sha256). */
  async hasReceivedFile(sha256: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      numbered(this.dialect, 'SELECT id FROM received_file WHERE sha256 = ?'),
      [sha256],
    )) as unknown[];
    return rows.length > 0;
  }
}
