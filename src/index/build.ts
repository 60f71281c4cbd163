/**
 * The indexer: corpus files -> parsed articles -> sentence chunks + numeric facts -> search indexes,
 * written atomically with a manifest that records how the index was built.
 */
import { resolve } from 'node:path';
import { fingerprint, readCorpus, type CorpusFile } from '../corpus/load.js';
import { parseArticleWithPlaces } from '../corpus/parse.js';
import { splitSentences } from '../corpus/sentences.js';
import type { SkippedFile } from '../corpus/types.js';
import type { RegionMention } from '../corpus/gazetteer.js';
import { chunkSentences } from './chunk.js';
import { extractFacts } from './facts.js';
import { PARALLEL_MIN_FILES, buildIndexDataParallel, defaultBuildWorkers } from './parallel-build.js';
import { buildMetrics, metricKey } from './metrics.js';
import { lexiconHash } from '../text/lexicon.js';
import { PostingsBuilder, fieldTerms, type FieldTerms } from './postings.js';
import { SEARCH_OPTIONS_VERSION } from './search.js';
import { SCHEMA_VERSION, checkIndexTarget, writeIndex, type IndexData, type WriteOptions } from './store.js';
import type { Chunk, DocRecord, Fact } from './types.js';

export interface BuildProgress {
  done: number;
  total: number;
  file: string;
}

export interface BuildSummary {
  documents: number;
  chunks: number;
  facts: number;
  metrics: number;
  skipped: SkippedFile[];
  seconds: number;
  outDir: string;
}

const BUILDER = 'regionbot 0.1.0';

/**
 * What the build makes of one corpus file on its own: the parsed article (null when it has no text
 * left), its words, chunks and facts. Chunk numbers (chunk ids' positions, facts' `chunk`) count from
 * 0 within the file; `IndexAssembler` makes them global. Independent of every other file, so files can be
 * analysed in worker threads (see parallel-build.ts).
 */
export interface FileAnalysis {
  name: string;
  article: DocRecord | null;
  /** Distinct canonical words of the title and text (for the vocabulary). */
  words: string[];
  chunks: Omit<Chunk, 'id'>[];
  facts: Omit<Fact, 'id' | 'metric'>[];
  /** `metricKey` of each fact's measure. */
  metrics: string[];
  /** Per chunk, its search fields tokenized (text, and the title for the first chunk). */
  fields: FieldTerms[][];
}

export function analyzeFile(file: Pick<CorpusFile, 'name' | 'text'>): FileAnalysis {
  const { article, places, textOffset } = parseArticleWithPlaces(file.name, file.text);
  const sentences = splitSentences(article.text);
  if (sentences.length === 0) return { name: file.name, article: null, words: [], chunks: [], facts: [], metrics: [], fields: [] };
  const placesOf = (start: number, end: number): RegionMention[] => places.find(textOffset + start, textOffset + end);
  const chunks: Omit<Chunk, 'id'>[] = [];
  const chunkOfSentence: number[] = [];
  chunkSentences(sentences).forEach((span, position) => {
    const text = article.text.slice(span.start, span.end);
    const regions = [...new Set(placesOf(span.start, span.end).filter((m) => !m.org).map((m) => m.id))];
    for (let s = span.firstSentence; s <= span.lastSentence; s++) chunkOfSentence[s] ??= chunks.length;
    chunks.push({ doc: article.id, position, start: span.start, end: span.end, firstSentence: span.firstSentence, lastSentence: span.lastSentence, text, regions });
  });
  const facts = extractFacts(article, sentences, (s) => chunkOfSentence[s] ?? 0, placesOf);
  // The search fields' tokens also give the article's words for the vocabulary (one tokenizing pass).
  const words = new Set<string>();
  const collect = (t: string) => {
    if (isVocabularyWord(t)) words.add(t);
  };
  const fields = chunks.map((c) => [fieldTerms(c.text, 'text', collect), fieldTerms(c.position === 0 ? article.title : '', 'title', collect)]);
  return { name: file.name, article, words: [...words], chunks, facts, metrics: facts.map((f) => metricKey(f.measure)), fields };
}

/** A token the vocabulary keeps: two or more of a–z and & (as /^[a-z&]{2,}$/). */
function isVocabularyWord(token: string): boolean {
  if (token.length < 2) return false;
  for (let k = 0; k < token.length; k++) {
    const code = token.charCodeAt(k);
    if (!((code >= 97 && code <= 122) || code === 38)) return false;
  }
  return true;
}

/** The index under construction: file analyses are added to it in corpus order. */
export class IndexAssembler {
  readonly docs: DocRecord[] = [];
  readonly chunks: Chunk[] = [];
  readonly facts: Fact[] = [];
  readonly skipped: SkippedFile[];
  readonly search = new PostingsBuilder();
  private readonly vocabulary = new Set<string>();

  constructor(skippedFiles: SkippedFile[]) {
    this.skipped = [...skippedFiles];
  }

  add(a: FileAnalysis): void {
    const article = a.article;
    if (!article) {
      this.skipped.push({ file: a.name, reason: 'no article text after removing boilerplate' });
      return;
    }
    this.docs.push(article);
    for (const w of a.words) this.vocabulary.add(w);
    const firstChunk = this.chunks.length;
    a.chunks.forEach((c, k) => {
      const chunk: Chunk = { id: this.chunks.length, ...c };
      this.chunks.push(chunk);
      this.search.add(a.fields[k]!);
    });
    a.facts.forEach((f, k) => {
      const id = this.facts.length;
      const fact: Fact = { ...f, chunk: f.chunk + firstChunk, id, metric: a.metrics[k]! };
      this.facts.push(fact);
    });
  }

  finish(files: CorpusFile[], corpusDir: string): IndexData {
    const metrics = buildMetrics(this.facts);
    return {
      manifest: {
        schemaVersion: SCHEMA_VERSION,
        searchOptionsVersion: SEARCH_OPTIONS_VERSION,
        lexicon: lexiconHash(),
        builtAt: new Date().toISOString(),
        builder: BUILDER,
        corpus: {
          dir: corpusDir,
          fingerprint: fingerprint(files),
          files: files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes, mtimeMs: f.mtimeMs })),
        },
        counts: { documents: this.docs.length, chunks: this.chunks.length, facts: this.facts.length, metrics: metrics.length, skipped: this.skipped.length },
        skipped: this.skipped,
      },
      docs: this.docs,
      chunks: this.chunks,
      facts: this.facts,
      metrics,
      search: this.search.finish(),
      vocabulary: [...this.vocabulary].sort(),
    };
  }
}

/** Build the index data from corpus files in this thread (pure apart from the clock). */
export function buildIndexData(
  files: CorpusFile[],
  skippedFiles: SkippedFile[],
  corpusDir: string,
  onProgress?: (p: BuildProgress) => void,
): IndexData {
  const index = new IndexAssembler(skippedFiles);
  files.forEach((file, i) => {
    onProgress?.({ done: i, total: files.length, file: file.name });
    index.add(analyzeFile(file));
  });
  onProgress?.({ done: files.length, total: files.length, file: '' });
  return index.finish(files, corpusDir);
}

/** Rebuild the index of `corpusDir` into `outDir`. */
export async function buildIndex(
  corpusDir: string,
  outDir: string,
  options: WriteOptions & {
    onProgress?: (p: BuildProgress) => void;
    maxArticleBytes?: number;
    /** Worker threads analysing files (0: all in this thread). Default: one per spare core, at most 2, for 100 files or more. */
    workers?: number;
  } = {},
): Promise<BuildSummary> {
  const started = performance.now();
  await checkIndexTarget(outDir);
  const listing = await readCorpus(corpusDir, options.maxArticleBytes !== undefined ? { maxArticleBytes: options.maxArticleBytes } : {});
  const workers = options.workers ?? (listing.files.length >= PARALLEL_MIN_FILES ? defaultBuildWorkers() : 0);
  const serial = (): IndexData => buildIndexData(listing.files, listing.skipped, corpusDir, options.onProgress);
  // A worker that cannot start (an unusual runtime) or fails leaves the build to this thread.
  const data =
    workers > 0
      ? await buildIndexDataParallel(listing.files, listing.skipped, corpusDir, { workers, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }).catch(serial)
      : serial();
  await writeIndex(outDir, data, options);
  return {
    documents: data.docs.length,
    chunks: data.chunks.length,
    facts: data.facts.length,
    metrics: data.metrics.length,
    skipped: data.manifest.skipped,
    seconds: (performance.now() - started) / 1000,
    outDir: resolve(outDir),
  };
}
