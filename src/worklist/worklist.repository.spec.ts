import {
  WORKLIST_DEADLINE_SQL,
  WORKLIST_MONEY_SQL,
  WORKLIST_QUEUE_SQL,
} from '../database/migrations/1764800200000-worklist-indexes.js';
import { DEADLINE_SQL, filterSql, MONEY_SQL, QUEUE_SQL } from './worklist.repository.js';

const unqualified = (sql: string) => sql.replace(/\bcr\./g, '');

describe('worklist SQL', () => {
  it('repeats the partial indexes’ condition and expressions word for word (else no index is used)', () => {
    expect(unqualified(QUEUE_SQL)).toBe(WORKLIST_QUEUE_SQL);
    expect(unqualified(MONEY_SQL)).toBe(WORKLIST_MONEY_SQL);
    expect(unqualified(DEADLINE_SQL)).toBe(WORKLIST_DEADLINE_SQL);
  });

  it('writes no condition for an empty filter', () => {
    expect(filterSql({ queue: 'all' })).toEqual({ where: [], params: [] });
  });

  it('binds every value as a parameter, in the order of the conditions', () => {
    const { where, params } = filterSql({
      queue: 'denied',
      payerId: "P'1",
      providerNpi: '1234567893',
      category: 'authorization',
      severity: 'warn',
      status: 'open',
      assignee: { kind: 'user', id: '019a0000-0000-7000-8000-000000000001' },
      deadlineUntil: '2026-05-01',
    });
    const sql = where.join(' AND ');
    expect(sql).not.toContain("P'1");
    expect(sql.split('?').length - 1).toBe(params.length);
    expect(params).toEqual([
      "P'1",
      '1234567893',
      '%|authorization|%',
      '%;authorization;%',
      'new',
      'in-progress',
      'fixed',
      'resubmitted',
      '019a0000-0000-7000-8000-000000000001',
      '2026-05-01',
    ]);
    expect(sql).toContain(`cr.first_pass IN ('denied', 'partial')`);
    expect(sql).toContain(`NOT LIKE '%|block|%'`);
  });

  it('treats a claim without a work item as new and unassigned', () => {
    expect(filterSql({ queue: 'all', status: 'new' }).where).toEqual([
      `(w.status IS NULL OR w.status = 'new')`,
    ]);
    expect(filterSql({ queue: 'all', assignee: { kind: 'none' } }).where).toEqual(['w.assignee_id IS NULL']);
  });

  it('keeps only claims with an open deadline alert for alert=deadline', () => {
    expect(filterSql({ queue: 'all', alert: 'deadline' })).toEqual({
      where: ['da.id IS NOT NULL'],
      params: [],
    });
  });
});
