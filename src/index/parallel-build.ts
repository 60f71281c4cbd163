/**
 * The build with file analysis (parse, split, chunk, regions, facts) in worker threads, and in this
 * thread whenever it would otherwise wait, while this thread adds the results, in corpus order, to
 * the search indexes: the same index data as `buildIndexData`, sooner on a machine with a spare core.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CorpusFile } from '../corpus/load.js';
import type { SkippedFile } from '../corpus/types.js';
import { IndexAssembler, analyzeFile, type BuildProgress, type FileAnalysis } from './build.js';
import type { AnalyzeJob, AnalyzeReply } from './build-worker.js';
import type { IndexData } from './store.js';
import { spawnWorker } from '../workers.js';

/** Below this many files, starting workers costs more than it saves. */
export const PARALLEL_MIN_FILES = 100;

/** Worker threads for a build: one per spare core, at most two (this thread is busy adding). */
export function defaultBuildWorkers(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}

/** Start an analysis worker (a boot failure is reported as a failed batch). */
function startAnalyzer(): Worker {
  return spawnWorker(import.meta.url, 'build-worker', (message) => ({ batch: -1, error: message }));
}

/** Batches each worker holds at once: one to work on and more queued, so it never waits for this thread. */
const WORKER_QUEUE = 3;

/**
 * `buildIndexData` with the files analysed by `workers` worker threads, `batchSize` files at a time,
 * and by this thread too: batches go to whichever worker has room in its queue; when the batch this
 * thread must add next is not back yet, it analyses the next batch nobody has taken (or that one, if
 * nobody has) instead of waiting. Analyses are added in corpus order, so the index is the same.
 */
export async function buildIndexDataParallel(
  files: CorpusFile[],
  skippedFiles: SkippedFile[],
  corpusDir: string,
  options: { workers?: number; batchSize?: number; onProgress?: (p: BuildProgress) => void } = {},
): Promise<IndexData> {
  const count = Math.max(1, options.workers ?? defaultBuildWorkers());
  const batchSize = Math.max(1, options.batchSize ?? 25);
  const batches: AnalyzeJob[] = [];
  for (let i = 0; i < files.length; i += batchSize) {
    batches.push({ batch: batches.length, files: files.slice(i, i + batchSize).map((f) => ({ name: f.name, text: f.text })) });
  }
  const done = new Map<number, FileAnalysis[]>();
  /** The first batch nobody has taken. */
  let untaken = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const workers: Worker[] = [];
  const queued: number[] = [];
  const feed = (w: number): void => {
    while (queued[w]! < WORKER_QUEUE && untaken < batches.length) {
      workers[w]!.postMessage(batches[untaken++]!);
      queued[w]!++;
    }
  };
  try {
    for (let w = 0; w < count; w++) {
      const worker = startAnalyzer();
      workers.push(worker);
      queued.push(0);
      worker.on('message', (r: AnalyzeReply) => {
        if ('error' in r) failure ??= new Error(`index build worker failed: ${r.error}`);
        else {
          done.set(r.batch, r.analyses);
          queued[w]!--;
          feed(w);
        }
        wake?.();
      });
      worker.on('error', (err) => {
        failure ??= err;
        wake?.();
      });
      worker.on('exit', (code) => {
        if (code !== 0) failure ??= new Error(`index build worker exited with code ${code}`);
        wake?.();
      });
      feed(w);
    }
    const index = new IndexAssembler(skippedFiles);
    let at = 0;
    for (const b of batches) {
      let analyses = done.get(b.batch);
      while (!analyses) {
        if (failure) throw failure;
        if (untaken < batches.length) {
          // Not back yet: analyse a batch here rather than wait (this one, if nobody has taken it).
          const job = batches[untaken++]!;
          done.set(job.batch, job.files.map(analyzeFile));
          // Let the workers' replies in (they are fed from their message handlers).
          await new Promise<void>((resolve) => setImmediate(resolve));
        } else {
          await new Promise<void>((resolve) => (wake = resolve));
        }
        analyses = done.get(b.batch);
      }
      done.delete(b.batch);
      for (const a of analyses) {
        options.onProgress?.({ done: at++, total: files.length, file: a.name });
        index.add(a);
      }
    }
    options.onProgress?.({ done: files.length, total: files.length, file: '' });
    return index.finish(files, corpusDir);
  } finally {
    await Promise.all(workers.map((w) => w.terminate().catch(() => 0)));
  }
}
