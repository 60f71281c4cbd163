/**
 * The benchmark's measuring child (run by bench/run.ts as
 * `node --expose-gc --import tsx bench/measure.ts INDEX_DIR QUESTIONS_JSON REPS`): loads the index in
 * a fresh process, measures what it retains after a forced GC, then times `answerQuestion` and the
 * reference BM25 over the same chunk texts, interleaved, and the `/metric` autocompletes (the
 * functions the Discord handler calls) over many typed prefixes, and prints one JSON object.
 */
import { readFile } from 'node:fs/promises';
import { indexRegions, regionChoices } from '../src/app/choices.js';
import { loadIndex, type LoadedIndex } from '../src/index/store.js';
import { answerQuestion } from '../src/qa/answer.js';
import { suggestMetrics } from '../src/qa/metrics.js';
import { Bm25 } from './lib/bm25.js';
import type { BenchQuestion } from './lib/questions.js';
import { latency, median, type AutocompleteLatency, type Latency } from './lib/stats.js';

export interface MeasureResult {
  loadMs: number;
  /** Memory (V8 heap + external, which includes array buffers) the loaded index holds after a forced GC, MB. */
  retainedMB: number;
  rssMB: number;
  answer: Latency;
  bm25: Latency;
  bm25BuildMs: number;
  byKind: Record<string, Latency>;
  slowest: { question: string; kind: string; medianMs: number }[];
  answered: number;
  questions: number;
  /** `/metric` autocomplete per keystroke: the region option (regionChoices) and the name option (suggestMetrics). */
  autocomplete: { region: AutocompleteLatency; metric: AutocompleteLatency };
}

const BM25_REPEAT = 10;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const [indexDir, questionsFile, repsArg] = process.argv.slice(2);
if (!indexDir || !questionsFile) throw new Error('usage: measure.ts INDEX_DIR QUESTIONS_JSON [REPS]');
const reps = Number(repsArg ?? 3);
const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as BenchQuestion[];

/**
 * V8 heap + external memory. `external` includes ordinary ArrayBuffers (and `arrayBuffers` counts
 * them again, so adding both counted them twice), but not SharedArrayBuffers, which only
 * `arrayBuffers` counts: the index's files are shared memory, so their bytes are added explicitly.
 */
const heap = (sharedBytes = 0): number => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + sharedBytes;
};
const mb = (b: number): number => Math.round((b / 2 ** 20) * 10) / 10;

const before = heap();
const t0 = performance.now();
const index = await loadIndex(indexDir);
const loadMs = performance.now() - t0;
const sharedBytes = Object.values(index.shared ?? {}).reduce((n, b) => n + (b.buffer instanceof SharedArrayBuffer ? b.buffer.byteLength : 0), 0);
const retainedMB = mb(heap(sharedBytes) - before);
const rssMB = mb(process.memoryUsage().rss);

const t1 = performance.now();
const bm25 = new Bm25([...index.chunks].map((c) => c.text));
const bm25BuildMs = performance.now() - t1;

async function ask(q: string): Promise<boolean> {
  // answerQuestion is a black box here; it may become async.
  const r: unknown = answerQuestion(index, q);
  const a = (r instanceof Promise ? await r : r) as { answered?: boolean };
  return a.answered === true;
}

// Warm up (JIT, caches) once per question, and count the answered ones.
let answered = 0;
for (const { question } of questions) {
  if (await ask(question)) answered++;
  bm25.search(question);
}
const answerMs: number[] = [];
const bm25Ms: number[] = [];
const perQuestion = new Map<string, number[]>();
for (let r = 0; r < reps; r++) {
  for (const { question } of questions) {
    let s = performance.now();
    await ask(question);
    const a = performance.now() - s;
    answerMs.push(a);
    perQuestion.set(question, [...(perQuestion.get(question) ?? []), a]);
    // The reference is cheap: time it BM25_REPEAT times per answer, for a steadier p99.
    for (let k = 0; k < BM25_REPEAT; k++) {
      s = performance.now();
      bm25.search(question);
      bm25Ms.push(performance.now() - s);
    }
  }
}
const byKind: Record<string, Latency> = {};
for (const kind of [...new Set(questions.map((q) => q.kind))]) {
  byKind[kind] = latency(questions.filter((q) => q.kind === kind).flatMap((q) => perQuestion.get(q.question) ?? []));
}
const slowest = questions
  .map((q) => ({ question: q.question, kind: q.kind, medianMs: Math.round(median(perQuestion.get(q.question) ?? []) * 10) / 10 }))
  .sort((a, b) => b.medianMs - a.medianMs)
  .slice(0, 5);

/**
 * Times `choices(index, typed)` for every typed string, AUTOCOMPLETE_ROUNDS times (after the first
 * call, timed alone). The typed strings are what users type: the first 1 to 4 letters of names,
 * whole names, nothing, and strings that match nothing.
 */
const AUTOCOMPLETE_ROUNDS = 5;
function timeAutocomplete(names: readonly string[], choices: (index: LoadedIndex, typed: string) => unknown): AutocompleteLatency {
  const typed = new Set<string>(['', 'zzq', 'xx yy']);
  for (const name of names) {
    for (let k = 1; k <= Math.min(4, name.length); k++) typed.add(name.slice(0, k));
    typed.add(name.toLowerCase());
  }
  const list = [...typed];
  let s = performance.now();
  choices(index, list[0]!);
  const firstMs = performance.now() - s;
  const ms: number[] = [];
  for (let r = 0; r < AUTOCOMPLETE_ROUNDS; r++) {
    for (const t of list) {
      s = performance.now();
      choices(index, t);
      ms.push(performance.now() - s);
    }
  }
  return { ...latency(ms), firstMs: Math.round(firstMs * 1000) / 1000, typed: list.length };
}
// The region table is built on the first call: time that call before reading the names from it.
const regionFirst = performance.now();
regionChoices(index, '');
const regionFirstMs = performance.now() - regionFirst;
const regionAutocomplete = { ...timeAutocomplete(indexRegions(index).map((r) => r.name), regionChoices), firstMs: Math.round(regionFirstMs * 1000) / 1000 };
const metricAutocomplete = timeAutocomplete(
  index.metrics.slice(0, 300).map((m) => m.name),
  (ix, t) => suggestMetrics(ix, t),
);

const result: MeasureResult = {
  loadMs: Math.round(loadMs),
  retainedMB,
  rssMB,
  answer: latency(answerMs),
  bm25: latency(bm25Ms),
  bm25BuildMs: Math.round(bm25BuildMs),
  byKind,
  slowest,
  answered,
  questions: questions.length,
  autocomplete: { region: regionAutocomplete, metric: metricAutocomplete },
};
process.stdout.write(JSON.stringify(result) + '\n');
