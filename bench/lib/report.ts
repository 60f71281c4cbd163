/**
 * Benchmark results: one record per corpus size, kept in bench/results/latest.json (the previous
 * record of each size moves to previous.json), and printed as a markdown table with the change
 * against the previous run of the same size.
 */
import type { AutocompleteLatency, Latency } from './stats.js';

/** What the bot reports of its event loop (REGIONBOT_EVENT_LOOP_REPORT; src/app/event-loop.ts). */
export interface BotEventLoop {
  maxBlockMs: number;
  p99Ms: number;
  samples: number;
  durationMs: number;
  blocks: { atMs: number; ms: number }[];
  /** The /reindex sent after the first answer: time to its reply, and whether it rebuilt. */
  reindex: { ms: number; ok: boolean } | null;
  /** When the bench's requests happened, ms after the monitor started (to tell what a block was). */
  marks?: Record<string, number>;
}

export interface SizeResult {
  size: string;
  targetChunks: number;
  runAt: string;
  commit: string;
  node: string;
  cpus: number;
  corpus: { articles: number; chunks: number; facts: number; sourceArticles: number; sourceSentences: number };
  build: { seconds: number; chunksPerSecond: number };
  index: { bytes: number };
  load: { ms: number; retainedMB: number; rssMB: number };
  questions: { count: number; answered: number; reps: number };
  answer: Latency;
  bm25: Latency;
  /** regionbot answer p99 / BM25 p99. */
  ratioP99: number;
  byKind: Record<string, Latency>;
  slowest: { question: string; kind: string; medianMs: number }[];
  coldStart: {
    /** `node bin/regionbot.js ask --index DIR "q"`: spawn to exit. */
    ask: { medianMs: number; minMs: number; runs: number; entry: string } | null;
    /** `node bin/regionbot.js serve` against the local Discord stand-in: spawn to the first answer. */
    bot: { medianMs: number; minMs: number; runs: number; entry: string } | null;
  };
  /** `/metric` autocomplete per keystroke (bench/measure.ts). Absent in records of older runs. */
  autocomplete?: { region: AutocompleteLatency; metric: AutocompleteLatency };
  /**
   * The bot's event loop from login until after the reply to a /reindex sent after the first answer
   * (the first bot cold start). Null when the bot was not started; absent in records of older runs.
   */
  eventLoop?: BotEventLoop | null;
}

export type Results = Record<string, SizeResult>;

/** Sizes by name: 1k, 10k, 100k chunks. */
export const SIZES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000 };

/** Merge a run into the stored results: the new records replace `latest`, the ones they replace go to `previous`. */
export function mergeResults(latest: Results, previous: Results, run: SizeResult[]): { latest: Results; previous: Results } {
  const nextLatest = { ...latest };
  const nextPrevious = { ...previous };
  for (const r of run) {
    const old = latest[r.size];
    if (old) nextPrevious[r.size] = old;
    nextLatest[r.size] = r;
  }
  return { latest: nextLatest, previous: nextPrevious };
}

interface Row {
  label: string;
  value: (r: SizeResult) => number | null | undefined;
  format: (v: number) => string;
  /** Whether a larger value is better (for the sign of the change). */
  higherIsBetter?: boolean;
  goal?: string;
}

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const int = (v: number): string => Math.round(v).toLocaleString('en-US');
const mbytes = (v: number): string => (v / 2 ** 20).toFixed(1);

export const ROWS: Row[] = [
  { label: 'articles', value: (r) => r.corpus.articles, format: int },
  { label: 'chunks', value: (r) => r.corpus.chunks, format: int },
  { label: 'facts', value: (r) => r.corpus.facts, format: int },
  { label: 'build, chunks/s', value: (r) => r.build.chunksPerSecond, format: int, higherIsBetter: true, goal: '>= 20,000' },
  { label: 'build, s', value: (r) => r.build.seconds, format: (v) => v.toFixed(1) },
  { label: 'index on disk, MB', value: (r) => r.index.bytes, format: mbytes, goal: '<= 100 (100k)' },
  { label: 'load, ms', value: (r) => r.load.ms, format: int },
  { label: 'retained after GC, MB', value: (r) => r.load.retainedMB, format: (v) => v.toFixed(1), goal: '<= 150 (100k)' },
  { label: 'answer p50, ms', value: (r) => r.answer.p50, format: ms },
  { label: 'answer p95, ms', value: (r) => r.answer.p95, format: ms },
  { label: 'answer p99, ms', value: (r) => r.answer.p99, format: ms },
  { label: 'BM25 p50, ms', value: (r) => r.bm25.p50, format: ms },
  { label: 'BM25 p99, ms', value: (r) => r.bm25.p99, format: ms },
  { label: 'answer p50 / BM25 p50', value: (r) => r.answer.p50 / r.bm25.p50, format: (v) => `${v.toFixed(0)}x` },
  { label: 'answer p99 / BM25 p99', value: (r) => r.ratioP99, format: (v) => `${v.toFixed(1)}x`, goal: '<= 10x' },
  { label: 'cold start ask, ms', value: (r) => r.coldStart.ask?.medianMs, format: int, goal: '<= 1,500' },
  { label: 'cold start bot, ms', value: (r) => r.coldStart.bot?.medianMs, format: int, goal: '<= 2,000' },
  { label: 'event loop max block after login, ms', value: (r) => r.eventLoop?.maxBlockMs, format: ms, goal: '<= 50' },
  { label: 'event loop p99 after login, ms', value: (r) => r.eventLoop?.p99Ms, format: ms },
  { label: '/reindex reply, s', value: (r) => (r.eventLoop?.reindex?.ok ? r.eventLoop.reindex.ms / 1000 : null), format: (v) => v.toFixed(1) },
  { label: 'region autocomplete p99, ms', value: (r) => r.autocomplete?.region.p99, format: ms, goal: '< 5' },
  { label: 'metric autocomplete p99, ms', value: (r) => r.autocomplete?.metric.p99, format: ms },
  { label: 'answered / questions', value: (r) => (r.questions.count ? r.questions.answered / r.questions.count : null), format: (v) => `${Math.round(v * 100)}%`, higherIsBetter: true },
];

/** "+12%" / "-3%" (the change from `before` to `now`), or '' when there is nothing to compare. */
export function change(before: number | null | undefined, now: number | null | undefined): string {
  if (before === null || before === undefined || now === null || now === undefined || !Number.isFinite(before) || before === 0) return '';
  const pct = ((now - before) / Math.abs(before)) * 100;
  if (Math.abs(pct) < 0.5) return '±0%';
  return `${pct > 0 ? '+' : '-'}${Math.abs(pct).toFixed(0)}%`;
}

function orderedSizes(results: Results): string[] {
  return Object.keys(results).sort((a, b) => (results[a]!.targetChunks ?? 0) - (results[b]!.targetChunks ?? 0));
}

/** The results as a markdown table: one column per size, each value with its change from the previous run. */
export function markdownTable(latest: Results, previous: Results = {}): string {
  const sizes = orderedSizes(latest);
  const head = `| | ${sizes.map((s) => `${s} chunks`).join(' | ')} | goal |`;
  const rule = `|---|${sizes.map(() => '---:').join('|')}|---|`;
  const lines = ROWS.map((row) => {
    const cells = sizes.map((s) => {
      const v = row.value(latest[s]!);
      if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
      const p = previous[s];
      const d = p ? change(row.value(p), v) : '';
      return d ? `${row.format(v)} (${d})` : row.format(v);
    });
    return `| ${row.label} | ${cells.join(' | ')} | ${row.goal ?? ''} |`;
  });
  const runs = sizes.map((s) => `${s}: ${latest[s]!.runAt} at ${latest[s]!.commit}`).join('; ');
  return [head, rule, ...lines, '', `Runs: ${runs}. Changes in brackets are against the previous run of the same size.`].join('\n');
}
