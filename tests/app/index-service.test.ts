/**
 * The index lifecycle has one policy, used by the CLI (`start`) and by the bot alike: a missing, stale
 * or other-lexicon index is rebuilt before anything answers from it; a current one is used as it is.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFreshIndex, indexStatus } from '../../src/app/index-service.js';
import { loadConfig } from '../../src/config.js';
import { startBot } from '../../src/discord/bot.js';
import { buildIndex } from '../../src/index/build.js';
import { INDEX_FILES, loadIndex } from '../../src/index/store.js';
import { startFakeDiscord } from '../support/fake-discord/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/regionbot.js');
const NEW_ARTICLE = [
  'Wuhu sets a record for innovation',
  '2024-02-01 Source: Test Daily',
  '',
  'Wuhu had 1,234 high-tech enterprises at the end of 2023, the city government said.',
  '',
].join('\n');

let work: string;
let n = 0;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-index-service-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A corpus and a current index of it, in a fresh folder. */
async function fixture(): Promise<{ corpus: string; index: string }> {
  const dir = join(work, `f${n++}`);
  const corpus = join(dir, 'corpus');
  const index = join(dir, 'index');
  await cp(join(ROOT, 'corpus'), corpus, { recursive: true });
  await buildIndex(corpus, index);
  return { corpus, index };
}

describe('indexStatus and ensureFreshIndex', () => {
  it.each([
    ['a current index', false, async () => {}],
    ['an article added to the corpus', true, async (f: { corpus: string }) => writeFile(join(f.corpus, '900_wuhu.txt'), NEW_ARTICLE)],
    ['no index yet', true, async (f: { index: string }) => rm(f.index, { recursive: true, force: true })],
    ['an index built with another lexicon', true, async (f: { index: string }) => {
      const m = JSON.parse(await readFile(join(f.index, INDEX_FILES.manifest), 'utf8')) as Record<string, unknown>;
      await writeFile(join(f.index, INDEX_FILES.manifest), JSON.stringify({ ...m, lexicon: 'another-lexicon' }));
    }],
  ])('%s: rebuilt = %s', async (_name, rebuilt, change) => {
    const f = await fixture();
    await change(f);
    expect((await indexStatus(f.index, f.corpus)).rebuildBecause !== null).toBe(rebuilt);
    const reasons: string[] = [];
    const built: string[] = [];
    const summary = await ensureFreshIndex({
      indexDir: f.index,
      corpusDir: f.corpus,
      build: async (c, o) => {
        built.push(o);
        return buildIndex(c, o);
      },
      onRebuild: (r) => reasons.push(r),
    });
    expect(summary !== null).toBe(rebuilt);
    expect(built).toHaveLength(rebuilt ? 1 : 0);
    expect(reasons).toHaveLength(rebuilt ? 1 : 0);
    expect((await indexStatus(f.index, f.corpus)).rebuildBecause).toBeNull();
  });

  it('never rebuilds over a folder that is not an index', async () => {
    const f = await fixture();
    await writeFile(join(f.corpus, '900_wuhu.txt'), NEW_ARTICLE);
    const err = await ensureFreshIndex({ indexDir: f.corpus, corpusDir: f.corpus, build: () => Promise.resolve('built') }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/refusing to write the index/);
  });
});

describe('a stale index is handled the same by the CLI and the bot', () => {
  it('both rebuild it before answering: the new article is in the index they answer from', async () => {
    // The CLI: `regionbot start` (terminal chat, stdin closed at once).
    const cliFix = await fixture();
    await writeFile(join(cliFix.corpus, '900_wuhu.txt'), NEW_ARTICLE);
    const stderr = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, [BIN, 'start'], {
        env: { PATH: process.env.PATH ?? '', REGIONBOT_INDEX_DIR: cliFix.index, REGIONBOT_CORPUS_DIR: cliFix.corpus },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', fail);
      child.on('close', () => done(err));
      child.stdin.end();
    });
    expect(stderr).toMatch(/building the index \(the corpus has changed since the index was built \(1 added\)\)/);
    expect((await loadIndex(cliFix.index)).docById.has('900_wuhu.txt')).toBe(true);

    // The bot: startBot against the local Discord stand-in.
    const botFix = await fixture();
    await writeFile(join(botFix.corpus, '900_wuhu.txt'), NEW_ARTICLE);
    const fake = await startFakeDiscord();
    try {
      const config = loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_BASE_URL: fake.apiBaseUrl, LOG_LEVEL: 'silent' });
      const bot = await startBot({ config, indexDir: botFix.index, corpusDir: botFix.corpus });
      try {
        expect(bot.index().docById.has('900_wuhu.txt')).toBe(true);
      } finally {
        await bot.stop();
      }
    } finally {
      await fake.close();
    }
  }, 60_000);
});
