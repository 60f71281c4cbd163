/** The index vocabulary, used to correct misspelled words in questions. */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import type { LoadedIndex } from '../index/store.js';
import { canonicalize } from '../text/terms.js';
import type { RouterVocabulary } from './router.js';


const vocabularies = new WeakMap<LoadedIndex, RouterVocabulary>();

export function vocabularyOf(index: LoadedIndex): RouterVocabulary {
  let v = vocabularies.get(index);
  if (v) return v;
  const words = new Set(index.vocabulary);
  const byFirst = new Map<string, string[]>();
  for (const w of index.vocabulary) {
    if (w.length < 4) continue;
    const list = byFirst.get(w[0]!) ?? [];
    list.push(w);
    byFirst.set(w[0]!, list);
  }
  const corrections = new Map<string, string | undefined>();
  v = {
    has: (w) => words.has(w) || words.has(canonicalize(w)),
    correct: (w) => {
      if (corrections.has(w)) return corrections.get(w);
      let best: { w: string; d: number } | undefined;
      if (w.length >= 6) {
        for (const c of byFirst.get(w[0]!) ?? []) {
          if (Math.abs(c.length - w.length) > 2) continue;
          const d = DamerauLevenshteinDistance(w, c);
          const limit = w.length >= 8 ? 2 : 1;
          if (d <= limit && (!best || d < best.d)) best = { w: c, d };
        }
      }
      corrections.set(w, best?.w);
      return best?.w;
    },
  };
  vocabularies.set(index, v);
  return v;
}
