import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus, type CorpusFile } from '../../src/corpus/load.js';
import { buildIndexData, type BuildProgress } from '../../src/index/build.js';
import { buildIndexDataParallel } from '../../src/index/parallel-build.js';
import { writeIndex, type IndexData } from '../../src/index/store.js';

const root = new URL('../../', import.meta.url).pathname;
let work: string;
let files: CorpusFile[];

/** The bundled corpus plus variants of it (renamed, regions and years changed, one empty file), 30 files. */
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-parallel-'));
  const listing = await readCorpus(join(root, 'corpus'));
  const swaps: [RegExp, string][] = [[/Jilin/g, 'Harbin'], [/Changchun/g, 'Wuxi'], [/2021/g, '2019'], [/Jiangyin/g, 'Dalian'], [/20(\d\d)/g, '19$1']];
  files = [];
  for (let k = 0; k < 6; k++) {
    for (const f of listing.files) {
      const [re, to] = swaps[(k + files.length) % swaps.length]!;
      files.push({ ...f, name: `${String(files.length).padStart(3, '0')}_${f.name}`, text: k === 0 ? f.text : f.text.replace(re, to) });
    }
  }
  files.push({ name: '999_empty.txt', sha256: 'x', bytes: 0, text: '\n\n' });
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Every file the index writes, by name (the build time blanked). */
async function written(data: IndexData, dir: string): Promise<Record<string, string>> {
  await writeIndex(dir, { ...data, manifest: { ...data.manifest, builtAt: 'fixed' } });
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = await readFile(join(dir, f), 'utf8');
  return out;
}

describe('parallel build', () => {
  it.each([
    { workers: 1, batchSize: 1 },
    { workers: 2, batchSize: 4 },
    { workers: 2, batchSize: 100 },
  ])('with $workers worker(s) and batches of $batchSize writes byte-identical files to the serial build', async ({ workers, batchSize }) => {
    const serialProgress: BuildProgress[] = [];
    const parallelProgress: BuildProgress[] = [];
    const serial = buildIndexData(files, [{ file: 'x.pdf', reason: 'not text' }], 'corpus', (p) => serialProgress.push(p));
    const parallel = await buildIndexDataParallel(files, [{ file: 'x.pdf', reason: 'not text' }], 'corpus', {
      workers,
      batchSize,
      onProgress: (p) => parallelProgress.push(p),
    });
    expect(parallel.manifest.counts).toEqual(serial.manifest.counts);
    expect(serial.manifest.skipped.map((s) => s.file)).toEqual(['x.pdf', '999_empty.txt']);
    const a = await written(serial, join(work, `serial-${workers}-${batchSize}`));
    const b = await written(parallel, join(work, `parallel-${workers}-${batchSize}`));
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) expect(b[name], name).toBe(a[name]);
    expect(parallelProgress).toEqual(serialProgress);
  });
});
