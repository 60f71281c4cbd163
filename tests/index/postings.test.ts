import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/load.js';
import { buildIndexData } from '../../src/index/build.js';
import { decodeTable, encodeTable } from '../../src/index/columns.js';
import { Postings, PostingsBuilder, fieldTerms } from '../../src/index/postings.js';
import { QUERY_OPTIONS, createSearchIndex } from '../../src/index/search.js';
import type { IndexData } from '../../src/index/store.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** minisearch over the same chunks: the ranking the postings must reproduce. */
function reference(data: IndexData) {
  const ms = createSearchIndex();
  for (const c of data.chunks) ms.add({ id: c.id, text: c.text, title: c.position === 0 ? (data.docs.find((d) => d.id === c.doc)?.title ?? '') : '' });
  return ms;
}

let data: IndexData;
beforeAll(async () => {
  const listing = await readCorpus(CORPUS_DIR);
  data = buildIndexData(listing.files, listing.skipped, CORPUS_DIR);
});

describe('postings rank as minisearch does', () => {
  const queries = [
    'high-tech enterprises Jilin',
    'hi-tech firms in Changchun',
    'R&D investment 2021',
    'research and development spending as a share of GDP',
    'Jilin Jilin Jilin province',
    'technology contract turnover',
    'how many patents per 10,000 people',
    'the the of and',
    'zebra unicorn',
    'Changchun',
    'innovation platforms laboratories national key',
    'Jiangyin enterprises listed companies',
  ];

  it.each(queries)('%j: same hits, scores and order', (query) => {
    const ms = reference(data);
    const expected = ms.search(query, QUERY_OPTIONS).map((r) => ({ id: r.id as number, score: r.score }));
    const got = data.search.search(query);
    expect(got.hits.map((h) => h.id)).toEqual(expected.map((h) => h.id));
    got.hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 10));
    expect(got.best).toBeCloseTo(expected[0]?.score ?? 0, 10);
  });

  it.each([1, 3, 24])('limit %i keeps the first hits of the full ranking', (limit) => {
    const full = data.search.search('high-tech enterprises Jilin R&D').hits;
    expect(data.search.search('high-tech enterprises Jilin R&D', { limit }).hits).toEqual(full.slice(0, limit));
  });

  it('a filter skips chunks but the best score is the unfiltered one', () => {
    const full = data.search.search('high-tech enterprises');
    const odd = data.search.search('high-tech enterprises', { limit: 5, filter: (c) => c % 2 === 1 });
    expect(odd.hits).toEqual(full.hits.filter((h) => h.id % 2 === 1).slice(0, 5));
    expect(odd.best).toBe(full.best);
  });

  it('survives a round trip through its stored form', () => {
    const back = Postings.fromTable(decodeTable(encodeTable(data.search.toTable()), 'postings'));
    for (const q of queries) expect(back.search(q)).toEqual(data.search.search(q));
  });
});

describe('fieldTerms', () => {
  it.each([
    ['Hi-tech firms and high-tech companies grew.', ['hightech', 'enterpris', 'grew'], [2, 2, 1]],
    ['', [], []],
    ['The the THE', [], []],
  ])('%j', (text, terms, tfs) => {
    const ft = fieldTerms(text, 'text');
    expect(ft.terms).toEqual(terms);
    expect(ft.tfs).toEqual(tfs);
  });

  it('the field length counts distinct raw tokens, stop words included', () => {
    expect(fieldTerms('the lab and the lab', 'text').length).toBe(3);
  });

  it('ties keep first-match order, as minisearch', () => {
    const b = new PostingsBuilder();
    for (const text of ['alpha beta', 'beta alpha', 'alpha beta']) b.add([fieldTerms(text, 'text'), fieldTerms('', 'title')]);
    const p = b.finish();
    expect(p.search('beta alpha').hits.map((h) => h.id)).toEqual([0, 1, 2]);
    expect(p.search('gamma').hits).toEqual([]);
  });
});
