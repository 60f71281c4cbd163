/**
 * Plain-object stand-ins for discord.js interactions and messages, so that command handlers can be
 * tested without a client. They record every call and keep discord.js' state rules (one initial
 * response; edits and follow-ups only after it).
 */
import { Writable } from 'node:stream';
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Message } from 'discord.js';
import { pino, type Logger } from 'pino';
import type { BotContext } from '../../src/discord/commands/types.js';
import { commands } from '../../src/discord/commands/index.js';
import { Cooldown } from '../../src/discord/cooldown.js';
import type { ReindexOutcome } from '../../src/discord/index-holder.js';
import type { LoadedIndex } from '../../src/index/store.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = any;

export interface Call {
  method: 'reply' | 'deferReply' | 'editReply' | 'followUp' | 'deleteReply' | 'respond' | 'update' | 'deferUpdate';
  payload: Payload;
}

let nextId = 1000;

export class FakeInteraction {
  readonly calls: Call[] = [];
  readonly id = String(++nextId);
  readonly token = 'interaction-token-should-not-be-logged';
  deferred = false;
  replied = false;
  responded = false;
  guildId: string | null = '111111111111111111';
  channelId = '222222222222222222';
  user: { id: string; bot: boolean };
  readonly options;

  constructor(
    readonly kind: 'command' | 'autocomplete' | 'button',
    readonly commandName: string,
    opts: { user?: string; values?: Record<string, string | number | undefined>; focused?: string; customId?: string } = {},
  ) {
    this.user = { id: opts.user ?? '333333333333333333', bot: false };
    this.customId = opts.customId ?? '';
    const values = opts.values ?? {};
    this.options = {
      getString: (name: string, required = false): string | null => {
        const v = values[name];
        if (v === undefined && required) throw new Error(`missing required option ${name}`);
        return v === undefined ? null : String(v);
      },
      getInteger: (name: string): number | null => {
        const v = values[name];
        return typeof v === 'number' ? v : null;
      },
      getFocused: (full?: boolean) => {
        const name = opts.focused ?? Object.keys(values).at(-1) ?? '';
        const value = String(values[name] ?? '');
        return full ? { name, value, type: 3, focused: true } : value;
      },
    };
  }

  readonly customId: string;
  get type(): number {
    return this.kind === 'command' ? 2 : this.kind === 'autocomplete' ? 4 : 3;
  }

  isAutocomplete(): boolean {
    return this.kind === 'autocomplete';
  }
  isChatInputCommand(): boolean {
    return this.kind === 'command';
  }
  isButton(): boolean {
    return this.kind === 'button';
  }

  private record(method: Call['method'], payload?: Payload): void {
    this.calls.push({ method, payload });
  }

  async reply(p: Payload) {
    if (this.deferred || this.replied) throw new Error('InteractionAlreadyReplied');
    this.replied = true;
    this.record('reply', p);
  }
  async deferReply(p?: Payload) {
    if (this.deferred || this.replied) throw new Error('InteractionAlreadyReplied');
    this.deferred = true;
    this.record('deferReply', p);
  }
  async editReply(p: Payload) {
    if (!this.deferred && !this.replied) throw new Error('InteractionNotReplied');
    this.record('editReply', p);
  }
  async followUp(p: Payload) {
    if (!this.deferred && !this.replied) throw new Error('InteractionNotReplied');
    this.record('followUp', p);
  }
  async deleteReply() {
    if (!this.deferred && !this.replied) throw new Error('InteractionNotReplied');
    this.record('deleteReply');
  }
  async respond(choices: Payload) {
    if (this.responded) throw new Error('InteractionAlreadyReplied');
    this.responded = true;
    this.record('respond', choices);
  }
  async update(p: Payload) {
    if (this.deferred || this.replied) throw new Error('InteractionAlreadyReplied');
    this.replied = true;
    this.record('update', p);
  }
  async deferUpdate() {
    this.deferred = true;
    this.record('deferUpdate');
  }

  /** The last call of a method. */
  last(method: Call['method']): Payload {
    return [...this.calls].reverse().find((c) => c.method === method)?.payload;
  }
  methods(): Call['method'][] {
    return this.calls.map((c) => c.method);
  }

  get asCommand(): ChatInputCommandInteraction {
    return this as unknown as ChatInputCommandInteraction;
  }
  get asAutocomplete(): AutocompleteInteraction {
    return this as unknown as AutocompleteInteraction;
  }
  get asButton(): ButtonInteraction {
    return this as unknown as ButtonInteraction;
  }
}

export function command(name: string, values: Record<string, string | number | undefined> = {}, user?: string): FakeInteraction {
  return new FakeInteraction('command', name, { values, ...(user ? { user } : {}) });
}

export function autocomplete(name: string, values: Record<string, string>, focused: string): FakeInteraction {
  return new FakeInteraction('autocomplete', name, { values, focused });
}

export function button(customId: string): FakeInteraction {
  return new FakeInteraction('button', customId.split(':')[0] ?? '', { customId });
}

export interface FakeMessage {
  id: string;
  author: { id: string; bot: boolean };
  system: boolean;
  webhookId: string | null;
  channelId: string;
  content: string;
  mentions: { users: Map<string, unknown>; roles: Map<string, { id: string; tags: { botId?: string } | null }> };
  replies: Payload[];
  reply(p: Payload): Promise<void>;
}

export function message(content: string, opts: { author?: string; bot?: boolean; channelId?: string; mentionUsers?: string[]; mentionRoles?: { id: string; botId?: string }[] } = {}): FakeMessage & { asMessage: Message } {
  const replies: Payload[] = [];
  const m = {
    id: String(++nextId),
    author: { id: opts.author ?? '444444444444444444', bot: opts.bot ?? false },
    system: false,
    webhookId: null,
    channelId: opts.channelId ?? '222222222222222222',
    content,
    mentions: {
      users: new Map((opts.mentionUsers ?? []).map((id) => [id, { id }])),
      roles: new Map((opts.mentionRoles ?? []).map((r) => [r.id, { id: r.id, tags: r.botId ? { botId: r.botId } : null }])),
    },
    replies,
    async reply(p: Payload) {
      replies.push(p);
    },
  };
  return Object.assign(m, { asMessage: m as unknown as Message });
}

/** A logger writing JSON lines into `lines`. */
export function memoryLogger(): { logger: Logger; lines: string[]; entries: () => Array<Record<string, unknown> & { level: number; msg: string }> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { level: number; msg: string }) };
}

export function context(
  index: LoadedIndex,
  opts: { logger?: Logger; cooldownSeconds?: number; channels?: string[]; reindex?: () => Promise<ReindexOutcome>; now?: () => number } = {},
): BotContext {
  return {
    config: { REGIONBOT_CHANNELS: opts.channels ?? [], REGIONBOT_COOLDOWN_SECONDS: opts.cooldownSeconds ?? 0 },
    logger: opts.logger ?? pino({ level: 'silent' }),
    index: () => index,
    reindex: opts.reindex ?? (() => Promise.reject(new Error('no reindex in this test'))),
    cooldown: new Cooldown(opts.cooldownSeconds ?? 0, opts.now),
    commandList: commands.map((c) => ({ name: c.data.name, description: c.data.description })),
  };
}
