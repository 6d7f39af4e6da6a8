import { compareDob, isDobTypo } from '../patient-matching/dob-comparison.js';
import { compareMemberIds, isMemberIdTypo } from '../patient-matching/member-id-comparison.js';
import { compareNames } from '../patient-matching/name-comparison.js';
import { PAYERS } from './practice.js';
import { MemberIds, memberIdTypo, misspell, newPatient, SURNAMES, transposeDob } from './patients.js';
import { Rng } from './rng.js';

describe('synthetic patients and identity noise', () => {
  it('creates covered adults with unique member ids', () => {
    const rng = new Rng('patients');
    const ids = new MemberIds();
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const payer = PAYERS[i % PAYERS.length]!;
      const p = newPatient(rng, { key: `P${i}`, payer, coveredOn: '2026-01-15', memberIds: ids });
      const c = p.coverages[0]!;
      expect(c.start < '2026-01-15' && c.end === null).toBe(true);
      expect(seen.has(c.memberId)).toBe(false);
      seen.add(c.memberId);
      expect(p.dob < '2007-01-15').toBe(true);
    }
  });

  it('makes slips the patient matcher recognizes as slips of the same person', () => {
    const rng = new Rng('noise');
    for (const last of SURNAMES) {
      const typo = misspell(last, rng);
      expect(typo).not.toBe(last);
      const cmp = compareNames({ last, first: 'MARIA' }, { last: typo, first: 'MARIA' });
      expect({ last, typo, verdict: cmp.verdict === 'same' || cmp.verdict === 'similar' }).toEqual({
        last,
        typo,
        verdict: true,
      });
    }
    for (const dob of ['1958-03-12', '1990-11-30', '1975-07-07', '2001-01-01']) {
      const t = transposeDob(dob);
      if (t === null) continue;
      expect(isDobTypo(compareDob(dob, t).relation)).toBe(true);
    }
    const ids = new MemberIds();
    for (let i = 0; i < 100; i++) {
      const payer = PAYERS[i % PAYERS.length]!;
      const id = ids.next(payer, rng);
      const typo = memberIdTypo(id, rng);
      expect(typo).not.toBe(id);
      expect(isMemberIdTypo(compareMemberIds(id, typo).relation)).toBe(true);
    }
  });
});
