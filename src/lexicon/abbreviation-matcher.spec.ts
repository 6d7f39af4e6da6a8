import { loadAbbreviationLexicon, parseAbbreviationLexicon } from './abbreviation-lexicon.js';
import {
  AbbreviationMatcher,
  type AmbiguityFinding,
  type FindingMeaning,
  type Mention,
} from './abbreviation-matcher.js';

const lexicon = loadAbbreviationLexicon();

const MI_MEANINGS: FindingMeaning[] = [
  { label: 'myocardial infarction', kind: 'diagnosis', codes: ['I21-I22', 'I25.2'] },
  { label: 'mitral insufficiency', kind: 'diagnosis', codes: ['I34.0', 'I05.1'] },
];
const MS_MEANINGS: FindingMeaning[] = [
  { label: 'multiple sclerosis', kind: 'diagnosis', codes: ['G35'] },
  { label: 'mitral stenosis', kind: 'diagnosis', codes: ['I34.2', 'I05.0', 'I05.2'] },
  { label: 'morphine sulfate', kind: 'medication', codes: [] },
  { label: 'mental status', kind: 'finding', codes: [] },
];

/** Only what a test is about: kind, where, and what each side reads. */
function brief(f: AmbiguityFinding) {
  return {
    kind: f.kind,
    text: f.text,
    offset: f.offset,
    billed: f.billedMeanings,
    context: f.contextMeaning,
    words: f.contextWords,
  };
}

describe('AbbreviationMatcher.findInText', () => {
  const sut = new AbbreviationMatcher(lexicon);

  it('finds whole words only, punctuation around them or not', () => {
    const mentions = sut.findInText('ADMIT for MIS-C; CAN wait. MI. (MI) h/o MI, s/p MI');
    expect(mentions.map((m) => [m.text, m.offset])).toEqual([
      ['MI', 27],
      ['MI', 32],
      ['MI', 40],
      ['MI', 48],
    ]);
  });

  it('does not take a word with a digit or a letter glued to it', () => {
    expect(sut.findInText('MI2 2MI semiMI MIé DM2 T2DM')).toEqual([]);
  });

  it('gives offset, line, column, length and snippet', () => {
    const text = 'Assessment:\n  1. h/o MI\r\n  2. MS flare';
    expect(sut.findInText(text)).toEqual<Mention[]>([
      {
        abbreviation: 'MI',
        text: 'MI',
        offset: 21,
        length: 2,
        line: 2,
        column: 10,
        snippet: 'Assessment: 1. h/o MI 2. MS flare',
      },
      {
        abbreviation: 'MS',
        text: 'MS',
        offset: 30,
        length: 2,
        line: 3,
        column: 6,
        snippet: 'Assessment: 1. h/o MI 2. MS flare',
      },
    ]);
  });

  it('cuts the snippet 40 characters either side and marks the cuts', () => {
    const text = `${'x'.repeat(50)} PE ${'y'.repeat(50)}`;
    const [mention] = sut.findInText(text);
    expect(mention!.offset).toBe(51);
    expect(mention!.snippet).toBe(`…${'x'.repeat(39)} PE ${'y'.repeat(39)}…`);
  });

  it('matches case-sensitive abbreviations in their exact spelling only', () => {
    expect(sut.findInText('Ms. Jones: ms pain, Ca 9.1, ca risk, Mi, pe, dM')).toEqual([]);
    expect(sut.findInText('CA 9.1 and MS').map((m) => m.text)).toEqual(['CA', 'MS']);
  });

  it('matches a case-insensitive abbreviation in any spelling, naming the lexicon entry', () => {
    expect(
      sut.findInText('Left AKA; John aka Jack; Aka').map((m) => [m.abbreviation, m.text, m.offset]),
    ).toEqual([
      ['AKA', 'AKA', 5],
      ['AKA', 'aka', 15],
      ['AKA', 'Aka', 25],
    ]);
  });

  it('finds several abbreviations in text order', () => {
    expect(sut.findInText('PE neg. CVA tenderness. DM, HTN, CHF, RA.').map((m) => m.text)).toEqual([
      'PE',
      'CVA',
      'DM',
      'RA',
    ]);
  });

  it('finds nothing in empty or abbreviation-free text', () => {
    expect(sut.findInText('')).toEqual([]);
    expect(sut.findInText('Patient seen for follow-up, doing well.')).toEqual([]);
  });
});

describe('AbbreviationMatcher.assess', () => {
  const sut = new AbbreviationMatcher(lexicon);

  it('flags MI read as a past infarction while the claim bills mitral insufficiency', () => {
    // "h/o" stands in MI's own clause (score 2); "echo" is past the comma (score 1). The MR that
    // follows is read as mitral regurgitation, which I34.0 bills: no finding for it.
    expect(sut.assess('Pt with h/o MI, echo shows moderate MR', ['I34.0'])).toEqual<AmbiguityFinding[]>([
      {
        abbreviation: 'MI',
        text: 'MI',
        offset: 12,
        length: 2,
        line: 1,
        column: 13,
        snippet: 'Pt with h/o MI, echo shows moderate MR',
        kind: 'conflicting-meaning',
        meanings: MI_MEANINGS,
        billedMeanings: [{ meaning: 'mitral insufficiency', billedCodes: ['I34.0'] }],
        contextMeaning: 'myocardial infarction',
        contextWords: ['h/o'],
        contextScores: [
          { meaning: 'myocardial infarction', score: 2, words: ['h/o'] },
          { meaning: 'mitral insufficiency', score: 1, words: ['echo'] },
        ],
        reason:
          '"MI" is billed as mitral insufficiency (I34.0), but the words near it (h/o) point to ' +
          'myocardial infarction. Check that the record supports the billed code by more than this abbreviation.',
      },
    ]);
  });

  it('has nothing to say when the context confirms the billed meaning', () => {
    expect(sut.assess('Troponin elevated, STEMI, MI confirmed', ['I21.4'])).toEqual([]);
  });

  it('flags MS given in milligrams while the claim bills multiple sclerosis', () => {
    expect(sut.assess('MS 4mg IV given for pain', ['G35'])).toEqual<AmbiguityFinding[]>([
      {
        abbreviation: 'MS',
        text: 'MS',
        offset: 0,
        length: 2,
        line: 1,
        column: 1,
        snippet: 'MS 4mg IV given for pain',
        kind: 'conflicting-meaning',
        meanings: MS_MEANINGS,
        billedMeanings: [{ meaning: 'multiple sclerosis', billedCodes: ['G35'] }],
        contextMeaning: 'morphine sulfate',
        contextWords: ['mg', 'IV', 'given', 'pain'],
        contextScores: [{ meaning: 'morphine sulfate', score: 8, words: ['mg', 'IV', 'given', 'pain'] }],
        reason:
          '"MS" is billed as multiple sclerosis (G35), but the words near it (mg, IV, given, pain) point to ' +
          'morphine sulfate (a medication, not a diagnosis). Check that the record supports the billed code ' +
          'by more than this abbreviation.',
      },
    ]);
  });

  it('flags a context that points to another diagnosis', () => {
    expect(sut.assess('PE on CTA, started heparin.', ['J90']).map(brief)).toEqual([
      {
        kind: 'conflicting-meaning',
        text: 'PE',
        offset: 0,
        billed: [{ meaning: 'pleural effusion', billedCodes: ['J90'] }],
        context: 'pulmonary embolism',
        words: ['CTA', 'heparin'],
      },
    ]);
  });

  it('asks for confirmation when no word near the abbreviation confirms the billed meaning', () => {
    const [finding, ...rest] = sut.assess('Hx DM.', ['E11.9']);
    expect(rest).toEqual([]);
    expect(brief(finding!)).toEqual({
      kind: 'ambiguous-unresolved',
      text: 'DM',
      offset: 3,
      billed: [{ meaning: 'diabetes mellitus', billedCodes: ['E11.9'] }],
      context: null,
      words: [],
    });
    expect(finding!.contextScores).toEqual([]);
    expect(finding!.reason).toBe(
      '"DM" is billed as diabetes mellitus (E11.9), but no word near it confirms that reading, and it can ' +
        'also mean dermatomyositis. A coder should confirm the intended meaning.',
    );
  });

  it('asks for confirmation when the context is split evenly between a billed and an unbilled meaning', () => {
    const [finding] = sut.assess('Echo after h/o MI', ['I34.0']);
    expect(brief(finding!)).toEqual({
      kind: 'ambiguous-unresolved',
      text: 'MI',
      offset: 15,
      billed: [{ meaning: 'mitral insufficiency', billedCodes: ['I34.0'] }],
      context: null,
      words: [],
    });
    expect(finding!.contextScores).toEqual([
      { meaning: 'myocardial infarction', score: 2, words: ['h/o'] },
      { meaning: 'mitral insufficiency', score: 2, words: ['echo'] },
    ]);
    expect(finding!.reason).toBe(
      '"MI" is billed as mitral insufficiency (I34.0), but the words near it fit myocardial infarction (h/o) ' +
        'as much as mitral insufficiency (echo). A coder should confirm the intended meaning.',
    );
  });

  it('stays quiet without context when every other meaning is not a diagnosis', () => {
    // AKA is an above-knee amputation or "also known as"; only the amputation is a diagnosis.
    expect(sut.assess('Left AKA', ['Z89.612'])).toEqual([]);
  });

  it('stays quiet when no billed code falls in any meaning of the abbreviation', () => {
    expect(sut.assess('MS 4mg IV given for pain', ['E11.9', 'I10'])).toEqual([]);
    expect(sut.assess('MS 4mg IV given for pain', [])).toEqual([]);
  });

  it('stays quiet when every meaning left unconfirmed is billed', () => {
    expect(sut.assess('MI', ['I21.4', 'I34.0'])).toEqual([]);
  });

  it('lists every billed meaning when the context points elsewhere', () => {
    expect(sut.assess('CA 8.1, corrected for albumin', ['C50.911', 'I46.9']).map(brief)).toEqual([
      {
        kind: 'conflicting-meaning',
        text: 'CA',
        offset: 0,
        billed: [
          { meaning: 'cancer', billedCodes: ['C50.911'] },
          { meaning: 'cardiac arrest', billedCodes: ['I46.9'] },
        ],
        context: 'calcium',
        words: ['corrected', 'albumin'],
      },
    ]);
  });

  it('reads billed codes in any spelling and ignores what is not ICD-10-CM', () => {
    expect(sut.assess('MS 4mg IV given for pain', [' g35 ', '99213', 'nonsense', 'G35']).map(brief)).toEqual([
      {
        kind: 'conflicting-meaning',
        text: 'MS',
        offset: 0,
        billed: [{ meaning: 'multiple sclerosis', billedCodes: ['G35'] }],
        context: 'morphine sulfate',
        words: ['mg', 'IV', 'given', 'pain'],
      },
    ]);
  });

  it('does not let words of another sentence count', () => {
    const findings = sut.assess('Morphine 4 mg IV given. MS stable.', ['G35']);
    expect(findings.map(brief)).toEqual([
      {
        kind: 'ambiguous-unresolved',
        text: 'MS',
        offset: 24,
        billed: [{ meaning: 'multiple sclerosis', billedCodes: ['G35'] }],
        context: null,
        words: [],
      },
    ]);
  });

  it('counts a line break as the end of a sentence', () => {
    expect(sut.assess('troponin\nMI', ['I34.0']).map((f) => f.kind)).toEqual(['ambiguous-unresolved']);
    expect(sut.assess('troponin MI', ['I34.0']).map((f) => f.kind)).toEqual(['conflicting-meaning']);
  });

  it('counts context words up to 8 tokens away, not 9', () => {
    const at8 = 'troponin one two three four five six seven MI';
    const at9 = 'troponin one two three four five six seven eight MI';
    expect(sut.assess(at8, ['I34.0']).map((f) => [f.kind, f.contextWords])).toEqual([
      ['conflicting-meaning', ['troponin']],
    ]);
    expect(sut.assess(at9, ['I34.0']).map((f) => [f.kind, f.contextWords])).toEqual([
      ['ambiguous-unresolved', []],
    ]);
  });

  it('matches context phrases of several words, whatever their case', () => {
    expect(sut.assess('MI with st ELEVATION', ['I34.0']).map((f) => f.contextWords)).toEqual([
      ['ST elevation'],
    ]);
    expect(sut.assess('MI with elevation of ST', ['I34.0']).map((f) => f.kind)).toEqual([
      'ambiguous-unresolved',
    ]);
  });

  it('assesses each mention on its own context, in text order', () => {
    const note = [
      'HPI: known MS on ocrelizumab, relapsing course.',
      'ED course: MS 2 mg IV given for pain.',
      'Echo: severe MR; prior MI with stent.',
    ].join('\n');
    expect(
      sut.assess(note, ['G35.A', 'I34.0']).map((f) => [f.text, f.line, f.column, f.kind, f.contextMeaning]),
    ).toEqual([
      ['MS', 2, 12, 'conflicting-meaning', 'morphine sulfate'],
      ['MI', 3, 24, 'conflicting-meaning', 'myocardial infarction'],
    ]);
  });

  it('finds nothing in an empty note', () => {
    expect(sut.assess('', ['I21.4'])).toEqual([]);
  });

  it('works on a lexicon of its own', () => {
    const own = parseAbbreviationLexicon(
      [
        'version: 1',
        'abbreviations:',
        '  - abbreviation: HF',
        '    meanings:',
        '      - { label: heart failure, codes: [I50], context_words: [EF] }',
        '      - { label: hip fracture, codes: [S72.0-S72.2], context_words: [fall, ORIF] }',
      ].join('\n'),
      'own.yaml',
    );
    const mine = new AbbreviationMatcher(own);
    expect(mine.assess('Fall at home, HF, for ORIF', ['I50.9', 'W19.XXXA']).map(brief)).toEqual([
      {
        kind: 'conflicting-meaning',
        text: 'HF',
        offset: 14,
        billed: [{ meaning: 'heart failure', billedCodes: ['I50.9'] }],
        context: 'hip fracture',
        words: ['fall', 'ORIF'],
      },
    ]);
    expect(mine.assess('HF, EF 25%', ['S72.001A']).map((f) => f.contextMeaning)).toEqual(['heart failure']);
  });
});
