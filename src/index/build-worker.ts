/**
 * Runs in a worker thread (see parallel-build.ts): analyses batches of corpus files (parse, split,
 * chunk, find regions, extract facts) and posts the analyses back, in the order asked.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { analyzeFile, type FileAnalysis } from './build.js';

export interface AnalyzeJob {
  batch: number;
  files: { name: string; text: string }[];
}

export type AnalyzeReply = { batch: number; analyses: FileAnalysis[] } | { batch: number; error: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (job: AnalyzeJob) => {
    try {
      port.postMessage({ batch: job.batch, analyses: job.files.map(analyzeFile) } satisfies AnalyzeReply);
    } catch (err) {
      port.postMessage({ batch: job.batch, error: String((err as Error).stack ?? err) } satisfies AnalyzeReply);
    }
  });
}
