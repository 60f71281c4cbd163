/** Fact ranking for numeric questions, and the index vocabulary used to correct misspelled words. */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { FACT_QUERY_OPTIONS } from '../index/search.js';
import type { LoadedIndex } from '../index/store.js';
import type { Fact } from '../index/types.js';
import { canonicalize, terms } from '../text/terms.js';
import type { RouterVocabulary } from './router.js';
import type { NumericWant, ParsedQuestion } from './types.js';


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
      if (w.length >= 5) {
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


/** A question's metric words must be this well covered by a fact (share of words found). */
export const MIN_FACT_COVERAGE = 0.6;

export interface Scored {
  fact: Fact;
  score: number;
  coverage: number;
}

const KIND_FOR_WANT: Record<NumericWant, (f: Fact) => boolean> = {
  count: (f) => f.kind === 'count' && f.change === 'level',
  money: (f) => f.kind === 'money',
  percent: (f) => f.kind === 'percent',
  rank: (f) => f.kind === 'rank',
  places: (f) => f.kind === 'places',
  multiple: (f) => f.kind === 'multiple',
  ratio: (f) => f.kind === 'ratio',
  change: (f) => f.change === 'change' || f.kind === 'places',
  any: () => true,
};

function termsOfFact(f: Fact): { measure: Set<string>; all: Set<string> } {
  const measure = new Set(terms(f.measure));
  const all = new Set([...measure, ...terms(f.sentence)]);
  return { measure, all };
}

/** Score every fact that could answer the question (region and year are hard filters; see abstain()). */
export function rankFacts(index: LoadedIndex, q: ParsedQuestion, opts: { ignoreRegion?: boolean; ignoreYear?: boolean } = {}): Scored[] {
  const qTerms = [...new Set(q.metricTerms.flatMap((t) => terms(t)))];
  if (qTerms.length === 0) return [];
  const hits = index.factSearch.search(qTerms.join(' '), FACT_QUERY_OPTIONS);
  const maxBm25 = hits[0]?.score ?? 1;
  const want = q.want ?? 'any';
  const kindOk = KIND_FOR_WANT[want];
  const out: Scored[] = [];
  for (const hit of hits) {
    const f = index.facts[hit.id as number];
    if (!f) continue;
    if (!opts.ignoreRegion && q.regions.length > 0 && (f.region === null || !q.regions.includes(f.region))) continue;
    if (!opts.ignoreYear && q.year !== null && q.intent !== 'compare' && f.year !== q.year) continue;
    if (q.target === true && f.status !== 'target') continue;
    if (q.target === false && f.status !== 'actual') continue;
    if (!kindOk(f)) continue;
    const t = termsOfFact(f);
    const inMeasure = qTerms.filter((x) => t.measure.has(x)).length;
    const inAll = qTerms.filter((x) => t.all.has(x)).length;
    const coverage = inAll / qTerms.length;
    let score = 2 * (inMeasure / qTerms.length) + coverage + 0.3 * ((hit.score as number) / maxBm25);
    // Prefer a level for "what is/was X", an actual figure when the question does not ask for a plan.
    if (want !== 'change' && f.change === 'level') score += 0.3;
    if (want === 'any' && (f.kind === 'rank' || f.kind === 'ratio')) score -= 0.3;
    if (q.target === null && f.status === 'actual') score += 0.2;
    if (q.regions.length === 0 && f.region !== null) score += 0.05;
    score += 0.02 * ((f.year ?? 0) - 2000) / 30;
    out.push({ fact: f, score, coverage });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Same metric? (same key, or the same measured phrase after normalisation) */
export function sameMetric(a: Fact, b: Fact): boolean {
  return a.metric === b.metric && a.kind === b.kind && a.change === b.change;
}

