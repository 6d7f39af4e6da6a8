import { activeClaim, decideSubmission, type PriorClaim, submissionKey } from './claim-submission.js';

const original: PriorClaim = { id: 'a', submission: 'original', supersededById: null };

describe('decideSubmission', () => {
  it('a first claim is an original', () => {
    expect(decideSubmission('1', [])).toEqual({
      submission: 'original',
      duplicateOfId: null,
      supersedes: null,
    });
  });

  it('an original received again is a duplicate of the active claim', () => {
    expect(decideSubmission('1', [original])).toEqual({
      submission: 'duplicate',
      duplicateOfId: 'a',
      supersedes: null,
    });
    expect(decideSubmission('', [original]).submission).toBe('duplicate');
    // A second repeat still points at the active claim, not at the first repeat.
    const repeat: PriorClaim = { id: 'b', submission: 'duplicate', supersededById: null };
    expect(decideSubmission('1', [original, repeat]).duplicateOfId).toBe('a');
  });

  it('frequency 7 replaces the active claim', () => {
    expect(decideSubmission('7', [original])).toEqual({
      submission: 'replacement',
      duplicateOfId: null,
      supersedes: { id: 'a', status: 'replaced' },
    });
    const replacement: PriorClaim = { id: 'b', submission: 'replacement', supersededById: null };
    const replaced = { ...original, supersededById: 'b' };
    expect(decideSubmission('7', [replaced, replacement]).supersedes).toEqual({
      id: 'b',
      status: 'replaced',
    });
  });

  it('frequency 8 voids the active claim', () => {
    expect(decideSubmission('8', [original])).toEqual({
      submission: 'void',
      duplicateOfId: null,
      supersedes: { id: 'a', status: 'voided' },
    });
  });

  it('a replacement or void with nothing to supersede is still recorded as such', () => {
    expect(decideSubmission('7', [])).toEqual({
      submission: 'replacement',
      duplicateOfId: null,
      supersedes: null,
    });
    expect(decideSubmission('8', []).supersedes).toBeNull();
  });

  it('after a void, an original starts over', () => {
    const voided = { ...original, supersededById: 'v' };
    const voiding: PriorClaim = { id: 'v', submission: 'void', supersededById: null };
    expect(decideSubmission('1', [voided, voiding]).submission).toBe('original');
  });

  it('interim and late-charge bills (2-5) are originals, never duplicates', () => {
    expect(decideSubmission('2', [original]).submission).toBe('original');
    expect(decideSubmission('5', [original]).submission).toBe('original');
  });
});

describe('activeClaim', () => {
  it('is the latest original or replacement not superseded', () => {
    const dup: PriorClaim = { id: 'd', submission: 'duplicate', supersededById: null };
    expect(activeClaim([original, dup])).toBe(original);
    expect(activeClaim([{ ...original, supersededById: 'x' }])).toBeNull();
  });
});

describe('submissionKey', () => {
  it('separates CLM01, billing NPI and payer', () => {
    expect(submissionKey('A', 'B', 'C')).not.toBe(submissionKey('AB', '', 'C'));
  });
});
