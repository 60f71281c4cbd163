/**
 * Benchmark: builds an index over a synthetic corpus made by recombining the bundled articles'
 * sentences with other regions and years (BENCH_ARTICLES articles, default 2000), then measures
 * build time, load time, memory, and answer latency (median and p99) over a set of questions.
 */
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gazetteer } from '../src/corpus/gazetteer.js';
import { buildIndex } from '../src/index/build.js';
import { loadIndex } from '../src/index/store.js';
import { answerQuestion } from '../src/qa/answer.js';

const N = Number(process.env.BENCH_ARTICLES ?? 2000);
const root = new URL('../', import.meta.url).pathname;
const work = await mkdtemp(join(tmpdir(), 'regionbot-bench-'));
const corpus = join(work, 'corpus');
await mkdir(corpus);

const sources = await Promise.all((await readdir(join(root, 'corpus'))).map((f) => readFile(join(root, 'corpus', f), 'utf8')));
const cities = gazetteer().all.filter((r) => r.level !== 'county').map((r) => r.name);
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < N; i++) {
  const src = sources[i % sources.length]!;
  const region = cities[Math.floor(rand() * cities.length)]!;
  const year = 2015 + Math.floor(rand() * 10);
  const text = src
    .replace(/Jilin|Changchun|Jiangyin/g, region)
    .replace(/20(1[5-9]|2[0-4])/g, () => String(year))
    .replace(/\d+(?:\.\d+)?(?=%| billion| places| times)/g, (m) => String(Math.round(Number(m) * (0.5 + rand()) * 100) / 100));
  await writeFile(join(corpus, `${String(i).padStart(5, '0')}_bench.txt`), text);
}

const t0 = performance.now();
const summary = await buildIndex(corpus, join(work, 'index'));
const buildS = (performance.now() - t0) / 1000;
const t1 = performance.now();
const index = await loadIndex(join(work, 'index'));
const loadS = (performance.now() - t1) / 1000;
const questions = [
  "What was Jilin's R&D investment in 2021?",
  'how many high-tech enterprises does harbin have',
  'how many places did shenyang move up',
  'what is the contribution rate of scientific and technological progress in dalian',
  'compare high-tech enterprises in wuxi and suzhou',
  'what are the six emerging industries',
  "what is atlantis's gdp",
];
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const q of questions) {
    const s = performance.now();
    answerQuestion(index, q);
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const p = (x: number) => times[Math.min(times.length - 1, Math.floor(x * times.length))]!.toFixed(1);
const mem = process.memoryUsage();
console.log(
  JSON.stringify(
    {
      articles: summary.documents,
      chunks: summary.chunks,
      facts: summary.facts,
      buildSeconds: Number(buildS.toFixed(2)),
      loadSeconds: Number(loadS.toFixed(2)),
      answerMs: { median: Number(p(0.5)), p99: Number(p(0.99)), max: Number(times[times.length - 1]!.toFixed(1)) },
      heapMB: Math.round(mem.heapUsed / 2 ** 20),
      rssMB: Math.round(mem.rss / 2 ** 20),
    },
    null,
    2,
  ),
);
await rm(work, { recursive: true, force: true });
