/**
 * claimguard's X12 engine: a pure library (no Nest, no TypeORM). Streaming tokenizer, envelope
 * validation, 837P/837I/837D claims and 835 remittances as typed models, with positioned issues.
 */
export * from './delimiters.js';
export * from './models/claim.js';
export * from './models/common.js';
export * from './models/remittance.js';
export { createX12Transform, parseX12, parseX12Stream, type X12ParseResult } from './parse-x12.js';
export { Element, Segment } from './segment.js';
export { X12Tokenizer, type TokenizerOptions, type TokenizerSink } from './tokenizer.js';
export * from './values.js';
export * from './x12-issue.js';
export * from './x12-item.js';
export { claimTypeFromLabel, X12Reader, type X12ReaderOptions } from './x12-reader.js';
