import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFromSentence } from '../../src/index/facts.js';
import { metricKey } from '../../src/index/metrics.js';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { answerQuestion } from '../../src/qa/answer.js';
import { answerMarkdown } from '../../src/present/markdown.js';

let work: string;
let index: LoadedIndex;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-answer-'));
  await buildIndex(new URL('../../corpus', import.meta.url).pathname, join(work, 'index'));
  index = await loadIndex(join(work, 'index'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('a metric the corpus holds, asked for a year it does not', () => {
  it.each(['jilin high-tech enterprises in 2015', 'what about jilin hi-tech firms 2030'])('%s abstains and labels what it holds', (q) => {
    const a = answerQuestion(index, q);
    expect(a.answered).toBe(false);
    expect(answerMarkdown(a)).toMatch(/couldn't find Jilin's high-tech enterprises in (2015|2030)/);
    expect(answerMarkdown(a)).toMatch(/not an answer to your question/);
  });
});

describe('money spent on something names what it was spent on', () => {
  it('"spent X on research and development" is R&D spending, the same metric as R&D investment', () => {
    const [f] = extractFromSentence('Chengdu spent 73.3 billion yuan on research and development in 2022, up 15.2% year on year.', { articleYear: 2023, mainRegion: 'chengdu' });
    expect(f?.measure).toBe('research and development spending');
    expect(f?.year).toBe(2022);
    expect(metricKey(f!.measure)).toBe(metricKey('R&D investment'));
  });
});
