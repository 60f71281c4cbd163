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
  | 'E_INDEX_REFUSED'
  | 'E_INDEX_LOCKED'
  | 'E_QUESTION'
  | 'E_NOT_FOUND'
  | 'E_DISCORD'
  | 'E_NETWORK'
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

const FS_HINTS: Record<string, string> = {
  ENOSPC: 'the disk is full; free some space and try again',
  EDQUOT: 'the disk quota is used up; free some space and try again',
  EACCES: 'permission denied; choose a folder you can write to, or fix its permissions',
  EPERM: 'operation not permitted; choose a folder you can write to, or fix its permissions',
  EROFS: 'the file system is read-only; choose a writable folder',
  EMFILE: 'too many open files; close other programs or raise the limit (ulimit -n)',
  ENOTDIR: 'a part of the path is a file, not a folder; choose another path',
  EISDIR: 'the path is a folder, not a file; choose a file path',
  ENOENT: 'a folder on the path does not exist; create it or choose another path',
};

/**
 * A file-system failure a person can fix (disk full, permissions, read-only) as a one-line
 * RegionbotError naming the action and the fix; any other error is returned unchanged.
 */
export function fsError(err: unknown, action: string, note?: string): unknown {
  if (isRegionbotError(err)) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const hint = code ? FS_HINTS[code] : undefined;
  if (!hint) return err;
  return new RegionbotError('E_IO', `cannot ${action} (${code}): ${hint}${note ? `; ${note}` : ''}`, { cause: err });
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/**
 * The failures of talking to Discord that a person causes or fixes (a wrong token, no network) as a
 * one-line RegionbotError; any other error is returned unchanged. Never includes the token.
 */
export function discordError(err: unknown): unknown {
  if (isRegionbotError(err)) return err;
  const e = err as (Error & { code?: string | number; cause?: { code?: string } }) | null;
  const code = String(e?.code ?? e?.cause?.code ?? '');
  const message = String(e?.message ?? '');
  if (code === 'TokenInvalid' || /invalid token was provided|401: Unauthorized/i.test(message) || e?.code === 401 || code === '4004') {
    return new RegionbotError('E_DISCORD', 'Discord rejected DISCORD_TOKEN (invalid token); copy the bot token again from the Discord Developer Portal (Bot -> Reset Token) into .env', { cause: err });
  }
  if (code === 'DisallowedIntents' || code === '4014' || /disallowed intents/i.test(message)) {
    return new RegionbotError('E_DISCORD', 'Discord refused the bot\'s intents; enable Message Content Intent for the bot in the Discord Developer Portal (Bot -> Privileged Gateway Intents)', { cause: err });
  }
  const net = NETWORK_CODES.has(code) ? code : (message.match(/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b/)?.[1] ?? '');
  if (net) return new RegionbotError('E_NETWORK', `cannot reach Discord (${net}); check the network connection (and DISCORD_API_BASE_URL if set), then try again`, { cause: err });
  return err;
}
