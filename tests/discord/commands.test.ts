import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DiscordAPIError, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, commandsJson, findCommand } from '../../src/discord/commands/index.js';
import type { Command } from '../../src/discord/commands/types.js';
import { Cooldown } from '../../src/discord/cooldown.js';
import { IndexHolder } from '../../src/discord/index-holder.js';
import { handleInteraction } from '../../src/discord/interactions.js';
import { botLogger, scrubber, serializeError } from '../../src/discord/log.js';
import { handleMessage, questionText } from '../../src/discord/messages.js';
import { buildInWorker } from '../../src/discord/rebuild.js';
import { RegionbotError } from '../../src/errors.js';
import { buildIndex, type BuildSummary } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { autocomplete, button, command, context, memoryLogger, message } from './fakes.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BOT = '555555555555555555';
const SAFE = { parse: [], repliedUser: false };

let dir: string;
let indexDir: string;
let index: LoadedIndex;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regionbot-commands-'));
  indexDir = join(dir, 'index');
  await buildIndex(join(ROOT, 'corpus'), indexDir);
  index = await loadIndex(indexDir);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('command definitions', () => {
  it('are valid for Discord and listed explicitly', () => {
    const json = commandsJson();
    expect(json.map((c) => c.name)).toEqual(['ask', 'metric', 'sources', 'coverage', 'help', 'reindex']);
    for (const c of json) {
      expect(c.name).toMatch(/^[a-z]{1,32}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      for (const o of c.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
    }
    const metric = json.find((c) => c.name === 'metric');
    expect(metric?.options?.map((o) => [o.name, 'autocomplete' in o ? o.autocomplete : undefined])).toEqual([
      ['name', true],
      ['region', true],
      ['year', undefined],
    ]);
  });

  it('/reindex is for Manage Server through Discord permissions, in guilds only', () => {
    const reindex = commandsJson().find((c) => c.name === 'reindex');
    expect(reindex?.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(reindex?.contexts).toEqual([0]);
    for (const c of commandsJson().filter((x) => x.name !== 'reindex')) expect(c.default_member_permissions ?? null).toBeNull();
  });
});

describe('/ask', () => {
  it('defers, then edits in the answer embed with its citation; pings no one', async () => {
    const i = command('ask', { question: "What was Jilin's R&D investment in 2021?" });
    await handleInteraction(i.asCommand, context(index));
    expect(i.methods()).toEqual(['deferReply', 'editReply']);
    const edit = i.last('editReply');
    expect(edit.allowedMentions).toEqual(SAFE);
    expect(edit.embeds[0].description).toContain('15.95');
    expect(JSON.stringify(edit.embeds[0].fields)).toContain('000_0ae20fc01c1a99ca.txt');
  });

  it('an empty or too long question: a short ephemeral note, nothing deferred', async () => {
    for (const question of ['   ', 'x'.repeat(501)]) {
      const i = command('ask', { question });
      const { logger, entries } = memoryLogger();
      await handleInteraction(i.asCommand, context(index, { logger }));
      expect(i.methods()).toEqual(['reply']);
      expect(i.last('reply').flags).toBe(MessageFlags.Ephemeral);
      expect(i.last('reply').content).toMatch(/^The question is (empty|too long)/);
      expect(entries().some((e) => e.msg === 'question refused' && e.level === 30)).toBe(true);
    }
  });

  it('cooldown per user: "please wait N s", others are not affected', async () => {
    let now = 1_000_000;
    const ctx = context(index, { cooldownSeconds: 10, now: () => now });
    const first = command('ask', { question: 'How many high-tech enterprises does Jilin have?' }, 'u1');
    await handleInteraction(first.asCommand, ctx);
    now += 3_500;
    const again = command('ask', { question: 'How many projects does Changchun have?' }, 'u1');
    await handleInteraction(again.asCommand, ctx);
    expect(again.methods()).toEqual(['reply']);
    expect(again.last('reply')).toMatchObject({ content: 'Please wait 7 s before asking another question.', flags: MessageFlags.Ephemeral, allowedMentions: SAFE });
    const other = command('ask', { question: 'How many projects does Changchun have?' }, 'u2');
    await handleInteraction(other.asCommand, ctx);
    expect(other.methods()).toEqual(['deferReply', 'editReply']);
    now += 7_000;
    const later = command('ask', { question: 'How many projects does Changchun have?' }, 'u1');
    await handleInteraction(later.asCommand, ctx);
    expect(later.methods()).toEqual(['deferReply', 'editReply']);
  });
});

describe('/metric', () => {
  it('autocomplete of the name: ≤ 25 choices of ≤ 100 characters, from memory', async () => {
    const i = autocomplete('metric', { name: 'high' }, 'name');
    await handleInteraction(i.asAutocomplete, context(index));
    const choices = i.last('respond') as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name).toMatch(/^high-tech enterprises/);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    const all = autocomplete('metric', { name: '' }, 'name');
    await handleInteraction(all.asAutocomplete, context(index));
    expect((all.last('respond') as unknown[]).length).toBe(25);
  });

  it('autocomplete of the region', async () => {
    const i = autocomplete('metric', { name: 'high-tech enterprises', region: 'ji' }, 'region');
    await handleInteraction(i.asAutocomplete, context(index));
    expect(i.last('respond')).toEqual([
      { name: 'Jiangyin', value: 'jiangyin' },
      { name: 'Jilin', value: 'jilin' },
    ]);
  });

  it('a failing autocomplete still answers (with no choices) and is logged', async () => {
    const broken: Command = {
      data: new SlashCommandBuilder().setName('metric').setDescription('x'),
      execute: async () => undefined,
      autocomplete: async () => {
        throw new Error('boom');
      },
    };
    const { logger, entries } = memoryLogger();
    const i = autocomplete('metric', { name: 'x' }, 'name');
    await handleInteraction(i.asAutocomplete, context(index, { logger }), [broken]);
    expect(i.last('respond')).toEqual([]);
    expect(entries().find((e) => e.msg === 'autocomplete failed')?.err).toMatchObject({ message: 'boom' });
  });

  it('a single value: answered at once (no chart, nothing to defer)', async () => {
    const i = command('metric', { name: 'domestic technology transaction amount of industrial enterprises above designated size' });
    await handleInteraction(i.asCommand, context(index));
    expect(i.methods()).toEqual(['reply']);
    const embed = i.last('reply').embeds[0];
    expect(embed.title).toMatch(/^Domestic technology transaction amount/);
    expect(embed.description).toContain('**4.2 times**');
    expect(embed.image).toBeUndefined();
  });

  it('a filter with no values says what exists', async () => {
    const i = command('metric', { name: 'high-tech enterprises', region: 'changchun', year: 2030 });
    await handleInteraction(i.asCommand, context(index));
    expect(i.last('reply').embeds[0].description).toMatch(/^No values of \*\*high-tech enterprises\*\* for changchun in 2030/);
  });

  it('an unknown metric: an ephemeral note', async () => {
    const i = command('metric', { name: 'number of unicorns on Mars' });
    await handleInteraction(i.asCommand, context(index));
    expect(i.methods()).toEqual(['reply']);
    expect(i.last('reply').flags).toBe(MessageFlags.Ephemeral);
    expect(i.last('reply').content).toMatch(/^I have no metric called "number of unicorns on Mars"/);
  });
});

describe('/sources, /coverage, /help', () => {
  it('/sources pages with buttons when long; a button shows the page it names', async () => {
    const many: LoadedIndex = {
      ...index,
      docs: Array.from({ length: 23 }, (_, i) => ({ ...index.docs[0]!, id: `${String(i).padStart(3, '0')}_x.txt`, title: `Article ${i}`, date: `2020-02-${String(i + 1).padStart(2, '0')}` })),
    };
    const ctx = context(many);
    const i = command('sources');
    await handleInteraction(i.asCommand, ctx);
    const first = i.last('reply');
    expect(first.embeds[0].footer.text).toContain('Page 1 of 3');
    expect(first.allowedMentions).toEqual(SAFE);
    const next = first.components[0].components[1].custom_id as string;
    const b = button(next);
    await handleInteraction(b.asButton, ctx);
    expect(b.methods()).toEqual(['update']);
    expect(b.last('update').embeds[0].footer.text).toContain('Page 2 of 3');
    expect(b.last('update').embeds[0].description).toContain('**11.**');
    const stray = button('unknown:1');
    await handleInteraction(stray.asButton, ctx);
    expect(stray.methods()).toEqual(['deferUpdate']);
  });

  it('/sources with the 5 corpus articles: one page, no buttons', async () => {
    const i = command('sources');
    await handleInteraction(i.asCommand, context(index));
    expect(i.last('reply').components).toBeUndefined();
    expect(i.last('reply').embeds[0].description).toContain('Jilin Makes Great Progress');
  });

  it('/coverage lists regions, years and metrics of the index', async () => {
    const i = command('coverage');
    await handleInteraction(i.asCommand, context(index));
    const fields = i.last('reply').embeds[0].fields as { name: string; value: string }[];
    expect(fields.map((f) => f.name.split(' (')[0])).toEqual(['Regions with figures', 'Years', 'Metrics']);
    expect(fields[0]?.value).toMatch(/Jilin \(\d+\)/);
  });

  it('/help: ephemeral, with example questions from the index and every command', async () => {
    const i = command('help');
    await handleInteraction(i.asCommand, context(index, { channels: ['666666666666666666'] }));
    const r = i.last('reply');
    expect(r.flags).toBe(MessageFlags.Ephemeral);
    const text = JSON.stringify(r.embeds[0]);
    expect(text).toContain('How many high-tech enterprises does');
    for (const c of commands) expect(text).toContain(`/${c.data.name}`);
    expect(text).toContain('<#666666666666666666>');
  });
});

describe('/reindex', () => {
  const summary: BuildSummary = { documents: 6, chunks: 50, facts: 77, metrics: 58, seconds: 0.4, outDir: '/x', skipped: [] };

  it('defers privately, then shows the build summary', async () => {
    const i = command('reindex');
    const ctx = context(index, { reindex: async () => ({ summary, index, before: { documents: 5, facts: 63, builtAt: 'x' }, joined: false }) });
    await handleInteraction(i.asCommand, ctx);
    expect(i.methods()).toEqual(['deferReply', 'editReply']);
    expect(i.calls[0]?.payload).toEqual({ flags: MessageFlags.Ephemeral });
    expect(i.last('editReply').embeds[0].title).toBe('Index rebuilt');
  });

  it('a failed rebuild says so (the old index keeps answering) and logs the error', async () => {
    const { logger, entries } = memoryLogger();
    const i = command('reindex');
    const ctx = context(index, { logger, reindex: async () => Promise.reject(new RegionbotError('E_CORPUS', 'cannot read the corpus folder /nope (ENOENT)')) });
    await handleInteraction(i.asCommand, ctx);
    expect(i.last('editReply').content).toBe('The rebuild failed; I keep answering from the previous index. cannot read the corpus folder /nope (ENOENT)');
    expect(entries().find((e) => e.msg === 'reindex failed')?.level).toBe(50);
  });
});

describe('errors', () => {
  it('a handler failing after deferring: the public "thinking…" goes, a private note comes, the log has it all', async () => {
    const failing: Command = {
      data: new SlashCommandBuilder().setName('ask').setDescription('x'),
      async execute(interaction) {
        await interaction.deferReply();
        throw new Error('database on fire');
      },
    };
    const { logger, entries } = memoryLogger();
    const i = command('ask', { question: 'q' });
    await handleInteraction(i.asCommand, context(index, { logger }), [failing]);
    expect(i.methods()).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(i.last('followUp')).toMatchObject({ flags: MessageFlags.Ephemeral, allowedMentions: SAFE });
    expect(i.last('followUp').content).toMatch(/^Sorry, something went wrong/);
    const logged = entries().find((e) => e.msg === 'interaction failed');
    expect(logged?.level).toBe(50);
    expect(logged?.err).toMatchObject({ type: 'Error', message: 'database on fire' });
    expect(String((logged?.err as { stack: string }).stack)).toContain('commands.test.ts');
    expect(logged?.command).toBe('ask');
  });

  it('a handler failing before answering: an ephemeral reply', async () => {
    const failing: Command = {
      data: new SlashCommandBuilder().setName('coverage').setDescription('x'),
      execute: async () => {
        throw new TypeError('nope');
      },
    };
    const i = command('coverage');
    await handleInteraction(i.asCommand, context(index), [failing]);
    expect(i.methods()).toEqual(['reply']);
    expect(i.last('reply').flags).toBe(MessageFlags.Ephemeral);
  });

  it('an unknown command: an ephemeral note', async () => {
    const i = command('frobnicate');
    await handleInteraction(i.asCommand, context(index));
    expect(i.last('reply').content).toMatch(/deploy-commands/);
  });
});

describe('messages', () => {
  it('questionText strips the bot mentions (user, nickname, managed role)', () => {
    expect(questionText(`<@${BOT}> how many?`, BOT)).toBe('how many?');
    expect(questionText(`hey <@!${BOT}>   what  about <@&777> Jilin?`, BOT, ['777'])).toBe('hey what about Jilin?');
    expect(questionText(`<@123> <@${BOT}>`, BOT)).toBe('<@123>');
  });

  it.each([
    ['a mention', message(`<@${BOT}> What was Jilin's R&D investment in 2021?`, { mentionUsers: [BOT] }), true],
    ['a mention of the bot role', message(`<@&777> What was Jilin's R&D investment in 2021?`, { mentionRoles: [{ id: '777', botId: BOT }] }), true],
    ['a watched channel', message("What was Jilin's R&D investment in 2021?", { channelId: '999999999999999999' }), true],
    ['another channel, no mention', message("What was Jilin's R&D investment in 2021?"), false],
    ['a mention of another role', message(`<@&778> What was Jilin's R&D investment in 2021?`, { mentionRoles: [{ id: '778' }] }), false],
    ['a bot author', message(`<@${BOT}> What was Jilin's R&D investment in 2021?`, { mentionUsers: [BOT], bot: true }), false],
  ])('%s → answered: %s', async (_name, m, answered) => {
    await handleMessage(m.asMessage, context(index, { channels: ['999999999999999999'] }), BOT);
    if (!answered) {
      expect(m.replies).toEqual([]);
      return;
    }
    expect(m.replies).toHaveLength(1);
    expect(m.replies[0].allowedMentions).toEqual(SAFE);
    expect(m.replies[0].embeds[0].description).toContain('15.95');
  });

  it('a bare mention gets a short help; the cooldown note is sent once per window', async () => {
    const bare = message(`<@${BOT}>`, { mentionUsers: [BOT] });
    const ctx = context(index, { cooldownSeconds: 30 });
    await handleMessage(bare.asMessage, ctx, BOT);
    expect(bare.replies[0].content).toMatch(/for example/);
    const ask = (q: string) => message(`<@${BOT}> ${q}`, { mentionUsers: [BOT], author: '888888888888888888' });
    const a = ask('How many high-tech enterprises does Jilin have?');
    const b = ask('And in 2018?');
    const c = ask('Hello?');
    for (const m of [a, b, c]) await handleMessage(m.asMessage, ctx, BOT);
    expect(a.replies[0].embeds).toHaveLength(1);
    expect(b.replies).toEqual([{ content: 'Please wait 30 s before asking another question.', allowedMentions: SAFE }]);
    expect(c.replies).toEqual([]);
  });

  it('a reply that fails (message deleted, no permission) is logged, not thrown', async () => {
    const { logger, entries } = memoryLogger();
    const m = message(`<@${BOT}> What was Jilin's R&D investment in 2021?`, { mentionUsers: [BOT] });
    m.reply = async () => {
      throw new Error('Missing Permissions');
    };
    await handleMessage(m.asMessage, context(index, { logger }), BOT);
    expect(entries().find((e) => e.msg === 'could not reply to a message')?.level).toBe(40);
  });
});

describe('pieces', () => {
  it('Cooldown', () => {
    let now = 0;
    const cd = new Cooldown(5, () => now);
    expect(cd.take('a')).toEqual({ wait: 0, notify: false });
    now = 1000;
    expect(cd.take('a')).toEqual({ wait: 4, notify: true });
    expect(cd.take('a')).toEqual({ wait: 4, notify: false });
    expect(cd.take('b').wait).toBe(0);
    now = 5000;
    expect(cd.take('a').wait).toBe(0);
    expect(new Cooldown(0).take('a').wait).toBe(0);
  });

  it('IndexHolder: one rebuild at a time, swap on success, the old index stays on failure', async () => {
    let builds = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const holder = new IndexHolder(index, {
      indexDir,
      corpusDir: join(ROOT, 'corpus'),
      logger: pino({ level: 'silent' }),
      build: async (corpus, out) => {
        builds++;
        await gate;
        return buildIndex(corpus, out);
      },
    });
    const a = holder.reindex();
    const b = holder.reindex();
    expect(holder.get()).toBe(index);
    release();
    const [ra, rb] = await Promise.all([a, b]);
    expect(builds).toBe(1);
    expect([ra.joined, rb.joined]).toEqual([false, true]);
    expect(holder.get()).toBe(ra.index);
    expect(holder.get()).not.toBe(index);

    const failing = new IndexHolder(index, { indexDir, corpusDir: '/nope', logger: pino({ level: 'silent' }), build: async () => Promise.reject(new Error('x')) });
    await expect(failing.reindex()).rejects.toThrow('x');
    expect(failing.get()).toBe(index);
    expect(failing.pending).toBeNull();
  });

  it('the build worker reports the corpus error as a RegionbotError', async () => {
    const { logger, entries } = memoryLogger();
    const build = buildInWorker(logger);
    const err = await build(join(dir, 'no-such-corpus'), join(dir, 'out')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionbotError);
    expect((err as RegionbotError).code).toBe('E_CORPUS');
    expect(entries().some((e) => e.msg.includes('could not run'))).toBe(false);
  });

  it('/reindex after the corpus was emptied keeps the good index (the worker build refuses to replace it)', async () => {
    const corpus = join(dir, 'emptied-corpus');
    const out = join(dir, 'emptied-index');
    await cp(join(ROOT, 'corpus'), corpus, { recursive: true });
    await buildIndex(corpus, out);
    const good = await loadIndex(out);
    for (const f of await readdir(corpus)) await rm(join(corpus, f));
    const holder = new IndexHolder(good, { indexDir: out, corpusDir: corpus, logger: pino({ level: 'silent' }), build: buildInWorker(pino({ level: 'silent' })) });
    const err = await holder.reindex().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionbotError);
    expect((err as RegionbotError).message).toMatch(/gave no articles .* \(5 articles\) was kept/);
    expect(holder.get()).toBe(good);
    expect((await loadIndex(out)).docs).toHaveLength(5);
  });

  it('logs never contain the bot token or interaction tokens', () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.ghijklmnopqrstuvwxyz0123456789';
    const scrub = scrubber([token]);
    expect(scrub(`Bot ${token}`)).toBe('Bot [redacted]');
    expect(scrub('PATCH /webhooks/1234567890123456789/aW50ZXJhY3Rpb246MTIzOnNlY3JldA/messages/@original')).toBe(
      'PATCH /webhooks/1234567890123456789/[redacted]/messages/@original',
    );
    const apiErr = new DiscordAPIError(
      { code: 50035, message: 'Invalid Form Body' },
      50035,
      400,
      'POST',
      'http://127.0.0.1/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb246c2VjcmV0dG9rZW4/callback',
      { body: { token }, files: [] },
    );
    const out = serializeError(apiErr, scrub);
    expect(out).toMatchObject({ code: 50035, status: 400, method: 'POST' });
    expect(JSON.stringify(out)).not.toContain('c2VjcmV0dG9rZW4');
    expect(JSON.stringify(out)).not.toContain(token);

    const { logger: base, lines } = memoryLogger();
    const log = botLogger(base, 'debug', [token]);
    log.error({ err: new Error(`login failed for ${token}`), note: `token=${token}`, token, config: { DISCORD_TOKEN: token } }, 'failure');
    expect(lines.join('')).not.toContain(token);
    expect(lines.join('')).toContain('[redacted]');
  });
});

it('findCommand finds by name', () => {
  expect(findCommand('ask')?.data.name).toBe('ask');
  expect(findCommand('nope')).toBeUndefined();
});
