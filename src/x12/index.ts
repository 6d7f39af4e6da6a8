/**
 * claimguard's X12 engine: a pure library (no Nest, no TypeORM). Streaming tokenizer, envelope
 * validation, 837P/837I/837D claims, 835 remittances, 271 eligibility responses and 278 services review
 * responses as typed models, with positioned issues.
 */
export * from './delimiters.js';
export * from './models/claim.js';
export * from './models/common.js';
export * from './models/eligibility.js';
export * from './models/services-review.js';
export * from './models/remittance.js';
export { Eligibility271Builder } from './builders/eligibility-271.builder.js';
export { ServicesReview278Builder } from './builders/services-review-278.builder.js';
export { createX12Transform, parseX12, parseX12Stream, type X12ParseResult } from './parse-x12.js';
export { Element, Segment } from './segment.js';
export { X12Tokenizer, type TokenizerOptions, type TokenizerSink } from './tokenizer.js';
export * from './values.js';
export * from './x12-issue.js';
export * from './x12-item.js';
export { claimTypeFromLabel, X12Reader, type X12ReaderOptions } from './x12-reader.js';
