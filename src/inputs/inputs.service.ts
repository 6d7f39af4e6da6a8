import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WriteLock } from '../database/write-lock.js';
import { FindingsService } from '../findings/findings.service.js';
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
    private readonly lock: WriteLock,
    /** Absent in tests that do not evaluate rules. */
    @Optional() @Inject(FindingsService) private readonly findings: FindingsService | null = null,
    @Optional()
    @Inject(APP_CONFIG)
    private readonly config: Pick<AppConfig, 'evaluateOnImport'> | null = null,
  ) {}

  /**
   * Imports the file at `path`, then evaluates every claim again (the records it brought can change
   * any claim's findings) unless EVALUATE_ON_IMPORT is off: then the nightly re-evaluation picks up
   * the claims the import concerns. Throws InvalidInputError (nothing written) when the file has any error.
   */
  importPath(kind: UploadKind, path: string, fileName: string): Promise<ImportResult> {
    return this.lock.run(() => this.importNow(kind, path, fileName));
  }

  private async importNow(kind: UploadKind, path: string, fileName: string): Promise<ImportResult> {
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
    const evaluation =
      this.findings && this.config?.evaluateOnImport !== false ? await this.findings.evaluateAll() : null;
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
      evaluation: evaluation && { claims: evaluation.claims, findings: evaluation.findings },
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
