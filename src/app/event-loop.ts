/**
 * How long the process's event loop was blocked: a diagnostic the bot writes when
 * REGIONBOT_EVENT_LOOP_REPORT names a file (the bench reads it). A blocked loop delays everything
 * at once: gateway heartbeats, every interaction's 3 s window, other users' answers.
 *
 * It uses perf_hooks.monitorEventLoopDelay with a 1 ms timer: the histogram holds the intervals
 * between the timer's turns, so an interval less the 1 ms resolution is how long the loop could not
 * run it. A second, coarser timer keeps when the blocks over BLOCK_MS happened (to tell which work
 * blocked), which the histogram cannot.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The goal of the performance issue: no block longer than this after login. */
export const BLOCK_MS = 50;
const RESOLUTION_MS = 1;
const WATCH_MS = 10;

export interface EventLoopReport {
  /** The longest time the event loop could not run a 1 ms timer, ms. */
  maxBlockMs: number;
  /** 99th percentile of the same delays, ms. */
  p99Ms: number;
  /** Turns of the 1 ms timer measured. */
  samples: number;
  /** When monitoring started (ISO time) and for how long, ms. */
  since: string;
  durationMs: number;
  /** The blocks longer than BLOCK_MS: ms after the start and their length (at most 20, longest kept). */
  blocks: { atMs: number; ms: number }[];
}

export interface EventLoopMonitor {
  report(): EventLoopReport;
  /** Write the report to the file now (atomically). */
  write(): void;
  /** Stop measuring and write the final report. Idempotent. */
  stop(): void;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Start measuring now; with `file`, the report is written there every `writeEveryMs` and on stop(). */
export function monitorEventLoop(opts: { file?: string; writeEveryMs?: number } = {}): EventLoopMonitor {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const started = performance.now();
  const since = new Date().toISOString();
  let ended: number | null = null;
  const blocks: { atMs: number; ms: number }[] = [];
  let expected = performance.now() + WATCH_MS;
  const watch = setInterval(() => {
    const now = performance.now();
    const late = now - expected;
    expected = now + WATCH_MS;
    if (late > BLOCK_MS) {
      blocks.push({ atMs: Math.round(now - late - started), ms: round(late) });
      if (blocks.length > 20) blocks.splice(blocks.indexOf(blocks.reduce((a, b) => (b.ms < a.ms ? b : a))), 1);
    }
  }, WATCH_MS);
  watch.unref();
  const report = (): EventLoopReport => {
    const count = histogram.count;
    const ms = (ns: number): number => (count === 0 ? 0 : round(Math.max(0, ns / 1e6 - RESOLUTION_MS)));
    return {
      maxBlockMs: ms(histogram.max),
      p99Ms: ms(histogram.percentile(99)),
      samples: count,
      since,
      durationMs: Math.round((ended ?? performance.now()) - started),
      blocks: [...blocks],
    };
  };
  const write = (): void => {
    if (!opts.file) return;
    const tmp = `${opts.file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(report()) + '\n');
    renameSync(tmp, opts.file);
  };
  const writer = opts.file ? setInterval(write, opts.writeEveryMs ?? 5000) : undefined;
  writer?.unref();
  let stopped = false;
  return {
    report,
    write,
    stop() {
      if (stopped) return;
      stopped = true;
      ended = performance.now();
      clearInterval(watch);
      clearInterval(writer);
      histogram.disable();
      write();
    },
  };
}
