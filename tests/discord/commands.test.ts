import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands, commandsJson, findCommand } from '../../src/discord/commands/index.js';
import type { Command } from '../../src/discord/commands/types.js';
import { questionText } from '../../src/discord/messages.js';
import { RegionbotError } from '../../src/errors.js';
import { buildIndex, type BuildSummary } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { snowflake } from '../support/fake-discord/index.js';
import { EPHEMERAL, SAFE_WIRE as SAFE, context, memoryLogger, startHarness, type Harness } from './harness.js';

/**
 * The command and message handlers with a context of each test's choosing, driven by the real
 * discord.js client against the local Discord stand-in (see harness.ts).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const BOT = '555555555555555555';

let dir: string;
let indexDir: string;
let index: LoadedIndex;
let bot: Harness;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regionbot-commands-'));
  indexDir = join(dir, 'index');
  await buildIndex(join(ROOT, 'corpus'), indexDir);
  index = await loadIndex(indexDir);
  bot = await startHarness();
});

beforeEach(() => bot?.use(context(index)));

afterAll(async () => {
  await bot?.close();
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
    const i = await bot.command('ask', { question: "What was Jilin's R&D investment in 2021?" });
    expect(i.methods()).toEqual(['deferReply', 'editReply']);
    const edit = i.last('editReply');
    expect(edit.allowed_mentions).toEqual(SAFE);
    expect(edit.embeds[0].description).toContain('15.95');
    expect(JSON.stringify(edit.embeds[0].fields)).toContain('000_0ae20fc01c1a99ca.txt');
  });

  it.each([
    ['empty', '   ', /^The question is empty/],
    ['too long', 'x'.repeat(501), /^The question is too long/],
  ])('an %s question: a short ephemeral note, nothing deferred', async (_name, question, note) => {
    const { logger, entries } = memoryLogger();
    bot.use(context(index, { logger }));
    const i = await bot.command('ask', { question });
    expect(i.methods()).toEqual(['reply']);
    expect(i.last('reply').flags).toBe(EPHEMERAL);
    expect(i.last('reply').content).toMatch(note);
    expect(entries().some((e) => e.msg === 'question refused' && e.level === 30)).toBe(true);
  });

  it('cooldown per user: "please wait N s", others are not affected', async () => {
    let now = 1_000_000;
    bot.use(context(index, { cooldownSeconds: 10, now: () => now }));
    const [u1, u2] = [snowflake(), snowflake()];
    await bot.command('ask', { question: 'How many high-tech enterprises does Jilin have?' }, { userId: u1 });
    now += 3_500;
    const again = await bot.command('ask', { question: 'How many projects does Changchun have?' }, { userId: u1 });
    expect(again.methods()).toEqual(['reply']);
    expect(again.last('reply')).toMatchObject({ content: 'Please wait 7 s before asking another question.', flags: EPHEMERAL, allowed_mentions: SAFE });
    const other = await bot.command('ask', { question: 'How many projects does Changchun have?' }, { userId: u2 });
    expect(other.methods()).toEqual(['deferReply', 'editReply']);
    now += 7_000;
    const later = await bot.command('ask', { question: 'How many projects does Changchun have?' }, { userId: u1 });
    expect(later.methods()).toEqual(['deferReply', 'editReply']);
  });
});

describe('/metric', () => {
  it('autocomplete of the name: ≤ 25 choices of ≤ 100 characters, from memory', async () => {
    const i = await bot.autocomplete('metric', { name: 'high' }, 'name');
    const choices = i.last('respond') as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name).toMatch(/^high-tech enterprises/);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    const all = await bot.autocomplete('metric', { name: '' }, 'name');
    expect((all.last('respond') as unknown[]).length).toBe(25);
  });

  it('autocomplete of the region', async () => {
    const i = await bot.autocomplete('metric', { name: 'high-tech enterprises', region: 'ji' }, 'region');
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
    bot.use(context(index, { logger }), [broken]);
    const i = await bot.autocomplete('metric', { name: 'x' }, 'name');
    expect(i.last('respond')).toEqual([]);
    expect(entries().find((e) => e.msg === 'autocomplete failed')?.err).toMatchObject({ message: 'boom' });
  });

  it('a single value: answered at once (no chart, nothing to defer)', async () => {
    const i = await bot.command('metric', { name: 'domestic technology transaction amount of industrial enterprises above designated size' });
    expect(i.methods()).toEqual(['reply']);
    const embed = i.last('reply').embeds[0];
    expect(embed.title).toMatch(/^Domestic technology transaction amount/);
    expect(embed.description).toContain('**4.2 times**');
    expect(embed.image).toBeUndefined();
  });

  it('a filter with no values says what exists', async () => {
    const i = await bot.command('metric', { name: 'high-tech enterprises', region: 'changchun', year: 2030 });
    expect(i.last('reply').embeds[0].description).toMatch(/^No values of \*\*high-tech enterprises\*\* for changchun in 2030/);
  });

  it('an unknown metric: an ephemeral note', async () => {
    const i = await bot.command('metric', { name: 'number of unicorns on Mars' });
    expect(i.methods()).toEqual(['reply']);
    expect(i.last('reply').flags).toBe(EPHEMERAL);
    expect(i.last('reply').content).toMatch(/^I have no metric called "number of unicorns on Mars"/);
  });
});

describe('/sources, /coverage, /help', () => {
  it('/sources pages with buttons when long; a button shows the page it names', async () => {
    const many: LoadedIndex = {
      ...index,
      docs: Array.from({ length: 23 }, (_, i) => ({ ...index.docs[0]!, id: `${String(i).padStart(3, '0')}_x.txt`, title: `Article ${i}`, date: `2020-02-${String(i + 1).padStart(2, '0')}` })),
    };
    bot.use(context(many));
    const i = await bot.command('sources');
    const first = i.last('reply');
    expect(first.embeds[0].footer.text).toContain('Page 1 of 3');
    expect(first.allowed_mentions).toEqual(SAFE);
    const next = first.components[0].components[1].custom_id as string;
    const page = bot.fake.originalMessage(i.id)!.id;
    const b = await bot.button(next, page);
    expect(b.methods()).toEqual(['update']);
    expect(b.last('update').embeds[0].footer.text).toContain('Page 2 of 3');
    expect(b.last('update').embeds[0].description).toContain('**11.**');
    expect(bot.fake.getMessage(page)?.embeds[0]?.footer?.text).toContain('Page 2 of 3');
    const stray = await bot.button('unknown:1', page);
    expect(stray.methods()).toEqual(['deferUpdate']);
  });

  it('/sources with the 5 corpus articles: one page, no buttons', async () => {
    const i = await bot.command('sources');
    expect(i.last('reply').components).toBeUndefined();
    expect(i.last('reply').embeds[0].description).toContain('Jilin Makes Great Progress');
  });

  it('/coverage lists regions, years and metrics of the index', async () => {
    const i = await bot.command('coverage');
    const fields = i.last('reply').embeds[0].fields as { name: string; value: string }[];
    expect(fields.map((f) => f.name.split(' (')[0])).toEqual(['Regions with figures', 'Years', 'Metrics']);
    expect(fields[0]?.value).toMatch(/Jilin \(\d+\)/);
  });

  it('/help: ephemeral, with example questions from the index and every command', async () => {
    bot.use(context(index, { channels: ['666666666666666666'] }));
    const i = await bot.command('help');
    const r = i.last('reply');
    expect(r.flags).toBe(EPHEMERAL);
    const text = JSON.stringify(r.embeds[0]);
    expect(text).toContain('How many high-tech enterprises does');
    for (const c of commands) expect(text).toContain(`/${c.data.name}`);
    expect(text).toContain('<#666666666666666666>');
  });
});

describe('/reindex', () => {
  const summary: BuildSummary = { documents: 6, chunks: 50, facts: 77, metrics: 58, seconds: 0.4, outDir: '/x', skipped: [] };

  it('defers privately, then shows the build summary', async () => {
    bot.use(context(index, { reindex: async () => ({ summary, index, before: { documents: 5, facts: 63, builtAt: 'x' }, joined: false }) }));
    const i = await bot.command('reindex');
    expect(i.methods()).toEqual(['deferReply', 'editReply']);
    expect(i.calls[0]?.payload).toEqual({ flags: EPHEMERAL });
    expect(i.last('editReply').embeds[0].title).toBe('Index rebuilt');
  });

  it('a failed rebuild says so (the old index keeps answering) and logs the error', async () => {
    const { logger, entries } = memoryLogger();
    bot.use(context(index, { logger, reindex: async () => Promise.reject(new RegionbotError('E_CORPUS', 'cannot read the corpus folder /nope (ENOENT)')) }));
    const i = await bot.command('reindex');
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
    bot.use(context(index, { logger }), [failing]);
    const i = await bot.command('ask', { question: 'q' });
    expect(i.methods()).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(i.last('followUp')).toMatchObject({ flags: EPHEMERAL, allowed_mentions: SAFE });
    expect(i.last('followUp').content).toMatch(/^Sorry, something went wrong/);
    expect(bot.fake.originalMessage(i.id)?.deleted).toBe(true);
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
    bot.use(context(index), [failing]);
    const i = await bot.command('coverage');
    expect(i.methods()).toEqual(['reply']);
    expect(i.last('reply').flags).toBe(EPHEMERAL);
  });

  it('an unknown command: an ephemeral note', async () => {
    const i = await bot.command('frobnicate');
    expect(i.last('reply').content).toMatch(/deploy-commands/);
  });
});

describe('messages', () => {
  it('questionText strips the bot mentions (user, nickname, managed role)', () => {
    expect(questionText(`<@${BOT}> how many?`, BOT)).toBe('how many?');
    expect(questionText(`hey <@!${BOT}>   what  about <@&777> Jilin?`, BOT, ['777'])).toBe('hey what about Jilin?');
    expect(questionText(`<@123> <@${BOT}>`, BOT)).toBe('<@123>');
  });

  // BOT, ROLE and EVERYONE stand for the bot's user id, its managed role and the guild's @everyone role.
  const QUESTION = "What was Jilin's R&D investment in 2021?";
  it.each([
    ['a mention', `<@BOT> ${QUESTION}`, {}, true],
    ['a mention of the bot role', `<@&ROLE> ${QUESTION}`, {}, true],
    ['a watched channel', QUESTION, { watched: true }, true],
    ['another channel, no mention', QUESTION, {}, false],
    ['a mention of another role', `<@&EVERYONE> ${QUESTION}`, {}, false],
    ['a bot author', `<@BOT> ${QUESTION}`, { authorBot: true }, false],
  ])('%s → answered: %s', async (_name, template, opts: { watched?: boolean; authorBot?: boolean }, answered) => {
    bot.use(context(index, { channels: [bot.otherChannel] }));
    const content = template.replace('BOT', bot.fake.botUserId).replace('ROLE', bot.fake.botRoleId).replace('EVERYONE', bot.fake.guildId);
    const { replies } = await bot.message(content, { authorId: snowflake(), ...(opts.watched ? { channelId: bot.otherChannel } : {}), ...(opts.authorBot ? { authorBot: true } : {}) });
    if (!answered) {
      expect(replies).toEqual([]);
      return;
    }
    expect(replies).toHaveLength(1);
    expect(replies[0]?.allowed_mentions).toEqual(SAFE);
    expect(replies[0]?.mentions).toEqual([]);
    expect(replies[0]?.embeds[0]?.description).toContain('15.95');
  });

  it('a bare mention gets a short help; the cooldown note is sent once per window', async () => {
    bot.use(context(index, { cooldownSeconds: 30 }));
    const bare = await bot.message(bot.fake.mention(), { authorId: snowflake() });
    expect(bare.replies[0]?.content).toMatch(/for example/);
    const author = snowflake();
    const ask = (q: string) => bot.message(`${bot.fake.mention()} ${q}`, { authorId: author });
    const a = await ask('How many high-tech enterprises does Jilin have?');
    const b = await ask('And in 2018?');
    const c = await ask('Hello?');
    expect(a.replies[0]?.embeds).toHaveLength(1);
    expect(b.replies.map((r) => [r.content, r.allowed_mentions])).toEqual([['Please wait 30 s before asking another question.', SAFE]]);
    expect(c.replies).toEqual([]);
  });

  it('a reply that fails (message deleted, no permission) is logged, not thrown', async () => {
    const { logger, entries } = memoryLogger();
    bot.use(context(index, { logger }));
    bot.fake.failNext('POST /channels/', { status: 403, code: 50013, message: 'Missing Permissions' });
    const { replies } = await bot.message(`${bot.fake.mention()} ${"What was Jilin's R&D investment in 2021?"}`, { authorId: snowflake() });
    expect(replies).toEqual([]);
    const logged = entries().find((e) => e.msg === 'could not reply to a message');
    expect(logged?.level).toBe(40);
    expect(logged?.err).toMatchObject({ code: 50013 });
  });
});

describe('one ask flow for /ask and mentions', () => {
  it('the same question gets the same answer either way', async () => {
    const slash = await bot.command('ask', { question: "What was Jilin's R&D investment in 2021?" }, { userId: snowflake() });
    const mention = await bot.message(`${bot.fake.mention()} What was Jilin's R&D investment in 2021?`, { authorId: snowflake() });
    expect(slash.last('editReply').embeds).toHaveLength(1);
    expect(mention.replies[0]?.embeds).toEqual(bot.fake.originalMessage(slash.id)?.embeds);
  });

  it.each([
    ['/ask first, then a mention', 'slash', 'mention'],
    ['a mention first, then /ask', 'mention', 'slash'],
  ] as const)('they share one cooldown: %s', async (_name, first, second) => {
    bot.use(context(index, { cooldownSeconds: 30 }));
    const user = snowflake();
    const ask = async (via: 'slash' | 'mention') => {
      if (via === 'slash') {
        const i = await bot.command('ask', { question: 'How many high-tech enterprises does Jilin have?' }, { userId: user });
        return i.last('editReply')?.embeds?.length ? 'answered' : (i.last('reply')?.content as string);
      }
      const m = await bot.message(`${bot.fake.mention()} How many high-tech enterprises does Jilin have?`, { authorId: user });
      return m.replies[0]?.embeds.length ? 'answered' : m.replies[0]?.content;
    };
    expect(await ask(first)).toBe('answered');
    expect(await ask(second)).toMatch(/^Please wait (29|30) s before asking another question\.$/);
  });
});

it('findCommand finds by name', () => {
  expect(findCommand('ask')?.data.name).toBe('ask');
  expect(findCommand('nope')).toBeUndefined();
});
