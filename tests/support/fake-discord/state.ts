/**
 * The world the stand-in serves: one application with its bot user, one guild with its channels and
 * roles, the users who talk to the bot, the registered commands, the messages and the interactions.
 */
import { randomBytes } from 'node:crypto';
import { ALL_PERMISSIONS, AppFlag, DEFAULT_MEMBER_PERMISSIONS, Permission, nowIso, snowflake, type Json } from './protocol.js';
import type { FakeDiscordOptions, InteractionRecord, StoredMessage } from './types.js';

export class DiscordState {
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId: string;
  readonly botUserId: string;
  /** Default human user who sends interactions and messages. */
  readonly userId: string;
  /** The bot's managed role (its `tags.bot_id` is the bot). */
  readonly botRoleId: string;
  readonly token: string;
  /** Base URL of the HTTP server (for attachment URLs); set when it listens. */
  baseUrl = '';

  readonly users = new Map<string, Json>();
  readonly channels = new Map<string, Json>();
  readonly roles: Json[] = [];
  readonly application: Json;
  readonly guild: Json;
  readonly joinedAt = nowIso();
  /** Every message created through the fake, in creation order (edits update in place). */
  readonly messages: StoredMessage[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly tokenToInteraction = new Map<string, string>();
  /** Registered commands: key 'global' or a guild id. */
  readonly commands = new Map<string, Json[]>();
  private readonly commandIds = new Map<string, string>();
  /** Called whenever something a test may wait for changed. */
  readonly waiters = new Set<() => void>();

  constructor(opts: FakeDiscordOptions) {
    const daysAgo = (d: number) => Date.now() - 86_400_000 * d;
    this.applicationId = opts.applicationId ?? snowflake(daysAgo(400));
    this.botUserId = opts.botUserId ?? this.applicationId;
    this.guildId = opts.guildId ?? snowflake(daysAgo(300));
    this.channelId = opts.channelId ?? snowflake(daysAgo(299));
    this.userId = opts.userId ?? snowflake(daysAgo(900));
    this.botRoleId = snowflake(daysAgo(200));
    this.token = `${Buffer.from(this.botUserId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    for (const id of [this.applicationId, this.guildId, this.channelId, this.botUserId, this.userId]) {
      if (!/^\d{17,19}$/.test(id)) throw new Error(`fake-discord: ids must be 17-19 digit snowflakes, got ${id}`);
    }

    const username = opts.botUsername ?? 'regionbot';
    this.addUser({ id: this.botUserId, username, bot: true, system: false });
    this.addUser({ id: this.userId, username: 'tester', global_name: 'Tester' });

    const priv = opts.privilegedIntents ?? ['MessageContent', 'GuildMembers', 'GuildPresences'];
    let flags = 0;
    if (priv.includes('MessageContent')) flags |= AppFlag.GatewayMessageContent;
    if (priv.includes('GuildMembers')) flags |= AppFlag.GatewayGuildMembers;
    if (priv.includes('GuildPresences')) flags |= AppFlag.GatewayPresence;
    this.application = { id: this.applicationId, name: username, icon: null, description: '', bot_public: true, bot_require_code_grant: false, flags, owner: this.users.get(this.userId), bot: this.botUser };

    const botPerms = opts.botPermissions === undefined ? DEFAULT_MEMBER_PERMISSIONS : BigInt(opts.botPermissions);
    this.roles.push(makeRole(this.guildId, '@everyone', DEFAULT_MEMBER_PERMISSIONS, 0, {}), makeRole(this.botRoleId, username, botPerms, 1, { bot_id: this.botUserId }));

    const channel = (id: string, name: string, position: number): Json => ({
      id,
      type: 0,
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
    });
    this.channels.set(this.channelId, channel(this.channelId, opts.channelName ?? 'general', 0));
    (opts.extraChannels ?? []).forEach((c, i) => {
      const id = c.id ?? snowflake();
      this.channels.set(id, channel(id, c.name, i + 1));
    });

    this.guild = {
      id: this.guildId,
      name: opts.guildName ?? 'Fake Guild',
      icon: null,
      owner_id: this.userId,
      afk_timeout: 300,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      features: [],
      mfa_level: 0,
      system_channel_id: this.channelId,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      emojis: [],
      stickers: [],
    };
  }

  get botUser(): Json {
    return this.users.get(this.botUserId) as Json;
  }

  notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Registers (or updates) a user that can appear in interactions/messages/mentions. */
  addUser(u: Partial<Json> & { id?: string }): Json {
    const id = u.id ?? snowflake();
    const user: Json = { id, username: `user${id.slice(-4)}`, global_name: null, discriminator: '0', avatar: null, public_flags: 0, ...this.users.get(id), ...u };
    this.users.set(id, user);
    return user;
  }

  getMessage(id: string): StoredMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  memberFor(userId: string, withUser: boolean): Json {
    const m: Json = { roles: userId === this.botUserId ? [this.botRoleId] : [], premium_since: null, pending: false, nick: null, mute: false, deaf: false, joined_at: this.joinedAt, flags: 0, avatar: null };
    if (withUser) m.user = this.users.get(userId) ?? { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', avatar: null };
    return m;
  }

  /** The bot's permissions in the guild (@everyone and its managed role). */
  botPermissions(): bigint {
    let p = 0n;
    for (const r of this.roles) if (r.id === this.guildId || r.id === this.botRoleId) p |= BigInt(r.permissions as string);
    return p & Permission.Administrator ? ALL_PERMISSIONS : p;
  }

  /** The id a CHAT_INPUT command has (its registered id, else a stable made-up one). */
  commandId(name: string): string {
    const list = [...(this.commands.get(this.guildId) ?? []), ...(this.commands.get('global') ?? [])];
    const found = list.find((c) => c.name === name && (c.type ?? 1) === 1);
    if (found) return found.id as string;
    let id = this.commandIds.get(name);
    if (!id) {
      id = snowflake();
      this.commandIds.set(name, id);
    }
    return id;
  }

  /** A command as Discord stores and returns it after registration. */
  materializeCommand(c: Json, guildId: string | undefined): Json {
    const type = (c.type as number | undefined) ?? 1;
    const existing = (this.commands.get(guildId ?? 'global') ?? []).find((x) => x.name === c.name && x.type === type);
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
      nsfw: c.nsfw ?? false,
      contexts: c.contexts ?? null,
      integration_types: c.integration_types ?? [0],
      ...(guildId ? { guild_id: guildId } : {}),
    };
  }

  /** GUILD_CREATE as sent after READY. */
  guildCreatePayload(intents: number, guildMembersIntent: number): Json {
    const memberIds = intents & guildMembersIntent ? [...this.users.keys()] : [this.botUserId];
    return {
      ...structuredClone(this.guild),
      roles: structuredClone(this.roles),
      joined_at: this.joinedAt,
      large: false,
      unavailable: false,
      member_count: this.users.size,
      voice_states: [],
      members: memberIds.map((id) => this.memberFor(id, true)),
      channels: [...this.channels.values()].map(({ guild_id: _g, ...rest }) => structuredClone(rest)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
    };
  }
}

function makeRole(id: string, name: string, perms: bigint, position: number, tags: Json): Json {
  return {
    id,
    name,
    color: 0,
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
