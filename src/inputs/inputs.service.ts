import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/domain-errors.js';
import type { ImportResult } from './import-result.js';
import { describeInputIssue } from './input-issue-format.js';
import { parseUpload, type UploadKind } from './input-parsing.js';
import type { InputImportEntity } from './input-import.entity.js';
import { InputRecordsRepository } from './input-records.repository.js';
import { PatientLinkingService } from './patient-linking.service.js';

/**
 * Imports authorizations, documentation, eligibility, contracts, FHIR bundles and X12 271/278
 * responses: the whole file is read and validated first, and any error rejects it with every problem
 * listed and nothing written; an accepted file is stored in one transaction (records with a known key
 * are updated), then claims are matched to patients again.
 */
@Injectable()
export class InputsService {
  constructor(
    private readonly records: InputRecordsRepository,
    private readonly linking: PatientLinkingService,
  ) {}

  /** Imports the file at `path`. Throws InvalidInputError (nothing written) when it has any error. */
  async importPath(kind: UploadKind, path: string, fileName: string): Promise<ImportResult> {
    const content = await readFile(path);
    const parsed = parseUpload(kind, content, fileName);
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      throw new InvalidInputError(
        `${fileName} was rejected: ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was imported`,
        errors.map(describeInputIssue),
        parsed.issues,
      );
    }
    const warnings = parsed.issues.filter((i) => i.severity === 'warning');
    const r = parsed.records;
    const sha256 = createHash('sha256').update(content).digest('hex');
    const stored = await this.records.saveImport(
      { kind, fileName, sha256, sizeBytes: content.length, warningCount: warnings.length },
      r,
      (manager) => this.linking.relinkAll(manager),
    );
    const linking = stored.after;
    return {
      importId: stored.importId,
      kind,
      fileName,
      sha256,
      importedAt: stored.importedAt,
      records: {
        authorizations: r.authorizations.length,
        documentation: r.documentation.length,
        eligibility: r.eligibility.length,
        contracts: r.contracts.length,
        patients: r.patients.length,
      },
      inserted: stored.inserted,
      updated: stored.updated,
      warnings,
      linking,
    };
  }

  /** An upload the HTTP layer streamed to `path`: imports it, then deletes the temporary file. */
  async importUpload(kind: UploadKind, path: string, fileName: string): Promise<ImportResult> {
    try {
      return await this.importPath(kind, path, fileName);
    } finally {
      await rm(path, { force: true });
    }
  }

  listImports(limit: number): Promise<InputImportEntity[]> {
    return this.records.listImports(limit);
  }
}
