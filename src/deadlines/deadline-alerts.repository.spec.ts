import {
  DEADLINE_KIND_SQL,
  DEADLINE_SQL,
  MONEY_SQL,
  OPEN_WORK_SQL,
  QUEUE_SQL,
} from '../worklist/worklist.repository.js';
import { clearStatement, openAlertsStatement, raiseStatement } from './deadline-alerts.repository.js';

const WINDOW = { from: '2026-03-10', to: '2026-03-17' };
const AT = '2026-03-10T05:00:00.000Z';
const RUN = '019a0000-0000-7000-8000-000000000001';
const placeholders = (sql: string) => sql.split('?').length - 1;

describe('deadline alert statements', () => {
  it('raise: the worklist queue, its deadline and kind word for word, open work, the window bound', () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const { sql, params } = raiseStatement(dialect, WINDOW, AT, RUN);
      // The worklist's own definitions (the range on DEADLINE_SQL under QUEUE_SQL reads its partial index).
      expect(sql).toContain(QUEUE_SQL);
      expect(sql).toContain(`${DEADLINE_SQL} >= ? AND ${DEADLINE_SQL} <= ?`);
      expect(sql).toContain(DEADLINE_KIND_SQL);
      expect(sql).toContain(OPEN_WORK_SQL);
      // Set-based: one INSERT … SELECT, re-opening a cleared alert of the same claim, kind and deadline.
      expect(sql).toMatch(/^INSERT INTO deadline_alert .* SELECT /s);
      expect(sql).toContain('ON CONFLICT (claim_id, kind, deadline) DO UPDATE');
      expect(sql).toContain('WHERE deadline_alert.cleared_at IS NOT NULL');
      expect(placeholders(sql)).toBe(params.length);
      expect(params.slice(1)).toEqual([AT, RUN, WINDOW.from, WINDOW.to]);
      // The time prefix of a UUIDv7: the SQL adds the random rest.
      expect(params[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7$/);
    }
  });

  it('clear: open alerts outside the window or without the same qualifying deadline', () => {
    const { sql, params } = clearStatement(WINDOW, AT);
    expect(sql).toMatch(/^UPDATE deadline_alert SET cleared_at = \?\s+WHERE cleared_at IS NULL/s);
    // The same qualifying set as the raise (the window bound), matched on claim, kind and deadline.
    expect(sql).toContain('NOT EXISTS (');
    expect(sql).toContain(QUEUE_SQL);
    expect(sql).toContain(`${DEADLINE_SQL} >= ? AND ${DEADLINE_SQL} <= ?`);
    expect(sql).toContain('cr.claim_id = deadline_alert.claim_id');
    expect(sql).toContain(`${DEADLINE_KIND_SQL} = deadline_alert.kind`);
    expect(sql).toContain(`${DEADLINE_SQL} = deadline_alert.deadline`);
    expect(sql).toContain(OPEN_WORK_SQL);
    expect(placeholders(sql)).toBe(params.length);
    expect(params).toEqual([AT, WINDOW.from, WINDOW.to]);
  });

  it('lists open alerts by deadline with the worklist money at risk, limited when asked', () => {
    const all = openAlertsStatement('', []);
    expect(all.sql).toContain('WHERE a.cleared_at IS NULL');
    expect(all.sql).toContain(MONEY_SQL);
    expect(all.sql).toMatch(/ORDER BY a\.deadline, a\.claim_id, a\.kind$/);
    expect(all.params).toEqual([]);
    const some = openAlertsStatement(' AND a.claim_id = ?', ['c1'], 5);
    expect(some.sql).toMatch(/LIMIT \?$/);
    expect(some.params).toEqual(['c1', 5]);
    expect(placeholders(some.sql)).toBe(2);
  });
});

describe('the worklist definitions the alerts reuse', () => {
  it('counts resolved and overridden work as finished, a claim without work item as open', () => {
    expect(OPEN_WORK_SQL).toBe("(w.status IS NULL OR w.status NOT IN ('resolved', 'overridden'))");
  });

  it('names the deadline DEADLINE_SQL picks: filing while pending, appeal otherwise', () => {
    expect(DEADLINE_SQL).toContain("CASE WHEN cr.first_pass = 'pending' THEN cr.filing_deadline ELSE");
    expect(DEADLINE_KIND_SQL).toBe("CASE WHEN cr.first_pass = 'pending' THEN 'filing' ELSE 'appeal' END");
  });
});
