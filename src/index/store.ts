/**
 * The index on disk: written atomically (built in a temporary folder beside the target, then renamed
 * into place), loaded with validation. Every problem on load is one clear line naming the fix.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RegionbotError, fsError } from '../errors.js';
import { lexiconHash } from '../text/lexicon.js';
import { INDEX_FILES } from './files.js';
import { corpusChanges, describeChanges } from './freshness.js';
import { acquireLock, hasRegionbotManifest, isDir, recoverIndex, recoverLocked, sidePaths, type LockHolder } from './lock.js';
import { ContainerError, column, decodeTable, encodeTable, type Table } from './columns.js';
import { encodeIndex, openSteps, type DocMeta, type IndexData, type LoadedIndex } from './layout.js';
import { SEARCH_OPTIONS_VERSION } from './search.js';
import type { Manifest, MetricEntry } from './types.js';

export { INDEX_FILES } from './files.js';
export { recoverIndex, sidePaths, type LockHolder } from './lock.js';

/** Bump when the layout or the meaning of any stored file changes. */
export const SCHEMA_VERSION = 3;

const REBUILD = 'run `regionbot index` to rebuild it';

/** An index file that is there but wrong, as one line naming the fix. */
const corrupt = (dir: string, what: string): RegionbotError =>
  new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is corrupt (${what}); ${REBUILD}`, { hint: 'regionbot index' });

/** The manifest's corpus file list: name, sha256 and bytes (numbers), and mtimeMs when recorded. */
function isFileList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const f of value as Record<string, unknown>[]) {
    if (typeof f !== 'object' || f === null || typeof f.name !== 'string' || typeof f.sha256 !== 'string' || typeof f.bytes !== 'number') return false;
    if (f.mtimeMs !== undefined && typeof f.mtimeMs !== 'number') return false;
  }
  return true;
}

const ManifestSchema = z.object({
  schemaVersion: z.number().int(),
  searchOptionsVersion: z.number().int(),
  lexicon: z.string().default('none'),
  builtAt: z.string(),
  builder: z.string(),
  corpus: z.object({
    dir: z.string(),
    fingerprint: z.string(),
    // Checked by a plain loop: a corpus of 100k chunks lists ~18,000 files, and schema-checking
    // each as an object kept the event loop busy for tens of milliseconds on every load.
    files: z.custom<{ name: string; sha256: string; bytes: number; mtimeMs?: number }[]>(isFileList),
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

export type { IndexData, LoadedIndex } from './layout.js';

/** The stages of a write (see lock.ts for the files beside the index). */
export type WriteStage = 'locked' | 'writing' | 'written' | 'old-moved' | 'swapped';

export interface WriteOptions {
  /** Replace an index that has documents with one that has none (off: such a build is refused). */
  allowEmpty?: boolean;
  /** Called when another build holds the lock and this one waits for it. */
  onWait?: (holder: LockHolder) => void;
  /** How long to wait for another build's lock before failing (default 10 minutes). */
  lockTimeoutMs?: number;
  /** Test hook: called when the new index is complete but not yet in place. */
  beforeSwap?: () => Promise<void> | void;
  /** Test hook: called at each stage of the write (a crash test pauses and kills the process here). */
  onStage?: (stage: WriteStage) => Promise<void> | void;
}

/** Documents in the index at `dir` by its manifest, or 0 when there is none. */
async function documentCount(dir: string): Promise<number> {
  try {
    const m = JSON.parse(await readFile(join(dir, INDEX_FILES.manifest), 'utf8')) as { counts?: { documents?: unknown } };
    return typeof m.counts?.documents === 'number' ? m.counts.documents : 0;
  } catch {
    return 0;
  }
}

/**
 * Refuse to write the index over anything that is not a regionbot index: only a missing folder, an
 * empty one or one whose manifest says it is a regionbot index may be replaced. Touches nothing.
 */
export async function checkIndexTarget(outDir: string): Promise<void> {
  const { target } = sidePaths(outDir);
  const info = await stat(target).catch(() => null);
  if (!info) return;
  const refuse = (why: string) =>
    new RegionbotError('E_INDEX_REFUSED', `refusing to write the index to ${outDir}: ${why}; nothing was changed (choose a new or empty folder with --out or REGIONBOT_INDEX_DIR)`);
  if (!info.isDirectory()) throw refuse('it is a file, not an index folder');
  const entries = await readdir(target).catch((err: unknown) => {
    throw fsError(err, `read ${outDir}`);
  });
  if (entries.length === 0) return;
  if (!(await hasRegionbotManifest(target))) throw refuse('the folder is not empty and is not a regionbot index');
}

/**
 * Write the index to `outDir` atomically and crash-safely: everything goes to `.NAME.idx-tmp` first;
 * only a complete index is swapped into place (NAME -> .NAME.idx-old, .NAME.idx-tmp -> NAME), so a
 * failed or interrupted build leaves the old index intact or recoverable. Refuses to replace a folder
 * that is not a regionbot index, and an index with documents by one without (unless allowEmpty).
 */
export async function writeIndex(outDir: string, data: IndexData, options: WriteOptions = {}): Promise<void> {
  const { target, parent, tmp, old } = sidePaths(outDir);
  await checkIndexTarget(outDir);
  await mkdir(parent, { recursive: true }).catch((err: unknown) => {
    throw fsError(err, `create ${parent}`);
  });
  const release = await acquireLock(outDir, options);
  let exists = false;
  try {
    await recoverLocked(outDir);
    await checkIndexTarget(outDir);
    exists = await isDir(target);
    if (data.docs.length === 0 && !options.allowEmpty) {
      const had = exists ? await documentCount(target) : 0;
      if (had > 0) {
        throw new RegionbotError(
          'E_CORPUS',
          `the corpus ${data.manifest.corpus.dir} gave no articles (${data.manifest.skipped.length} files skipped), so the index in ${outDir} (${had} articles) was kept; fix the corpus, or rebuild with --allow-empty to replace it`,
          { hint: 'regionbot index --allow-empty' },
        );
      }
    }
    await options.onStage?.('locked');
    await mkdir(tmp);
    const parts = encodeIndex(data);
    await writeFile(join(tmp, INDEX_FILES.docs), jsonLines(parts.docs));
    await writeFile(join(tmp, INDEX_FILES.texts), encodeTable({ kind: 'texts', columns: { starts: parts.texts.starts, bytes: parts.texts.bytes }, tables: {}, meta: {} }));
    await writeFile(join(tmp, INDEX_FILES.chunks), encodeTable(parts.chunks));
    await options.onStage?.('writing');
    await writeFile(join(tmp, INDEX_FILES.facts), encodeTable(parts.facts));
    await writeFile(join(tmp, INDEX_FILES.metrics), jsonLines(parts.metrics));
    await writeFile(join(tmp, INDEX_FILES.postings), encodeTable(parts.postings));
    await writeFile(join(tmp, INDEX_FILES.vocabulary), JSON.stringify(parts.vocabulary));
    // The manifest is written last: a folder without it is never a complete index.
    await writeFile(join(tmp, INDEX_FILES.manifest), JSON.stringify(data.manifest, null, 2));
    await options.beforeSwap?.();
    await options.onStage?.('written');
    if (exists) await rename(target, old);
    await options.onStage?.('old-moved');
    await rename(tmp, target);
    await options.onStage?.('swapped');
    if (exists) await rm(old, { recursive: true, force: true });
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    // Put the old index back if the swap failed half-way.
    if (exists && !(await isDir(target)) && (await isDir(old))) await rename(old, target).catch(() => undefined);
    throw err instanceof RegionbotError ? err : fsError(err, `write the index to ${outDir}`, 'the previous index was kept');
  } finally {
    await release();
  }
}

/** Why an index file could not be read, as one line: a missing file is an incomplete index. */
function readError(dir: string, file: string, err: unknown): RegionbotError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new RegionbotError('E_INDEX_CORRUPT', `the index in ${dir} is incomplete (${file} is missing); ${REBUILD}`, { hint: 'regionbot index' });
  return new RegionbotError('E_IO', `cannot read ${join(dir, file)} (${code ?? 'error'})`);
}

async function readText(dir: string, file: string): Promise<string> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (err) {
    throw readError(dir, file, err);
  }
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const text = await readText(dir, file);
  try {
    return JSON.parse(text);
  } catch {
    throw corrupt(dir, `${file} is not valid JSON`);
  }
}

/** One JSON value per line: read back in slices, so a large list never holds the event loop long. */
function jsonLines(items: readonly unknown[]): string {
  return items.map((x) => JSON.stringify(x)).join('\n') + (items.length > 0 ? '\n' : '');
}

/** The items of a JSON Lines file, parsed a few milliseconds at a time with the event loop let run in between. */
async function readJsonLines(dir: string, file: string): Promise<unknown[]> {
  const text = await readText(dir, file);
  const out: unknown[] = [];
  let slice = performance.now();
  for (let at = 0, line = 1; at < text.length; line++) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    try {
      out.push(JSON.parse(text.slice(at, end)));
    } catch {
      throw corrupt(dir, `${file} line ${line} is not valid JSON`);
    }
    at = end + 1;
    if (performance.now() - slice > 8) {
      await breathe();
      slice = performance.now();
    }
  }
  return out;
}

function expectArray<T>(value: unknown, dir: string, file: string, check: (item: Record<string, unknown>) => boolean): T[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'object' && v !== null && check(v as Record<string, unknown>))) {
    throw corrupt(dir, `${file} has an unexpected shape`);
  }
  return value as T[];
}

/** Read and validate just the manifest (cheap: used to decide whether a rebuild is needed). */
export async function readManifest(dir: string): Promise<Manifest> {
  await recoverIndex(dir);
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists || !(await stat(join(dir, INDEX_FILES.manifest)).then(() => true, () => false))) {
    throw new RegionbotError('E_INDEX_MISSING', `no index in ${dir}; run \`regionbot index\` to build it`, { hint: 'regionbot index' });
  }
  const parsed = ManifestSchema.safeParse(await readJson(dir, INDEX_FILES.manifest));
  if (!parsed.success) {
    throw corrupt(dir, `${INDEX_FILES.manifest} has an unexpected shape`);
  }
  const manifest = parsed.data;
  const lexicon = lexiconHash();
  if (manifest.schemaVersion !== SCHEMA_VERSION || manifest.searchOptionsVersion !== SEARCH_OPTIONS_VERSION || manifest.lexicon !== lexicon) {
    throw new RegionbotError(
      'E_INDEX_VERSION',
      `the index in ${dir} was built by another version of regionbot (${manifest.builder}: schema ${manifest.schemaVersion}, search options ${manifest.searchOptionsVersion}, lexicon ${manifest.lexicon}; this version reads schema ${SCHEMA_VERSION}, search options ${SEARCH_OPTIONS_VERSION}, lexicon ${lexicon}); ${REBUILD}`,
      { hint: 'regionbot index' },
    );
  }
  return manifest;
}

/**
 * Is the index stale against the corpus folder? Returns a reason, or null when it is current.
 * Cheap: only files whose size or modification time differ from the manifest's are read (freshness.ts).
 */
export async function staleReason(manifest: Manifest, corpusDir: string): Promise<string | null> {
  return describeChanges(await corpusChanges(manifest.corpus.files, corpusDir));
}

export interface LoadOptions {
  /** Check the index against this corpus folder and refuse a stale one (a function: chosen from the manifest; undefined: no check). */
  corpusDir?: string | ((manifest: Manifest) => string | undefined);
}

/** Let the event loop run between the steps of a load (a bot keeps answering and heartbeating). */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The binary files of an index, read into shared memory (a worker thread can open the same bytes). */
export type SharedFiles = Record<'texts' | 'chunks' | 'facts' | 'postings', Uint8Array>;
const BINARY = ['texts', 'chunks', 'facts', 'postings'] as const;

/** A whole file into a SharedArrayBuffer, in slices (the reads run off the main thread). */
async function readShared(dir: string, file: string): Promise<Uint8Array> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(join(dir, file), 'r');
    const { size } = await fh.stat();
    const bytes = new Uint8Array(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const { bytesRead } = await fh.read(bytes, at, Math.min(size - at, 1 << 24), at);
      if (bytesRead === 0) throw Object.assign(new Error('short read'), { code: 'ESHORT' });
      at += bytesRead;
    }
    return bytes;
  } catch (err) {
    throw readError(dir, file, err);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

function decodeFile(dir: string, file: string, bytes: Uint8Array, kind: string): Table {
  try {
    return decodeTable(bytes, kind);
  } catch (err) {
    if (err instanceof ContainerError) throw corrupt(dir, `${file}: ${err.message}`);
    throw err;
  }
}

const isDocMeta = (d: Record<string, unknown>): boolean =>
  typeof d.id === 'string' && typeof d.title === 'string' && Array.isArray(d.regions) && (d.mainRegion === null || typeof d.mainRegion === 'string');

/**
 * Load the index from `dir`. Missing, corrupt, other-version or (with corpusDir) stale indexes throw
 * a clear error. The files are read off the main thread and opened in short steps, yielding to the
 * event loop in between.
 */
export async function loadIndex(dir: string, options: LoadOptions = {}): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  const corpusDir = typeof options.corpusDir === 'function' ? options.corpusDir(manifest) : options.corpusDir;
  if (corpusDir !== undefined) {
    const stale = await staleReason(manifest, corpusDir);
    if (stale) throw new RegionbotError('E_INDEX_STALE', `the index in ${dir} is out of date: ${stale}; ${REBUILD}`, { hint: 'regionbot index' });
  }
  const read = await Promise.all(BINARY.map((k) => readShared(dir, INDEX_FILES[k])));
  const shared = Object.fromEntries(BINARY.map((k, i) => [k, read[i]!])) as SharedFiles;
  return openFiles(dir, manifest, shared);
}

/**
 * The index over binary files already in (shared) memory, with its JSON files read from `dir`: how a
 * worker thread opens the index its parent loaded. Refuses files of another build than `manifest`.
 */
export async function openShared(dir: string, builtAt: string, shared: SharedFiles): Promise<LoadedIndex> {
  const manifest = await readManifest(dir);
  if (manifest.builtAt !== builtAt) throw new RegionbotError('E_INDEX_STALE', `the index in ${dir} was rebuilt meanwhile (${manifest.builtAt}, not ${builtAt})`);
  return openFiles(dir, manifest, shared);
}

async function openFiles(dir: string, manifest: Manifest, shared: SharedFiles): Promise<LoadedIndex> {
  const [texts, chunks, facts, postings] = BINARY.map((k) => decodeFile(dir, INDEX_FILES[k], shared[k], k)) as [Table, Table, Table, Table];
  await breathe();
  const docs = expectArray<DocMeta>(await readJsonLines(dir, INDEX_FILES.docs), dir, INDEX_FILES.docs, isDocMeta);
  await breathe();
  const metrics = expectArray<MetricEntry>(await readJsonLines(dir, INDEX_FILES.metrics), dir, INDEX_FILES.metrics, (m) => typeof m.key === 'string' && Array.isArray(m.factIds));
  if (docs.length !== manifest.counts.documents || chunks.meta.count !== manifest.counts.chunks || facts.meta.count !== manifest.counts.facts) {
    throw corrupt(dir, "its files do not match the manifest's counts");
  }
  const vocabularyJson = await readJson(dir, INDEX_FILES.vocabulary);
  if (!Array.isArray(vocabularyJson) || !vocabularyJson.every((w) => typeof w === 'string')) throw corrupt(dir, `${INDEX_FILES.vocabulary} has an unexpected shape`);
  await breathe();
  try {
    const starts = column(texts, 'starts', 'u32', docs.length + 1);
    const bytes = column(texts, 'bytes', 'u8');
    const steps = openSteps({ manifest, docs, texts: { starts, bytes }, chunks, facts, postings, metrics, vocabulary: vocabularyJson as string[] }, dir);
    for (;;) {
      const r = steps.next();
      if (r.done) return Object.assign(r.value, { shared });
      await breathe();
    }
  } catch (err) {
    if (err instanceof ContainerError) throw corrupt(dir, err.message);
    throw err;
  }
}
