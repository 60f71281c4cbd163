import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { answerQuestion } from '../../src/qa/answer.js';
import { splitSides } from '../../src/qa/compare.js';
import { answerMarkdown } from '../../src/present/markdown.js';

let work: string;
let index: LoadedIndex;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-compare-'));
  await buildIndex(new URL('../../corpus', import.meta.url).pathname, join(work, 'index'));
  index = await loadIndex(join(work, 'index'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('comparisons', () => {
  it.each([
    ['how did jilin’s number of high-tech enterprises change from 2018 to 2021', [524, 2705], '2,705 − 524 = +2,181 (+416.2%; 5.16 times)'],
    ['compare high-tech enterprises in jilin and jiangyin', [2705, 2000], '2,000 − 2,705 = −705'],
    ['compare the growth of jilin government r&d investment and total r&d investment', [65, 7.48], '7.48% − 65% = -57.52 percentage points'],
  ])('%s', (question, values, arithmetic) => {
    const a = answerQuestion(index, question);
    expect(a.answered).toBe(true);
    expect(a.intent).toBe('compare');
    expect(a.facts.map((f) => f.value)).toEqual(values);
    // Both facts are cited, each by the sentence that holds its number.
    expect(a.citations).toHaveLength(2);
    a.facts.forEach((f, i) => expect(a.citations[i]!.snippet).toContain(f.text));
    expect(answerMarkdown(a)).toContain(arithmetic);
  });

  it('labels a target as a plan', () => {
    expect(answerMarkdown(answerQuestion(index, 'compare high-tech enterprises in jilin and jiangyin'))).toMatch(/target is a plan/);
  });

  it('declines when one side is missing', () => {
    const a = answerQuestion(index, 'compare high-tech enterprises in jilin and harbin');
    expect(a.answered).toBe(false);
    expect(answerMarkdown(a)).toMatch(/Harbin/);
  });

  it.each([
    ['x vs y', ['x', 'y']],
    ['little giants or small and medium-sized enterprises', ['little giants', 'small and medium-sized enterprises']],
    ['current rate compared to its target', ['current rate', 'its target']],
    ['no sides here', null],
  ])('splitSides(%s)', (text, sides) => {
    expect(splitSides(text)).toEqual(sides);
  });
});
