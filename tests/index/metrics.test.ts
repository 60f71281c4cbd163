import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { catalogueWorthy, metricKey } from '../../src/index/metrics.js';
import { loadIndex } from '../../src/index/store.js';
import { findMetric, listMetrics } from '../../src/qa/metrics.js';

describe('metricKey groups differently worded measures', () => {
  it.each([
    ['hi-tech enterprises', 'high-tech enterprises'],
    ['the number of high-tech enterprises in the city', 'high-tech enterprises'],
    ['high tech firms', 'high-tech enterprises'],
    ["Jilin's high-tech companies", 'high-tech enterprises'],
    ['total turnover of technology contracts', 'annual turnover of technology contracts'],
    ['R&D investment of the whole society', 'research and development investment'],
    ['R&D spending', 'R&D investment'],
    ['small and medium-sized enterprises', 'SMEs'],
    ['science and technology talents', 'sci-tech talents'],
  ])('%s ~ %s', (a, b) => {
    expect(metricKey(a)).toBe(metricKey(b));
  });

  it.each([
    ['high-tech enterprises', 'high-tech industries'],
    ["government's R&D investment", 'R&D investment'],
    ['talents', 'high-level talents'],
    ['technology business incubators', 'high-tech enterprises'],
  ])('%s is not %s', (a, b) => {
    expect(metricKey(a)).not.toBe(metricKey(b));
  });
});

describe('the catalogue comes from the facts', () => {
  it('a new article with a new metric appears after indexing', async () => {
    const root = new URL('../../', import.meta.url).pathname;
    const work = await mkdtemp(join(tmpdir(), 'regionbot-metrics-'));
    try {
      await cp(join(root, 'corpus'), join(work, 'corpus'), { recursive: true });
      await buildIndex(join(work, 'corpus'), join(work, 'before'));
      const before = await loadIndex(join(work, 'before'));
      expect(findMetric(before, 'new research institutes')).toBeNull();
      await cp(join(root, 'tests/fixtures/extra-corpus'), join(work, 'corpus'), { recursive: true });
      await buildIndex(join(work, 'corpus'), join(work, 'after'));
      const after = await loadIndex(join(work, 'after'));
      const m = findMetric(after, 'new research institutes');
      expect(m).not.toBeNull();
      expect(m!.regions).toEqual(['hefei']);
      const hte = listMetrics(after).find((x) => x.name === 'high-tech enterprises');
      expect(hte?.regions).toEqual(['hefei', 'jiangyin', 'jilin']);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe('catalogueWorthy keeps junk measures out of the metric catalogue', () => {
  it.each([
    ['high-tech enterprises', true],
    ['R&D investment of the whole society', true],
    ['technology business incubators', true],
    ['aspects', false],
    ['the system', false],
    ['has launched the "smart valley" program', false],
    ['them', false],
    ['', false],
  ])('%j -> %s', (measure, expected) => {
    expect(catalogueWorthy(measure)).toBe(expected);
  });
});
