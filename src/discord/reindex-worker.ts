/**
 * Runs in a child process (see rebuild.ts): builds the index so that the bot keeps answering Discord
 * while the corpus is parsed and indexed. A process, not a thread: a 100k-chunk build allocates
 * gigabytes, and giving them back at the end must not stall the bot (threads share one address
 * space; the bot's own page faults waited on the build's unmapping for up to ~130 ms). Says it is
 * ready, takes one job message, reports one message, and exits.
 */
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

async function run(job: WorkerJob): Promise<WorkerReport> {
  try {
    const summary = await buildIndex(job.corpusDir, job.outDir, job.maxArticleBytes !== undefined ? { maxArticleBytes: job.maxArticleBytes } : {});
    return { type: 'done', summary };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    return {
      type: 'failed',
      error: {
        message: e.message,
        ...(isRegionbotError(err) ? { code: err.code, ...(err.hint ? { hint: err.hint } : {}) } : {}),
        ...(e.stack ? { stack: e.stack } : {}),
      },
    };
  }
}

if (process.send) {
  const send = process.send.bind(process);
  process.once('message', (job: WorkerJob) => {
    void run(job).then((report) => send(report, () => process.disconnect()));
  });
  // Loaded and listening: the parent sends the job only now (a message sent earlier could be lost).
  send({ type: 'ready' });
  // The parent went away (the bot stopped): nothing is left to build for.
  process.once('disconnect', () => process.exit(0));
}
