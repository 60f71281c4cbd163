/** The answer describes a value by what its own clause says: place, year and (for "Of them, ...") measure. */
import { describe, expect, it } from 'vitest';
import { buildIndexData } from '../../src/index/build.js';
import { indexFromData, type LoadedIndex } from '../../src/index/layout.js';
import type { Candidate } from '../../src/qa/evidence.js';
import { boundLabels } from '../../src/qa/reader.js';

const ARTICLE = [
  'Anhui innovation report',
  '2024-06-20 Source: Test Daily',
  '',
  'The number of high-tech enterprises in Anhui reached 19,500 last year, up from 8,600 in 2020. Of them, 7,210 are in Hefei, the provincial capital.',
  '',
  'Wuhu and Bengbu recorded R&D intensity of 3.1 percent and 2.4 percent respectively in 2023.',
  '',
  'The value of technology deals in the province hit 310 billion yuan, a rise of 12 percent, of which Hefei contributed 150 billion yuan.',
  '',
].join('\n');

function index(): LoadedIndex {
  const data = buildIndexData([{ name: 'a.txt', text: ARTICLE, sha256: 'x', bytes: ARTICLE.length }], [], 'test');
  return indexFromData(data, 'test');
}

function candidate(ix: LoadedIndex, text: string): Candidate {
  const fact = [...ix.facts].find((f) => f.text === text);
  if (!fact) throw new Error(`no fact ${text}: ${[...ix.facts].map((f) => f.text).join(', ')}`);
  return { fact, docMain: null, docRegions: [], title: '', docYear: 2024, docMonth: 6, retrieval: 1 };
}

describe('boundLabels', () => {
  const ix = index();
  it.each([
    // value, region, year, measure contains
    ['19,500', 'anhui', 2023, 'high-tech enterprises'],
    ['8,600', 'anhui', 2020, 'high-tech enterprises'],
    ['7,210', 'hefei', 2023, 'high-tech enterprises'],
    ['3.1 percent', 'wuhu', 2023, 'R&D intensity'],
    ['2.4 percent', 'bengbu', 2023, 'R&D intensity'],
    ['150 billion yuan', 'hefei', 2024, 'technology deals'],
  ])('%s -> %s, %s, "%s"', (value, region, year, measure) => {
    const l = boundLabels(candidate(ix, value), ix);
    expect(l.region).toBe(region);
    expect(l.year).toBe(year);
    expect(l.measure).toContain(measure);
  });
});
