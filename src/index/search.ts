/**
 * The minisearch options, defined once and versioned: build and load must use the same tokenizer,
 * term processing, fields and boosts, so the version is recorded in the manifest and checked on load.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { canonicalize, termOf, tokens } from '../text/terms.js';

/** Bump when anything below changes: indexes built with another version are rebuilt. */
export const SEARCH_OPTIONS_VERSION = 4;

export interface SearchDoc {
  id: number;
  text: string;
  title: string;
}

/** The indexed fields of a chunk: its text, and for an article's first chunk the article's title. */
export const SEARCH_FIELDS = ['text', 'title'] as const;

/** BM25+ parameters: minisearch's defaults, stated here because postings.ts scores with them too. */
export const BM25_PARAMS = { k: 1.2, b: 0.7, d: 0.5 } as const;

export const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  tokenize: (text: string) => tokens(canonicalize(text)),
  processTerm: (term: string) => termOf(term),
};

/** Query options: BM25 OR-query, title boosted, no prefix or fuzzy expansion (slow and noisy over news). */
export const QUERY_OPTIONS: SearchOptions = {
  boost: { title: 2 },
  combineWith: 'OR',
  prefix: false,
  fuzzy: false,
  bm25: { ...BM25_PARAMS },
};

/** A minisearch index with these options: the reference postings.ts is tested against. */
export function createSearchIndex(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>(MINISEARCH_OPTIONS);
}
