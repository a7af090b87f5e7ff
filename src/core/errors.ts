/** Failure codes. Expected outcomes (no answer, invalid input) are values, not errors. */
export type ErrorCode =
  | 'config_invalid'
  | 'store_unavailable'
  | 'store_conflict'
  | 'knowledge_invalid'
  | 'internal';

/** The one error class of the project: a code for handling, a message for logs, the original cause. */
export class IopError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IopError';
    this.code = code;
  }
}

/** True when `error` is an IopError with the given code. */
export function isIopError(error: unknown, code?: ErrorCode): error is IopError {
  return error instanceof IopError && (code === undefined || error.code === code);
}
