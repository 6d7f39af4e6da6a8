import type { InputIssue } from './input-records.js';

/** `authorizations.csv line 4, column patient_dob: …` — an issue with every position it has, for people. */
export function describeInputIssue(issue: InputIssue): string {
  // The CSV, JSON and FHIR parsers already open their messages with the file and position.
  if (issue.message.startsWith(`${issue.file} `) || issue.message.startsWith(`${issue.file}:`)) {
    return `${issue.message} [${issue.code}]`;
  }
  const where = [issue.file];
  if (issue.line !== undefined) where.push(`line ${issue.line}`);
  if (issue.byteOffset !== undefined) where.push(`byte ${issue.byteOffset}`);
  if (issue.segment !== undefined)
    where.push(`segment ${issue.segment}${issue.element ? ` ${issue.element}` : ''}`);
  if (issue.column !== undefined) where.push(`column ${issue.column}`);
  if (issue.path !== undefined) where.push(issue.path);
  return `${where.join(', ')}: ${issue.message} [${issue.code}]`;
}
