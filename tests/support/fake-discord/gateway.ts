/**
 * The gateway (JSON encoding, no compression): HELLO, heartbeat ACKs, IDENTIFY -> READY +
 * GUILD_CREATE, RESUME -> replay of missed dispatches + RESUMED, op 7/9, close codes 4001-4014
 * (4014 for privileged intents the "developer portal" has not enabled), and the MESSAGE_* echoes
 * Discord sends (content blanked without the MessageContent intent unless the bot is mentioned).
 */
import { randomBytes } from 'node:crypto';
import { WebSocket, type RawData } from 'ws';
import { apiMessage } from './messages.js';
import { API_VERSION, AppFlag, GatewayClose, GatewayOp, Intent, MessageFlag, type Json } from './protocol.js';
import type { DiscordState } from './state.js';
import type { FakeDiscordOptions, StoredMessage } from './types.js';

const REPLAY_BUFFER = 2000;
const TRACE = ['["fake-gateway",{"micros":0}]'];

interface Session {
  id: string;
  seq: number;
  intents: number;
  live: boolean;
  buffer: Json[];
  conn: Connection | null;
}

interface Connection {
  ws: WebSocket;
  session: Session | null;
  /** true once READY/RESUMED was sent on this connection */
  ready: boolean;
}

function send(conn: Connection, payload: Json): void {
  if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(payload));
}

const op = (o: number, d: unknown = null): Json => ({ op: o, d, s: null, t: null });

export class Gateway {
  url = '';
  /** Payloads the client sent (heartbeats excluded). */
  readonly received: Array<{ at: number; op: number; d: unknown }> = [];
  identifyCount = 0;
  resumeCount = 0;
  heartbeatCount = 0;
  private readonly sessions = new Map<string, Session>();
  private readonly conns = new Set<Connection>();
  private closed = false;

  constructor(
    private readonly state: DiscordState,
    private readonly opts: FakeDiscordOptions,
  ) {}

  /** Whether at least one session is connected and READY/RESUMED. */
  get connected(): boolean {
    for (const s of this.sessions.values()) if (s.live && s.conn?.ready) return true;
    return false;
  }

  get hasLiveSession(): boolean {
    return [...this.sessions.values()].some((s) => s.live);
  }

  accept(ws: WebSocket, url: URL): void {
    if (this.closed) {
      ws.terminate();
      return;
    }
    const conn: Connection = { ws, session: null, ready: false };
    this.conns.add(conn);
    ws.on('close', (code: number) => {
      this.conns.delete(conn);
      const s = conn.session;
      if (s && s.conn === conn) {
        s.conn = null;
        // A client closing with 1000/1001 ends its session (Discord invalidates it).
        if (code === 1000 || code === 1001) s.live = false;
      }
      this.state.notify();
    });
    ws.on('error', () => undefined);
    const v = url.searchParams.get('v');
    if (v !== null && v !== String(API_VERSION)) return ws.close(GatewayClose.InvalidApiVersion, 'Invalid API version');
    if ((url.searchParams.get('encoding') ?? 'json') !== 'json' || url.searchParams.has('compress')) {
      return ws.close(GatewayClose.DecodeError, 'fake-discord supports encoding=json without compression only');
    }
    ws.on('message', (data: RawData, isBinary: boolean) => this.onMessage(conn, data, isBinary));
    send(conn, op(GatewayOp.Hello, { heartbeat_interval: this.opts.heartbeatIntervalMs ?? 41250, _trace: TRACE }));
  }

  private onMessage(conn: Connection, data: RawData, isBinary: boolean): void {
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
    const code = payload.op as number;
    if (code !== GatewayOp.Heartbeat) this.received.push({ at: Date.now(), op: code, d: payload.d });
    if (code === GatewayOp.Heartbeat) {
      this.heartbeatCount++;
      send(conn, op(GatewayOp.HeartbeatAck));
    } else if (code === GatewayOp.Identify) this.onIdentify(conn, (payload.d ?? {}) as Json);
    else if (code === GatewayOp.Resume) this.onResume(conn, (payload.d ?? {}) as Json);
    else conn.ws.close(GatewayClose.UnknownOpcode, 'Unknown opcode.');
    this.state.notify();
  }

  private authenticate(conn: Connection, d: Json): boolean {
    if (conn.session) conn.ws.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
    else if (String(d.token ?? '').replace(/^Bot\s+/i, '') !== this.state.token) conn.ws.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
    else return true;
    return false;
  }

  private onIdentify(conn: Connection, d: Json): void {
    if (!this.authenticate(conn, d)) return;
    const intents = Number(d.intents);
    if (!Number.isInteger(intents) || intents < 0 || intents >= 2 ** 26) return conn.ws.close(GatewayClose.InvalidIntents, 'Invalid intent(s).');
    const flags = this.state.application.flags as number;
    const privileged: Array<[number, number]> = [
      [Intent.MessageContent, AppFlag.GatewayMessageContent],
      [Intent.GuildMembers, AppFlag.GatewayGuildMembers],
      [Intent.GuildPresences, AppFlag.GatewayPresence],
    ];
    if (privileged.some(([intent, flag]) => (intents & intent) !== 0 && (flags & flag) === 0)) {
      return conn.ws.close(GatewayClose.DisallowedIntents, 'Disallowed intent(s).');
    }
    this.identifyCount++;
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents, live: true, buffer: [], conn };
    this.sessions.set(session.id, session);
    conn.session = session;
    const s = this.state;
    const ready = {
      v: API_VERSION,
      user: { ...s.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: [{ id: s.guildId, unavailable: true }],
      private_channels: [],
      session_type: 'normal',
      session_id: session.id,
      resume_gateway_url: this.url,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: s.applicationId, flags },
      _trace: TRACE,
    };
    this.dispatchTo(session, 'READY', ready, true);
    conn.ready = true;
    if (intents & Intent.Guilds) this.dispatchTo(session, 'GUILD_CREATE', s.guildCreatePayload(intents, Intent.GuildMembers));
  }

  private onResume(conn: Connection, d: Json): void {
    if (!this.authenticate(conn, d)) return;
    const s = this.sessions.get(String(d.session_id));
    const seq = Number(d.seq ?? 0);
    const oldest = s?.buffer[0]?.s as number | undefined;
    if (!s || !s.live || (oldest !== undefined && oldest > seq + 1)) return send(conn, op(GatewayOp.InvalidSession, false));
    if (s.conn && s.conn !== conn) {
      s.conn.session = null;
      s.conn.ws.close(GatewayClose.UnknownError, 'Session resumed elsewhere');
    }
    this.resumeCount++;
    s.conn = conn;
    conn.session = s;
    for (const p of s.buffer) if ((p.s as number) > seq) send(conn, p);
    conn.ready = true;
    this.dispatchTo(s, 'RESUMED', { _trace: TRACE });
  }

  private dispatchTo(s: Session, t: string, d: unknown, force = false): void {
    s.seq++;
    const p = { op: GatewayOp.Dispatch, t, s: s.seq, d };
    s.buffer.push(p);
    if (s.buffer.length > REPLAY_BUFFER) s.buffer.shift();
    if (s.conn && (s.conn.ready || force)) send(s.conn, p);
  }

  /** Dispatches an event to every live session (buffered for a RESUME while disconnected); `intent` filters like Discord. */
  dispatch(t: string, d: Json, intent?: number): number {
    let delivered = 0;
    for (const s of this.sessions.values()) {
      if (!s.live || (intent !== undefined && (s.intents & intent) === 0)) continue;
      this.dispatchTo(s, t, structuredClone(d));
      delivered++;
    }
    this.state.notify();
    return delivered;
  }

  /** MESSAGE_CREATE/UPDATE of a message (the bot's own too, as Discord does); never for ephemeral ones. */
  echo(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', m: StoredMessage): void {
    if (this.closed || m.flags & MessageFlag.Ephemeral) return;
    const fromBot = m.author.id === this.state.botUserId;
    for (const s of this.sessions.values()) {
      if (!s.live || (s.intents & Intent.GuildMessages) === 0) continue;
      const d = apiMessage(this.state, m, true);
      d.member = this.state.memberFor(m.author.id as string, false);
      d.mentions = (d.mentions as Json[]).map((u) => ({ ...u, member: this.state.memberFor(u.id as string, false) }));
      if (!((s.intents & Intent.MessageContent) !== 0 || fromBot || m.mentions.includes(this.state.botUserId))) {
        Object.assign(d, { content: '', embeds: [], attachments: [], components: [] });
      }
      this.dispatchTo(s, t, d);
    }
    this.state.notify();
  }

  echoDelete(m: StoredMessage): void {
    if (this.closed || m.flags & MessageFlag.Ephemeral) return;
    this.dispatch('MESSAGE_DELETE', { id: m.id, channel_id: m.channel_id, guild_id: m.guild_id }, Intent.GuildMessages);
  }

  /** Closes connections: 4000 (resume), 1000/1001 (session ends, re-identify), 'abrupt' (no close frame, resume). */
  disconnect(code: number | 'abrupt'): void {
    for (const conn of this.conns) {
      if (code === 'abrupt') conn.ws.terminate();
      else conn.ws.close(code, 'fake-discord disconnect');
      if ((code === 1000 || code === 1001) && conn.session) conn.session.live = false;
    }
  }

  /** op 7 RECONNECT: the client closes and resumes. */
  requestReconnect(): void {
    for (const conn of this.conns) send(conn, op(GatewayOp.Reconnect));
  }

  /** op 9 INVALID_SESSION. Not resumable: the session ends and the client re-identifies. */
  invalidateSession(resumable: boolean): void {
    for (const conn of this.conns) {
      const s = conn.session;
      if (s) {
        if (!resumable) s.live = false;
        if (s.conn === conn) s.conn = null;
        conn.session = null;
        conn.ready = false;
      }
      send(conn, op(GatewayOp.InvalidSession, resumable));
    }
  }

  close(): void {
    this.closed = true;
    for (const conn of this.conns) conn.ws.terminate();
    this.conns.clear();
  }
}
