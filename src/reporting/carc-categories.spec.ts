import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { packageRoot } from '../code-sets/code-set-paths.js';
import { DEFECTS } from '../simulator/defects.js';
import {
  CarcCategoryError,
  compareCarc,
  createCarcCategories,
  DENIAL_CATEGORIES,
  loadCarcCategories,
  type CarcCategories,
} from './carc-categories.js';

const RULES_DIR = join(packageRoot, 'rules');
/** Folders of rules/ that hold no rules. */
const NOT_RULES = new Set(['payers', 'tables', 'lexicon', 'risk']);

interface PackRule {
  file: string;
  id: string;
  category: string;
  carc: string[];
}

/** Every rule of the pack, read straight from the YAML files (one rule per file, or `rules:` lists). */
function packRules(): PackRule[] {
  const out: PackRule[] = [];
  const walk = (dir: string, top: boolean): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (!(top && NOT_RULES.has(e.name))) walk(path, false);
      } else if (/\.ya?ml$/.test(e.name)) {
        const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        const rules = (Array.isArray(doc['rules']) ? doc['rules'] : [doc]) as Record<string, unknown>[];
        for (const r of rules) {
          const prevents = (r['prevents'] ?? {}) as { carc?: unknown[] };
          out.push({
            file: relative(RULES_DIR, path),
            id: String(r['id']),
            category: String(r['category']),
            carc: (prevents.carc ?? []).map(String),
          });
        }
      }
    }
  };
  walk(RULES_DIR, true);
  return out;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'carc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function problemsOf(text: string): string[] {
  writeFileSync(join(dir, 'carc-categories.yaml'), text);
  try {
    loadCarcCategories(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CarcCategoryError);
    return (e as CarcCategoryError).problems.map((p) => p.replace(dir + '/', ''));
  }
  throw new Error('loaded');
}

describe('the shipped CARC catalogue', () => {
  const carcs = loadCarcCategories();
  const rules = packRules();

  it('reads the rule pack', () => {
    expect(rules.length).toBeGreaterThan(40);
    expect(rules.find((r) => r.id === 'TF-PAST-LIMIT')).toEqual({
      file: join('timely-filing', 'past-limit.yaml'),
      id: 'TF-PAST-LIMIT',
      category: 'timely-filing',
      carc: ['29'],
    });
  });

  it("gives every CARC a rule prevents the rule's own category", () => {
    const wrong: string[] = [];
    for (const r of rules)
      for (const carc of r.carc) {
        if (!carcs.isDenial('CO', carc)) wrong.push(`${r.id}: ${carc} is not a denial`);
        else if (!carcs.categoriesOf(carc).includes(r.category))
          wrong.push(`${r.id}: ${carc} → ${carcs.categoriesOf(carc).join(', ')}, not ${r.category}`);
      }
    expect(wrong).toEqual([]);
    // The rules do name these codes (the check above is not vacuous).
    const named = new Set(rules.flatMap((r) => r.carc));
    for (const c of ['4', '9', '10', '11', '15', '16', '18', '22', '26', '27', '29', '31', '50', '97'])
      expect(named).toContain(c);
    for (const c of ['140', '146', '151', '181', '197', '198', '236', '252']) expect(named).toContain(c);
  });

  it("gives every simulated defect's CARCs the defect's category", () => {
    const wrong = DEFECTS.flatMap((d) =>
      d.carc.filter((c) => !carcs.categoriesOf(c).includes(d.category)).map((c) => `${d.kind}: ${c}`),
    );
    expect(wrong).toEqual([]);
  });

  it("maps the simulator's denial codes, the unseen ones to benefits or coordination of benefits", () => {
    expect(carcs.primaryCategory('96')).toBe('benefits');
    expect(carcs.primaryCategory('B7')).toBe('benefits');
    expect(carcs.primaryCategory('204')).toBe('benefits');
    expect(carcs.primaryCategory('119')).toBe('benefits');
    expect(carcs.primaryCategory('22')).toBe('coordination-of-benefits');
    expect(carcs.categoriesOf('97')).toEqual(['bundling', 'coding']);
    expect(carcs.primaryCategory('151')).toBe('units');
    expect(carcs.categoriesOf('B15')).toContain('coding');
    for (const c of ['96', 'B7', '22', '204', '97', '151', 'B15']) expect(carcs.label(c)).not.toBeNull();
  });

  it('orders a multi-category code primary first', () => {
    expect(carcs.categoriesOf('16')).toEqual(['billing-data', 'documentation', 'coding', 'balancing']);
    expect(carcs.primaryCategory('16')).toBe('billing-data');
    expect(carcs.categoriesOf('31')).toEqual(['identity', 'eligibility', 'billing-data']);
  });

  it('answers other for an unknown or unusable code, and normalizes codes', () => {
    expect(carcs.categoriesOf('999')).toEqual(['other']);
    expect(carcs.primaryCategory('Z9')).toBe('other');
    expect(carcs.label('999')).toBeNull();
    expect(carcs.isDenial('CO', '999')).toBe(true);
    expect(carcs.categoriesOf('045')).toEqual(['other']); // 45: contractual, not a denial
    expect(carcs.categoriesOf(' b7 ')).toEqual(['benefits']);
    expect(carcs.categoriesOf('027')).toEqual(['eligibility']);
  });

  it('tells denials from patient share and contractual adjustments', () => {
    expect(carcs.isDenial('PR', '1')).toBe(false);
    expect(carcs.isDenial('PR', '2')).toBe(false);
    expect(carcs.isDenial('PR', '3')).toBe(false);
    expect(carcs.isDenial('CO', '45')).toBe(false);
    expect(carcs.isDenial('PR', '45')).toBe(false);
    expect(carcs.isDenial('CO', '253')).toBe(false);
    expect(carcs.isDenial('OA', '23')).toBe(false);
    expect(carcs.isDenial('CO', '94')).toBe(false);
    expect(carcs.isDenial('CO', '42')).toBe(false);
    expect(carcs.isDenial('CO', '59')).toBe(false);
    // Patient share in PR only.
    expect(carcs.isDenial('PR', '66')).toBe(false);
    expect(carcs.isDenial('pr ', '247')).toBe(false);
    expect(carcs.isDenial('CO', '66')).toBe(true);
    // A patient-responsibility denial is still a denial.
    for (const c of ['26', '27', '31', '204']) expect(carcs.isDenial('PR', c)).toBe(true);
    expect(carcs.isDenial('CO', '197')).toBe(true);
    expect(carcs.isDenial('OA', '18')).toBe(true);
  });

  it('keeps labels short and lists each code once, in CARC order', () => {
    const codes = carcs.all.map((e) => e.carc);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort(compareCarc)).toEqual(codes);
    expect(codes.slice(0, 5)).toEqual(['1', '2', '3', '4', '5']);
    for (const e of carcs.all) {
      expect(e.label.length).toBeLessThanOrEqual(60);
      expect(e.label.split(' ').length).toBeLessThanOrEqual(7);
      if (e.kind === 'denial') {
        expect(e.categories.length).toBeGreaterThan(0);
        for (const c of e.categories) expect(DENIAL_CATEGORIES).toContain(c);
      } else expect(e.categories).toEqual([]);
    }
    expect(carcs.all.find((e) => e.carc === '27')).toEqual({
      carc: '27',
      kind: 'denial',
      categories: ['eligibility'],
      label: 'coverage ended',
    });
    expect(carcs.all.find((e) => e.carc === '1')).toEqual({
      carc: '1',
      kind: 'not-denial',
      categories: [],
      label: 'deductible',
    });
  });

  it('covers the common denial codes', () => {
    for (const c of [
      '5',
      '6',
      '7',
      '8',
      '13',
      '19',
      '24',
      '39',
      '58',
      '109',
      '167',
      '170',
      '185',
      '190',
      '200',
    ])
      expect(carcs.label(c)).not.toBeNull();
    for (const c of ['234', '242', '243', '272', '288', 'A1', 'B9', 'B11', 'B12', 'B13', 'B20'])
      expect(carcs.label(c)).not.toBeNull();
    expect(carcs.categoriesOf('A1')).toEqual(['other']);
    expect(carcs.primaryCategory('B13')).toBe('duplicate');
  });
});

describe('loading the catalogue', () => {
  it('loads a small file', () => {
    writeFileSync(
      join(dir, 'carc-categories.yaml'),
      `denials:
  27: { categories: [eligibility], label: coverage ended }
  B7: { categories: [benefits, billing-data], label: provider not certified }
patientShare:
  '66': blood deductible
notDenial:
  '1': deductible
`,
    );
    const carcs: CarcCategories = loadCarcCategories(dir);
    expect(carcs.all.map((e) => `${e.carc}:${e.kind}`)).toEqual([
      '1:not-denial',
      '27:denial',
      '66:patient-share',
      'B7:denial',
    ]);
    expect(carcs.categoriesOf('B7')).toEqual(['benefits', 'billing-data']);
    expect(carcs.categoriesOf('66')).toEqual(['other']);
    expect(carcs.label('66')).toBe('blood deductible');
  });

  it('names every problem with file, line and path', () => {
    expect(
      problemsOf(`denials:
  '27': { categories: [eligibility], label: coverage ended }
  '045': { categories: [coding], label: bad key }
  '4': { categories: [codingg], label: typo }
  '5': { categories: [], label: none }
  '6': { categories: [coding, coding], label: twice }
  '7': { categories: [coding], label: '', extra: 1 }
notDenial:
  '27': also here
`),
    ).toEqual([
      'carc-categories.yaml:4: denials.4.categories.0: must be one of authorization, documentation, coding, medical-necessity, bundling, units, eligibility, identity, duplicate, timely-filing, billing-data, balancing, coordination-of-benefits, benefits, other',
      'carc-categories.yaml:5: denials.5.categories: needs at least one category',
      'carc-categories.yaml:6: denials.6.categories: coding is listed twice',
      'carc-categories.yaml:7: denials.7.label: must not be empty',
      'carc-categories.yaml:7: denials.7.extra: unknown field',
    ]);
    // Keys and sections are checked once the fields are valid.
    expect(
      problemsOf(`denials:
  '27': { categories: [eligibility], label: coverage ended }
  '045': { categories: [coding], label: bad key }
notDenial:
  '27': also here
  B: letter only
`),
    ).toEqual([
      'carc-categories.yaml:3: denials.045: not a CARC code (1-3 digits without leading zeros, or a letter and 1-2 digits)',
      'carc-categories.yaml:5: notDenial.27: already listed under denials',
      'carc-categories.yaml:6: notDenial.B: not a CARC code (1-3 digits without leading zeros, or a letter and 1-2 digits)',
    ]);
  });

  it('reports bad YAML, a missing section, unknown sections, a long label and a missing file', () => {
    expect(problemsOf('denials: {\n')[0]).toMatch(/^carc-categories\.yaml:\d+: not valid YAML: /);
    expect(problemsOf('notDenial: {}\nextras: {}\n')).toEqual([
      'carc-categories.yaml:1: denials: Invalid input: expected record, received undefined',
      'carc-categories.yaml:2: extras: unknown field',
    ]);
    expect(problemsOf(`denials:\n  '4': { categories: [coding], label: ${'x'.repeat(61)} }\n`)).toEqual([
      'carc-categories.yaml:2: denials.4.label: a short label of our own (at most 60 characters)',
    ]);
    expect(() => loadCarcCategories(join(dir, 'nowhere'))).toThrow(
      /carc-categories\.yaml: cannot be read \(ENOENT\)/,
    );
  });
});

describe('createCarcCategories', () => {
  it('answers from entries, with CARC order numbers first', () => {
    const carcs = createCarcCategories([
      { carc: 'B15', kind: 'denial', categories: ['coding'], label: 'x' },
      { carc: 'B7', kind: 'denial', categories: ['benefits'], label: 'y' },
      { carc: '197', kind: 'denial', categories: ['authorization'], label: 'z' },
      { carc: '45', kind: 'not-denial', categories: [], label: 'w' },
    ]);
    expect(carcs.all.map((e) => e.carc)).toEqual(['45', '197', 'B7', 'B15']);
    expect(compareCarc('4', '16')).toBeLessThan(0);
    expect(compareCarc('A1', 'B7')).toBeLessThan(0);
    expect(compareCarc('253', 'A1')).toBeLessThan(0);
  });
});
