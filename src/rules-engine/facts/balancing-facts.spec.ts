import { BALANCING_FACTS } from './balancing-facts.js';
import { claimFixture, contextFixture, factValue, linesFixture } from './testing/claim-fixture.js';

describe('balancing facts', () => {
  it('is the total minus the line sum', () => {
    const claim = claimFixture({
      lines: linesFixture({ charge: 10000 }, { charge: 7550 }),
      totalCharge: 17549,
    });
    expect(factValue(BALANCING_FACTS, 'claim.chargeDifferenceCents', contextFixture({ claim }))).toBe(-1);
    expect(factValue(BALANCING_FACTS, 'claim.chargeDifferenceCents', contextFixture())).toBe(0);
  });
});
