import { dateIn } from './job-types.js';

describe('dateIn', () => {
  it('answers the calendar date in the zone, not the UTC date', () => {
    const at = new Date('2026-11-27T03:30:00Z');
    expect(dateIn('UTC', at)).toBe('2026-11-27');
    expect(dateIn('America/Chicago', at)).toBe('2026-11-26');
    expect(dateIn('Asia/Tokyo', new Date('2026-12-31T15:00:00Z'))).toBe('2027-01-01');
  });
});
