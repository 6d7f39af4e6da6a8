import { areNicknameEquivalent, canonicalGivenNames, nicknamePairs } from './nicknames.js';

describe('nicknames', () => {
  it('maps nicknames to their canonical names', () => {
    expect(canonicalGivenNames('BILL')).toEqual(['WILLIAM']);
    expect(canonicalGivenNames('PEGGY')).toEqual(['MARGARET']);
    expect(canonicalGivenNames('WILLIAM')).toEqual(['WILLIAM']);
    expect(canonicalGivenNames('AL')).toEqual(['ALAN', 'ALBERT', 'ALEXANDER', 'ALFRED']);
    expect(canonicalGivenNames('KATHY')).toEqual(['KATHERINE', 'KATHLEEN']);
    expect(canonicalGivenNames('ZEPHYR')).toEqual(['ZEPHYR']);
  });

  it.each([
    ['BILL', 'WILLIAM'],
    ['WILL', 'BILLY'],
    ['LIAM', 'WILLIAM'],
    ['BOB', 'ROBERT'],
    ['ROBBIE', 'BOB'],
    ['PEGGY', 'MARGARET'],
    ['MAGGIE', 'MEG'],
    ['LIZ', 'ELIZABETH'],
    ['BETTY', 'BETH'],
    ['DICK', 'RICHARD'],
    ['JIM', 'JAMES'],
    ['KATE', 'CATHERINE'],
    ['KATHY', 'KATHRYN'],
    ['JACK', 'JOHN'],
    ['STEPHEN', 'STEVEN'],
    ['PEPE', 'JOSE'],
  ])('%s and %s are equivalent, both ways', (a, b) => {
    expect(areNicknameEquivalent(a, b)).toBe(true);
    expect(areNicknameEquivalent(b, a)).toBe(true);
  });

  it.each([
    ['WILLIAM', 'ROBERT'],
    ['ALEXANDER', 'SANDRA'],
    ['KATHERINE', 'KATHLEEN'],
    ['JOHN', 'JONATHAN'],
    ['BILL', ''],
  ])('%s and %s are not equivalent (no chaining through shared nicknames)', (a, b) => {
    expect(areNicknameEquivalent(a, b)).toBe(false);
    expect(areNicknameEquivalent(b, a)).toBe(false);
  });

  it('is reflexive for any name', () => {
    expect(areNicknameEquivalent('ZEPHYR', 'ZEPHYR')).toBe(true);
  });

  it('knows well over 150 pairs, each normalized and unique', () => {
    const sut = nicknamePairs();
    expect(sut.length).toBe(390);
    expect(sut.every(([variant, canonical]) => /^[A-Z]+$/.test(variant) && /^[A-Z]+$/.test(canonical))).toBe(
      true,
    );
    expect(new Set(sut.map(([v, c]) => `${v}/${c}`)).size).toBe(sut.length);
    expect(sut.every(([variant, canonical]) => variant !== canonical)).toBe(true);
    expect(sut[0]).toEqual(['ABBIE', 'ABIGAIL']);
  });
});
