/** The bot's runtime pieces that need no Discord: the index holder, the build worker, the log scrubber. */
import { cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DiscordAPIError } from 'discord.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexHolder } from '../../src/discord/index-holder.js';
import { botLogger, scrubber, serializeError } from '../../src/discord/log.js';
import { buildInBackground } from '../../src/discord/rebuild.js';
import { RegionbotError } from '../../src/errors.js';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { memoryLogger } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let indexDir: string;
let index: LoadedIndex;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regionbot-runtime-'));
  indexDir = join(dir, 'index');
  await buildIndex(join(ROOT, 'corpus'), indexDir);
  index = await loadIndex(indexDir);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('pieces', () => {
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

  it('the build process reports the corpus error as a RegionbotError', async () => {
    const { logger, entries } = memoryLogger();
    const build = buildInBackground(logger);
    const err = await build(join(dir, 'no-such-corpus'), join(dir, 'out')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionbotError);
    expect((err as RegionbotError).code).toBe('E_CORPUS');
    expect(entries().some((e) => e.msg.includes('could not run'))).toBe(false);
  });

  it('the build process applies the size limit it is given (REGIONBOT_MAX_ARTICLE_MB, as the CLI builds do)', async () => {
    const corpus = join(dir, 'limit-corpus');
    await cp(join(ROOT, 'corpus'), corpus, { recursive: true });
    const sizes = await Promise.all((await readdir(corpus)).map(async (f) => ({ f, bytes: (await stat(join(corpus, f))).size })));
    const largest = sizes.sort((a, b) => b.bytes - a.bytes)[0]!;
    const logger = pino({ level: 'silent' });
    const limited = await buildInBackground(logger, { maxArticleBytes: largest.bytes - 1 })(corpus, join(dir, 'limit-index'));
    expect(limited.skipped.map((s) => s.file)).toContain(largest.f);
    expect(limited.skipped.find((s) => s.file === largest.f)?.reason).toMatch(/too large/);
    const full = await buildInBackground(logger)(corpus, join(dir, 'limit-index'));
    expect(full.skipped.map((s) => s.file)).not.toContain(largest.f);
    expect(full.documents).toBe(limited.documents + 1);
  });

  it('/reindex after the corpus was emptied keeps the good index (the worker build refuses to replace it)', async () => {
    const corpus = join(dir, 'emptied-corpus');
    const out = join(dir, 'emptied-index');
    await cp(join(ROOT, 'corpus'), corpus, { recursive: true });
    await buildIndex(corpus, out);
    const good = await loadIndex(out);
    for (const f of await readdir(corpus)) await rm(join(corpus, f));
    const holder = new IndexHolder(good, { indexDir: out, corpusDir: corpus, logger: pino({ level: 'silent' }), build: buildInBackground(pino({ level: 'silent' })) });
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
