import { CLAIM_DATA_FACTS } from './claim-data-facts.js';
import { contextFixture, lineRef } from './testing/claim-fixture.js';

const BASIC_NAMES = [
  'claim.payerId',
  'claim.claimType',
  'claim.frequencyCode',
  'claim.payerSequence',
  'claim.patientControlNumber',
  'claim.memberId',
  'claim.serviceDateFrom',
  'claim.serviceDateTo',
  'claim.asOf',
  'claim.totalChargeCents',
  'claim.lineChargeSumCents',
  'claim.diagnosisCodes',
  'claim.priorAuthorization',
  'claim.placeOfService',
  'claim.lineCount',
  'line.number',
  'line.procedureCode',
  'line.modifiers',
  'line.units',
  'line.chargeCents',
  'line.serviceDate',
  'line.diagnosisCodes',
  'line.revenueCode',
  'line.priorAuthorization',
];

describe('CLAIM_DATA_FACTS', () => {
  it('holds the basic facts', () => {
    const names = CLAIM_DATA_FACTS.map((f) => f.name);
    expect(names.filter((n) => BASIC_NAMES.includes(n))).toEqual(BASIC_NAMES);
  });

  it('has unique names, scopes that match the names, one-sentence descriptions and no data source', () => {
    const names = new Set<string>();
    for (const f of CLAIM_DATA_FACTS) {
      expect(names.has(f.name)).toBe(false);
      names.add(f.name);
      expect(f.scope === 'line').toBe(f.name.startsWith('line.'));
      expect(f.description).toMatch(/^\S.*\.$/);
      expect(f.source).toBeUndefined();
    }
  });

  it('answers every fact on a clean claim with a value of its type', () => {
    const ctx = contextFixture();
    for (const f of CLAIM_DATA_FACTS) {
      const value = f.compute(ctx, f.scope === 'line' ? lineRef(ctx, 0) : null);
      if (value === null) continue;
      const kind = f.type === 'string[]' ? 'array' : f.type === 'date' ? 'string' : f.type;
      expect([f.name, Array.isArray(value) ? 'array' : typeof value]).toEqual([f.name, kind]);
    }
  });
});
