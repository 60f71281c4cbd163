import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { INDEX_FILES, loadIndex, readManifest, sidePaths } from '../../src/index/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS_DIR = join(ROOT, 'corpus');
const CHILD = join(ROOT, 'tests/support/build-child.ts');

let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'regionbot-crash-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh folder holding a corpus copy (4 of the 5 articles, or all 5) and nothing else. */
async function workspace(articles: 4 | 5): Promise<{ dir: string; corpus: string; index: string }> {
  const dir = join(root, `w${n++}`);
  const corpus = join(dir, 'corpus');
  await cp(CORPUS_DIR, corpus, { recursive: true });
  if (articles === 4) await rm(join(corpus, '004_39620355ee2a0273.txt'));
  return { dir, corpus, index: join(dir, 'index') };
}

/** Run a real build in a child process, SIGKILL it when it reports `stage`, resolve once it is dead. */
function buildAndKillAt(corpus: string, out: string, stage: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, corpus, out, stage], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes(`paused ${stage}`)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the build was not killed at ${stage}: ${stdout} ${stderr}`))));
  });
}

describe('a build killed with SIGKILL', () => {
  it.each([
    // stage, what the index folder holds afterwards: the old index (4 articles) or the new one (5)
    ['building', 4],
    ['locked', 4],
    ['writing', 4],
    ['written', 4],
    ['old-moved', 4],
    ['swapped', 5],
  ] as const)('at %s: a valid index loads afterwards (%i articles) and the leftovers are gone', async (stage, documents) => {
    const w = await workspace(4);
    await buildIndex(w.corpus, w.index);
    await cp(join(CORPUS_DIR, '004_39620355ee2a0273.txt'), join(w.corpus, '004_39620355ee2a0273.txt'));

    await buildAndKillAt(w.corpus, w.index, stage);
    const loaded = await loadIndex(w.index);
    expect(loaded.docs).toHaveLength(documents);
    expect((await readdir(w.dir)).sort()).toEqual(['corpus', 'index']);

    // The next build takes over the dead build's lock and completes.
    await buildIndex(w.corpus, w.index);
    expect((await loadIndex(w.index, { corpusDir: w.corpus })).docs).toHaveLength(5);
    expect((await readdir(w.dir)).sort()).toEqual(['corpus', 'index']);
  }, 60_000);

  it('on a first build between the renames (nothing to roll back), the complete new index is rolled forward', async () => {
    const w = await workspace(5);
    await buildAndKillAt(w.corpus, w.index, 'old-moved');
    expect((await loadIndex(w.index)).docs).toHaveLength(5);
    expect((await readdir(w.dir)).sort()).toEqual(['corpus', 'index']);
  }, 60_000);

  it('a half-written new index is never taken for a complete one', async () => {
    const w = await workspace(4);
    await buildAndKillAt(w.corpus, w.index, 'writing');
    const err = await readManifest(w.index).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('E_INDEX_MISSING');
    expect((await readdir(w.dir)).sort()).toEqual(['corpus']);
  }, 60_000);
});

describe('leftovers of older versions and of crashes', () => {
  it.each([
    ['.index.old-123-abcd', true],
    ['.index.tmp-123-abcd', true],
    ['.index.idx-old', true],
    ['.index.idx-tmp', true],
  ])('a complete copy in %s restores a missing index on load', async (name) => {
    const w = await workspace(5);
    await buildIndex(w.corpus, w.index);
    await cp(w.index, join(w.dir, name), { recursive: true });
    await rm(w.index, { recursive: true });
    expect((await loadIndex(w.index)).docs).toHaveLength(5);
    expect((await readdir(w.dir)).sort()).toEqual(['corpus', 'index']);
  });

  it('leftovers beside a good index are removed by the next build', async () => {
    const w = await workspace(5);
    await buildIndex(w.corpus, w.index);
    await cp(w.index, join(w.dir, '.index.tmp-99-ffff'), { recursive: true });
    await rm(join(w.dir, '.index.tmp-99-ffff', INDEX_FILES.manifest));
    await writeFile(join(w.dir, '.index.idx-lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import('node:os')).hostname(), since: 'x' }));
    await buildIndex(w.corpus, w.index);
    expect((await readdir(w.dir)).sort()).toEqual(['corpus', 'index']);
  });

  it('the side files are git-ignored', async () => {
    const ignore = await readFile(join(ROOT, '.gitignore'), 'utf8');
    const { tmp, old, lock } = sidePaths('index');
    for (const p of [tmp, old, lock]) expect(ignore).toContain(p.slice(p.lastIndexOf('/') + 1).replace(/^\.index/, '.*'));
  });
});

describe('concurrent builds', () => {
  it('six builds at once into one folder all succeed, one at a time, and leave one index and no leftovers', async () => {
    const w = await workspace(5);
    const runs = Array.from({ length: 6 }, () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin/regionbot.js'), 'index', '--corpus', w.corpus, '--out', w.index], { cwd: w.dir, env: { PATH: process.env.PATH ?? '' } });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stderr }));
      }),
    );
    const results = await Promise.all(runs);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(results.map((r) => r.stderr).join('')).not.toMatch(/unexpected|ENOTEMPTY/);
    expect((await loadIndex(w.index, { corpusDir: w.corpus })).docs).toHaveLength(5);
    expect((await readdir(w.dir)).sort()).toEqual(['corpus', 'index']);
  }, 120_000);
});
