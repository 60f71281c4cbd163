/**
 * Evidence features: how well one candidate number answers one typed request. Each feature is a small
 * pure function of the request and the candidate's own text (its clause, its sentence, the sentence
 * before it, the article's regions and dateline), so the reader does not have to trust a single label
 * made at index time. The scorer (score.ts) weighs them with weights fitted on questions with gold
 * answers (scripts/train.ts).
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { Fact } from '../index/types.js';
import { stem, terms } from '../text/terms.js';
import { ELLIPSIS, FROM_VALUE, GENERIC_MEASURE_WORDS, HEADLINE_PLAN, QUALIFIERS, SAYS_CITY, TARGET_CUE } from '../text/lexicon.js';
import { clauseSpan, impliedYear, placesIn, respectivelyItems, respectivelyPlace, yearHits, type Place } from './clauses.js';
import { FEATURE_NAMES, type Candidate, type FeatureName, type Request } from './features.js';
import type { NumericWant } from './types.js';

export { boundYear, clauseSpan, impliedYear, respectivelyPlace } from './clauses.js';
export { FEATURE_NAMES, type Candidate, type FeatureName, type Request } from './features.js';


const TERM_SETS = new Map<string, ReadonlySet<string>>();
const TERM_SET_CACHE = 4096;

/**
 * Stemmed terms of a text, as a set. Memoized: the candidates of a question share their sentences,
 * titles and measures, and tokenizing (the synonym patterns) was most of a question's cost.
 */
function termSet(text: string): ReadonlySet<string> {
  let set = TERM_SETS.get(text);
  if (!set) {
    set = new Set(terms(text));
    if (TERM_SETS.size >= TERM_SET_CACHE) TERM_SETS.delete(TERM_SETS.keys().next().value as string);
    TERM_SETS.set(text, set);
  }
  return set;
}

function coverage(want: readonly string[], have: ReadonlySet<string>): number {
  if (want.length === 0) return 0;
  let n = 0;
  for (const t of want) if (have.has(t)) n++;
  return n / want.length;
}

function related(a: string, b: string): boolean {
  return a === b;
}

// ---------------------------------------------------------------------------------------------
// Kinds

/** A percent after a growth verb is a change even when the index labelled it a level ("grew by an average of 11.8 percent"). */
const GROWTH_BEFORE = /\b(?:grow|grew|grown|growth|increas\w*|ris\w*|rose|up|jump\w*|climb\w*|expand\w*|average annual|annual average|annually)\b[^;]{0,40}$/i;

const ZONE = stem('zone');

const KIND_OK: Record<NumericWant, (f: Fact) => boolean> = {
  count: (f) => f.kind === 'count',
  money: (f) => f.kind === 'money',
  percent: (f) => f.kind === 'percent',
  rank: (f) => f.kind === 'rank',
  places: (f) => f.kind === 'places',
  multiple: (f) => f.kind === 'multiple',
  ratio: (f) => f.kind === 'ratio' || f.kind === 'count' || f.kind === 'percent',
  change: (f) => f.change === 'change' || f.kind === 'places' || f.kind === 'multiple',
  any: () => true,
};

// ---------------------------------------------------------------------------------------------
// Features

type Vector = Record<FeatureName, number>;

/** The candidate's value in its sentence: the clause around it and the text right after it. */
interface ValueSite {
  f: Fact;
  s: string;
  cs: number;
  ce: number;
  clause: string;
  after: string;
}

/** The feature vector of a candidate for a request, in FEATURE_NAMES order. */
export function features(req: Request, c: Candidate): number[] {
  const f = c.fact;
  const s = f.sentence;
  const [cs, ce] = clauseSpan(s, f.valueStart, f.valueEnd);
  const site: ValueSite = { f, s, cs, ce, clause: s.slice(cs, ce), after: s.slice(f.valueEnd, Math.min(ce, f.valueEnd + 60)) };
  const v: Vector = Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as Vector;
  v.bias = 1;
  typeFeatures(v, req, site);
  const sentenceTerms = metricFeatures(v, req, c, site);
  qualifierFeatures(v, req, site, sentenceTerms);
  if (req.regions.length === 0) v.reg_none_asked = 1;
  else regionFeatures(v, req, c, site);
  itemFeatures(v, req, site);
  nameFeatures(v, req, site);
  const bound = yearFeatures(v, req, c, site);
  planFeatures(v, req, site);
  v.q_not_numeric = req.numeric ? 0 : 1;
  v.hard_bad = hardBad(v, req, f, bound);
  v.retrieval = c.retrieval;
  return FEATURE_NAMES.map((n) => v[n]);
}

/** Type of answer: kind, level or change, the counted noun, a number the question states. */
function typeFeatures(v: Vector, req: Request, { f, s, cs, after }: ValueSite): void {
  const changeLike = f.change === 'change' || f.kind === 'multiple' || f.kind === 'places' || (f.kind === 'percent' && GROWTH_BEFORE.test(s.slice(cs, f.valueStart)));
  const ok = req.want === 'change' ? changeLike : KIND_OK[req.want](f);
  v.kind_ok = req.want === 'any' ? 0.5 : ok ? 1 : 0;
  v.kind_bad = req.want !== 'any' && !ok ? 1 : 0;
  const wantsChange = req.want === 'change' || req.want === 'places' || req.want === 'multiple';
  v.change_wanted_level = wantsChange && !changeLike ? 1 : 0;
  v.level_wanted_change = !wantsChange && f.change === 'change' ? 1 : 0;
  if (req.unitTerms.length > 0) {
    v.unit_match = coverage(req.unitTerms, termSet(`${after} ${f.unit}`));
    // "how many patents": a count of something else named right after the number ("twelve research institutes").
    const noun = /^\s+(?:new\s+|more\s+|additional\s+)?([a-z][a-z-]+)/i.exec(after)?.[1] ?? '';
    v.unit_conflict = f.kind === 'count' && v.unit_match === 0 && noun !== '' && !/^(?:are|is|were|was|have|has|had|of|in|and|or|to|for|from|by|at|on|with|as|more|than|last|this|year|years|yuan|percent|which|that)$/i.test(noun) ? 1 : 0;
  }
  v.in_question = req.numbers.some((n) => Math.abs(n - f.value) < 1e-9 || (f.scale !== undefined && Math.abs(n - f.value / (f.value >= 1e9 ? 1e9 : f.value >= 1e6 ? 1e6 : 1)) < 1e-9)) ? 1 : 0;
}

/** The metric's words: in the label, the clause, the sentence, and (for "Of these, ...") before it. Returns the sentence's terms. */
function metricFeatures(v: Vector, req: Request, c: Candidate, { f, s, cs, clause }: ValueSite): ReadonlySet<string> {
  // "3,600 enterprises ..., 146 of which are high-tech enterprises": what the value counts follows it.
  // "Of them, 1,840 are high-tech enterprises": after a partitive opening, the same.
  const partitive =
    /^\s+(?:of (?:which|whom|them|these)|among them)\s+(?:are|were|is|was)\s+([^,;.]+)/i.exec(s.slice(f.valueEnd))?.[1] ??
    (/\b(?:of (?:them|these|which)|among (?:them|these))\s*,?\s*$/i.test(s.slice(Math.max(0, f.valueStart - 20), f.valueStart)) ? /^\s+(?:are|were|is|was)\s+([a-z][^,;.]+)/i.exec(s.slice(f.valueEnd))?.[1] : undefined);
  const measureTerms = termSet(partitive ?? f.measure);
  const clauseTerms = termSet(clause);
  const sentenceTerms = termSet(s);
  const elliptic = ELLIPSIS.test(clause) || ELLIPSIS.test(s.slice(0, f.valueStart));
  const contextTerms = termSet(`${elliptic ? s.slice(0, cs) : ''} ${f.previous ?? ''}`);
  // "Of them, 1,982 are in X", "In this, A and B contributed ...": the clause's measure is its
  // antecedent's (the sentence up to the clause, else the sentence before), so the clause reads as resolved.
  // Only when the clause does not name a measure of its own ("Among them, the government's R&D investment ..." does).
  const localEllipsis = ELLIPSIS.test(clause) || ELLIPSIS.test(s.slice(Math.max(0, cs - 25), f.valueStart));
  const elided = localEllipsis && coverage(req.terms, new Set([...clauseTerms, ...measureTerms])) < 0.5;
  const antecedent = elided ? termSet(s.slice(0, cs).replace(/\W+$/, '').length > 20 ? s.slice(0, cs) : (f.previous ?? '')) : new Set<string>();
  v.m_measure = Math.max(coverage(req.terms, measureTerms), elided ? coverage(req.terms, antecedent) : 0);
  v.m_clause = coverage(req.terms, elided ? new Set([...clauseTerms, ...antecedent]) : clauseTerms);
  v.m_sentence = coverage(req.terms, sentenceTerms);
  v.m_context = elliptic ? Math.max(coverage(req.terms, contextTerms), v.m_sentence) : coverage(req.terms, contextTerms) * 0.5;
  v.m_title = coverage(req.terms, termSet(c.title));
  const seen = new Set([...sentenceTerms, ...contextTerms, ...measureTerms]);
  // "how many places did X move up": the kind of number is the whole metric.
  v.m_missing = req.terms.length === 0 ? (req.want === 'places' || req.want === 'rank' ? 0 : 1) : 1 - coverage(req.terms, seen);
  const extra = elided ? [] : [...measureTerms].filter((t) => !req.terms.includes(t) && !GENERIC_MEASURE_WORDS.has(t));
  v.m_extra = Math.min(3, extra.length) / 3;
  return sentenceTerms;
}

/** Qualifiers that make it another metric (national-level, per 10,000 residents, average annual). */
function qualifierFeatures(v: Vector, req: Request, { f, s, cs, after }: ValueSite, sentenceTerms: ReadonlySet<string>): void {
  const near = termSet(`${s.slice(cs, f.valueStart)} ${after} ${f.measure}`);
  let qe = 0;
  for (const q of QUALIFIERS) if (near.has(q) && !req.qualifiers.has(q)) qe++;
  v.qual_extra = Math.min(2, qe) / 2;
  let qm = 0;
  for (const q of req.qualifiers) if (!near.has(q) && !sentenceTerms.has(q)) qm++;
  v.qual_missing = Math.min(2, qm) / 2;
  // National, provincial and municipal are different counts: "national key laboratories" asked,
  // "provincial key laboratories" found (and not also "national") is another number.
  const levels = (t: ReadonlySet<string>) => LEVELS.filter((l) => l.some((w) => t.has(w)));
  const asked = levels(req.qualifiers);
  // The level that qualifies this number: its clause's words since the number before it, and after it
  // (not another value's: "37 provincial-level ones, along with 14 national-level ...").
  const lead = s.slice(cs, f.valueStart);
  const lastNumber = [...lead.matchAll(/\d[\d,.]*/g)].pop();
  const own = lastNumber ? lead.slice((lastNumber.index ?? 0) + lastNumber[0].length) : lead;
  const found = levels(termSet(`${own} ${after}`));
  v.qual_level_conflict = asked.length > 0 && found.length > 0 && !asked.some((l) => found.includes(l)) ? 1 : 0;
  // "per 10,000 residents" after the value, or "the number of X per 1,000 enterprises increased from 21.5".
  // The sentence's subject may carry it for every value ("patents per 10,000 residents in A is 3.7, and in B it is 14.8").
  const perBefore = /\b(?:per|for every|out of every)\s+(?:capita|[\d,]+|10k|ten thousand|million|thousand|hundred)\b/i.test(s.slice(0, f.valueStart));
  v.per_not_asked = !req.qualifiers.has('per') && (perBefore || /^\s*[^,;.]{0,40}?\b(?:per|for every|out of every)\b|\bper\s+(?:capita|10,?000|million|thousand|hundred)\b/i.test(after)) ? 1 : 0;

  v.denominator = /\b(?:per|for every|every|out of|of every)\s*$/i.test(s.slice(Math.max(0, f.valueStart - 14), f.valueStart)) ? 1 : 0;
}

/** Administrative levels a count can be qualified by, as stems. */
const LEVELS: readonly (readonly string[])[] = [['nation', 'state'], ['provinci'], ['municip']];

/** The places around the value, for a request that names regions. */
interface RegionSite {
  asked: (id: string) => boolean;
  places: Place[];
  inClause: Place[];
  /** The place a "respectively" list gives the value, if any. */
  resp: string | null;
}

/** Region: asked place in the clause, nearest place before the value, the article's place. */
function regionFeatures(v: Vector, req: Request, c: Candidate, site: ValueSite): void {
  const { f, s, cs, ce } = site;
  const places = placesIn(s);
  const asked = (id: string) => req.regions.some((r) => related(r, id));
  const r: RegionSite = { asked, places, inClause: places.filter((p) => p.start >= cs && p.end <= ce), resp: respectivelyPlace(s, f.valueStart) };
  v.reg_label = f.region !== null && asked(f.region) ? 1 : 0;
  v.reg_clause = r.inClause.some((p) => asked(p.id)) ? 1 : 0;
  v.reg_sentence = places.some((p) => asked(p.id)) ? 1 : 0;
  const before = places.filter((p) => p.end <= f.valueStart);
  const nearest = before[before.length - 1];
  v.reg_other_nearest = nearest && !asked(nearest.id) && !v.reg_clause ? 1 : 0;
  v.reg_other_clause = r.inClause.length > 0 && !r.inClause.some((p) => asked(p.id)) ? 1 : 0;
  v.reg_doc_main = c.docMain !== null && asked(c.docMain) ? 1 : 0;
  v.reg_doc_other_main = c.docMain !== null && !asked(c.docMain) && !c.docRegions.some(asked) ? 1 : 0;
  const resp = r.resp;
  v.reg_respectively = resp === null ? 0 : asked(resp) ? 1 : -1;
  if (resp !== null) {
    // "A, B and C reached 1, 2 and 3 respectively": the listed place is the value's own.
    v.reg_clause = asked(resp) ? 1 : 0;
    v.reg_other_nearest = asked(resp) ? 0 : 1;
    v.reg_other_clause = asked(resp) ? 0 : 1;
  }
  regionConflicts(v, req, c, site, r);

}

/** The value is another place's than the one asked: a part of it, its province, another clause's place. */
function regionConflicts(v: Vector, req: Request, c: Candidate, { f, s, cs, ce, clause }: ValueSite, { asked, places, inClause, resp }: RegionSite): void {
  const g = gazetteer();
  // A city asked, and the value is said of its province ("the province", the province's name).
  const cityAsked = req.regions.some((r) => g.byId(r)?.level !== 'province');
  const saysProvince = /\b(?:the|this|whole|our)\s+(?:province|municipality|autonomous region)\b|\b(?:province|municipality)[’']s\b|(?<![\w-])provincial\b/i.test(clause);
  // The value is said of a place inside the one asked: named in its clause, or "the city" in a
  // county-level city's article asked of its prefecture.
  const below = (id: string | null) => id !== null && !asked(id) && req.regions.some((r) => g.ancestors(id).includes(r));
  const saysCity = SAYS_CITY.test(s);
  // A development zone or park is a part of its city: "The zone is home to 3,182 ..." asked of the city.
  const zoneClause = !req.qualifiers.has(ZONE) && /\b(?:zone|park|hhz|district)\b/i.test(s.slice(cs, f.valueStart));
  v.reg_sub = !v.reg_clause && (inClause.some((p) => below(p.id)) || (saysCity && below(c.docMain) && !places.some((p) => asked(p.id))) || zoneClause) ? 1 : 0;
  // Nothing ties the value to the asked place: not its clause, sentence, label, the sentence before,
  // nor the article (about the place, or about a city of the asked province when the text says nothing of a city).
  const prevNames = f.previous ? placesIn(f.previous).some((p) => asked(p.id)) : false;
  v.reg_absent = !v.reg_label && !v.reg_clause && !v.reg_sentence && !v.reg_doc_main && !prevNames && !(below(c.docMain) && !saysCity) ? 1 : 0;
  // The clause names another place (not one that contains the asked one): the value is that place's.
  v.reg_other_clause_hard = resp !== null ? (asked(resp) ? 0 : 1) : !v.reg_clause && inClause.some((p) => !asked(p.id) && !req.regions.some((r) => g.ancestors(r).includes(p.id))) ? 1 : 0;
  // The asked place is named in the sentence, but in another clause that holds its own number.
  // A part named in a partitive clause ("of them, 7,380 are in Changsha", "of which Wuhan contributed ...").
  v.reg_elsewhere = !v.reg_clause && places.some((p) => {
    if (!asked(p.id) || (p.start < ce && p.end > cs)) return false;
    const other = s.slice(...clauseSpan(s, p.start, p.end));
    return /\d/.test(other) && ELLIPSIS.test(`${s.slice(Math.max(0, clauseSpan(s, p.start, p.end)[0] - 12), p.start)}${other}`);
  }) ? 1 : 0;
  // The clause names a region around the asked place, and not the place itself: "Tianjin had 11,200 ..." asked of Binhai.
  const ancestorInClause = inClause.some((p) => !asked(p.id) && req.regions.some((r) => g.ancestors(r).includes(p.id)));
  // "The city had 486 ..." in the asked city's article: its own figure, whatever the index labelled it.
  const saysOwnCity = /\b(?:the|this|our|whole)\s+city\b|\bcity[’']s\b/i.test(clause) && c.docMain !== null && asked(c.docMain);
  v.reg_level_up = cityAsked && !v.reg_clause && !saysOwnCity && (saysProvince || ancestorInClause || (f.region !== null && g.byId(f.region)?.level === 'province' && !asked(f.region))) ? 1 : 0;
}

/** Year bound to the value's clause, and the year label. Returns the bound year. */
function yearFeatures(v: Vector, req: Request, c: Candidate, { f, s }: ValueSite): number | null {
  const bound = impliedYear(c);
  // A sentence's year that stands only in another value's clause ("reached 6,720, up from 2,998 in
  // 2020") is not this value's: the label then falls back to the article's year.
  const [cs, ce] = clauseSpan(s, f.valueStart, f.valueEnd);
  const inClause = yearHits(s.slice(cs, ce), c.docYear).some((y) => y.year === f.year);
  const opening = yearHits(s.slice(0, 40), c.docYear).some((y) => y.year === f.year && y.start < 20);
  const labelElsewhere = bound === null && f.yearFrom === 'sentence' && f.year !== null && !inClause && !opening;
  const label = labelElsewhere ? c.docYear : f.year;
  const year = bound ?? label;
  if (req.year === null) {
    v.yr_none_asked = 1;
    if (year !== null && c.docYear !== null) v.yr_recent = Math.max(0, Math.min(1, 1 - (c.docYear - 1 - year) / 5));
  } else {
    v.yr_bound_match = bound === req.year ? 1 : 0;
    v.yr_bound_conflict = bound !== null && bound !== req.year ? 1 : 0;
    v.yr_label_match = label === req.year ? 1 : 0;
    v.yr_label_conflict = label !== null && label !== req.year ? 1 : 0;
  }
  if (req.baseYear !== null) v.yr_base_named = new RegExp(`\\b${req.baseYear}\\b`).test(s) ? 1 : -1;
  v.from_value = FROM_VALUE.test(s.slice(Math.max(0, f.valueStart - 30), f.valueStart)) ? 1 : 0;
  return bound;
}

/** Plan or achieved. */
function planFeatures(v: Vector, req: Request, { f, s }: ValueSite): void {
  const upTo = s.slice(0, f.valueStart);
  // "increase ... from the current 55.5% to 61%": the starting level is achieved, not planned.
  const cue = (TARGET_CUE.test(upTo) && !/\bfrom\s+(?:the\s+)?(?:current|present|existing)\s+(?:level\s+of\s+)?$/i.test(upTo)) || HEADLINE_PLAN.test(s);
  if (req.target === true) {
    v.tgt_match = f.status === 'target' || cue ? 1 : 0;
    v.tgt_mismatch = f.status !== 'target' && !cue ? 1 : 0;
  } else {
    // The index marks a whole sentence a plan when it says "is expected to" anywhere; a value before
    // the sentence's plan words ("reached 13.6, while ... is expected to exceed 15,000") is achieved.
    const planLabel = f.status === 'target' && !(TARGET_CUE.test(s) && !cue);
    v.tgt_mismatch = planLabel || (req.target === false && cue) ? 1 : 0;
    v.tgt_cue_unasked = cue ? 1 : 0;
  }
}

/**
 * "enterprises, universities and research institutes contributed 21.9, 3.1 and 2.34 billion yuan
 * respectively": a question naming one item ("from universities") rules out the others' values.
 */
function itemFeatures(v: Vector, req: Request, { f, s }: ValueSite): void {
  const list = req.words ? respectivelyItems(s, f.valueStart) : null;
  if (!list || !req.words) return;
  const sets = list.items.map((i) => termSet(i));
  const shared = new Set([...(sets[0] ?? [])].filter((t) => sets.every((x) => x.has(t))));
  const own = new Set([...(sets[list.index] ?? [])].filter((t) => !shared.has(t)));
  const others = new Set(sets.flatMap((x, k) => (k === list.index ? [] : [...x])).filter((t) => !shared.has(t) && !own.has(t)));
  const words = [...req.words];
  v.item_conflict = words.some((w) => others.has(w)) && !words.some((w) => own.has(w)) ? 1 : 0;
}

/** A name the question uses that the gazetteer lacks ("Zhangjiang") must stand near the value: in its sentence or the one before. */
function nameFeatures(v: Vector, req: Request, { f, s }: ValueSite): void {
  if (!req.names || req.names.length === 0) return;
  const around = `${s} ${f.previous ?? ''}`.toLowerCase();
  v.name_absent = req.names.some((n) => !around.includes(n)) ? 1 : 0;
}

/** Any one of these makes it another number than the one asked for: the question's own constraints. */
function hardBad(v: Vector, req: Request, f: Fact, bound: number | null): number {
  return Math.max(
    v.kind_bad,
    // A change is no answer to a question about a level ("the scale of X", "how many").
    v.level_wanted_change,
    v.yr_bound_conflict,
    // A year taken from the dateline is a guess: it rules a value out only when far from the year asked.
    v.yr_label_conflict && !v.yr_bound_match && bound === null && (f.yearFrom !== 'article' || Math.abs((f.year ?? 0) - (req.year ?? 0)) > 1) ? 1 : 0,
    v.denominator,
    v.per_not_asked,
    v.qual_level_conflict,
    v.reg_absent,
    v.reg_other_clause_hard,
    v.reg_elsewhere,
    v.item_conflict,
    v.name_absent,
    v.reg_sub,
    v.reg_level_up,
    v.in_question,
    v.unit_conflict,
    v.tgt_mismatch,
    v.m_missing >= 0.5 ? 1 : 0,
  );
}

/**
 * Feature vectors of a candidate set: each candidate's own features, plus those that compare it with
 * the others (is its year the latest among the candidates that name the metric fully?).
 */
/** Candidates that break none of the question's own constraints (see hard_bad). */
export function eligible(x: readonly number[]): boolean {
  return x[HARD] === 0;
}
const HARD = FEATURE_NAMES.indexOf('hard_bad');

export function featurize(req: Request, cands: readonly Candidate[]): number[][] {
  const xs = cands.map((c) => features(req, c));
  const iYear = FEATURE_NAMES.indexOf('yr_latest');
  const iSent = FEATURE_NAMES.indexOf('m_sentence');
  const iMeasure = FEATURE_NAMES.indexOf('m_measure');
  const iReg = FEATURE_NAMES.indexOf('reg_absent');
  if (req.year === null) {
    const yearOf = (c: Candidate) => impliedYear(c) ?? c.fact.year;
    let latest = -Infinity;
    cands.forEach((c, i) => {
      const x = xs[i]!;
      const y = yearOf(c);
      if (y !== null && Math.max(x[iSent]!, x[iMeasure]!) >= 1 && !x[iReg]) latest = Math.max(latest, y);
    });
    cands.forEach((c, i) => {
      const y = yearOf(c);
      if (y !== null && Number.isFinite(latest)) xs[i]![iYear] = Math.max(0, 1 - (latest - y) / 3);
    });
  }
  return xs;
}
