import type { ClaimContext } from '../claim-context.js';
import { BILLING_DATA_FACTS } from './billing-data-facts.js';
import {
  claimFixture,
  contextFixture,
  factValue,
  FIXTURE_NPI,
  FIXTURE_NPI_2,
  linesFixture,
  payerFixture,
  providerFixture,
} from './testing/claim-fixture.js';

const v = (name: string, ctx: ClaimContext, line?: number) => factValue(BILLING_DATA_FACTS, name, ctx, line);

describe('provider facts', () => {
  it('reads the NPIs and the billing entity type', () => {
    const ctx = contextFixture();
    expect(v('claim.billingNpi', ctx)).toBe(FIXTURE_NPI);
    expect(v('claim.billingEntityType', ctx)).toBe('2');
    expect(v('claim.renderingNpi', ctx)).toBe(FIXTURE_NPI_2);
    expect(v('claim.referringNpi', ctx)).toBe('');
    expect(v('claim.invalidProviderNpis', ctx)).toEqual([]);
  });

  it('lists every NPI that fails, with its role and loop', () => {
    const billing = providerFixture('billing', '1234567890', { entityType: '2' });
    const referring = providerFixture('referring', '12345');
    const lineRendering = providerFixture('rendering', '1245319598');
    const claim = claimFixture({
      billingProvider: billing,
      referringProvider: referring,
      providers: [billing, referring],
      renderingProvider: null,
      lines: linesFixture({ providers: [lineRendering] }, {}),
    });
    const ctx = contextFixture({ claim });
    expect(v('claim.billingNpi', ctx)).toBe('1234567890');
    expect(v('claim.referringNpi', ctx)).toBe('12345');
    expect(v('claim.invalidProviderNpis', ctx)).toEqual([
      'billing (2010AA): 1234567890 fails the NPI check digit (a typo is likely)',
      'referring (2310): "12345" is not an NPI (10 digits starting with 1 or 2)',
      'rendering (line 1): 1245319598 fails the NPI check digit (a typo is likely)',
    ]);
    expect(v('line.renderingNpi', ctx, 0)).toBe('1245319598');
    expect(v('line.renderingNpi', ctx, 1)).toBe('');
  });

  it('answers empty values when the billing provider is absent', () => {
    const ctx = contextFixture({ claim: claimFixture({ billingProvider: null }) });
    expect(v('claim.billingNpi', ctx)).toBe('');
    expect(v('claim.billingEntityType', ctx)).toBe('');
  });

  it("takes the claim's rendering provider for lines without their own", () => {
    expect(v('line.renderingNpi', contextFixture(), 0)).toBe(FIXTURE_NPI_2);
  });
});

describe('place of service facts', () => {
  it('checks the claim and line codes', () => {
    const claim = claimFixture({
      facilityCode: '98',
      lines: linesFixture({}, { placeOfService: '22' }, { placeOfService: 'X1' }, { placeOfService: '1' }),
    });
    const ctx = contextFixture({ claim });
    expect(v('claim.placeOfServiceStatus', ctx)).toBe('unknown');
    expect([0, 1, 2, 3].map((i) => v('line.ownPlaceOfServiceStatus', ctx, i))).toEqual([
      'none',
      'valid',
      'malformed',
      'unknown',
    ]);
    expect([0, 1].map((i) => v('line.placeOfService', ctx, i))).toEqual(['98', '22']);
  });

  it('answers missing, and not-applicable on institutional claims', () => {
    expect(
      v('claim.placeOfServiceStatus', contextFixture({ claim: claimFixture({ facilityCode: '' }) })),
    ).toBe('missing');
    const inst = contextFixture({ claim: claimFixture({ claimType: 'institutional', facilityCode: '13' }) });
    expect(v('claim.placeOfServiceStatus', inst)).toBe('not-applicable');
    expect(v('line.placeOfService', inst, 0)).toBe('');
    expect(v('line.ownPlaceOfServiceStatus', inst, 0)).toBe('none');
  });
});

describe('member id pattern facts', () => {
  it('is true without a pattern', () => {
    const ctx = contextFixture();
    expect(v('claim.payerMemberIdPattern', ctx)).toBe('');
    expect(v('claim.memberIdMatchesPayerPattern', ctx)).toBe(true);
  });

  it('matches the whole id, whether or not the pattern is anchored', () => {
    for (const pattern of [/TEST[A-Z]{3}\d{3}/, /^(?:TEST[A-Z]{3}\d{3})$/, /MEM/g]) {
      const ctx = contextFixture({ payer: payerFixture({ memberIdPattern: pattern }) });
      expect(v('claim.memberIdMatchesPayerPattern', ctx)).toBe(pattern.source !== 'MEM');
    }
    const ctx = contextFixture({ payer: payerFixture({ memberIdPattern: /^(?:TEST[A-Z]{3}\d{3})$/ }) });
    expect(v('claim.payerMemberIdPattern', ctx)).toBe('TEST[A-Z]{3}\\d{3}');
  });

  it('trims the member id and keeps the flags of the pattern', () => {
    const claim = claimFixture();
    const spaced = { ...claim, subscriber: { ...claim.subscriber, memberId: ' testmem001 ' } };
    expect(
      v(
        'claim.memberIdMatchesPayerPattern',
        contextFixture({ claim: spaced, payer: payerFixture({ memberIdPattern: /TESTMEM\d+/i }) }),
      ),
    ).toBe(true);
    expect(
      v(
        'claim.memberIdMatchesPayerPattern',
        contextFixture({ claim: spaced, payer: payerFixture({ memberIdPattern: /TESTMEM\d+/ }) }),
      ),
    ).toBe(false);
  });
});
