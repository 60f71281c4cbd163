import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inThreadAnswerer, workerAnswerer } from '../../src/app/answerer.js';
import { readCorpus } from '../../src/corpus/load.js';
import { buildIndex, buildIndexData } from '../../src/index/build.js';
import { indexFromData } from '../../src/index/layout.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { answerQuestion } from '../../src/qa/answer.js';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
const silent = pino({ level: 'silent' });
const QUESTIONS = [
  'how many high-tech enterprises does Jilin have',
  "What was Jilin's R&D investment in 2021?",
  'compare high-tech enterprises in Jilin and Changchun',
  'what is the GDP of Atlantis',
];

let root: string;
let dir: string;
let index: LoadedIndex;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'regionbot-answerer-'));
  dir = join(root, 'index');
  await buildIndex(CORPUS_DIR, dir);
  index = await loadIndex(dir);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('workerAnswerer', () => {
  it('an index loaded from disk holds its binary files in shared memory', () => {
    expect(index.shared).toBeDefined();
    for (const bytes of Object.values(index.shared!)) expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it.each(QUESTIONS)('answers %j in the worker exactly as in this thread', async (q) => {
    const a = workerAnswerer(silent);
    try {
      expect(plain(await a.answer(index, q))).toEqual(plain(answerQuestion(index, q)));
      expect(a.counts()).toEqual({ worker: 1, here: 0 });
    } finally {
      await a.close();
    }
  });

  it('answers many questions at once, each with its own answer', async () => {
    const a = workerAnswerer(silent);
    try {
      const got = await Promise.all([...QUESTIONS, ...QUESTIONS].map((q) => a.answer(index, q)));
      expect(got.map(plain)).toEqual([...QUESTIONS, ...QUESTIONS].map((q) => plain(answerQuestion(index, q))));
      expect(a.counts()).toEqual({ worker: 8, here: 0 });
    } finally {
      await a.close();
    }
  });

  it('an index built in memory (no shared files) is answered in this thread', async () => {
    const listing = await readCorpus(CORPUS_DIR);
    const mem = indexFromData(buildIndexData(listing.files, listing.skipped, CORPUS_DIR), 'memory');
    expect(mem.shared).toBeUndefined();
    const a = workerAnswerer(silent);
    try {
      expect(plain(await a.answer(mem, QUESTIONS[0]!))).toEqual(plain(answerQuestion(mem, QUESTIONS[0]!)));
      expect(a.counts()).toEqual({ worker: 0, here: 1 });
    } finally {
      await a.close();
    }
  });

  it('an index whose folder was rebuilt meanwhile is answered in this thread, not from the new files', async () => {
    const other = join(root, 'moved');
    await cp(dir, other, { recursive: true });
    const loaded = await loadIndex(other);
    await buildIndex(CORPUS_DIR, other); // a new build time: the worker must refuse to mix the two
    const a = workerAnswerer(silent);
    try {
      expect(plain(await a.answer(loaded, QUESTIONS[1]!))).toEqual(plain(answerQuestion(loaded, QUESTIONS[1]!)));
      expect(a.counts()).toEqual({ worker: 0, here: 1 });
      // The current index still goes to the worker.
      await a.answer(index, QUESTIONS[0]!);
      expect(a.counts()).toEqual({ worker: 1, here: 1 });
    } finally {
      await a.close();
    }
  });

  it('after close, questions are still answered (in this thread)', async () => {
    const a = workerAnswerer(silent);
    await a.close();
    expect(plain(await a.answer(index, QUESTIONS[0]!))).toEqual(plain(answerQuestion(index, QUESTIONS[0]!)));
    expect(a.counts()).toEqual({ worker: 0, here: 1 });
  });

  it('draws a chart in the worker: the same PNG as in this thread', async () => {
    const input = { title: 'Labs', valueLabel: 'count', points: [10, 25, 17].map((value, i) => ({ label: `Place ${i}`, region: `Place ${i}`, year: 2023, value, target: false, text: String(value) })) };
    const a = workerAnswerer(silent);
    try {
      const png = await a.chart(input);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.equals(await inThreadAnswerer().chart(input))).toBe(true);
    } finally {
      await a.close();
    }
  });

  it('inThreadAnswerer answers as answerQuestion does', async () => {
    expect(plain(await inThreadAnswerer().answer(index, QUESTIONS[2]!))).toEqual(plain(answerQuestion(index, QUESTIONS[2]!)));
  });
});
