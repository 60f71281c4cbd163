/**
 * Is the index current with its corpus folder? Answered cheaply, as make and rsync do: list the
 * folder and `stat` each article; a file whose size and modification time are the ones the manifest
 * recorded is taken to be unchanged and is not read. Only the other files (new ones, ones whose size
 * or time differ, and files the last build skipped) are read and hashed, and a file counts as
 * changed only when its content hash differs: touching a file does not make the index stale.
 *
 * The decision for each file is readCorpus's (src/corpus/load.ts): the same extensions, hidden
 * files, symlinks that must stay inside the folder, size limit, unreadable files and byte-identical
 * copies (the first name in order is the article). So the set of articles found here is the set a
 * rebuild would index, and the index is stale exactly when that set or a content hash differs. One
 * exception: an article the build recorded that is over the size limit but unchanged stays an
 * article (the index was built with a larger REGIONBOT_MAX_ARTICLE_MB, which this check is not
 * told); otherwise raising the limit would make every start rebuild.
 *
 * Manifests written before `mtimeMs` was recorded have no times: every article is then hashed, as
 * before (correct, only slower), until the next build records them.
 *
 * Speed: 17,800 files take about 0.1 s. The per-file calls are synchronous (a `stat` is a few
 * microseconds; 17,800 promises through the thread pool took 0.4-0.9 s) in slices of at most
 * SLICE_MS, with a turn of the event loop between slices, so that the check never blocks the
 * process for long even when it runs beside a connected bot.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { isAbsolute, join, relative } from 'node:path';
import { ARTICLE_EXTENSIONS, DEFAULT_MAX_ARTICLE_BYTES, unreadableReason } from '../corpus/load.js';
import { RegionbotError } from '../errors.js';

/** What the manifest recorded of one indexed article. */
export interface RecordedFile {
  name: string;
  sha256: string;
  bytes: number;
  /** Modification time when the build read the file (absent in manifests of older versions). */
  mtimeMs?: number | undefined;
}

export interface CorpusChanges {
  added: string[];
  removed: string[];
  changed: string[];
  /** Pairs of a removed and an added name with the same content (also counted in neither list). */
  renamed: { from: string; to: string }[];
  /** The files that were read and hashed (their size or time differed, or they were not indexed). */
  hashed: string[];
}

export interface FreshnessOptions {
  /** The build's size limit (default DEFAULT_MAX_ARTICLE_BYTES): larger files are not articles. */
  maxArticleBytes?: number;
}

/** A corpus entry that is an article candidate: its path (a symlink resolved) and its stat. */
interface Entry {
  name: string;
  size: number;
  mtimeMs: number;
  path: string;
}

/** The longest stretch of synchronous file calls before the event loop gets a turn. */
const SLICE_MS = 10;

/** `fn` over every item, yielding to the event loop every SLICE_MS. */
async function sliced<T, R>(items: readonly T[], fn: (item: T) => R): Promise<R[]> {
  const out: R[] = [];
  let start = performance.now();
  for (const item of items) {
    out.push(fn(item));
    if (performance.now() - start > SLICE_MS) {
      await yieldToLoop();
      start = performance.now();
    }
  }
  return out;
}

function corpusError(dir: string, err: unknown): RegionbotError {
  if (err instanceof RegionbotError) return err;
  return new RegionbotError('E_CORPUS', `cannot read the corpus folder ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, {
    hint: 'regionbot index --corpus DIR',
  });
}

/** The .txt/.md files of the folder that are regular files within the limit, sorted by name (as readCorpus). */
async function listArticles(dir: string, maxBytes: number, unchanged: (name: string, size: number, mtimeMs: number) => boolean): Promise<Entry[]> {
  let names: { name: string; link: boolean }[];
  let root: string;
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new RegionbotError('E_CORPUS', `corpus ${dir} is not a folder`);
    const dirents = await readdir(dir, { withFileTypes: true });
    names = dirents
      .filter((d) => !d.name.startsWith('.') && ARTICLE_EXTENSIONS.test(d.name))
      .map((d) => ({ name: d.name, link: d.isSymbolicLink() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    root = await realpath(dir);
  } catch (err) {
    throw corpusError(dir, err);
  }
  const entries = await sliced(names, ({ name, link }): Entry | null => {
    let path = join(dir, name);
    if (link) {
      // Followed only when it resolves to a file inside the corpus folder (else readCorpus skips it).
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return null;
      }
      const rel = relative(root, real);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
      path = real;
    }
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info?.isFile()) return null;
    // Over the limit: not an article, unless it is one the manifest recorded as it is now (built
    // with a larger REGIONBOT_MAX_ARTICLE_MB, which the check does not know): a changed setting
    // is not a changed corpus, and must not make every start rebuild.
    if (info.size > maxBytes && !unchanged(name, info.size, info.mtimeMs)) return null;
    return { name, size: info.size, mtimeMs: info.mtimeMs, path };
  });
  return entries.filter((e): e is Entry => e !== null);
}

/** The content hash of a file that readCorpus would index, or null when it would skip it. */
function articleHash(path: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  if (unreadableReason(bytes) !== null) return null;
  return createHash('sha256').update(bytes).digest('hex');
}

/** How the corpus folder differs from the articles the manifest recorded. */
export async function corpusChanges(recorded: readonly RecordedFile[], corpusDir: string, options: FreshnessOptions = {}): Promise<CorpusChanges> {
  const before = new Map(recorded.map((f) => [f.name, f]));
  /** The file is as the build read it (same size and modification time). */
  const unchanged = (name: string, size: number, mtimeMs: number): boolean => {
    const known = before.get(name);
    return known !== undefined && known.mtimeMs !== undefined && known.bytes === size && known.mtimeMs === mtimeMs;
  };
  const entries = await listArticles(corpusDir, options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES, unchanged);
  const hashed: string[] = [];
  const hashes = await sliced(entries, (e): string | null => {
    if (unchanged(e.name, e.size, e.mtimeMs)) return before.get(e.name)!.sha256;
    hashed.push(e.name);
    return articleHash(e.path);
  });
  // Byte-identical copies: the first name in order is the article, the others are skipped.
  const now = new Map<string, string>();
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const sha = hashes[i];
    if (sha === null || sha === undefined || seen.has(sha)) return;
    seen.add(sha);
    now.set(e.name, sha);
  });
  const added = [...now.keys()].filter((n) => !before.has(n));
  const removed = [...before.keys()].filter((n) => !now.has(n));
  const changed = [...now.keys()].filter((n) => before.has(n) && before.get(n)!.sha256 !== now.get(n));
  // A removed name whose content reappears under an added name was renamed.
  const removedByHash = new Map(removed.map((n) => [before.get(n)!.sha256, n]));
  const renamed: { from: string; to: string }[] = [];
  for (const to of added) {
    const from = removedByHash.get(now.get(to)!);
    if (from === undefined) continue;
    removedByHash.delete(now.get(to)!);
    renamed.push({ from, to });
  }
  const renamedFrom = new Set(renamed.map((r) => r.from));
  const renamedTo = new Set(renamed.map((r) => r.to));
  return {
    added: added.filter((n) => !renamedTo.has(n)),
    removed: removed.filter((n) => !renamedFrom.has(n)),
    changed,
    renamed,
    hashed,
  };
}

/** "the corpus has changed since the index was built (1 added, 2 changed)", or null when nothing changed. */
export function describeChanges(c: CorpusChanges): string | null {
  const parts = [
    c.added.length ? `${c.added.length} added` : '',
    c.removed.length ? `${c.removed.length} removed` : '',
    c.changed.length ? `${c.changed.length} changed` : '',
    c.renamed.length ? `${c.renamed.length} renamed` : '',
  ].filter(Boolean);
  return parts.length === 0 ? null : `the corpus has changed since the index was built (${parts.join(', ')})`;
}
