/**
 * A local stand-in for Discord's HTTP API (v10) and gateway, good enough for the
 * real discord.js v14 client to log in, receive events and answer them.
 *
 * Only 127.0.0.1 is used. One HTTP server serves REST under `/api/v10/...` and
 * upgrades every other path to the gateway websocket.
 *
 * Usage:
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [...], rest: { api: fake.apiBaseUrl } });
 *   await client.login(fake.token);            // gateway URL comes from GET /gateway/bot
 *   const ix = await fake.slashCommand('ask', [{ name: 'question', value: 'hi' }]);
 *   const msg = await fake.waitForMessage((m) => m.interaction_id === ix.id && m.content !== '');
 *
 * Behaviour copied from Discord (and relied upon by discord.js):
 * - snowflakes are real 19-digit snowflakes (@discordjs/rest buckets need 17-19 digits);
 * - REST requests other than interaction callbacks / interaction webhooks need
 *   `Authorization: Bot <token>`; a wrong token gives 401 (discord.js: TokenInvalid);
 * - gateway: HELLO, heartbeat ACKs, IDENTIFY -> READY + GUILD_CREATE, RESUME -> replay + RESUMED,
 *   close codes 4001-4014 for protocol errors, privileged-intent checks (4014),
 *   optional `compress=zlib-stream` transport and identify `compress` (zlib per payload);
 * - interaction callbacks must arrive within `interactionDeadlineMs` (default 3000, like Discord's
 *   3 s) and only once (40060), follow-ups/edits need an acknowledged interaction (10015);
 * - message validation: empty message (50006), content > 2000, > 10 embeds, embed limits,
 *   allowed_mentions parse/list conflicts, > 25 autocomplete choices (50035 Invalid Form Body);
 * - messages created by the bot are echoed as MESSAGE_CREATE on the gateway (if intents allow),
 *   content of other users' messages is blanked without the MessageContent intent unless the
 *   bot is mentioned (as Discord does).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { WebSocketServer, WebSocket, type RawData } from 'ws';

// ---------------------------------------------------------------------------------------------
// Constants (values from the Discord API documentation)
// ---------------------------------------------------------------------------------------------

/** Loose JSON object type used for Discord payloads inside the fake. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export const API_VERSION = 10;
const DISCORD_EPOCH = 1420070400000n;

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
} as const;

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
  PremiumRequired: 10,
  LaunchActivity: 12,
} as const;

export const OptionType = {
  Subcommand: 1,
  SubcommandGroup: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

export const Intent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

export const Permission = {
  CreateInstantInvite: 1n << 0n,
  Administrator: 1n << 3n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  Connect: 1n << 20n,
  Speak: 1n << 21n,
  ChangeNickname: 1n << 26n,
  UseApplicationCommands: 1n << 31n,
  CreatePublicThreads: 1n << 35n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** Permissions of a plain guild member (and of @everyone) in the fake guild. */
export const DEFAULT_MEMBER_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.Connect |
  Permission.Speak |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.CreatePublicThreads |
  Permission.SendMessagesInThreads;

const ALL_PERMISSIONS = (1n << 51n) - 1n;

const GatewayClose = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;

/** Application flags for the privileged gateway intents (so READY.application.flags is plausible). */
const AppFlag = {
  GatewayPresence: 1 << 12,
  GatewayGuildMembers: 1 << 14,
  GatewayMessageContent: 1 << 18,
} as const;

const MAX_REQUEST_BYTES = 26 * 1024 * 1024;
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const REPLAY_BUFFER = 2000;

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export type PrivilegedIntentName = 'MessageContent' | 'GuildMembers' | 'GuildPresences';

export interface FakeDiscordOptions {
  applicationId?: string;
  guildId?: string;
  channelId?: string;
  botUserId?: string;
  /** Id of the default human user who sends interactions/messages. */
  userId?: string;
  botUsername?: string;
  guildName?: string;
  channelName?: string;
  /** Extra text channels in the guild. */
  extraChannels?: Array<{ id?: string; name: string; type?: number }>;
  /** Permissions of the bot's managed role (bigint or decimal string). Default: those of a normal member. */
  botPermissions?: bigint | string;
  /** Privileged intents enabled in the "developer portal". Default: all three. */
  privilegedIntents?: PrivilegedIntentName[];
  /** HELLO heartbeat_interval. Default 41250 like Discord. */
  heartbeatIntervalMs?: number;
  /** Max time between INTERACTION_CREATE and the callback. Default 3000; null disables the check. */
  interactionDeadlineMs?: number | null;
  /** Dispatch MESSAGE_CREATE/UPDATE/DELETE for messages the bot creates/edits/deletes. Default true. */
  echoBotMessages?: boolean;
}

export interface RecordedFile {
  /** multipart field name, e.g. `files[0]` */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedRequest {
  /** 0-based position in `requests`. */
  index: number;
  at: number;
  method: string;
  /** Full path without query, percent-decoded per segment, e.g. `/api/v10/webhooks/APP/TOKEN/messages/@original`. */
  path: string;
  /** The path exactly as sent (discord.js percent-encodes e.g. `@original` as `%40original`). */
  rawPath: string;
  /** Path below `/api/v10`, e.g. `/interactions/ID/TOKEN/callback` (empty for non-API paths). */
  route: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Whether a valid `Authorization: Bot <token>` header was sent. */
  authorized: boolean;
  /** Parsed JSON body (or the parsed `payload_json` of a multipart body). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** Non-file multipart fields other than payload_json. */
  formFields: Record<string, string>;
  files: RecordedFile[];
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  response: any;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  size: number;
  content_type: string | undefined;
  description: string | undefined;
  url: string;
  bytes: Buffer;
}

export type MessageOrigin =
  | 'interaction-reply' // callback type 4
  | 'interaction-deferred' // callback type 5 (loading message, later edited)
  | 'interaction-followup'
  | 'channel' // POST /channels/:id/messages by the bot
  | 'user'; // sendMessage() by a fake human

export interface StoredMessage {
  id: string;
  channel_id: string;
  guild_id: string | null;
  author: Json;
  type: number;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  tts: boolean;
  allowed_mentions: Json | undefined;
  attachments: StoredAttachment[];
  message_reference: Json | undefined;
  /** User ids that the message actually mentions (after allowed_mentions filtering). */
  mentions: string[];
  mention_roles: string[];
  mention_everyone: boolean;
  reactions: string[];
  webhook_id: string | undefined;
  interaction_id: string | undefined;
  timestamp: string;
  edited_timestamp: string | null;
  origin: MessageOrigin;
  deleted: boolean;
  /** Earlier versions, oldest first (content/embeds/components/attachment names before each edit). */
  history: Array<{ at: number; content: string; embeds: Json[]; components: Json[]; attachments: string[]; flags: number }>;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Json;
  createdAt: number;
  /** Callback type once acknowledged. */
  callbackType: number | undefined;
  callbackAt: number | undefined;
  callbackData: Json | undefined;
  originalMessageId: string | undefined;
  followUpIds: string[];
  /** Choices sent with callback type 8. */
  autocompleteChoices: Json[] | undefined;
  /** Modal sent with callback type 9. */
  modal: Json | undefined;
}

export interface SentInteraction {
  id: string;
  token: string;
  payload: Json;
}

export interface CommandOptionInput {
  name: string;
  value?: string | number | boolean;
  /** Option type; inferred from value when omitted (string 3, integer 4, number 10, boolean 5, nested options 1). */
  type?: number;
  focused?: boolean;
  options?: CommandOptionInput[];
}

export interface InteractionOptions {
  /** Acting user (default: the fake's default user). */
  userId?: string;
  user?: Partial<Json>;
  /** Member permissions in the channel (bigint or decimal string). Default: DEFAULT_MEMBER_PERMISSIONS. */
  memberPermissions?: bigint | string;
  roles?: string[];
  channelId?: string;
  locale?: string;
  guildLocale?: string;
  /** Interaction from a DM with the bot (no guild/member). */
  dm?: boolean;
  /** Override app_permissions. */
  appPermissions?: bigint | string;
  /** Extra raw fields merged into the interaction payload last. */
  extra?: Json;
}

export interface SendMessageOptions {
  /** Extra user ids to mark as mentioned (in addition to `<@id>` in the content). */
  mentions?: string[];
  mentionRoles?: string[];
  /** Author is a bot account (a different one from ours). */
  authorBot?: boolean;
  authorId?: string;
  author?: Partial<Json>;
  channelId?: string;
  /** Message id this message replies to. */
  replyTo?: string;
  dm?: boolean;
  embeds?: Json[];
}

export type RequestMatcher = string | RegExp | ((r: { method: string; path: string; route: string }) => boolean);

export interface RateLimitOptions {
  retryAfterSeconds: number;
  global?: boolean;
  /** How many matching requests get a 429 (default 1). */
  count?: number;
  scope?: 'user' | 'shared' | 'global';
}

export interface FailureOptions {
  status: number;
  code?: number;
  message?: string;
  count?: number;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

let snowflakeIncrement = 0n;
/** A real-looking snowflake for "now". */
export function snowflake(at: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  const ts = BigInt(at) - DISCORD_EPOCH;
  return ((ts << 22n) | (1n << 17n) | (BigInt(process.pid & 0x1f) << 12n) | snowflakeIncrement).toString();
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Json,
  ) {
    super(message);
  }
}

function formError(path: string, code: string, message: string): ApiError {
  // Discord nests errors by path segments: { embeds: { 0: { description: { _errors: [...] } } } }
  const root: Json = {};
  let node: Json = root;
  const parts = path.split('.');
  parts.forEach((p, i) => {
    if (i === parts.length - 1) node[p] = { _errors: [{ code, message }] };
    else node = node[p] = {};
  });
  return new ApiError(400, 50035, 'Invalid Form Body', root);
}

const unknown = {
  interaction: () => new ApiError(404, 10062, 'Unknown interaction'),
  webhook: () => new ApiError(404, 10015, 'Unknown Webhook'),
  message: () => new ApiError(404, 10008, 'Unknown Message'),
  channel: () => new ApiError(404, 10003, 'Unknown Channel'),
  guild: () => new ApiError(404, 10004, 'Unknown Guild'),
  user: () => new ApiError(404, 10013, 'Unknown User'),
  member: () => new ApiError(404, 10007, 'Unknown Member'),
  command: () => new ApiError(404, 10063, 'Unknown application command'),
};

function toPermString(p: bigint | string | undefined, fallback: bigint): string {
  if (p === undefined) return fallback.toString();
  return BigInt(p).toString();
}

function nowIso(at = Date.now()): string {
  return new Date(at).toISOString().replace('Z', '+00:00');
}

function matches(m: RequestMatcher, r: { method: string; path: string; route: string }): boolean {
  if (typeof m === 'function') return m(r);
  const s = `${r.method} ${r.route || r.path}`;
  return typeof m === 'string' ? s.includes(m) : m.test(s);
}

function inferOptionType(o: CommandOptionInput): number {
  if (o.type !== undefined) return o.type;
  if (o.options) return OptionType.Subcommand;
  if (typeof o.value === 'boolean') return OptionType.Boolean;
  if (typeof o.value === 'number') return Number.isInteger(o.value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

function strLen(v: unknown): number {
  return typeof v === 'string' ? [...v].length : 0;
}

// ---------------------------------------------------------------------------------------------
// Gateway connection / session
// ---------------------------------------------------------------------------------------------

interface Session {
  id: string;
  seq: number;
  intents: number;
  live: boolean;
  buffer: Json[];
  conn: GatewayConnection | null;
  identifyCompress: boolean;
}

class GatewayConnection {
  session: Session | null = null;
  /** true once READY/RESUMED was sent on this connection */
  ready = false;
  identifyCompress = false;
  private deflate: zlib.Deflate | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly ws: WebSocket,
    zlibStream: boolean,
  ) {
    if (zlibStream) this.deflate = zlib.createDeflate({ chunkSize: 65535 });
  }

  send(payload: Json): Promise<void> {
    const json = JSON.stringify(payload);
    const ws = this.ws;
    if (this.deflate) {
      const deflate = this.deflate;
      this.chain = this.chain.then(
        () =>
          new Promise<void>((resolve) => {
            const chunks: Buffer[] = [];
            const onData = (c: Buffer) => chunks.push(c);
            deflate.on('data', onData);
            deflate.write(json);
            deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
              setImmediate(() => {
                deflate.off('data', onData);
                if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.concat(chunks), { binary: true });
                resolve();
              });
            });
          }),
      );
      return this.chain;
    }
    if (ws.readyState !== WebSocket.OPEN) return Promise.resolve();
    if (this.identifyCompress && payload.op === GatewayOp.Dispatch) {
      ws.send(zlib.deflateSync(json), { binary: true });
    } else {
      ws.send(json);
    }
    return Promise.resolve();
  }

  dispose(): void {
    this.deflate?.close();
    this.deflate = null;
  }
}

// ---------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------

interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Json | undefined;
  files: RecordedFile[];
  authorized: boolean;
  method: string;
}
interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  after?: () => void;
}
type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
interface Route {
  method: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handler: RouteHandler;
}

export class FakeDiscord {
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly botUserId: string;
  /** Default human user who sends interactions and messages. */
  readonly userId: string;
  readonly token: string;

  apiBaseUrl = '';
  gatewayUrl = '';
  port = 0;

  /** Every HTTP request received (REST and others), in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every message created through the fake, in creation order (edits update in place). */
  readonly messages: StoredMessage[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  /** Payloads the client sent on the gateway (heartbeats excluded). */
  readonly gatewayReceived: Array<{ at: number; op: number; d: unknown }> = [];
  /** Registered commands: key 'global' or a guild id. */
  readonly commands = new Map<string, Json[]>();

  identifyCount = 0;
  resumeCount = 0;
  heartbeatCount = 0;
  connectionCount = 0;

  readonly users = new Map<string, Json>();
  readonly channels = new Map<string, Json>();
  readonly roles: Json[] = [];

  private readonly opts: FakeDiscordOptions;
  private readonly sessions = new Map<string, Session>();
  private readonly conns = new Set<GatewayConnection>();
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  private readonly routes: Route[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly rateLimitRules: Array<{ matcher: RequestMatcher; opts: RateLimitOptions; remaining: number }> = [];
  private readonly failureRules: Array<{ matcher: RequestMatcher; opts: FailureOptions; remaining: number }> = [];
  private readonly commandIds = new Map<string, string>();
  private readonly tokenToInteraction = new Map<string, string>();
  private readonly dmChannels = new Map<string, string>(); // userId -> channel id
  private readonly application: Json;
  private readonly guild: Json;
  private readonly botRoleId: string;
  private readonly joinedAt = nowIso();
  private closed = false;

  constructor(opts: FakeDiscordOptions = {}) {
    this.opts = opts;
    this.applicationId = opts.applicationId ?? snowflake(Date.now() - 86_400_000 * 400);
    this.botUserId = opts.botUserId ?? this.applicationId;
    this.guildId = opts.guildId ?? snowflake(Date.now() - 86_400_000 * 300);
    this.channelId = opts.channelId ?? snowflake(Date.now() - 86_400_000 * 299);
    this.userId = opts.userId ?? snowflake(Date.now() - 86_400_000 * 900);
    this.botRoleId = snowflake(Date.now() - 86_400_000 * 200);
    this.token = `${Buffer.from(this.botUserId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;

    for (const id of [this.applicationId, this.guildId, this.channelId, this.botUserId, this.userId]) {
      if (!/^\d{17,19}$/.test(id)) throw new Error(`fake-discord: ids must be 17-19 digit snowflakes, got ${id}`);
    }

    const botUser = {
      id: this.botUserId,
      username: opts.botUsername ?? 'regionbot',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
      system: false,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      primary_guild: null,
    };
    this.users.set(this.botUserId, botUser);
    this.addUser({ id: this.userId, username: 'tester', global_name: 'Tester' });

    const priv = opts.privilegedIntents ?? ['MessageContent', 'GuildMembers', 'GuildPresences'];
    let flags = 0;
    if (priv.includes('MessageContent')) flags |= AppFlag.GatewayMessageContent;
    if (priv.includes('GuildMembers')) flags |= AppFlag.GatewayGuildMembers;
    if (priv.includes('GuildPresences')) flags |= AppFlag.GatewayPresence;
    this.application = {
      id: this.applicationId,
      name: botUser.username,
      icon: null,
      description: '',
      summary: '',
      type: null,
      hook: true,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: randomBytes(32).toString('hex'),
      flags,
      owner: { ...(this.users.get(this.userId) as Json) },
      team: null,
      guild_id: null,
      tags: [],
      install_params: undefined,
      integration_types_config: { '0': {} },
      redirect_uris: [],
      interactions_endpoint_url: null,
      role_connections_verification_url: null,
      approximate_guild_count: 1,
      approximate_user_install_count: 0,
      bot: botUser,
    };

    const everyonePerms = DEFAULT_MEMBER_PERMISSIONS;
    const botPerms = opts.botPermissions === undefined ? DEFAULT_MEMBER_PERMISSIONS : BigInt(opts.botPermissions);
    this.roles.push(
      this.makeRole(this.guildId, '@everyone', everyonePerms, 0, {}),
      this.makeRole(this.botRoleId, botUser.username, botPerms, 1, { bot_id: this.botUserId }),
    );

    const mkChannel = (id: string, name: string, position: number, type = 0): Json => ({
      id,
      type,
      guild_id: this.guildId,
      name,
      position,
      flags: 0,
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      permission_overwrites: [],
      default_thread_rate_limit_per_user: 0,
      default_auto_archive_duration: 4320,
    });
    this.channels.set(this.channelId, mkChannel(this.channelId, opts.channelName ?? 'general', 0));
    (opts.extraChannels ?? []).forEach((c, i) => {
      const id = c.id ?? snowflake();
      this.channels.set(id, mkChannel(id, c.name, i + 1, c.type ?? 0));
    });

    this.guild = {
      id: this.guildId,
      name: opts.guildName ?? 'Fake Guild',
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: this.userId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: this.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_presences: null,
      max_members: 25000000,
      vanity_url_code: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      nsfw: false,
      premium_progress_bar_enabled: false,
      incidents_data: null,
      emojis: [],
      stickers: [],
      region: 'deprecated',
      hub_type: null,
      latest_onboarding_question_id: null,
    };

    this.server = http.createServer((req, res) => {
      this.handleHttp(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: `500: Internal Server Error (fake: ${String(err)})`, code: 0 }));
        }
      });
    });
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws, url));
    });
    this.registerRoutes();
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.apiBaseUrl = `http://127.0.0.1:${this.port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${this.port}`;
    return this;
  }

  // -------------------------------------------------------------------------------------------
  // Public helpers: state
  // -------------------------------------------------------------------------------------------

  get botUser(): Json {
    return this.users.get(this.botUserId) as Json;
  }

  /** Registers (or updates) a user that can appear in interactions/messages/mentions. */
  addUser(u: Partial<Json> & { id?: string }): Json {
    const id = u.id ?? snowflake();
    const user: Json = {
      id,
      username: `user${id.slice(-4)}`,
      global_name: null,
      discriminator: '0',
      avatar: null,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
      primary_guild: null,
      ...this.users.get(id),
      ...u,
    };
    this.users.set(id, user);
    return user;
  }

  /** `<@id>` mention markup (default: the bot). */
  mention(userId: string = this.botUserId): string {
    return `<@${userId}>`;
  }

  getMessage(id: string): StoredMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  /** Messages authored by the bot (not deleted). */
  botMessages(): StoredMessage[] {
    return this.messages.filter((m) => m.author.id === this.botUserId && !m.deleted);
  }

  getInteraction(id: string): InteractionRecord | undefined {
    return this.interactions.get(id);
  }

  /** The message the interaction's `@original` currently points to. */
  originalMessage(interactionId: string): StoredMessage | undefined {
    const id = this.interactions.get(interactionId)?.originalMessageId;
    return id ? this.getMessage(id) : undefined;
  }

  /** Whether at least one gateway session is connected and READY/RESUMED. */
  get gatewayConnected(): boolean {
    for (const s of this.sessions.values()) if (s.live && s.conn?.ready) return true;
    return false;
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  // -------------------------------------------------------------------------------------------
  // Public helpers: waiting
  // -------------------------------------------------------------------------------------------

  /**
   * Resolves with the value of `check` as soon as it is truthy; re-evaluated whenever the fake's
   * state changes (request recorded, message created/edited, gateway event) and every 25 ms.
   */
  waitUntil<T>(check: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(tick);
        fn();
      };
      const tick = () => {
        let v: T | undefined | null | false;
        try {
          v = check();
        } catch (err) {
          finish(() => reject(err));
          return;
        }
        if (v) finish(() => resolve(v as T));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}. ${this.describeRecent()}`))),
        timeoutMs,
      );
      const poll = setInterval(tick, 25);
      this.waiters.add(tick);
    });
  }

  /**
   * First recorded request (at index >= `fromIndex`, default 0) matching `pred`; waits for it if
   * none has arrived yet. Use something unique (an interaction id) in the predicate or pass
   * `fromIndex: fake.requests.length` taken before the action.
   */
  waitForRequest(pred: (r: RecordedRequest) => boolean, timeoutMs = 5000, fromIndex = 0): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find((r) => r.index >= fromIndex && pred(r)), timeoutMs, 'a matching request');
  }

  /** A stored message matching `pred` (checked on create and on every edit). */
  waitForMessage(pred: (m: StoredMessage) => boolean, timeoutMs = 5000): Promise<StoredMessage> {
    return this.waitUntil(() => this.messages.find((m) => pred(m)), timeoutMs, 'a matching message');
  }

  /** The successful (2xx) callback request for an interaction. */
  waitForCallback(interactionId: string, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.waitForRequest(
      (r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interactionId}/`) && r.status < 300,
      timeoutMs,
    );
  }

  /** Waits until a gateway session is connected and READY/RESUMED. */
  waitForGateway(timeoutMs = 5000): Promise<true> {
    return this.waitUntil(() => this.gatewayConnected, timeoutMs, 'a connected gateway session');
  }

  // -------------------------------------------------------------------------------------------
  // Public helpers: fault injection
  // -------------------------------------------------------------------------------------------

  /**
   * The next `count` (default 1) requests matching `matcher` get HTTP 429 with Discord's headers
   * (Retry-After, X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket/Scope, X-RateLimit-Global)
   * and body `{ message, retry_after, global }`. A string matcher is a substring of
   * `"METHOD /route"` (e.g. `'/callback'` or `'POST /channels/'`).
   * Note: Retry-After is sent with the given (possibly fractional) value so tests stay fast;
   * Discord itself rounds the header up to whole seconds.
   */
  rateLimitNext(matcher: RequestMatcher, opts: RateLimitOptions): void {
    this.rateLimitRules.push({ matcher, opts, remaining: opts.count ?? 1 });
  }

  /** The next `count` matching requests fail with the given status/code (e.g. 403 50013, 500). */
  failNext(matcher: RequestMatcher, opts: FailureOptions): void {
    this.failureRules.push({ matcher, opts, remaining: opts.count ?? 1 });
  }

  /**
   * Closes gateway connections. `code` defaults to 4000 (client resumes); 1000/1001 invalidate the
   * session (client re-identifies); `'abrupt'` kills the TCP socket without a close frame (1006,
   * client resumes).
   */
  disconnectGateway(code: number | 'abrupt' = GatewayClose.UnknownError): void {
    for (const conn of this.conns) {
      if (code === 'abrupt') conn.ws.terminate();
      else conn.ws.close(code, 'fake-discord disconnect');
      if (typeof code === 'number' && (code === 1000 || code === 1001) && conn.session) conn.session.live = false;
    }
  }

  /** Sends op 7 RECONNECT (client closes and resumes). */
  requestReconnect(): void {
    for (const conn of this.conns) void conn.send({ op: GatewayOp.Reconnect, d: null, s: null, t: null });
  }

  /** Sends op 9 INVALID_SESSION. With resumable=false the session is dropped and the client re-identifies. */
  invalidateSession(resumable = false): void {
    for (const conn of this.conns) {
      const s = conn.session;
      if (s) {
        // Detach so the client may send RESUME (resumable) or IDENTIFY on this or a new connection.
        if (!resumable) s.live = false;
        if (s.conn === conn) s.conn = null;
        conn.session = null;
        conn.ready = false;
      }
      void conn.send({ op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** Sends op 1 (the client must answer with a heartbeat immediately). */
  requestHeartbeat(): void {
    for (const conn of this.conns) void conn.send({ op: GatewayOp.Heartbeat, d: null, s: null, t: null });
  }

  /** Dispatches an arbitrary gateway event to every live session (`intent` filters like Discord does). */
  dispatch(t: string, d: Json, intent?: number): number {
    let delivered = 0;
    for (const s of this.sessions.values()) {
      if (!s.live) continue;
      if (intent !== undefined && (s.intents & intent) === 0) continue;
      this.dispatchTo(s, t, typeof d === 'object' ? structuredClone(d) : d);
      delivered++;
    }
    this.notify();
    return delivered;
  }

  // -------------------------------------------------------------------------------------------
  // Public helpers: what users do
  // -------------------------------------------------------------------------------------------

  /**
   * Dispatches INTERACTION_CREATE. `partial` is merged over sensible defaults (guild member with
   * permissions, user, channel, locale, app_permissions, entitlements, context...).
   * Throws if no gateway session exists (log the client in first).
   */
  async sendInteraction(partial: Json & { type: number }, opts: InteractionOptions = {}): Promise<SentInteraction> {
    if (![...this.sessions.values()].some((s) => s.live)) {
      throw new Error('fake-discord: no gateway session; log a client in (and wait for ready) first');
    }
    const id = snowflake();
    // Real tokens are base64 of "interaction:<id>:<secret>" (URL-safe, no ':' on the wire).
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const user = this.addUser({ ...(opts.userId ? { id: opts.userId } : { id: this.userId }), ...opts.user });
    const channelId = opts.channelId ?? this.channelId;
    const memberPerms = toPermString(opts.memberPermissions, DEFAULT_MEMBER_PERMISSIONS);
    const base: Json = {
      id,
      application_id: this.applicationId,
      token,
      version: 1,
      locale: opts.locale ?? 'en-US',
      app_permissions: toPermString(opts.appPermissions, this.botPermissions()),
      entitlements: [],
      attachment_size_limit: MAX_ATTACHMENT_BYTES,
    };
    if (opts.dm) {
      const dmId = this.dmChannelFor(user.id as string);
      Object.assign(base, {
        user,
        channel_id: dmId,
        channel: { id: dmId, type: 1, flags: 0, last_message_id: null, recipients: [user] },
        context: 1,
        authorizing_integration_owners: { '0': this.guildId },
      });
    } else {
      const channel = this.channels.get(channelId);
      if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
      Object.assign(base, {
        guild_id: this.guildId,
        guild: { id: this.guildId, locale: opts.guildLocale ?? 'en-US', features: [] },
        guild_locale: opts.guildLocale ?? 'en-US',
        channel_id: channelId,
        channel: { ...channel },
        member: {
          user,
          roles: opts.roles ?? [],
          premium_since: null,
          permissions: memberPerms,
          pending: false,
          nick: null,
          mute: false,
          deaf: false,
          joined_at: this.joinedAt,
          flags: 0,
          avatar: null,
          banner: null,
          communication_disabled_until: null,
          unusual_dm_activity_until: null,
        },
        context: 0,
        authorizing_integration_owners: { '0': this.guildId },
      });
    }
    const payload: Json = { ...base, ...partial, ...opts.extra };
    payload.id = id;
    payload.token = token;
    const record: InteractionRecord = {
      id,
      token,
      type: payload.type as number,
      payload,
      createdAt: Date.now(),
      callbackType: undefined,
      callbackAt: undefined,
      callbackData: undefined,
      originalMessageId: undefined,
      followUpIds: [],
      autocompleteChoices: undefined,
      modal: undefined,
    };
    this.interactions.set(id, record);
    this.tokenToInteraction.set(token, id);
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, payload };
  }

  /** A CHAT_INPUT command (`name` may be `"cmd sub"` or `"cmd group sub"` for subcommands). */
  slashCommand(name: string, options: CommandOptionInput[] = [], opts: InteractionOptions = {}): Promise<SentInteraction> {
    return this.sendInteraction(
      { type: InteractionType.ApplicationCommand, data: this.commandData(name, options, opts, false) },
      opts,
    );
  }

  /** An APPLICATION_COMMAND_AUTOCOMPLETE interaction. If no option has `focused`, the last one is focused. */
  autocomplete(name: string, options: CommandOptionInput[], opts: InteractionOptions = {}): Promise<SentInteraction> {
    return this.sendInteraction(
      { type: InteractionType.ApplicationCommandAutocomplete, data: this.commandData(name, options, opts, true) },
      opts,
    );
  }

  /** A button click on a stored message (default: the latest non-ephemeral bot message in the channel). */
  button(customId: string, opts: InteractionOptions & { messageId?: string } = {}): Promise<SentInteraction> {
    return this.componentInteraction({ custom_id: customId, component_type: 2 }, opts);
  }

  /** A string select menu choice on a stored message. */
  selectMenu(customId: string, values: string[], opts: InteractionOptions & { messageId?: string } = {}): Promise<SentInteraction> {
    return this.componentInteraction({ custom_id: customId, component_type: 3, values }, opts);
  }

  /** A MODAL_SUBMIT with text inputs `{ custom_id: value }`. */
  modalSubmit(customId: string, fields: Record<string, string>, opts: InteractionOptions = {}): Promise<SentInteraction> {
    return this.sendInteraction(
      {
        type: InteractionType.ModalSubmit,
        data: {
          custom_id: customId,
          components: Object.entries(fields).map(([cid, value]) => ({
            type: 1,
            id: 1,
            components: [{ type: 4, id: 2, custom_id: cid, value }],
          })),
        },
      },
      opts,
    );
  }

  /** A user posts a message (dispatches MESSAGE_CREATE). */
  async sendMessage(content: string, opts: SendMessageOptions = {}): Promise<{ id: string; message: StoredMessage }> {
    const authorId = opts.authorId ?? this.userId;
    const author = this.addUser({ id: authorId, ...(opts.authorBot ? { bot: true } : {}), ...opts.author });
    let channelId = opts.channelId ?? this.channelId;
    let guildId: string | null = this.guildId;
    if (opts.dm) {
      channelId = this.dmChannelFor(authorId);
      guildId = null;
    } else if (!this.channels.has(channelId)) {
      throw new Error(`fake-discord: unknown channel ${channelId}`);
    }
    let reference: Json | undefined;
    if (opts.replyTo) {
      const ref = this.getMessage(opts.replyTo);
      if (!ref) throw new Error(`fake-discord: replyTo unknown message ${opts.replyTo}`);
      reference = { type: 0, message_id: ref.id, channel_id: ref.channel_id, ...(ref.guild_id ? { guild_id: ref.guild_id } : {}) };
    }
    const parsed = this.parseMentions(content);
    const mentions = [...new Set([...parsed.users, ...(opts.mentions ?? [])])];
    if (reference) {
      const refAuthor = this.getMessage(reference.message_id as string)?.author.id as string | undefined;
      if (refAuthor && !mentions.includes(refAuthor)) mentions.push(refAuthor);
    }
    const msg: StoredMessage = {
      id: snowflake(),
      channel_id: channelId,
      guild_id: guildId,
      author,
      type: reference ? 19 : 0,
      content,
      embeds: opts.embeds ?? [],
      components: [],
      flags: 0,
      tts: false,
      allowed_mentions: undefined,
      attachments: [],
      message_reference: reference,
      mentions,
      mention_roles: [...new Set([...parsed.roles, ...(opts.mentionRoles ?? [])])],
      mention_everyone: parsed.everyone,
      reactions: [],
      webhook_id: undefined,
      interaction_id: undefined,
      timestamp: nowIso(),
      edited_timestamp: null,
      origin: 'user',
      deleted: false,
      history: [],
    };
    this.messages.push(msg);
    this.touchChannel(msg);
    this.echo('MESSAGE_CREATE', msg);
    this.notify();
    return { id: msg.id, message: msg };
  }

  /** Stops the servers: terminates websockets and HTTP sockets. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.conns) {
      conn.ws.terminate();
      conn.dispose();
    }
    this.conns.clear();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    await Promise.race([closed, new Promise<void>((r) => setTimeout(r, 2000).unref())]);
    for (const w of [...this.waiters]) w();
  }

  // -------------------------------------------------------------------------------------------
  // Gateway
  // -------------------------------------------------------------------------------------------

  private onGatewayConnection(ws: WebSocket, url: URL): void {
    if (this.closed) {
      ws.terminate();
      return;
    }
    this.connectionCount++;
    const conn = new GatewayConnection(ws, url.searchParams.get('compress') === 'zlib-stream');
    this.conns.add(conn);
    const v = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';

    ws.on('close', (code: number) => {
      this.conns.delete(conn);
      conn.dispose();
      const s = conn.session;
      if (s && s.conn === conn) {
        s.conn = null;
        // A client closing with 1000/1001 ends its session (Discord invalidates it).
        if (code === 1000 || code === 1001) s.live = false;
      }
      this.notify();
    });
    ws.on('error', () => undefined);

    if (v !== null && v !== String(API_VERSION)) {
      ws.close(GatewayClose.InvalidApiVersion, 'Invalid API version');
      return;
    }
    if (encoding !== 'json') {
      ws.close(GatewayClose.DecodeError, 'fake-discord supports encoding=json only');
      return;
    }

    ws.on('message', (data: RawData, isBinary: boolean) => this.onGatewayMessage(conn, data, isBinary));
    void conn.send({
      op: GatewayOp.Hello,
      d: { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 41250, _trace: ['["fake-gateway",{"micros":0}]'] },
      s: null,
      t: null,
    });
  }

  private onGatewayMessage(conn: GatewayConnection, data: RawData, isBinary: boolean): void {
    let payload: Json;
    try {
      if (isBinary) throw new Error('binary');
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      payload = JSON.parse(text) as Json;
      if (typeof payload !== 'object' || payload === null || typeof payload.op !== 'number') throw new Error('shape');
    } catch {
      conn.ws.close(GatewayClose.DecodeError, 'Error while decoding payload.');
      return;
    }
    const op = payload.op as number;
    if (op !== GatewayOp.Heartbeat) this.gatewayReceived.push({ at: Date.now(), op, d: payload.d });

    switch (op) {
      case GatewayOp.Heartbeat:
        this.heartbeatCount++;
        void conn.send({ op: GatewayOp.HeartbeatAck, d: null, s: null, t: null });
        break;
      case GatewayOp.Identify:
        this.onIdentify(conn, (payload.d ?? {}) as Json);
        break;
      case GatewayOp.Resume:
        this.onResume(conn, (payload.d ?? {}) as Json);
        break;
      case GatewayOp.PresenceUpdate:
      case GatewayOp.VoiceStateUpdate:
      case GatewayOp.RequestSoundboardSounds:
        if (!conn.session) conn.ws.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
        break;
      case GatewayOp.RequestGuildMembers: {
        const s = conn.session;
        if (!s) {
          conn.ws.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
          break;
        }
        const d = (payload.d ?? {}) as Json;
        const ids = Array.isArray(d.user_ids) ? (d.user_ids as string[]) : typeof d.user_ids === 'string' ? [d.user_ids] : null;
        const members = [...this.users.values()]
          .filter((u) => (ids ? ids.includes(u.id as string) : true))
          .map((u) => this.memberFor(u.id as string, true));
        this.dispatchTo(s, 'GUILD_MEMBERS_CHUNK', {
          guild_id: this.guildId,
          members,
          chunk_index: 0,
          chunk_count: 1,
          not_found: ids ? ids.filter((i) => !this.users.has(i)) : [],
          ...(d.nonce ? { nonce: d.nonce } : {}),
        });
        break;
      }
      default:
        conn.ws.close(GatewayClose.UnknownOpcode, 'Unknown opcode.');
    }
    this.notify();
  }

  private onIdentify(conn: GatewayConnection, d: Json): void {
    if (conn.session) {
      conn.ws.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (String(d.token ?? '').replace(/^Bot\s+/i, '') !== this.token) {
      conn.ws.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const intents = Number(d.intents);
    if (!Number.isInteger(intents) || intents < 0 || intents >= 2 ** 26) {
      conn.ws.close(GatewayClose.InvalidIntents, 'Invalid intent(s).');
      return;
    }
    const flags = this.application.flags as number;
    const privileged: Array<[number, number]> = [
      [Intent.MessageContent, AppFlag.GatewayMessageContent],
      [Intent.GuildMembers, AppFlag.GatewayGuildMembers],
      [Intent.GuildPresences, AppFlag.GatewayPresence],
    ];
    if (privileged.some(([intent, flag]) => (intents & intent) !== 0 && (flags & flag) === 0)) {
      conn.ws.close(GatewayClose.DisallowedIntents, 'Disallowed intent(s).');
      return;
    }
    this.identifyCount++;
    conn.identifyCompress = d.compress === true;
    const session: Session = {
      id: randomBytes(16).toString('hex'),
      seq: 0,
      intents,
      live: true,
      buffer: [],
      conn,
      identifyCompress: conn.identifyCompress,
    };
    this.sessions.set(session.id, session);
    conn.session = session;

    const shard = Array.isArray(d.shard) ? d.shard : [0, 1];
    this.dispatchTo(
      session,
      'READY',
      {
        v: API_VERSION,
        user_settings: {},
        user: { ...this.botUser, verified: true, mfa_enabled: false, email: null, locale: 'en-US', premium_type: 0 },
        guilds: [{ id: this.guildId, unavailable: true }],
        presences: [],
        private_channels: [],
        relationships: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: ['fake-local'],
        game_relationships: [],
        session_type: 'normal',
        session_id: session.id,
        static_client_session_id: randomBytes(16).toString('hex'),
        resume_gateway_url: this.gatewayUrl,
        shard,
        application: { id: this.applicationId, flags },
        auth: {},
        _trace: ['["fake-gateway",{"micros":0}]'],
      },
      true,
    );
    conn.ready = true;
    if (intents & Intent.Guilds) this.dispatchTo(session, 'GUILD_CREATE', this.guildCreatePayload(intents));
  }

  private onResume(conn: GatewayConnection, d: Json): void {
    if (conn.session) {
      conn.ws.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (String(d.token ?? '').replace(/^Bot\s+/i, '') !== this.token) {
      conn.ws.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const s = this.sessions.get(String(d.session_id));
    const seq = Number(d.seq ?? 0);
    const oldest = s?.buffer[0]?.s as number | undefined;
    if (!s || !s.live || (oldest !== undefined && oldest > seq + 1)) {
      void conn.send({ op: GatewayOp.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (s.conn && s.conn !== conn) {
      const old = s.conn;
      old.session = null;
      old.ws.close(GatewayClose.UnknownError, 'Session resumed elsewhere');
    }
    this.resumeCount++;
    s.conn = conn;
    conn.session = s;
    conn.identifyCompress = s.identifyCompress;
    for (const p of s.buffer) if ((p.s as number) > seq) void conn.send(p);
    conn.ready = true;
    this.dispatchTo(s, 'RESUMED', { _trace: ['["fake-gateway",{"micros":0}]'] });
  }

  private dispatchTo(s: Session, t: string, d: unknown, force = false): void {
    s.seq++;
    const p = { op: GatewayOp.Dispatch, t, s: s.seq, d };
    s.buffer.push(p);
    if (s.buffer.length > REPLAY_BUFFER) s.buffer.shift();
    if (s.conn && (s.conn.ready || force)) void s.conn.send(p);
  }

  private guildCreatePayload(intents: number): Json {
    const memberIds = intents & Intent.GuildMembers ? [...this.users.keys()] : [this.botUserId];
    return {
      ...structuredClone(this.guild),
      roles: structuredClone(this.roles),
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      lazy: true,
      member_count: this.users.size,
      voice_states: [],
      members: memberIds.map((id) => this.memberFor(id, true)),
      channels: [...this.channels.values()].map((c) => {
        const { guild_id: _g, ...rest } = c;
        return structuredClone(rest);
      }),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      activity_instances: [],
      application_command_counts: {},
      home_header: null,
      version: Date.now(),
    };
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  private async handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const method = (req.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const prefix = `/api/v${API_VERSION}`;
    const decodedPath = url.pathname
      .split('/')
      .map((seg) => {
        try {
          return decodeURIComponent(seg);
        } catch {
          return seg;
        }
      })
      .join('/');
    const route = decodedPath.startsWith(`${prefix}/`) ? decodedPath.slice(prefix.length) : '';

    const rec: RecordedRequest = {
      index: -1,
      at: Date.now(),
      method,
      path: decodedPath,
      rawPath: url.pathname,
      route,
      query,
      headers,
      authorized: headers.authorization === `Bot ${this.token}`,
      body: undefined,
      formFields: {},
      files: [],
      status: 0,
      response: undefined,
    };

    let result: RouteResult;
    try {
      const raw = await readBody(req, MAX_REQUEST_BYTES);
      if (raw === null) throw new ApiError(413, 40005, 'Request entity too large');
      await parseBody(raw, headers['content-type'] ?? '', rec);
      result = await this.route(rec);
    } catch (err) {
      result = errorResult(err);
    }

    const status = result.status ?? 200;
    rec.status = status;
    rec.response = result.body;
    rec.index = this.requests.length;
    this.requests.push(rec);

    const outHeaders: Record<string, string> = { via: '1.1 fake-discord', ...result.headers };
    if (Buffer.isBuffer(result.body)) {
      res.writeHead(status, outHeaders);
      res.end(result.body);
    } else if (status === 204 || result.body === undefined) {
      res.writeHead(status === 200 ? 204 : status, outHeaders);
      res.end();
    } else {
      res.writeHead(status, { 'content-type': 'application/json', ...outHeaders });
      res.end(JSON.stringify(result.body));
    }
    this.notify();
    if (result.after) setImmediate(result.after);
  }

  private async route(rec: RecordedRequest): Promise<RouteResult> {
    // attachment downloads (CDN stand-in)
    if (rec.method === 'GET' && rec.path.startsWith('/attachments/')) {
      const id = rec.path.split('/')[3];
      for (const m of this.messages) {
        const a = m.attachments.find((x) => x.id === id);
        if (a) return { status: 200, body: a.bytes, headers: { 'content-type': a.content_type ?? 'application/octet-stream' } };
      }
      return { status: 404, body: { message: '404: Not Found', code: 0 } };
    }
    if (!rec.route) return { status: 404, body: { message: '404: Not Found', code: 0 } };

    for (const rule of this.rateLimitRules) {
      if (rule.remaining > 0 && matches(rule.matcher, rec)) {
        rule.remaining--;
        return rateLimitResult(rule.opts, rec.route);
      }
    }
    for (const rule of this.failureRules) {
      if (rule.remaining > 0 && matches(rule.matcher, rec)) {
        rule.remaining--;
        throw new ApiError(rule.opts.status, rule.opts.code ?? 0, rule.opts.message ?? `${rule.opts.status}: fake failure`);
      }
    }

    let pathMatched = false;
    for (const r of this.routes) {
      const m = r.regex.exec(rec.route);
      if (!m) continue;
      pathMatched = true;
      if (r.method !== rec.method) continue;
      if (r.auth && !rec.authorized) throw new ApiError(401, 0, '401: Unauthorized');
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => (params[k] = m[i + 1] ?? ''));
      const result = await r.handler({
        params,
        query: rec.query,
        body: rec.body as Json | undefined,
        files: rec.files,
        authorized: rec.authorized,
        method: rec.method,
      });
      if (result.status === undefined || (result.status >= 200 && result.status < 300)) {
        result.headers = { ...bucketHeaders(rec.route), ...result.headers };
      }
      return result;
    }
    if (pathMatched) return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  private on(method: string, pattern: string, handler: RouteHandler, auth = true): void {
    const keys: string[] = [];
    const src = pattern
      .split('/')
      .map((seg) => {
        if (seg.startsWith(':')) {
          keys.push(seg.slice(1));
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, regex: new RegExp(`^${src}/?$`), keys, auth, handler });
  }

  private registerRoutes(): void {
    // --- gateway discovery
    this.on('GET', '/gateway', () => ({ body: { url: this.gatewayUrl } }), false);
    this.on('GET', '/gateway/bot', () => ({
      body: {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000 - this.identifyCount, reset_after: 86_400_000, max_concurrency: 1 },
      },
    }));

    // --- users / application
    this.on('GET', '/users/@me', () => ({ body: { ...this.botUser, verified: true, mfa_enabled: false, email: null, locale: 'en-US' } }));
    this.on('GET', '/users/:userId', ({ params }) => {
      const u = this.users.get(params.userId ?? '');
      if (!u) throw unknown.user();
      return { body: u };
    });
    this.on('POST', '/users/@me/channels', ({ body }) => {
      const rid = String(body?.recipient_id ?? '');
      const u = this.users.get(rid);
      if (!u) throw formError('recipient_id', 'NUMBER_TYPE_COERCE', `Value "${rid}" is not snowflake.`);
      const id = this.dmChannelFor(rid);
      return { body: this.channels.get(id) };
    });
    this.on('GET', '/applications/@me', () => ({ body: this.application }));
    this.on('PATCH', '/applications/@me', ({ body }) => {
      Object.assign(this.application, body ?? {});
      return { body: this.application };
    });
    this.on('GET', '/oauth2/applications/@me', () => ({ body: this.application }));

    // --- commands
    const cmdKey = (p: Record<string, string>) => p.guildId ?? 'global';
    const checkApp = (p: Record<string, string>) => {
      if (p.appId !== this.applicationId) throw new ApiError(403, 50001, 'Missing Access');
      if (p.guildId !== undefined && p.guildId !== this.guildId) throw new ApiError(403, 50001, 'Missing Access');
    };
    for (const base of ['/applications/:appId/commands', '/applications/:appId/guilds/:guildId/commands']) {
      this.on('GET', base, ({ params }) => {
        checkApp(params);
        return { body: this.commands.get(cmdKey(params)) ?? [] };
      });
      this.on('PUT', base, ({ params, body }) => {
        checkApp(params);
        if (!Array.isArray(body)) throw formError('_root', 'BASE_TYPE_ARRAY', 'Must be an array.');
        const seen = new Set<string>();
        const out = (body as Json[]).map((c, i) => {
          validateCommand(c, String(i));
          const key = `${c.type ?? 1}:${c.name}`;
          if (seen.has(key)) throw formError(String(i), 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
          seen.add(key);
          return this.materializeCommand(c, params.guildId);
        });
        this.commands.set(cmdKey(params), out);
        return { body: out };
      });
      this.on('POST', base, ({ params, body }) => {
        checkApp(params);
        validateCommand(body ?? {}, '_root');
        const list = this.commands.get(cmdKey(params)) ?? [];
        const cmd = this.materializeCommand(body ?? {}, params.guildId);
        const i = list.findIndex((c) => c.name === cmd.name && c.type === cmd.type);
        if (i >= 0) list[i] = cmd;
        else list.push(cmd);
        this.commands.set(cmdKey(params), list);
        return { status: i >= 0 ? 200 : 201, body: cmd };
      });
      this.on('GET', `${base}/:cmdId`, ({ params }) => {
        checkApp(params);
        const c = (this.commands.get(cmdKey(params)) ?? []).find((x) => x.id === params.cmdId);
        if (!c) throw unknown.command();
        return { body: c };
      });
      this.on('PATCH', `${base}/:cmdId`, ({ params, body }) => {
        checkApp(params);
        const list = this.commands.get(cmdKey(params)) ?? [];
        const i = list.findIndex((x) => x.id === params.cmdId);
        if (i < 0) throw unknown.command();
        const merged = { ...list[i], ...body };
        validateCommand(merged, '_root');
        list[i] = this.materializeCommand(merged, params.guildId);
        return { body: list[i] };
      });
      this.on('DELETE', `${base}/:cmdId`, ({ params }) => {
        checkApp(params);
        const list = this.commands.get(cmdKey(params)) ?? [];
        const i = list.findIndex((x) => x.id === params.cmdId);
        if (i < 0) throw unknown.command();
        list.splice(i, 1);
        return { status: 204 };
      });
    }

    // --- interactions
    this.on('POST', '/interactions/:id/:token/callback', (ctx) => this.onCallback(ctx), false);
    this.on('POST', '/webhooks/:appId/:token', (ctx) => this.onFollowUp(ctx), false);
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      this.on(method, '/webhooks/:appId/:token/messages/:messageId', (ctx) => this.onWebhookMessage(ctx), false);
    }

    // --- guild
    this.on('GET', '/guilds/:guildId', ({ params }) => {
      if (params.guildId !== this.guildId) throw unknown.guild();
      return { body: { ...this.guild, roles: this.roles } };
    });
    this.on('GET', '/guilds/:guildId/channels', ({ params }) => {
      if (params.guildId !== this.guildId) throw unknown.guild();
      return { body: [...this.channels.values()].filter((c) => c.guild_id === this.guildId) };
    });
    this.on('GET', '/guilds/:guildId/roles', ({ params }) => {
      if (params.guildId !== this.guildId) throw unknown.guild();
      return { body: this.roles };
    });
    this.on('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
      if (params.guildId !== this.guildId) throw unknown.guild();
      if (!this.users.has(params.userId ?? '')) throw unknown.member();
      return { body: this.memberFor(params.userId as string, true) };
    });

    // --- channels & messages
    const channel = (id: string | undefined): Json => {
      const c = this.channels.get(id ?? '');
      if (!c) throw unknown.channel();
      return c;
    };
    const channelMessage = (cid: string | undefined, mid: string | undefined): StoredMessage => {
      channel(cid);
      const m = this.getMessage(mid ?? '');
      if (!m || m.deleted || m.channel_id !== cid) throw unknown.message();
      return m;
    };
    this.on('GET', '/channels/:channelId', ({ params }) => ({ body: channel(params.channelId) }));
    this.on('POST', '/channels/:channelId/typing', ({ params }) => {
      channel(params.channelId);
      return { status: 204 };
    });
    this.on('GET', '/channels/:channelId/messages', ({ params, query }) => {
      const c = channel(params.channelId);
      const limit = Math.min(Number(query.limit ?? 50), 100);
      const list = this.messages
        .filter((m) => m.channel_id === c.id && !m.deleted && !(m.flags & MessageFlag.Ephemeral))
        .reverse()
        .slice(0, limit)
        .map((m) => this.apiMessage(m));
      return { body: list };
    });
    this.on('POST', '/channels/:channelId/messages', ({ params, body, files }) => {
      const c = channel(params.channelId);
      const data = body ?? {};
      let referenced: StoredMessage | undefined;
      if (data.message_reference?.message_id) {
        referenced = this.getMessage(String(data.message_reference.message_id));
        if ((!referenced || referenced.deleted) && data.message_reference.fail_if_not_exists !== false) {
          throw formError('message_reference', 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
        }
      }
      if (data.flags !== undefined && (Number(data.flags) & MessageFlag.Ephemeral) !== 0) {
        throw formError('flags', 'MESSAGE_FLAGS_INVALID', 'Ephemeral flag is only valid for interaction responses');
      }
      const msg = this.createMessage({
        channelId: c.id as string,
        data,
        files,
        origin: 'channel',
        referenced: referenced && !referenced.deleted ? referenced : undefined,
      });
      return { body: this.apiMessage(msg, true), after: () => this.echo('MESSAGE_CREATE', msg) };
    });
    this.on('GET', '/channels/:channelId/messages/:messageId', ({ params }) => ({
      body: this.apiMessage(channelMessage(params.channelId, params.messageId), true),
    }));
    this.on('PATCH', '/channels/:channelId/messages/:messageId', ({ params, body, files }) => {
      const m = channelMessage(params.channelId, params.messageId);
      if (m.author.id !== this.botUserId) throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
      this.editMessage(m, body ?? {}, files);
      return { body: this.apiMessage(m, true), after: () => this.echo('MESSAGE_UPDATE', m) };
    });
    this.on('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
      const m = channelMessage(params.channelId, params.messageId);
      m.deleted = true;
      return { status: 204, after: () => this.echoDelete(m) };
    });
    for (const method of ['PUT', 'DELETE']) {
      this.on(method, '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', ({ params, method: mth }) => {
        const m = channelMessage(params.channelId, params.messageId);
        const emoji = params.emoji as string;
        if (mth === 'PUT' && !m.reactions.includes(emoji)) m.reactions.push(emoji);
        if (mth === 'DELETE') m.reactions = m.reactions.filter((e) => e !== emoji);
        return { status: 204 };
      });
    }
  }

  // -------------------------------------------------------------------------------------------
  // Interaction endpoints
  // -------------------------------------------------------------------------------------------

  private onCallback({ params, body, files, query }: RouteContext): RouteResult {
    const ix = this.interactions.get(params.id ?? '');
    if (!ix || ix.token !== params.token) throw unknown.interaction();
    if (ix.callbackType !== undefined) throw new ApiError(400, 40060, 'Interaction has already been acknowledged.');
    const deadline = this.opts.interactionDeadlineMs === undefined ? 3000 : this.opts.interactionDeadlineMs;
    if (deadline !== null && Date.now() - ix.createdAt > deadline) throw unknown.interaction();

    const type = Number(body?.type);
    const data = (body?.data ?? {}) as Json;
    const allowed: Record<number, number[]> = {
      [InteractionType.Ping]: [CallbackType.Pong],
      [InteractionType.ApplicationCommand]: [4, 5, 9, 10, 12],
      [InteractionType.MessageComponent]: [4, 5, 6, 7, 9, 10, 12],
      [InteractionType.ApplicationCommandAutocomplete]: [8],
      [InteractionType.ModalSubmit]: [4, 5, 6, 7, 10, 12],
    };
    if (!(allowed[ix.type] ?? []).includes(type)) {
      throw formError('type', 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${String(body?.type)} is not valid for interaction type ${ix.type}`);
    }

    const channelId = (ix.payload.channel?.id ?? ix.payload.channel_id) as string;
    let message: StoredMessage | undefined;
    let after: (() => void) | undefined;
    switch (type) {
      case CallbackType.ChannelMessageWithSource:
        message = this.createMessage({ channelId, data, files, origin: 'interaction-reply', interaction: ix });
        ix.originalMessageId = message.id;
        break;
      case CallbackType.DeferredChannelMessageWithSource:
        message = this.createMessage({
          channelId,
          data: { flags: MessageFlag.Loading | (Number(data.flags ?? 0) & MessageFlag.Ephemeral) },
          files: [],
          origin: 'interaction-deferred',
          interaction: ix,
          allowEmpty: true,
        });
        ix.originalMessageId = message.id;
        break;
      case CallbackType.DeferredUpdateMessage:
        ix.originalMessageId = ix.payload.message?.id as string | undefined;
        break;
      case CallbackType.UpdateMessage: {
        const target = this.getMessage(String(ix.payload.message?.id ?? ''));
        if (!target || target.deleted) throw unknown.message();
        this.editMessage(target, data, files);
        ix.originalMessageId = target.id;
        message = target;
        after = () => this.echo('MESSAGE_UPDATE', target);
        break;
      }
      case CallbackType.ApplicationCommandAutocompleteResult:
        validateChoices(data.choices);
        ix.autocompleteChoices = data.choices as Json[];
        break;
      case CallbackType.Modal:
        if (!data.custom_id || !data.title || !Array.isArray(data.components) || data.components.length === 0) {
          throw formError('data', 'BASE_TYPE_REQUIRED', 'Modal requires custom_id, title and components');
        }
        if (strLen(data.title) > 45) throw formError('data.title', 'BASE_TYPE_MAX_LENGTH', 'Must be 45 or fewer in length.');
        ix.modal = data;
        break;
      default:
        break;
    }
    if (message && type !== CallbackType.UpdateMessage && !(message.flags & MessageFlag.Ephemeral)) {
      const m = message;
      after = () => this.echo('MESSAGE_CREATE', m);
    }

    ix.callbackType = type;
    ix.callbackAt = Date.now();
    ix.callbackData = data;

    if (query.with_response === 'true') {
      const interaction: Json = { id: ix.id, type: ix.type };
      if (message) {
        interaction.response_message_id = message.id;
        interaction.response_message_loading = (message.flags & MessageFlag.Loading) !== 0;
        interaction.response_message_ephemeral = (message.flags & MessageFlag.Ephemeral) !== 0;
      }
      const resource: Json | undefined = [4, 5, 7].includes(type) && message ? { type, message: this.apiMessage(message) } : undefined;
      return { status: 200, body: resource ? { interaction, resource } : { interaction }, after };
    }
    return { status: 204, after };
  }

  private interactionForWebhook(appId: string | undefined, token: string | undefined): InteractionRecord {
    const id = this.tokenToInteraction.get(token ?? '');
    const ix = id ? this.interactions.get(id) : undefined;
    if (appId !== this.applicationId || !ix || ix.callbackType === undefined) throw unknown.webhook();
    return ix;
  }

  private onFollowUp({ params, body, files, query }: RouteContext): RouteResult {
    const ix = this.interactionForWebhook(params.appId, params.token);
    const channelId = (ix.payload.channel?.id ?? ix.payload.channel_id) as string;
    const msg = this.createMessage({ channelId, data: body ?? {}, files, origin: 'interaction-followup', interaction: ix });
    ix.followUpIds.push(msg.id);
    const after = msg.flags & MessageFlag.Ephemeral ? undefined : () => this.echo('MESSAGE_CREATE', msg);
    if (query.wait !== 'true') return { status: 204, after };
    return { body: this.apiMessage(msg), after };
  }

  private onWebhookMessage({ params, body, files, method }: RouteContext): RouteResult {
    const ix = this.interactionForWebhook(params.appId, params.token);
    const id = params.messageId === '@original' ? ix.originalMessageId : params.messageId;
    const ownIds = [ix.originalMessageId, ...ix.followUpIds];
    const m = id && ownIds.includes(id) ? this.getMessage(id) : undefined;
    if (!m || m.deleted) throw unknown.message();
    if (method === 'GET') return { body: this.apiMessage(m) };
    if (method === 'DELETE') {
      m.deleted = true;
      return { status: 204, after: () => this.echoDelete(m) };
    }
    this.editMessage(m, body ?? {}, files);
    // Discord sends MESSAGE_CREATE for the deferred "thinking" message and MESSAGE_UPDATE for the edit.
    const after = m.flags & MessageFlag.Ephemeral ? undefined : () => this.echo('MESSAGE_UPDATE', m);
    return { body: this.apiMessage(m), after };
  }

  // -------------------------------------------------------------------------------------------
  // Messages
  // -------------------------------------------------------------------------------------------

  private createMessage(args: {
    channelId: string;
    data: Json;
    files: RecordedFile[];
    origin: MessageOrigin;
    interaction?: InteractionRecord;
    referenced?: StoredMessage;
    allowEmpty?: boolean;
  }): StoredMessage {
    const { data, interaction, referenced } = args;
    validateMessageData(data, false);
    const channel = this.channels.get(args.channelId);
    const attachments = this.buildAttachments(args.channelId, data, args.files, []);
    const isInteraction = interaction !== undefined;
    const msg: StoredMessage = {
      id: snowflake(),
      channel_id: args.channelId,
      guild_id: (channel?.guild_id as string | undefined) ?? null,
      author: this.botUser,
      type: referenced ? 19 : isInteraction && interaction.type === InteractionType.ApplicationCommand && args.origin !== 'interaction-followup' ? 20 : 0,
      content: typeof data.content === 'string' ? data.content : '',
      embeds: Array.isArray(data.embeds) ? (data.embeds as Json[]).map(normalizeEmbed) : [],
      components: Array.isArray(data.components) ? (data.components as Json[]) : [],
      flags: Number(data.flags ?? 0),
      tts: data.tts === true,
      allowed_mentions: data.allowed_mentions as Json | undefined,
      attachments,
      message_reference: referenced
        ? { type: 0, message_id: referenced.id, channel_id: referenced.channel_id, ...(referenced.guild_id ? { guild_id: referenced.guild_id } : {}) }
        : undefined,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      reactions: [],
      webhook_id: isInteraction ? this.applicationId : undefined,
      interaction_id: interaction?.id,
      timestamp: nowIso(),
      edited_timestamp: null,
      origin: args.origin,
      deleted: false,
      history: [],
    };
    if (!args.allowEmpty && isEmptyMessage(msg, data)) throw new ApiError(400, 50006, 'Cannot send an empty message');
    this.computeMentions(msg, referenced);
    this.messages.push(msg);
    this.touchChannel(msg);
    return msg;
  }

  private editMessage(m: StoredMessage, data: Json, files: RecordedFile[]): void {
    validateMessageData(data, true);
    const next: StoredMessage = { ...m, history: m.history };
    if ('content' in data) next.content = typeof data.content === 'string' ? data.content : '';
    if ('embeds' in data) next.embeds = Array.isArray(data.embeds) ? (data.embeds as Json[]).map(normalizeEmbed) : [];
    if ('components' in data) next.components = Array.isArray(data.components) ? (data.components as Json[]) : [];
    if ('allowed_mentions' in data) next.allowed_mentions = data.allowed_mentions as Json | undefined;
    if ('flags' in data && data.flags !== null && data.flags !== undefined) {
      next.flags = (m.flags & (MessageFlag.Ephemeral | MessageFlag.Loading)) | Number(data.flags);
    }
    next.flags &= ~MessageFlag.Loading;
    next.attachments = this.buildAttachments(m.channel_id, data, files, m.attachments);
    if (isEmptyMessage(next, data)) throw new ApiError(400, 50006, 'Cannot send an empty message');
    m.history.push({
      at: Date.now(),
      content: m.content,
      embeds: m.embeds,
      components: m.components,
      attachments: m.attachments.map((a) => a.filename),
      flags: m.flags,
    });
    Object.assign(m, next, { edited_timestamp: nowIso() });
    const referenced = m.message_reference ? this.getMessage(m.message_reference.message_id as string) : undefined;
    this.computeMentions(m, referenced);
  }

  /** Attachments after a create/edit: `attachments` entries refer to new uploads by index (files[n]) or keep existing ones by id. */
  private buildAttachments(channelId: string, data: Json, files: RecordedFile[], existing: StoredAttachment[]): StoredAttachment[] {
    const byIndex = new Map<string, RecordedFile>();
    files.forEach((f, i) => {
      const m = /^files\[(\d+)\]$/.exec(f.field) ?? /^file(\d*)$/.exec(f.field);
      byIndex.set(m?.[1] || String(i), f);
    });
    const total = files.reduce((n, f) => n + f.bytes.length, 0);
    if (total > MAX_ATTACHMENT_BYTES) throw new ApiError(413, 40005, 'Request entity too large');
    if (files.length > 10) throw formError('files', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    const make = (f: RecordedFile, meta: Json | undefined): StoredAttachment => {
      const id = snowflake();
      const filename = String(meta?.filename ?? f.name);
      return {
        id,
        filename,
        size: f.bytes.length,
        content_type: f.contentType || undefined,
        description: meta?.description as string | undefined,
        url: `http://127.0.0.1:${this.port}/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`,
        bytes: f.bytes,
      };
    };
    if (Array.isArray(data.attachments)) {
      const out: StoredAttachment[] = [];
      const used = new Set<string>();
      for (const a of data.attachments as Json[]) {
        const key = String(a.id);
        const upload = byIndex.get(key);
        if (upload) {
          out.push(make(upload, a));
          used.add(key);
          continue;
        }
        const keep = existing.find((e) => e.id === key);
        if (keep) out.push({ ...keep, description: (a.description as string | undefined) ?? keep.description });
        else throw formError(`attachments.${key}`, 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
      }
      for (const [key, f] of byIndex) if (!used.has(key)) out.push(make(f, undefined));
      return out;
    }
    return [...existing, ...[...byIndex.values()].map((f) => make(f, undefined))];
  }

  private computeMentions(m: StoredMessage, referenced: StoredMessage | undefined): void {
    const parsed = this.parseMentions(m.content);
    const am = m.allowed_mentions;
    const parse: string[] = Array.isArray(am?.parse) ? (am.parse as string[]) : [];
    let users: string[];
    let roles: string[];
    let everyone: boolean;
    let repliedUser: boolean;
    if (!am) {
      users = parsed.users;
      roles = parsed.roles;
      everyone = parsed.everyone;
      repliedUser = true;
    } else {
      const allowUsers = Array.isArray(am.users) ? (am.users as string[]) : [];
      const allowRoles = Array.isArray(am.roles) ? (am.roles as string[]) : [];
      users = parse.includes('users') ? parsed.users : parsed.users.filter((u) => allowUsers.includes(u));
      roles = parse.includes('roles') ? parsed.roles : parsed.roles.filter((r) => allowRoles.includes(r));
      everyone = parse.includes('everyone') && parsed.everyone;
      repliedUser = am.replied_user === true;
    }
    const refAuthor = referenced?.author.id as string | undefined;
    if (refAuthor && repliedUser && !users.includes(refAuthor)) users = [...users, refAuthor];
    m.mentions = users;
    m.mention_roles = roles;
    m.mention_everyone = everyone;
  }

  private parseMentions(content: string): { users: string[]; roles: string[]; everyone: boolean } {
    const users = [...content.matchAll(/<@!?(\d{17,20})>/g)].map((x) => x[1] as string);
    const roles = [...content.matchAll(/<@&(\d{17,20})>/g)].map((x) => x[1] as string);
    return { users: [...new Set(users)], roles: [...new Set(roles)], everyone: /@(everyone|here)\b/.test(content) };
  }

  /** The API representation of a stored message. `withGuild` adds guild_id (gateway events). */
  apiMessage(m: StoredMessage, withGuild = false): Json {
    const ix = m.interaction_id ? this.interactions.get(m.interaction_id) : undefined;
    const out: Json = {
      id: m.id,
      type: m.type,
      content: m.content,
      channel_id: m.channel_id,
      author: m.author,
      attachments: m.attachments.map(({ bytes: _b, ...a }) => ({ ...a, proxy_url: a.url })),
      embeds: m.embeds,
      mentions: m.mentions.map((id) => this.users.get(id) ?? { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null }),
      mention_roles: m.mention_roles,
      mention_everyone: m.mention_everyone,
      pinned: false,
      tts: m.tts,
      timestamp: m.timestamp,
      edited_timestamp: m.edited_timestamp,
      flags: m.flags,
      components: m.components,
    };
    if (m.reactions.length) {
      out.reactions = m.reactions.map((e) => {
        const custom = /^(.*):(\d{17,20})$/.exec(e);
        return { count: 1, me: true, emoji: custom ? { id: custom[2], name: custom[1] } : { id: null, name: e } };
      });
    }
    if (withGuild && m.guild_id) out.guild_id = m.guild_id;
    if (m.webhook_id) {
      out.webhook_id = m.webhook_id;
      out.application_id = this.applicationId;
    }
    if (ix) {
      out.interaction_metadata = {
        id: ix.id,
        type: ix.type,
        user: ix.payload.member?.user ?? ix.payload.user,
        authorizing_integration_owners: ix.payload.authorizing_integration_owners ?? {},
        ...(ix.type === InteractionType.ApplicationCommand ? { name: ix.payload.data?.name, command_type: ix.payload.data?.type ?? 1 } : {}),
        ...(m.origin === 'interaction-followup' && ix.originalMessageId ? { original_response_message_id: ix.originalMessageId } : {}),
      };
    }
    if (m.message_reference) {
      out.message_reference = m.message_reference;
      const ref = this.getMessage(m.message_reference.message_id as string);
      out.referenced_message = ref && !ref.deleted ? this.apiMessage(ref) : null;
    }
    return out;
  }

  /** Gateway echo of a message the bot created/edited, or a user message. */
  private echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', m: StoredMessage): void {
    if (this.closed) return;
    const fromBot = m.author.id === this.botUserId;
    if (fromBot && this.opts.echoBotMessages === false) return;
    if (m.flags & MessageFlag.Ephemeral) return;
    for (const s of this.sessions.values()) {
      if (!s.live) continue;
      const intent = m.guild_id ? Intent.GuildMessages : Intent.DirectMessages;
      if ((s.intents & intent) === 0) continue;
      const d = this.apiMessage(m, true);
      if (m.guild_id) d.member = this.memberFor(m.author.id as string, false);
      if (m.guild_id) {
        d.mentions = (d.mentions as Json[]).map((u) => ({ ...u, member: this.memberFor(u.id as string, false) }));
      }
      const canSeeContent =
        (s.intents & Intent.MessageContent) !== 0 || fromBot || !m.guild_id || m.mentions.includes(this.botUserId);
      if (!canSeeContent) {
        d.content = '';
        d.embeds = [];
        d.attachments = [];
        d.components = [];
      }
      this.dispatchTo(s, t, d);
    }
    this.notify();
  }

  private echoDelete(m: StoredMessage): void {
    if (this.closed) return;
    if (m.author.id === this.botUserId && this.opts.echoBotMessages === false) return;
    if (m.flags & MessageFlag.Ephemeral) return;
    this.dispatch(
      'MESSAGE_DELETE',
      { id: m.id, channel_id: m.channel_id, ...(m.guild_id ? { guild_id: m.guild_id } : {}) },
      m.guild_id ? Intent.GuildMessages : Intent.DirectMessages,
    );
  }

  private touchChannel(m: StoredMessage): void {
    const c = this.channels.get(m.channel_id);
    if (c) c.last_message_id = m.id;
  }

  // -------------------------------------------------------------------------------------------
  // Misc internals
  // -------------------------------------------------------------------------------------------

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private describeRecent(): string {
    const recent = this.requests.slice(-8).map((r) => `${r.method} ${r.route || r.path} -> ${r.status}`);
    return `Recent requests: ${recent.length ? recent.join('; ') : '(none)'}. Gateway connected: ${this.gatewayConnected}.`;
  }

  private makeRole(id: string, name: string, perms: bigint, position: number, tags: Json): Json {
    return {
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: perms.toString(),
      managed: 'bot_id' in tags,
      mentionable: false,
      flags: 0,
      ...(Object.keys(tags).length ? { tags } : {}),
    };
  }

  private botPermissions(): bigint {
    let p = 0n;
    for (const r of this.roles) if (r.id === this.guildId || r.id === this.botRoleId) p |= BigInt(r.permissions as string);
    return p & Permission.Administrator ? ALL_PERMISSIONS : p;
  }

  private memberFor(userId: string, withUser: boolean): Json {
    const m: Json = {
      roles: userId === this.botUserId ? [this.botRoleId] : [],
      premium_since: null,
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: this.joinedAt,
      flags: 0,
      avatar: null,
      banner: null,
      communication_disabled_until: null,
    };
    if (withUser) m.user = this.users.get(userId) ?? { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', avatar: null };
    return m;
  }

  private dmChannelFor(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = snowflake();
      this.dmChannels.set(userId, id);
      this.channels.set(id, { id, type: 1, flags: 0, last_message_id: null, recipients: [this.users.get(userId) ?? { id: userId }] });
    }
    return id;
  }

  private commandId(name: string, guildId?: string): string {
    const list = [...(guildId ? (this.commands.get(guildId) ?? []) : []), ...(this.commands.get('global') ?? [])];
    const found = list.find((c) => c.name === name && (c.type ?? 1) === 1);
    if (found) return found.id as string;
    let id = this.commandIds.get(name);
    if (!id) {
      id = snowflake();
      this.commandIds.set(name, id);
    }
    return id;
  }

  private materializeCommand(c: Json, guildId: string | undefined): Json {
    const type = (c.type as number | undefined) ?? 1;
    const existing = [...(this.commands.get(guildId ?? 'global') ?? [])].find((x) => x.name === c.name && x.type === type);
    let id = existing?.id as string | undefined;
    if (!id) {
      id = type === 1 ? (this.commandIds.get(c.name as string) ?? snowflake()) : snowflake();
      if (type === 1) this.commandIds.set(c.name as string, id);
    }
    return {
      ...c,
      id,
      application_id: this.applicationId,
      version: snowflake(),
      type,
      description: c.description ?? '',
      default_member_permissions: c.default_member_permissions ?? null,
      dm_permission: c.dm_permission ?? true,
      nsfw: c.nsfw ?? false,
      contexts: c.contexts ?? null,
      integration_types: c.integration_types ?? [0],
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  private commandData(name: string, options: CommandOptionInput[], opts: InteractionOptions, autocomplete: boolean): Json {
    const [root, ...subs] = name.trim().split(/\s+/) as [string, ...string[]];
    const guildCmd = !opts.dm && (this.commands.get(this.guildId) ?? []).some((c) => c.name === root);
    let focusedSet = !autocomplete || JSON.stringify(options).includes('"focused":true');
    const resolved: Json = {};
    const convert = (list: CommandOptionInput[]): Json[] =>
      list.map((o, i) => {
        const type = inferOptionType(o);
        if (type === OptionType.Subcommand || type === OptionType.SubcommandGroup) {
          return { name: o.name, type, options: convert(o.options ?? []) };
        }
        const out: Json = { name: o.name, type, value: o.value };
        if (o.focused) out.focused = true;
        if (!focusedSet && i === list.length - 1) {
          out.focused = true;
          focusedSet = true;
        }
        if (out.focused && autocomplete) out.value = String(o.value ?? '');
        this.resolveOption(type, String(o.value ?? ''), resolved);
        return out;
      });
    let converted = convert(options);
    for (const sub of [...subs].reverse()) {
      converted = [{ name: sub, type: sub === subs[subs.length - 1] ? OptionType.Subcommand : OptionType.SubcommandGroup, options: converted }];
    }
    const data: Json = { id: this.commandId(root, guildCmd ? this.guildId : undefined), name: root, type: 1 };
    if (converted.length) data.options = converted;
    if (Object.keys(resolved).length) data.resolved = resolved;
    if (guildCmd) data.guild_id = this.guildId;
    return data;
  }

  private resolveOption(type: number, value: string, resolved: Json): void {
    const add = (k: string, id: string, v: Json) => {
      resolved[k] ??= {};
      (resolved[k] as Json)[id] = v;
    };
    if (type === OptionType.User || type === OptionType.Mentionable) {
      const u = this.users.get(value);
      if (u) {
        add('users', value, u);
        const { user: _u, ...member } = this.memberFor(value, false);
        add('members', value, { ...member, permissions: DEFAULT_MEMBER_PERMISSIONS.toString() });
        return;
      }
    }
    if (type === OptionType.Role || type === OptionType.Mentionable) {
      const r = this.roles.find((x) => x.id === value);
      if (r) add('roles', value, r);
    }
    if (type === OptionType.Channel) {
      const c = this.channels.get(value);
      if (c) add('channels', value, { id: c.id, name: c.name, type: c.type, permissions: ALL_PERMISSIONS.toString(), flags: 0 });
    }
  }

  private componentInteraction(data: Json, opts: InteractionOptions & { messageId?: string }): Promise<SentInteraction> {
    const channelId = opts.channelId ?? this.channelId;
    const target = opts.messageId
      ? this.getMessage(opts.messageId)
      : [...this.messages].reverse().find((m) => m.channel_id === channelId && m.author.id === this.botUserId && !m.deleted);
    if (!target) throw new Error('fake-discord: no message to attach the component interaction to');
    return this.sendInteraction(
      { type: InteractionType.MessageComponent, data, message: this.apiMessage(target), channel_id: target.channel_id },
      { ...opts, channelId: target.channel_id },
    );
  }
}

export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(opts).start();
}

// ---------------------------------------------------------------------------------------------
// Request parsing / responses
// ---------------------------------------------------------------------------------------------

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(raw: Buffer, contentType: string, rec: RecordedRequest): Promise<void> {
  if (raw.length === 0) return;
  if (contentType.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new ApiError(400, 50109, 'The request body contains invalid multipart data.');
    }
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') {
          try {
            rec.body = JSON.parse(value);
          } catch {
            throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
          }
        } else rec.formFields[field] = value;
      } else {
        rec.files.push({
          field,
          name: value.name,
          contentType: value.type,
          bytes: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return;
  }
  const text = raw.toString('utf8');
  if (contentType.startsWith('application/json') || /^\s*[[{]/.test(text)) {
    try {
      rec.body = JSON.parse(text);
    } catch {
      throw new ApiError(400, 50109, 'The request body contains invalid JSON.');
    }
    return;
  }
  rec.body = text;
}

function errorResult(err: unknown): RouteResult {
  if (err instanceof ApiError) {
    const body: Json = { message: err.message, code: err.code };
    if (err.errors) body.errors = err.errors;
    return { status: err.status, body };
  }
  return { status: 500, body: { message: `500: Internal Server Error (fake: ${String(err)})`, code: 0 } };
}

function bucketOf(route: string): string {
  const generic = route.replace(/\/\d{17,20}/g, '/:id').replace(/\/webhooks\/:id\/[^/]+/, '/webhooks/:id/:token').replace(/\/interactions\/:id\/[^/]+/, '/interactions/:id/:token');
  return Buffer.from(generic).toString('hex').slice(0, 32);
}

function bucketHeaders(route: string): Record<string, string> {
  if (route.startsWith('/interactions/')) return {};
  return {
    'x-ratelimit-bucket': bucketOf(route),
    'x-ratelimit-limit': '50',
    'x-ratelimit-remaining': '49',
    'x-ratelimit-reset': ((Date.now() + 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': '1.000',
  };
}

function rateLimitResult(opts: RateLimitOptions, route: string): RouteResult {
  const retry = opts.retryAfterSeconds;
  const global = opts.global === true;
  const scope = opts.scope ?? (global ? 'global' : 'user');
  const headers: Record<string, string> = {
    'retry-after': String(retry),
    'x-ratelimit-scope': scope,
  };
  if (global) {
    headers['x-ratelimit-global'] = 'true';
  } else {
    Object.assign(headers, {
      'x-ratelimit-bucket': bucketOf(route),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': ((Date.now() + retry * 1000) / 1000).toFixed(3),
      'x-ratelimit-reset-after': retry.toFixed(3),
    });
  }
  return {
    status: 429,
    headers,
    body: { message: global ? 'You are being rate limited.' : 'You are being rate limited.', retry_after: retry, global },
  };
}

// ---------------------------------------------------------------------------------------------
// Validation (limits from the Discord docs)
// ---------------------------------------------------------------------------------------------

function normalizeEmbed(e: Json): Json {
  const out: Json = { type: 'rich', ...e };
  if (Array.isArray(out.fields)) out.fields = (out.fields as Json[]).map((f) => ({ inline: false, ...f }));
  return out;
}

function isEmptyMessage(m: StoredMessage, data: Json): boolean {
  const hasPoll = data.poll !== undefined && data.poll !== null;
  const hasStickers = Array.isArray(data.sticker_ids) && data.sticker_ids.length > 0;
  return m.content.trim() === '' && m.embeds.length === 0 && m.attachments.length === 0 && m.components.length === 0 && !hasPoll && !hasStickers;
}

function validateMessageData(data: Json, _edit: boolean): void {
  if (data.content !== undefined && data.content !== null) {
    if (typeof data.content !== 'string') throw formError('content', 'BASE_TYPE_STRING', 'Must be a string.');
    if (strLen(data.content) > 2000) throw formError('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  const flags = Number(data.flags ?? 0);
  if (data.embeds !== undefined && data.embeds !== null) {
    if (!Array.isArray(data.embeds)) throw formError('embeds', 'BASE_TYPE_ARRAY', 'Must be an array.');
    if (data.embeds.length > 10) throw formError('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
    if (flags & MessageFlag.IsComponentsV2 && data.embeds.length > 0) {
      throw formError('embeds', 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', 'The \'embeds\' field cannot be used when using MessageFlags.IS_COMPONENTS_V2');
    }
    let total = 0;
    (data.embeds as Json[]).forEach((e, i) => {
      const p = `embeds.${i}`;
      const check = (v: unknown, max: number, path: string) => {
        if (v === undefined || v === null) return;
        if (typeof v !== 'string') throw formError(`${p}.${path}`, 'BASE_TYPE_STRING', 'Must be a string.');
        if (strLen(v) > max) throw formError(`${p}.${path}`, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
        total += strLen(v);
      };
      check(e.title, 256, 'title');
      check(e.description, 4096, 'description');
      check(e.footer?.text, 2048, 'footer.text');
      check(e.author?.name, 256, 'author.name');
      if (e.color !== undefined && e.color !== null && (!Number.isInteger(e.color) || e.color < 0 || e.color > 0xffffff)) {
        throw formError(`${p}.color`, 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
      }
      if (e.fields !== undefined) {
        if (!Array.isArray(e.fields)) throw formError(`${p}.fields`, 'BASE_TYPE_ARRAY', 'Must be an array.');
        if (e.fields.length > 25) throw formError(`${p}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        (e.fields as Json[]).forEach((f, j) => {
          for (const k of ['name', 'value'] as const) {
            if (typeof f[k] !== 'string' || f[k].length === 0) {
              throw formError(`${p}.fields.${j}.${k}`, 'BASE_TYPE_REQUIRED', 'This field is required');
            }
          }
          check(f.name, 256, `fields.${j}.name`);
          check(f.value, 1024, `fields.${j}.value`);
        });
      }
    });
    if (total > 6000) throw formError('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  }
  if (Array.isArray(data.components) && !(flags & MessageFlag.IsComponentsV2) && data.components.length > 5) {
    throw formError('components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  }
  const am = data.allowed_mentions as Json | undefined | null;
  if (am) {
    const parse: unknown[] = Array.isArray(am.parse) ? am.parse : [];
    for (const v of parse) {
      if (!['users', 'roles', 'everyone'].includes(String(v))) {
        throw formError('allowed_mentions.parse', 'BASE_TYPE_CHOICES', `Value must be one of {'users', 'roles', 'everyone'}.`);
      }
    }
    if (parse.includes('users') && Array.isArray(am.users) && am.users.length > 0) {
      throw formError('allowed_mentions', 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["users"] and users: [ids...] are mutually exclusive.');
    }
    if (parse.includes('roles') && Array.isArray(am.roles) && am.roles.length > 0) {
      throw formError('allowed_mentions', 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', 'parse:["roles"] and roles: [ids...] are mutually exclusive.');
    }
    if ((Array.isArray(am.users) && am.users.length > 100) || (Array.isArray(am.roles) && am.roles.length > 100)) {
      throw formError('allowed_mentions', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
  }
}

function validateChoices(choices: unknown): void {
  if (!Array.isArray(choices)) throw formError('data.choices', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (choices.length > 25) throw formError('data.choices', 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  (choices as Json[]).forEach((c, i) => {
    const n = strLen(c.name);
    if (n < 1 || n > 100) throw formError(`data.choices.${i}.name`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    if (typeof c.value === 'string' && strLen(c.value) > 100) {
      throw formError(`data.choices.${i}.value`, 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
    if (c.value === undefined || c.value === null) throw formError(`data.choices.${i}.value`, 'BASE_TYPE_REQUIRED', 'This field is required');
  });
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function validateCommand(c: Json, path: string): void {
  const type = (c.type as number | undefined) ?? 1;
  const at = (p: string) => (path === '_root' ? p : `${path}.${p}`);
  if (typeof c.name !== 'string') throw formError(at('name'), 'BASE_TYPE_REQUIRED', 'This field is required');
  if (type === 1) {
    if (!COMMAND_NAME.test(c.name) || c.name !== c.name.toLowerCase()) {
      throw formError(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const d = strLen(c.description);
    if (d < 1 || d > 100) throw formError(at('description'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  } else if (strLen(c.name) < 1 || strLen(c.name) > 32) {
    throw formError(at('name'), 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 32 in length.');
  }
  const validateOptions = (opts: unknown, p: string) => {
    if (opts === undefined || opts === null) return;
    if (!Array.isArray(opts)) throw formError(p, 'BASE_TYPE_ARRAY', 'Must be an array.');
    if (opts.length > 25) throw formError(p, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    let optionalSeen = false;
    const names = new Set<string>();
    (opts as Json[]).forEach((o, i) => {
      const op = `${p}.${i}`;
      if (typeof o.name !== 'string' || !COMMAND_NAME.test(o.name) || o.name !== o.name.toLowerCase()) {
        throw formError(`${op}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
      }
      if (names.has(o.name)) throw formError(`${op}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(o.name);
      const d = strLen(o.description);
      if (d < 1 || d > 100) throw formError(`${op}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      if (o.type === OptionType.Subcommand || o.type === OptionType.SubcommandGroup) {
        validateOptions(o.options, `${op}.options`);
        return;
      }
      if (o.required === true && optionalSeen) {
        throw formError(`${op}.required`, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      }
      if (o.required !== true) optionalSeen = true;
      if (Array.isArray(o.choices)) {
        if (o.choices.length > 25) throw formError(`${op}.choices`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        if (o.autocomplete === true && o.choices.length > 0) {
          throw formError(`${op}.autocomplete`, 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set with choices');
        }
      }
    });
  };
  validateOptions(c.options, at('options'));
}
