/**
 * Rebuilding the index without stopping the bot. Building is CPU work (parsing, sentence splitting,
 * fact extraction, search indexes) that would block the event loop, and with it the gateway
 * heartbeat and every interaction's 3 s window; so it runs in a worker thread. When the worker
 * cannot be started (an unusual runtime), the build runs in this thread instead.
 */
import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { RegionbotError, type ErrorCode } from '../errors.js';
import { buildIndex, type BuildSummary } from '../index/build.js';
import { spawnWorker } from '../workers.js';
import type { WorkerJob, WorkerReport } from './reindex-worker.js';

export type IndexBuilder = (corpusDir: string, outDir: string) => Promise<BuildSummary>;

/** Start the build worker (a boot failure is reported as such, and the build falls back to this thread). */
function startBuilder(job: WorkerJob): Worker {
  return spawnWorker(import.meta.url, 'reindex-worker', (message) => ({ type: 'boot-failed', message }), { workerData: job });
}

type Report = WorkerReport | { type: 'boot-failed'; message: string };

/** Running workers, so that `terminateBuilds` can stop them on shutdown. */
const running = new Set<Worker>();

/** Stop every build worker still running (the index on disk is untouched: builds are atomic). */
export async function terminateBuilds(): Promise<void> {
  await Promise.all([...running].map((w) => w.terminate().catch(() => 0)));
}

/**
 * Build the index of `corpusDir` into `outDir` in a worker thread (falls back to this thread), with
 * the size limit the CLI's builds use (REGIONBOT_MAX_ARTICLE_MB), so that both index the same files.
 */
export function buildInWorker(logger: Logger, options: { maxArticleBytes?: number } = {}): IndexBuilder {
  const limit = options.maxArticleBytes !== undefined ? { maxArticleBytes: options.maxArticleBytes } : {};
  return (corpusDir, outDir) =>
    new Promise<BuildSummary>((resolve, reject) => {
      const fallback = (reason: unknown): void => {
        logger.warn({ err: reason }, 'index build worker could not run; building in the main thread');
        buildIndex(corpusDir, outDir, limit).then(resolve, reject);
      };
      let worker: Worker;
      try {
        worker = startBuilder({ corpusDir, outDir, ...limit });
      } catch (err) {
        fallback(err);
        return;
      }
      running.add(worker);
      let settled = false;
      worker.once('message', (report: Report) => {
        settled = true;
        if (report.type === 'done') {
          resolve(report.summary);
        } else if (report.type === 'failed') {
          const { code, message, hint } = report.error;
          reject(
            code
              ? new RegionbotError(code as ErrorCode, message, hint ? { hint } : {})
              : Object.assign(new Error(message), report.error.stack ? { stack: report.error.stack } : {}),
          );
        } else {
          fallback(new Error(report.message));
        }
      });
      worker.once('error', (err) => {
        if (settled) return;
        settled = true;
        fallback(err);
      });
      worker.once('exit', (code) => {
        running.delete(worker);
        if (settled) return;
        settled = true;
        reject(new Error(`the index build was stopped (worker exit code ${code})`));
      });
    });
}
