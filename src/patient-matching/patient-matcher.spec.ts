import fc from 'fast-check';
import {
  LINK_SCORES,
  PatientIndex,
  type MatchCandidate,
  type MatchOutcome,
  type PatientIdentity,
  type PatientLink,
} from './patient-matcher.js';

function rec(
  ref: string,
  memberId: string,
  lastName: string,
  firstName: string,
  dob: string | null,
  payerId: string | null = null,
): MatchCandidate {
  return { ref, memberId, lastName, firstName, dob, payerId };
}

function claim(
  memberId: string,
  lastName: string,
  firstName: string,
  dob: string | null,
  payerId: string | null = null,
): PatientIdentity {
  return { memberId, lastName, firstName, dob, payerId };
}

/** The fields most assertions look at, in one line. */
function summary<R>(outcome: MatchOutcome<R>): Array<[R, string, number, string, string[]]> {
  return outcome.links.map((l: PatientLink<R>) => [
    l.ref,
    l.method,
    l.score,
    l.confidence,
    l.problems.map((p) => p.kind),
  ]);
}

describe('PatientIndex.match', () => {
  it('matches on normalized member id and date of birth, with no problem when the name is exact', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12', 'P1')]);
    expect(sut.match(claim('zzt-000 123', 'SMITH', 'john', '1980-03-12', 'p1'))).toEqual({
      links: [
        {
          ref: 'r1',
          method: 'member-id+dob',
          score: 1,
          confidence: 'match',
          problems: [],
          evidence: {
            memberId: 'same',
            dob: 'same',
            name: 'exact',
            nameScore: 1,
            nameVerdict: 'same',
            payer: 'same',
          },
        },
      ],
      problems: [],
    });
  });

  it('keeps a member id + dob match at 1.0 for a name variant, and reports the variant', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'William', '1980-03-12')]);
    const outcome = sut.match(claim('ZZT000123', 'Smith', 'Bill', '1980-03-12'));
    expect(summary(outcome)).toEqual([['r1', 'member-id+dob', 1, 'match', ['name-mismatch']]]);
    expect(outcome.links[0]!.problems[0]).toEqual({
      kind: 'name-mismatch',
      reason:
        "the claim's patient name differs from the record's: first names BILL and WILLIAM are nickname-equivalent",
      detail: { nameMethod: 'nickname', nameScore: 0.93, nameVerdict: 'same' },
    });
    const similar = sut.match(claim('ZZT000123', 'Smyth', 'William', '1980-03-12'));
    expect(summary(similar)).toEqual([['r1', 'member-id+dob', 1, 'match', ['name-mismatch']]]);
    expect(similar.links[0]!.problems[0]!.detail).toEqual({
      nameMethod: 'jaro-winkler',
      nameScore: 0.8933,
      nameVerdict: 'similar',
    });
  });

  it('flags member id + dob under a clearly different name as a probable wrong-patient link', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12')]);
    const outcome = sut.match(claim('ZZT000123', 'Brown', 'Mary', '1980-03-12'));
    expect(summary(outcome)).toEqual([['r1', 'member-id+dob', 0.8, 'probable', ['name-mismatch']]]);
    expect(outcome.links[0]!.problems[0]).toEqual({
      kind: 'name-mismatch',
      reason:
        'member id and date of birth match but the name is clearly different, possibly the wrong patient on the ' +
        'account: last names BROWN and SMITH differ; first names MARY and JOHN differ',
      detail: { nameMethod: 'different', nameScore: 0, nameVerdict: 'different' },
    });
    expect(outcome.problems).toEqual([]);
  });

  it('drops a same-id same-dob record with another name when the patient is linked under that id (twins)', () => {
    const sut = new PatientIndex([
      rec('t1', 'FAM123456', 'Nguyen', 'Anh', '2010-05-05'),
      rec('t2', 'FAM123456', 'Nguyen', 'Binh', '2010-05-05'),
      rec('m1', 'FAM123456', 'Nguyen', 'Lan', '1985-01-01'),
    ]);
    const outcome = sut.match(claim('FAM123456', 'Nguyen', 'Anh', '2010-05-05'));
    expect(summary(outcome)).toEqual([['t1', 'member-id+dob', 1, 'match', []]]);
    expect(outcome.problems).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['ZZTO00123', 'confusable', 'member ids ZZTO00123 and ZZT000123 differ only by O/0 or I/1 confusion'],
    ['ZZT000124', 'substitution', 'member ids ZZT000124 and ZZT000123 differ by one character'],
    ['ZZT001023', 'transposition', 'member ids ZZT001023 and ZZT000123 differ by two swapped characters'],
    ['ZZT00123', 'missing-character', 'member ids ZZT00123 and ZZT000123 differ by one missing character'],
    [
      'ZZT000123-01',
      'dependent-suffix',
      'member ids ZZT00012301 and ZZT000123 differ by a two-digit dependent suffix',
    ],
    ['XYZ-ZZT000123', 'different', ''],
  ])('links name + dob under member id %s as a member-id typo (%s)', (memberId, relation, memberIdReason) => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12')]);
    const outcome = sut.match(claim(memberId, 'Smith', 'John', '1980-03-12'));
    if (relation === 'different') {
      expect(summary(outcome)).toEqual([['r1', 'name+dob', 0.7, 'probable', ['member-id-mismatch']]]);
      return;
    }
    expect(summary(outcome)).toEqual([
      ['r1', 'member-id-typo+name+dob', 0.9, 'probable', ['member-id-typo']],
    ]);
    expect(outcome.links[0]!.problems[0]).toEqual({
      kind: 'member-id-typo',
      reason: `the claim's member id looks like a typing slip of the record's: ${memberIdReason}`,
      detail: {
        memberIdRelation: relation,
        memberId: memberId.replace('-', ''),
        recordMemberId: 'ZZT000123',
      },
    });
    expect(outcome.links[0]!.evidence.memberId).toBe(relation);
  });

  it('links member id + name with a date of birth typo', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12')]);
    const outcome = sut.match(claim('ZZT000123', 'Smith', 'John', '1980-03-21'));
    expect(summary(outcome)).toEqual([['r1', 'member-id+name+dob-typo', 0.9, 'probable', ['dob-mismatch']]]);
    expect(outcome.links[0]!.problems[0]).toEqual({
      kind: 'dob-mismatch',
      reason:
        "the claim's date of birth differs from the record's: dates of birth 1980-03-21 and 1980-03-12 differ by " +
        'two swapped digits in the day',
      detail: { dobRelation: 'transposed-digits', dob: '1980-03-21', recordDob: '1980-03-12' },
    });
    expect(summary(sut.match(claim('ZZT000123', 'Smith', 'John', '1980-12-03')))).toEqual([
      ['r1', 'member-id+name+dob-typo', 0.9, 'probable', ['dob-mismatch']],
    ]);
  });

  it('links member id + name when a date of birth is missing', () => {
    const sut = new PatientIndex([
      rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12'),
      rec('r2', 'ABC999888', 'Brown', 'Mary', null),
    ]);
    const noClaimDob = sut.match(claim('ZZT000123', 'Smith', 'John', null));
    expect(summary(noClaimDob)).toEqual([['r1', 'member-id+name', 0.85, 'probable', ['dob-missing']]]);
    expect(noClaimDob.links[0]!.problems[0]).toEqual({
      kind: 'dob-missing',
      reason: 'the claim has no date of birth, so member id and name alone link it',
      detail: { side: 'claim' },
    });
    expect(
      sut.match(claim('ABC999888', 'Brown', 'Mary', '1990-01-01')).links[0]!.problems[0]!.detail,
    ).toEqual({
      side: 'record',
    });
    expect(sut.match(claim('ABC999888', 'Brown', 'Mary', null)).links[0]!.problems[0]!.reason).toBe(
      'neither the claim nor the record has a date of birth',
    );
  });

  it('links member id + name under an entirely different date of birth, lower', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12')]);
    expect(summary(sut.match(claim('ZZT000123', 'Smith', 'John', '1991-07-30')))).toEqual([
      ['r1', 'member-id+name', 0.75, 'probable', ['dob-mismatch']],
    ]);
    expect(summary(sut.match(claim('ZZT000123', 'Smyth', 'John', '1991-07-30')))).toEqual([
      ['r1', 'member-id+name', 0.7, 'probable', ['dob-mismatch', 'name-mismatch']],
    ]);
  });

  it('links name + dob under another member id, lower again for a similar name', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Garcia-Lopez', 'Maria', '1975-07-04')]);
    const outcome = sut.match(claim('QQQ555666', 'Garcia', 'Maria', '1975-07-04'));
    expect(summary(outcome)).toEqual([
      ['r1', 'name+dob', 0.7, 'probable', ['member-id-mismatch', 'name-mismatch']],
    ]);
    expect(outcome.links[0]!.problems[0]).toEqual({
      kind: 'member-id-mismatch',
      reason:
        "name and date of birth match, but the claim's member id QQQ555666 is not the record's ZZT000123",
      detail: { memberIdRelation: 'different', memberId: 'QQQ555666', recordMemberId: 'ZZT000123' },
    });
    expect(summary(sut.match(claim('QQQ555666', 'Garsia-Lopes', 'Maria', '1975-07-04')))).toEqual([
      ['r1', 'name+dob', 0.65, 'probable', ['member-id-mismatch', 'name-mismatch']],
    ]);
    expect(sut.match(claim('', 'Garcia-Lopez', 'Maria', '1975-07-04')).links[0]!.problems).toEqual([
      {
        kind: 'member-id-mismatch',
        reason: 'name and date of birth match, but the claim has no member id',
        detail: { memberIdRelation: 'missing', memberId: '', recordMemberId: 'ZZT000123' },
      },
    ]);
  });

  it('finds name + dob candidates through swapped names, nicknames and accents', () => {
    const sut = new PatientIndex([
      rec('r1', 'A00000001', 'Smith', 'John', '1980-03-12'),
      rec('r2', 'A00000002', 'Cowalski', 'William', '1966-11-02'),
      rec('r3', 'A00000003', 'Pérez', 'José', '1950-01-31'),
      rec('r4', 'A00000004', "O'Brien", 'Patrick', '1944-09-09'),
    ]);
    expect(summary(sut.match(claim('B1', 'John', 'Smith', '1980-03-12')))).toEqual([
      ['r1', 'name+dob', 0.65, 'probable', ['member-id-mismatch', 'name-mismatch']],
    ]);
    // Only the canonical first name (WILLIAM) is a shared key: last names differ in their first letter.
    expect(summary(sut.match(claim('B2', 'Kowalski', 'Bill', '1966-11-02')))).toEqual([
      ['r2', 'name+dob', 0.65, 'probable', ['member-id-mismatch', 'name-mismatch']],
    ]);
    expect(summary(sut.match(claim('B3', 'PEREZ', 'JOSE', '1950-01-31')))).toEqual([
      ['r3', 'name+dob', 0.7, 'probable', ['member-id-mismatch']],
    ]);
    expect(summary(sut.match(claim('B4', 'OBRIEN', 'PATRICK', '1944-09-09')))).toEqual([
      ['r4', 'name+dob', 0.7, 'probable', ['member-id-mismatch']],
    ]);
  });

  it('does not link name + dob without a shared name key (typos in the first letters of both names)', () => {
    const sut = new PatientIndex([rec('r1', 'A00000001', 'Smith', 'John', '1980-03-12')]);
    expect(sut.match(claim('B1', 'Xmith', 'Xohn', '1980-03-12')).links).toEqual([]);
  });

  it('does not link name + dob with a date of birth typo and another member id', () => {
    const sut = new PatientIndex([rec('r1', 'A00000001', 'Smith', 'John', '1980-03-12')]);
    expect(sut.match(claim('B1', 'Smith', 'John', '1980-03-21')).links).toEqual([]);
  });

  it('lowers a link to a record under another payer and never calls it a match', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12', 'BCBS')]);
    const outcome = sut.match(claim('ZZT000123', 'Smith', 'John', '1980-03-12', 'AETNA'));
    expect(summary(outcome)).toEqual([['r1', 'member-id+dob', 0.9, 'probable', ['payer-mismatch']]]);
    expect(outcome.links[0]!.problems[0]).toEqual({
      kind: 'payer-mismatch',
      reason: 'the record is under payer BCBS, the claim under payer AETNA',
      detail: { payerId: 'AETNA', recordPayerId: 'BCBS' },
    });
    expect(sut.match(claim('ZZT000123', 'Smith', 'John', '1980-03-12')).links[0]!.confidence).toBe('match');
  });

  it('reports a missing patient', () => {
    const sut = new PatientIndex([rec('r1', 'ZZT000123', 'Smith', 'John', '1980-03-12')]);
    expect(sut.match(claim('NOPE00001', 'Doe', 'Jane', '1999-09-09'))).toEqual({
      links: [],
      problems: [
        {
          kind: 'missing-patient',
          reason: 'no record matches the patient by member id, or by name and date of birth',
        },
      ],
    });
    expect(new PatientIndex([]).match(claim('', '', '', null)).problems.map((p) => p.kind)).toEqual([
      'missing-patient',
    ]);
  });

  it('reports a member id that belongs to other people, unless the patient is linked through it', () => {
    const sut = new PatientIndex([
      rec('m1', 'FAM123456', 'Nguyen', 'Lan', '1985-01-01'),
      rec('m2', 'FAM123456', 'Nguyen', 'Lan', '1985-01-01'),
      rec('k1', 'FAM123456', 'Nguyen', 'Anh', '2010-05-05'),
      rec('k9', 'KID000009', 'Tran', 'Bao', '2012-02-02'),
    ]);
    expect(sut.match(claim('FAM123456', 'Nguyen', 'Chi', '2012-01-01'))).toEqual({
      links: [],
      problems: [
        {
          kind: 'missing-patient',
          reason: 'no record matches the patient by member id, or by name and date of birth',
        },
        {
          kind: 'member-id-collision',
          reason:
            'the member id FAM123456 belongs to 2 other people on file (another name, and not the same date of ' +
            'birth): a family member sharing the id, or the wrong id',
          detail: { memberId: 'FAM123456', personCount: 2 },
          refs: ['k1', 'm1', 'm2'],
        },
      ],
    });
    // The subscriber's id on a dependent's claim: linked by name + dob, and the collision says whose id it is.
    const wrongId = sut.match(claim('FAM123456', 'Tran', 'Bao', '2012-02-02'));
    expect(summary(wrongId)).toEqual([['k9', 'name+dob', 0.7, 'probable', ['member-id-mismatch']]]);
    expect(wrongId.problems.map((p) => [p.kind, p.refs])).toEqual([
      ['member-id-collision', ['k1', 'm1', 'm2']],
    ]);
    // Linked through the member id: the others under it are family, not a problem.
    expect(sut.match(claim('FAM123456', 'Nguyen', 'Anh', '2010-05-05')).problems).toEqual([]);
  });

  it('reports an ambiguous match when different people tie at the top', () => {
    const sut = new PatientIndex([
      rec('a', 'ID0000001', 'Smith', 'William', '1980-03-12'),
      rec('b', 'ID0000002', 'Smith', 'Bill', '1980-03-12'),
      rec('c', 'ID0000003', 'Smyth', 'William', '1980-03-12'),
    ]);
    const outcome = sut.match(claim('ID9999999', 'Smith', 'William', '1980-03-12'));
    expect(summary(outcome)).toEqual([
      ['a', 'name+dob', 0.7, 'probable', ['member-id-mismatch']],
      ['b', 'name+dob', 0.7, 'probable', ['member-id-mismatch', 'name-mismatch']],
      ['c', 'name+dob', 0.65, 'probable', ['member-id-mismatch', 'name-mismatch']],
    ]);
    expect(outcome.problems).toEqual([
      {
        kind: 'ambiguous-match',
        reason: '2 different people match the patient equally well (score 0.7)',
        detail: { personCount: 2, score: 0.7 },
        refs: ['a', 'b'],
      },
    ]);
  });

  it('never calls several records of one person ambiguous (coverage spans, documents)', () => {
    const sut = new PatientIndex([
      rec('span-2', 'ZZT000123', 'Smith', 'John', '1980-03-12', 'P1'),
      rec('span-1', 'ZZT-000-123', 'SMITH', 'JOHN', '1980-03-12', 'P1'),
      rec('fhir-1', 'zzt000123', 'Smith', 'John', '1980-03-12', null),
    ]);
    const outcome = sut.match(claim('ZZT000123', 'Smith', 'John', '1980-03-12', 'P1'));
    expect(summary(outcome)).toEqual([
      ['fhir-1', 'member-id+dob', 1, 'match', []],
      ['span-1', 'member-id+dob', 1, 'match', []],
      ['span-2', 'member-id+dob', 1, 'match', []],
    ]);
    expect(outcome.problems).toEqual([]);
  });

  it('orders links by score, then ref (numbers numerically by default, or by a given comparator)', () => {
    const candidates: MatchCandidate<number>[] = [
      { ref: 10, memberId: 'ZZT000123', lastName: 'Smith', firstName: 'John', dob: '1980-03-12' },
      { ref: 9, memberId: 'ZZT000123', lastName: 'Smith', firstName: 'John', dob: '1980-03-12' },
      { ref: 2, memberId: 'OTHER0001', lastName: 'Smith', firstName: 'John', dob: '1980-03-12' },
      { ref: 100, memberId: 'ZZT000123', lastName: 'Smith', firstName: 'John', dob: '1980-03-21' },
    ];
    const query = claim('ZZT000123', 'Smith', 'John', '1980-03-12');
    expect(new PatientIndex(candidates).match(query).links.map((l) => [l.ref, l.score])).toEqual([
      [9, 1],
      [10, 1],
      [100, 0.9],
      [2, 0.7],
    ]);
    const reversed = new PatientIndex(candidates, { compareRefs: (a, b) => b - a });
    expect(reversed.match(query).links.map((l) => l.ref)).toEqual([10, 9, 100, 2]);
  });

  it('exposes its score table', () => {
    expect(LINK_SCORES).toEqual({
      memberIdDob: 1,
      memberIdTypoNameDob: 0.9,
      memberIdNameDobTypo: 0.9,
      memberIdNameDobMissing: 0.85,
      memberIdDobNameDifferent: 0.8,
      memberIdNameDobDifferent: 0.75,
      nameDob: 0.7,
    });
  });

  describe('properties', () => {
    const ids = ['ZZT000123', 'ZZT-000-123', 'ZZTO00123', 'ZZT000124', 'ABC555666', ''];
    const lasts = ['Smith', 'Smyth', 'SMITH', 'Garcia-Lopez', 'Garcia', 'John', ''];
    const firsts = ['John', 'Jon', 'Bill', 'William', 'Smith', 'J', ''];
    const dobs = ['1980-03-12', '1980-03-21', '1980-12-03', '1991-01-01', null];
    const payers = ['P1', 'P2', null];
    const identity = fc.record({
      memberId: fc.constantFrom(...ids),
      lastName: fc.constantFrom(...lasts),
      firstName: fc.constantFrom(...firsts),
      dob: fc.constantFrom(...dobs),
      payerId: fc.constantFrom(...payers),
    });

    it('gives the same outcome whatever the candidates order, every time', () => {
      const scenario = fc
        .array(identity, { maxLength: 25 })
        .map((list) => list.map((c, i): MatchCandidate => ({ ...c, ref: `r${String(i).padStart(2, '0')}` })))
        .chain((list) =>
          fc.tuple(
            fc.constant(list),
            fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
            identity,
          ),
        );
      fc.assert(
        fc.property(scenario, ([list, shuffled, query]) => {
          const a = new PatientIndex(list);
          const b = new PatientIndex(shuffled);
          const outcome = a.match(query);
          expect(b.match(query)).toEqual(outcome);
          expect(a.match(query)).toEqual(outcome);
          expect(b.duplicates()).toEqual(a.duplicates());
          const scores = outcome.links.map((l) => l.score);
          expect(scores).toEqual([...scores].sort((x, y) => y - x));
          expect(outcome.links.length === 0).toBe(outcome.problems.some((p) => p.kind === 'missing-patient'));
        }),
        { numRuns: 300 },
      );
    });

    it('links two identities with the same score whichever is the claim', () => {
      fc.assert(
        fc.property(identity, identity, (x, y) => {
          const xy = new PatientIndex([{ ...y, ref: 'y' }]).match(x).links;
          const yx = new PatientIndex([{ ...x, ref: 'x' }]).match(y).links;
          expect(yx.map((l) => [l.method, l.score, l.confidence])).toEqual(
            xy.map((l) => [l.method, l.score, l.confidence]),
          );
        }),
        { numRuns: 500 },
      );
    });
  });

  it('scales: twenty thousand claims against twenty thousand records without scanning', () => {
    // Deterministic pseudo-random roster: syllable names, dates of birth over 80 years.
    let seed = 42;
    const next = (n: number): number => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const syllables = [
      'an',
      'ber',
      'cor',
      'del',
      'es',
      'fin',
      'gar',
      'hol',
      'ia',
      'jor',
      'ka',
      'lin',
      'mor',
      'ne',
    ];
    const word = (parts: number): string => Array.from({ length: parts }, () => syllables[next(14)]).join('');
    const count = 20_000;
    const candidates: MatchCandidate<number>[] = [];
    for (let i = 0; i < count; i++) {
      const dob = new Date(Date.UTC(1930, 0, 1) + next(29_200) * 86_400_000).toISOString().slice(0, 10);
      candidates.push({
        ref: i,
        memberId: `M${String(i).padStart(8, '0')}`,
        lastName: word(3),
        firstName: word(2),
        dob,
      });
    }
    const sut = new PatientIndex(candidates);
    let matched = 0;
    for (const c of candidates) if (sut.match(c).links[0]?.ref === c.ref) matched++;
    expect(matched).toBe(count);
    // The same claims under unknown member ids still find their records by name and date of birth.
    let found = 0;
    for (const c of candidates)
      if (sut.match({ ...c, memberId: 'UNKNOWN00' }).links.some((l) => l.ref === c.ref)) found++;
    expect(found).toBe(count);
  }, 30_000);
});

describe('PatientIndex.duplicates', () => {
  it('groups one person under several member ids, per payer, on exact normalized names', () => {
    const sut = new PatientIndex([
      rec('r1', 'ZZT000123', 'Garcia-López', 'José', '1975-07-04', 'P1'),
      rec('r2', 'ZZT-000-999', 'GARCIA LOPEZ', 'JOSE', '1975-07-04', 'P1'),
      rec('r3', 'ZZT000123', 'Garcia Lopez', 'Jose', '1975-07-04', 'P1'),
      rec('r4', 'MCR0000001', 'Garcia-Lopez', 'Jose', '1975-07-04', 'P2'),
      rec('r5', 'ABC000001', 'Smith', 'William', '1980-03-12', 'P1'),
      rec('r6', 'ABC000002', 'Smith', 'Bill', '1980-03-12', 'P1'),
      rec('r7', 'NODOB0001', 'Brown', 'Mary', null, 'P1'),
      rec('r8', 'NODOB0002', 'Brown', 'Mary', null, 'P1'),
      rec('r9', 'SAME00001', 'Jones', 'Ann', '1960-06-06'),
      rec('r10', 'SAME00001', 'Jones', 'Ann', '1960-06-06'),
      rec('r11', '', 'Jones', 'Ann', '1960-06-06'),
    ]);
    expect(sut.duplicates()).toEqual([
      {
        kind: 'duplicate-record',
        reason:
          '3 records share the name and date of birth under 2 different member ids (ZZT000123, ZZT000999)',
        detail: { recordCount: 3, memberIdCount: 2 },
        refs: ['r1', 'r2', 'r3'],
        memberIds: ['ZZT000123', 'ZZT000999'],
      },
    ]);
    expect(sut.duplicates()).toBe(sut.duplicates());
  });

  it('sorts groups by their first ref', () => {
    const sut = new PatientIndex([
      rec('z1', 'A1000000', 'Zed', 'Zoe', '2000-01-01'),
      rec('b2', 'B2000000', 'Bee', 'Bo', '2000-01-01'),
      rec('a9', 'A9000000', 'Zed', 'Zoe', '2000-01-01'),
      rec('b1', 'B1000000', 'Bee', 'Bo', '2000-01-01'),
    ]);
    expect(sut.duplicates().map((g) => g.refs)).toEqual([
      ['a9', 'z1'],
      ['b1', 'b2'],
    ]);
  });
});
