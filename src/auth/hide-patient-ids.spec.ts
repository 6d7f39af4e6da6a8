import { withoutPatientIds } from './hide-patient-ids.js';

describe('withoutPatientIds', () => {
  it('drops identifying fields at any depth and keeps the rest', () => {
    const answer = {
      items: [
        {
          claimId: 'c1',
          patientControlNumber: 'PCN1',
          chargeCents: 100,
          nested: { memberId: 'M1', payerId: 'P' },
        },
      ],
      nextCursor: null,
      total: { patientName: 'X', count: 1 },
    };
    expect(withoutPatientIds(answer)).toEqual({
      items: [{ claimId: 'c1', chargeCents: 100, nested: { payerId: 'P' } }],
      nextCursor: null,
      total: { count: 1 },
    });
    // the input is not changed
    expect(answer.items[0]!.patientControlNumber).toBe('PCN1');
  });
});
