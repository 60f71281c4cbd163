/**
 * Where questions are answered. Reading a question is CPU work (tens of milliseconds at 100k
 * chunks, more on the first question while the code warms up); a bot must not spend that on the
 * thread that keeps its gateway alive and acknowledges interactions within Discord's 3 s. So the bot
 * answers in a worker thread that opens the same index: its binary files are shared memory, not
 * copies (see store.ts). Anything that cannot go to the worker (an index built in memory, a worker
 * that failed) is answered in this thread, with the same result.
 *
 * No platform here: the bot's edge chooses the worker; the CLI answers in its own thread.
 */
import type { Logger } from 'pino';
import type { Worker } from 'node:worker_threads';
import { RegionbotError, type ErrorCode } from '../errors.js';
import type { LoadedIndex } from '../index/store.js';
import { answerQuestion } from '../qa/answer.js';
import type { Answer } from '../qa/types.js';
import { renderChartPng, type ChartInput } from '../charts/chart.js';
import { spawnWorker } from '../workers.js';
import type { AnswerReply, AnswerRequest } from './answer-worker.js';

export interface Answerer {
  /** Answer `question` from `index`. */
  answer(index: LoadedIndex, question: string): Promise<Answer>;
  /** A chart as PNG (drawing one is ~80 ms of CPU, the first one more). */
  chart(input: ChartInput): Promise<Buffer>;
  /** Get ready to answer from `index` (a worker opens it now rather than on the first question). */
  prepare(index: LoadedIndex): void;
  close(): Promise<void>;
  /** How many answers came from the worker and how many from this thread. */
  counts(): { worker: number; here: number };
}

/** Answers in this thread (the CLI, tests). */
export function inThreadAnswerer(): Answerer {
  let here = 0;
  return {
    answer: async (index, question) => (here++, answerQuestion(index, question)),
    chart: (input) => renderChartPng(input),
    prepare: () => undefined,
    close: async () => undefined,
    counts: () => ({ worker: 0, here }),
  };
}

interface Pending {
  resolve: (a: Answer) => void;
  reject: (e: Error) => void;
  index: LoadedIndex;
  question: string;
}

interface PendingChart {
  resolve: (png: Buffer) => void;
  reject: (e: Error) => void;
  input: ChartInput;
}

/** Answers in a worker thread, falling back to this one for an index it cannot open. */
export function workerAnswerer(logger: Logger): Answerer {
  let worker: Worker | null = null;
  let broken = false;
  const generations = new WeakMap<LoadedIndex, number>();
  /** Generations the worker could not open (answered here instead). */
  const failed = new Set<number>();
  let nextGeneration = 1;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const charts = new Map<number, PendingChart>();
  const drawHere = (c: PendingChart): void => void renderChartPng(c.input).then(c.resolve, c.reject);
  const counted = { worker: 0, here: 0 };
  const here = (p: Pending): void => {
    counted.here++;
    try {
      p.resolve(answerQuestion(p.index, p.question));
    } catch (err) {
      p.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };

  /** Whatever the worker still owes is done here instead. */
  const takeBack = (): void => {
    const left = [...pending.values()];
    pending.clear();
    left.forEach(here);
    const drawing = [...charts.values()];
    charts.clear();
    drawing.forEach(drawHere);
  };

  const fail = (why: unknown): void => {
    if (broken) return;
    broken = true;
    logger.warn({ err: why }, 'the answer worker stopped; answering in the main thread');
    takeBack();
    void worker?.terminate().catch(() => 0);
    worker = null;
  };

  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      const w = spawnWorker(import.meta.url, 'answer-worker', (message) => ({ type: 'boot-failed', message }));
      w.unref();
      w.on('message', (reply: AnswerReply) => {
        if (reply.type === 'boot-failed') return fail(new Error(reply.message));
        if (reply.type === 'ready') return;
        if (reply.type === 'failed') {
          failed.add(reply.generation);
          logger.warn({ generation: reply.generation, reason: reply.message }, 'the answer worker could not open the index; answering it in the main thread');
          for (const [id, p] of pending) {
            if (generations.get(p.index) === reply.generation) {
              pending.delete(id);
              here(p);
            }
          }
          return;
        }
        const c = charts.get(reply.id);
        if (c) {
          charts.delete(reply.id);
          if (reply.type === 'chart') c.resolve(Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength));
          else c.reject(new Error(reply.type === 'error' ? reply.message : 'unexpected reply'));
          return;
        }
        const p = pending.get(reply.id);
        if (!p || reply.type === 'chart') return;
        pending.delete(reply.id);
        counted.worker++;
        if (reply.type === 'answer') p.resolve(reply.answer);
        else p.reject(reply.code ? new RegionbotError(reply.code as ErrorCode, reply.message) : new Error(reply.message));
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (code !== 0 || pending.size > 0 || charts.size > 0) fail(new Error(`answer worker exited with code ${code}`));
        worker = null;
      });
      worker = w;
    } catch (err) {
      fail(err);
    }
    return worker;
  };

  /** The worker's generation for `index`, opening it there first; null: answer here. */
  const generationOf = (index: LoadedIndex): number | null => {
    if (!index.shared) return null;
    let g = generations.get(index);
    if (g === undefined) {
      const w = start();
      if (!w) return null;
      g = nextGeneration++;
      generations.set(index, g);
      w.postMessage({ type: 'index', generation: g, dir: index.dir, builtAt: index.manifest.builtAt, shared: index.shared } satisfies AnswerRequest);
    }
    return failed.has(g) || broken ? null : g;
  };

  return {
    prepare: (index) => void generationOf(index),
    answer: (index, question) =>
      new Promise<Answer>((resolve, reject) => {
        const p: Pending = { resolve, reject, index, question };
        const g = generationOf(index);
        if (g === null || !worker) return here(p);
        const id = nextId++;
        pending.set(id, p);
        worker.postMessage({ type: 'ask', id, generation: g, question } satisfies AnswerRequest);
      }),
    chart: (input) =>
      new Promise<Buffer>((resolve, reject) => {
        const c: PendingChart = { resolve, reject, input };
        const w = start();
        if (!w) return drawHere(c);
        const id = nextId++;
        charts.set(id, c);
        w.postMessage({ type: 'chart', id, input } satisfies AnswerRequest);
      }),
    close: async () => {
      const w = worker;
      worker = null;
      broken = true;
      await w?.terminate().catch(() => 0);
      takeBack();
    },
    counts: () => ({ ...counted }),
  };
}
