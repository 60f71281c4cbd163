/**
 * The question router: reads a question typed in chat (any case, typos, no question mark) into an
 * intent, regions, year(s), target vs. actual, the kind of number wanted and the words naming the metric.
 * Pure: the index's vocabulary is passed in, so misspelled words can be corrected against it.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import { isCommonWord, isPlainWord } from '../text/english.js';
import { LEXICON_CAPITALS, NOT_PLACES, QUESTION_WORDS } from '../text/lexicon.js';
import { LEXICON_WORDS, STOP_WORDS, canonicalize, tokens } from '../text/terms.js';
import type { Intent, NumericWant, ParsedQuestion } from './types.js';

export interface RouterVocabulary {
  /** Is this lowercase word used in the corpus? */
  has(word: string): boolean;
  /** The corpus word closest to a misspelled one, if any. */
  correct(word: string): string | undefined;
}

const NO_VOCABULARY: RouterVocabulary = { has: () => true, correct: () => undefined };

const GREETING = /^(?:hi|hello|hey|hiya|yo|howdy|good (?:morning|afternoon|evening)|greetings|thanks|thank you|thx|ty|cheers|ok|okay|cool)\b[\s!.,?]*(?:there|bot|regionbot|all|everyone)?[\s!.,?]*$/i;
const HELP = /^(?:help|\/help|\?|usage|commands|what can you do|what do you do|what can i ask|how do i use (?:you|this)|how does this work|who are you|what are you)\b/i;

/** Words that ask for a number, and the kind of number. Order matters: the first match wins. */
const WANTS: readonly [RegExp, NumericWant][] = [
  [/\bhow many places\b|\bhow far\b.*\b(?:jump|climb|rise|move|go|advance|improve)|\bplaces?\b.*\b(?:up|down|moved|climb|rose|jump|ascend|improv)|\b(?:moved|climb(?:ed)?|rose|jumped|ascend(?:ed)?)\b.*\bplaces?\b/, 'places'],
  [/\bratio\b|\bper\s+(?:10k|10,?000|\d[\d,]*|million|thousand|hundred|capita)\b|\bper\s+\w+\s+(?:people|residents|persons|ppl|inhabitants|enterprises)\b/, 'ratio'],
  [/\bhow many times\b|\b(?:multiple|fold)\b|\btimes (?:that|as|more|higher|larger)\b/, 'multiple'],
  [/\b(?:rank|ranks|ranked|ranking|rankings|position|what place|which place)\b|\bno\.\s?\d|\bnumber one\b/, 'rank'],
  [/\bby how much\b|\bby how many (?:points|percentage points|percent)\b|\bhow (?:much|fast) (?:did|has|have|does|do)\b.*\b(?:grow|grown|increase|increased|rise|risen|go up|gone up|change|changed|jump|jumped|expand|expanded)\b|\b(?:grown|risen)\b|\b(?:growth|increase|increased|grow|grew|rise|rose|jump|change|changed)\b.*\b(?:by|percent|%)\b|\bgrowth rate\b|\bhow much (?:growth|increase)\b|\b(?:increase|growth|grow|grew|rise)\b/, 'change'],
  [/\bwhat (?:percentage|percent|share|proportion|fraction)\b|\bhow much of\b[^?]*\bgdp\b|\bof (?:its |the |their )?gdp\b|\b(?:percentage|percent|share|proportion|intensity|rate)\b|%/, 'percent'],
  [/\bhow much (?:money|funding|funds|investment|capital|subsidy|subsidies)\b|\b(?:yuan|rmb|dollars?|funding|subsid(?:y|ies)|turnover|expenditures?|spending|spend|spent|worth|value of|deals|value added|added value|revenue|income|output value|budget|invest|invests|investment|invested|fund size)\b/, 'money'],
  [/\bhow many\b|\bnumber of\b|\bcount of\b|\bcount\b/, 'count'],
];

const NUMERIC_CUES = /\bhow (?:many|much|fast|big|large)\b|^what (?:share|percentage|percent|proportion|portion|fraction|rank|ranking|position)\b|\bnumber of\b|\bwhat (?:was|is|were|are) (?:the )?(?:\w+[’']s )?(?:total|amount|number|value|figure|level|rate|share|percentage|rank|ranking|target|goal)\b|\b(?:figure|amount|total|target|goal|value|percentage|rate|ranking|rank|growth|increase|ratio|turnover|investment|intensity)\b|\bby how much\b|\bhow did\b.*\bchange\b/;
const COMPARE = /\b(?:who|whos|who's|which)\b.*\b(?:higher|more|bigger|larger|greater|faster|lower|fewer|less)\b.*\bor\b|\bcompare\b|\bcompared (?:to|with)\b|\bwhich (?:is|was|were|are|grew|has|had|did|one)\b.*\bor\b|\bmore\b.*\bor\b|\bor\b.*\b(?:more|bigger|larger|higher|faster|greater)\b|\bcomparison\b|\bversus\b|\bvs\.?\b|\bdifference between\b|\b(?:more|fewer|less|higher|lower|bigger|larger) than\b|\bchange(?:d)? from\b|\bfrom (?:19|20)\d\d to (?:19|20)\d\d\b|\bbetween (?:19|20)\d\d and (?:19|20)\d\d\b/;
const LIST = /^(?:which|what are the|what were the|list|name)\b|\bwhat are (?:the )?(?:\w+ )?(?:industries|clusters|projects|sectors|areas|fields|aspects|measures|tasks|strategies|initiatives|programs|programmes|priorities|ones)\b|\b(?:list|name) (?:the|all)\b/;
const DEFINITION = /^(?:what is|what's|whats|what are|what was|what were|define|explain|describe|tell me about|meaning of|what does .* mean)\b/;
const PERSON = /^(?:who is|who's|whos|who was|who are|who were|who)\b/;

const TARGET = /\b(?:plan(?:s|ned)?\s+(?:to|for|on)|planned|planning|aim|aims|aiming|target|targets|targeted|goal|goals|will|expected|projected|going to|intends?|should|wants?\s+(?:to\s+\w+\s+)?by|hopes?\s+to|(?:is|are)\s+(?:setting up|launching|building|establishing|creating|preparing))\b/;


/** The kind of number a question's wording asks for ("any" when it does not say). */
export function wantOf(text: string): NumericWant {
  // "economic growth" names a topic, not a change asked about.
  const lower = text.replace(/\b(?:economic|gdp|industrial|output)\s+growth\b/g, 'economy');
  let want: NumericWant = 'any';
  for (const [re, w] of WANTS) {
    if (re.test(lower)) {
      want = w;
      break;
    }
  }
  // "how many X" asks for a count even when X is "investment projects".
  if (/\bhow many\b/.test(lower) && !/\bhow many (?:places|times|percent|percentage points|points)\b/.test(lower) && !/\bby how many\b/.test(lower)) want = 'count';
  // "what was the R&D investment" asks for the amount, not a change, unless change words are there.
  if (want === 'money' && /\bhow much did\b.*\b(?:grow|increase|rise)\b/.test(lower)) want = 'change';
  return want;
}

/** Strip Discord mentions and collapse white space. */
export function cleanQuestion(raw: string): string {
  return raw
    .replace(/<@[!&]?\d+>/g, ' ')
    .replace(/<#\d+>/g, ' ')
    .replace(/@(?:everyone|here)\b/g, ' ')
    .replace(/[`*_~|>]+/g, ' ')
    // chat spellings of question words: "wat does", "whats"
    .replace(/\b(?:wat|wht|whta|waht)\b/gi, 'what')
    .replace(/\bno\.?\s+of\b/gi, 'number of')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word of the question and where it starts. */
interface QuestionWord {
  w: string;
  start: number;
}

/** The regions a question names, and the spans of the question they were found in. */
interface FoundRegions {
  regions: string[];
  regionSpans: [number, number][];
  inRegion: (pos: number) => boolean;
}

/** Read a question. */
export function routeQuestion(raw: string, vocabulary: RouterVocabulary = NO_VOCABULARY): ParsedQuestion {
  const text = cleanQuestion(raw);
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const words = [...lower.matchAll(/[a-z][a-z'-]*|\d+(?:\.\d+)?/g)].map((m) => ({ w: m[0].replace(/'s$/, ''), start: m.index ?? 0 }));
  const found = findRegions(text, words, vocabulary);
  const { regions } = found;
  const unknownPlaces = findUnknownPlaces(text, lower, found, vocabulary);
  // With no place recognised, a word neither the corpus nor the question vocabulary knows is taken
  // for a place the corpus does not cover ("tokyo high-tech enterprises"): better declined than answered for Jilin.
  if (regions.length === 0) addUncoveredWords(unknownPlaces, words, found, vocabulary);

  // Years and periods.
  const years = [...lower.matchAll(/\b(19\d\d|20\d\d)\b/g)].map((m) => Number(m[1]));
  const year = years[0] ?? null;
  const yearTo = years.length > 1 ? (years[years.length - 1] ?? null) : null;

  // Target or actual.
  let target: boolean | null = null;
  if (TARGET.test(lower)) target = true;
  else if (/\b(?:actual|actually|achieved|so far|currently)\b/.test(lower)) target = false;

  const metricTerms = metricTermsOf(lower, found, unknownPlaces, vocabulary);
  const intent = intentOf(text, lower, regions, metricTerms);
  const want = wantFor(intent, lower, metricTerms);

  // "how many tasks came with ...": the counted noun.
  const counted = /\bhow many\s+((?:[a-z&-]+\s+){0,4}?[a-z&-]+?)(?:\s+(?:does|do|did|is|are|was|were|has|have|had|came|come|will|can|could|would|should|in|of|for|at|on|got|received|exist|there)\b|[?.!,]|$)/.exec(canonicalize(lower));
  const unitTerm = counted ? tokens(counted[1] ?? '').filter((t) => !STOP_WORDS.has(t)).join(' ') || null : null;

  const names = namesOf(words, found, unknownPlaces, vocabulary);
  return { text, intent, want, regions, unknownPlaces, year, yearTo, target, metricTerms, unitTerm, names };
}

/**
 * Names the corpus uses that are neither a place the gazetteer knows nor plain English nor a lexicon
 * word ("zhangjiang", "teda", "laoshan"): a value answers for such a name only near it.
 */
function namesOf(words: { w: string; start: number }[], found: ReturnType<typeof findRegions>, unknown: readonly string[], vocabulary: RouterVocabulary): string[] {
  const out: string[] = [];
  for (const { w, start } of words) {
    if (w.length < 4 || /\d/.test(w) || found.inRegion(start) || unknown.includes(w)) continue;
    if (STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || NOT_PLACES.test(w) || LEXICON_WORDS.has(w)) continue;
    // Words the lexicon rewrites ("rnd", "smes", "hitech") are not names; nor is a word the corpus never uses.
    if (tokens(canonicalize(w)).join(' ') !== w || !vocabulary.has(w)) continue;
    // Last, as it loads the English lexicon: plain English is no name.
    if (isCommonWord(w)) continue;
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

/** Regions: exact names anywhere, then single words that are a small misspelling of a region name. */
function findRegions(text: string, words: QuestionWord[], vocabulary: RouterVocabulary): FoundRegions {
  const g = gazetteer();
  const mentions = g.find(text);
  const regions: string[] = [];
  const regionSpans: [number, number][] = [];
  for (const m of mentions) {
    regionSpans.push([m.start, m.end]);
    if (m.org) continue; // "Jilin University" names an organization, not the region asked about
    if (!regions.includes(m.id)) regions.push(m.id);
  }
  const inRegion = (pos: number) => regionSpans.some(([s, e]) => pos >= s && pos < e);
  for (const { w, start } of words) {
    if (inRegion(start) || w.length < 4 || STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || vocabulary.has(w)) continue;
    const fuzzy = g.resolve(w);
    if (fuzzy) {
      if (!regions.includes(fuzzy)) regions.push(fuzzy);
      regionSpans.push([start, start + w.length]);
    }
  }
  return { regions, regionSpans, inRegion };
}

/** Places the question names that the gazetteer does not know. */
function findUnknownPlaces(text: string, lower: string, { inRegion }: FoundRegions, vocabulary: RouterVocabulary): string[] {
  const g = gazetteer();
  const unknownPlaces: string[] = [];
  // A capitalized or "in X" place the gazetteer does not know ("in Atlantis", "Tokyo's").
  for (const m of text.matchAll(/\b(?:in|for|of|at|from)\s+([A-Za-z][a-z]{3,})(?:\s+(?:province|city|county))?\b|\b([A-Za-z][a-z]{3,})['’]s\b/g)) {
    const w = (m[1] ?? m[2] ?? '').toLowerCase();
    const pos = (m.index ?? 0) + m[0].toLowerCase().lastIndexOf(w);
    if (!w || inRegion(pos) || STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || vocabulary.has(w) || vocabulary.correct(w) || isPlainWord(w)) continue;
    if (/^(?:total|terms|general|order|addition|detail|particular|which|this|that|last|next|past|first|these|those)$/.test(w)) continue;
    unknownPlaces.push(w);
  }
  // A place-like word the gazetteer does not know, even when the corpus uses the word: a capitalized
  // word inside the question ("does Tokyo have"), the subject of "does X have", or "X's".
  const placeSlots = [
    ...text.matchAll(/(?<=\S\s+)([A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,})?)\b/g),
    ...lower.matchAll(/\b(?:does|do|did|has|have|had|is|are|was|were)\s+([a-z][a-z'-]{2,}(?:\s+[a-z][a-z'-]{2,})?)\s+(?:have|has|had|own|hold|spend|spent|invest|rank|got)\b/g),
    ...lower.matchAll(/\b([a-z][a-z-]{2,})['’]s\b/g),
    // A telegraphic question starts with its place: "lima r&d intensity".
    ...lower.matchAll(/^([a-z][a-z-]{2,})\s+(?!(?:does|do|did|is|are|was|were|has|have|had|can|will)\b)(?=\S)/g),
  ];
  for (const m of placeSlots) {
    const phrase = (m[1] ?? '').toLowerCase();
    const pos = (m.index ?? 0) + m[0].toLowerCase().lastIndexOf(phrase);
    if (!phrase || inRegion(pos) || g.resolve(phrase, { fuzzy: false })) continue;
    const words = phrase.split(/\s+/);
    // Words that are not names: the question's own words and the corpus's metric vocabulary in lowercase use.
    if (words.every((w) => STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || NOT_PLACES.test(w))) continue;
    if (/^[a-z]/.test(m[0]) && words.every((w) => vocabulary.has(w) || vocabulary.correct(w) !== undefined || isPlainWord(w))) continue;
    if (/^[A-Z]/.test(m[1] ?? '') && words.every((w) => LEXICON_CAPITALS.test(w))) continue;
    if (!unknownPlaces.includes(phrase)) unknownPlaces.push(phrase);
  }
  return unknownPlaces;
}

/** Words neither the corpus nor the question vocabulary knows, added to `unknownPlaces`. */
function addUncoveredWords(unknownPlaces: string[], words: QuestionWord[], { inRegion }: FoundRegions, vocabulary: RouterVocabulary): void {
  for (const { w, start } of words) {
    if (w.length < 3 || inRegion(start) || /\d/.test(w) || STOP_WORDS.has(w) || QUESTION_WORDS.has(w) || NOT_PLACES.test(w)) continue;
    if (vocabulary.has(w) || vocabulary.correct(w) !== undefined || unknownPlaces.includes(w) || isCommonWord(w)) continue;
    if (tokens(canonicalize(w)).every((t) => vocabulary.has(t))) continue;
    unknownPlaces.push(w);
  }
}

/** The metric's words: content words that are not places, years or question words; misspellings corrected. */
function metricTermsOf(lower: string, { regions, regionSpans }: FoundRegions, unknownPlaces: string[], vocabulary: RouterVocabulary): string[] {
  const g = gazetteer();
  const metricTerms: string[] = [];
  const canonical = canonicalize(lower.replace(/\b(19|20)\d\d\b/g, ' '));
  const regionWords = new Set<string>();
  for (const [s, e] of regionSpans) for (const t of tokens(canonicalize(lower.slice(s, e)))) regionWords.add(t);
  for (const r of regions) for (const t of tokens(canonicalize(g.byId(r)?.name ?? ''))) regionWords.add(t);
  for (const tok of tokens(canonical)) {
    if (STOP_WORDS.has(tok) || QUESTION_WORDS.has(tok) || regionWords.has(tok) || /^\d+(?:\.\d+)?$/.test(tok)) continue;
    if (tok.length <= 1) continue;
    let word = tok;
    if (!vocabulary.has(word)) {
      const fixed = vocabulary.correct(word);
      if (fixed) word = fixed;
      else if (unknownPlaces.includes(word)) continue;
    }
    if (!metricTerms.includes(word)) metricTerms.push(word);
  }

  // "Xi'an high-tech zone": a place qualifier, not the metric's words (unless the metric also says them).
  const zone = /\b(?:hi|high)[\s-]*tech(?:nology)?(?:\s+industrial)?(?:\s+development)?\s+(?:zone|park)s?\b/gi;
  if (zone.test(lower)) {
    const rest = new Set(tokens(canonicalize(lower.replace(zone, ' '))));
    for (const w of ['hightech', 'zone', 'park', 'industrial', 'development']) {
      const at = metricTerms.indexOf(w);
      if (at >= 0 && !rest.has(w)) metricTerms.splice(at, 1);
    }
  }
  return metricTerms;
}

/** What the question asks for: a number, a comparison, a list, a definition... */
function intentOf(text: string, lower: string, regions: string[], metricTerms: string[]): Intent {
  const numericCue = NUMERIC_CUES.test(lower);
  if (text.length === 0) return 'help';
  if (GREETING.test(lower)) return 'greeting';
  if (HELP.test(lower) && metricTerms.length === 0) return 'help';
  if (COMPARE.test(lower) || (regions.length >= 2 && /\band\b/.test(lower) && numericCue && /\bcompare|\bvs\b|\bversus\b|\bboth\b|\bbetween\b/.test(lower))) return 'compare';
  if (PERSON.test(lower) && !numericCue) return 'person';
  if (LIST.test(lower) && !/^how\b/.test(lower) && !/\b(?:number|how many|how much)\b/.test(lower)) return 'list';
  if (numericCue || /\b(?:how many|how much)\b/.test(lower)) return 'numeric';
  // "what is Jiangyin's GDP": a region's metric is a number, not a definition.
  if (regions.length > 0 && /^what(?:'s| is| was| are| were)\s+(?:the\s+)?[a-z-]+'s\s/.test(lower)) return 'numeric';
  if (DEFINITION.test(lower)) return 'definition';
  if (metricTerms.length > 0) return 'search';
  return 'out_of_scope';
}

/** The kind of number wanted, read with misspellings corrected ("r&d intesity" asks for a percent). */
function wantFor(intent: Intent, lower: string, metricTerms: string[]): NumericWant | null {
  const wantText = `${lower} ${metricTerms.join(' ')}`;
  if (intent === 'numeric' || intent === 'compare') return wantOf(wantText);
  if (intent === 'definition' || intent === 'search') {
    // "zhejiang r&d spending as % of gdp?" asks for a number without saying "how much".
    const w = wantOf(wantText);
    if (w !== 'any') return w;
  }
  return null;
}
