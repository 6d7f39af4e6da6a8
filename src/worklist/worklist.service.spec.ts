import { jest } from '@jest/globals';
import type { AuditService } from '../audit/audit.service.js';
import type { UserActor } from '../auth/roles.js';
import { ConflictError, InvalidInputError } from '../common/domain-errors.js';
import { decodeCursor, parseSort } from '../common/pagination.js';
import type { WriteLock } from '../database/write-lock.js';
import type { AppConfig } from '../config/app-config.js';
import type { RulesRuntime } from '../rules/rules-runtime.js';
import { WORKLIST_SORT_FIELDS } from './dto/worklist-query.dto.js';
import type { WorklistRow } from './worklist-item.js';
import type { WorklistRepository, WorklistPosition } from './worklist.repository.js';
import { EXPORT_MAX_ROWS, WorklistService } from './worklist.service.js';

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

const ID = (n: number) => `019a1b2c-3d4e-7f00-8a00-${String(n).padStart(12, '0')}`;

const actor: UserActor = {
  kind: 'user',
  userId: ID(9000),
  username: 'biller1',
  displayName: 'Biller One',
  role: 'billing',
  via: 'token',
  ip: null,
  userAgent: null,
};

function row(n: number): WorklistRow {
  return {
    claimId: ID(n),
    patientControlNumber: `PCN${n}`,
    payerId: 'P1',
    providerNpi: '1234567893',
    claimType: 'professional',
    serviceDate: '2026-03-01',
    month: '2026-03',
    chargeCents: 10_000,
    riskMilli: 500,
    firstPass: 'pending',
    flags: [],
    denialCarcs: [],
    denialCategories: [],
    anticipated: false,
    filingDeadline: '2026-06-01',
    appealDeadline: null,
    moneyAtRiskCents: 1_000_000 - n,
    deadlineKey: '2026-06-01',
    workStatus: null,
    assigneeId: null,
    assigneeUsername: null,
    alertKind: null,
    alertDeadline: null,
  };
}

const runtime = { ruleSet: { rules: [] } } as unknown as RulesRuntime;
const config = { jobs: { timeZone: 'UTC' } } as Pick<AppConfig, 'jobs'>;
const lock = strictMock<WriteLock>({ run: <T>(work: () => Promise<T>) => work() });

describe('WorklistService', () => {
  it('pages with limit + 1 rows and a cursor after the last row shown', async () => {
    const page = jest.fn(async () => [row(1), row(2), row(3)]);
    const repo = strictMock<WorklistRepository>({ page, findingSummaries: async () => new Map() });
    const sut = new WorklistService(repo, lock, strictMock<AuditService>({}), runtime, config);
    const answer = (await sut.list({ limit: 2 }, actor)) as {
      items: { claimId: string }[];
      nextCursor: string;
    };
    expect(page).toHaveBeenCalledWith(
      { queue: 'all', assignee: undefined, deadlineUntil: undefined },
      'risk',
      null,
      3,
    );
    expect(answer.items.map((i) => i.claimId)).toEqual([ID(1), ID(2)]);
    expect(
      decodeCursor(answer.nextCursor, parseSort('risk', WORKLIST_SORT_FIELDS), WORKLIST_SORT_FIELDS),
    ).toEqual({
      value: 1_000_000 - 2,
      id: ID(2),
    });
  });

  it('reads `assignee=me` as the caller and deadlineWithin from today', async () => {
    const page = jest.fn(async () => [] as WorklistRow[]);
    const repo = strictMock<WorklistRepository>({ page, findingSummaries: async () => new Map() });
    const sut = new WorklistService(repo, lock, strictMock<AuditService>({}), runtime, config);
    await sut.list({ assignee: 'me', deadlineWithin: 10, today: '2026-02-25', sort: 'deadline' }, actor);
    expect(page).toHaveBeenCalledWith(
      expect.objectContaining({ assignee: { kind: 'user', id: actor.userId }, deadlineUntil: '2026-03-07' }),
      'deadline',
      null,
      51,
    );
  });

  it('passes alert=deadline on and counts the alerts’ days left from `today`', async () => {
    const page = jest.fn(async () => [
      { ...row(1), alertKind: 'filing', alertDeadline: '2026-03-13' },
      row(2),
    ]);
    const repo = strictMock<WorklistRepository>({ page, findingSummaries: async () => new Map() });
    const sut = new WorklistService(repo, lock, strictMock<AuditService>({}), runtime, config);
    const answer = (await sut.list({ alert: 'deadline', today: '2026-03-10' }, actor)) as {
      items: { alert: unknown }[];
    };
    expect(page).toHaveBeenCalledWith(expect.objectContaining({ alert: 'deadline' }), 'risk', null, 51);
    expect(answer.items.map((i) => i.alert)).toEqual([
      { kind: 'filing', deadline: '2026-03-13', daysLeft: 3 },
      null,
    ]);
  });

  it('exports every row of the view page by page, each page after the last, and stops at the end', async () => {
    const calls: (WorklistPosition | null)[] = [];
    const pages = [Array.from({ length: 500 }, (_, i) => row(i + 1)), [row(501), row(502)]];
    const repo = strictMock<WorklistRepository>({
      page: async (_f, _s, after) => {
        calls.push(after);
        return pages.shift() ?? [];
      },
      findingSummaries: async () => new Map(),
    });
    const sut = new WorklistService(repo, lock, strictMock<AuditService>({}), runtime, config);
    const answer = (await sut.list({ format: 'csv' }, actor)) as { items: Record<string, unknown>[] };
    expect(answer.items).toHaveLength(502);
    expect(answer.items[501]).toMatchObject({ claimId: ID(502), patientControlNumber: 'PCN502' });
    expect(calls).toEqual([null, { value: 1_000_000 - 500, claimId: ID(500) }]);
  });

  it(`stops an export at ${EXPORT_MAX_ROWS} rows`, async () => {
    let n = 0;
    const repo = strictMock<WorklistRepository>({
      page: async (_f, _s, _a, limit) => Array.from({ length: limit }, () => row(++n)),
      findingSummaries: async () => new Map(),
    });
    const sut = new WorklistService(repo, lock, strictMock<AuditService>({}), runtime, config);
    const answer = (await sut.list({ format: 'csv' }, actor)) as { items: unknown[] };
    expect(answer.items).toHaveLength(EXPORT_MAX_ROWS);
  });

  it('refuses a move outside the workflow as a conflict, and writes nothing', async () => {
    const tx = {};
    const repo = strictMock<WorklistRepository>({
      claimExists: async () => true,
      transaction: (async (work: (t: unknown) => Promise<unknown>) =>
        work(tx)) as WorklistRepository['transaction'],
      workItem: async () => null,
    });
    const sut = new WorklistService(repo, lock, strictMock<AuditService>({}), runtime, config);
    await expect(sut.setStatus(actor, ID(1), 'resolved', undefined)).rejects.toThrow(ConflictError);
    await expect(sut.setStatus(actor, ID(1), 'overridden', undefined)).rejects.toThrow(InvalidInputError);
  });

  it('fails the change when its audit event cannot be written', async () => {
    const inserted: string[] = [];
    const repo = strictMock<WorklistRepository>({
      claimExists: async () => true,
      transaction: (async (work: (t: unknown) => Promise<unknown>) =>
        work({})) as WorklistRepository['transaction'],
      workItem: async () => null,
      insertWorkItems: async (_tx, items) => void inserted.push(...items.map((i) => i.status)),
      insertEvents: async () => undefined,
    });
    const audit = strictMock<AuditService>({
      record: async () => {
        throw new Error('audit_event is unavailable');
      },
    });
    const sut = new WorklistService(repo, lock, audit, runtime, config);
    await expect(sut.setStatus(actor, ID(1), 'in-progress', undefined)).rejects.toThrow(
      'audit_event is unavailable',
    );
    // The transaction's callback threw: the database rolls back what it wrote.
    expect(inserted).toEqual(['in-progress']);
  });

  it('names every unknown claim id and checks the assignee before assigning', async () => {
    const repo = strictMock<WorklistRepository>({
      user: async (id) =>
        id === ID(7) ? { id, username: 'fin', displayName: 'Fin', role: 'finance', disabled: false } : null,
      existingClaimIds: async () => new Set([ID(1)]),
    });
    const sut = new WorklistService(repo, lock, strictMock<AuditService>({}), runtime, config);
    await expect(sut.assign(actor, [ID(1), ID(2), ID(3)], null)).rejects.toMatchObject({
      problems: [`claimIds: there is no claim ${ID(2)}`, `claimIds: there is no claim ${ID(3)}`],
    });
    await expect(sut.assign(actor, [ID(1)], ID(7))).rejects.toThrow('finance');
    await expect(sut.assign(actor, [ID(1)], ID(8))).rejects.toThrow('no user');
  });
});
