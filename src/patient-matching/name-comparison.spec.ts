import fc from 'fast-check';
import { nameTokens } from './identity-normalization.js';
import {
  compareNamePart,
  compareNames,
  jaroWinklerSimilarity,
  nameVerdict,
  type NameMethod,
  type NameVerdict,
  type PersonName,
} from './name-comparison.js';

const name = (last: string, first: string): PersonName => ({ last, first });

describe('compareNames', () => {
  it.each<[PersonName, PersonName, number, NameMethod, NameVerdict]>([
    [name('Smith', 'John'), name('SMITH', 'john'), 1, 'exact', 'same'],
    [name('Pérez', 'José'), name('Perez', 'Jose'), 1, 'exact', 'same'],
    [name('Smith Jr.', 'John'), name('Smith', 'John'), 1, 'exact', 'same'],
    [name("O'Brien", 'Pat'), name('OBrien', 'Pat'), 1, 'exact', 'same'],
    [name('Garcia Lopez', 'Maria'), name('Garcia-Lopez', 'Maria'), 1, 'exact', 'same'],
    [name('DeLaCruz', 'Ana'), name('de la Cruz', 'Ana'), 1, 'exact', 'same'],
    [name('Smith', 'Bill'), name('Smith', 'William'), 0.93, 'nickname', 'same'],
    [name('Jones', 'Peggy'), name('Jones', 'Margaret'), 0.93, 'nickname', 'same'],
    [name('Garcia-Lopez', 'Maria'), name('Garcia', 'Maria'), 0.95, 'hyphenated', 'same'],
    [name('Garcia-Lopez', 'Maria'), name('Lopez', 'Maria'), 0.95, 'hyphenated', 'same'],
    [name('Lopez Garcia', 'Maria'), name('Garcia-Lopez', 'Maria'), 0.95, 'hyphenated', 'same'],
    [name('Brown', 'Mary Ann'), name('Brown', 'Mary'), 0.95, 'hyphenated', 'same'],
    [name('Miller', 'Jonathon'), name('Miller', 'Jonathan'), 0.9583, 'jaro-winkler', 'same'],
    [name('Smyth', 'John'), name('Smith', 'John'), 0.8933, 'jaro-winkler', 'similar'],
    [name('Smith', 'John'), name('John', 'Smith'), 0.9, 'swapped', 'similar'],
    [name('Smith', 'J'), name('Smith', 'John'), 0.86, 'initial', 'similar'],
    [name('Smith', 'Jhon'), name('Smith', 'John'), 0.9, 'transposed', 'similar'],
    [name('Li', 'Wei'), name('Le', 'Wei'), 0, 'different', 'different'],
    [name('Chen', 'Wei'), name('Chan', 'Wei'), 0, 'different', 'different'],
    [name('Smith', 'John'), name('Smith', 'Mary'), 0, 'different', 'different'],
    [name('Johnson', 'Robert'), name('Jonson', 'Bob'), 0.8946, 'nickname', 'similar'],
    [name('Thompson', 'Elizabeth'), name('Thomson', 'Elisabeth'), 0.9107, 'nickname', 'similar'],
    [name('Smith', ''), name('Smith', 'John'), 0, 'missing', 'different'],
    [name('', ''), name('Smith', 'John'), 0, 'missing', 'different'],
  ])('%j / %j → %d %s %s, both ways', (a, b, score, method, verdict) => {
    const sut = compareNames(a, b);
    expect([sut.score, sut.method, sut.verdict]).toEqual([score, method, verdict]);
    const back = compareNames(b, a);
    expect([back.score, back.method, back.verdict]).toEqual([score, method, verdict]);
  });

  it('explains what differs, with the normalized names', () => {
    expect(compareNames(name('Smith', 'Bill'), name('Smith', 'William'))).toEqual({
      score: 0.93,
      method: 'nickname',
      verdict: 'same',
      reason: 'first names BILL and WILLIAM are nickname-equivalent',
      last: { score: 1, method: 'exact' },
      first: { score: 0.93, method: 'nickname' },
    });
    expect(compareNames(name('García-López', 'María'), name('Garcia', 'Maria')).reason).toBe(
      'last names GARCIA LOPEZ and GARCIA share a part, one has a part the other lacks',
    );
    expect(compareNames(name('Smith', 'John'), name('John', 'Smith'))).toEqual({
      score: 0.9,
      method: 'swapped',
      verdict: 'similar',
      reason: 'first and last names are swapped (last SMITH, first JOHN / last JOHN, first SMITH)',
      last: { score: 1, method: 'exact' },
      first: { score: 1, method: 'exact' },
    });
    expect(compareNames(name('Johnson', 'Robert'), name('Jonson', 'Bob')).reason).toBe(
      'last names JOHNSON and JONSON are spelled alike (Jaro-Winkler 0.9619); ' +
        'first names ROBERT and BOB are nickname-equivalent',
    );
    expect(compareNames(name('Li', 'Wei'), name('Le', 'Wei')).reason).toBe('last names LI and LE differ');
    expect(compareNames(name('Smith', 'J'), name('Smith', 'John')).reason).toBe(
      "first names J and JOHN: one is the other's initial",
    );
    expect(compareNames(name('Smith', 'Jhon'), name('Smith', 'John')).reason).toBe(
      'first names JHON and JOHN differ by two swapped letters',
    );
    expect(compareNames(name('Smith', ''), name('Smith', 'John')).reason).toBe(
      'first name missing on one side',
    );
    expect(compareNames(name('', ''), name('Smith', 'John')).reason).toBe('no name on one side');
    expect(compareNames(name('Smith', 'John'), name('SMITH', 'JOHN')).reason).toBe(
      'names are the same after normalization',
    );
  });

  it('does not call a swap when the crossed names are not near-exact', () => {
    const sut = compareNames(name('Smith', 'John'), name('Jones', 'Smyth'));
    expect([sut.score, sut.method]).toEqual([0, 'different']);
  });

  it('takes the weaker part as the method, the last name on a tie', () => {
    expect(compareNames(name('Smyth', 'Bill'), name('Smith', 'William')).method).toBe('jaro-winkler');
    expect(compareNames(name('Smyth', 'Bill'), name('Smith', 'William')).score).toBe(0.8308);
    expect(compareNames(name('Garcia-Lopez', 'Mary Ann'), name('Garcia', 'Mary')).method).toBe('hyphenated');
    expect(compareNames(name('Garcia-Lopez', 'Mary Ann'), name('Garcia', 'Mary')).score).toBe(0.9025);
  });

  it('is symmetric in score and method, and deterministic (property)', () => {
    const part = fc.oneof(
      fc.constantFrom(
        'Smith',
        'Smyth',
        'John',
        'Jon',
        'Bill',
        'William',
        'Garcia-Lopez',
        'Garcia',
        "O'Brien",
        'Li',
        'Le',
        'J',
        '',
      ),
      fc.string({ maxLength: 12 }),
    );
    const person = fc.record({ last: part, first: part });
    fc.assert(
      fc.property(person, person, (a, b) => {
        const ab = compareNames(a, b);
        const ba = compareNames(b, a);
        expect([ba.score, ba.method, ba.verdict]).toEqual([ab.score, ab.method, ab.verdict]);
        expect(compareNames(a, b)).toEqual(ab);
        expect(ab.score).toBeGreaterThanOrEqual(0);
        expect(ab.score).toBeLessThanOrEqual(1);
        expect(ab.verdict).toBe(nameVerdict(ab.score));
      }),
      { numRuns: 500 },
    );
  });

  it('finds every name with letters in both parts exact against itself (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (last, first) => {
        fc.pre(nameTokens(last).length > 0 && nameTokens(first).length > 0);
        const sut = compareNames(name(last, first), name(last, first));
        expect([sut.score, sut.method]).toEqual([1, 'exact']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('compareNamePart', () => {
  it('uses nicknames and initials for first names only', () => {
    expect(compareNamePart('Bill', 'William', 'first')).toEqual({ score: 0.93, method: 'nickname' });
    expect(compareNamePart('Bill', 'William', 'last')).toEqual({ score: 0, method: 'different' });
    expect(compareNamePart('J', 'John', 'first')).toEqual({ score: 0.86, method: 'initial' });
    expect(compareNamePart('J', 'John', 'last')).toEqual({ score: 0, method: 'different' });
  });

  it('trusts Jaro-Winkler from five letters on, and reports low scores as different', () => {
    expect(compareNamePart('Jonathon', 'Jonathan', 'first')).toEqual({
      score: 0.9583,
      method: 'jaro-winkler',
    });
    // A known limit of Jaro-Winkler: two different names one letter apart score as the same name.
    expect(compareNamePart('Martha', 'Marsha', 'first')).toEqual({ score: 0.9222, method: 'jaro-winkler' });
    expect(compareNamePart('Robertson', 'Richardson', 'last')).toEqual({
      score: 0.7167,
      method: 'different',
    });
    expect(compareNamePart('Kohl', 'Kolh', 'last')).toEqual({ score: 0.9, method: 'transposed' });
    expect(compareNamePart('Ross', 'Rose', 'last')).toEqual({ score: 0, method: 'different' });
  });
});

describe('jaroWinklerSimilarity', () => {
  it('rounds to 4 decimals and is symmetric', () => {
    expect(jaroWinklerSimilarity('JONATHON', 'JONATHAN')).toBe(0.9583);
    expect(jaroWinklerSimilarity('JONATHAN', 'JONATHON')).toBe(0.9583);
    expect(jaroWinklerSimilarity('SMITH', 'SMYTH')).toBe(0.8933);
    expect(jaroWinklerSimilarity('SAME', 'SAME')).toBe(1);
    expect(jaroWinklerSimilarity('', 'X')).toBe(0);
  });
});

describe('nameVerdict', () => {
  it('cuts at 0.92 and 0.85', () => {
    expect(nameVerdict(0.92)).toBe('same');
    expect(nameVerdict(0.9199)).toBe('similar');
    expect(nameVerdict(0.85)).toBe('similar');
    expect(nameVerdict(0.8499)).toBe('different');
  });
});
