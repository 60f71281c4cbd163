/**
 * The cheap staleness check: only files whose size or modification time differ are read, a file
 * counts as changed only when its content differs, and the verdict is always the one a full read of
 * the corpus (readCorpus + fingerprint, what the build indexes) would give.
 */
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, readCorpus } from '../../src/corpus/load.js';
import { buildIndex } from '../../src/index/build.js';
import { corpusChanges, describeChanges, type RecordedFile } from '../../src/index/freshness.js';
import { readManifest, staleReason } from '../../src/index/store.js';

const ROOT = resolve(import.meta.dirname, '../..');
const A = 'Jilin Builds New Laboratories\n2022-02-03\n\nJilin is building eight key laboratories.\n';
const B = 'Changchun Opens A Fund\n2022-03-04\n\nChangchun opened a fund of RMB 1 billion.\n';
const C = 'Jiangyin Adds Firms\n2022-05-06\n\nJiangyin added 120 high-tech enterprises.\n';
/** Files are dated an hour back, so that "touching" one gives it another time. */
const PAST = new Date(Date.now() - 3_600_000);

let root: string;
let n = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'regionbot-freshness-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A corpus of a.txt, b.txt, c.md and what a build records of it (readCorpus's files, as build.ts writes them). */
async function corpus(): Promise<{ dir: string; recorded: RecordedFile[]; fp: string }> {
  const dir = join(root, `corpus-${n++}`);
  await mkdir(dir);
  const files: [string, string][] = [['a.txt', A], ['b.txt', B], ['c.md', C]];
  for (const [name, text] of files) {
    await writeFile(join(dir, name), text);
    await utimes(join(dir, name), PAST, PAST);
  }
  await writeFile(join(dir, 'notes.pdf'), 'not an article');
  const listing = await readCorpus(dir);
  return { dir, recorded: listing.files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes, mtimeMs: f.mtimeMs })), fp: fingerprint(listing.files) };
}

const touch = (p: string) => utimes(p, new Date(), new Date());

interface Case {
  name: string;
  change: (dir: string) => Promise<unknown>;
  /** The reason's counts, or null when the index is current. */
  reason: string | null;
  /** The files read and hashed. */
  hashed: string[];
}

const cases: Case[] = [
  { name: 'unchanged corpus: no file is read', change: async () => undefined, reason: null, hashed: [] },
  { name: 'a touched file with the same content: read, not stale', change: (d) => touch(join(d, 'b.txt')), reason: null, hashed: ['b.txt'] },
  {
    name: 'a file rewritten with the same bytes: read, not stale',
    change: async (d) => writeFile(join(d, 'a.txt'), await readFile(join(d, 'a.txt'))),
    reason: null,
    hashed: ['a.txt'],
  },
  { name: 'changed content (another size)', change: (d) => writeFile(join(d, 'a.txt'), `${A}One more sentence.\n`), reason: '1 changed', hashed: ['a.txt'] },
  { name: 'changed content (the same size)', change: (d) => writeFile(join(d, 'b.txt'), B.replace('1 billion', '2 billion')), reason: '1 changed', hashed: ['b.txt'] },
  { name: 'an article added', change: (d) => writeFile(join(d, 'd.txt'), `${C}\nAnd a new line.\n`), reason: '1 added', hashed: ['d.txt'] },
  { name: 'an article removed', change: (d) => rm(join(d, 'c.md')), reason: '1 removed', hashed: [] },
  { name: 'an article renamed', change: (d) => rename(join(d, 'b.txt'), join(d, 'b2.txt')), reason: '1 renamed', hashed: ['b2.txt'] },
  {
    name: 'added and removed at once',
    change: async (d) => {
      await rm(join(d, 'a.txt'));
      await writeFile(join(d, 'z.txt'), 'Another Article\n2023-01-01\n\nSomething else entirely happened here.\n');
    },
    reason: '1 added, 1 removed',
    hashed: ['z.txt'],
  },
  // What the build skips does not make the index stale (and is decided as the build decides).
  { name: 'a copy of an article under a later name (skipped as identical)', change: (d) => writeFile(join(d, 'x-copy.txt'), A), reason: null, hashed: ['x-copy.txt'] },
  { name: 'a copy under an earlier name (it becomes the article)', change: (d) => writeFile(join(d, '0-copy.txt'), A), reason: '1 renamed', hashed: ['0-copy.txt'] },
  { name: 'an empty article added (skipped)', change: (d) => writeFile(join(d, 'empty.txt'), ''), reason: null, hashed: ['empty.txt'] },
  { name: 'a hidden file and a non-article file added (never read)', change: async (d) => Promise.all([writeFile(join(d, '.draft.txt'), B + 'x'), writeFile(join(d, 'data.csv'), 'a,b\n')]), reason: null, hashed: [] },
  { name: 'a symlink out of the folder (not followed)', change: (d) => symlink(join(ROOT, 'corpus', '000_0ae20fc01c1a99ca.txt'), join(d, 'outside.txt')), reason: null, hashed: [] },
  { name: 'a symlink inside the folder (an identical copy)', change: (d) => symlink(join(d, 'c.md'), join(d, 'd-link.txt')), reason: null, hashed: ['d-link.txt'] },
  { name: 'a folder named like an article (not a file)', change: (d) => mkdir(join(d, 'folder.txt')), reason: null, hashed: [] },
];

describe('corpusChanges', () => {
  it.each(cases)('$name', async ({ change, reason, hashed }) => {
    const { dir, recorded, fp } = await corpus();
    await change(dir);
    const changes = await corpusChanges(recorded, dir);
    expect(changes.hashed).toEqual(hashed);
    expect(describeChanges(changes)).toBe(reason === null ? null : `the corpus has changed since the index was built (${reason})`);
    // The same verdict as reading and hashing the whole corpus, as the build does.
    expect(describeChanges(changes) === null).toBe(fingerprint((await readCorpus(dir)).files) === fp);
  });

  it('a manifest without modification times (older versions): every article is hashed, the verdict is the same', async () => {
    const { dir, recorded } = await corpus();
    const old = recorded.map(({ mtimeMs: _, ...f }) => f);
    expect(await corpusChanges(old, dir)).toEqual({ added: [], removed: [], changed: [], renamed: [], hashed: ['a.txt', 'b.txt', 'c.md'] });
    await writeFile(join(dir, 'c.md'), C.replace('120', '130'));
    expect(describeChanges(await corpusChanges(old, dir))).toMatch(/\(1 changed\)/);
  });

  it('a file over the size limit is not an article (stat only), unless the build recorded it as it is now', async () => {
    const { dir, recorded } = await corpus();
    const limit = Buffer.byteLength(B);
    const larger = recorded.filter((f) => f.bytes > limit).map((f) => f.name);
    expect(larger.length).toBeGreaterThan(0);
    expect(larger).not.toContain('b.txt');
    // Built with a larger limit (REGIONBOT_MAX_ARTICLE_MB raised): the unchanged large files are
    // still the index's articles; a changed setting must not make every start rebuild.
    expect(await corpusChanges(recorded, dir, { maxArticleBytes: limit })).toEqual({ added: [], removed: [], changed: [], renamed: [], hashed: [] });
    // A new large file is not an article, and is not read.
    await writeFile(join(dir, 'big.txt'), `${C}${'More text about Jiangyin. '.repeat(20)}\n`);
    expect(await corpusChanges(recorded, dir, { maxArticleBytes: limit })).toEqual({ added: [], removed: [], changed: [], renamed: [], hashed: [] });
    // A large article that changed is measured against the limit again: the build would skip it now.
    await writeFile(join(dir, larger[0]!), `${await readFile(join(dir, larger[0]!), 'utf8')}More.\n`);
    const changes = await corpusChanges(recorded, dir, { maxArticleBytes: limit });
    expect(changes.removed).toEqual([larger[0]]);
    expect(changes.hashed).toEqual([]);
    expect((await readCorpus(dir, { maxArticleBytes: limit })).files.map((f) => f.name)).not.toContain(larger[0]);
  });

  it('a missing corpus folder is one clear error', async () => {
    await expect(corpusChanges([], join(root, 'nope'))).rejects.toMatchObject({ code: 'E_CORPUS', message: expect.stringMatching(/cannot read the corpus folder .*nope \(ENOENT\)/) });
  });
});

describe('a built index records sizes and times', () => {
  it('so that checking an unchanged corpus reads no article, and a change is still seen', async () => {
    const dir = join(root, 'built');
    const corpusDir = join(dir, 'corpus');
    await cp(join(ROOT, 'corpus'), corpusDir, { recursive: true });
    await buildIndex(corpusDir, join(dir, 'index'));
    const manifest = await readManifest(join(dir, 'index'));
    expect(manifest.corpus.files.every((f) => typeof f.mtimeMs === 'number')).toBe(true);
    expect((await corpusChanges(manifest.corpus.files, corpusDir)).hashed).toEqual([]);
    expect(await staleReason(manifest, corpusDir)).toBeNull();
    const first = manifest.corpus.files[0]!.name;
    await writeFile(join(corpusDir, first), `${await readFile(join(corpusDir, first), 'utf8')}\nA new closing sentence.\n`);
    expect(await staleReason(manifest, corpusDir)).toBe('the corpus has changed since the index was built (1 changed)');
  });
});
