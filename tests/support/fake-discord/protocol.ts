/**
 * Discord API v10 constants (values from the Discord documentation), snowflakes and the error
 * shapes of the REST API, limited to what regionbot's discord.js client meets.
 */

/** Loose JSON object type used for Discord payloads inside the fake. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export const API_VERSION = 10;
const DISCORD_EPOCH = 1420070400000n;

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export const GatewayClose = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

export const InteractionType = {
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
} as const;

export const CallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
} as const;

/** The callbacks Discord accepts for each interaction type. */
export const ALLOWED_CALLBACKS: Record<number, number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5],
  [InteractionType.MessageComponent]: [4, 5, 6, 7],
  [InteractionType.ApplicationCommandAutocomplete]: [8],
};

export const OptionType = {
  String: 3,
  Integer: 4,
  Boolean: 5,
  Number: 10,
} as const;

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  MessageContent: 1 << 15,
} as const;

/** Application flags for the privileged gateway intents (so READY.application.flags is plausible). */
export const AppFlag = {
  GatewayPresence: 1 << 12,
  GatewayGuildMembers: 1 << 14,
  GatewayMessageContent: 1 << 18,
} as const;

export const MessageFlag = {
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  IsComponentsV2: 1 << 15,
} as const;

export const Permission = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
} as const;

/** Permissions of a plain guild member (and of @everyone) in the fake guild. */
export const DEFAULT_MEMBER_PERMISSIONS =
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands;

export const ALL_PERMISSIONS = (1n << 51n) - 1n;

export const MAX_REQUEST_BYTES = 26 * 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

let snowflakeIncrement = 0n;
/** A real-looking 19-digit snowflake for `at` (@discordjs/rest buckets need 17-19 digits). */
export function snowflake(at: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  const ts = BigInt(at) - DISCORD_EPOCH;
  return ((ts << 22n) | (1n << 17n) | (BigInt(process.pid & 0x1f) << 12n) | snowflakeIncrement).toString();
}

/** An error answered as Discord does: `{ message, code, errors? }` with an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Json,
  ) {
    super(message);
  }
}

/** 50035 Invalid Form Body, errors nested by path segments: { embeds: { 0: { description: { _errors } } } }. */
export function formError(path: string, code: string, message: string): ApiError {
  const root: Json = {};
  let node: Json = root;
  const parts = path.split('.');
  parts.forEach((p, i) => {
    if (i === parts.length - 1) node[p] = { _errors: [{ code, message }] };
    else node = node[p] = {};
  });
  return new ApiError(400, 50035, 'Invalid Form Body', root);
}

export const unknown = {
  interaction: () => new ApiError(404, 10062, 'Unknown interaction'),
  webhook: () => new ApiError(404, 10015, 'Unknown Webhook'),
  message: () => new ApiError(404, 10008, 'Unknown Message'),
  channel: () => new ApiError(404, 10003, 'Unknown Channel'),
  command: () => new ApiError(404, 10063, 'Unknown application command'),
};

/** Length in code points, as Discord counts. */
export function strLen(v: unknown): number {
  return typeof v === 'string' ? [...v].length : 0;
}

export function nowIso(at = Date.now()): string {
  return new Date(at).toISOString().replace('Z', '+00:00');
}
