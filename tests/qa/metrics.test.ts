import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/load.js';
import { buildIndexData } from '../../src/index/build.js';
import { indexFromData, type LoadedIndex } from '../../src/index/layout.js';
import { metricTable } from '../../src/qa/metrics.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
let index: LoadedIndex;

beforeAll(async () => {
  const listing = await readCorpus(CORPUS_DIR);
  index = indexFromData(buildIndexData(listing.files, listing.skipped, CORPUS_DIR), 'test');
});

describe('metricTable', () => {
  it('rows are oldest first, then by place name, then in article order', () => {
    const biggest = [...index.metrics].sort((a, b) => b.factIds.length - a.factIds.length)[0]!;
    const t = metricTable(index, biggest.key)!;
    expect(t.total).toBe(t.rows.length);
    for (let i = 1; i < t.rows.length; i++) {
      const a = t.rows[i - 1]!;
      const b = t.rows[i]!;
      const order = (a.year ?? 0) - (b.year ?? 0) || a.regionName.localeCompare(b.regionName) || a.fact.id - b.fact.id;
      expect(order).toBeLessThan(0);
    }
  });

  it.each([1, 2, 5])('limit %i returns the first rows of the full table and counts them all', (limit) => {
    const key = [...index.metrics].sort((a, b) => b.factIds.length - a.factIds.length)[0]!.key;
    const full = metricTable(index, key)!;
    const cut = metricTable(index, key, {}, { limit })!;
    expect(cut.rows).toEqual(full.rows.slice(0, limit));
    expect(cut.total).toBe(full.rows.length);
  });

  it('region and year filters apply before the limit', () => {
    const t = metricTable(index, 'high-tech enterprises', { region: 'Jilin' }, { limit: 50 })!;
    expect(t.rows.length).toBeGreaterThan(0);
    expect(t.rows.every((r) => r.region === 'jilin')).toBe(true);
    const year = t.rows[0]!.year!;
    const y = metricTable(index, 'high-tech enterprises', { region: 'Jilin', year })!;
    expect(y.rows.every((r) => r.year === year)).toBe(true);
    expect(y.total).toBe(t.rows.filter((r) => r.year === year).length);
  });
});
