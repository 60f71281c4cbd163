/**
 * The minisearch options, defined once and versioned: build and load must use the same tokenizer,
 * term processing, fields and boosts, so the version is recorded in the manifest and checked on load.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { canonicalize, termOf, tokens } from '../text/terms.js';

/** Bump when anything below changes: indexes built with another version are rebuilt. */
export const SEARCH_OPTIONS_VERSION = 3;

export interface SearchDoc {
  id: number;
  text: string;
  title: string;
}

export const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: ['text', 'title'],
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
};

export function createSearchIndex(): MiniSearch<SearchDoc> {
  return new MiniSearch<SearchDoc>(MINISEARCH_OPTIONS);
}

export function loadSearchIndex(json: string): MiniSearch<SearchDoc> {
  return MiniSearch.loadJSON<SearchDoc>(json, MINISEARCH_OPTIONS);
}
