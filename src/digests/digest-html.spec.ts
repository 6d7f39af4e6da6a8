import { summarizeDeadlines, summarizeNewDenials } from './digest-content.js';
import * as sut from './digest-html.js';
import { ALERTS, CLAIM_A, CLAIM_B, CLAIM_C, DENIALS, digestReport } from './testing/digest-report.fixture.js';

describe('dollars and count', () => {
  it('formats integer cents exactly, with thousands separators', () => {
    expect(sut.dollars(0)).toBe('$0.00');
    expect(sut.dollars(5)).toBe('$0.05');
    expect(sut.dollars(123_456)).toBe('$1,234.56');
    expect(sut.dollars(-1250)).toBe('-$12.50');
    expect(sut.dollars(100_000_000_00)).toBe('$100,000,000.00');
    expect(sut.dollars(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
    expect(() => sut.dollars(1.5)).toThrow(RangeError);
    expect(sut.count(1234567)).toBe('1,234,567');
    expect(sut.count(-3)).toBe('-3');
  });
});

describe('renderDigestHtml', () => {
  const html = sut.renderDigestHtml(digestReport());

  it('is one self-contained document: no script, no external resource, no inline style attribute', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href|action|style|on[a-z]+)\s*=/i);
    expect(html).not.toMatch(/url\(|@import|<link|<img|<iframe|<form/i);
    // One <style> element (the CSP it is served with allows inline styles and nothing else).
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('escapes every value that came from data', () => {
    expect(html).toContain('=HYPERLINK(&quot;http://evil&quot;)');
    expect(html).toContain('BCBS &lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('shows the period, the headline figures and each section in money format', () => {
    expect(html).toContain('<title>claimguard daily digest: 2026-03-01</title>');
    expect(html).toContain('<h1>Daily digest: 2026-03-01</h1>');
    for (const heading of ['New denials', 'Money at risk now', 'Leakage to date', 'Approaching deadlines'])
      expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('$1,234.61'); // new denials 123,461 cents
    expect(html).toContain('$2,500.01'); // open flagged 250,001 cents
    expect(html).toContain('$1,000,000.00'); // awaiting an answer
    expect(html).toContain('-$12.50'); // a negative leakage amount
    expect(html).toContain('$3,987.50'); // leakage total
    expect(html).toContain('$99.00'); // rework avoided
    expect(html).toContain('<td>Missing or invalid information</td>');
    for (const id of [CLAIM_A, CLAIM_B, CLAIM_C]) expect(html).toContain(`<td class="mono">${id}</td>`);
    expect(html).toContain('<td>Timely-filing limit</td>');
  });

  it('says when a table has nothing to show', () => {
    const empty = sut.renderDigestHtml(
      digestReport({ newDenials: summarizeNewDenials([], () => null), deadlines: summarizeDeadlines([]) }),
    );
    expect(empty).toContain('No denials in the period.');
    expect(empty).toContain('No deadline is approaching.');
  });

  it('lists the largest rows of a long list and says the CSV has them all', () => {
    const many = Array.from({ length: sut.HTML_LIST_ROWS + 5 }, (_, i) => ({
      ...DENIALS[0]!,
      claimId: `0190a5a1-0000-7000-8000-${String(i).padStart(12, '0')}`,
      deniedCents: 1000 + i,
    }));
    const alerts = Array.from({ length: sut.HTML_LIST_ROWS + 1 }, (_, i) => ({
      ...ALERTS[0]!,
      id: String(i),
    }));
    const long = sut.renderDigestHtml(
      digestReport({
        newDenials: summarizeNewDenials(many, () => null),
        deadlines: summarizeDeadlines(alerts),
      }),
    );
    expect(long).toContain(`The 100 largest of 105 are listed; the CSV lists them all.`);
    expect(long).toContain(`The 100 largest of 101 are listed; the CSV lists them all.`);
    expect(long).toContain('0190a5a1-0000-7000-8000-000000000104'); // the largest
    expect(long).not.toContain('0190a5a1-0000-7000-8000-000000000004'); // the 101st largest
  });

  it('titles a weekly digest with its first and last day', () => {
    const weekly = sut.renderDigestHtml(
      digestReport({ period: { kind: 'weekly', from: '2026-02-23', to: '2026-03-01' } }),
    );
    expect(weekly).toContain('<h1>Weekly digest: 2026-02-23 to 2026-03-01</h1>');
  });
});
