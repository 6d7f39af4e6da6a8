import { errorPageHtml, signInLocation } from './http-exception.filter.js';

describe('signInLocation', () => {
  it('sends the user back to the local page they asked for', () => {
    expect(signInLocation('/worklist?queue=denied')).toBe('/sign-in?next=%2Fworklist%3Fqueue%3Ddenied');
    expect(signInLocation('/claims/abc')).toBe('/sign-in?next=%2Fclaims%2Fabc');
  });

  it('never to another site, and not back to the sign-in page or the root', () => {
    for (const next of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'worklist',
      '',
      '/',
      '/sign-in?next=/x',
    ]) {
      expect({ next, location: signInLocation(next) }).toEqual({ next, location: '/sign-in' });
    }
  });
});

describe('errorPageHtml', () => {
  it('shows status, message and request id, escaped, with no script or inline style', () => {
    const html = errorPageHtml(
      { statusCode: 404, error: 'Not Found', message: 'Cannot GET /<script>alert(1)</script>' },
      'req-1',
    );
    expect(html).toContain('<h1>404 Not Found</h1>');
    expect(html).toContain('Cannot GET /&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<code>req-1</code>');
    expect(html).not.toMatch(/<script|style=|<style/);
  });
});
