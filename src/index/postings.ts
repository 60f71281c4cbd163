/**
 * Full-text retrieval over the chunks at 100k-chunk scale: minisearch's BM25+ ranking (the same
 * tokenizer, term processing, fields, boosts and parameters, from search.ts), held as compact
 * postings in typed arrays instead of minisearch's maps of maps.
 *
 * Why not minisearch itself at run time: measured on the bench's 100k-chunk corpus, a loaded
 * minisearch index retained ~277 MB and took ~2.5 s to load (loadJSON), and each OR query
 * materialized a result object per matching chunk (tens of thousands) to use 24 of them: the issue's
 * memory (<= 150 MB for everything), cold-start (<= 1.5 s) and latency bars are out of its reach.
 * minisearch remains the definition of the ranking: tests/index/postings.test.ts checks that this
 * engine returns minisearch's hits, scores and order for the same documents and queries.
 *
 * Scoring, as minisearch 7 does it (OR query, no prefix/fuzzy):
 *   for each query term t (repeats included), each field f with boost w_f:
 *     idf = ln(1 + (N - df + 0.5) / (df + 0.5)),  df = chunks whose field f holds t
 *     s  += w_f * idf * (d + tf (k + 1) / (tf + k (1 - b + b len_f / avglen_f)))
 *   score = s * (number of distinct query terms matched); ties keep minisearch's order.
 * len_f is the number of distinct tokens of the field; avglen_f its running mean, as minisearch
 * computes it.
 */
import { BM25_PARAMS, MINISEARCH_OPTIONS, QUERY_OPTIONS, SEARCH_FIELDS } from './search.js';
import { ContainerError, checkBelow, checkOrDefer, column, narrow, uintColumn, type DeferredChecks, type Table, type UintColumn } from './columns.js';

/** One field of one chunk, tokenized the way minisearch indexes it. */
export interface FieldTerms {
  /** Distinct processed terms, in order of first occurrence. */
  terms: string[];
  /** Occurrences of each term. */
  tfs: number[];
  /** Distinct raw tokens (minisearch's field length). */
  length: number;
}

const tokenize = MINISEARCH_OPTIONS.tokenize as (text: string, field?: string) => string[];
const processTerm = MINISEARCH_OPTIONS.processTerm as (term: string, field?: string) => string | string[] | null | undefined | false;

function processed(token: string, field?: string): string[] {
  const p = processTerm(token, field);
  if (Array.isArray(p)) return p.filter((t) => !!t);
  return p ? [p] : [];
}

/** A field's terms; `onToken` sees every raw token (the build collects the vocabulary with it). */
export function fieldTerms(text: string, field: string, onToken?: (token: string) => void): FieldTerms {
  const tokens = tokenize(text, field);
  if (onToken) for (const t of tokens) onToken(t);
  const counts = new Map<string, number>();
  for (const token of tokens) for (const t of processed(token, field)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return { terms: [...counts.keys()], tfs: [...counts.values()], length: new Set(tokens).size };
}

export interface Hit {
  /** Chunk id. */
  id: number;
  score: number;
}

export interface SearchOptions {
  /** Keep the best `limit` hits (default: all). */
  limit?: number;
  /** Only chunks for which this is true count towards `limit`. */
  filter?: (chunk: number) => boolean;
}

export interface SearchResult {
  /** Best first. */
  hits: Hit[];
  /** The best score before filtering (0 when nothing matched). */
  best: number;
}

interface FieldPostings {
  /** Per term: its postings are [offsets[t], offsets[t+1]). */
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: UintColumn;
  /** Per chunk: the field's length. */
  lengths: UintColumn;
  average: number;
  /** Per chunk: k (1 - b + b len / avglen), computed once as minisearch computes it per posting. */
  norms?: Float64Array;
}

function norms(p: FieldPostings): Float64Array {
  if (!p.norms) {
    const { k, b } = BM25_PARAMS;
    p.norms = new Float64Array(p.lengths.length);
    for (let i = 0; i < p.lengths.length; i++) p.norms[i] = k * (1 - b + (b * p.lengths[i]!) / p.average);
  }
  return p.norms;
}

export class Postings {
  private readonly boosts: number[];
  /** Scratch space for a query (one query at a time: JavaScript is single-threaded). */
  private readonly total: Float64Array;
  /** Per chunk: the last query term that counted towards its quality. */
  private readonly counted: Int32Array;
  private readonly order: Int32Array;
  private readonly quality: Uint16Array;

  constructor(
    /** Sorted, distinct. */
    readonly terms: string[],
    private readonly fields: FieldPostings[],
    readonly documentCount: number,
  ) {
    const boost = (QUERY_OPTIONS.boost ?? {}) as Record<string, number>;
    this.boosts = SEARCH_FIELDS.map((f) => boost[f] ?? 1);
    this.total = new Float64Array(documentCount);
    this.counted = new Int32Array(documentCount);
    this.order = new Int32Array(documentCount);
    this.quality = new Uint16Array(documentCount);
  }

  termId(term: string): number {
    let lo = 0;
    let hi = this.terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.terms[mid]!;
      if (t === term) return mid;
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The query's terms as minisearch reads them (repeats kept: each one scores again). */
  queryTerms(query: string): string[] {
    return tokenize(query).flatMap((t) => processed(t));
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const { k, d } = BM25_PARAMS;
    const N = this.documentCount;
    const total = this.total;
    const order = this.order;
    const quality = this.quality;
    const touched: number[] = [];
    const seenTerms = new Set<number>();
    const counted = this.counted;
    let spec = 0;
    for (const term of this.queryTerms(query)) {
      const t = this.termId(term);
      if (t < 0) continue;
      const repeat = seenTerms.has(t);
      seenTerms.add(t);
      spec++;
      for (let f = 0; f < this.fields.length; f++) {
        const p = this.fields[f]!;
        const from = p.offsets[t]!;
        const to = p.offsets[t + 1]!;
        if (to === from) continue;
        const df = to - from;
        const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
        const boost = this.boosts[f]!;
        const norm = norms(p);
        const docs = p.docs;
        const tfs = p.tfs;
        for (let i = from; i < to; i++) {
          const doc = docs[i]!;
          const tf = tfs[i]!;
          const weighted = boost * idf * (d + (tf * (k + 1)) / (tf + norm[doc]!));
          if (order[doc] === 0) {
            touched.push(doc);
            order[doc] = touched.length;
            total[doc] = weighted;
          } else total[doc] = total[doc]! + weighted;
          if (!repeat && counted[doc] !== spec) {
            counted[doc] = spec;
            quality[doc] = quality[doc]! + 1;
          }
        }
      }
    }
    const limit = options.limit ?? touched.length;
    const filter = options.filter;
    let best = 0;
    // The best `limit` by (score desc, first match asc), kept sorted in a small array.
    const top: Hit[] = [];
    const orders: number[] = [];
    for (const doc of touched) {
      const score = total[doc]! * (quality[doc]! || 1);
      const o = order[doc]!;
      total[doc] = 0;
      order[doc] = 0;
      quality[doc] = 0;
      counted[doc] = 0;
      if (score > best) best = score;
      if (limit <= 0 || (filter && !filter(doc))) continue;
      if (top.length === limit) {
        const last = top[limit - 1]!;
        if (score < last.score || (score === last.score && o > orders[limit - 1]!)) continue;
      }
      let at = top.length;
      while (at > 0 && (top[at - 1]!.score < score || (top[at - 1]!.score === score && orders[at - 1]! > o))) at--;
      top.splice(at, 0, { id: doc, score });
      orders.splice(at, 0, o);
      if (top.length > limit) {
        top.pop();
        orders.pop();
      }
    }
    return { hits: top, best };
  }

  /** The columns and metadata to store (see columns.ts). */
  toTable(): Table {
    const columns: Table['columns'] = {};
    this.fields.forEach((p, f) => {
      const name = SEARCH_FIELDS[f]!;
      columns[`${name}.offsets`] = p.offsets;
      columns[`${name}.docs`] = p.docs;
      columns[`${name}.tfs`] = narrow(p.tfs);
      columns[`${name}.lengths`] = narrow(p.lengths);
    });
    return {
      kind: 'postings',
      columns,
      tables: { terms: this.terms },
      meta: { documentCount: this.documentCount, fields: [...SEARCH_FIELDS], averages: this.fields.map((p) => p.average) },
    };
  }

  static fromTable(t: Table, later?: DeferredChecks): Postings {
    const n = t.meta.documentCount;
    const averages = t.meta.averages;
    const fields = t.meta.fields;
    if (typeof n !== 'number' || !Array.isArray(averages) || JSON.stringify(fields) !== JSON.stringify(SEARCH_FIELDS)) throw new ContainerError('postings of another layout');
    const terms = t.tables.terms ?? [];
    const out = SEARCH_FIELDS.map((name, f): FieldPostings => {
      const offsets = column(t, `${name}.offsets`, 'u32', terms.length + 1);
      const total = offsets[terms.length]!;
      const docs = column(t, `${name}.docs`, 'u32', total);
      // In slices of a million postings (see DeferredChecks).
      for (let from = 0; from < docs.length; from += 1 << 20) checkOrDefer(later, () => checkBelow(docs.subarray(from, from + (1 << 20)), n, `${name}.docs`));
      checkOrDefer(later, () => {
        for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) throw new ContainerError(`${name}.offsets are not ascending`);
      });
      const average = averages[f];
      if (typeof average !== 'number') throw new ContainerError('missing field average');
      return { offsets, docs, tfs: uintColumn(t, `${name}.tfs`, total), lengths: uintColumn(t, `${name}.lengths`, n), average };
    });
    return new Postings(terms, out, n);
  }
}

/** Builds postings chunk by chunk, in chunk-id order (the order minisearch's averages depend on). */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];
  /** Per field, per term: doc, tf, doc, tf, ... */
  private readonly lists: number[][][] = SEARCH_FIELDS.map(() => []);
  private readonly lengths: number[][] = SEARCH_FIELDS.map(() => []);
  private readonly averages: number[] = SEARCH_FIELDS.map(() => 0);
  private count = 0;

  /** Add the next chunk: one FieldTerms per field of SEARCH_FIELDS. */
  add(fields: readonly FieldTerms[]): number {
    const doc = this.count;
    fields.forEach((ft, f) => {
      // minisearch's running mean, to the last bit.
      this.averages[f] = (this.averages[f]! * doc + ft.length) / (doc + 1);
      this.lengths[f]!.push(ft.length);
      const lists = this.lists[f]!;
      for (let i = 0; i < ft.terms.length; i++) {
        const term = ft.terms[i]!;
        let id = this.ids.get(term);
        if (id === undefined) {
          id = this.words.length;
          this.words.push(term);
          this.ids.set(term, id);
          for (const l of this.lists) l.push([]);
        }
        lists[id]!.push(doc, ft.tfs[i]!);
      }
    });
    this.count++;
    return doc;
  }

  finish(): Postings {
    const order = this.words.map((_, i) => i).sort((a, b) => (this.words[a]! < this.words[b]! ? -1 : 1));
    const terms = order.map((i) => this.words[i]!);
    const fields = SEARCH_FIELDS.map((_, f): FieldPostings => {
      const lists = this.lists[f]!;
      let total = 0;
      for (const l of lists) total += l.length / 2;
      const offsets = new Uint32Array(terms.length + 1);
      const docs = new Uint32Array(total);
      const tfs = new Uint16Array(total);
      let at = 0;
      order.forEach((id, t) => {
        offsets[t] = at;
        const l = lists[id]!;
        for (let i = 0; i < l.length; i += 2) {
          docs[at] = l[i]!;
          tfs[at] = Math.min(65535, l[i + 1]!);
          at++;
        }
      });
      offsets[terms.length] = at;
      return { offsets, docs, tfs, lengths: Uint32Array.from(this.lengths[f]!), average: this.averages[f]! };
    });
    return new Postings(terms, fields, this.count);
  }
}
