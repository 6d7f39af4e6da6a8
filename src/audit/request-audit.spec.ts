import {
  MAX_SHOWN_IDS,
  auditEntryFor,
  auditQuery,
  createdId,
  exportActionFor,
  shownRecords,
  wantsCsv,
} from './request-audit.js';

const req = (path: string, query: Record<string, unknown> = {}, params: Record<string, string> = {}) => ({
  path,
  query,
  params,
});

describe('auditEntryFor', () => {
  it('records nothing for a route that is not audited and no CSV', () => {
    expect(auditEntryFor(undefined, req('/api/v1/claims', { limit: '5' }))).toBeNull();
  });

  it("records an @Audited route's action with its target from the route parameter", () => {
    const spec = { action: 'claim.view', targetType: 'claim', idParam: 'id' };
    expect(auditEntryFor(spec, req('/api/v1/worklist/claims/c1', {}, { id: 'c1' }))).toEqual({
      action: 'claim.view',
      targetType: 'claim',
      targetId: 'c1',
    });
    expect(auditEntryFor({ action: 'audit.view' }, req('/api/v1/audit', { actor: 'ann' }))).toEqual({
      action: 'audit.view',
      detail: { query: { actor: 'ann' } },
    });
  });

  it('records any CSV download as an export: claims and the worklist as claim.export, the rest report.export', () => {
    expect(auditEntryFor(undefined, req('/api/v1/claims', { format: 'csv', payerId: 'P1' }))).toEqual({
      action: 'claim.export',
      detail: { path: '/api/v1/claims', query: { format: 'csv', payerId: 'P1' } },
    });
    expect(auditEntryFor(undefined, req('/api/v1/worklist', { format: 'csv' }))?.action).toBe('claim.export');
    expect(auditEntryFor(undefined, req('/api/v1/reports/denials', { format: 'csv' }))?.action).toBe(
      'report.export',
    );
    // An audited route's own export action wins (the audit log's export is audit.export).
    const spec = { action: 'audit.view', exportAction: 'audit.export' };
    expect(auditEntryFor(spec, req('/api/v1/audit', { format: 'csv' }))?.action).toBe('audit.export');
    expect(auditEntryFor({ action: 'claim.view' }, req('/api/v1/claimsX', { format: ['csv'] }))?.action).toBe(
      'report.export',
    );
  });
});

describe('auditQuery', () => {
  it('masks values that may identify a patient, drops cursors, masks PHI inside other values', () => {
    expect(
      auditQuery({
        patientControlNumber: 'PCN-1',
        lastName: 'Lee',
        memberId: 'W1',
        q: 'Ann Lee',
        cursor: 'abc',
        status: ['open', 'fixed'],
        note: 'dob 1980-01-01',
      }),
    ).toEqual({
      lastName: '***',
      memberId: '***',
      note: 'dob ***',
      patientControlNumber: '***',
      q: '***',
      status: 'open,fixed',
    });
  });
});

describe('exportActionFor / wantsCsv', () => {
  it('knows claim paths, pages and API alike', () => {
    expect(exportActionFor('/claims/c1')).toBe('claim.export');
    expect(exportActionFor('/api/v1/claims/c1/findings')).toBe('claim.export');
    expect(exportActionFor('/api/v1/claims-summary')).toBe('report.export');
    expect(exportActionFor('/api/v1/remittances')).toBe('report.export');
    expect(wantsCsv({ format: 'json' })).toBe(false);
    expect(wantsCsv({})).toBe(false);
  });
});

describe('shownRecords', () => {
  it('names the claims a list page showed (claimId, else id), and counts a CSV by its rows', () => {
    expect(
      shownRecords({ items: [{ claimId: 'c1' }, { id: 'r2' }, { other: 1 }], nextCursor: null }),
    ).toEqual({
      count: 3,
      ids: ['c1', 'r2'],
    });
    expect(shownRecords({ providers: [{ encounters: [{ claimId: 'a' }, { claimId: 'b' }] }] })).toEqual({
      count: 2,
      ids: ['a', 'b'],
    });
    expect(shownRecords('claimId,amount\nc1,1.00\nc2,2.00\n')).toEqual({ count: 2, ids: [] });
    expect(shownRecords({ total: 3 })).toBeNull();
    const many = { items: Array.from({ length: MAX_SHOWN_IDS + 5 }, (_, i) => ({ claimId: `c${i}` })) };
    expect(shownRecords(many)).toMatchObject({ count: MAX_SHOWN_IDS + 5 });
    expect(shownRecords(many)!.ids).toHaveLength(MAX_SHOWN_IDS);
  });
});

describe('createdId', () => {
  it('reads the id of an upload, an import or a created record from the answer', () => {
    expect(createdId({ duplicate: false, file: { id: 'f1', name: 'a.x12' } })).toBe('f1');
    expect(createdId({ importId: 'i1', kind: 'documentation' })).toBe('i1');
    expect(createdId({ id: 'u1' })).toBe('u1');
    expect(createdId('text')).toBeNull();
    expect(createdId([{ id: 'x' }])).toBeNull();
  });
});
