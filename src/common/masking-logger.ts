import { inspect } from 'node:util';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { maskPhi } from './phi-mask.js';

/**
 * A value about to be logged, with its PHI masked: text through maskPhi, an error as a copy with a
 * masked message and stack, any other object through its JSON (so keys such as `memberId` are
 * masked wherever they are nested), or its inspected text when it has no JSON form.
 */
export function maskLogValue(value: unknown): unknown {
  if (typeof value === 'string') return maskPhi(value);
  if (value instanceof Error) {
    const copy = new Error(maskPhi(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : maskPhi(value.stack);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    try {
      const json = JSON.stringify(value);
      if (json !== undefined) return JSON.parse(maskPhi(json)) as unknown;
    } catch {
      // Circular or otherwise not JSON: mask the inspected text instead.
    }
    return maskPhi(inspect(value, { depth: 5 }));
  }
  return value;
}

/**
 * Nest's console logger with every message, parameter and stack trace passed through maskPhi
 * before it is written: no patient names, member ids or dates of birth reach the log, whatever a
 * module logs (an X12 segment in a parse error, a record in a failed import, a driver's message).
 */
export class MaskingLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(
      messages.map((m) => maskLogValue(this.resolveMessage(m))),
      context,
      logLevel,
      writeStreamType,
      maskLogValue(errorStack),
      params === undefined ? undefined : (maskLogValue(params) as Record<string, unknown>),
    );
  }

  protected override printStackTrace(stack: string): void {
    super.printStackTrace(stack ? maskPhi(stack) : stack);
  }
}
