/** Round-4 mechanisms: names the gazetteer lacks, delimited tables, "respectively" after a currency. */
import { describe, expect, it } from 'vitest';
import { findTables } from '../../src/corpus/tables.js';
import { respectivelyPlace } from '../../src/qa/clauses.js';
import { routeQuestion, type RouterVocabulary } from '../../src/qa/router.js';

// Invented for these tests.
const vocab = (words: string[]): RouterVocabulary => ({ has: (w) => words.includes(w), correct: () => undefined });

describe('names the corpus uses that the gazetteer lacks', () => {
  const v = vocab(['qianhai', 'hightech', 'enterprise', 'turnover', 'technology', 'contract', 'intensity']);
  it.each([
    ['how many high-tech enterprises in qianhai', ['qianhai']],
    ['qianhai technology contract turnover', ['qianhai']],
    ['how many hightech enterprises in wuhu', []],
    ['wuhu r&d intensity', []],
  ])('%s -> %j', (q, names) => {
    expect(routeQuestion(q, v).names ?? []).toEqual(names);
  });
});

describe('delimited tables', () => {
  it.each([
    [
      'name columns with pipes',
      ['Main indicators (2022)', 'Indicator | Wuhu | Bengbu', 'Incubators | 31 | 12', 'R&D expenditure (billion yuan) | 4.2 | 1.7'],
      ['In 2022, Wuhu had 31 incubators.', 'In 2022, Bengbu had 12 incubators.', "In 2022, Wuhu's R&D expenditure was 4.2 billion yuan.", "In 2022, Bengbu's R&D expenditure was 1.7 billion yuan."],
    ],
    [
      'year columns with dashes',
      ['Indicator—2022—2023', 'Incubators—28—31'],
      ['In 2022, the number of incubators was 28.', 'In 2023, the number of incubators was 31.'],
    ],
  ])('%s', (_name, lines, sentences) => {
    const [t] = findTables(lines);
    expect(t?.sentences).toEqual(sentences);
  });
});

describe('"respectively" with a currency before each value', () => {
  const s = "Wuhu's turnover and Bengbu's turnover were RMB 3.1 billion and RMB 1.2 billion respectively.";
  it.each([
    ['3.1', 'wuhu'],
    ['1.2', 'bengbu'],
  ])('%s -> %s', (value, place) => {
    expect(respectivelyPlace(s, s.indexOf(value) - 4)).toBe(place);
  });
});
