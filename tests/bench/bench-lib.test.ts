import { describe, expect, it } from 'vitest';
import { gazetteer } from '../../src/corpus/gazetteer.js';
import { parseArticle } from '../../src/corpus/parse.js';
import { Bm25 } from '../../bench/lib/bm25.js';
import { benchRegions, generateArticle, readSources, sourceDirs } from '../../bench/lib/generate.js';
import { benchQuestions, misspell } from '../../bench/lib/questions.js';
import { change, markdownTable, mergeResults, type SizeResult } from '../../bench/lib/report.js';
import { percentile, rng } from '../../bench/lib/stats.js';

const root = new URL('../../', import.meta.url).pathname;

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    { xs: hundred, p: 0.5, expected: 50 },
    { xs: hundred, p: 0.95, expected: 95 },
    { xs: hundred, p: 0.99, expected: 99 },
    { xs: hundred, p: 1, expected: 100 },
    { xs: [7], p: 0.99, expected: 7 },
    { xs: [1, 2, 3], p: 0.5, expected: 2 },
    { xs: [], p: 0.5, expected: Number.NaN },
  ])('p$p of $xs.length values -> $expected', ({ xs, p, expected }) => {
    expect(percentile(xs, p)).toBe(expected);
  });
});

describe('reference BM25', () => {
  const bm25 = new Bm25([
    'Jilin has 2705 high-tech enterprises.',
    'Harbin raised its R&D investment to RMB 10 billion.',
    'The weather in Harbin was cold.',
    'Jilin Jilin Jilin tourism.',
  ]);
  it.each([
    { q: 'how many hi-tech firms are there', best: 0 },
    { q: 'research and development investment in harbin', best: 1 },
    { q: 'harbin weather', best: 2 },
    { q: 'jilin', best: 3 },
  ])('"$q" ranks document $best first (same terms as the product: synonyms, stems, stop words)', ({ q, best }) => {
    expect(bm25.search(q)[0]?.doc).toBe(best);
  });
  it('returns nothing for words it has never seen or only stop words, and at most k hits', () => {
    expect(bm25.search('atlantis')).toEqual([]);
    expect(bm25.search('how many of the')).toEqual([]);
    expect(bm25.search('jilin harbin', 1)).toHaveLength(1);
    const hits = bm25.search('jilin harbin');
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });
});

describe('bench questions', () => {
  const regions = ['jilin', 'harbin', 'wuxi', 'suzhou', 'changchun', 'dalian', 'shenyang'];
  const qs = benchQuestions(regions, [2019, 2020, 2021]);
  it('are at least 60, all different, of every kind, the same for the same seed', () => {
    expect(qs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(qs.map((q) => q.question)).size).toBe(qs.length);
    expect(new Set(qs.map((q) => q.kind))).toEqual(new Set(['count', 'money', 'percent', 'rank', 'comparison', 'text', 'unknown-place', 'typo']));
    expect(benchQuestions(regions, [2019, 2020, 2021])).toEqual(qs);
    expect(qs.every((q) => !/\{[a-z0-9]+\}/.test(q.question))).toBe(true);
  });
  it('name the given regions, and misspell them in typo questions', () => {
    const names = regions.map((id) => gazetteer().name(id).toLowerCase());
    for (const q of qs.filter((x) => x.kind === 'count')) expect(names.some((n) => q.question.toLowerCase().includes(n))).toBe(true);
    for (const q of qs.filter((x) => x.kind === 'typo')) expect(gazetteer().find(q.question), q.question).toEqual([]);
  });
  it.each(['Changchun', 'Harbin', 'Wuxi', 'Inner Mongolia'])('misspell(%s) differs by one edit', (name) => {
    const rand = rng(1);
    for (let i = 0; i < 20; i++) {
      const m = misspell(name, rand);
      expect(m).not.toBe(name.toLowerCase());
      expect(Math.abs(m.length - name.length)).toBeLessThanOrEqual(1);
    }
  });
});

describe('bench corpus generator', () => {
  const sources = readSources(sourceDirs(root));
  const regions = benchRegions();
  it('recombines sentences into parseable articles about the region it picked, the same for the same seed', () => {
    const a = Array.from({ length: 30 }, (_, i) => generateArticle(i, sources, regions, rng(100 + i)));
    const b = Array.from({ length: 30 }, (_, i) => generateArticle(i, sources, regions, rng(100 + i)));
    expect(a).toEqual(b);
    for (const g of a) {
      const article = parseArticle(g.name, g.raw);
      expect(article.date).toBe(article.date && `${g.year + 1}${article.date.slice(4)}`);
      expect(article.text.length).toBeGreaterThan(0);
      expect(g.chunks).toBeGreaterThan(0);
    }
    // Most articles end up mainly about the region they were written for.
    const onTopic = a.filter((g) => parseArticle(g.name, g.raw).regions.includes(g.region)).length;
    expect(onTopic).toBeGreaterThan(a.length * 0.6);
    // Sentences come from several source articles (not one article renamed).
    expect(new Set(a.map((g) => g.raw.split('\n\n')[1])).size).toBe(a.length);
  });
});

describe('bench results', () => {
  it.each([
    { before: 100, now: 112, expected: '+12%' },
    { before: 100, now: 97, expected: '-3%' },
    { before: 100, now: 100.2, expected: '±0%' },
    { before: 0, now: 5, expected: '' },
    { before: undefined, now: 5, expected: '' },
    { before: 5, now: null, expected: '' },
  ])('change($before -> $now) = "$expected"', ({ before, now, expected }) => {
    expect(change(before, now)).toBe(expected);
  });

  const result = (size: string, targetChunks: number, p99: number): SizeResult => ({
    size, targetChunks, runAt: 't', commit: 'c', node: 'v20', cpus: 2,
    corpus: { articles: 1, chunks: targetChunks, facts: 1, sourceArticles: 1, sourceSentences: 1 },
    build: { seconds: 1, chunksPerSecond: 1000 }, index: { bytes: 2 ** 20 }, load: { ms: 1, retainedMB: 1, rssMB: 1 },
    questions: { count: 64, answered: 32, reps: 1 },
    answer: { n: 1, p50: 1, p95: 1, p99: p99, mean: 1, max: 1 }, bm25: { n: 1, p50: 1, p95: 1, p99: 1, mean: 1, max: 1 },
    ratioP99: p99, byKind: {}, slowest: [], coldStart: { ask: null, bot: null },
  });

  it('a run replaces the latest record of each size it ran and keeps the replaced one as previous', () => {
    const m = mergeResults({ '1k': result('1k', 1000, 10), '10k': result('10k', 10000, 20) }, {}, [result('1k', 1000, 5)]);
    expect(m.latest['1k']!.answer.p99).toBe(5);
    expect(m.latest['10k']!.answer.p99).toBe(20);
    expect(m.previous['1k']!.answer.p99).toBe(10);
    expect(m.previous['10k']).toBeUndefined();
  });

  it('the table has one column per size, smallest first, with the change from the previous run', () => {
    const t = markdownTable({ '10k': result('10k', 10000, 20), '1k': result('1k', 1000, 5) }, { '1k': result('1k', 1000, 10) });
    expect(t.split('\n')[0]).toBe('| | 1k chunks | 10k chunks | goal |');
    expect(t).toContain('| answer p99, ms | 5.00 (-50%) | 20.0 |  |');
    expect(t).toContain('| cold start ask, ms | n/a | n/a | <= 1,500 |');
  });

  it('event-loop and autocomplete rows: n/a in records of older runs, with the change once both runs have them', () => {
    const lat = (p99: number) => ({ n: 10, p50: p99 / 2, p95: p99, p99, mean: p99 / 2, max: p99, firstMs: 1, typed: 2 });
    const withBot = (maxBlockMs: number, regionP99: number): SizeResult => ({
      ...result('1k', 1000, 5),
      autocomplete: { region: lat(regionP99), metric: lat(1) },
      eventLoop: { maxBlockMs, p99Ms: 2, samples: 100, durationMs: 1000, blocks: [], reindex: { ms: 1500, ok: true } },
    });
    const old = markdownTable({ '1k': result('1k', 1000, 5) });
    expect(old).toContain('| event loop max block after login, ms | n/a | <= 50 |');
    expect(old).toContain('| region autocomplete p99, ms | n/a | < 5 |');
    const t = markdownTable({ '1k': withBot(40, 0.5) }, { '1k': withBot(80, 1) });
    expect(t).toContain('| event loop max block after login, ms | 40.0 (-50%) | <= 50 |');
    expect(t).toContain('| region autocomplete p99, ms | 0.50 (-50%) | < 5 |');
    expect(t).toContain('| /reindex reply, s | 1.5 (±0%) |  |');
    // A failed /reindex has no time to show.
    const failed = withBot(40, 0.5);
    failed.eventLoop!.reindex = { ms: 10, ok: false };
    expect(markdownTable({ '1k': failed })).toContain('| /reindex reply, s | n/a |  |');
  });
});
