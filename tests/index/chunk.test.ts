import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/parse.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import type { Sentence } from '../../src/corpus/types.js';
import { DEFAULT_CHUNK_OPTIONS, chunkSentences, type ChunkSpan } from '../../src/index/chunk.js';

const CORPUS = new URL('../../corpus/', import.meta.url);
const ARTICLES = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((file) => {
    const article = parseArticle(file, readFileSync(new URL(file, CORPUS), 'utf8'));
    const sentences = splitSentences(article.text);
    return { file, text: article.text, sentences, chunks: chunkSentences(sentences) };
  });

const size = (c: ChunkSpan) => c.lastSentence - c.firstSentence + 1;

describe('chunkSentences over the corpus', () => {
  it('has the five articles, each with sentences and chunks', () => {
    expect(ARTICLES).toHaveLength(5);
    for (const a of ARTICLES) expect(a.chunks.length).toBeGreaterThan(1);
  });

  it.each(ARTICLES)('$file: every sentence is in some chunk, chunks in order', ({ sentences, chunks }) => {
    const covered = new Set<number>();
    for (const c of chunks) for (let s = c.firstSentence; s <= c.lastSentence; s++) covered.add(s);
    expect([...covered].sort((x, y) => x - y)).toEqual(sentences.map((s) => s.index));
    expect(chunks[0]!.firstSentence).toBe(0);
    expect(chunks[chunks.length - 1]!.lastSentence).toBe(sentences.length - 1);
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i]!.firstSentence).toBeGreaterThan(chunks[i - 1]!.firstSentence);
      // No gap: the next chunk starts at or before the sentence after the previous chunk.
      expect(chunks[i]!.firstSentence).toBeLessThanOrEqual(chunks[i - 1]!.lastSentence + 1);
    }
  });

  it.each(ARTICLES)('$file: chunks are whole sentences', ({ sentences, chunks }) => {
    for (const c of chunks) {
      expect(c.start).toBe(sentences[c.firstSentence]!.start);
      expect(c.end).toBe(sentences[c.lastSentence]!.end);
      expect(c.lastSentence).toBeGreaterThanOrEqual(c.firstSentence);
    }
  });

  it.each(ARTICLES)('$file: no number is split between chunks', ({ text, chunks }) => {
    const numbers = [...text.matchAll(/\d+(?:[.,:]\d+)*%?/g)];
    expect(numbers.length).toBeGreaterThan(0);
    for (const m of numbers) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const holder = chunks.find((c) => c.start <= start && end <= c.end);
      expect(holder, `number ${m[0]} at ${start}`).toBeDefined();
      expect(text.slice(holder!.start, holder!.end)).toContain(m[0]);
    }
  });

  it.each(ARTICLES)('$file: consecutive chunks of ≥2 sentences overlap by exactly one sentence', ({ chunks }) => {
    for (let i = 1; i < chunks.length; i++) {
      const prev = chunks[i - 1]!;
      const next = chunks[i]!;
      if (size(prev) >= 2 && size(next) >= 2) {
        expect(next.firstSentence).toBe(prev.lastSentence);
        expect(next.start).toBeLessThan(prev.end);
      }
    }
  });

  it.each(ARTICLES)('$file: chunks hold 1 to 4 sentences and stay under maxChars unless one sentence is longer', ({ sentences, chunks }) => {
    for (const c of chunks) {
      expect(size(c)).toBeGreaterThanOrEqual(1);
      expect(size(c)).toBeLessThanOrEqual(4);
      if (size(c) > 1) {
        const chars = sentences.slice(c.firstSentence, c.lastSentence + 1).reduce((n, s) => n + s.end - s.start, 0);
        expect(chars).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxChars);
      }
    }
  });
});

/** Sentences of the given lengths, one space apart. */
function fakeSentences(lengths: number[]): Sentence[] {
  let at = 0;
  return lengths.map((len, index) => {
    const s: Sentence = { index, paragraph: 0, start: at, end: at + len, text: 'x'.repeat(len) };
    at += len + 1;
    return s;
  });
}

describe('chunkSentences on synthetic sentences', () => {
  it.each([
    ['no sentences', [], []],
    ['one sentence', [50], [[0, 0]]],
    ['two sentences', [50, 50], [[0, 1]]],
    ['three sentences', [50, 50, 50], [[0, 2]]],
    ['five sentences', [50, 50, 50, 50, 50], [[0, 2], [2, 4]]],
    ['six sentences', [50, 50, 50, 50, 50, 50], [[0, 2], [2, 4], [4, 5]]],
    ['a sentence longer than maxChars stands alone', [50, 1000, 50, 50], [[0, 0], [1, 1], [2, 3]]],
    ['maxChars stops growth at two sentences', [500, 300, 350, 300], [[0, 1], [1, 2], [2, 3]]],
  ] as [string, number[], [number, number][]][])('%s', (_name, lengths, expected) => {
    const sentences = fakeSentences(lengths);
    const chunks = chunkSentences(sentences);
    expect(chunks.map((c) => [c.firstSentence, c.lastSentence])).toEqual(expected);
    for (const c of chunks) {
      expect(c.start).toBe(sentences[c.firstSentence]!.start);
      expect(c.end).toBe(sentences[c.lastSentence]!.end);
    }
  });

  it('honours other options and always moves forward', () => {
    const sentences = fakeSentences([10, 10, 10, 10, 10, 10, 10]);
    expect(chunkSentences(sentences, { sentences: 4, overlap: 1, maxChars: 900 }).map((c) => [c.firstSentence, c.lastSentence])).toEqual([
      [0, 3],
      [3, 6],
    ]);
    expect(chunkSentences(sentences, { sentences: 2, overlap: 0, maxChars: 900 }).map((c) => [c.firstSentence, c.lastSentence])).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 6],
    ]);
    // overlap >= sentences would stand still: it must still terminate and cover everything.
    const stuck = chunkSentences(sentences, { sentences: 2, overlap: 2, maxChars: 900 });
    expect(stuck.length).toBeLessThanOrEqual(sentences.length);
    expect(stuck[stuck.length - 1]!.lastSentence).toBe(6);
  });
});
