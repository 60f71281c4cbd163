/**
 * Reading the corpus folder: every .txt and .md article, with unreadable ones reported and skipped.
 * The reader stays inside the folder (symlinks that lead out of it are not followed), skips files
 * over a size limit, and reads byte-identical articles once.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { RegionbotError } from '../errors.js';
import type { SkippedFile } from './types.js';

export const ARTICLE_EXTENSIONS = /\.(?:txt|md)$/i;

export interface CorpusFile {
  name: string;
  sha256: string;
  bytes: number;
  /** Modification time (stat before reading), recorded in the manifest for the cheap staleness check. */
  mtimeMs?: number;
  text: string;
}

export interface CorpusListing {
  files: CorpusFile[];
  skipped: SkippedFile[];
}

/** Why a file's bytes are not an article, or null when they are readable text. */
export function unreadableReason(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'empty file';
  if (bytes.includes(0)) return 'not a text file (binary content)';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 0 && bad / text.length > 0.01) return 'not UTF-8 text';
  if (text.trim().length === 0) return 'empty file (only white space)';
  if (!/[A-Za-z\u4e00-\u9fff]{2,}/.test(text)) return 'no text in the file';
  return null;
}

/** Articles larger than this are skipped (news articles are kilobytes; megabytes are a dump or a mistake). */
export const DEFAULT_MAX_ARTICLE_BYTES = 4 * 1024 * 1024;

export interface ReadCorpusOptions {
  /** Skip files larger than this many bytes (default DEFAULT_MAX_ARTICLE_BYTES). */
  maxArticleBytes?: number;
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;
}

/** Files read at once while listing a corpus. */
const READ_CONCURRENCY = 32;

/** `fn` over `items` with at most `limit` running at once; results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** List and read the corpus. Files other than .txt/.md are ignored; broken ones are skipped with a reason. */
export async function readCorpus(dir: string, options: ReadCorpusOptions = {}): Promise<CorpusListing> {
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  let names: string[];
  let root: string;
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new RegionbotError('E_CORPUS', `corpus ${dir} is not a folder`);
    names = (await readdir(dir)).sort();
    root = await realpath(dir);
  } catch (err) {
    if (err instanceof RegionbotError) throw err;
    throw new RegionbotError('E_CORPUS', `cannot read the corpus folder ${dir} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, {
      hint: 'regionbot index --corpus DIR',
    });
  }
  type Entry = { skip: SkippedFile } | { file: CorpusFile } | null;
  /** One directory entry: an article read and hashed, a file skipped with its reason, or nothing (not an article). */
  const readEntry = async (name: string): Promise<Entry> => {
    if (name.startsWith('.')) return null;
    let path = join(dir, name);
    const link = await lstat(path).catch(() => null);
    if (link?.isSymbolicLink()) {
      // Follow a symlink only when it resolves to a file inside the corpus folder.
      const real = await realpath(path).catch(() => null);
      const rel = real === null ? null : relative(root, real);
      if (rel === null || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
        return ARTICLE_EXTENSIONS.test(name) ? { skip: { file: name, reason: real === null ? 'broken symlink (not followed)' : 'symlink to a file outside the corpus folder (not followed)' } } : null;
      }
      path = real!;
    }
    if (!ARTICLE_EXTENSIONS.test(name)) {
      const info = await stat(path).catch(() => null);
      return info?.isFile() ? { skip: { file: name, reason: 'not a .txt or .md file' } } : null;
    }
    let bytes: Buffer;
    let mtimeMs: number;
    try {
      const info = await stat(path);
      mtimeMs = info.mtimeMs;
      if (!info.isFile()) return { skip: { file: name, reason: 'not a regular file' } };
      if (info.size > maxBytes) {
        return { skip: { file: name, reason: `too large (${megabytes(info.size)}, the limit is ${megabytes(maxBytes)}; raise it with REGIONBOT_MAX_ARTICLE_MB)` } };
      }
      bytes = await readFile(path);
    } catch (err) {
      return { skip: { file: name, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` } };
    }
    const reason = unreadableReason(bytes);
    if (reason) return { skip: { file: name, reason } };
    return { file: { name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, mtimeMs, text: bytes.toString('utf8') } };
  };
  // Read many files at once (one at a time, a corpus of 17,000 files spent seconds waiting on the
  // disk), then decide in name order, so duplicates resolve as before.
  const entries = await mapConcurrently(names, READ_CONCURRENCY, readEntry);
  const files: CorpusFile[] = [];
  const skipped: SkippedFile[] = [];
  const byHash = new Map<string, string>();
  for (const entry of entries) {
    if (entry === null) continue;
    if ('skip' in entry) {
      skipped.push(entry.skip);
      continue;
    }
    const first = byHash.get(entry.file.sha256);
    if (first !== undefined) {
      skipped.push({ file: entry.file.name, reason: `identical to ${first} (the same bytes; indexed once, as ${first})` });
      continue;
    }
    byHash.set(entry.file.sha256, entry.file.name);
    files.push(entry.file);
  }
  return { files, skipped };
}

/** Fingerprint of the corpus: a hash over the sorted (name, content hash) pairs of its articles. */
export function fingerprint(files: { name: string; sha256: string }[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) h.update(`${f.name}\0${f.sha256}\n`);
  return h.digest('hex');
}
