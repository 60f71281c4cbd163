/**
 * The index on disk: written atomically (built in a temporary folder beside the target, then renamed
 * into place), loaded with validation. Every problem on load is one clear line naming the fix.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type MiniSearch from 'minisearch';
import { z } from 'zod';
import { fingerprint, readCorpus } from '../corpus/load.js';
import { RegionbotError } from '../errors.js';
import { SEARCH_OPTIONS_VERSION, loadFactSearchIndex, loadSearchIndex, type FactSearchDoc, type SearchDoc } from './search.js';
import type { Chunk, DocRecord, Fact, Manifest, MetricEntry } from './types.js';

/** Bump when the layout or the meaning of any stored file changes. */
export const SCHEMA_VERSION = 1;

export const INDEX_FILES = {
  manifest: 'manifest.json',
  docs: 'docs.json',
  chunks: 'chunks.json',
  facts: 'facts.json',
  metrics: 'metrics.json',
  search: 'search.json',
  factSearch: 'fact-search.json',
  vocabulary: 'vocabulary.json',
} as const;

const REBUILD = 'run `regionbot index` to rebuild it';

const ManifestSchema = z.object({
  schemaVersion: z.number().int(),
  searchOptionsVersion: z.number().int(),
  builtAt: z.string(),
  builder: z.string(),
  corpus: z.object({
    dir: z.string(),
    fingerprint: z.string(),
    files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number() })),
  }),
  counts: z.object({
    documents: z.number().int(),
    chunks: z.number().int(),
    facts: z.number().int(),
    metrics: z.number().int(),
    skipped: z.number().int(),
  }),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
});

export interface IndexData {
  manifest: Manifest;
  docs: DocRecord[];
  chunks: Chunk[];
  facts: Fact[];
  metrics: MetricEntry[];
  search: MiniSearch<SearchDoc>;
  factSearch: MiniSearch<FactSearchDoc>;
  /** Every distinct word of the corpus (lowercase, canonical), for correcting misspelled questions. */
  vocabulary: string[];
}

export interface LoadedIndex extends IndexData {
  dir: string;
  docById: Map<string, DocRecord>;
}

/**
 * Write the index to `outDir` atomically: everything goes to a temporary sibling folder first; only a
 * complete index is renamed into place, so a failed or interrupted build leaves the old one intact.
 * `beforeSwap` is a test hook called when the new index is complete but not yet in place.
 */
export async function writeIndex(outDir: string, data: IndexData, hooks: { beforeSwap?: () => Promise<void> | void } = {}): Promise<void> {
  const target = resolve(outDir);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(target)}.tmp-${tag}`);
  const old = join(parent, `.${basename(target)}.old-${tag}`);
  try {
    await mkdir(tmp);
    await writeFile(join(tmp, INDEX_FILES.docs), JSON.stringify(data.docs));
    await writeFile(join(tmp, INDEX_FILES.chunks), JSON.stringify(data.chunks));
    await writeFile(join(tmp, INDEX_FILES.facts), JSON.stringify(data.facts));
    await writeFile(join(tmp, INDEX_FILES.metrics), JSON.stringify(data.metrics));
    await writeFile(join(tmp, INDEX_FILES.search), JSON.stringify(data.search));
    await writeFile(join(tmp, INDEX_FILES.factSearch), JSON.stringify(data.factSearch));
    await writeFile(join(tmp, INDEX_FILES.vocabulary), JSON.stringify(data.vocabulary));
    // The manifest is written last: a folder without it is never a complete index.
    await writeFile(join(tmp, INDEX_FILES.manifest), JSON.stringify(data.manifest, null, 2));
    await hooks.beforeSwap?.();
    const exists = await stat(target).then(() => true, () => false);
    if (exists) await rename(target, old);
    await rename(tmp, target);
    if (exists) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    // Put the old index back if the swap failed half-way.
    const targetExists = await stat(target).then(() => true, () => false);
    const oldExists = await stat(old).then(() => true, () => false);
    if (!targetExists && oldExists) await rename(old, target);
    throw err;
  }
}

async function readJson(dir: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is incomplete (${file} is missing); ${REBUILD}`, { hint: 'regionbot index' });
    throw new RegionbotError('E_IO', `cannot read ${join(dir, file)} (${code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is corrupt (${file} is not valid JSON); ${REBUILD}`, { hint: 'regionbot index' });
  }
}

function expectArray<T>(value: unknown, dir: string, file: string, check: (item: Record<string, unknown>) => boolean): T[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'object' && v !== null && check(v as Record<string, unknown>))) {
    throw new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is corrupt (${file} has an unexpected shape); ${REBUILD}`, { hint: 'regionbot index' });
  }
  return value as T[];
}

/** Read and validate just the manifest (cheap: used to decide whether a rebuild is needed). */
export async function readManifest(dir: string): Promise<Manifest> {
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists || !(await stat(join(dir, INDEX_FILES.manifest)).then(() => true, () => false))) {
    throw new RegionbotError('E_INDEX_MISSING', `no index in ${dir}; run \`regionbot index\` to build it`, { hint: 'regionbot index' });
  }
  const parsed = ManifestSchema.safeParse(await readJson(dir, INDEX_FILES.manifest));
  if (!parsed.success) {
    throw new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is corrupt (manifest.json has an unexpected shape); ${REBUILD}`, { hint: 'regionbot index' });
  }
  const manifest = parsed.data;
  if (manifest.schemaVersion !== SCHEMA_VERSION || manifest.searchOptionsVersion !== SEARCH_OPTIONS_VERSION) {
    throw new RegionbotError(
      'E_INDEX_VERSION',
      `the index in ${dir} was built by another version of regionbot (schema ${manifest.schemaVersion}, this version reads ${SCHEMA_VERSION}); ${REBUILD}`,
      { hint: 'regionbot index' },
    );
  }
  return manifest;
}

/** Is the index stale against the corpus folder? Returns a reason, or null when it is current. */
export async function staleReason(manifest: Manifest, corpusDir: string): Promise<string | null> {
  const listing = await readCorpus(corpusDir);
  if (fingerprint(listing.files) === manifest.corpus.fingerprint) return null;
  const before = new Map(manifest.corpus.files.map((f) => [f.name, f.sha256]));
  const now = new Map(listing.files.map((f) => [f.name, f.sha256]));
  const added = [...now.keys()].filter((n) => !before.has(n));
  const removed = [...before.keys()].filter((n) => !now.has(n));
  const changed = [...now.keys()].filter((n) => before.has(n) && before.get(n) !== now.get(n));
  const parts = [
    added.length ? `${added.length} added` : '',
    removed.length ? `${removed.length} removed` : '',
    changed.length ? `${changed.length} changed` : '',
  ].filter(Boolean);
  return `the corpus has changed since the index was built (${parts.join(', ') || 'files differ'})`;
}

export interface LoadOptions {
  /** Check the index against this corpus folder and refuse a stale one. */
  corpusDir?: string;
}

/** Load the index from `dir`. Missing, corrupt, other-version or (with corpusDir) stale indexes throw a clear error. */
export async function loadIndex(dir: string, options: LoadOptions = {}): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  if (options.corpusDir !== undefined) {
    const stale = await staleReason(manifest, options.corpusDir);
    if (stale) throw new RegionbotError('E_INDEX_STALE', `the index in ${dir} is out of date: ${stale}; ${REBUILD}`, { hint: 'regionbot index' });
  }
  const docs = expectArray<DocRecord>(await readJson(dir, INDEX_FILES.docs), dir, INDEX_FILES.docs, (d) => typeof d.id === 'string' && typeof d.title === 'string' && typeof d.text === 'string');
  const chunks = expectArray<Chunk>(await readJson(dir, INDEX_FILES.chunks), dir, INDEX_FILES.chunks, (c) => typeof c.id === 'number' && typeof c.doc === 'string' && typeof c.text === 'string');
  const facts = expectArray<Fact>(await readJson(dir, INDEX_FILES.facts), dir, INDEX_FILES.facts, (f) => typeof f.value === 'number' && typeof f.doc === 'string' && typeof f.sentence === 'string');
  const metrics = expectArray<MetricEntry>(await readJson(dir, INDEX_FILES.metrics), dir, INDEX_FILES.metrics, (m) => typeof m.key === 'string' && Array.isArray(m.factIds));
  if (docs.length !== manifest.counts.documents || chunks.length !== manifest.counts.chunks || facts.length !== manifest.counts.facts) {
    throw new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is corrupt (its files do not match the manifest's counts); ${REBUILD}`, { hint: 'regionbot index' });
  }
  const vocabularyJson = await readJson(dir, INDEX_FILES.vocabulary);
  if (!Array.isArray(vocabularyJson) || !vocabularyJson.every((w) => typeof w === 'string')) {
    throw new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is corrupt (${INDEX_FILES.vocabulary} has an unexpected shape); ${REBUILD}`, { hint: 'regionbot index' });
  }
  const vocabulary = vocabularyJson as string[];
  let search: MiniSearch<SearchDoc>;
  let factSearch: MiniSearch<FactSearchDoc>;
  try {
    search = loadSearchIndex(await readFile(join(dir, INDEX_FILES.search), 'utf8'));
    factSearch = loadFactSearchIndex(await readFile(join(dir, INDEX_FILES.factSearch), 'utf8'));
  } catch (err) {
    if (err instanceof RegionbotError) throw err;
    throw new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is corrupt (the search index cannot be loaded); ${REBUILD}`, { hint: 'regionbot index' });
  }
  return { dir, manifest, docs, chunks, facts, metrics, search, factSearch, vocabulary, docById: new Map(docs.map((d) => [d.id, d])) };
}
