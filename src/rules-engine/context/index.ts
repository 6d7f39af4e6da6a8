/** Everything a rule sees: claim contexts, payer profiles, reference tables, embedded-test cases. */
export * from './code-matcher.js';
export * from './payer-profiles.js';
export * from './reference-tables.js';
export * from './cms-import-support.js';
export * from './cms-ncci-importer.js';
export * from './cms-mue-importer.js';
export * from './context-builder.js';
export * from './case-builder.js';
