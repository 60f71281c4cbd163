/**
 * The index lifecycle, one policy for every edge (the CLI's `start`/`serve` and the bot): an index
 * that is missing, of another version or lexicon, or stale against its corpus folder is rebuilt
 * before anything answers from it; a current one is used as it is.
 *
 * No platform here: the edges pass how to build and where to report.
 */
import { isRegionbotError } from '../errors.js';
import { checkIndexTarget, readManifest, staleReason } from '../index/store.js';

export interface IndexStatus {
  /** Null when the index is current; else why it must be rebuilt. */
  rebuildBecause: string | null;
}

/** Is the index in `indexDir` usable for the corpus in `corpusDir`? */
export async function indexStatus(indexDir: string, corpusDir: string): Promise<IndexStatus> {
  try {
    const manifest = await readManifest(indexDir);
    return { rebuildBecause: await staleReason(manifest, corpusDir) };
  } catch (err) {
    if (!isRegionbotError(err)) throw err;
    return { rebuildBecause: err.message.replace(/^regionbot: /, '') };
  }
}

export interface EnsureOptions<S> {
  indexDir: string;
  corpusDir: string;
  /** Build the index (the CLI builds in process, the bot in a worker thread). */
  build: (corpusDir: string, indexDir: string) => Promise<S>;
  /** Told before a rebuild, with the reason. */
  onRebuild?: (reason: string) => void;
}

/** Rebuild the index when it must be; returns the build's summary, or null when the index was current. */
export async function ensureFreshIndex<S>(opts: EnsureOptions<S>): Promise<S | null> {
  const { rebuildBecause } = await indexStatus(opts.indexDir, opts.corpusDir);
  if (rebuildBecause === null) return null;
  // Never write over a folder that is not an index (checked again under the build's lock).
  await checkIndexTarget(opts.indexDir);
  opts.onRebuild?.(rebuildBecause);
  return opts.build(opts.corpusDir, opts.indexDir);
}
