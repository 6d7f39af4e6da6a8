import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type InputIssue } from '../input-records.js';
import { parseFhirBundle } from './fhir-bundle.parser.js';
import { parseInputFile, type TabularKind } from './tabular-input.parser.js';

interface ExpectedIssue {
  code: string;
  line?: number;
  path?: string;
  column?: string;
}
interface ExpectedFile {
  file: string;
  kind: TabularKind | 'fhir';
  issues: ExpectedIssue[];
}

const dir = join(process.cwd(), 'fixtures/inputs/invalid');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { files: ExpectedFile[] };

const shape = (i: InputIssue): ExpectedIssue => ({
  code: i.code,
  ...(i.line !== undefined ? { line: i.line } : {}),
  ...(i.path !== undefined ? { path: i.path } : {}),
  ...(i.column !== undefined ? { column: i.column } : {}),
});
const order = (a: ExpectedIssue, b: ExpectedIssue): number =>
  JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('fixtures/inputs/invalid: each bad file produces exactly the issues in expected.json', () => {
  it('lists one bad file per input kind', () => {
    expect(new Set(expected.files.map((f) => f.kind))).toEqual(
      new Set(['authorizations', 'documentation', 'eligibility', 'contracts', 'fhir']),
    );
  });

  it.each(expected.files.map((f) => [f.file, f] as const))('%s', (file, spec) => {
    const content = readFileSync(join(dir, file));
    const result =
      spec.kind === 'fhir' ? parseFhirBundle(content, file) : parseInputFile(spec.kind, content, file);
    expect(result.issues.map(shape).sort(order)).toEqual([...spec.issues].sort(order));
    for (const issue of result.issues) {
      expect(issue.severity).toBe('error');
      expect(issue.file).toBe(file);
      expect(issue.message.startsWith(file)).toBe(true);
    }
  });
});
