/**
 * Runs in a worker thread (see rebuild.ts): builds the index so that the bot's own thread keeps
 * answering Discord while the corpus is parsed and indexed. Reports one message and exits.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isRegionbotError } from '../errors.js';
import { buildIndex } from '../index/build.js';

export interface WorkerJob {
  corpusDir: string;
  outDir: string;
  /** REGIONBOT_MAX_ARTICLE_MB in bytes (as the CLI's builds use it). */
  maxArticleBytes?: number;
}

export type WorkerReport =
  | { type: 'done'; summary: Awaited<ReturnType<typeof buildIndex>> }
  | { type: 'failed'; error: { code?: string; message: string; hint?: string; stack?: string } };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const job = workerData as WorkerJob;
  try {
    const summary = await buildIndex(job.corpusDir, job.outDir, job.maxArticleBytes !== undefined ? { maxArticleBytes: job.maxArticleBytes } : {});
    port.postMessage({ type: 'done', summary } satisfies WorkerReport);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({
      type: 'failed',
      error: {
        message: e.message,
        ...(isRegionbotError(err) ? { code: err.code, ...(err.hint ? { hint: err.hint } : {}) } : {}),
        ...(e.stack ? { stack: e.stack } : {}),
      },
    } satisfies WorkerReport);
  }
}
