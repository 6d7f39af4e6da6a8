/**
 * The audit log's page cursor: base64url of `[at, id]`, the last event of the page (the log is
 * walked newest first by time, then id). Pure. A cursor carries no secret; the decoder checks its
 * shape strictly and refuses anything else.
 */
import type { AuditPosition } from './audit.repository.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

export function encodeAuditCursor(p: AuditPosition): string {
  return Buffer.from(JSON.stringify([p.at, p.id]), 'utf8').toString('base64url');
}

/** The position a cursor names, or null when the text is not a cursor encodeAuditCursor wrote. */
export function decodeAuditCursor(text: string): AuditPosition | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [at, id] = parsed as unknown[];
  if (typeof at !== 'string' || !TIMESTAMP.test(at)) return null;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
  return { at, id };
}
