import { maskPhi } from './phi-mask.js';

/** An X12 segment from its id and elements. */
const seg = (...el: string[]) => `${el.join('*')}~`;

describe('maskPhi', () => {
  it('masks a patient NM1: names and member id, keeping the entity, type and qualifier', () => {
    expect(maskPhi(seg('NM1', 'IL', '1', 'DOE', 'JOHN', 'Q', '', '', 'MI', 'W123456789'))).toBe(
      seg('NM1', 'IL', '1', '***', '***', '***', '', '', 'MI', '***'),
    );
  });

  it('masks names of persons only; an organisation NM1 and provider ids stay readable', () => {
    expect(maskPhi('NM1*PR*2*ACME HEALTH*****PI*60054~')).toBe('NM1*PR*2*ACME HEALTH*****PI*60054~');
    expect(maskPhi('NM1*85*2*GOOD CLINIC*****XX*1234567893~')).toBe(
      'NM1*85*2*GOOD CLINIC*****XX*1234567893~',
    );
    expect(maskPhi(seg('NM1', 'QC', '1', 'ROE', 'JANE', '', '', '', 'MI', 'ABC99'))).toBe(
      seg('NM1', 'QC', '1', '***', '***', '', '', '', 'MI', '***'),
    );
  });

  it('masks member ids in REF segments, dates of birth in DMG and addresses in N3 and N4 (city, ZIP)', () => {
    expect(maskPhi('REF*1W*W987654321~REF*SY*123456789~REF*G1*AUTH42~')).toBe(
      seg('REF', '1W', '***') + seg('REF', 'SY', '***') + seg('REF', 'G1', 'AUTH42'),
    );
    expect(maskPhi('DMG*D8*19800214*F~')).toBe(seg('DMG', 'D8', '***', 'F'));
    expect(maskPhi('N3*12 MAIN ST*APT 4~N4*SPRINGFIELD*IL*62701~')).toBe(
      seg('N3', '***', '***') + seg('N4', '***', 'IL', '***'),
    );
  });

  it('works on a whole interchange with another element separator and newline terminators', () => {
    const x12 = ['NM1|IL|1|SMITH|ANNA||||MI|M0001', 'DMG|D8|19751231|F', 'CLM|PCN1|125.00'].join('\n');
    const masked = maskPhi(x12);
    expect(masked).not.toMatch(/SMITH|ANNA|M0001|19751231/);
    expect(masked).toContain('CLM|***|125.00');
    expect(maskPhi('N4*SPRINGFIELD*IL*62704~')).toBe('N4****∗IL****~'.replace('∗', '*'));
    expect(maskPhi('{"patientControlNumber":"PCN9","chargeCents":100}')).toBe(
      '{"patientControlNumber":"***","chargeCents":100}',
    );
  });

  it('masks PHI keys in JSON, in escaped JSON and in key=value text, whatever the spelling', () => {
    const json = JSON.stringify({
      memberId: 'W1',
      subscriber_member_id: 'W2',
      patientDob: '1980-01-01',
      birthDate: '1981-02-02',
      firstName: 'Ann',
      lastName: 'Lee',
      patient_last_name: 'Lee',
      name: 'Ann Lee',
      given: ['Ann', 'B'],
      family: 'Lee',
      payerId: 'P1',
      chargeCents: 100,
      dob: null,
    });
    const masked = maskPhi(json);
    expect(JSON.parse(masked)).toEqual({
      memberId: '***',
      subscriber_member_id: '***',
      patientDob: '***',
      birthDate: '***',
      firstName: '***',
      lastName: '***',
      patient_last_name: '***',
      name: '***',
      given: ['***'],
      family: '***',
      payerId: 'P1',
      chargeCents: 100,
      dob: null,
    });
    expect(maskPhi(JSON.stringify({ inner: json }))).not.toMatch(/W1|W2|1980|Ann|Lee/);
    expect(maskPhi("{ memberId: 'W1', dob: '1980-01-01' }")).toBe("{ memberId: '***', dob: '***' }");
    expect(maskPhi('GET /x?memberId=W1&lastName=Lee&payerId=P1')).toBe(
      'GET /x?memberId=***&lastName=***&payerId=P1',
    );
  });

  it('masks FHIR names inside arrays of objects key by key', () => {
    const text = JSON.stringify({ name: [{ family: 'Lee', given: ['Ann'] }], birthDate: '1980-01-01' });
    expect(JSON.parse(maskPhi(text))).toEqual({
      name: [{ family: '***', given: ['***'] }],
      birthDate: '***',
    });
  });

  it('masks dates of birth and social security numbers in plain words', () => {
    expect(maskPhi('patient DOB 1980-01-01 not on roster')).toBe('patient DOB *** not on roster');
    expect(maskPhi('date of birth: 02/14/1980')).toBe('date of birth: ***');
    expect(maskPhi('ssn 123-45-6789 found')).toBe('ssn ***-**-**** found');
  });

  it('leaves text without PHI alone: codes, amounts, usernames, file names', () => {
    const text =
      'claim 0192 line 2: CPT 99213 modifier 25 billed $125.00 on 2026-01-15 by username=jdoe fileName=a.x12 NPI 1234567893';
    expect(maskPhi(text)).toBe(text);
    expect(maskPhi('')).toBe('');
  });
});
