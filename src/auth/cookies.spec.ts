import { readCookie, sessionCookie } from './cookies.js';

describe('cookies', () => {
  it('reads one cookie among several, decoding and unquoting', () => {
    expect(readCookie('a=1; cg_session=abc%2Bd; b=2', 'cg_session')).toBe('abc+d');
    expect(readCookie('cg_session="q"', 'cg_session')).toBe('q');
    expect(readCookie('xcg_session=1', 'cg_session')).toBeNull();
    expect(readCookie(undefined, 'cg_session')).toBeNull();
    expect(readCookie('cg_session=%E0%A4%A', 'cg_session')).toBeNull();
  });

  it('writes an HttpOnly SameSite=Strict cookie, Secure only when asked', () => {
    const c = sessionCookie('v', { secure: false, maxAgeSeconds: 60 });
    expect(c).toBe('cg_session=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=60');
    expect(sessionCookie('v', { secure: true, maxAgeSeconds: 0 })).toMatch(/; Max-Age=0; Secure$/);
  });
});
