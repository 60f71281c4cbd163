/**
 * End to end: a real index built from the corpus, the real discord.js client of `startBot`, and the
 * local stand-in of Discord (tests/support/fake-discord/) on 127.0.0.1.
 */
import { copyFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { commands } from '../../src/discord/commands/index.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import {
  CallbackType,
  DEFAULT_MEMBER_PERMISSIONS,
  MessageFlag,
  Permission,
  snowflake,
  startFakeDiscord,
  type FakeDiscord,
  type Json,
  type StoredMessage,
} from '../support/fake-discord/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const JILIN_DOC = '000_0ae20fc01c1a99ca.txt';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MANAGE_GUILD = 1n << 5n;

let dir: string;
let corpusDir: string;
let indexDir: string;
let fake: FakeDiscord;
let bot: RunningBot;
const logLines: string[] = [];
const answerChannel = snowflake(Date.now() - 86_400_000 * 10);

/** A new user for each question, so that the per-user cooldown (30 s here) does not get in the way. */
function newUser(): string {
  const id = snowflake();
  fake.addUser({ id, username: `asker${id.slice(-4)}` });
  return id;
}

function embedText(e: Json | undefined): string {
  if (!e) return '';
  return [e.title, e.description, ...(e.fields ?? []).flatMap((f: Json) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n');
}

function finalMessage(interactionId: string): Promise<StoredMessage> {
  return fake.waitForMessage((m) => m.interaction_id === interactionId && !(m.flags & MessageFlag.Loading) && (m.embeds.length > 0 || m.content !== ''), 8000);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regionbot-e2e-'));
  corpusDir = join(dir, 'corpus');
  indexDir = join(dir, 'index');
  await cp(join(ROOT, 'corpus'), corpusDir, { recursive: true });
  await buildIndex(corpusDir, indexDir);
  fake = await startFakeDiscord({ extraChannels: [{ id: answerChannel, name: 'ask-regionbot' }] });
  const config = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_CLIENT_ID: fake.applicationId,
    DISCORD_API_BASE_URL: fake.apiBaseUrl,
    REGIONBOT_CHANNELS: answerChannel,
    REGIONBOT_COOLDOWN_SECONDS: '30',
    LOG_LEVEL: 'debug',
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const count = await deployCommands({ token: fake.token, clientId: fake.applicationId, guildId: fake.guildId, apiBaseUrl: fake.apiBaseUrl });
  expect(count).toBe(commands.length);
  bot = await startBot({ config, indexDir, corpusDir, logger: pino({ level: 'debug' }, sink) });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('regionbot on a local Discord', () => {
  it('registers its slash commands (guild-scoped), /reindex for Manage Server only', () => {
    const registered = fake.commands.get(fake.guildId) ?? [];
    expect(registered.map((c) => c.name).sort()).toEqual(['ask', 'coverage', 'help', 'metric', 'reindex', 'sources']);
    const reindex = registered.find((c) => c.name === 'reindex');
    expect(reindex?.default_member_permissions).toBe(String(MANAGE_GUILD));
    const ask = registered.find((c) => c.name === 'ask');
    expect(ask?.default_member_permissions ?? null).toBeNull();
    // The client connected with exactly the intents it needs.
    const identify = fake.gatewayReceived.find((p) => p.op === 2)?.d as { intents: number };
    expect(identify.intents).toBe((1 << 0) | (1 << 9) | (1 << 15));
  });

  it('/ask: deferred within the deadline, then an embed with the number and its citation', async () => {
    const ix = await fake.slashCommand('ask', [{ name: 'question', value: "What was Jilin's R&D investment in 2021?" }], { userId: newUser() });
    const cb = await fake.waitForCallback(ix.id);
    expect(cb.body.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    expect(cb.at - (fake.getInteraction(ix.id)?.createdAt ?? 0)).toBeLessThan(1500);
    const msg = await finalMessage(ix.id);
    const embed = msg.embeds[0];
    expect(embed?.description).toContain('15.95');
    expect(embed?.title).toBe("What was Jilin's R&D investment in 2021?");
    const citation = (embed?.fields as Json[]).find((f) => String(f.value).includes(JILIN_DOC));
    expect(citation?.name).toMatch(/^\[1\] Jilin Makes Great Progress/);
    expect(citation?.value).toContain('**RMB15.95 billion**');
    expect(embed?.footer?.text).toMatch(/Read as: Jilin · .*2021 \| Index built \d{4}-\d{2}-\d{2}/);
    expect(msg.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('/metric autocomplete answers from memory: at most 25 choices of at most 100 characters', async () => {
    for (const typed of ['', 'high', 'enterprises']) {
      const ix = await fake.autocomplete('metric', [{ name: 'name', value: typed, focused: true }], { userId: newUser() });
      const cb = await fake.waitForCallback(ix.id);
      expect(cb.body.type).toBe(CallbackType.ApplicationCommandAutocompleteResult);
      const choices = cb.body.data.choices as { name: string; value: string }[];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
      if (typed !== 'enterprises') expect(choices.some((c) => c.name.startsWith('high-tech enterprises'))).toBe(true);
      expect(cb.at - (fake.getInteraction(ix.id)?.createdAt ?? 0)).toBeLessThan(500);
    }
    const region = await fake.autocomplete('metric', [{ name: 'name', value: 'high-tech enterprises' }, { name: 'region', value: 'ji', focused: true }]);
    const rcb = await fake.waitForCallback(region.id);
    expect((rcb.body.data.choices as { name: string }[]).map((c) => c.name)).toEqual(expect.arrayContaining(['Jilin', 'Jiangyin']));
  });

  it('/metric name:"high-tech enterprises": a table of values with citations and a PNG chart', async () => {
    const ix = await fake.slashCommand('metric', [{ name: 'name', value: 'high-tech enterprises' }], { userId: newUser() });
    const cb = await fake.waitForCallback(ix.id);
    expect(cb.body.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    const edit = await fake.waitForRequest((r) => r.method === 'PATCH' && r.route.includes(ix.token) && r.status === 200, 10_000);
    expect(edit.files).toHaveLength(1);
    expect(edit.files[0]?.name).toBe('chart.png');
    expect(edit.files[0]?.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const msg = await finalMessage(ix.id);
    const embed = msg.embeds[0];
    expect(embed?.title).toMatch(/^High-tech enterprises/);
    expect(embed?.description).toContain('**2705**');
    expect(embed?.image?.url).toBe('attachment://chart.png');
    expect(embedText(embed)).toContain(JILIN_DOC);
    expect(msg.attachments[0]?.filename).toBe('chart.png');
  });

  it('answers a mention with a reply that pings no one', async () => {
    const author = newUser();
    const sent = await fake.sendMessage(`${fake.mention()} How many high-tech enterprises does Jilin have?`, { authorId: author });
    const reply = await fake.waitForMessage((m) => m.message_reference?.message_id === sent.id, 5000);
    expect(reply.author.id).toBe(fake.botUserId);
    expect(reply.embeds[0]?.description).toMatch(/2705|524/);
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.mentions).toEqual([]);
  });

  it('a mention with @everyone and a role mention: nobody is pinged and the echo is escaped', async () => {
    const author = newUser();
    const sent = await fake.sendMessage(`${fake.mention()} @everyone <@&${fake.guildId}> **What** was Jilin's R&D investment in 2021?`, { authorId: author });
    expect(sent.message.mention_everyone).toBe(true);
    const reply = await fake.waitForMessage((m) => m.message_reference?.message_id === sent.id, 5000);
    const req = fake.requests.find((r) => r.method === 'POST' && r.body?.message_reference?.message_id === sent.id);
    expect(req?.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.mention_everyone).toBe(false);
    expect(reply.mentions).toEqual([]);
    expect(reply.mention_roles).toEqual([]);
    const title = String(reply.embeds[0]?.title);
    expect(title).toContain('@\u200beveryone');
    expect(title).toContain('\\*\\*What\\*\\*');
    expect(title).not.toContain(`<@&${fake.guildId}>`);
  });

  it('answers without a mention in a REGIONBOT_CHANNELS channel, ignores other bots', async () => {
    const sent = await fake.sendMessage("What was Jilin's R&D investment in 2021?", { channelId: answerChannel, authorId: newUser() });
    const reply = await fake.waitForMessage((m) => m.message_reference?.message_id === sent.id, 5000);
    expect(reply.embeds[0]?.description).toContain('15.95');
    const fromBot = await fake.sendMessage(`${fake.mention()} What was Jilin's R&D investment in 2021?`, { authorBot: true, authorId: snowflake() });
    const plain = await fake.sendMessage('just chatting, not a question for the bot', { authorId: newUser() });
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.messages.some((m) => m.message_reference?.message_id === fromBot.id || m.message_reference?.message_id === plain.id)).toBe(false);
  });

  it('per-user cooldown: a second question right away gets an ephemeral "please wait"', async () => {
    const user = newUser();
    const first = await fake.slashCommand('ask', [{ name: 'question', value: 'How many high-tech enterprises does Jilin have?' }], { userId: user });
    await finalMessage(first.id);
    const second = await fake.slashCommand('ask', [{ name: 'question', value: 'How many projects does Changchun have?' }], { userId: user });
    const cb = await fake.waitForCallback(second.id);
    expect(cb.body.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(cb.body.data.flags & MessageFlag.Ephemeral).toBe(MessageFlag.Ephemeral);
    expect(cb.body.data.content).toMatch(/^Please wait (29|30) s before asking another question\.$/);
  });

  it('an empty question gets a short ephemeral note, and the bot keeps answering', async () => {
    const ix = await fake.slashCommand('ask', [{ name: 'question', value: '   ' }], { userId: newUser() });
    const cb = await fake.waitForCallback(ix.id);
    expect(cb.body.data.flags & MessageFlag.Ephemeral).toBe(MessageFlag.Ephemeral);
    expect(cb.body.data.content).toMatch(/^The question is empty/);
  });

  it('keeps answering after the gateway drops (close 4000, then an abrupt drop)', async () => {
    const resumes = fake.resumeCount;
    fake.disconnectGateway(4000);
    const ix = await fake.slashCommand('ask', [{ name: 'question', value: "What was Jilin's R&D investment in 2021?" }], { userId: newUser() });
    const msg = await finalMessage(ix.id);
    expect(msg.embeds[0]?.description).toContain('15.95');
    expect(fake.resumeCount).toBe(resumes + 1);
    fake.disconnectGateway('abrupt');
    await fake.waitUntil(() => fake.resumeCount === resumes + 2 && fake.gatewayConnected, 5000, 'second resume');
    const ix2 = await fake.slashCommand('coverage', [], { userId: newUser() });
    const cb = await fake.waitForCallback(ix2.id);
    expect(cb.body.data.embeds[0].title).toBe('What the index covers');
  });

  it('a 429 on the reply route is waited out and retried, then the reply succeeds', async () => {
    fake.rateLimitNext((r) => r.method === 'PATCH' && r.route.endsWith('/messages/@original'), { retryAfterSeconds: 0.3 });
    const ix = await fake.slashCommand('ask', [{ name: 'question', value: "What was Jilin's R&D investment in 2021?" }], { userId: newUser() });
    const msg = await finalMessage(ix.id);
    expect(msg.embeds[0]?.description).toContain('15.95');
    const edits = fake.requests.filter((r) => r.method === 'PATCH' && r.route.includes(ix.token));
    expect(edits.map((r) => r.status)).toEqual([429, 200]);
    expect((edits[1]?.at ?? 0) - (edits[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
  });

  it('/sources, /coverage and /help answer at once from memory', async () => {
    const s = await fake.slashCommand('sources', [], { userId: newUser() });
    const scb = await fake.waitForCallback(s.id);
    expect(scb.body.type).toBe(CallbackType.ChannelMessageWithSource);
    expect(scb.body.data.embeds[0].title).toBe('Sources: 5 articles');
    expect(scb.body.data.embeds[0].description).toContain('Jilin Makes Great Progress');
    expect(scb.body.data.components ?? []).toEqual([]);
    const h = await fake.slashCommand('help', [], { userId: newUser() });
    const hcb = await fake.waitForCallback(h.id);
    expect(hcb.body.data.flags & MessageFlag.Ephemeral).toBe(MessageFlag.Ephemeral);
    expect(embedText(hcb.body.data.embeds[0])).toMatch(/How many high-tech enterprises/);
    expect(embedText(hcb.body.data.embeds[0])).toContain('/reindex');
    const c = await fake.slashCommand('coverage', [], { userId: newUser() });
    const ccb = await fake.waitForCallback(c.id);
    expect(embedText(ccb.body.data.embeds[0])).toMatch(/Jilin \(\d+\)/);
  });

  it('/reindex rebuilds in the background, keeps answering, and swaps the new index in', async () => {
    const hefei = "What was Hefei's R&D investment in 2022?";
    const before = await fake.slashCommand('ask', [{ name: 'question', value: hefei }], { userId: newUser() });
    const beforeMsg = await finalMessage(before.id);
    expect(beforeMsg.embeds[0]?.description).not.toContain('63.2');
    const builtBefore = bot.index().manifest.builtAt;

    await copyFile(join(ROOT, 'tests/fixtures/extra-corpus/900_hefei_innovation.txt'), join(corpusDir, '900_hefei_innovation.txt'));
    const admin = newUser();
    const rx = await fake.slashCommand('reindex', [], { userId: admin, memberPermissions: DEFAULT_MEMBER_PERMISSIONS | Permission.Administrator | MANAGE_GUILD });
    const rcb = await fake.waitForCallback(rx.id);
    expect(rcb.body.type).toBe(CallbackType.DeferredChannelMessageWithSource);
    expect(rcb.body.data.flags & MessageFlag.Ephemeral).toBe(MessageFlag.Ephemeral);
    // While it rebuilds (in a worker thread), questions are still answered, from the old index.
    const during = await fake.slashCommand('ask', [{ name: 'question', value: "What was Jilin's R&D investment in 2021?" }], { userId: newUser() });
    expect((await finalMessage(during.id)).embeds[0]?.description).toContain('15.95');

    const done = await finalMessage(rx.id);
    const answeredAt = fake.requests.find((r) => r.method === 'PATCH' && r.route.includes(during.token) && r.status === 200)?.at ?? Infinity;
    const rebuiltAt = fake.requests.find((r) => r.method === 'PATCH' && r.route.includes(rx.token) && r.status === 200)?.at ?? 0;
    expect(answeredAt).toBeLessThan(rebuiltAt);
    expect(done.flags & MessageFlag.Ephemeral).toBe(MessageFlag.Ephemeral);
    expect(done.embeds[0]?.title).toBe('Index rebuilt');
    expect(embedText(done.embeds[0])).toContain('6 (was 5)');
    expect(bot.index().docs).toHaveLength(6);
    expect(bot.index().manifest.builtAt).not.toBe(builtBefore);

    const after = await fake.slashCommand('ask', [{ name: 'question', value: hefei }], { userId: newUser() });
    const afterMsg = await finalMessage(after.id);
    expect(afterMsg.embeds[0]?.description).toContain('63.2');
    expect(embedText(afterMsg.embeds[0])).toContain('900_hefei_innovation.txt');
  });

  it('deploys globally without a guild id', async () => {
    const count = await deployCommands({ token: fake.token, clientId: fake.applicationId, apiBaseUrl: fake.apiBaseUrl });
    expect(count).toBe(commands.length);
    expect((fake.commands.get('global') ?? []).map((c) => c.name)).toHaveLength(commands.length);
  });

  it('never logs the token, and logged no unexpected error', () => {
    const all = logLines.join('');
    expect(all).not.toContain('could not run'); // the rebuild ran in its worker thread
    expect(all).not.toContain(fake.token);
    const errors = logLines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
    expect(all).toContain('regionbot is online');
    if (process.env.SHOW_LOGS) console.log(all);
  });
});

describe('starting and stopping', () => {
  it('logs in while the given index loads: an /ask that arrives first is answered once it is loaded', async () => {
    const other = await startFakeDiscord();
    try {
      let release!: (index: LoadedIndex) => void;
      const index = new Promise<LoadedIndex>((r) => (release = r));
      const config = loadConfig({ DISCORD_TOKEN: other.token, DISCORD_API_BASE_URL: other.apiBaseUrl, LOG_LEVEL: 'silent' });
      const starting = startBot({ config, indexDir, corpusDir, index });
      await other.waitUntil(() => other.gatewayConnected, 10_000, 'the gateway');
      const ix = await other.slashCommand('ask', [{ name: 'question', value: "What was Jilin's R&D investment in 2021?" }]);
      await new Promise((r) => setTimeout(r, 200));
      expect(other.originalMessage(ix.id)).toBeUndefined(); // nothing to answer from yet
      release(await loadIndex(indexDir));
      const running = await starting;
      try {
        const msg = await other.waitForMessage((m) => m.interaction_id === ix.id && !(m.flags & MessageFlag.Loading) && m.embeds.length > 0, 8000);
        expect(msg.embeds[0]?.description).toContain('15.95');
      } finally {
        await running.stop();
      }
    } finally {
      await other.close();
    }
  });

  it('an index that fails to load fails the start, and leaves no gateway session', async () => {
    const other = await startFakeDiscord();
    try {
      const config = loadConfig({ DISCORD_TOKEN: other.token, DISCORD_API_BASE_URL: other.apiBaseUrl, LOG_LEVEL: 'silent' });
      const index = loadIndex(join(dir, 'no-index-here'));
      await expect(startBot({ config, indexDir, corpusDir, index })).rejects.toThrow(/no index in/);
      await other.waitUntil(() => !other.gatewayConnected, 3000, 'disconnect');
    } finally {
      await other.close();
    }
  });

  it('a wrong token fails to start (and leaves nothing running); stop() is graceful and idempotent', async () => {
    const other = await startFakeDiscord();
    try {
      const config = loadConfig({ DISCORD_TOKEN: 'A'.repeat(24) + '.bad.token-value', DISCORD_API_BASE_URL: other.apiBaseUrl, LOG_LEVEL: 'silent' });
      await expect(startBot({ config, indexDir, corpusDir })).rejects.toThrow(/invalid token/i);
      expect(other.gatewayConnected).toBe(false);

      const good = loadConfig({ DISCORD_TOKEN: other.token, DISCORD_API_BASE_URL: other.apiBaseUrl, LOG_LEVEL: 'silent' });
      const running = await startBot({ config: good, indexDir, corpusDir });
      expect(other.gatewayConnected).toBe(true);
      const ix = await other.slashCommand('ask', [{ name: 'question', value: "What was Jilin's R&D investment in 2021?" }]);
      await other.waitForCallback(ix.id);
      const stopping = running.stop();
      await expect(Promise.all([stopping, running.stop()])).resolves.toBeDefined();
      // The answer in progress was finished before the client disconnected.
      expect(other.originalMessage(ix.id)?.embeds[0]?.description).toContain('15.95');
      await other.waitUntil(() => !other.gatewayConnected, 3000, 'disconnect');
    } finally {
      await other.close();
    }
  });
});
