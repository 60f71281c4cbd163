/**
 * The indexer: corpus files -> parsed articles -> sentence chunks + numeric facts -> search indexes,
 * written atomically with a manifest that records how the index was built.
 */
import { resolve } from 'node:path';
import { fingerprint, readCorpus, type CorpusFile } from '../corpus/load.js';
import { parseArticle } from '../corpus/parse.js';
import { splitSentences } from '../corpus/sentences.js';
import type { SkippedFile } from '../corpus/types.js';
import { gazetteer } from '../corpus/gazetteer.js';
import { canonicalize, tokens } from '../text/terms.js';
import { chunkSentences } from './chunk.js';
import { extractFacts } from './facts.js';
import { buildMetrics, metricKey } from './metrics.js';
import { lexiconHash } from '../text/lexicon.js';
import { SEARCH_OPTIONS_VERSION, createSearchIndex } from './search.js';
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

/** Build the index data from corpus files (pure apart from the clock). */
export function buildIndexData(
  files: CorpusFile[],
  skippedFiles: SkippedFile[],
  corpusDir: string,
  onProgress?: (p: BuildProgress) => void,
): IndexData {
  const docs: DocRecord[] = [];
  const chunks: Chunk[] = [];
  const facts: Fact[] = [];
  const skipped = [...skippedFiles];
  const search = createSearchIndex();
  const g = gazetteer();
  const vocabulary = new Set<string>();

  files.forEach((file, i) => {
    onProgress?.({ done: i, total: files.length, file: file.name });
    const article = parseArticle(file.name, file.text);
    const sentences = splitSentences(article.text);
    if (sentences.length === 0) {
      skipped.push({ file: file.name, reason: 'no article text after removing boilerplate' });
      return;
    }
    docs.push(article);
    for (const t of tokens(canonicalize(`${article.title} ${article.text}`))) if (/^[a-z&]{2,}$/.test(t)) vocabulary.add(t);
    const spans = chunkSentences(sentences);
    const firstChunk = chunks.length;
    const chunkOfSentence: number[] = [];
    spans.forEach((span, position) => {
      const text = article.text.slice(span.start, span.end);
      const id = chunks.length;
      const regions = [...new Set(g.find(text).filter((m) => !m.org).map((m) => m.id))];
      chunks.push({ id, doc: article.id, position, start: span.start, end: span.end, firstSentence: span.firstSentence, lastSentence: span.lastSentence, text, regions });
      for (let s = span.firstSentence; s <= span.lastSentence; s++) chunkOfSentence[s] ??= id;
      search.add({ id, text, title: position === 0 ? article.title : '' });
    });
    for (const f of extractFacts(article, sentences, (s) => chunkOfSentence[s] ?? firstChunk)) {
      const id = facts.length;
      const fact: Fact = { ...f, id, metric: metricKey(f.measure) };
      facts.push(fact);
    }
  });
  onProgress?.({ done: files.length, total: files.length, file: '' });

  const metrics = buildMetrics(facts);
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
        files: files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })),
      },
      counts: { documents: docs.length, chunks: chunks.length, facts: facts.length, metrics: metrics.length, skipped: skipped.length },
      skipped,
    },
    docs,
    chunks,
    facts,
    metrics,
    search,
    vocabulary: [...vocabulary].sort(),
  };
}

/** Rebuild the index of `corpusDir` into `outDir`. */
export async function buildIndex(
  corpusDir: string,
  outDir: string,
  options: WriteOptions & { onProgress?: (p: BuildProgress) => void; maxArticleBytes?: number } = {},
): Promise<BuildSummary> {
  const started = performance.now();
  await checkIndexTarget(outDir);
  const listing = await readCorpus(corpusDir, options.maxArticleBytes !== undefined ? { maxArticleBytes: options.maxArticleBytes } : {});
  const data = buildIndexData(listing.files, listing.skipped, corpusDir, options.onProgress);
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
