import type { ClaimContext } from '../claim-context.js';
import {
  ageInYears,
  CODING_FACTS,
  isEmBundlingProcedure,
  isEvaluationAndManagement,
} from './coding-facts.js';
import {
  claimFixture,
  contextFixture,
  diagnosesFixture,
  factValue,
  linesFixture,
  procedureFixture,
} from './testing/claim-fixture.js';

const v = (name: string, ctx: ClaimContext, line?: number) => factValue(CODING_FACTS, name, ctx, line);

describe('diagnosis validity', () => {
  it('lists headers, unknown and malformed codes with the code set message', () => {
    const ctx = contextFixture({
      claim: claimFixture({ diagnoses: diagnosesFixture('E11', 'J06.9', 'J06.99', '11E') }),
    });
    expect(v('claim.invalidDiagnosisCodes', ctx)).toEqual(['E11', 'J0699', '11E']);
    expect(v('claim.diagnosisCodeProblems', ctx)).toEqual([
      'E11 is an ICD-10-CM FY2026 header, not billable: a more specific code is required (date of service 2026-01-10)',
      'J06.99 is not in ICD-10-CM FY2026 (date of service 2026-01-10)',
      '"11E" cannot be an ICD-10-CM code (3 to 7 letters and digits: E11.9, C4A.0, QA0.0) (date of service 2026-01-10)',
    ]);
  });

  it('answers none for billable codes (the same empty list each time)', () => {
    const ctx = contextFixture();
    expect(v('claim.invalidDiagnosisCodes', ctx)).toEqual([]);
    expect(v('claim.diagnosisCodeProblems', ctx)).toEqual([]);
  });

  it('does not judge a date without a loaded code set', () => {
    const claim = claimFixture({
      diagnoses: diagnosesFixture('E11'),
      lines: linesFixture({ serviceDate: '2024-05-01' }),
    });
    expect(v('claim.invalidDiagnosisCodes', contextFixture({ claim }))).toEqual([]);
  });

  it('checks a diagnosis on the dates of the lines pointing at it', () => {
    const claim = claimFixture({
      diagnoses: diagnosesFixture('J06.9', 'E11'),
      lines: linesFixture(
        { serviceDate: '2024-05-01', diagnosisPointers: [2] },
        { serviceDate: '2026-01-10', diagnosisPointers: [1] },
      ),
    });
    // E11 is only used on a date with no code set: not judged.
    expect(v('claim.invalidDiagnosisCodes', contextFixture({ claim }))).toEqual([]);
  });

  it('flags ICD-9-CM qualifiers for dates from 2015-10-01', () => {
    const claim = claimFixture({
      diagnoses: [
        {
          qualifier: 'BK',
          code: '4019',
          order: 1,
          role: 'principal',
          presentOnAdmission: '',
          codeSystem: 'ICD-9-CM',
        },
      ],
    });
    const ctx = contextFixture({ claim });
    expect(v('claim.invalidDiagnosisCodes', ctx)).toEqual(['4019']);
    expect(v('claim.diagnosisCodeProblems', ctx)).toEqual([
      '4019 is sent as ICD-9-CM (qualifier BK); ICD-10-CM is required for dates of service from 2015-10-01',
    ]);
  });
});

describe('procedure codes and modifiers', () => {
  const claim = claimFixture({
    lines: linesFixture(
      { procedure: procedureFixture('99213', ['25', 'rt']) },
      { procedure: procedureFixture('9921') },
      { procedure: procedureFixture('J0000', ['ZZ', 'X', 'DA']) },
      { procedure: procedureFixture('J3301') },
      { procedure: null, revenueCode: '0450' },
      { procedure: procedureFixture('12345678901', [], 'N4') },
    ),
  });
  const ctx = contextFixture({ claim });

  it('gives the status of each line code', () => {
    expect([0, 1, 2, 3, 4, 5].map((i) => v('line.procedureCodeStatus', ctx, i))).toEqual([
      'format-only',
      'malformed',
      'unknown',
      'valid',
      'none',
      'not-checked',
    ]);
    expect(v('line.procedureCodeMessage', ctx, 2)).toBe(
      'J0000 is not a HCPCS Level II code in the 2026-01 release',
    );
    expect(v('line.procedureCodeMessage', ctx, 4)).toBe('');
    // Answered on the fast path: the sentence comes from the registry on demand.
    expect(v('line.procedureCodeMessage', ctx, 3)).toBe(
      'J3301 is a HCPCS Level II code in the 2026-01 release',
    );
    expect(v('line.procedureCodeMessage', ctx, 0)).toBe(
      '99213 has the cpt format; no licensed cpt list is loaded, so only the format was checked (format-only)',
    );
    expect(v('line.procedureCodeMessage', ctx, 5)).toBe(
      '12345678901 has product/service qualifier N4, which claimguard does not check',
    );
  });

  it('lists invalid modifiers (D-led ones are accepted: missing from the shipped table)', () => {
    expect(v('line.invalidModifiers', ctx, 0)).toEqual([]);
    expect(v('line.invalidModifiers', ctx, 2)).toEqual(['ZZ', 'X']);
    expect(v('line.modifierProblems', ctx, 2)).toEqual([
      'ZZ is not a HCPCS Level II modifier in the 2026-01 release',
      '"X" is not a modifier (two letters or digits)',
    ]);
  });
});

describe('E/M with a same-day procedure', () => {
  const claim = claimFixture({
    lines: linesFixture(
      { procedure: procedureFixture('99213') },
      { procedure: procedureFixture('20610', ['RT']) },
      { procedure: procedureFixture('96372') },
      { procedure: procedureFixture('20610'), serviceDate: '2026-01-11' },
      { procedure: procedureFixture('99214', ['25']), serviceDate: '2026-01-11' },
      { procedure: procedureFixture('85025') },
    ),
  });
  const ctx = contextFixture({ claim });

  it('finds the procedures of the same date for E/M lines only', () => {
    expect(v('line.isEvaluationAndManagement', ctx, 0)).toBe(true);
    expect(v('line.sameDayProcedureCodes', ctx, 0)).toEqual(['20610', '96372']);
    expect(v('line.hasSeparateEmModifier', ctx, 0)).toBe(false);
    expect(v('line.isEvaluationAndManagement', ctx, 1)).toBe(false);
    expect(v('line.sameDayProcedureCodes', ctx, 1)).toEqual([]);
    expect(v('line.sameDayProcedureCodes', ctx, 4)).toEqual(['20610']);
    expect(v('line.hasSeparateEmModifier', ctx, 4)).toBe(true);
  });

  it('knows the E/M and procedure families', () => {
    expect(['99202', '99215', '99221', '99239', '99285', '99397'].map(isEvaluationAndManagement)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['99201', '99291', '20610X', '9921', '36415'].map(isEvaluationAndManagement)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(
      ['10004', '69990', '96372', '96413', '85025', '99213', 'J3301', '36415', '36592'].map(
        isEmBundlingProcedure,
      ),
    ).toEqual([true, true, true, true, false, false, false, false, false]);
  });
});

describe('diagnosis pointers', () => {
  it('lists the pointers and those pointing nowhere', () => {
    const claim = claimFixture({
      diagnoses: diagnosesFixture('M17.11', 'M25.561'),
      lines: linesFixture({ diagnosisPointers: [1, 3, 2, 9] }, { diagnosisPointers: [] }),
    });
    const ctx = contextFixture({ claim });
    expect(v('line.diagnosisPointers', ctx, 0)).toEqual(['1', '3', '2', '9']);
    expect(v('line.danglingDiagnosisPointers', ctx, 0)).toEqual(['3', '9']);
    expect(v('line.diagnosisPointers', ctx, 1)).toEqual([]);
    expect(v('line.danglingDiagnosisPointers', ctx, 1)).toEqual([]);
  });
});

describe('patient sex and age', () => {
  it('uses the subscriber when there is no patient loop', () => {
    const ctx = contextFixture({
      claim: claimFixture({ diagnoses: diagnosesFixture('C61', 'N40.0', 'J06.9') }),
    });
    expect(v('claim.patientSex', ctx)).toBe('F');
    expect(v('claim.patientBirthDate', ctx)).toBe('1980-01-01');
    expect(v('claim.patientAgeYears', ctx)).toBe(46);
    expect(v('claim.sexConflictDiagnoses', ctx)).toEqual(['C61', 'N400']);
    expect(v('claim.sexConflictDetails', ctx)).toEqual([
      'C61: malignant neoplasm of male genital organs (C60-C63)',
      'N40.0: diseases of male genital organs (N40-N53)',
    ]);
  });

  it('uses the 2010CA patient when present', () => {
    const base = claimFixture({ diagnoses: diagnosesFixture('O80', 'Z38.00') });
    const claim = {
      ...base,
      patient: {
        relationshipCode: '19',
        lastName: 'TESTPATIENT',
        firstName: 'BETA',
        middleName: '',
        suffix: '',
        memberId: '',
        birthDate: '2026-01-05',
        sex: 'm',
        address: null,
        references: [],
      },
    };
    const ctx = contextFixture({ claim });
    expect(v('claim.patientSex', ctx)).toBe('M');
    expect(v('claim.patientAgeYears', ctx)).toBe(0);
    expect(v('claim.sexConflictDiagnoses', ctx)).toEqual(['O80']);
    expect(v('claim.sexConflictDetails', ctx)).toEqual([
      'O80: pregnancy, childbirth and the puerperium (O00-O9A)',
    ]);
    expect(v('claim.ageConflictDiagnoses', ctx)).toEqual(['O80']);
    expect(v('claim.ageConflictDetails', ctx)).toEqual([
      'O80: pregnancy, childbirth and the puerperium (O00-O9A), ages 9-64',
    ]);
  });

  it('finds newborn codes after age 0 and maternity codes outside 9-64', () => {
    const claim = claimFixture({ diagnoses: diagnosesFixture('Z38.00', 'P00.0', 'O80', 'Z3A.39') });
    const adult = contextFixture({ claim });
    expect(v('claim.ageConflictDiagnoses', adult)).toEqual(['Z3800', 'P000']);
    const old = contextFixture({
      claim: { ...claim, subscriber: { ...claim.subscriber, birthDate: '1961-01-10' } },
    });
    expect(v('claim.patientAgeYears', old)).toBe(65);
    expect(v('claim.ageConflictDiagnoses', old)).toEqual(['Z3800', 'P000', 'O80', 'Z3A39']);
  });

  it('does not judge unknown sex or age', () => {
    const claim = claimFixture({ diagnoses: diagnosesFixture('O80', 'C61', 'Z38.00') });
    const ctx = contextFixture({
      claim: { ...claim, subscriber: { ...claim.subscriber, sex: 'U', birthDate: null } },
    });
    expect(v('claim.patientSex', ctx)).toBe('U');
    expect(v('claim.patientBirthDate', ctx)).toBeNull();
    expect(v('claim.patientAgeYears', ctx)).toBeNull();
    expect(v('claim.sexConflictDiagnoses', ctx)).toEqual([]);
    expect(v('claim.ageConflictDiagnoses', ctx)).toEqual([]);
  });

  it('computes whole years', () => {
    expect(ageInYears('2025-01-10', '2026-01-09')).toBe(0);
    expect(ageInYears('2025-01-10', '2026-01-10')).toBe(1);
    expect(ageInYears('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageInYears('2024-02-29', '2025-03-01')).toBe(1);
    expect(ageInYears('2026-02-01', '2026-01-10')).toBeNull();
    expect(ageInYears(null, '2026-01-10')).toBeNull();
  });
});
