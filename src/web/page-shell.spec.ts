import * as sut from './page-shell.js';

describe('page shell', () => {
  it('shows each role only the pages it may open; admin sees them all', () => {
    const hrefs = (role: Parameters<typeof sut.navFor>[0]) => sut.navFor(role).map((n) => n.href);
    expect(hrefs('billing')).toEqual(['/worklist', '/digests', '/uploads']);
    expect(hrefs('coding')).toEqual(['/coding', '/uploads']);
    expect(hrefs('finance')).toEqual(['/dashboard', '/digests']);
    expect(hrefs('admin')).toEqual(['/worklist', '/coding', '/dashboard', '/digests', '/uploads', '/admin']);
  });

  it('renders a shell with the page module, the stylesheet and no inline script or style', () => {
    const html = sut.renderPage({
      page: 'worklist',
      title: 'Worklist',
      path: '/worklist',
      user: { username: 'bill', displayName: 'Bill <Biller>', role: 'billing' },
    });
    expect(html).toContain('<script type="module" src="/assets/pages/worklist.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/assets/app.css">');
    expect(html).toContain('<main id="app">');
    expect(html).toContain('<a href="/worklist" aria-current="page">Worklist</a>');
    expect(html).toContain('Bill &lt;Biller&gt;');
    expect(html).not.toContain('<Biller>');
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('loads classic scripts (chart.js) before the page module', () => {
    const html = sut.renderPage({
      page: 'dashboard',
      title: 'Dashboard',
      user: { username: 'f', displayName: 'F', role: 'finance' },
      scripts: ['/assets/vendor/chart.umd.js'],
    });
    expect(html.indexOf('/assets/vendor/chart.umd.js')).toBeLessThan(
      html.indexOf('/assets/pages/dashboard.js'),
    );
  });

  it('renders the sign-in page without navigation and error pages with a way back', () => {
    expect(sut.renderPage({ page: 'sign-in', title: 'Sign in', user: null })).not.toContain('<nav');
    const html = sut.renderErrorPage({
      status: 403,
      title: 'Not for your role',
      message: 'your role (finance) may not use this',
      user: { username: 'f', displayName: 'F', role: 'finance' },
    });
    expect(html).toContain('HTTP 403');
    expect(html).toContain('<a href="/dashboard">Back to your start page</a>');
  });

  it('escapes every HTML metacharacter', () => {
    expect(sut.escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });
});
