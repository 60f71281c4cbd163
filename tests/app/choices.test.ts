import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRegions, regionChoices } from '../../src/app/choices.js';
import { gazetteer } from '../../src/corpus/gazetteer.js';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';

let work: string;
let index: LoadedIndex;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-choices-'));
  await buildIndex(new URL('../../corpus', import.meta.url).pathname, join(work, 'index'));
  index = await loadIndex(join(work, 'index'));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The straightforward computation over every fact, per keystroke (what the autocomplete did before). */
function reference(ix: LoadedIndex, typed: string, limit = 25): { name: string; value: string }[] {
  const g = gazetteer();
  const p = typed.trim().toLowerCase();
  return [...new Set([...ix.facts].map((f) => f.region).filter((r): r is string => r !== null))]
    .map((id) => ({ id, name: g.name(id) }))
    .filter((r) => !p || r.name.toLowerCase().includes(p) || r.id.includes(p))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((r) => ({ name: r.name, value: r.id }));
}

describe('regionChoices', () => {
  it.each([
    ['ji', [{ name: 'Jiangyin', value: 'jiangyin' }, { name: 'Jilin', value: 'jilin' }]],
    ['  JI ', [{ name: 'Jiangyin', value: 'jiangyin' }, { name: 'Jilin', value: 'jilin' }]],
    ['jil', [{ name: 'Jilin', value: 'jilin' }]],
    ['chun', [{ name: 'Changchun', value: 'changchun' }]],
    ['no such place', []],
  ])('typed %j', (typed, expected) => {
    expect(regionChoices(index, typed)).toEqual(expected);
  });

  it('nothing typed: every region, by name, at most the limit', () => {
    const all = regionChoices(index, '');
    expect(all.length).toBeGreaterThan(2);
    expect(all.map((c) => c.name)).toEqual([...all.map((c) => c.name)].sort((a, b) => a.localeCompare(b)));
    expect(regionChoices(index, '', 2)).toEqual(all.slice(0, 2));
    expect(regionChoices(index, '', 0)).toEqual([]);
  });

  it('gives what the computation over every fact gives, for every prefix of every region name', () => {
    const typed = new Set<string>(['', 'a', 'an', 'zz']);
    for (const r of indexRegions(index)) for (let k = 1; k <= r.name.length; k++) typed.add(r.name.slice(0, k));
    for (const t of typed) expect(regionChoices(index, t), t).toEqual(reference(index, t));
  });

  it('the region table is computed once per index object', async () => {
    expect(indexRegions(index)).toBe(indexRegions(index));
    const again = await loadIndex(join(work, 'index'));
    expect(indexRegions(again)).not.toBe(indexRegions(index));
    expect(indexRegions(again)).toEqual(indexRegions(index));
  });
});
