import { Writable } from 'node:stream';
import { InvalidInputError } from '../common/domain-errors.js';
import type { ImportResult } from '../inputs/import-result.js';
import { importCommand, type InputImporter } from './import.command.js';

function sink(): { out: Writable; text: () => string } {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { out, text: () => text };
}

const result: ImportResult = {
  importId: 'i1',
  kind: 'eligibility',
  fileName: 'roster.csv',
  sha256: 'ab',
  importedAt: '2026-01-01T00:00:00.000Z',
  records: { authorizations: 0, documentation: 0, eligibility: 3, contracts: 0, patients: 0 },
  inserted: 2,
  updated: 1,
  warnings: [{ severity: 'warning', code: 'X12_INVALID_CODE', message: 'odd code', file: 'roster.csv' }],
  linking: { claims: 10, links: 7, probableLinks: 2, problems: 3 },
  evaluation: { claims: 10, findings: 4 },
};

describe('importCommand', () => {
  it('prints what was imported and matched, and exits 0', async () => {
    const calls: unknown[][] = [];
    const importer: InputImporter = {
      importPath: async (...args) => {
        calls.push(args);
        return result;
      },
    };
    const { out, text } = sink();
    const sut = await importCommand('eligibility', '/tmp/in/roster.csv', importer, out);
    expect(sut).toBe(0);
    expect(calls).toEqual([['eligibility', '/tmp/in/roster.csv', 'roster.csv']]);
    expect(text()).toBe(
      '/tmp/in/roster.csv: imported 3 eligibility (2 new, 1 updated); matched 10 claims: 7 links (2 probable), 3 identity problems; re-evaluated 10 claims: 4 findings\n' +
        '  warning: odd code [X12_INVALID_CODE]\n',
    );
  });

  it('lists every problem of a rejected file and exits 1', async () => {
    const importer: InputImporter = {
      importPath: async () => {
        throw new InvalidInputError('roster.csv was rejected: 2 errors; nothing was imported', [
          'roster.csv, line 2, column dob: not a date [INPUT_INVALID_DATE]',
          'roster.csv, line 3, column sex: not M, F or U [INPUT_INVALID_ENUM]',
        ]);
      },
    };
    const { out, text } = sink();
    expect(await importCommand('eligibility', 'roster.csv', importer, out)).toBe(1);
    expect(text()).toBe(
      'roster.csv: roster.csv was rejected: 2 errors; nothing was imported\n' +
        '  roster.csv, line 2, column dob: not a date [INPUT_INVALID_DATE]\n' +
        '  roster.csv, line 3, column sex: not M, F or U [INPUT_INVALID_ENUM]\n',
    );
  });
});
