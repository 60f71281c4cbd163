import type { Article } from '../corpus/types.js';

export interface Chunk {
  /** Position of the chunk in the index (also its minisearch id). */
  id: number;
  doc: string;
  /** Position of the chunk within its document (0-based). */
  position: number;
  /** Character offsets into the article's cleaned text. */
  start: number;
  end: number;
  /** Index of the first and last sentence (inclusive) of the article in this chunk. */
  firstSentence: number;
  lastSentence: number;
  text: string;
  regions: string[];
}

export type FactKind = 'money' | 'percent' | 'count' | 'rank' | 'places' | 'multiple' | 'ratio';

export interface Fact {
  id: number;
  doc: string;
  /** The value as a number in base units: 15.95e9 for "RMB15.95 billion", 7.48 for "7.48%", 2 for "doubled". */
  value: number;
  /** The second term of a ratio ("1:3" -> value 1, value2 3). */
  value2?: number;
  /** The value as the article states it, e.g. "RMB15.95 billion", "7.48%", "doubled", "nine places". */
  text: string;
  kind: FactKind;
  /** Unit: ISO currency code for money ("CNY", "USD"), "%" for percent, "times", "places", "rank", "ratio", or the counted noun for counts. */
  unit: string;
  /** For money: the scale word as stated ("billion", "million", "100 million", "ten thousand"), if any. */
  scale?: string;
  /** "more than", "nearly", "over", "about"... when the value is approximate or a bound. */
  qualifier?: string;
  /** The phrase the number belongs to, e.g. "R&D investment of the whole society", "hi-tech enterprises". */
  measure: string;
  /** The normalized metric key (see index/metrics.ts), e.g. "high-tech enterprises". */
  metric: string;
  /** Level ("reached 2705") or change ("increased by 65%"). */
  change: 'level' | 'change';
  /** For changes and places moved: up or down. */
  direction?: 'up' | 'down';
  status: 'actual' | 'target';
  /** The year the fact refers to (target year for targets). */
  year: number | null;
  /** Where the year came from. */
  yearFrom: 'sentence' | 'context' | 'article' | 'none';
  /** Region id, or null when none can be attributed. */
  region: string | null;
  /** The sentence holding the fact and its offsets in the article text. */
  sentence: string;
  sentenceStart: number;
  sentenceEnd: number;
  /** Offsets of the stated value (`text`) within `sentence`, for bolding. */
  valueStart: number;
  valueEnd: number;
  /** The sentence before, in the same paragraph (it often names what the number is about). */
  previous?: string;
  /** Index of the chunk holding the sentence. */
  chunk: number;
}

/** Article metadata kept in the index (the cleaned text is kept too, for inspection and snippets). */
export type DocRecord = Article;

export interface MetricEntry {
  /** Normalized key, e.g. "high-tech enterprises". */
  key: string;
  /** Display name: the most common surface form. */
  name: string;
  /** Kinds of its facts, most common first. */
  kinds: FactKind[];
  factIds: number[];
  regions: string[];
  years: number[];
}

export interface Manifest {
  schemaVersion: number;
  /** Version of the search options (tokenizer, stemmer, stop words, synonyms, fields, boosts). */
  searchOptionsVersion: number;
  /** Hash of the lexicon (synonyms, stop words, cue words) and the extraction rules version the index was built with. */
  lexicon: string;
  builtAt: string;
  builder: string;
  corpus: {
    dir: string;
    /** sha256 over the sorted (file name, content hash) pairs. */
    fingerprint: string;
    /** mtimeMs: the file's modification time when the build read it (absent in older manifests). */
    files: { name: string; sha256: string; bytes: number; mtimeMs?: number }[];
  };
  counts: { documents: number; chunks: number; facts: number; metrics: number; skipped: number };
  skipped: { file: string; reason: string }[];
}
