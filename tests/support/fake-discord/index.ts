/**
 * A local stand-in for Discord's HTTP API (v10) and gateway, good enough for the real discord.js
 * v14 client to log in, receive the events regionbot handles and answer them. Only 127.0.0.1 is
 * used: one HTTP server serves REST under `/api/v10/...` and upgrades other paths to the gateway.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [...], rest: { api: fake.apiBaseUrl } });
 *   await client.login(fake.token);            // gateway URL comes from GET /gateway/bot
 *   const ix = await fake.slashCommand('ask', [{ name: 'question', value: 'hi' }]);
 *   const msg = await fake.waitForMessage((m) => m.interaction_id === ix.id && m.content !== '');
 *
 * What it emulates, by concern: gateway.ts (sessions, resume, intents), routes.ts and rest.ts (the
 * REST routes, recording, 429s), messages.ts (messages, attachments, mentions), validation.ts
 * (Discord's limits), state.ts (the guild, its users, channels and commands).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { Gateway } from './gateway.js';
import { apiMessage, parseMentions, reference } from './messages.js';
import { DEFAULT_MEMBER_PERMISSIONS, GatewayClose, InteractionType, MAX_ATTACHMENT_BYTES, OptionType, nowIso, snowflake, type Json } from './protocol.js';
import { Rest, type RouteResult } from './rest.js';
import { registerRoutes } from './routes.js';
import { DiscordState } from './state.js';
import type * as T from './types.js';

export * from './protocol.js';
export type * from './types.js';

export class FakeDiscord {
  apiBaseUrl = '';
  gatewayUrl = '';
  private readonly state: DiscordState;
  private readonly gateway: Gateway;
  private readonly rest: Rest;
  private readonly server: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sockets = new Set<Socket>();
  private closed = false;

  constructor(opts: T.FakeDiscordOptions = {}) {
    const state = (this.state = new DiscordState(opts));
    this.gateway = new Gateway(state, opts);
    this.rest = new Rest(state.token, (rec) => this.attachment(rec), () => state.notify());
    registerRoutes(this.rest, state, this.gateway, opts);
    this.server = http.createServer((req, res) => void this.rest.handle(req, res));
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.gateway.accept(ws, url));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.state.baseUrl = `http://127.0.0.1:${port}`;
    this.apiBaseUrl = `${this.state.baseUrl}/api`;
    this.gatewayUrl = this.gateway.url = `ws://127.0.0.1:${port}`;
    return this;
  }

  // --- the world and what was recorded
  get applicationId(): string { return this.state.applicationId; }
  get guildId(): string { return this.state.guildId; }
  get channelId(): string { return this.state.channelId; }
  get botUserId(): string { return this.state.botUserId; }
  /** The bot's managed role (mentioning it addresses the bot). */
  get botRoleId(): string { return this.state.botRoleId; }
  /** Default human user who sends interactions and messages. */
  get userId(): string { return this.state.userId; }
  get token(): string { return this.state.token; }
  /** Every HTTP request received (REST and others), in order. */
  get requests(): T.RecordedRequest[] { return this.rest.requests; }
  /** Every message created through the fake, in creation order (edits update in place). */
  get messages(): T.StoredMessage[] { return this.state.messages; }
  /** Registered commands: key 'global' or a guild id. */
  get commands(): Map<string, Json[]> { return this.state.commands; }
  /** Payloads the client sent on the gateway (heartbeats excluded). */
  get gatewayReceived(): Gateway['received'] { return this.gateway.received; }
  get identifyCount(): number { return this.gateway.identifyCount; }
  get resumeCount(): number { return this.gateway.resumeCount; }
  get heartbeatCount(): number { return this.gateway.heartbeatCount; }
  /** Whether at least one gateway session is connected and READY/RESUMED. */
  get gatewayConnected(): boolean { return this.gateway.connected; }

  addUser(u: Partial<Json> & { id?: string }): Json {
    return this.state.addUser(u);
  }

  /** `<@id>` mention markup (default: the bot). */
  mention(userId: string = this.botUserId): string {
    return `<@${userId}>`;
  }

  getMessage(id: string): T.StoredMessage | undefined {
    return this.state.getMessage(id);
  }

  getInteraction(id: string): T.InteractionRecord | undefined {
    return this.state.interactions.get(id);
  }

  /** The message the interaction's `@original` currently points to. */
  originalMessage(interactionId: string): T.StoredMessage | undefined {
    const id = this.getInteraction(interactionId)?.originalMessageId;
    return id ? this.getMessage(id) : undefined;
  }

  /** The requests made with an interaction's token (its callback and its webhook), in order. */
  interactionRequests(interactionId: string): T.RecordedRequest[] {
    const ix = this.getInteraction(interactionId);
    if (!ix) return [];
    return this.requests.filter((r) => r.route.startsWith(`/interactions/${ix.id}/${ix.token}/`) || r.route.startsWith(`/webhooks/${this.applicationId}/${ix.token}`));
  }

  // --- waiting
  /** Resolves with `check()` once truthy; re-checked whenever the fake's state changes and every 25 ms. */
  waitUntil<T>(check: () => T | undefined | null | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const finish = (fn: () => void) => {
        clearTimeout(timer);
        clearInterval(poll);
        this.state.waiters.delete(tick);
        fn();
      };
      const tick = () => {
        try {
          const v = check();
          if (v) finish(() => resolve(v));
        } catch (err) {
          finish(() => reject(err));
        }
      };
      const recent = () => this.requests.slice(-8).map((r) => `${r.method} ${r.route || r.path} -> ${r.status}`).join('; ') || '(none)';
      const timer = setTimeout(() => finish(() => reject(new Error(`fake-discord: timed out after ${timeoutMs} ms waiting for ${what}. Recent requests: ${recent()}. Gateway connected: ${this.gatewayConnected}.`))), timeoutMs);
      const poll = setInterval(tick, 25);
      this.state.waiters.add(tick);
    });
  }

  /** First recorded request (index >= `fromIndex`) matching `pred`; waits for it if none has arrived yet. */
  waitForRequest(pred: (r: T.RecordedRequest) => boolean, timeoutMs = 5000, fromIndex = 0): Promise<T.RecordedRequest> {
    return this.waitUntil(() => this.requests.find((r) => r.index >= fromIndex && pred(r)), timeoutMs, 'a matching request');
  }

  /** A stored message matching `pred` (checked on create and on every edit). */
  waitForMessage(pred: (m: T.StoredMessage) => boolean, timeoutMs = 5000): Promise<T.StoredMessage> {
    return this.waitUntil(() => this.messages.find((m) => pred(m)), timeoutMs, 'a matching message');
  }

  /** The successful (2xx) callback request for an interaction. */
  waitForCallback(interactionId: string, timeoutMs = 5000): Promise<T.RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && r.route.startsWith(`/interactions/${interactionId}/`) && r.status < 300, timeoutMs);
  }

  // --- fault injection
  /** The next `count` (default 1) requests matching `matcher` get HTTP 429 with Discord's headers and body. */
  rateLimitNext(matcher: T.RequestMatcher, opts: T.RateLimitOptions): void {
    this.rest.rateLimitNext(matcher, opts);
  }

  /** The next `count` matching requests fail with the given status/code (e.g. 403 50013, 500). */
  failNext(matcher: T.RequestMatcher, opts: T.FailureOptions): void {
    this.rest.failNext(matcher, opts);
  }

  /** Closes gateway connections: 4000 (resume), 1000/1001 (session ends, re-identify), 'abrupt' (1006, resume). */
  disconnectGateway(code: number | 'abrupt' = GatewayClose.UnknownError): void {
    this.gateway.disconnect(code);
  }

  /** Sends op 7 RECONNECT (client closes and resumes). */
  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  /** Sends op 9 INVALID_SESSION. With resumable=false the session is dropped and the client re-identifies. */
  invalidateSession(resumable = false): void {
    this.gateway.invalidateSession(resumable);
  }

  // --- what users do
  /** Dispatches INTERACTION_CREATE from a guild member. Throws if no gateway session exists. */
  sendInteraction(partial: Json & { type: number }, opts: T.InteractionOptions = {}): T.SentInteraction {
    if (!this.gateway.hasLiveSession) throw new Error('fake-discord: no gateway session; log a client in (and wait for ready) first');
    const channel = this.state.channels.get(opts.channelId ?? this.channelId);
    if (!channel) throw new Error(`fake-discord: unknown channel ${opts.channelId}`);
    const id = snowflake();
    // Real tokens are base64 of "interaction:<id>:<secret>" (URL-safe, no ':' on the wire).
    const token = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const user = this.addUser({ id: opts.userId ?? this.userId });
    const locale = opts.locale ?? 'en-US';
    const permissions = BigInt(opts.memberPermissions ?? DEFAULT_MEMBER_PERMISSIONS).toString();
    const payload: Json = {
      application_id: this.applicationId,
      version: 1,
      locale,
      app_permissions: this.state.botPermissions().toString(),
      entitlements: [],
      attachment_size_limit: MAX_ATTACHMENT_BYTES,
      guild_id: this.guildId,
      guild: { id: this.guildId, locale, features: [] },
      guild_locale: locale,
      channel_id: channel.id,
      channel: { ...channel },
      member: { ...this.state.memberFor(user.id as string, true), roles: opts.roles ?? [], permissions },
      context: 0,
      authorizing_integration_owners: { '0': this.guildId },
      ...partial,
      id,
      token,
    };
    const record: T.InteractionRecord = { id, token, type: payload.type as number, payload, createdAt: Date.now(), callbackType: undefined, callbackAt: undefined, callbackData: undefined, originalMessageId: undefined, followUpIds: [], autocompleteChoices: undefined };
    this.state.interactions.set(id, record);
    this.state.tokenToInteraction.set(token, id);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id, token, payload };
  }

  /** A CHAT_INPUT command. */
  async slashCommand(name: string, options: T.CommandOptionInput[] = [], opts: T.InteractionOptions = {}): Promise<T.SentInteraction> {
    return this.sendInteraction({ type: InteractionType.ApplicationCommand, data: this.commandData(name, options, false) }, opts);
  }

  /** An APPLICATION_COMMAND_AUTOCOMPLETE interaction. If no option has `focused`, the last one is focused. */
  async autocomplete(name: string, options: T.CommandOptionInput[], opts: T.InteractionOptions = {}): Promise<T.SentInteraction> {
    return this.sendInteraction({ type: InteractionType.ApplicationCommandAutocomplete, data: this.commandData(name, options, true) }, opts);
  }

  /** A button click on a stored message (default: the latest bot message in the channel). */
  async button(customId: string, opts: T.InteractionOptions & { messageId?: string } = {}): Promise<T.SentInteraction> {
    const channelId = opts.channelId ?? this.channelId;
    const target = opts.messageId
      ? this.getMessage(opts.messageId)
      : [...this.messages].reverse().find((m) => m.channel_id === channelId && m.author.id === this.botUserId && !m.deleted);
    if (!target) throw new Error('fake-discord: no message to attach the button click to');
    return this.sendInteraction(
      { type: InteractionType.MessageComponent, data: { custom_id: customId, component_type: 2 }, message: apiMessage(this.state, target) },
      { ...opts, channelId: target.channel_id },
    );
  }

  /** A user posts a message in the guild (dispatches MESSAGE_CREATE). */
  async sendMessage(content: string, opts: T.SendMessageOptions = {}): Promise<{ id: string; message: T.StoredMessage }> {
    const author = this.addUser({ id: opts.authorId ?? this.userId, ...(opts.authorBot ? { bot: true } : {}) });
    const channelId = opts.channelId ?? this.channelId;
    if (!this.state.channels.has(channelId)) throw new Error(`fake-discord: unknown channel ${channelId}`);
    const ref = opts.replyTo ? this.getMessage(opts.replyTo) : undefined;
    if (opts.replyTo && !ref) throw new Error(`fake-discord: replyTo unknown message ${opts.replyTo}`);
    const parsed = parseMentions(content);
    const mentions = [...new Set([...parsed.users, ...(opts.mentions ?? []), ...(ref ? [ref.author.id as string] : [])])];
    const msg: T.StoredMessage = {
      id: snowflake(),
      channel_id: channelId,
      guild_id: this.guildId,
      author,
      type: ref ? 19 : 0,
      content,
      embeds: [],
      components: [],
      flags: 0,
      allowed_mentions: undefined,
      attachments: [],
      message_reference: ref ? reference(ref) : undefined,
      mentions,
      mention_roles: [...new Set([...parsed.roles, ...(opts.mentionRoles ?? [])])],
      mention_everyone: parsed.everyone,
      webhook_id: undefined,
      interaction_id: undefined,
      timestamp: nowIso(),
      edited_timestamp: null,
      origin: 'user',
      deleted: false,
      history: [],
    };
    this.messages.push(msg);
    this.gateway.echo('MESSAGE_CREATE', msg);
    return { id: msg.id, message: msg };
  }

  /** Stops the servers: terminates websockets and HTTP sockets. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.gateway.close();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const s of this.sockets) s.destroy();
    await Promise.race([closed, new Promise<void>((r) => setTimeout(r, 2000).unref())]);
    this.state.notify();
  }

  /** GET of an attachment URL (the CDN stand-in). */
  private attachment(rec: T.RecordedRequest): RouteResult {
    const id = rec.path.startsWith('/attachments/') ? rec.path.split('/')[3] : undefined;
    const a = id === undefined ? undefined : this.messages.flatMap((m) => m.attachments).find((x) => x.id === id);
    if (rec.method !== 'GET' || !a) return { status: 404, body: { message: '404: Not Found', code: 0 } };
    return { status: 200, body: a.bytes, headers: { 'content-type': a.content_type ?? 'application/octet-stream' } };
  }

  private commandData(name: string, options: T.CommandOptionInput[], autocomplete: boolean): Json {
    const focusedGiven = options.some((o) => o.focused);
    const converted = options.map((o, i) => {
      const type = o.type ?? (typeof o.value === 'boolean' ? OptionType.Boolean : typeof o.value === 'number' ? (Number.isInteger(o.value) ? OptionType.Integer : OptionType.Number) : OptionType.String);
      const focused = autocomplete && (o.focused || (!focusedGiven && i === options.length - 1));
      return { name: o.name, type, value: focused ? String(o.value ?? '') : o.value, ...(focused ? { focused: true } : {}) };
    });
    const guildCmd = (this.commands.get(this.guildId) ?? []).some((c) => c.name === name);
    return { id: this.state.commandId(name), name, type: 1, ...(converted.length ? { options: converted } : {}), ...(guildCmd ? { guild_id: this.guildId } : {}) };
  }
}

export async function startFakeDiscord(opts: T.FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(opts).start();
}
