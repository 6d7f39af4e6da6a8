import type { InputIssue } from '../inputs/input-records.js';
import type { X12Issue } from '../x12/index.js';

/** A problem the client can fix: bad input. Mapped to 400 with every problem listed. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    message: string,
    readonly problems: string[] = [message],
    readonly issues: (X12Issue | InputIssue)[] = [],
  ) {
    super(message);
  }
}

/** The thing asked for does not exist. Mapped to 404. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly what: string,
    readonly id: string,
  ) {
    super(`${what} ${id} not found`);
  }
}

/** The request conflicts with what is stored. Mapped to 409. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** The body is larger than allowed. Mapped to 413. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`the upload is larger than the limit of ${limitBytes} bytes`);
  }
}

/** A page was asked for without a session: answered with a redirect to the sign-in page. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
  constructor(readonly next: string) {
    super('sign in required');
  }
}
