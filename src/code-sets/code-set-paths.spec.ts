import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  defaultLicensedDir,
  defaultPublicCodeSetsDir,
  defaultTablesDir,
  packageRoot,
} from './code-set-paths.js';

describe('code-set paths', () => {
  it('finds the package root and the committed tables from the module location', () => {
    expect(existsSync(join(packageRoot, 'package.json'))).toBe(true);
    expect(defaultTablesDir()).toBe(join(packageRoot, 'rules', 'tables'));
    expect(defaultPublicCodeSetsDir()).toBe(join(packageRoot, 'rules', 'tables', 'code-sets'));
    expect(existsSync(join(defaultPublicCodeSetsDir(), 'icd10cm-fy2026.tsv.gz'))).toBe(true);
  });

  it('puts licensed lists in CODE_SETS_DIR, else ./data/code-sets, relative to cwd', () => {
    expect(defaultLicensedDir({}, '/srv/app')).toBe(resolve('/srv/app/data/code-sets'));
    expect(defaultLicensedDir({ CODE_SETS_DIR: 'lic' }, '/srv/app')).toBe(resolve('/srv/app/lic'));
    expect(defaultLicensedDir({ CODE_SETS_DIR: '/opt/lic' }, '/srv/app')).toBe('/opt/lic');
    expect(defaultLicensedDir({ CODE_SETS_DIR: '  ' }, '/srv/app')).toBe(resolve('/srv/app/data/code-sets'));
  });
});
