import { DEFAULT_RULES_DIR, loadRuleEnvironment, type RuleEnvironment } from './context-builder.js';
import { buildCase, buildCaseContext, CaseError, dollarsToCents } from './case-builder.js';

let env: RuleEnvironment;
beforeAll(() => {
  env = loadRuleEnvironment(DEFAULT_RULES_DIR, { operatorTablesDir: null });
});

describe('buildCaseContext defaults', () => {
  it('builds a clean professional claim whose totals balance', () => {
    const ctx = buildCaseContext({}, env);
    const c = ctx.claim;
    expect(ctx.claimId).toBe('TEST-1');
    expect(ctx.asOf).toBe('2026-01-20');
    expect(c.claimType).toBe('professional');
    expect(c.payer.id).toBe('TESTPAYER');
    expect(c.patientControlNumber).toBe('TEST-1');
    expect(c.frequencyCode).toBe('1');
    expect(c.facilityCode).toBe('11');
    expect(c.facilityCodeQualifier).toBe('B');
    expect(c.subscriber).toMatchObject({
      payerResponsibility: 'P',
      relationshipCode: '18',
      memberId: 'TESTMEM001',
      lastName: 'TESTPATIENT',
      firstName: 'ALPHA',
      birthDate: '1980-01-01',
      sex: 'F',
    });
    expect(c.patient).toBeNull();
    expect(c.diagnoses).toEqual([
      {
        qualifier: 'ABK',
        code: 'J069',
        order: 1,
        role: 'principal',
        presentOnAdmission: '',
        codeSystem: 'ICD-10-CM',
      },
    ]);
    expect(c.lines).toHaveLength(1);
    expect(c.lines[0]).toMatchObject({
      lineNumber: 1,
      procedure: { qualifier: 'HC', code: '99213', modifiers: [], description: '' },
      charge: 10000,
      units: 1,
      unitBasis: 'UN',
      diagnosisPointers: [1],
      serviceDate: '2026-01-10',
      serviceDateEnd: '2026-01-10',
    });
    expect(c.totalCharge).toBe(10000);
    expect(c.totalCharge).toBe(c.lines.reduce((s, l) => s + l.charge, 0));
    expect(c.serviceDateFrom).toBe('2026-01-10');
    expect(c.serviceDateTo).toBe('2026-01-10');
    expect(c.billingProvider?.npi).toBe('1234567893');
    expect(c.billingProvider?.taxonomy).toBe('207Q00000X');
    expect(c.renderingProvider?.npi).toBe('1234567893');
    expect(c.referringProvider).toBeNull();
    expect(c.priorAuthorization).toBe('');
    expect(c.transaction.creationDate).toBe('2026-01-20');
    expect(ctx.payer.payerIds).toEqual(['TESTPAYER']);
    expect(ctx.payer.timelyFilingDays).toBe(90);
  });

  it('links default coverage and documentation; 99213 needs no authorization; a contract rate exists', () => {
    const ctx = buildCaseContext({}, env);
    expect(ctx.sources).toEqual({
      documentation: true,
      authorizations: false,
      eligibility: true,
      contracts: true,
    });
    expect(ctx.coverage).toHaveLength(1);
    expect(ctx.coverage[0]).toMatchObject({
      method: 'member-id+dob',
      score: 1,
      confidence: 'match',
      problems: [],
    });
    expect(ctx.coverage[0]!.record).toMatchObject({
      payerId: 'TESTPAYER',
      memberId: 'TESTMEM001',
      coverageStart: '2026-01-01',
      coverageEnd: null,
      coverageStatus: 'active',
    });
    expect(ctx.documentation).toHaveLength(1);
    expect(ctx.documentation[0]!.record).toMatchObject({
      serviceDate: '2026-01-10',
      diagnosisCodes: ['J069'],
      procedureCodes: ['99213'],
      signed: true,
      authorNpi: '1234567893',
    });
    expect(ctx.authorizations).toEqual([]);
    expect(ctx.identityProblems).toEqual([]);
    expect(ctx.duplicateRecords).toEqual([]);
    expect(ctx.contractRates('99213').map((r) => [r.allowedCents, r.modifier, r.effectiveStart])).toEqual([
      [10000, '', '2026-01-01'],
    ]);
    expect(ctx.history).toEqual([]);
    expect(env.lexicon.findInText(ctx.documentation[0]!.record.text)).toEqual([]);
  });

  it('authorizes every line whose code the payer requires, and quotes it on REF G1', () => {
    const ctx = buildCaseContext(
      {
        claim: {
          lines: [{ code: '73721', charge: '850.00' }, { code: '97110', units: 4, charge: '160.00' }, {}],
        },
      },
      env,
    );
    expect(ctx.claim.priorAuthorization).toBe('TESTAUTH001');
    expect(ctx.claim.references).toEqual([{ qualifier: 'G1', value: 'TESTAUTH001' }]);
    expect(ctx.claim.totalCharge).toBe(85000 + 16000 + 10000);
    expect(ctx.sources.authorizations).toBe(true);
    expect(
      ctx.authorizations.map((a) => [
        a.record.procedureCode,
        a.record.unitsApproved,
        a.record.startDate,
        a.record.endDate,
        a.record.status,
      ]),
    ).toEqual([
      ['73721', 1, '2026-01-10', '2026-04-10', 'approved'],
      ['97110', 4, '2026-01-10', '2026-04-10', 'approved'],
    ]);
    expect(ctx.authorizationsByNumber(' testauth001 ')).toHaveLength(2);
    expect(ctx.contractRates('97110')[0]!.allowedCents).toBe(4000);
    expect(ctx.documentation[0]!.record.procedureCodes).toEqual(['73721', '97110', '99213']);
  });
});

describe('buildCaseContext overrides', () => {
  it('applies every claim field', () => {
    const ctx = buildCaseContext(
      {
        asOf: '2026-03-01',
        claim: {
          frequencyCode: 7,
          payerId: 'TESTCOM01',
          payerSequence: 'S',
          patientControlNumber: 'PCN-9',
          serviceDate: '2026-02-02',
          billingNpi: '1111111112',
          renderingNpi: null,
          referringNpi: '1234567893',
          billingTaxonomy: '207R00000X',
          placeOfService: '22',
          priorAuthorization: 'A 1',
          totalCharge: '999.99',
          subscriber: {
            memberId: 'ABC123456789',
            lastName: 'Doe',
            firstName: 'Jane',
            dob: '1970-02-03',
            sex: 'F',
          },
          patient: { firstName: 'Kid', dob: '2012-12-12', sex: 'M', relationship: '19' },
          diagnoses: ['M17.11', 'Z96.651'],
          otherPayers: [
            { payerId: 'OTHER1', paidCents: 2500, adjudicated: true },
            { payerId: 'OTHER2', adjudicated: false },
          ],
          attachments: ['03', 'oz'],
          lines: [
            {
              code: '20610',
              modifiers: ['rt', '59'],
              units: 2,
              charge: 120.5,
              serviceDate: '2026-02-03',
              diagnosisPointers: [1, 2],
              placeOfService: '11',
              priorAuthorization: 'L-1',
            },
          ],
        },
      },
      env,
    );
    const c = ctx.claim;
    expect(ctx.asOf).toBe('2026-03-01');
    expect(ctx.payer.name).toBe('Example Commercial PPO (synthetic)');
    expect(c.frequencyCode).toBe('7');
    expect(c.payer).toEqual({
      name: 'EXAMPLE COMMERCIAL PPO (SYNTHETIC)',
      id: 'TESTCOM01',
      idQualifier: 'PI',
      address: null,
      references: [],
    });
    expect(c.subscriber.payerResponsibility).toBe('S');
    expect(c.subscriber.relationshipCode).toBe('');
    expect(c.patient).toMatchObject({
      relationshipCode: '19',
      lastName: 'Doe',
      firstName: 'Kid',
      birthDate: '2012-12-12',
      sex: 'M',
    });
    expect(c.patientControlNumber).toBe('PCN-9');
    expect(ctx.claimId).toBe('PCN-9');
    expect(c.billingProvider?.npi).toBe('1111111112');
    expect(c.billingProvider?.taxonomy).toBe('207R00000X');
    expect(c.renderingProvider).toBeNull();
    expect(c.referringProvider?.npi).toBe('1234567893');
    expect(c.facilityCode).toBe('22');
    expect(c.priorAuthorization).toBe('A 1');
    expect(c.totalCharge).toBe(99999);
    expect(c.diagnoses.map((d) => [d.code, d.qualifier, d.order])).toEqual([
      ['M1711', 'ABK', 1],
      ['Z96651', 'ABF', 2],
    ]);
    expect(
      c.otherPayers.map((o) => [o.payer?.id, o.payerResponsibility, o.paidAmount, o.adjudicationDate]),
    ).toEqual([
      ['OTHER1', 'P', 2500, '2026-02-08'],
      ['OTHER2', 'P', null, null],
    ]);
    expect(c.attachments.map((a) => a.reportType)).toEqual(['03', 'OZ']);
    expect(c.lines[0]).toMatchObject({
      procedure: { code: '20610', modifiers: ['RT', '59'] },
      units: 2,
      charge: 12050,
      serviceDate: '2026-02-03',
      diagnosisPointers: [1, 2],
      placeOfService: '11',
      priorAuthorization: 'L-1',
      references: [{ qualifier: 'G1', value: 'L-1' }],
    });
    expect(c.serviceDateFrom).toBe('2026-02-03');
    // Patient matching: the dependent's name and DOB under the subscriber's member id.
    expect(ctx.coverage[0]!.record).toMatchObject({
      memberId: 'ABC123456789',
      lastName: 'Doe',
      firstName: 'Kid',
      dob: '2012-12-12',
    });
    expect(ctx.coverage[0]!.confidence).toBe('match');
  });

  it('converts dollars to cents exactly', () => {
    expect(dollarsToCents('100.00')).toBe(10000);
    expect(dollarsToCents('0.29')).toBe(29);
    expect(dollarsToCents('1.1')).toBe(110);
    expect(dollarsToCents(19.99)).toBe(1999);
    expect(dollarsToCents('-5')).toBe(-500);
    expect(dollarsToCents('1.234')).toBeNull();
    expect(dollarsToCents('1e3')).toBeNull();
  });

  it('builds institutional claims (revenue code + optional HCPCS) and dental claims (CDT)', () => {
    const inst = buildCaseContext(
      {
        claim: {
          claimType: 'institutional',
          lines: [
            { revenueCode: '0450', code: '99284', charge: '500' },
            { revenueCode: '0300', code: null, charge: '40.00' },
          ],
        },
      },
      env,
    ).claim;
    expect(inst.claimType).toBe('institutional');
    expect(inst.facilityCode).toBe('13');
    expect(inst.facilityCodeQualifier).toBe('A');
    expect(inst.institutional?.typeOfBill).toBe('0131');
    expect(inst.statementFrom).toBe('2026-01-10');
    expect(inst.attendingProvider?.npi).toBe('1234567893');
    expect(inst.renderingProvider).toBeNull();
    expect(inst.lines.map((l) => [l.revenueCode, l.procedure?.code ?? null, l.charge])).toEqual([
      ['0450', '99284', 50000],
      ['0300', null, 4000],
    ]);
    expect(inst.totalCharge).toBe(54000);

    const dental = buildCaseContext(
      {
        claim: {
          claimType: 'dental',
          lines: [
            { code: 'D0120', charge: '55.00' },
            { code: 'D2391', teeth: [{ code: '30', surfaces: ['M', 'O'] }] },
          ],
        },
      },
      env,
    );
    const d = dental.claim;
    expect(d.claimType).toBe('dental');
    expect(d.dental).toEqual({ orthoTotalMonths: null, orthoRemainingMonths: null, toothStatus: [] });
    expect(d.diagnoses).toEqual([]);
    expect(
      d.lines.map((l) => [l.procedure?.qualifier, l.procedure?.code, l.unitBasis, l.diagnosisPointers]),
    ).toEqual([
      ['AD', 'D0120', '', []],
      ['AD', 'D2391', '', []],
    ]);
    expect(d.lines[1]!.teeth).toEqual([{ code: '30', surfaces: ['M', 'O'] }]);
    expect(dental.documentation[0]!.record.procedureCodes).toEqual(['D0120', 'D2391']);
  });

  it('takes listed records, with defaults for the fields not given', () => {
    const ctx = buildCaseContext(
      {
        claim: { lines: [{ code: '73721' }] },
        coverage: [{ coverageEnd: '2025-12-31', coverageStart: '2025-01-01' }],
        documentation: [{ signed: false, diagnosisCodes: ['m17.11'] }],
        authorizations: [{ authNumber: 'A-1', status: 'denied' }],
        contracts: [{ allowedCents: '75.00', modifier: 'rt' }],
      },
      env,
    );
    expect(ctx.coverage[0]!.record).toMatchObject({ coverageStart: '2025-01-01', coverageEnd: '2025-12-31' });
    expect(ctx.documentation[0]!.record).toMatchObject({
      signed: false,
      diagnosisCodes: ['M1711'],
      procedureCodes: ['73721'],
      serviceDate: '2026-01-10',
    });
    expect(ctx.authorizations[0]!.record).toMatchObject({
      authNumber: 'A-1',
      status: 'denied',
      procedureCode: '73721',
      unitsApproved: 1,
    });
    expect(ctx.claim.priorAuthorization).toBe('A-1');
    expect(ctx.contractRates('73721')).toMatchObject([
      { allowedCents: 7500, modifier: 'RT', procedureCode: '73721' },
    ]);
  });

  it('an explicit empty priorAuthorization quotes none; an empty list makes the source not loaded', () => {
    const ctx = buildCaseContext(
      { claim: { priorAuthorization: '', lines: [{ code: '73721' }] }, coverage: [], contracts: [] },
      env,
    );
    expect(ctx.claim.priorAuthorization).toBe('');
    expect(ctx.authorizations).toHaveLength(1);
    expect(ctx.sources).toEqual({
      documentation: true,
      authorizations: true,
      eligibility: false,
      contracts: false,
    });
  });

  it('applies sources and payer overrides', () => {
    const ctx = buildCaseContext(
      {
        sources: { documentation: false },
        payer: { timelyFilingDays: 30, priorAuthCodes: ['99213'], memberIdPattern: '^X[0-9]+$' },
      },
      env,
    );
    expect(ctx.sources.documentation).toBe(false);
    expect(ctx.payer.timelyFilingDays).toBe(30);
    expect(ctx.payer.appealDays).toBe(60);
    expect(ctx.payer.payerIds).toEqual(['TESTPAYER']);
    expect(ctx.payer.priorAuthCodes.has('99213')).toBe(true);
    expect(ctx.payer.priorAuthCodes.has('73721')).toBe(false);
    expect(ctx.payer.memberIdPattern?.test('TESTMEM001')).toBe(false);
    // The override drives the default authorizations.
    expect(ctx.authorizations.map((a) => a.record.procedureCode)).toEqual(['99213']);
    expect(ctx.claim.priorAuthorization).toBe('TESTAUTH001');
  });

  it('makes history claims earlier claims of the patient, with their own defaults', () => {
    const built = buildCase(
      {
        history: [
          {},
          {
            serviceDate: '2025-12-01',
            lines: [{ code: '97110', units: 3 }],
            priorAuthorization: 'TESTAUTH001',
          },
        ],
        claim: { lines: [{ code: '97110', units: 2 }] },
      },
      env,
    );
    const ctx = built.session.contextFor(built.claimId);
    expect(ctx.history.map((h) => [h.id, h.claim.patientControlNumber, h.claim.serviceDateFrom])).toEqual([
      ['#history-2', 'TEST-H2', '2025-12-01'],
      ['#history-1', 'TEST-H1', '2026-01-10'],
    ]);
    expect(ctx.history[1]!.claim.priorAuthorization).toBe('');
    expect(ctx.authorizationUnitsUsedElsewhere('TESTAUTH001', '97110')).toBe(3);
  });

  it('rejects unknown keys and bad values, naming them', () => {
    const fail = (raw: Record<string, unknown>): string[] => {
      try {
        buildCaseContext(raw, env);
      } catch (e) {
        expect(e).toBeInstanceOf(CaseError);
        return (e as CaseError).problems.map((p) => `${p.path}: ${p.message}`);
      }
      throw new Error('no error');
    };
    expect(fail({ claim: { lines: [{ cod: '99213' }] } })).toEqual(['claim.lines[0].cod: unknown key "cod"']);
    expect(fail({ colour: 1 })).toEqual(['colour: unknown key "colour"']);
    expect(fail({ coverage: [{ memberID: 'X' }] })).toEqual(['coverage[0].memberID: unknown key "memberID"']);
    expect(fail({ claim: { lines: [{ charge: '1.234' }] } })).toEqual([
      'claim.lines[0].charge: "1.234" is not a dollar amount with at most two decimals',
    ]);
    expect(fail({ claim: { serviceDate: '2026-13-01' } })[0]).toMatch(/^claim\.serviceDate: /);
    expect(fail({ payer: { priorAuthCodes: ['73-21-1'] } })[0]).toMatch(/^payer\.priorAuthCodes\[0\]: /);
  });
});
