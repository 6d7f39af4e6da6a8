/** Code sets: normalization, formats, the registry and its loader, and the importers (no Nest). */
export * from './code-normalization.js';
export * from './code-formats.js';
export * from './code-set-files.js';
export * from './code-set-paths.js';
export * from './code-set-registry.js';
export * from './code-set-loader.js';
export * from './icd10cm-importer.js';
export * from './hcpcs-importer.js';
export * from './licensed-code-importer.js';
export { CodeSetImportError, type SourceFile, readSourceFile } from './import-support.js';
