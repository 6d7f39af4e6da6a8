import type { InputKind, InputParseResult } from './input-records.js';
import { parseFhirBundle } from './parsers/fhir-bundle.parser.js';
import { parseInputFile } from './parsers/tabular-input.parser.js';
import { parseX12Inputs } from './parsers/x12-inputs.js';

/** The upload kinds: the five input formats, plus X12 271/278 responses. */
export const UPLOAD_KINDS = [
  ...(['authorizations', 'documentation', 'eligibility', 'contracts', 'fhir'] as const),
  'x12',
] as const;
export type UploadKind = InputKind | 'x12';

export function isUploadKind(value: string): value is UploadKind {
  return (UPLOAD_KINDS as readonly string[]).includes(value);
}

/** Reads one upload of `kind` with the parser for its format. */
export function parseUpload(kind: UploadKind, content: Buffer, fileName: string): InputParseResult {
  switch (kind) {
    case 'fhir':
      return parseFhirBundle(content, fileName);
    case 'x12':
      return parseX12Inputs(content, fileName);
    default:
      return parseInputFile(kind, content, fileName);
  }
}
