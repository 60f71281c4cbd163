/**
 * Runs in a worker thread (see answerer.ts): holds the index its parent loaded (the binary files are
 * the parent's shared memory; the small JSON files are read again), answers questions and draws
 * charts, so the parent's event loop (the Discord gateway, every interaction's 3 s window) never
 * waits on either.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { isRegionbotError } from '../errors.js';
import { openShared, type LoadedIndex, type SharedFiles } from '../index/store.js';
import { renderChartPng, type ChartInput } from '../charts/chart.js';
import { answerQuestion } from '../qa/answer.js';
import type { Answer } from '../qa/types.js';

export type AnswerRequest =
  | { type: 'index'; generation: number; dir: string; builtAt: string; shared: SharedFiles }
  | { type: 'ask'; id: number; generation: number; question: string }
  | { type: 'chart'; id: number; input: ChartInput };

export type AnswerReply =
  | { type: 'ready'; generation: number }
  | { type: 'failed'; generation: number; message: string }
  | { type: 'answer'; id: number; answer: Answer }
  | { type: 'chart'; id: number; png: Uint8Array }
  | { type: 'error'; id: number; message: string; code?: string }
  | { type: 'boot-failed'; message: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const indexes = new Map<number, Promise<LoadedIndex>>();
  port.on('message', (req: AnswerRequest) => {
    if (req.type === 'index') {
      const opening = openShared(req.dir, req.builtAt, req.shared);
      indexes.set(req.generation, opening);
      // Keep the newest two: questions asked just before a swap still find theirs.
      for (const g of [...indexes.keys()]) if (g < req.generation - 1) indexes.delete(g);
      opening.then(
        () => port.postMessage({ type: 'ready', generation: req.generation } satisfies AnswerReply),
        (err: unknown) => port.postMessage({ type: 'failed', generation: req.generation, message: String((err as Error).message ?? err) } satisfies AnswerReply),
      );
      return;
    }
    if (req.type === 'chart') {
      renderChartPng(req.input).then(
        (png) => {
          const bytes = new Uint8Array(png.buffer, png.byteOffset, png.byteLength).slice();
          port.postMessage({ type: 'chart', id: req.id, png: bytes } satisfies AnswerReply, [bytes.buffer]);
        },
        (err: unknown) => port.postMessage({ type: 'error', id: req.id, message: String((err as Error).message ?? err) } satisfies AnswerReply),
      );
      return;
    }
    const index = indexes.get(req.generation);
    if (!index) {
      port.postMessage({ type: 'error', id: req.id, message: `no index ${req.generation} in the answer worker` } satisfies AnswerReply);
      return;
    }
    index.then(
      (ix) => port.postMessage({ type: 'answer', id: req.id, answer: answerQuestion(ix, req.question) } satisfies AnswerReply),
      (err: unknown) =>
        port.postMessage({ type: 'error', id: req.id, message: String((err as Error).message ?? err), ...(isRegionbotError(err) ? { code: err.code } : {}) } satisfies AnswerReply),
    );
  });
}
