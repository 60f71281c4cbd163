import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { evaluate, formatReport, parseGolden } from '../../src/qa/eval.js';

const root = new URL('../../', import.meta.url).pathname;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-golden-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function indexOf(dirs: string[], name: string): Promise<LoadedIndex> {
  const corpus = join(work, `${name}-corpus`);
  for (const d of dirs) await cp(join(root, d), corpus, { recursive: true });
  await buildIndex(corpus, join(work, `${name}-index`));
  return loadIndex(join(work, `${name}-index`));
}

describe('golden set over the bundled corpus', () => {
  it('answers at least 95% correctly and never answers an unanswerable question', async () => {
    const index = await indexOf(['corpus'], 'bundled');
    const golden = parseGolden(await readFile(join(root, 'tests/fixtures/golden.jsonl'), 'utf8'));
    expect(golden.length).toBeGreaterThanOrEqual(60);
    expect(golden.filter((g) => g.type === 'unanswerable').length).toBeGreaterThanOrEqual(12);
    const report = evaluate(index, golden);
    if (report.accuracy < 0.95 || report.answeredUnanswerable > 0) console.log(formatReport(report));
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.answeredUnanswerable).toBe(0);
    expect(report.citationPrecision).toBe(1);
  });
});

describe('an article about a region the corpus did not have', () => {
  it('becomes answerable after indexing, with no other change', async () => {
    const index = await indexOf(['corpus', 'tests/fixtures/extra-corpus'], 'extra');
    const golden = parseGolden(await readFile(join(root, 'tests/fixtures/extra-golden.jsonl'), 'utf8'));
    const report = evaluate(index, golden);
    if (report.accuracy < 0.9 || report.answeredUnanswerable > 0) console.log(formatReport(report));
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.answeredUnanswerable).toBe(0);
  });

  it('is not answerable before it is indexed', async () => {
    const index = await indexOf(['corpus'], 'before');
    const golden = parseGolden(await readFile(join(root, 'tests/fixtures/extra-golden.jsonl'), 'utf8'));
    const report = evaluate(index, golden);
    // Without the article, every question about it must be declined, not answered from elsewhere.
    const answered = report.cases.filter((c) => c.answer?.answered && c.golden.type !== 'compare');
    expect(answered.map((c) => c.golden.id)).toEqual([]);
  });
});
