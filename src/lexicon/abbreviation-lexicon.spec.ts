import {
  codeInFamily,
  DEFAULT_ABBREVIATION_LEXICON_PATH,
  familiesOverlap,
  LexiconError,
  loadAbbreviationLexicon,
  parseAbbreviationLexicon,
  parseCodeFamily,
} from './abbreviation-lexicon.js';

/** The problems a lexicon text is rejected with. */
function problemsOf(yamlText: string): string[] {
  try {
    parseAbbreviationLexicon(yamlText, 'lex.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(LexiconError);
    return (err as LexiconError).problems;
  }
  throw new Error('the lexicon was accepted');
}

describe('parseCodeFamily', () => {
  it.each([
    ['I21', { text: 'I21', display: 'I21', from: 'I21', to: 'I21' }],
    ['i34.0', { text: 'I340', display: 'I34.0', from: 'I340', to: 'I340' }],
    ['I340', { text: 'I340', display: 'I34.0', from: 'I340', to: 'I340' }],
    ['I21-I22', { text: 'I21-I22', display: 'I21-I22', from: 'I21', to: 'I22' }],
    ['S72.0-S72.2', { text: 'S720-S722', display: 'S72.0-S72.2', from: 'S720', to: 'S722' }],
    [' F70 - F79 ', { text: 'F70-F79', display: 'F70-F79', from: 'F70', to: 'F79' }],
  ])('reads %p', (raw, expected) => {
    expect(parseCodeFamily(raw)).toEqual(expected);
  });

  it.each(['I2', '12X', 'I21-', 'I21-I22-I23', 'I22-I21', 'I21-I220', 'I21-I21', 'I2.10', ''])(
    'rejects %p',
    (raw) => {
      expect(parseCodeFamily(raw)).toBeNull();
    },
  );
});

describe('codeInFamily', () => {
  const mi = parseCodeFamily('I21-I22')!;
  const mitral = parseCodeFamily('I34.0')!;

  it('takes codes that start with a prefix in the range', () => {
    expect(['I21', 'I214', 'I21A1', 'I229'].map((c) => codeInFamily(c, mi))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['I20', 'I230', 'I2', 'I252'].map((c) => codeInFamily(c, mi))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('takes a subcategory and its children only', () => {
    expect(['I340', 'I341', 'I34', 'I3400'].map((c) => codeInFamily(c, mitral))).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });
});

describe('familiesOverlap', () => {
  it('sees a subcategory inside a range of categories, and disjoint families apart', () => {
    const fam = (t: string) => parseCodeFamily(t)!;
    expect(familiesOverlap(fam('I20-I25'), fam('I25.2'))).toBe(true);
    expect(familiesOverlap(fam('I25.2'), fam('I20-I25'))).toBe(true);
    expect(familiesOverlap(fam('I34.0'), fam('I34.2'))).toBe(false);
    expect(familiesOverlap(fam('S72.0-S72.2'), fam('S72.3'))).toBe(false);
    expect(familiesOverlap(fam('N17-N19'), fam('N18'))).toBe(true);
  });
});

describe('parseAbbreviationLexicon', () => {
  it('reads a minimal file with its defaults', () => {
    const sut = parseAbbreviationLexicon(
      [
        'version: 1',
        'abbreviations:',
        '  - abbreviation: MI',
        '    meanings:',
        '      - label: myocardial infarction',
        '        codes: [I21-I22, i25.2]',
        '        context_words: [troponin, ST elevation, h/o]',
        '      - label: mitral insufficiency',
        '        codes: [I340]',
        '  - abbreviation: aka',
        '    case_sensitive: false',
        '    note: both spellings',
        '    meanings:',
        '      - { label: above-knee amputation, codes: [Z89.61] }',
        '      - { label: also known as, kind: other, codes: [] }',
      ].join('\n'),
      'mini.yaml',
    );
    expect(sut).toEqual({
      fileName: 'mini.yaml',
      version: 1,
      abbreviations: [
        {
          abbreviation: 'MI',
          caseSensitive: true,
          note: null,
          line: 3,
          meanings: [
            {
              label: 'myocardial infarction',
              kind: 'diagnosis',
              codes: [
                { text: 'I21-I22', display: 'I21-I22', from: 'I21', to: 'I22' },
                { text: 'I252', display: 'I25.2', from: 'I252', to: 'I252' },
              ],
              contextWords: [
                { text: 'troponin', tokens: ['troponin'] },
                { text: 'ST elevation', tokens: ['st', 'elevation'] },
                { text: 'h/o', tokens: ['h', 'o'] },
              ],
            },
            {
              label: 'mitral insufficiency',
              kind: 'diagnosis',
              codes: [{ text: 'I340', display: 'I34.0', from: 'I340', to: 'I340' }],
              contextWords: [],
            },
          ],
        },
        {
          abbreviation: 'aka',
          caseSensitive: false,
          note: 'both spellings',
          line: 10,
          meanings: [
            {
              label: 'above-knee amputation',
              kind: 'diagnosis',
              codes: [{ text: 'Z8961', display: 'Z89.61', from: 'Z8961', to: 'Z8961' }],
              contextWords: [],
            },
            { label: 'also known as', kind: 'other', codes: [], contextWords: [] },
          ],
        },
      ],
    });
  });

  it('lists every problem of a bad file at once, each with its line and path', () => {
    const text = [
      'version: 2', // 1
      'abbreviations:', // 2
      '  - abbreviation: MI', // 3
      '    meanings:', // 4
      '      - label: myocardial infarction', // 5
      '        codes: [I21, I2]', // 6
      '        context_words: [troponin, "/"]', // 7
      '      - label: mitral insufficiency', // 8
      '        kind: diagnosis', // 9
      '        codes: [I22-I21, I21.4]', // 10
      '        context_words: [Troponin]', // 11
      '  - abbreviation: MS', // 12
      '    case_sensitive: maybe', // 13
      '    meanings:', // 14
      '      - label: morphine sulfate', // 15
      '        kind: medication', // 16
      '        codes: [G35]', // 17
      '      - label: mental status', // 18
      '        kind: sign', // 19
      '        codes: []', // 20
      '  - abbreviation: PE', // 21
      '    meaning:', // 22
      '      - label: pulmonary embolism', // 23
      '  - abbreviation: M.I.', // 24
      '    meanings:', // 25
      '      - { label: a, codes: [A00] }', // 26
      '      - { label: A, codes: [B00] }', // 27
      '      - label: c', // 28
      '      - x', // 29
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'lex.yaml:1: version: must be 1, the only schema version there is',
      'lex.yaml:6: abbreviations[0].meanings[0].codes[1]: "I2" is not an ICD-10-CM family',
      'lex.yaml:7: abbreviations[0].meanings[0].context_words[1]: must be a word or phrase with at least one letter or digit',
      'lex.yaml:10: abbreviations[0].meanings[1].codes[0]: "I22-I21" is not an ICD-10-CM family: the range runs backwards',
      'lex.yaml:13: abbreviations[1].case_sensitive: must be true or false',
      'lex.yaml:17: abbreviations[1].meanings[0].codes: must be [] for kind medication: only a diagnosis has codes',
      'lex.yaml:19: abbreviations[1].meanings[1].kind: must be one of diagnosis, medication, procedure, finding, other',
      'lex.yaml:22: abbreviations[2]: unknown key "meaning" (allowed: abbreviation, case_sensitive, note, meanings)',
      'lex.yaml:21: abbreviations[2].meanings: must list at least two meanings (or it is not ambiguous)',
      'lex.yaml:24: abbreviations[3].abbreviation: "M.I." must be 2 to 10 ASCII letters',
      'lex.yaml:28: abbreviations[3].meanings[2].codes: is required (write `codes: []` for a meaning that is not a diagnosis)',
      'lex.yaml:29: abbreviations[3].meanings[3]: must be a map with `label` and `codes`',
    ]);
  });

  it('checks the meanings of one abbreviation against each other', () => {
    const text = [
      'version: 1',
      'abbreviations:',
      '  - abbreviation: MI',
      '    meanings:',
      '      - label: myocardial infarction',
      '        codes: [I20-I25]',
      '        context_words: [troponin, echo]',
      '      - label: Myocardial Infarction',
      '        codes: [I25.2]',
      '        context_words: [ECHO]',
      '  - abbreviation: PT',
      '    meanings:',
      '      - { label: physical therapy, kind: procedure, codes: [] }',
      '      - { label: patient, kind: other, codes: [] }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'lex.yaml:8: abbreviations[0].meanings[1].label: "Myocardial Infarction" is already the label of meanings[0]',
      'lex.yaml:8: abbreviations[0].meanings[1].codes: I25.2 overlaps I20-I25 of meanings[0] ("myocardial infarction")',
      'lex.yaml:8: abbreviations[0].meanings[1].context_words: "ECHO" already favours meanings[0] ("myocardial infarction"); a word may favour one meaning only',
      'lex.yaml:12: abbreviations[1].meanings: needs at least one diagnosis meaning, or it can never disagree with billed codes',
    ]);
  });

  it('rejects duplicate abbreviations, counting case only when both entries are case-sensitive', () => {
    const entry = (abbr: string, caseSensitive: boolean) => [
      `  - abbreviation: ${abbr}`,
      `    case_sensitive: ${caseSensitive}`,
      '    meanings:',
      '      - { label: cancer, codes: [C00-C96] }',
      '      - { label: calcium, kind: other, codes: [] }',
    ];
    const text = [
      'version: 1',
      'abbreviations:',
      ...entry('CA', true), // line 3
      ...entry('Ca', true), // line 8: a different spelling, both exact: allowed
      ...entry('CA', true), // line 13
      ...entry('ca', false), // line 18
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'lex.yaml:13: abbreviations[2].abbreviation: "CA" duplicates "CA" on line 3',
      'lex.yaml:18: abbreviations[3].abbreviation: "ca" duplicates "CA" on line 3',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('version: 1\nabbreviations: []\nversion: 1\n')).toEqual([
      'lex.yaml:3: not valid YAML: Map keys must be unique',
    ]);
  });

  it('rejects a file that is not a map, and one without abbreviations', () => {
    expect(problemsOf('- MI\n')).toEqual([
      'lex.yaml:1: (file): must be a map with `version` and `abbreviations`',
    ]);
    expect(problemsOf('version: 1\nabbreviations: []\n')).toEqual([
      'lex.yaml:2: abbreviations: must be a non-empty list',
    ]);
  });

  it('says how many problems there are in the error message', () => {
    expect(() => parseAbbreviationLexicon('version: 1\nabbreviations: []\n', 'lex.yaml')).toThrow(
      'lex.yaml: 1 problem in the abbreviation lexicon:\n  - lex.yaml:2: abbreviations: must be a non-empty list',
    );
  });
});

describe('the shipped lexicon (rules/lexicon/abbreviations.yaml)', () => {
  const sut = loadAbbreviationLexicon();

  it('loads from the default path', () => {
    expect(sut.fileName).toBe(DEFAULT_ABBREVIATION_LEXICON_PATH);
    expect(DEFAULT_ABBREVIATION_LEXICON_PATH).toMatch(/rules\/lexicon\/abbreviations\.yaml$/);
  });

  it('has at least 30 ambiguous abbreviations, each with two or more meanings and a diagnosis', () => {
    expect(sut.abbreviations.length).toBeGreaterThanOrEqual(30);
    for (const entry of sut.abbreviations) {
      expect(entry.meanings.length).toBeGreaterThanOrEqual(2);
      expect(entry.meanings.some((m) => m.kind === 'diagnosis')).toBe(true);
    }
  });

  it('includes the abbreviations the issue names', () => {
    const names = sut.abbreviations.map((e) => e.abbreviation);
    expect(names).toEqual(expect.arrayContaining(['MI', 'MS', 'PE', 'RA', 'DM', 'CA']));
  });

  it('reads MI as myocardial infarction or mitral insufficiency', () => {
    const mi = sut.abbreviations.find((e) => e.abbreviation === 'MI')!;
    expect(mi.caseSensitive).toBe(true);
    expect(mi.meanings.map((m) => [m.label, m.kind, m.codes.map((c) => c.display)])).toEqual([
      ['myocardial infarction', 'diagnosis', ['I21-I22', 'I25.2']],
      ['mitral insufficiency', 'diagnosis', ['I34.0', 'I05.1']],
    ]);
  });

  it('reads MS also as morphine sulfate, a medication without codes', () => {
    const ms = sut.abbreviations.find((e) => e.abbreviation === 'MS')!;
    expect(ms.meanings.map((m) => [m.label, m.kind, m.codes.length])).toEqual([
      ['multiple sclerosis', 'diagnosis', 1],
      ['mitral stenosis', 'diagnosis', 3],
      ['morphine sulfate', 'medication', 0],
      ['mental status', 'finding', 0],
    ]);
  });
});
