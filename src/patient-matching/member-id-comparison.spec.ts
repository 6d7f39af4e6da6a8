import {
  compareMemberIds,
  foldConfusables,
  isMemberIdTypo,
  MIN_TYPO_MEMBER_ID_LENGTH,
  type MemberIdRelation,
} from './member-id-comparison.js';

describe('compareMemberIds', () => {
  it.each<[string, string, MemberIdRelation]>([
    ['zzt-000 123', 'ZZT000123', 'same'],
    ['ZZT.000/123', 'zzt000123', 'same'],
    ['ZZT000123', 'ZZTO00123', 'confusable'],
    ['ZZTI00123', 'ZZT100123', 'confusable'],
    ['ZZT000123', 'ZZT000124', 'substitution'],
    ['ZZTO00123', 'ZZT000124', 'substitution'],
    ['ZZT000123', 'ZZT001023', 'transposition'],
    ['ZZT000123', 'ZZT00123', 'missing-character'],
    ['ZZT00123', 'ZZT000123', 'missing-character'],
    ['ZZT000123', 'XZZT000123', 'missing-character'],
    ['ZZT000123', 'ZZT000123-01', 'dependent-suffix'],
    ['W123456789 02', 'W123456789', 'dependent-suffix'],
    ['XYZ123456789', '123456789', 'prefix'],
    ['123456789', 'XY 123456789', 'prefix'],
    ['ZZT000123', 'ZZT000123AB', 'different'],
    ['ZZT000123', 'QQQ999888', 'different'],
    ['ZZT000123', 'ZZT000321', 'different'],
    ['ABC12', 'ABC13', 'different'],
    ['', 'ZZT000123', 'missing'],
    ['', '', 'missing'],
  ])('%s / %s → %s, both ways', (a, b, relation) => {
    expect(compareMemberIds(a, b).relation).toBe(relation);
    expect(compareMemberIds(b, a).relation).toBe(relation);
  });

  it('explains with the normalized ids', () => {
    expect(compareMemberIds('zzt-000 123', 'ZZT000123').reason).toBe(
      'member ids are the same after normalization',
    );
    expect(compareMemberIds('ZZT000123', 'ZZTO00123').reason).toBe(
      'member ids ZZT000123 and ZZTO00123 differ only by O/0 or I/1 confusion',
    );
    expect(compareMemberIds('ZZT000123', 'ZZT000123-01').reason).toBe(
      'member ids ZZT000123 and ZZT00012301 differ by a two-digit dependent suffix',
    );
    expect(compareMemberIds('ZZT000123', 'ZZT001023').reason).toBe(
      'member ids ZZT000123 and ZZT001023 differ by two swapped characters',
    );
    expect(compareMemberIds('', 'X').reason).toBe('no member id on one side');
    expect(compareMemberIds('', null).reason).toBe('no member id on either side');
  });

  it('does not call short ids typos of each other', () => {
    expect(MIN_TYPO_MEMBER_ID_LENGTH).toBe(6);
    expect(compareMemberIds('AB1234', 'AB1235').relation).toBe('substitution');
    expect(compareMemberIds('AB123', 'AB124').relation).toBe('different');
    expect(compareMemberIds('A12345', '12345').relation).toBe('different');
  });

  it('reads a prefix before folding (letters O and I are still letters)', () => {
    expect(compareMemberIds('OI123456', '123456').relation).toBe('prefix');
  });
});

describe('foldConfusables and isMemberIdTypo', () => {
  it('folds O to 0 and I to 1', () => {
    expect(foldConfusables('OIL0I')).toBe('01L01');
  });

  it('counts every slip as a typo, and nothing else', () => {
    expect(isMemberIdTypo('confusable')).toBe(true);
    expect(isMemberIdTypo('prefix')).toBe(true);
    expect(isMemberIdTypo('same')).toBe(false);
    expect(isMemberIdTypo('missing')).toBe(false);
    expect(isMemberIdTypo('different')).toBe(false);
  });
});
