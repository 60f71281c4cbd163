import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { FEATURE_NAMES, eligible } from '../../src/qa/evidence.js';
import { vocabularyOf } from '../../src/qa/vocabulary.js';
import { MODEL, VERIFIER_FEATURES, candidatesFor, read, requestOf, valueKey, verifierInputs } from '../../src/qa/reader.js';
import { routeQuestion, wantOf, type RouterVocabulary } from '../../src/qa/router.js';
import type { NumericWant } from '../../src/qa/types.js';
import { stem } from '../../src/text/terms.js';

// Questions invented for these tests.

let work: string;
let index: LoadedIndex;
let vocab: RouterVocabulary;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-router-reader-'));
  await buildIndex(new URL('../../corpus', import.meta.url).pathname, join(work, 'index'));
  index = await loadIndex(join(work, 'index'));
  vocab = vocabularyOf(index);
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const route = (text: string) => routeQuestion(text, vocab);

describe('wantOf', () => {
  it.each([
    // count
    ['how many incubators does wuhu have', 'count'],
    ['number of labs in bengbu', 'count'],
    ['how many investment projects did hefei sign', 'count'],
    // money, including "spend"
    ['how much did wuhu spend on research', 'money'],
    ['bengbu r&d spending 2022', 'money'],
    ['how much money went into labs', 'money'],
    ['hefei tech contract turnover', 'money'],
    ['chuzhou r&d expenditure', 'money'],
    // percent, including "r&d intensity" and "as % of gdp"
    ['wuhu r&d intensity', 'percent'],
    ['r&d spending as % of gdp in anhui', 'percent'],
    ['what share of gdp goes to research', 'percent'],
    ['how much of gdp does hefei spend on r&d', 'percent'],
    ['what percentage of firms are high-tech', 'percent'],
    // rank, including "No."
    ['where does wuhu rank', 'rank'],
    ['hefei ranking in innovation', 'rank'],
    ['what position is bengbu in', 'rank'],
    ['was chuzhou ranked no. 4 for patents', 'rank'],
    // change
    ['how much has hefei grown since 2017', 'change'],
    ['how much did bengbu r&d spending increase', 'change'],
    ['wuhu patent growth rate', 'change'],
    ['by how much did patents rise', 'change'],
    // ratio
    ['patents per 10k residents in hefei', 'ratio'],
    ['patents per 10,000 people', 'ratio'],
    ['r&d spending per capita in wuhu', 'ratio'],
    ['ratio of researchers to staff', 'ratio'],
    // places and multiples
    ['how many places did wuhu climb', 'places'],
    ['how far did hefei jump in the ranking', 'places'],
    ['how many times larger is the hefei fund', 'multiple'],
    // no kind of number
    ['wuhu economic growth', 'any'],
    ['tell me about wuhu', 'any'],
  ] as [string, NumericWant][])('%s -> %s', (text, want) => {
    expect(wantOf(text)).toBe(want);
  });

  // "by how many points" is a change although it says "how many"; a bare "No. N" asks for a rank.
  it.each([
    ['by how many points did wuhu r&d intensity rise', 'change'],
    ['by how many percentage points did the share change', 'change'],
    ['is hefei no. 1 in patents', 'rank'],
  ] as [string, NumericWant][])('%s -> %s', (text, want) => {
    expect(wantOf(text)).toBe(want);
  });

  it('routeQuestion reads the same kind for a numeric question', () => {
    expect(route('how much did Jilin spend on R&D in 2021').want).toBe('money');
    expect(route('what is the R&D intensity of Jilin').want).toBe('percent');
  });
});

describe('routeQuestion: plans', () => {
  it.each([
    ['what is Jilin aiming for in high-tech enterprises', true],
    ['Wuhan is setting up how many labs', true],
    ["what is Jilin's goal for high-tech enterprises", true],
    ['how many labs will Wuhan build by 2025', true],
    ['what does Jilin plan to spend on R&D', true],
    ['how many high-tech enterprises did jilin actually have', false],
    ['how many high-tech enterprises has Jilin achieved so far', false],
    ['how many high-tech enterprises does Jilin have', null],
  ])('%s -> target %s', (text, target) => {
    expect(route(text).target).toBe(target);
  });
});

describe('routeQuestion: places the corpus does not hold', () => {
  it.each([
    ['how many high-tech enterprises does Tokyo have', 'tokyo'],
    ['does tokyo have more incubators than jilin', 'tokyo'],
    ['tokyo high-tech enterprises', 'tokyo'],
    ['Tokyo high-tech enterprises', 'tokyo'],
    ["Springfield's R&D spending", 'springfield'],
    ["springfield's r&d spending", 'springfield'],
    ['how many high-tech enterprises in Oslo', 'oslo'],
    ['r&d intensity of Gotham in 2021', 'gotham'],
  ])('%s -> unknown place %s', (text, place) => {
    const q = route(text);
    expect(q.unknownPlaces).toContain(place);
    // The unknown place is not read as the metric.
    expect(q.metricTerms).not.toContain(place);
  });

  it.each([
    ['how many high-tech enterprises does Jilin have', ['jilin']],
    ["wuhan's r&d spending", ['wuhan']],
    ["inner mongolia's r&d intensity", ['inner-mongolia']],
    ['Wuhan R&D intensity 2021', ['wuhan']],
    ['jlin high-tech enterprises', ['jilin']],
    // Plain English words are not places.
    ['the minister stressed innovation in Jilin', ['jilin']],
    ['what criteria does Wuhan use for high-tech enterprises', ['wuhan']],
    ['what criteria are used for high-tech enterprises', []],
    ['who stressed innovation', []],
  ])('%s -> regions %j and no unknown place', (text, regions) => {
    const q = route(text);
    expect(q.regions).toEqual(regions);
    expect(q.unknownPlaces).toEqual([]);
  });

  it('a known and an unknown place: both are kept apart', () => {
    const q = route('does tokyo have more incubators than jilin');
    expect(q.regions).toEqual(['jilin']);
    expect(q.unknownPlaces).toEqual(['tokyo']);
  });
});

describe('requestOf', () => {
  it.each([
    // [question, want, year, baseYear]
    ['how much has jilin r&d investment grown since 2017', 'change', null, 2017],
    ['jilin r&d investment from 2019 to 2022', 'money', 2022, 2019],
    ['jilin high-tech enterprises in 2021', 'any', 2021, null],
    ['how many high-tech enterprises did jilin have in 2020', 'count', 2020, null],
  ] as [string, NumericWant, number | null, number | null][])('%s: want %s, year %s, base year %s', (text, want, year, baseYear) => {
    const r = requestOf(route(text));
    expect(r.want).toBe(want);
    expect(r.year).toBe(year);
    expect(r.baseYear).toBe(baseYear);
  });

  it.each([
    ['what was the 8.1 million yuan spent on in Jilin', [8.1]],
    ['how many of the 2,450 firms in Jilin are high-tech', [2450]],
    ['how many high-tech enterprises did jilin have in 2020', []],
  ])('%s: numbers the question states %j (years are not)', (text, numbers) => {
    expect(requestOf(route(text)).numbers).toEqual(numbers);
  });

  it('a place inside another named place is the one asked', () => {
    expect(requestOf(route("how many of Jilin's high-tech enterprises are in Changchun")).regions).toEqual(['changchun']);
  });

  it('a comparison keeps both places', () => {
    const q = route('compare high-tech enterprises in Jilin and Changchun');
    expect(q.intent).toBe('compare');
    expect(new Set(requestOf(q).regions)).toEqual(new Set(['jilin', 'changchun']));
  });

  it('qualifiers and the counted noun are stemmed', () => {
    const r = requestOf(route('how many national high-tech enterprises does jilin have'));
    expect(r.qualifiers.has(stem('national'))).toBe(true);
    expect(r.unitTerms).toContain(stem('enterprises'));
    expect(r.numeric).toBe(true);
  });

  it('a rate question carries "per"', () => {
    expect(requestOf(route('patents per 10,000 residents in jilin')).qualifiers.has('per')).toBe(true);
    expect(requestOf(route('patents in jilin')).qualifiers.has('per')).toBe(false);
  });
});

describe('verifierInputs and valueKey', () => {
  it('appends the softmax share and the clipped lead over the best rival value', () => {
    const xs = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    const v = verifierInputs(xs, ['a', 'b', 'a'], [1, 2]);
    // z = [1, 2, 3]
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const sum = e[0]! + e[1]! + e[2]!;
    v.forEach((row, i) => {
      expect(row.slice(0, 2)).toEqual(xs[i]);
      expect(row[2]).toBeCloseTo(e[i]! / sum, 12);
    });
    // Rivals are other values: candidate 0 is compared with candidate 1 only (2 states the same value).
    expect(v[0]![3]).toBeCloseTo(-1 / 3, 12);
    expect(v[1]![3]).toBeCloseTo(-1 / 3, 12);
    expect(v[2]![3]).toBeCloseTo(1 / 3, 12);
  });

  it.each([
    ['one candidate', [[1]], ['a'], [5], [1]],
    ['only one value', [[1], [2]], ['a', 'a'], [1], [1, 1]],
    ['a lead beyond 3 is clipped', [[10], [0]], ['a', 'b'], [1], [1, -1]],
  ])('%s: margins %j', (_label, xs, values, w, margins) => {
    expect(verifierInputs(xs, values, w).map((r) => r[r.length - 1])).toEqual(margins);
  });

  it('valueKey is the kind and the value', () => {
    const f = index.facts.get(0)!;
    const c = { fact: f, docMain: null, docRegions: [], title: '', docYear: null, docMonth: null, retrieval: 1 };
    expect(valueKey(c)).toBe(`${f.kind}:${f.value}`);
    expect(valueKey({ ...c, fact: { ...f, value: f.value + 1 } })).not.toBe(valueKey(c));
  });
});

describe('the reader over the bundled corpus', () => {
  it('MODEL was fitted for the current features', () => {
    expect(MODEL.features).toEqual([...FEATURE_NAMES]);
    expect(MODEL.ranker).toHaveLength(FEATURE_NAMES.length);
    expect(MODEL.verifier).toHaveLength(VERIFIER_FEATURES.length);
    expect(MODEL.threshold).toBeGreaterThanOrEqual(0.6);
    expect(MODEL.threshold).toBeLessThanOrEqual(0.99);
  });

  it.each(['how many high-tech enterprises does Jilin have', 'what was Jilin R&D investment in 2021', 'Jilin R&D intensity'])('%s: candidates come from passages about the place', (text) => {
    const q = route(text);
    const cands = candidatesFor(index, q, requestOf(q));
    expect(cands.length).toBeGreaterThan(0);
    for (const c of cands) {
      const chunk = index.chunks.get(c.fact.chunk)!;
      expect(c.docRegions.includes('jilin') || chunk.regions.includes('jilin')).toBe(true);
      expect(c.retrieval).toBeGreaterThan(0);
      expect(c.retrieval).toBeLessThanOrEqual(1);
    }
  });

  it.each(['how many high-tech enterprises does Jilin have', 'what was Jilin R&D investment in 2021', 'Jilin R&D intensity'])('%s: read keeps eligible candidates, best first, with probabilities', (text) => {
    const scored = read(index, route(text));
    expect(scored.length).toBeGreaterThan(0);
    for (const s of scored) {
      expect(eligible(s.x)).toBe(true);
      expect(s.p).toBeGreaterThan(0);
      expect(s.p).toBeLessThan(1);
    }
    for (let i = 1; i < scored.length; i++) expect(scored[i - 1]!.rank).toBeGreaterThanOrEqual(scored[i]!.rank);
  });

  it('read refuses weights fitted for other features', () => {
    expect(() => read(index, route('Jilin R&D intensity'), { ...MODEL, features: ['bias'] })).toThrow(/npm run train/);
  });
});
