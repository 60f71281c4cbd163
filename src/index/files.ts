/** The files of an index folder. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  docs: 'docs.jsonl',
  texts: 'texts.bin',
  chunks: 'chunks.bin',
  facts: 'facts.bin',
  postings: 'postings.bin',
  metrics: 'metrics.jsonl',
  vocabulary: 'vocabulary.json',
} as const;
