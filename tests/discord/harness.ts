/**
 * The bot's handlers on the one Discord stand-in: a real discord.js client logged in to
 * tests/support/fake-discord on 127.0.0.1, whose interactions and messages go to `handleInteraction`
 * and `handleMessage` with a context (and command list) each test chooses. What a handler did is read
 * back from the requests Discord received, named after the discord.js method that makes them.
 */
import { renderChartPng } from '../../src/charts/chart.js';
import { Writable } from 'node:stream';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { pino, type Logger } from 'pino';
import { askService } from '../../src/app/ask.js';
import { Cooldown } from '../../src/app/cooldown.js';
import { commands as allCommands } from '../../src/discord/commands/index.js';
import type { BotContext, Command } from '../../src/discord/commands/types.js';
import type { ReindexOutcome } from '../../src/discord/index-holder.js';
import { handleInteraction } from '../../src/discord/interactions.js';
import { safeMentions } from '../../src/discord/limits.js';
import { handleMessage } from '../../src/discord/messages.js';
import type { LoadedIndex } from '../../src/index/store.js';
import { startFakeDiscord, type CommandOptionInput, type FakeDiscord, type InteractionOptions, type Json, type SendMessageOptions, type StoredMessage } from '../support/fake-discord/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = any;

export type Method = 'reply' | 'deferReply' | 'editReply' | 'followUp' | 'deleteReply' | 'respond' | 'update' | 'deferUpdate';
export interface Call {
  method: Method;
  /** The request body as Discord received it (`allowed_mentions`, numeric `flags`, embeds as JSON). */
  payload: Payload;
}

/** What a handler did with one interaction. */
export interface Handled {
  id: string;
  calls: Call[];
  methods(): Method[];
  /** The payload of the last call of a method. */
  last(method: Method): Payload;
}

/** `safeMentions()` as Discord receives it. */
export const SAFE_WIRE = { parse: [], replied_user: false };
export const EPHEMERAL = 64;

const CALLBACKS: Record<number, Method> = { 4: 'reply', 5: 'deferReply', 6: 'deferUpdate', 7: 'update', 8: 'respond' };

export interface Harness {
  fake: FakeDiscord;
  /** A channel of the guild besides the default one (e.g. for REGIONBOT_CHANNELS). */
  otherChannel: string;
  /** Handle the next events with this context and these commands. */
  use(ctx: BotContext, list?: readonly Command[]): void;
  command(name: string, values?: Record<string, string | number>, opts?: InteractionOptions): Promise<Handled>;
  autocomplete(name: string, values: Record<string, string>, focused: string): Promise<Handled>;
  button(customId: string, messageId?: string): Promise<Handled>;
  /** A guild member posts a message; resolves once handled, with the bot's replies to it. */
  message(content: string, opts?: SendMessageOptions): Promise<{ id: string; replies: StoredMessage[] }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const otherChannel = '999999999999999999';
  const fake = await startFakeDiscord({ extraChannels: [{ id: otherChannel, name: 'ask-regionbot' }] });
  const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent], allowedMentions: safeMentions(), rest: { api: fake.apiBaseUrl } });
  let ctx: BotContext | undefined;
  let list: readonly Command[] = allCommands;
  const handled = new Map<string, Promise<void>>();
  client.on(Events.InteractionCreate, (i) => {
    if (ctx) handled.set(i.id, handleInteraction(i, ctx, list));
  });
  client.on(Events.MessageCreate, (m) => {
    if (ctx && m.author.id !== client.user?.id) handled.set(m.id, handleMessage(m, ctx, client.user?.id ?? ''));
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake.token);
  await ready;

  const done = async (id: string): Promise<void> => {
    await fake.waitUntil(() => handled.get(id), 5000, `the handler of ${id}`);
    await handled.get(id);
  };
  const interaction = async (sent: { id: string }): Promise<Handled> => {
    await done(sent.id);
    const calls: Call[] = [];
    for (const r of fake.interactionRequests(sent.id)) {
      if (r.status >= 300 || r.method === 'GET') continue;
      if (r.route.endsWith('/callback')) {
        const method = CALLBACKS[r.body.type as number] ?? 'reply';
        calls.push({ method, payload: method === 'respond' ? r.body.data.choices : r.body.data });
      } else if (r.method === 'POST') calls.push({ method: 'followUp', payload: r.body });
      else calls.push({ method: r.method === 'DELETE' ? 'deleteReply' : 'editReply', payload: r.body });
    }
    return {
      id: sent.id,
      calls,
      methods: () => calls.map((c) => c.method),
      last: (method) => calls.filter((c) => c.method === method).at(-1)?.payload,
    };
  };
  const options = (values: Record<string, string | number>, focused?: string): CommandOptionInput[] =>
    Object.entries(values).map(([name, value]) => ({ name, value, ...(name === focused ? { focused: true } : {}) }));

  return {
    fake,
    otherChannel,
    use(c, l = allCommands) {
      ctx = c;
      list = l;
    },
    command: async (name, values = {}, opts = {}) => interaction(await fake.slashCommand(name, options(values), opts)),
    autocomplete: async (name, values, focused) => interaction(await fake.autocomplete(name, options(values, focused))),
    button: async (customId, messageId) => interaction(await fake.button(customId, messageId ? { messageId } : {})),
    async message(content, opts = {}) {
      const { id } = await fake.sendMessage(content, opts);
      await done(id);
      return { id, replies: fake.messages.filter((m: StoredMessage) => (m.message_reference as Json | undefined)?.message_id === id) };
    },
    async close() {
      await client.destroy();
      await fake.close();
    },
  };
}

/** A logger writing JSON lines into `lines`. */
export function memoryLogger(): { logger: Logger; lines: string[]; entries: () => Array<Record<string, unknown> & { level: number; msg: string }> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { level: number; msg: string }) };
}

export function context(
  index: LoadedIndex,
  opts: { logger?: Logger; cooldownSeconds?: number; channels?: string[]; reindex?: () => Promise<ReindexOutcome>; now?: () => number } = {},
): BotContext {
  const logger = opts.logger ?? pino({ level: 'silent' });
  return {
    config: { REGIONBOT_CHANNELS: opts.channels ?? [], REGIONBOT_COOLDOWN_SECONDS: opts.cooldownSeconds ?? 0 },
    logger,
    index: () => index,
    reindex: opts.reindex ?? (() => Promise.reject(new Error('no reindex in this test'))),
    ask: askService({ index: () => index, cooldown: new Cooldown(opts.cooldownSeconds ?? 0, opts.now), logger }),
    chart: renderChartPng,
    commandList: allCommands.map((c) => ({ name: c.data.name, description: c.data.description })),
  };
}
