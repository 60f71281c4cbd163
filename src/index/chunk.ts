import type { Sentence } from '../corpus/types.js';

export interface ChunkSpan {
  firstSentence: number;
  lastSentence: number;
  start: number;
  end: number;
}

export interface ChunkOptions {
  /** Target number of sentences per chunk. */
  sentences: number;
  /** Sentences shared with the previous chunk. */
  overlap: number;
  /** A chunk stops growing past this many characters (but always holds at least one whole sentence). */
  maxChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { sentences: 3, overlap: 1, maxChars: 900 };

/**
 * Sentence-aware chunking: consecutive sentences of one paragraph run (about 2–4), with one sentence
 * of overlap. Chunks are made of whole sentences, so a number is never cut off from its sentence.
 * Every sentence is in at least one chunk.
 */
export function chunkSentences(sentences: Sentence[], options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): ChunkSpan[] {
  const chunks: ChunkSpan[] = [];
  const step = Math.max(1, options.sentences - options.overlap);
  let i = 0;
  while (i < sentences.length) {
    let j = i;
    let chars = sentences[i]!.end - sentences[i]!.start;
    while (
      j + 1 < sentences.length &&
      j - i + 1 < options.sentences &&
      chars + (sentences[j + 1]!.end - sentences[j + 1]!.start) <= options.maxChars
    ) {
      j++;
      chars += sentences[j]!.end - sentences[j]!.start;
    }
    chunks.push({ firstSentence: i, lastSentence: j, start: sentences[i]!.start, end: sentences[j]!.end });
    if (j === sentences.length - 1) break;
    // Move on with one sentence of overlap, but never stand still.
    i = Math.max(i + 1, Math.min(i + step, j + 1 - options.overlap));
  }
  return chunks;
}
