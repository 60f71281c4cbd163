import { z } from 'zod';
import { RegionbotError } from './errors.js';

/**
 * The one schema for environment variables. Only entry points (the CLI) call loadConfig(process.env);
 * everything else receives the parsed Config. Values are never echoed back in errors (tokens are secret).
 */
const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === undefined || s === '' ? undefined : s));

const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

/** A whole number or decimal in plain digits (no hex, exponents or signs: "0x10" is not 16). */
const plainNumber = /^\d+(?:\.\d+)?$/;

/** Settings every command uses. */
export const CoreSchema = z.object({
  REGIONBOT_INDEX_DIR: optionalString.transform((s) => s ?? 'index'),
  REGIONBOT_CORPUS_DIR: optionalString.transform((s) => s ?? 'corpus'),
  /** Articles larger than this many megabytes are skipped when indexing. */
  REGIONBOT_MAX_ARTICLE_MB: optionalString.transform((s, ctx) => {
    if (s === undefined) return 4;
    const n = Number(s);
    if (!plainNumber.test(s) || !(n > 0) || n > 1024) {
      ctx.addIssue({ code: 'custom', message: 'must be a number of megabytes from 0.01 to 1024, such as 4' });
      return z.NEVER;
    }
    return n;
  }),
  LOG_LEVEL: optionalString.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ).transform((s) => s ?? 'info'),
});

/** Settings only the Discord bot and deploy-commands use: checked only where Discord is used. */
export const DiscordSchema = z.object({
  DISCORD_TOKEN: optionalString.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{20,}$/, 'does not look like a Discord bot token')
      .optional(),
  ),
  DISCORD_CLIENT_ID: optionalString.pipe(snowflake.optional()),
  DISCORD_GUILD_ID: optionalString.pipe(snowflake.optional()),
  /** Base URL of Discord's REST API without the version, e.g. http://127.0.0.1:PORT/api (for a local stand-in). */
  DISCORD_API_BASE_URL: optionalString.pipe(z.url({ message: 'must be a URL such as http://127.0.0.1:3000/api' }).optional()),
  /** Comma-separated channel ids answered without a mention. */
  REGIONBOT_CHANNELS: optionalString.transform((s, ctx) => {
    if (s === undefined) return [] as string[];
    const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
    for (const id of ids) {
      if (!/^\d{17,20}$/.test(id)) {
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of Discord channel ids' });
        return z.NEVER;
      }
    }
    return ids;
  }),
  /**
   * A file the bot writes its event-loop delay report to (JSON: maxBlockMs, p99Ms, samples, ...),
   * measured from login, every 5 s and on shutdown. A diagnostic for the bench; off when unset.
   */
  REGIONBOT_EVENT_LOOP_REPORT: optionalString,
  /** Seconds a user waits between questions. */
  REGIONBOT_COOLDOWN_SECONDS: optionalString.transform((s, ctx) => {
    if (s === undefined) return 5;
    const n = Number(s);
    if (!plainNumber.test(s) || n > 3600) {
      ctx.addIssue({ code: 'custom', message: 'must be a number of seconds from 0 to 3600, in plain digits' });
      return z.NEVER;
    }
    return n;
  }),
});

export const ConfigSchema = CoreSchema.extend(DiscordSchema.shape);

export type Config = z.output<typeof ConfigSchema> & {
  /** DISCORD_TOKEN is set (even if malformed): `start` runs the Discord bot. */
  discordRequested?: boolean;
  /** Why the Discord settings are invalid; reported only by the commands that use Discord. */
  discordProblem?: string;
};

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const name = issue?.path.join('.') ?? 'environment';
  return `${name} ${issue?.message ?? 'is invalid'} (see .env.example)`;
}

/**
 * Parse the environment. A bad value gives one clear message naming the variable, never its value.
 * A bad Discord-only value does not stop the terminal commands: it is kept in `discordProblem` and
 * reported by requireDiscord, where Discord is used.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const core = CoreSchema.safeParse(env);
  if (!core.success) throw new RegionbotError('E_CONFIG', firstIssue(core.error));
  const discordRequested = (env.DISCORD_TOKEN ?? '').trim() !== '';
  const discord = DiscordSchema.safeParse(env);
  if (discord.success) return { ...core.data, ...discord.data, discordRequested };
  return { ...core.data, ...DiscordSchema.parse({}), discordRequested, discordProblem: firstIssue(discord.error) };
}

/** Config with the Discord variables required by `serve` and `deploy-commands`. */
export function requireDiscord(config: Config, needs: ('DISCORD_TOKEN' | 'DISCORD_CLIENT_ID')[]): void {
  if (config.discordProblem) throw new RegionbotError('E_CONFIG', config.discordProblem);
  for (const name of needs) {
    if (!config[name]) throw new RegionbotError('E_CONFIG', `${name} is not set (see .env.example)`);
  }
}
