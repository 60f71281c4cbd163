/**
 * Rebuilding the index without stopping the bot. Building is CPU work (parsing, sentence splitting,
 * fact extraction, search indexes) that would block the event loop, and with it the gateway
 * heartbeat and every interaction's 3 s window; so it runs in a child process (see
 * reindex-worker.ts for why not a thread). When the process cannot be started (an unusual runtime),
 * the build runs in this thread instead.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { RegionbotError, type ErrorCode } from '../errors.js';
import { buildIndex, type BuildSummary } from '../index/build.js';
import { siblingModule } from '../workers.js';
import type { WorkerJob, WorkerReport } from './reindex-worker.js';

export type IndexBuilder = (corpusDir: string, outDir: string) => Promise<BuildSummary>;

/** Start the build process: the compiled .js directly, a .ts source through tsx. */
function startBuilder(): ChildProcess {
  const { url, ts } = siblingModule(import.meta.url, 'reindex-worker');
  return fork(fileURLToPath(url), [], { execArgv: ts ? ['--import', 'tsx'] : [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
}

/** Running builds, so that `terminateBuilds` can stop them on shutdown. */
const running = new Set<ChildProcess>();

/** Stop every build still running (the index on disk is untouched: builds are atomic). */
export async function terminateBuilds(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * Build the index of `corpusDir` into `outDir` in a child process (falls back to this thread), with
 * the size limit the CLI's builds use (REGIONBOT_MAX_ARTICLE_MB), so that both index the same files.
 */
export function buildInBackground(logger: Logger, options: { maxArticleBytes?: number } = {}): IndexBuilder {
  const limit = options.maxArticleBytes !== undefined ? { maxArticleBytes: options.maxArticleBytes } : {};
  return (corpusDir, outDir) =>
    new Promise<BuildSummary>((resolve, reject) => {
      const fallback = (reason: unknown): void => {
        logger.warn({ err: reason }, 'the index build process could not start; building in the main thread');
        buildIndex(corpusDir, outDir, limit).then(resolve, reject);
      };
      let child: ChildProcess;
      try {
        child = startBuilder();
      } catch (err) {
        fallback(err);
        return;
      }
      running.add(child);
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      let started = false;
      let settled = false;
      child.on('message', (report: WorkerReport | { type: 'ready' }) => {
        if (report.type === 'ready') {
          started = true;
          child.send({ corpusDir, outDir, ...limit } satisfies WorkerJob);
          return;
        }
        settled = true;
        if (report.type === 'done') {
          resolve(report.summary);
        } else {
          const { code, message, hint } = report.error;
          reject(
            code
              ? new RegionbotError(code as ErrorCode, message, hint ? { hint } : {})
              : Object.assign(new Error(message), report.error.stack ? { stack: report.error.stack } : {}),
          );
        }
      });
      child.once('error', (err) => {
        if (settled) return;
        settled = true;
        if (started) reject(err);
        else fallback(err);
      });
      child.once('exit', (code, signal) => {
        running.delete(child);
        if (settled) return;
        settled = true;
        // A process that never got to the build (it could not load) leaves the build to this thread.
        if (!started) fallback(new Error(`the build process exited before starting (${signal ?? `code ${code}`}): ${stderr.trim().split('\n').pop() ?? ''}`));
        else reject(new Error(`the index build was stopped (${signal ?? `exit code ${code}`})`));
      });
    });
}
