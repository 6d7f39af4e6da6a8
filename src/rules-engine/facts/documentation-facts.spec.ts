import { loadAbbreviationLexicon } from '../../lexicon/abbreviation-lexicon.js';
import { AbbreviationMatcher } from '../../lexicon/abbreviation-matcher.js';
import type { ClaimContext } from '../claim-context.js';
import { DOCUMENTATION_FACTS } from './documentation-facts.js';
import { docRecord, factValue, history, testClaim, testContext } from './testing/patient-context-fixture.js';

const f = (name: string, ctx: ClaimContext, line = 0) => factValue(DOCUMENTATION_FACTS, name, ctx, line);
const lexicon = new AbbreviationMatcher(loadAbbreviationLexicon());

describe('documentation facts', () => {
  it('declares the documentation source on every fact but the attachment ones', () => {
    expect(DOCUMENTATION_FACTS.filter((d) => d.source !== 'documentation').map((d) => d.name)).toEqual([
      'line.attachment.required',
      'line.attachment.reportTypes',
    ]);
  });

  it('a documented claim: notes found, nothing missing', () => {
    const ctx = testContext({ documentation: [docRecord()] });
    expect(f('claim.documentation.noteIds', ctx)).toEqual(['DOC-1']);
    expect(f('claim.documentation.datesWithoutNote', ctx)).toEqual([]);
    expect(f('claim.documentation.unsignedNoteIds', ctx)).toEqual([]);
    expect(f('claim.documentation.unsignedDates', ctx)).toEqual([]);
    expect(f('claim.documentation.undocumentedDiagnoses', ctx)).toEqual([]);
    expect(f('claim.documentation.unbilledProcedures', ctx)).toEqual([]);
    expect(f('line.documentation.noteCount', ctx)).toBe(1);
    expect(f('line.documentation.noteIds', ctx)).toEqual(['DOC-1']);
    expect(f('line.documentation.procedureDocumented', ctx)).toBe(true);
  });

  it('datesWithoutNote lists each date of service with no note (a note of another date does not count)', () => {
    const ctx = testContext({
      claim: testClaim({
        lines: [
          { serviceDate: '2026-01-12' },
          { serviceDate: '2026-01-10' },
          { serviceDate: '2026-01-12', code: '99214' },
        ],
      }),
      documentation: [
        docRecord({ serviceDate: '2026-01-10' }),
        docRecord({ documentId: 'DOC-2', serviceDate: '2026-01-11' }),
      ],
    });
    expect(f('claim.documentation.datesWithoutNote', ctx)).toEqual(['2026-01-12']);
    expect(f('claim.documentation.noteIds', ctx)).toEqual(['DOC-1']);
    expect([0, 1, 2].map((i) => f('line.documentation.noteCount', ctx, i))).toEqual([0, 1, 0]);
    expect(f('line.documentation.procedureDocumented', ctx, 0)).toBe(false);
  });

  it('a note within a line date range counts for the line', () => {
    const ctx = testContext({
      claim: testClaim({ lines: [{ serviceDate: '2026-01-05', serviceDateEnd: '2026-01-12' }] }),
      documentation: [docRecord({ serviceDate: '2026-01-08' })],
    });
    expect(f('claim.documentation.datesWithoutNote', ctx)).toEqual([]);
    expect(f('line.documentation.noteCount', ctx)).toBe(1);
  });

  it('unsigned: dates whose notes are all unsigned, and every unsigned note', () => {
    const ctx = testContext({
      claim: testClaim({ lines: [{ serviceDate: '2026-01-10' }, { serviceDate: '2026-01-11' }] }),
      documentation: [
        docRecord({ documentId: 'N1', serviceDate: '2026-01-10', signed: false }),
        docRecord({ documentId: 'N2', serviceDate: '2026-01-11', signed: false }),
        docRecord({ documentId: 'N3', serviceDate: '2026-01-11', signed: true }),
      ],
    });
    expect(f('claim.documentation.unsignedNoteIds', ctx)).toEqual(['N1', 'N2']);
    expect(f('claim.documentation.unsignedDates', ctx)).toEqual(['2026-01-10']);
  });

  it('undocumentedDiagnoses: billed principal/other codes no note of the dates lists, in display form', () => {
    const ctx = testContext({
      claim: testClaim({ diagnoses: ['J069', 'E119', 'I214'] }),
      documentation: [
        docRecord({ diagnosisCodes: ['J069'] }),
        docRecord({ documentId: 'DOC-2', diagnosisCodes: ['E119'] }),
      ],
    });
    expect(f('claim.documentation.undocumentedDiagnoses', ctx)).toEqual(['I21.4']);
    expect(f('claim.documentation.undocumentedDiagnoses', testContext({ claim: ctx.claim }))).toEqual([]);
  });

  it('procedureDocumented: the line code on a note of its date; true for a line without a procedure code', () => {
    const ctx = testContext({
      claim: testClaim({ lines: [{ code: '99213' }, { code: '99214' }, { code: '', revenueCode: '0450' }] }),
      documentation: [docRecord({ procedureCodes: ['99213'] })],
    });
    expect([0, 1, 2].map((i) => f('line.documentation.procedureDocumented', ctx, i))).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('unbilledProcedures: documented codes no claim bills on that date; an earlier active claim counts as billed', () => {
    const ctx = testContext({
      documentation: [docRecord({ procedureCodes: ['99213', '97140', '36415', '93000'] })],
      history: [
        history('H-1', testClaim({ lines: [{ code: '36415' }] })),
        history('H-2', testClaim({ frequencyCode: '8', lines: [{ code: '93000' }] })),
        history('H-3', testClaim({ lines: [{ code: '97140', serviceDate: '2026-01-09' }] })),
      ],
    });
    expect(f('claim.documentation.unbilledProcedures', ctx)).toEqual(['97140', '93000']);
    expect(f('claim.documentation.unbilledProcedureDetails', ctx)).toEqual([
      '97140 on 2026-01-10 (DOC-1)',
      '93000 on 2026-01-10 (DOC-1)',
    ]);
  });

  it('unbilledProcedures: a later claim of the same day that bills the code counts as billed', () => {
    const ctx = testContext({
      documentation: [docRecord({ procedureCodes: ['99213', '20610'] })],
      concurrentClaims: [history('LATER-1', testClaim({ lines: [{ code: '20610' }] }))],
    });
    expect(f('claim.documentation.unbilledProcedures', ctx)).toEqual([]);
  });

  describe('abbreviations', () => {
    it('a conflicting reading: MI billed as myocardial infarction, the note context says mitral', () => {
      const ctx = testContext({
        lexicon,
        claim: testClaim({ diagnoses: ['I214'] }),
        documentation: [
          docRecord({
            diagnosisCodes: ['I214'],
            text: 'Visit for follow-up.\nMI with murmur on echo, valve regurgitation noted.',
          }),
        ],
      });
      expect(f('claim.documentation.abbreviationConflicts', ctx)).toEqual([
        'DOC-1 line 2: "MI" is billed as myocardial infarction (I21.4), but the words near it (murmur, echo, valve, regurgitation) point to mitral insufficiency. Check that the record supports the billed code by more than this abbreviation.',
      ]);
      expect(f('claim.documentation.unresolvedAbbreviations', ctx)).toEqual([]);
    });

    it('no finding when the context supports the billed reading, or without notes', () => {
      const claim = testClaim({ diagnoses: ['I214'] });
      const supported = testContext({
        lexicon,
        claim,
        documentation: [docRecord({ text: 'Acute MI, troponin elevated, ST elevation on ECG.' })],
      });
      expect(f('claim.documentation.abbreviationConflicts', supported)).toEqual([]);
      expect(f('claim.documentation.abbreviationConflicts', testContext({ lexicon, claim }))).toEqual([]);
    });

    it('an unresolved reading: no context word near the abbreviation', () => {
      const ctx = testContext({
        lexicon,
        claim: testClaim({ diagnoses: ['I214'] }),
        documentation: [docRecord({ text: 'Assessment: MI.' })],
      });
      expect(f('claim.documentation.abbreviationConflicts', ctx)).toEqual([]);
      expect(f('claim.documentation.unresolvedAbbreviations', ctx)).toEqual([
        'DOC-1 line 1: "MI" is billed as myocardial infarction (I21.4), but no word near it confirms that reading, and it can also mean mitral insufficiency. A coder should confirm the intended meaning.',
      ]);
    });
  });

  describe('attachments', () => {
    it('required for a code on the payer attachment list; PWK of the line or the claim', () => {
      const ctx = testContext({
        claim: testClaim({
          attachments: ['OZ'],
          lines: [{ code: '17999', attachments: ['03'] }, { code: '99213' }],
        }),
      });
      expect([0, 1].map((i) => f('line.attachment.required', ctx, i))).toEqual([true, false]);
      expect(f('line.attachment.reportTypes', ctx, 0)).toEqual(['03', 'OZ']);
      const none = testContext({ claim: testClaim({ lines: [{ code: '17999' }] }) });
      expect(f('line.attachment.reportTypes', none)).toEqual([]);
    });
  });
});
