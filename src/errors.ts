/**
 * The one error type of regionbot. Every failure a person can cause or fix (bad input, a missing
 * index, a bad environment variable) is a RegionbotError with a stable code; the CLI prints its
 * message on one line without a stack and exits with a non-zero status.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_CONFIG'
  | 'E_CORPUS'
  | 'E_INDEX_MISSING'
  | 'E_INDEX_CORRUPT'
  | 'E_INDEX_VERSION'
  | 'E_INDEX_STALE'
  | 'E_QUESTION'
  | 'E_NOT_FOUND'
  | 'E_IO';

export class RegionbotError extends Error {
  readonly code: ErrorCode;
  /** Suggested command that fixes the problem, if any. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message.startsWith('regionbot:') ? message : `regionbot: ${message}`, { cause: options.cause });
    this.name = 'RegionbotError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isRegionbotError(err: unknown): err is RegionbotError {
  return err instanceof RegionbotError;
}
