/**
 * The reference the benchmark compares answering against: a minimal BM25 (k1 = 1.2, b = 0.75) over
 * the same chunk texts, with the product's own tokenizer (`terms` of src/text/terms.ts), postings in
 * typed arrays, and the top 10 by score. Deliberately plain: it is the floor a lookup can reach.
 */
import { terms } from '../../src/text/terms.js';

export interface Hit {
  doc: number;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

export class Bm25 {
  private readonly termIds = new Map<string, number>();
  /** Per term: the documents holding it (ascending) and the term's frequency in each. */
  private readonly postingDocs: Int32Array[] = [];
  private readonly postingTf: Uint16Array[] = [];
  private readonly idf: Float64Array;
  private readonly docNorm: Float64Array;
  private readonly scores: Float64Array;
  readonly size: number;

  constructor(texts: readonly string[]) {
    this.size = texts.length;
    const lists: { docs: number[]; tfs: number[] }[] = [];
    const lengths = new Float64Array(texts.length);
    let total = 0;
    texts.forEach((text, doc) => {
      const ts = terms(text);
      lengths[doc] = ts.length;
      total += ts.length;
      const counts = new Map<number, number>();
      for (const t of ts) {
        let id = this.termIds.get(t);
        if (id === undefined) {
          id = lists.length;
          this.termIds.set(t, id);
          lists.push({ docs: [], tfs: [] });
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, tf] of counts) {
        lists[id]!.docs.push(doc);
        lists[id]!.tfs.push(Math.min(tf, 65535));
      }
    });
    const avg = total / Math.max(1, texts.length);
    this.docNorm = new Float64Array(texts.length);
    for (let d = 0; d < texts.length; d++) this.docNorm[d] = K1 * (1 - B + (B * lengths[d]!) / (avg || 1));
    this.idf = new Float64Array(lists.length);
    lists.forEach((l, id) => {
      this.postingDocs.push(Int32Array.from(l.docs));
      this.postingTf.push(Uint16Array.from(l.tfs));
      const df = l.docs.length;
      this.idf[id] = Math.log(1 + (texts.length - df + 0.5) / (df + 0.5));
    });
    this.scores = new Float64Array(texts.length);
  }

  /** The `k` best documents for the query, best first (ties: lower document number first). */
  search(query: string, k = 10): Hit[] {
    const ids = [...new Set(terms(query))].map((t) => this.termIds.get(t)).filter((x): x is number => x !== undefined);
    const touched: number[] = [];
    const scores = this.scores;
    for (const id of ids) {
      const docs = this.postingDocs[id]!;
      const tfs = this.postingTf[id]!;
      const idf = this.idf[id]!;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        const tf = tfs[i]!;
        if (scores[d] === 0) touched.push(d);
        scores[d] = scores[d]! + (idf * tf * (K1 + 1)) / (tf + this.docNorm[d]!);
      }
    }
    // Top k by a small sorted buffer (k is tiny next to the touched documents).
    const top: Hit[] = [];
    for (const d of touched) {
      const score = scores[d]!;
      scores[d] = 0;
      const last = top[k - 1];
      if (top.length === k && last && (score < last.score || (score === last.score && d > last.doc))) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]!.score < score || (top[at - 1]!.score === score && top[at - 1]!.doc > d))) at--;
      top.splice(at, 0, { doc: d, score });
      if (top.length > k) top.pop();
    }
    return top;
  }
}
