/** The files of an index folder. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  docs: 'docs.json',
  chunks: 'chunks.json',
  facts: 'facts.json',
  metrics: 'metrics.json',
  search: 'search.json',
  vocabulary: 'vocabulary.json',
} as const;
