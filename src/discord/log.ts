/**
 * Structured logging for the bot (pino). Errors are logged in full (type, message, stack, Discord's
 * code/status/route, cause) but never with a secret: the bot token and interaction/webhook tokens in
 * URLs are replaced, wherever they appear in a log line.
 */
import { pino, type Logger } from 'pino';

const URL_TOKENS = /((?:interactions|webhooks)\/\d{15,25}\/)[A-Za-z0-9._~%-]{8,}/g;

/** Replace secrets in a text: the given tokens, and the tokens in interaction/webhook routes. */
export function scrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  return (text) => {
    let out = text;
    for (const s of list) if (out.includes(s)) out = out.split(s).join('[redacted]');
    return out.replace(URL_TOKENS, '$1[redacted]');
  };
}

/** An error as a plain object for the log, scrubbed of secrets (depth-limited through `cause`). */
export function serializeError(err: unknown, scrub: (text: string) => string, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrub(typeof err === 'string' ? err : safeJson(err)) };
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.constructor?.name ?? e.name, message: scrub(e.message) };
  if (e.name && e.name !== out.type) out.name = e.name;
  if (e.stack) out.stack = scrub(e.stack);
  for (const k of ['code', 'status', 'method', 'hint'] as const) {
    const v = e[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = typeof v === 'string' ? scrub(v) : v;
  }
  if (typeof e.url === 'string') out.url = scrub(e.url);
  // DiscordAPIError: Discord's own error body (small JSON: code, message, errors).
  if (e.rawError !== undefined) out.rawError = scrub(safeJson(e.rawError)).slice(0, 4000);
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, scrub, depth + 1);
  return out;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Deep-scrub every string of a log object (a second line of defence after the serializers). */
function scrubDeep(value: unknown, scrub: (t: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub, depth + 1));
  if (value instanceof Error) return serializeError(value, scrub);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, scrub, depth + 1);
  return out;
}

/** The bot's logger: a child of `base` (or a new pino logger at `level`) that never logs `secrets`. */
export function botLogger(base: Logger | undefined, level: string, secrets: readonly (string | undefined)[]): Logger {
  const scrub = scrubber(secrets);
  const parent = base ?? pino({ name: 'regionbot', level });
  return parent.child(
    { component: 'discord' },
    {
      serializers: { err: (e: unknown) => serializeError(e, scrub) },
      formatters: { log: (obj: object) => scrubDeep(obj, scrub) as object },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'config.DISCORD_TOKEN'], censor: '[redacted]' },
    },
  );
}
