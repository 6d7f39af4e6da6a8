import type { EntityManager } from 'typeorm';
import type { WriteLock } from '../database/write-lock.js';
import type { JobContext } from '../jobs/job-types.js';
import type { AlertWindow, DeadlineAlertsRepository } from './deadline-alerts.repository.js';
import { DeadlineAlertsService } from './deadline-alerts.service.js';

const ctx: JobContext = {
  runId: '019a0000-0000-7000-8000-000000000009',
  startedAt: '2026-03-10T05:00:00.000Z',
  today: '2026-03-10',
  timeZone: 'America/Chicago',
  actor: { kind: 'system', via: 'system', name: 'scheduler' },
};

describe('DeadlineAlertsService', () => {
  it('is the scheduled job named deadlines', () => {
    const sut = new DeadlineAlertsService({} as DeadlineAlertsRepository, {} as WriteLock);
    expect(sut.name).toBe('deadlines');
    expect(sut.description).toContain('7 days');
  });

  it('clears, then raises, then counts, in one transaction under the write lock; then refreshes statistics', async () => {
    const calls: string[] = [];
    const tx = { tx: true } as unknown as EntityManager;
    let locked = false;
    const lock = {
      run: async <T>(work: () => Promise<T>) => {
        locked = true;
        try {
          return await work();
        } finally {
          locked = false;
        }
      },
    } as WriteLock;
    const repo = {
      transaction: async <T>(work: (t: EntityManager) => Promise<T>) => {
        expect(locked).toBe(true);
        calls.push('begin');
        const out = await work(tx);
        calls.push('commit');
        return out;
      },
      clearStale: async (t: EntityManager, w: AlertWindow) => {
        expect(t).toBe(tx);
        calls.push(`clear ${w.from}..${w.to}`);
        return 2;
      },
      raise: async (t: EntityManager, w: AlertWindow, _at: string, runId: string) => {
        expect(t).toBe(tx);
        calls.push(`raise ${w.from}..${w.to} ${runId}`);
        return 5;
      },
      countOpen: async (t?: EntityManager) => {
        expect(t).toBe(tx);
        calls.push('count');
        return 9;
      },
      refreshStatistics: async () => {
        expect(locked).toBe(false);
        calls.push('analyze');
      },
    } as unknown as DeadlineAlertsRepository;
    const sut = new DeadlineAlertsService(repo, lock);
    await expect(sut.run(ctx)).resolves.toEqual({ raised: 5, open: 9, cleared: 2 });
    expect(calls).toEqual([
      'begin',
      'clear 2026-03-10..2026-03-17',
      `raise 2026-03-10..2026-03-17 ${ctx.runId}`,
      'count',
      'commit',
      'analyze',
    ]);
  });
});
