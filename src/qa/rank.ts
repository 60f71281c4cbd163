/** Fact ranking for numeric questions, and the index vocabulary used to correct misspelled words. */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { FACT_QUERY_OPTIONS } from '../index/search.js';
import type { LoadedIndex } from '../index/store.js';
import type { Fact } from '../index/types.js';
import { canonicalize, stem, terms } from '../text/terms.js';
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


/** A question's metric words must be this well covered by a fact (share of words found). */
export const MIN_FACT_COVERAGE = 0.6;

const OPTIONAL_TERMS = new Set(['want', 'tri', 'came', 'come', 'get', 'give', 'take', 'make', 'support', 'help', 'us', 'receiv', 'discuss', 'evalu', 'speed', 'reach', 'need', 'includ', 'exist', 'current', 'latest', 'recent', 'alreadi', 'far', 'jump', 'climb', 'move']);

function stemOf(word: string): string {
  return stem(word.toLowerCase());
}

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
  const all = new Set([...measure, ...terms(f.sentence), ...terms(f.previous ?? '')]);
  return { measure, all };
}

/** Score every fact that could answer the question (region and year are hard filters; see abstain()). */
export function rankFacts(index: LoadedIndex, q: ParsedQuestion, opts: { ignoreRegion?: boolean; ignoreYear?: boolean } = {}): Scored[] {
  const qTerms = [...new Set(q.metricTerms.flatMap((t) => terms(t)))];
  // "how many places did Hefei move up": the kind of number is the whole metric.
  const byKindOnly = qTerms.length === 0 && (q.want === 'places' || q.want === 'rank') && q.regions.length > 0;
  if (qTerms.length === 0 && !byKindOnly) return [];
  // Verbs ("received", "trying", "want") help ranking but are not required to match.
  const core = qTerms.filter((t) => !OPTIONAL_TERMS.has(t) && !/(?:ed|ing)$/.test(t));
  const required = core.length > 0 ? core : qTerms;
  const units = q.unitTerm ? terms(q.unitTerm) : [];
  const hits = byKindOnly
    ? index.facts.map((f) => ({ id: f.id, score: 1 }))
    : index.factSearch.search(qTerms.join(' '), FACT_QUERY_OPTIONS);
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
    // A fact whose measured phrase names none of the question's words is about something else.
    if (!byKindOnly && !required.some((x) => t.measure.has(x)) && !units.some((u) => t.measure.has(u))) continue;
    const inMeasure = byKindOnly ? 1 : required.filter((x) => t.measure.has(x)).length;
    const inAll = byKindOnly ? 1 : required.filter((x) => t.all.has(x)).length;
    const coverage = inAll / Math.max(1, required.length);
    let score = 2 * (inMeasure / Math.max(1, required.length)) + coverage + 0.3 * ((hit.score as number) / maxBm25);
    // Words of the metric that the question did not ask for ("government's" R&D investment).
    const extra = f.metric.split(' ').filter((k) => k && !qTerms.includes(k)).length;
    score -= Math.min(0.3, 0.1 * extra);
    if (units.includes(stemOf(f.unit))) score += 1.5;
    // Prefer a level for "what is/was X", an actual figure when the question does not ask for a plan.
    if (want !== 'change' && f.change === 'level') score += 0.3;
    if (want === 'any' && (f.kind === 'rank' || f.kind === 'ratio')) score -= 0.3;
    if (q.target === null && f.status === 'actual') score += 0.2;
    if (q.regions.length === 0 && f.region !== null) score += 0.05;
    out.push({ fact: f, score, coverage });
  }
  out.sort((a, b) => b.score - a.score);
  // Among equally good values of the same metric, lead with the one the question asks for, else the most recent.
  const top = out[0];
  if (top && q.year === null) {
    const tied = out.filter((s) => s.fact.metric === top.fact.metric && s.fact.kind === top.fact.kind && s.fact.change === top.fact.change && s.coverage >= top.coverage && top.score - s.score < 0.5);
    // An achieved figure before a plan (unless the question asks for a plan), then the most recent.
    const rankStatus = (f: Fact) => (q.target === null && f.status === 'actual' ? 0 : 1);
    const latest = tied.sort((a, b) => rankStatus(a.fact) - rankStatus(b.fact) || (b.fact.year ?? 0) - (a.fact.year ?? 0))[0];
    if (latest && latest !== top) {
      out.splice(out.indexOf(latest), 1);
      out.unshift(latest);
    }
  }
  return out;
}

/** Same metric? (same key, or the same measured phrase after normalisation) */
export function sameMetric(a: Fact, b: Fact): boolean {
  return a.metric === b.metric && a.kind === b.kind && a.change === b.change;
}

