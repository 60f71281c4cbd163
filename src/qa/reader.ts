/**
 * The reader: retrieve -> read, as DrQA does it. Retrieval takes the best passages for the question
 * (minisearch over chunks, the question's metric words plus the places it names); every number
 * extracted from those passages is a candidate; each candidate gets evidence features (evidence.ts)
 * and a calibrated score from fitted weights (weights.json, made by `npm run train`). The caller
 * answers with the best candidate when its score clears the fitted threshold, and abstains otherwise.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { LoadedIndex } from '../index/store.js';
import type { Fact } from '../index/types.js';
import { ELLIPSIS, FILLER_WORDS, FROM_VALUE, QUALIFIERS } from '../text/lexicon.js';
import { terms } from '../text/terms.js';
import { parseNumber } from '../index/numbers.js';
import { placesIn } from './clauses.js';
import { FEATURE_NAMES, boundYear, clauseSpan, eligible, featurize, impliedYear, respectivelyPlace, type Candidate, type Request } from './evidence.js';
import type { NumericWant, ParsedQuestion } from './types.js';
import WEIGHTS from './weights.json' with { type: 'json' };

/**
 * The fitted reader: `ranker` orders a question's candidates (conditional logit over FEATURE_NAMES);
 * `verifier` gives the calibrated probability that a candidate is the answer (logistic regression over
 * its features plus how it stands among its rivals, VERIFIER_FEATURES). Answer only at `threshold` or above.
 */
export interface Model {
  features: readonly string[];
  ranker: number[];
  verifier: number[];
  threshold: number;
}

/** The verifier's inputs: a candidate's features, its softmax share among the question's candidates, its lead over the best rival value. */
export const VERIFIER_FEATURES = [...FEATURE_NAMES, 'rank_p', 'rank_margin'] as const;

export const MODEL: Model = WEIGHTS as unknown as Model;

/** Passages read per question. */
const PASSAGES = 24;

/** The typed request a parsed question makes. */
export function requestOf(q: ParsedQuestion): Request {
  const metric = [...new Set(q.metricTerms.flatMap((t) => terms(t)))].filter((t) => !FILLER_WORDS.has(t));
  const qualifiers = new Set(terms(q.text).filter((t) => QUALIFIERS.has(t)));
  const want: NumericWant = q.want ?? 'any';
  // "since 2017", "vs 2019", "from 2019 to 2022", "2019-2022": a change's base year, not the year asked.
  const lower = q.text.toLowerCase();
  const base = /\b(?:since|vs\.?|versus|compared (?:to|with)|from|between)\s+((?:19|20)\d\d)\b/.exec(lower) ?? /\b((?:19|20)\d\d)\s*[-–]\s*(?:19|20)\d\d\b/.exec(lower);
  const baseYear = base && (want === 'change' || want === 'multiple' || q.yearTo !== null) ? Number(base[1]) : null;
  const year = baseYear !== null ? (q.yearTo !== null && q.yearTo !== baseYear ? q.yearTo : null) : q.year;
  // "how many of Hainan's enterprises are in Haikou": the place inside the other is the one asked.
  const g = gazetteer();
  const regions = q.intent === 'compare' ? q.regions : q.regions.filter((r) => !q.regions.some((o) => o !== r && g.ancestors(o).includes(r)));
  return {
    want,
    numeric: q.intent === 'numeric' || q.intent === 'compare',
    words: new Set(terms(q.text)),
    names: q.names ?? [],
    regions,
    numbers: [...q.text.matchAll(/(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\d.,]*[km]\b)|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred)\b/gi)]
      .map((m) => parseNumber(m[0]))
      .filter((n) => Number.isFinite(n) && !(n >= 1900 && n <= 2100)),
    year,
    baseYear,
    target: q.target,
    terms: metric,
    unitTerms: q.unitTerm ? terms(q.unitTerm).filter((t) => !FILLER_WORDS.has(t)) : [],
    qualifiers,
  };
}

const regionMasks = new WeakMap<LoadedIndex, Map<string, Uint8Array>>();

/** Chunks about a place: its article or the passage itself names it (one mask per place, kept per index). */
function regionMask(index: LoadedIndex, region: string): Uint8Array {
  let masks = regionMasks.get(index);
  if (!masks) regionMasks.set(index, (masks = new Map()));
  let mask = masks.get(region);
  if (!mask) {
    const chunks = index.chunks;
    mask = new Uint8Array(chunks.length);
    const inDoc = index.docs.map((d) => d.regions.includes(region));
    for (let i = 0; i < chunks.length; i++) if (inDoc[chunks.docOf(i)] || chunks.regionsOf(i).includes(region)) mask[i] = 1;
    masks.set(region, mask);
  }
  return mask;
}

/** Two candidates with the same key state the same value. */
export function valueKey(c: Candidate): string {
  return `${c.fact.kind}:${c.fact.value}`;
}

/** Candidates for a request: the numbers of the best passages, in places the question allows. */
export function candidatesFor(index: LoadedIndex, q: ParsedQuestion, req: Request): Candidate[] {
  const g = gazetteer();
  const placeWords = req.regions.map((r) => g.name(r)).join(' ');
  const query = `${q.metricTerms.join(' ')} ${q.unitTerm ?? ''} ${placeWords}`.trim();
  if (!query) return [];
  // A place asked for that neither the article nor the passage names: nothing there is about it.
  const masks = req.regions.map((r) => regionMask(index, r));
  const filter = masks.length > 0 ? (chunk: number) => masks.some((m) => m[chunk] === 1) : undefined;
  const { hits, best } = index.search.search(query, { limit: PASSAGES, ...(filter ? { filter } : {}) });
  const top = best || 1;
  const out: Candidate[] = [];
  for (const hit of hits) {
    const chunk = index.chunks.get(hit.id);
    if (!chunk) continue;
    const doc = index.docById.get(chunk.doc);
    const docRegions = doc?.regions ?? [];
    const docYear = doc?.date ? Number(doc.date.slice(0, 4)) : null;
    const docMonth = doc?.date ? Number(doc.date.slice(5, 7)) : null;
    for (const fact of index.facts.ofChunk(chunk.id)) {
      out.push({ fact, docMain: doc?.mainRegion ?? null, docRegions, title: doc?.title ?? '', docYear, docMonth, retrieval: hit.score / top });
    }
  }
  return out;
}

export interface ScoredCandidate {
  candidate: Candidate;
  x: number[];
  /** The ranker's score (orders candidates). */
  rank: number;
  /** Calibrated probability that this is the answer. */
  p: number;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(w: readonly number[], x: readonly number[]): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (w[i] ?? 0) * (x[i] ?? 0);
  return z;
}

/** Verifier inputs for every candidate of one question (xs in FEATURE_NAMES order), given ranker weights. */
export function verifierInputs(xs: readonly number[][], values: readonly string[], ranker: readonly number[]): number[][] {
  const z = xs.map((x) => dot(ranker, x));
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return xs.map((x, i) => {
    let rival = -Infinity;
    for (let j = 0; j < xs.length; j++) if (j !== i && values[j] !== values[i] && z[j]! > rival) rival = z[j]!;
    const margin = Number.isFinite(rival) ? Math.max(-3, Math.min(3, z[i]! - rival)) / 3 : 1;
    return [...x, e[i]! / sum, margin];
  });
}

/** The verifier's probability for one verifier input. */
export function verify(v: readonly number[], model: Model = MODEL): number {
  return sigmoid(dot(model.verifier, v));
}

/** What the reader found for a question: the candidates that may answer it, and the rest. */
export interface Reading {
  /** Candidates that meet the question's constraints, best first by the ranker; `p` is the verifier's probability. */
  eligible: ScoredCandidate[];
  /** Candidates that name the metric but break a constraint (another year, a plan, a ratio), best first: nearby values for an abstention. */
  nearby: Candidate[];
}

const readings = new WeakMap<LoadedIndex, Map<string, Reading>>();

/** Forget remembered readings: each question is read afresh (answerQuestion calls this first). */
export function forgetReadings(index: LoadedIndex): void {
  readings.delete(index);
}

/** Read a question: retrieve its passages, score their numbers (remembered while one question is answered). */
export function readQuestion(index: LoadedIndex, q: ParsedQuestion, model: Model = MODEL): Reading {
  if (model !== MODEL) return readUncached(index, q, model);
  let cache = readings.get(index);
  if (!cache) readings.set(index, (cache = new Map()));
  const key = JSON.stringify([q.text, q.want, q.regions, q.year, q.yearTo, q.target, q.metricTerms, q.unitTerm, q.unknownPlaces]);
  let r = cache.get(key);
  if (!r) {
    r = readUncached(index, q, model);
    if (cache.size >= 64) cache.delete(cache.keys().next().value as string);
    cache.set(key, r);
  }
  return r;
}

function readUncached(index: LoadedIndex, q: ParsedQuestion, model: Model): Reading {
  if (model.features.join(',') !== FEATURE_NAMES.join(',')) throw new Error('weights.json was fitted for other features; run `npm run train`');
  const req = requestOf(q);
  const cands = candidatesFor(index, q, req);
  if (cands.length === 0) return { eligible: [], nearby: [] };
  const all = featurize(req, cands);
  // Only candidates that meet the question's own constraints (year, place, kind, plan or achieved) compete.
  const keep = cands.map((_, i) => i).filter((i) => eligible(all[i]!));
  const xs = keep.map((i) => all[i]!);
  const vs = verifierInputs(xs, keep.map((i) => valueKey(cands[i]!)), model.ranker);
  const scored = keep.map((ci, i) => ({ candidate: cands[ci]!, x: xs[i]!, rank: dot(model.ranker, xs[i]!), p: verify(vs[i]!, model) }));
  scored.sort((a, b) => b.rank - a.rank || a.candidate.fact.id - b.candidate.fact.id);
  const missing = FEATURE_NAMES.indexOf('m_missing');
  const nearby = cands
    .map((c, i) => ({ c, x: all[i]!, rank: dot(model.ranker, all[i]!) }))
    .filter(({ x }) => !eligible(x) && (x[missing] ?? 1) === 0)
    .sort((a, b) => b.rank - a.rank)
    .map(({ c }) => c);
  return { eligible: scored, nearby };
}

/** Every eligible candidate scored, best first by the ranker; `p` is the verifier's probability. */
export function read(index: LoadedIndex, q: ParsedQuestion, model: Model = MODEL): ScoredCandidate[] {
  return readQuestion(index, q, model).eligible;
}

/**
 * Where and when the value's own clause puts it, as the reader reads it (the index's labels come from
 * the sentence as a whole): the place a "respectively" list gives it or its clause names, and the year
 * its clause binds. Used to describe an answer, so "Mianyang's 7.14 percent" is not shown as Chengdu's.
 */
export function boundLabels(c: Candidate, index?: LoadedIndex): { region: string | null; year: number | null; measure: string } {
  const f = c.fact;
  const s = f.sentence;
  // "Of them, 11,020 are in Chengdu", "of which Wuhan contributed 147.3 billion yuan": the measure and
  // the year are the antecedent's (the main value of the sentence, or of the one before).
  let measure = f.measure;
  let antecedentYear: number | null = null;
  const [cs, ce] = clauseSpan(s, f.valueStart, f.valueEnd);
  const elliptic = f.measure.trim() === '' || PRONOUN_MEASURE.test(f.measure.trim()) || ELLIPSIS.test(s.slice(Math.max(0, cs - 30), f.valueStart));
  if (index && elliptic) {
    const antecedent = antecedentOf(index, f);
    if (antecedent) {
      measure = antecedent.measure;
      antecedentYear = impliedYear({ ...c, fact: antecedent }) ?? antecedent.year;
    }
  }
  let region = respectivelyPlace(s, f.valueStart);
  if (region === null) {
    const places = placesIn(s).filter((p) => p.start >= cs && p.end <= ce);
    const before = places.filter((p) => p.end <= f.valueStart);
    region = (before[before.length - 1] ?? places[0])?.id ?? null;
  }
  const year = f.status !== 'actual' ? f.year : (boundYear(s, f.valueStart, f.valueEnd, c.docYear) ?? antecedentYear ?? impliedYear(c) ?? f.year);
  return { region: region ?? f.region, year, measure };
}

/** The value an elliptic clause points back to: the nearest level (not a change, not a "from" value) earlier in its sentence, else the first of the sentence before. */
function antecedentOf(index: LoadedIndex, f: Fact): Fact | null {
  const earlier: Fact[] = [];
  for (let id = f.id - 1; id >= 0 && id >= f.id - 12; id--) {
    const a = index.facts.get(id);
    if (!a || a.doc !== f.doc) break;
    earlier.unshift(a);
  }
  const usable = (a: Fact) => a.change === 'level' && a.measure.trim() !== '' && !PRONOUN_MEASURE.test(a.measure.trim()) && !FROM_VALUE.test(a.sentence.slice(Math.max(0, a.valueStart - 30), a.valueStart));
  const same = earlier.filter((a) => a.sentenceStart === f.sentenceStart && a.valueStart < f.valueStart && usable(a)).pop();
  if (same) return same;
  const before = earlier.filter((a) => a.sentenceEnd <= f.sentenceStart);
  const last = before[before.length - 1];
  return last ? (before.filter((a) => a.sentenceStart === last.sentenceStart).find(usable) ?? null) : null;
}

/** A measured phrase that only points back ("them", "these", "it"). */
const PRONOUN_MEASURE = /^(?:of\s+)?(?:them|these|those|it|which|this|the total|the current total)$/i;
