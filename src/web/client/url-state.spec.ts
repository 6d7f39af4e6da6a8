import * as sut from './url-state.js';

const SPEC = {
  queue: { default: 'all', values: ['all', 'flagged', 'denied'] },
  payerId: {},
  deadlineWithin: { pattern: /^\d{1,4}$/ },
  sort: { default: 'risk', values: ['risk', 'deadline'] },
} as const;

describe('url-state', () => {
  it('reads every filter, with defaults for absent or disallowed values', () => {
    expect(sut.readFilters('?queue=denied&payerId=%20P1%20&other=x', SPEC)).toEqual({
      queue: 'denied',
      payerId: 'P1',
      deadlineWithin: '',
      sort: 'risk',
    });
    expect(sut.readFilters('queue=bogus&deadlineWithin=7d&sort=deadline', SPEC)).toEqual({
      queue: 'all',
      payerId: '',
      deadlineWithin: '',
      sort: 'deadline',
    });
  });

  it('writes only what differs from the defaults, in the spec order', () => {
    expect(sut.filtersToSearch({ sort: 'deadline', payerId: 'P 1', queue: 'all' }, SPEC)).toBe(
      '?payerId=P+1&sort=deadline',
    );
    expect(sut.filtersToSearch({ queue: 'all', sort: 'risk' }, SPEC)).toBe('');
  });

  it('round-trips: what is written reads back the same', () => {
    const f = { queue: 'flagged', payerId: 'A&B=C', deadlineWithin: '14', sort: 'deadline' };
    expect(sut.readFilters(sut.filtersToSearch(f, SPEC), SPEC)).toEqual(f);
  });

  it('builds API queries and URLs from set values only', () => {
    expect(sut.filtersToQuery(sut.readFilters('', SPEC))).toEqual({ queue: 'all', sort: 'risk' });
    expect(sut.withQuery('/a', { x: 1, y: '', z: null, w: false })).toBe('/a?x=1&w=false');
    expect(sut.withQuery('/a?b=1', { c: 'd e' })).toBe('/a?b=1&c=d+e');
    expect(sut.withQuery('/a')).toBe('/a');
  });

  it.each([
    ['/worklist?payerId=P1', '/worklist?payerId=P1'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/sign-in?next=/x', '/'],
    ['/a\nb', '/'],
    [null, '/'],
  ])('safeNext(%p) = %p', (next, safe) => {
    expect(sut.safeNext(next)).toBe(safe);
  });

  it('sends the sign-in page back to where the user was', () => {
    expect(sut.signInUrl('/worklist?payerId=P1&sort=deadline')).toBe(
      '/sign-in?next=%2Fworklist%3FpayerId%3DP1%26sort%3Ddeadline',
    );
    expect(sut.signInUrl('/')).toBe('/sign-in');
  });
});
