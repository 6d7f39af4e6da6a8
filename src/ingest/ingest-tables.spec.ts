import { DataSource } from 'typeorm';
import { ENTITIES } from '../database/entities.js';
import * as tables from './ingest-tables.js';
import type { TableSpec } from './ingest-tables.js';

/**
 * The bulk writer's column lists are a hand-kept copy of the schema (positional, in row-mapper order).
 * This guards the copy against drift: every table the writer knows has exactly the entity's columns,
 * with the entity's varchar widths.
 */
describe('ingest table specs match the entities', () => {
  let ds: DataSource;
  const specs = Object.values(tables).filter((v): v is TableSpec => typeof v === 'object' && 'columns' in v);

  beforeAll(async () => {
    ds = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: ENTITIES,
      synchronize: false,
    });
    await ds.initialize();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('covers every table of files, claims and remittances', () => {
    // The inputs area writes its tables through TypeORM (small files, upserts), not the bulk writer.
    const writtenByTypeOrm = new Set([
      'input_import',
      'prior_authorization',
      'clinical_document',
      'eligibility_coverage',
      'contract_rate',
      'fhir_patient',
      'patient_link',
      'patient_problem',
      'finding',
      'claim_evaluation',
      'finding_override',
    ]);
    const bulkTables = ds.entityMetadatas.map((m) => m.tableName).filter((t) => !writtenByTypeOrm.has(t));
    expect(specs.map((s) => s.name).sort()).toEqual(bulkTables.sort());
  });

  it.each(specs.map((s) => [s.name, s] as const))('%s has the entity columns and widths', (name, spec) => {
    const meta = ds.entityMetadatas.find((m) => m.tableName === name)!;
    const fromEntity = meta.columns
      .map((c) => ({
        name: c.databaseName,
        maxLength: c.type === 'varchar' && c.length ? Number(c.length) : undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const fromSpec = spec.columns
      .map((c) => ({ name: c.name, maxLength: c.maxLength }))
      .sort((a, b) => a.name.localeCompare(b.name));
    expect(fromSpec).toEqual(fromEntity);
  });
});
