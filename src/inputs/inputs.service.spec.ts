import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { packageRoot } from '../code-sets/code-set-paths.js';
import type { WriteLock } from '../database/write-lock.js';
import type { EvaluationSummary, FindingsService } from '../findings/findings.service.js';
import type { LinkingSummary } from './import-result.js';
import type { InputRecordsRepository } from './input-records.repository.js';
import { InputsService } from './inputs.service.js';
import type { PatientLinkingService } from './patient-linking.service.js';

/** A mock that answers only what the test gave it and fails on any other member. */
function strictMock<T extends object>(impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === 'then') return undefined;
      throw new Error(`unexpected call: ${String(prop)}`);
    },
  }) as T;
}

const AUTHORIZATIONS = join(packageRoot, 'fixtures', 'inputs', 'authorizations.csv');
const LINKING: LinkingSummary = { claims: 2, links: 3, probableLinks: 1, problems: 0 };
const EVALUATION: EvaluationSummary = {
  ruleSetVersion: 'abc123def456',
  claims: 2,
  findings: 5,
  ruleErrors: 0,
};

describe('InputsService', () => {
  const manager = {} as EntityManager;
  const lock = strictMock<WriteLock>({ run: <T>(work: () => Promise<T>) => work() });
  let records: InputRecordsRepository;
  let linking: PatientLinkingService;
  let findings: FindingsService;
  let evaluateAll: jest.Mock<() => Promise<EvaluationSummary>>;

  beforeEach(() => {
    records = strictMock<InputRecordsRepository>({
      saveImport: (async (_file, _records, afterWrite) => ({
        importId: 'import-1',
        importedAt: '2026-03-01T10:00:00.000Z',
        inserted: 4,
        updated: 0,
        after: await afterWrite(manager),
      })) as InputRecordsRepository['saveImport'],
    });
    linking = strictMock<PatientLinkingService>({ relinkAll: async () => LINKING });
    evaluateAll = jest.fn(async () => EVALUATION);
    findings = strictMock<FindingsService>({ evaluateAll });
  });

  it('evaluates every claim after an import by default (EVALUATE_ON_IMPORT on)', async () => {
    const sut = new InputsService(records, linking, lock, findings, { evaluateOnImport: true });
    const result = await sut.importPath('authorizations', AUTHORIZATIONS, 'authorizations.csv');
    expect(evaluateAll).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({
      importId: 'import-1',
      inserted: 4,
      linking: LINKING,
      evaluation: { claims: 2, findings: 5 },
    });
  });

  it('leaves evaluation to the nightly job when EVALUATE_ON_IMPORT is off: still stores and links', async () => {
    const sut = new InputsService(records, linking, lock, findings, { evaluateOnImport: false });
    const result = await sut.importPath('authorizations', AUTHORIZATIONS, 'authorizations.csv');
    expect(evaluateAll).not.toHaveBeenCalled();
    expect(result.records.authorizations).toBe(4);
    expect(result.linking).toEqual(LINKING);
    expect(result.evaluation).toBeNull();
  });

  it('answers no evaluation where rules are not evaluated at all', async () => {
    const sut = new InputsService(records, linking, lock, null, { evaluateOnImport: true });
    expect(
      (await sut.importPath('authorizations', AUTHORIZATIONS, 'authorizations.csv')).evaluation,
    ).toBeNull();
  });
});
