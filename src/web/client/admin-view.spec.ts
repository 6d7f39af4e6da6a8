import { readFilters } from './url-state.js';
import * as sut from './admin-view.js';

const read = (search: string) => readFilters(search, sut.ADMIN_SPEC);

describe('admin-view', () => {
  describe('tabs and filters in the URL', () => {
    it('reads the tab and its filters, dropping values the API would refuse', () => {
      const f = read('?tab=audit&from=2026-03-01&to=2026-02-30x&action=user.create,token.revoke&actor=ada');
      expect(f).toMatchObject({
        tab: 'audit',
        from: '2026-03-01',
        to: '',
        action: 'user.create,token.revoke',
        actor: 'ada',
      });
      expect(read('?tab=secrets&action=DROP TABLE').tab).toBe('users');
      expect(read('?action=user').action).toBe('');
      expect(read('?status=exploded').status).toBe('');
    });

    it('writes a tab’s own filters only, and the users tab as the bare page', () => {
      const f = read('?tab=audit&actor=ada&job=ingest-inbox&status=failed&cursor=abc');
      expect(sut.adminUrl(f)).toBe('/admin?tab=audit&actor=ada&cursor=abc');
      expect(sut.adminUrl({ ...f, tab: 'jobs' })).toBe(
        '/admin?tab=jobs&job=ingest-inbox&status=failed&cursor=abc',
      );
      expect(sut.adminUrl({ ...f, tab: 'users' })).toBe('/admin');
      expect(sut.tabUrl('tokens')).toBe('/admin?tab=tokens');
      expect(sut.forTab(f, 'tokens')).toEqual(read('?tab=tokens'));
    });

    it('builds the audit query and its CSV export (from the newest event, not the page)', () => {
      const f = read(
        '?tab=audit&from=2026-03-01&to=2026-03-31&action=user.create&targetType=user&cursor=xyz',
      );
      expect(sut.auditQuery(f)).toEqual({
        limit: '100',
        from: '2026-03-01',
        to: '2026-03-31',
        action: 'user.create',
        targetType: 'user',
        cursor: 'xyz',
      });
      expect(sut.auditCsvUrl(f)).toBe(
        '/api/v1/audit?from=2026-03-01&to=2026-03-31&action=user.create&targetType=user&format=csv',
      );
      expect(sut.jobsQuery(read('?tab=jobs&status=failed&actor=ada'))).toEqual({
        limit: '50',
        status: 'failed',
      });
    });

    it('names a backwards day range', () => {
      expect(sut.auditFilterProblem(read('?from=2026-03-02&to=2026-03-01'))).toMatch(
        /2026-03-02.*after.*2026-03-01/,
      );
      expect(sut.auditFilterProblem(read('?from=2026-03-01&to=2026-03-01'))).toBeNull();
    });
  });

  describe('wording', () => {
    const now = new Date('2026-04-01T12:00:00Z');
    it('tells revoked, expired and active tokens apart', () => {
      expect(sut.tokenState({ revoked: true, expiresAt: null }, now)).toBe('revoked');
      expect(sut.tokenState({ revoked: false, expiresAt: '2026-04-01T11:59:59Z' }, now)).toBe('expired');
      expect(sut.tokenState({ revoked: false, expiresAt: '2026-05-01T00:00:00Z' }, now)).toBe('active');
      expect(sut.tokenState({ revoked: false, expiresAt: null }, now)).toBe('active');
    });

    it('names a token’s owner', () => {
      const users = [{ id: 'u1', username: 'bea' }] as sut.UserView[];
      const t = {
        id: 't',
        name: 'n',
        prefix: 'cg_abc',
        userId: 'u1',
        createdAt: '',
        expiresAt: null,
        lastUsedAt: null,
        revoked: false,
      };
      expect(sut.tokenOwner(t, users)).toBe('bea');
      expect(sut.tokenOwner({ ...t, username: 'ada' }, users)).toBe('ada');
      expect(sut.tokenOwner({ ...t, userId: 'u9' }, users)).toBe('u9');
    });

    it('writes an audit detail on one line, changes as arrows, cut when long', () => {
      expect(
        sut.detailText({ username: 'bea', role: { from: 'billing', to: 'coding' }, disabled: true }),
      ).toBe('username: bea · role: billing → coding · disabled: true');
      expect(sut.detailText({ filter: { payerId: 'P1' }, ids: [1, 2] })).toBe(
        'filter: {"payerId":"P1"} · ids: [1,2]',
      );
      expect(sut.detailText(null)).toBe('');
      expect(sut.detailText('plain')).toBe('plain');
      const long = sut.detailText({ text: 'x'.repeat(500) }, 50);
      expect(long).toHaveLength(50);
      expect(long.endsWith('…')).toBe(true);
    });

    it('gives job runs a length and their counts', () => {
      expect(sut.duration('2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.850Z')).toBe('850 ms');
      expect(sut.duration('2026-04-01T00:00:00Z', '2026-04-01T00:00:04.2Z')).toBe('4.2 s');
      expect(sut.duration('2026-04-01T00:00:00Z', '2026-04-01T00:03:05Z')).toBe('3 min 5 s');
      expect(sut.duration('2026-04-01T00:00:00Z', null)).toBe('running');
      expect(sut.duration('2026-04-01T00:00:05Z', '2026-04-01T00:00:00Z')).toBe('—');
      expect(sut.countsText({ filesIngested: 3, claims: 1200 })).toBe('files ingested: 3 · claims: 1,200');
      expect(sut.countsText(null)).toBe('—');
      expect(sut.countsText({})).toBe('—');
    });

    it('links claim targets to the claim page only', () => {
      const id = '0b6f3a52-4f2e-4c1e-9d7a-2f8e8c1d2a33';
      expect(sut.targetHref({ targetType: 'claim', targetId: id })).toBe(`/claims/${id}`);
      expect(sut.targetHref({ targetType: 'claim', targetId: '../admin' })).toBeNull();
      expect(sut.targetHref({ targetType: 'user', targetId: id })).toBeNull();
    });

    it('says what a saved change did', () => {
      const u = { username: 'bea' };
      expect(sut.changeNotice(u, { password: 'x' })).toMatch(
        /Password of bea changed; their sessions were ended/,
      );
      expect(sut.changeNotice(u, { disabled: true })).toMatch(/bea is disabled/);
      expect(sut.changeNotice(u, { disabled: false })).toBe('bea is enabled again.');
      expect(sut.changeNotice(u, { role: 'coding' })).toBe('bea is now Coding; their sessions were ended.');
      expect(sut.tokenUsage('cg_x', 'http://h')).toBe(
        'curl -H "Authorization: Bearer cg_x" http://h/api/v1/auth/me',
      );
    });
  });
});
