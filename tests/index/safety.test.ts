import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionbotError } from '../../src/errors.js';
import { buildIndex } from '../../src/index/build.js';
import { INDEX_FILES, loadIndex } from '../../src/index/store.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'regionbot-safety-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function snapshot(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('the index never replaces a folder that is not a regionbot index', () => {
  it.each([
    ['the corpus folder itself', async (w: string) => join(w, 'corpus')],
    ['a project folder with .git', async (w: string) => {
      await mkdir(join(w, 'project', '.git'), { recursive: true });
      await writeFile(join(w, 'project', 'README.md'), '# my project\n');
      return join(w, 'project');
    }],
    ['a folder whose manifest.json is someone else\'s', async (w: string) => {
      await mkdir(join(w, 'other'));
      await writeFile(join(w, 'other', 'manifest.json'), '{"name": "a web app"}');
      return join(w, 'other');
    }],
    ['a file', async (w: string) => {
      await writeFile(join(w, 'notes.txt'), 'my notes\n');
      return join(w, 'notes.txt');
    }],
  ])('refuses %s with one line naming the path, and touches nothing', async (_name, make) => {
    const w = join(root, `r${n++}`);
    await cp(CORPUS_DIR, join(w, 'corpus'), { recursive: true });
    const out = await make(w);
    const before = await snapshot(w);
    const err = await buildIndex(join(w, 'corpus'), out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegionbotError);
    expect((err as RegionbotError).code).toBe('E_INDEX_REFUSED');
    expect((err as RegionbotError).message).toContain(`refusing to write the index to ${out}`);
    expect((err as RegionbotError).message).toMatch(/nothing was changed \(choose a new or empty folder with --out/);
    expect((err as RegionbotError).message.split('\n')).toHaveLength(1);
    expect(await snapshot(w)).toEqual(before);
  });

  it.each([
    ['a new folder', async (w: string) => join(w, 'fresh', 'index')],
    ['an empty folder', async (w: string) => {
      await mkdir(join(w, 'empty'));
      return join(w, 'empty');
    }],
    ['an index of another version', async (w: string) => {
      await buildIndex(CORPUS_DIR, join(w, 'old'));
      const m = JSON.parse(await readFile(join(w, 'old', INDEX_FILES.manifest), 'utf8')) as Record<string, unknown>;
      await writeFile(join(w, 'old', INDEX_FILES.manifest), JSON.stringify({ ...m, schemaVersion: 0, searchOptionsVersion: 0 }));
      return join(w, 'old');
    }],
  ])('writes into %s', async (_name, make) => {
    const w = join(root, `ok${n++}`);
    await mkdir(w, { recursive: true });
    const out = await make(w);
    await buildIndex(CORPUS_DIR, out);
    expect((await loadIndex(out)).docs).toHaveLength(5);
  });
});

describe('a build with no documents never replaces an index that has some', () => {
  it.each([
    ['an emptied corpus', async (c: string) => {
      for (const f of await readdir(c)) await rm(join(c, f));
    }],
    ['an all-junk corpus', async (c: string) => {
      for (const f of await readdir(c)) await writeFile(join(c, f), '');
      await writeFile(join(c, 'scan.pdf'), '%PDF-1.4');
    }],
  ])('%s: refused with the flag that forces it; the old index stays; --allow-empty replaces it', async (_name, spoil) => {
    const w = join(root, `e${n++}`);
    await cp(CORPUS_DIR, join(w, 'corpus'), { recursive: true });
    const out = join(w, 'index');
    await buildIndex(join(w, 'corpus'), out);
    const manifest = await readFile(join(out, INDEX_FILES.manifest), 'utf8');
    await spoil(join(w, 'corpus'));

    const err = await buildIndex(join(w, 'corpus'), out).catch((e: unknown) => e);
    expect((err as RegionbotError).code).toBe('E_CORPUS');
    expect((err as RegionbotError).message).toMatch(/gave no articles .* so the index in .* \(5 articles\) was kept; fix the corpus, or rebuild with --allow-empty to replace it$/);
    expect(await readFile(join(out, INDEX_FILES.manifest), 'utf8')).toBe(manifest);
    expect((await readdir(w)).sort()).toEqual(['corpus', 'index']);

    const s = await buildIndex(join(w, 'corpus'), out, { allowEmpty: true });
    expect(s.documents).toBe(0);
    expect((await loadIndex(out)).docs).toHaveLength(0);
  });

  it('an empty corpus may still build a first (empty) index', async () => {
    const w = join(root, `e${n++}`);
    await mkdir(join(w, 'corpus'), { recursive: true });
    expect((await buildIndex(join(w, 'corpus'), join(w, 'index'))).documents).toBe(0);
  });
});

describe('a version mismatch names both versions', () => {
  it('says which schema and search options the index has and which this version reads', async () => {
    const out = join(root, `v${n++}`, 'index');
    await buildIndex(CORPUS_DIR, out);
    const m = JSON.parse(await readFile(join(out, INDEX_FILES.manifest), 'utf8')) as Record<string, unknown>;
    await writeFile(join(out, INDEX_FILES.manifest), JSON.stringify({ ...m, searchOptionsVersion: 99, builder: 'regionbot 9.9.9' }));
    const err = (await loadIndex(out).catch((e: unknown) => e)) as RegionbotError;
    expect(err.code).toBe('E_INDEX_VERSION');
    expect(err.message).toMatch(/\(regionbot 9\.9\.9: schema \d+, search options 99, lexicon \w+; this version reads schema \d+, search options \d+, lexicon \w+\); run `regionbot index` to rebuild it$/);
  });
});
