import {
  decodeGapCursor,
  type EncounterInput,
  encodeGapCursor,
  encounterGaps,
  findingGapKey,
  type GapFinding,
  type GapNote,
  groupByProvider,
  isGapFinding,
  missedChargeCodes,
  missedChargeGapKey,
  noteExcerpt,
  parseGapKey,
} from './coding-gaps.js';

const finding = (over: Partial<GapFinding> = {}): GapFinding => ({
  ruleId: 'DOC-DIAGNOSIS-UNDOCUMENTED',
  category: 'documentation',
  severity: 'warn',
  lineNumber: 0,
  message: 'Billed diagnoses not documented: E11.9.',
  fix: 'Code only what the provider documented.',
  evidence: {
    'claim.documentation.undocumentedDiagnoses': ['E11.9'],
    'claim.documentation.noteIds': ['DOC-2'],
  },
  amountCents: 12_500,
  overridden: false,
  ...over,
});

const note = (over: Partial<GapNote> = {}): GapNote => ({
  documentId: 'DOC-1',
  serviceDate: '2026-01-10',
  signed: true,
  diagnosisCodes: ['J06.9'],
  procedureCodes: ['99213'],
  text: 'Sore throat for three days.\nPerformed: venipuncture.',
  ...over,
});

const encounter = (over: Partial<EncounterInput> = {}): EncounterInput => ({
  claimId: 'c1',
  patientControlNumber: 'PCN1',
  serviceDate: '2026-01-10',
  payerId: 'P1',
  providerNpi: '1234567893',
  providerName: 'WELBY, MARCUS',
  findings: [],
  missedCharges: [],
  notes: [note()],
  billed: {
    diagnoses: ['J06.9', 'E11.9'],
    lines: [
      { lineNumber: 1, code: '99213', modifiers: [], units: 1, chargeCents: 12_500 },
      { lineNumber: 2, code: '20610', modifiers: ['RT'], units: 1, chargeCents: 20_000 },
    ],
  },
  states: new Map(),
  ...over,
});

describe('gap keys', () => {
  it('are stable: rule and line for a finding, the code for a missed charge', () => {
    expect(findingGapKey('CODING-MODIFIER-INVALID', 2)).toBe('CODING-MODIFIER-INVALID:2');
    expect(missedChargeGapKey('36415')).toBe('missed-charge:36415');
    expect(missedChargeGapKey('j1030')).toBe('missed-charge:J1030');
  });

  it('parse back, and anything else is refused', () => {
    expect(parseGapKey('DOC-UNSIGNED:0')).toEqual({ kind: 'finding', ruleId: 'DOC-UNSIGNED', lineNumber: 0 });
    expect(parseGapKey('missed-charge:36415')).toEqual({ kind: 'missed-charge', code: '36415' });
    for (const bad of [
      '',
      'DOC-UNSIGNED',
      'DOC-UNSIGNED:',
      ':1',
      'DOC-UNSIGNED:-1',
      'DOC-UNSIGNED:01',
      'doc:1',
      'missed-charge:',
      'A:1:2',
    ]) {
      expect({ bad, parsed: parseGapKey(bad) }).toEqual({ bad, parsed: null });
    }
  });
});

describe('isGapFinding', () => {
  it('takes documentation, coding and coding-edit (bundling, units) findings, not the others or the missed-charge rule', () => {
    expect(isGapFinding({ ruleId: 'DOC-UNSIGNED', category: 'documentation' })).toBe(true);
    expect(isGapFinding({ ruleId: 'CODING-DX-INVALID', category: 'coding' })).toBe(true);
    expect(isGapFinding({ ruleId: 'BUNDLING-NCCI-PTP', category: 'bundling' })).toBe(true);
    expect(isGapFinding({ ruleId: 'UNITS-MUE-EXCEEDED', category: 'units' })).toBe(true);
    expect(isGapFinding({ ruleId: 'AUTH-REQUIRED', category: 'authorization' })).toBe(false);
    expect(isGapFinding({ ruleId: 'ELIG-COVERAGE-ENDED', category: 'eligibility' })).toBe(false);
    expect(isGapFinding({ ruleId: 'DOC-MISSED-CHARGE', category: 'documentation' })).toBe(false);
  });
});

describe('missedChargeCodes', () => {
  it("joins the finding's evidence and the leakage items, once each, upper case", () => {
    const f = finding({
      ruleId: 'DOC-MISSED-CHARGE',
      evidence: { 'claim.documentation.unbilledProcedures': ['36415', 'j1030'] },
    });
    const items = [
      { amountCents: 300, detail: '36415 documented, not billed (valued at the contract rate)' },
      { amountCents: 0, detail: '97140 documented, not billed (no contract rate on file: amount unknown)' },
    ];
    expect(missedChargeCodes(f, items)).toEqual(['36415', 'J1030', '97140']);
    expect(missedChargeCodes(undefined, [])).toEqual([]);
  });
});

describe('noteExcerpt', () => {
  const long = [
    'Chief complaint: follow-up.',
    ...Array.from(
      { length: 20 },
      (_, i) => `Line ${i + 2} of an unremarkable history, nothing of note here at all.`,
    ),
    'Assessment: MI noted on auscultation, a soft murmur at the apex.',
    ...Array.from({ length: 10 }, (_, i) => `Plan item ${i + 1}: continue the current treatment and review.`),
  ].join('\n');
  const n = note({ text: long });

  it('is the whole note when it is short', () => {
    expect(noteExcerpt(note(), {})).toBe('Sore throat for three days.\nPerformed: venipuncture.');
  });

  it('centres on the note line the evidence names', () => {
    const ex = noteExcerpt(n, {
      'claim.documentation.abbreviationConflicts': ['DOC-1 line 22: "MI" reads as mitral insufficiency'],
    });
    expect(ex).toContain('Assessment: MI noted on auscultation');
    expect(ex.startsWith('…')).toBe(true);
    expect(ex.length).toBeLessThanOrEqual(402);
  });

  it('else on the first evidence term found in the text, else the beginning', () => {
    expect(noteExcerpt(n, {}, ['auscultation'])).toContain('MI noted on auscultation');
    const head = noteExcerpt(n, { x: ['nothing matching'] });
    expect(head.startsWith('Chief complaint')).toBe(true);
    expect(head.endsWith('…')).toBe(true);
  });
});

describe('encounterGaps', () => {
  it('lists gap findings most severe first with the note and billed codes side by side; skips overridden and other categories', () => {
    const gaps = encounterGaps(
      encounter({
        notes: [note(), note({ documentId: 'DOC-2', signed: false, text: 'Second note' })],
        findings: [
          finding(),
          finding({
            ruleId: 'CODING-MODIFIER-INVALID',
            category: 'coding',
            severity: 'block',
            lineNumber: 2,
            evidence: {},
          }),
          finding({ ruleId: 'AUTH-REQUIRED', category: 'authorization', severity: 'block' }),
          finding({ ruleId: 'DOC-UNSIGNED', severity: 'warn', overridden: true }),
        ],
      }),
    );
    expect(gaps.map((g) => [g.gapKey, g.code, g.status])).toEqual([
      ['CODING-MODIFIER-INVALID:2', '20610', 'open'],
      ['DOC-DIAGNOSIS-UNDOCUMENTED:0', null, 'open'],
    ]);
    // The note the evidence names (DOC-2), its codes, and the claim's billed codes.
    expect(gaps[1]!.note).toEqual({
      documentId: 'DOC-2',
      serviceDate: '2026-01-10',
      signed: false,
      diagnoses: ['J06.9'],
      procedures: ['99213'],
    });
    expect(gaps[1]!.noteExcerpt).toBe('Second note');
    expect(gaps[1]!.billedCodes.diagnoses).toEqual(['J06.9', 'E11.9']);
    expect(gaps[0]!.amountCents).toBe(12_500);
  });

  it('shows one gap per missed charge with its value and the note documenting it', () => {
    const gaps = encounterGaps(
      encounter({
        notes: [
          note(),
          note({ documentId: 'DOC-3', procedureCodes: ['99213', '36415'], text: 'venipuncture done' }),
        ],
        findings: [
          finding({
            ruleId: 'DOC-MISSED-CHARGE',
            severity: 'info',
            evidence: { 'claim.documentation.unbilledProcedures': ['36415'] },
            fix: 'Bill it if performed.',
          }),
        ],
        missedCharges: [
          { amountCents: 350, detail: '36415 documented, not billed (valued at the contract rate)' },
        ],
      }),
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({
      gapKey: 'missed-charge:36415',
      kind: 'missed-charge',
      ruleId: 'DOC-MISSED-CHARGE',
      code: '36415',
      amountCents: 350,
      fix: 'Bill it if performed.',
      noteExcerpt: 'venipuncture done',
      message: '36415 documented, not billed (valued at the contract rate)',
    });
  });

  it("carries each gap's stored status by key; a gap without one is open", () => {
    const states = new Map([
      [
        'DOC-DIAGNOSIS-UNDOCUMENTED:0',
        {
          status: 'sent-back' as const,
          comment: 'please amend',
          updatedBy: 'coder1',
          updatedAt: '2026-02-01T10:00:00.000Z',
        },
      ],
      [
        'missed-charge:99999',
        {
          status: 'resolved' as const,
          comment: null,
          updatedBy: 'coder1',
          updatedAt: '2026-02-01T10:00:00.000Z',
        },
      ],
    ]);
    const [gap] = encounterGaps(encounter({ findings: [finding()], states }));
    expect(gap).toMatchObject({ status: 'sent-back', comment: 'please amend', updatedBy: 'coder1' });
    expect(encounterGaps(encounter({ findings: [finding()] }))[0]).toMatchObject({
      status: 'open',
      comment: null,
      updatedBy: null,
    });
  });

  it('has no note excerpt when the patient has no note for the dates', () => {
    const [gap] = encounterGaps(
      encounter({ notes: [], findings: [finding({ ruleId: 'DOC-MISSING', severity: 'block' })] }),
    );
    expect(gap!.noteExcerpt).toBeNull();
    expect(gap!.note).toBeNull();
  });
});

describe('groupByProvider', () => {
  it('groups consecutive encounters by provider, counting gaps', () => {
    const e = (claimId: string, providerNpi: string, gaps: number, providerName: string | null = null) => ({
      claimId,
      patientControlNumber: claimId,
      serviceDate: '2026-01-10',
      payerId: 'P1',
      providerNpi,
      providerName,
      gaps: encounterGaps(
        encounter({ findings: Array.from({ length: gaps }, (_, i) => finding({ lineNumber: i + 1 })) }),
      ),
    });
    const groups = groupByProvider([
      e('a', '1111111111', 1),
      e('b', '1111111111', 2, 'ONE, DR'),
      e('c', '2222222222', 1),
    ]);
    expect(
      groups.map((g) => [g.providerNpi, g.providerName, g.gapCount, g.encounters.map((x) => x.claimId)]),
    ).toEqual([
      ['1111111111', 'ONE, DR', 3, ['a', 'b']],
      ['2222222222', null, 1, ['c']],
    ]);
    expect(groups[0]!.encounters[0]).not.toHaveProperty('providerNpi');
  });
});

describe('gap cursor', () => {
  it('round-trips and refuses anything else', () => {
    const p = {
      providerNpi: '1234567893',
      serviceDate: '2026-01-10',
      claimId: '0190a0b4-7c3e-7000-8000-000000000001',
    };
    expect(decodeGapCursor(encodeGapCursor(p))).toEqual(p);
    expect(decodeGapCursor(encodeGapCursor({ ...p, serviceDate: '' }))).toEqual({ ...p, serviceDate: '' });
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of [
      '',
      '!!',
      enc([p.providerNpi, p.serviceDate]),
      enc([p.providerNpi, '2026-1-1', p.claimId]),
      enc([p.providerNpi, p.serviceDate, 'x']),
    ]) {
      expect(decodeGapCursor(bad)).toBeNull();
    }
  });
});
