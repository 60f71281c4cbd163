import { createHash } from 'node:crypto';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/load.js';
import { RegionbotError, type ErrorCode } from '../../src/errors.js';
import { buildIndex, buildIndexData, type BuildSummary } from '../../src/index/build.js';
import { INDEX_FILES, SCHEMA_VERSION, loadIndex, readManifest, writeIndex, type IndexData, type LoadedIndex } from '../../src/index/store.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

let root: string;
/** The corpus built into `${root}/built/index`. */
let builtDir: string;
let summary: BuildSummary;
let index: LoadedIndex;
/** The same corpus as index data in memory, for comparison. */
let data: IndexData;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'regionbot-store-'));
  builtDir = join(root, 'built', 'index');
  summary = await buildIndex(CORPUS_DIR, builtDir);
  index = await loadIndex(builtDir);
  const listing = await readCorpus(CORPUS_DIR);
  data = buildIndexData(listing.files, listing.skipped, CORPUS_DIR);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let copies = 0;
/** A private copy of the built index, to damage. */
async function copyIndex(): Promise<string> {
  const dir = join(root, `copy-${copies++}`, 'index');
  await cp(builtDir, dir, { recursive: true });
  return dir;
}

async function copyCorpus(): Promise<string> {
  const dir = join(root, `corpus-${copies++}`);
  await cp(CORPUS_DIR, dir, { recursive: true });
  return dir;
}

async function loadError(dir: string, options: { corpusDir?: string } = {}): Promise<RegionbotError> {
  const err = await loadIndex(dir, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'loadIndex should fail').toBeInstanceOf(RegionbotError);
  return err as RegionbotError;
}

function expectOneLine(err: RegionbotError, code: ErrorCode): void {
  expect(err.code).toBe(code);
  expect(err.message).not.toContain('\n');
  expect(err.message).toMatch(/^regionbot: /);
  expect(err.message).toContain('regionbot index');
}

describe('buildIndex and loadIndex round trip', () => {
  it('the summary, the manifest counts and the loaded files agree', () => {
    const m = index.manifest;
    expect(summary.documents).toBe(5);
    expect(summary.skipped).toEqual([]);
    expect(summary.outDir).toBe(builtDir);
    expect(m.counts).toEqual({
      documents: summary.documents,
      chunks: summary.chunks,
      facts: summary.facts,
      metrics: summary.metrics,
      skipped: 0,
    });
    expect(index.docs).toHaveLength(m.counts.documents);
    expect(index.chunks).toHaveLength(m.counts.chunks);
    expect(index.facts).toHaveLength(m.counts.facts);
    expect(index.metrics).toHaveLength(m.counts.metrics);
    expect(index.search.documentCount).toBe(m.counts.chunks);
    expect([...index.docById.keys()].sort()).toEqual(m.corpus.files.map((f) => f.name).sort());
  });

  it('the manifest records schema version, build time, fingerprint and file hashes', async () => {
    const m = index.manifest;
    expect(m.schemaVersion).toBe(SCHEMA_VERSION);
    expect(Number.isNaN(Date.parse(m.builtAt))).toBe(false);
    expect(Math.abs(Date.now() - Date.parse(m.builtAt))).toBeLessThan(10 * 60_000);
    expect(m.corpus.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(m.corpus.fingerprint).toBe(data.manifest.corpus.fingerprint);
    expect(m.corpus.files).toHaveLength(5);
    for (const f of m.corpus.files) {
      const bytes = await readFile(join(CORPUS_DIR, f.name));
      expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(f.bytes).toBe(bytes.length);
    }
    expect(await readManifest(builtDir)).toEqual(m);
  });

  it('docs, chunks, facts and metrics deep-equal what was built', () => {
    expect(JSON.parse(JSON.stringify(index.docs))).toEqual(data.docs);
    expect(JSON.parse(JSON.stringify([...index.chunks]))).toEqual(data.chunks);
    expect([...index.facts]).toEqual(data.facts);
    expect(index.metrics).toEqual(data.metrics);
    expect(index.vocabulary).toEqual(data.vocabulary);
    const fact = data.facts.find((f) => f.value === 2705)!;
    expect(index.facts.get(fact.id)).toEqual(fact);
    expect(index.facts.get(fact.id)).toBe(index.facts.get(fact.id));
    const chunk = data.chunks[fact.chunk]!;
    expect(index.chunks.get(chunk.id)!.text).toBe(chunk.text);
    expect(index.chunks.get(chunk.id)).toBe(index.chunks.get(chunk.id));
    expect(index.facts.ofChunk(chunk.id)).toContainEqual(fact);
    expect(chunk.text).toContain(fact.sentence);
    data.docs.forEach((d, i) => expect(index.facts.ofDoc(i)).toEqual(data.facts.filter((f) => f.doc === d.id)));
  });

  it('writeIndex then loadIndex returns exactly the written data', async () => {
    const dir = join(root, 'written', 'index');
    await writeIndex(dir, data);
    const loaded = await loadIndex(dir);
    expect(loaded.manifest).toEqual(data.manifest);
    expect(JSON.parse(JSON.stringify(loaded.docs))).toEqual(data.docs);
    expect(JSON.parse(JSON.stringify([...loaded.chunks]))).toEqual(data.chunks);
    expect([...loaded.facts]).toEqual(data.facts);
    expect(loaded.search.search('hi-tech enterprises').hits).toEqual(data.search.search('hi-tech enterprises').hits);
  });

  it('chunks point into their document text', () => {
    for (const c of index.chunks) {
      const doc = index.docById.get(c.doc)!;
      expect(doc.text.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it.each([
    ['R&D investment', /R&D investment/],
    ['research and development investment', /R&D investment/],
    ['high-tech firms', /hi(?:gh)?-tech enterprises/],
  ])('search finds %j', (query, pattern) => {
    const { hits } = index.search.search(query);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.slice(0, 3).some((h) => pattern.test(index.chunks.get(h.id)!.text))).toBe(true);
  });

});

describe('loadIndex refuses bad indexes with one clear line', () => {
  it('a missing folder -> E_INDEX_MISSING', async () => {
    expectOneLine(await loadError(join(root, 'nowhere', 'index')), 'E_INDEX_MISSING');
  });

  it('a folder without a manifest -> E_INDEX_MISSING', async () => {
    const dir = await copyIndex();
    await rm(join(dir, INDEX_FILES.manifest));
    expectOneLine(await loadError(dir), 'E_INDEX_MISSING');
  });

  it.each([
    ['truncated facts.bin', async (dir: string) => truncate(join(dir, INDEX_FILES.facts), 100)],
    ['facts.bin cut short in its columns', async (dir: string) => {
      const bytes = await readFile(join(dir, INDEX_FILES.facts));
      await writeFile(join(dir, INDEX_FILES.facts), bytes.subarray(0, bytes.length - 16));
    }],
    ['texts.bin deleted', async (dir: string) => rm(join(dir, INDEX_FILES.texts))],
    ['texts.bin cut short', async (dir: string) => {
      const bytes = await readFile(join(dir, INDEX_FILES.texts));
      await writeFile(join(dir, INDEX_FILES.texts), bytes.subarray(0, bytes.length - 100));
    }],
    ['postings.bin of another kind', async (dir: string) => cp(join(dir, INDEX_FILES.chunks), join(dir, INDEX_FILES.postings))],
    ['chunks.bin pointing at a document that does not exist', async (dir: string) => {
      const bytes = await readFile(join(dir, INDEX_FILES.chunks));
      // The first column is the chunks' document numbers: make the first one huge.
      const headerLength = bytes.readUInt32LE(4);
      const start = (8 + headerLength + 7) & ~7;
      bytes.writeUInt8(0xff, start);
      await writeFile(join(dir, INDEX_FILES.chunks), bytes);
    }],
    ['garbage manifest.json', async (dir: string) => writeFile(join(dir, INDEX_FILES.manifest), '\u0000\u0001 not json {')],
    ['manifest.json of the wrong shape', async (dir: string) => writeFile(join(dir, INDEX_FILES.manifest), JSON.stringify({ hello: 'world' }))],
    ['manifest.json listing a corpus file without its size', async (dir: string) => {
      const m = JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')) as { corpus: { files: Record<string, unknown>[] } };
      m.corpus.files[0]!.bytes = 'many';
      await writeFile(join(dir, INDEX_FILES.manifest), JSON.stringify(m));
    }],
    ['manifest.json whose corpus files are not a list', async (dir: string) => {
      const m = JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')) as { corpus: { files: unknown } };
      m.corpus.files = { name: 'a.txt' };
      await writeFile(join(dir, INDEX_FILES.manifest), JSON.stringify(m));
    }],
    ['deleted postings.bin', async (dir: string) => rm(join(dir, INDEX_FILES.postings))],
    ['garbage postings.bin', async (dir: string) => writeFile(join(dir, INDEX_FILES.postings), '{"documentCount": "x"}')],
    ['deleted chunks.bin', async (dir: string) => rm(join(dir, INDEX_FILES.chunks))],
    ['facts.bin replaced by JSON', async (dir: string) => writeFile(join(dir, INDEX_FILES.facts), JSON.stringify([{ value: 'x' }]))],
    ['docs.jsonl with a document missing', async (dir: string) => {
      const lines = (await readFile(join(dir, INDEX_FILES.docs), 'utf8')).split('\n');
      await writeFile(join(dir, INDEX_FILES.docs), lines.slice(1).join('\n'));
    }],
    ['docs.jsonl with a line that is not JSON', async (dir: string) => appendFile(join(dir, INDEX_FILES.docs), '{"id": \n')],
    ['metrics.jsonl of the wrong shape', async (dir: string) => writeFile(join(dir, INDEX_FILES.metrics), '{"key": 1}\n')],
    ['vocabulary.json not a list of words', async (dir: string) => writeFile(join(dir, INDEX_FILES.vocabulary), '[1, 2]')],
  ])('%s -> E_INDEX_CORRUPT', async (_name, damage) => {
    const dir = await copyIndex();
    await damage(dir);
    expectOneLine(await loadError(dir), 'E_INDEX_CORRUPT');
  });

  it.each([
    ['schemaVersion', SCHEMA_VERSION + 1],
    ['schemaVersion', 0],
    ['searchOptionsVersion', 999],
    ['lexicon', 'built-with-another-word-list'],
  ])('another %s (%s) -> E_INDEX_VERSION', async (key, version) => {
    const dir = await copyIndex();
    const manifest = JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')) as Record<string, unknown>;
    manifest[key] = version;
    await writeFile(join(dir, INDEX_FILES.manifest), JSON.stringify(manifest));
    expectOneLine(await loadError(dir), 'E_INDEX_VERSION');
  });
});

describe('staleness', () => {
  let corpus: string;
  let dir: string;

  beforeAll(async () => {
    corpus = await copyCorpus();
    dir = join(root, 'stale', 'index');
    await buildIndex(corpus, dir);
  });

  it('a current index loads with the corpus check', async () => {
    const loaded = await loadIndex(dir, { corpusDir: corpus });
    expect(loaded.docs).toHaveLength(5);
  });

  it.each([
    ['a file changes', /changed/, async (c: string) => appendFile(join(c, '000_0ae20fc01c1a99ca.txt'), '\nOne more sentence about Jilin.\n')],
    ['a file is added', /added/, async (c: string) => writeFile(join(c, '005_new.txt'), 'Changchun Opens A Lab\n2024-01-01\n\nChangchun opened a lab.\n')],
    ['a file is removed', /removed/, async (c: string) => rm(join(c, '003_96ecbf159aa3a995.txt'))],
  ])('%s after the build -> E_INDEX_STALE', async (_name, reason, change) => {
    const c = await copyCorpus();
    const d = join(root, `stale-${copies++}`, 'index');
    await cp(dir, d, { recursive: true });
    // The copied index was built from `corpus`, which has the same content as `c`.
    expect((await loadIndex(d, { corpusDir: c })).docs).toHaveLength(5);
    await change(c);
    const err = await loadError(d, { corpusDir: c });
    expectOneLine(err, 'E_INDEX_STALE');
    expect(err.message).toMatch(reason);
    // Without the corpus check the index still loads.
    expect((await loadIndex(d)).docs).toHaveLength(5);
  });
});

describe('atomic rebuilds', () => {
  it('an interrupted rebuild leaves the previous index loadable and unchanged, and no temporary folders', async () => {
    const parent = join(root, 'atomic');
    const dir = join(parent, 'index');
    const corpus = await copyCorpus();
    await buildIndex(corpus, dir);
    const before = await loadIndex(dir);
    const manifestBefore = await readFile(join(dir, INDEX_FILES.manifest), 'utf8');
    const factsBefore = await readFile(join(dir, INDEX_FILES.facts));

    // The corpus changes, and the rebuild is interrupted just before the swap.
    await rm(join(corpus, '004_39620355ee2a0273.txt'));
    await expect(
      buildIndex(corpus, dir, {
        beforeSwap: () => {
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');

    expect(await readdir(parent)).toEqual(['index']);
    expect(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')).toBe(manifestBefore);
    expect((await readFile(join(dir, INDEX_FILES.facts))).equals(factsBefore)).toBe(true);
    const after = await loadIndex(dir);
    expect(after.manifest).toEqual(before.manifest);
    expect(after.docs).toHaveLength(5);

    // A rebuild that completes replaces it, still without leftovers.
    await buildIndex(corpus, dir);
    expect(await readdir(parent)).toEqual(['index']);
    expect((await loadIndex(dir, { corpusDir: corpus })).docs).toHaveLength(4);
  });

  it('an async beforeSwap failure on a first build leaves no index and no temporary folder', async () => {
    const parent = join(root, 'first');
    await expect(
      buildIndex(CORPUS_DIR, join(parent, 'index'), { beforeSwap: async () => Promise.reject(new Error('disk full')) }),
    ).rejects.toThrow('disk full');
    expect(await readdir(parent)).toEqual([]);
    expectOneLine(await loadError(join(parent, 'index')), 'E_INDEX_MISSING');
  });
});

describe('broken corpus files', () => {
  it('empty, binary, non-UTF-8 and boilerplate-only files are skipped with a reason; the rest is indexed', async () => {
    const corpus = await copyCorpus();
    await writeFile(join(corpus, '100_empty.txt'), '');
    await writeFile(join(corpus, '101_binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    await writeFile(join(corpus, '102_gbk.txt'), Buffer.from([0xbc, 0xaa, 0xc1, 0xd6, 0xca, 0xa1, 0xbf, 0xc6, 0xbc, 0xbc, 0xb4, 0xb4]));
    await writeFile(join(corpus, '103_boilerplate.txt'), 'Home>News>Tech\n【Fonts: A+ A A- Print\nAll rights reserved: Some Site\n');
    await writeFile(join(corpus, '104_scan.pdf'), '%PDF-1.4');
    const dir = join(root, 'broken', 'index');
    const result = await buildIndex(corpus, dir);
    expect(result.documents).toBe(5);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['100_empty.txt', '101_binary.txt', '102_gbk.txt', '103_boilerplate.txt', '104_scan.pdf']);
    expect(reasons['100_empty.txt']).toMatch(/empty/);
    expect(reasons['101_binary.txt']).toMatch(/binary/);
    expect(reasons['102_gbk.txt']).toMatch(/UTF-8/);
    expect(reasons['103_boilerplate.txt']).toMatch(/no article text/);
    expect(reasons['104_scan.pdf']).toMatch(/\.txt or \.md/);

    const loaded = await loadIndex(dir, { corpusDir: corpus });
    expect(loaded.manifest.skipped).toEqual(result.skipped);
    expect(loaded.manifest.counts.skipped).toBe(5);
    expect(loaded.docs.map((d) => d.id).sort()).toEqual(index.docs.map((d) => d.id).sort());
    expect(loaded.facts).toHaveLength(index.facts.length);
  });
});
