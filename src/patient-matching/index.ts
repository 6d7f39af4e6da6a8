/**
 * Patient matching: a pure library (no Nest, no TypeORM) that links a claim's patient to roster,
 * documentation, authorization and FHIR patient records, explaining every link and identity problem.
 * Rules, scores and thresholds: docs/patient-matching.md.
 */
export * from './dob-comparison.js';
export * from './identity-normalization.js';
export * from './member-id-comparison.js';
export * from './name-comparison.js';
export * from './nicknames.js';
export * from './patient-matcher.js';
