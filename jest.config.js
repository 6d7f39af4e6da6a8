// Jest runs in native ESM mode (NestJS 12 ships ESM only): `node --experimental-vm-modules`.
const tsJest = [
  'ts-jest',
  { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { ignoreCodes: ['TS151001'] } },
];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
  // Real databases and a whole app per suite: hooks and tests get 30 s, not jest's 5 s (a busy 2-core
  // machine runs the suites one after the other but slowly). This must be the global option: jest-circus
  // reads only the global config's testTimeout, and a project's own is silently ignored (a two-app
  // beforeAll failed in CI at 5 s although the e2e project said 30 s).
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    { ...common, displayName: 'corpus', testMatch: ['<rootDir>/test/corpus/**/*.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/test/int/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
    { ...common, displayName: 'rules', testMatch: ['<rootDir>/test/rules/**/*.spec.ts'] },
    // Real chromium (/usr/bin/chromium) driven by playwright-core against the app on a random port.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'] },
  ],
};
