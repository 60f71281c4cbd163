/**
 * Numeric fact extraction: every number in a sentence, with its unit and kind, what it measures,
 * level or change, actual or target, year and region. Pure functions; the patterns describe how news
 * text states numbers, never particular sentences.
 */
import { gazetteer, type RegionMention } from '../corpus/gazetteer.js';
import type { Article, Sentence } from '../corpus/types.js';
import { SAYS_CITY, VERB_NOUNS } from '../text/lexicon.js';
import { eachMatch } from '../text/matches.js';
import { CONTENT, TOPIC, followingNoun, isGeneric, leftPhrase, rankPhrase, respectivelyItems, sentenceSubject, tidy } from './facts/measure.js';
import { findMentions, type Mention } from './facts/mentions.js';
import type { Fact, FactKind } from './types.js';

export { findMentions, type Mention } from './facts/mentions.js';
export { sentenceSubject, stripPlaces } from './facts/measure.js';

/** A fact as found in one sentence, before it is placed in the index. */
export type SentenceFact = Omit<Fact, 'id' | 'doc' | 'metric' | 'chunk' | 'sentenceStart' | 'sentenceEnd'>;

export interface SentenceContext {
  /** The article's publication year. */
  articleYear: number | null;
  /** The region the article is about. */
  mainRegion: string | null;
  /** A region named in an earlier sentence of the same paragraph (nearest). */
  previousRegion: string | null;
  /** Target year carried over from an earlier sentence of the paragraph ("By 2024, ..."). */
  targetYear: number | null;
  /** Year carried over from an earlier sentence of the paragraph ("In 2023, ..."). */
  contextYear: number | null;
  /** The paragraph states a plan ("This year, the province will ..."): imperative sentences are targets. */
  planParagraph: boolean;
  /** The previous sentence of the paragraph (for measures such as a ranking named there). */
  previousSentence: string;
}

const DEFAULT_CONTEXT: SentenceContext = {
  articleYear: null,
  mainRegion: null,
  previousRegion: null,
  targetYear: null,
  contextYear: null,
  planParagraph: false,
  previousSentence: '',
};

const QUALIFIER_BEFORE = /\b(more than|over|nearly|about|around|approximately|almost|up to|at least|less than|under|exceed(?:ed|s|ing)?|above|below|close to|some|roughly)\s*$/i;
const CHANGE_BEFORE = /\b(increas(?:e|ed|es|ing)|ris(?:e|en|es|ing)|rose|gr(?:ew|own|ow|owth|owing)|up|gain(?:ed)?|climb(?:ed)?|jump(?:ed)?|surg(?:e|ed)|boost(?:ed)?|expand(?:ed)?|decreas(?:e|ed|es|ing)|reduc(?:e|ed|es|ing|tion)|declin(?:e|ed|ing)|fell|fall(?:en)?|drop(?:ped)?|down|cut|shr[au]nk|moved up|moved down|ascend(?:ed|ing)?|descend(?:ed|ing)?)\s+(?:of\s+|by\s+)?(?:(?:more than|over|nearly|about|around|approximately|almost|some)\s+)?$/i;
const COUNT_CHANGE_BEFORE = /\b(?:(?:increas|decreas|ris|declin|grow|drop|climb|jump)(?:e|ed|es|ing)?|rose|grew|fell)\s+by\s+(?:(?:more than|over|nearly|about|around|approximately|almost|some)\s+)?$|\bnet\s+(?:increase|decrease|addition)\s+of\s+$/i;
const CHANGE_AFTER = /^\s*(?:year[- ]on[- ]year|yoy|increase|growth|rise|higher|lower|more than (?:the|that of)|over the (?:previous|last|same)|compared (?:to|with)|from (?:the|that of) (?:previous|last|same))/i;
const LEVEL_BEFORE = /\b(?:to|reach(?:ed|es|ing)?|at|amount(?:ed)? to|total(?:l?ed)?|was|were|is|are|stood at|of)\s+(?:(?:more than|over|nearly|about|around|approximately|almost|some|a new record high of|a record)\s+)*$/i;
const DOWN_WORDS = /\b(decreas|reduc|declin|fell|fall|drop|down|cut|shr[au]nk|descend|lower|halved)/i;

// Plans and targets
const TARGET_MARKER = /\b(?:plan(?:s|ned)?\s+to|will|shall|aim(?:s|ed|ing)?\s+(?:to|at|for)|target(?:s|ed)?|goal|strive(?:s)?\s+to|striving\s+to|expected\s+to|projected\s+to|is\s+to|are\s+to|set\s+to|seeks?\s+to|intends?\s+to|planned|envisag)/i;
const ACTUAL_MARKER = /\b(?:so far|as of|currently|at present|by the end of last year|last year|up to now|to date|has been achieved|was achieved)\b/i;
const PLAN_VERBS = /^(?:launch|accelerate|promote|build|establish|develop|implement|strengthen|give|dock|organize|organise|deploy|cultivate|introduce|focus|create|improve|support|strive|carry out|speed up|push|expand|deepen|enhance|foster|set up|complete|ensure|advance|guide|encourage|attract|increase|raise|add|start|construct|form|open|hold|host)\b/i;

// ---------------------------------------------------------------------------------------------
// Years

interface YearMention {
  year: number;
  start: number;
  base: boolean;
}

const YEAR = /\b(19\d\d|20\d\d)\b(?!\s*(?:-|–)\s*\d)/g;
const LAST_YEAR = /\b(since\s+)?last year\b/gi;
const THIS_YEAR = /\bthis year\b/gi;

function yearsIn(sentence: string, articleYear: number | null): YearMention[] {
  const out: YearMention[] = [];
  eachMatch(YEAR, sentence, (m) => {
    const start = m.index;
    const before = sentence.slice(Math.max(0, start - 30), start);
    const after = sentence.slice(start + 4, start + 30);
    if (/\d\s*[-–]\s*$/.test(before)) return; // second year of a range
    if (/^\s*[-–/.]\s*\d/.test(after)) return; // a date
    if (/(?:reach(?:ed)?|to|amounted to|totaled)\s*$/i.test(before) && !/\bfrom\b/i.test(before)) {
      // "has reached 2000" is a count, not a year.
      if (!/^\s*(?:,|\.|;|$)/.test(after) || /reach/.test(before)) return;
    }
    const base = /\b(?:compared (?:to|with)|than|over|from|since|versus|vs\.?|against|relative to|on)\s+(?:the\s+)?(?:(?:same period|level) (?:of|in)\s+)?$/i.test(before);
    out.push({ year: Number(m[1]), start, base });
  });
  if (articleYear !== null) {
    eachMatch(LAST_YEAR, sentence, (m) => out.push({ year: articleYear - 1, start: m.index, base: m[1] !== undefined }));
    eachMatch(THIS_YEAR, sentence, (m) => out.push({ year: articleYear, start: m.index, base: false }));
  }
  return out.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Sentences

/**
 * The region a number belongs to: a place named before it in the sentence (its subject) or right
 * after it ("... 2705 in Jilin Province"), the article's region when the sentence names it, else the
 * article's region ("the province" in a city's article means the city's province). Places listed as
 * examples ("14 provinces such as Beijing and Shanghai") and organization names do not count.
 */
function regionOf(sentence: string, at: number, ctx: SentenceContext, mentions: readonly RegionMention[]): string | null {
  const g = gazetteer();
  const places = mentions.filter((m) => !m.org && !/\b(?:such as|including|like|e\.g\.|for example|with)\b[^.;:]*$/i.test(sentence.slice(0, m.start)));
  const main = ctx.mainRegion;
  const beforeIt = places.filter((m) => m.start < at);
  const rightAfter = places.filter((m) => m.start >= at && /^[^,;]{0,40}\b(?:in|of|across)\s+(?:the\s+)?$/i.test(sentence.slice(at, m.start)));
  const ids = [...new Set([...beforeIt.reverse(), ...rightAfter].map((m) => m.id))];
  // "the province" in an article about a city means the city's province, and the other way round.
  const saysProvince = /\b(?:the|this|our|whole)\s+province\b|\bprovince[’']s\b|(?<![\w-])provincial\b/i.test(sentence);
  const saysCity = SAYS_CITY.test(sentence);
  if (ids.length > 0) {
    if (main && ids.includes(main)) return main;
    // The nearest place named before the number ("Changchun's ...", "Jilin Province has ...").
    return ids[0] ?? null;
  }
  if (mentions.length > 0 && !main) {
    // Only organizations named ("Jilin University"): their region, when the article has none.
    return mentions[0]?.id ?? null;
  }
  if (main) {
    const level = g.byId(main)?.level;
    if (saysProvince && level !== 'province') return g.province(main);
    if (saysCity && level === 'province' && ctx.previousRegion && g.byId(ctx.previousRegion)?.level !== 'province') {
      return ctx.previousRegion;
    }
    return main;
  }
  return ctx.previousRegion;
}

/** What every number of a sentence shares: the sentence, its context, its years and whether it states a plan. */
interface SentenceScope {
  sentence: string;
  /** The sentence's region mentions (`gazetteer().find(sentence)`). */
  places: readonly RegionMention[];
  ctx: SentenceContext;
  years: YearMention[];
  /** "By 2025, ...": the target year the sentence itself names. */
  targetYearHere: number | null;
  isTarget: boolean;
  subject: string;
}

/** One number of the sentence, with the text around it. */
interface MentionScope {
  mention: Mention;
  before: string;
  /** The text since the previous group of numbers. */
  localBefore: string;
  after: string;
  /** The item a "respectively" list names for this number, if any. */
  item: string;
  /** The last number of its group. */
  last: boolean;
}

/** Extract the facts of one sentence. */
export function extractFromSentence(sentence: string, context: Partial<SentenceContext> = {}): SentenceFact[] {
  const ctx: SentenceContext = { ...DEFAULT_CONTEXT, ...context };
  return sentenceFacts(sentence, ctx, () => gazetteer().find(sentence));
}

/** `extractFromSentence`, given the sentence's region mentions (asked for only when it states a number). */
function sentenceFacts(sentence: string, ctx: SentenceContext, placesOf: () => readonly RegionMention[]): SentenceFact[] {
  const mentions = findMentions(sentence);
  if (mentions.length === 0) return [];

  const years = yearsIn(sentence, ctx.articleYear);
  const byYear = /\bby\s+(?:the\s+end\s+of\s+)?(20\d\d)\b/i.exec(sentence);
  const targetYearHere = byYear && (ctx.articleYear === null || Number(byYear[1]) >= ctx.articleYear) ? Number(byYear[1]) : null;
  const scope: SentenceScope = { sentence, places: placesOf(), ctx, years, targetYearHere, isTarget: sentenceIsTarget(sentence, ctx, years, targetYearHere), subject: sentenceSubject(sentence) };

  const groups = listedGroups(sentence, mentions);
  const facts: SentenceFact[] = [];
  let prevEnd = 0;
  for (const group of groups) {
    const first = group[0]!;
    const items = group.length > 1 ? respectivelyItems(sentence.slice(0, first.start), group.length) : null;
    for (let gi = 0; gi < group.length; gi++) {
      const mention = group[gi]!;
      const at: MentionScope = {
        mention,
        before: sentence.slice(0, mention.start),
        localBefore: sentence.slice(prevEnd, group === groups[0] || gi > 0 ? first.start : mention.start),
        after: sentence.slice(mention.end),
        item: items ? (items[gi] ?? '') : '',
        last: gi === group.length - 1,
      };
      facts.push(factAt(scope, at, facts[facts.length - 1]));
    }
    prevEnd = group[group.length - 1]!.end;
  }
  return facts;
}

function sentenceIsTarget(sentence: string, ctx: SentenceContext, years: YearMention[], targetYearHere: number | null): boolean {
  return (
    targetYearHere !== null ||
    (TARGET_MARKER.test(sentence) && !ACTUAL_MARKER.test(sentence)) ||
    (ctx.targetYear !== null && !ACTUAL_MARKER.test(sentence) && !years.some((y) => !y.base && ctx.articleYear !== null && y.year <= ctx.articleYear)) ||
    (ctx.planParagraph && PLAN_VERBS.test(sentence.trim()))
  );
}

/** Bare numbers listed together ("2705, 1049 and 1360") share one left phrase. */
function listedGroups(sentence: string, mentions: Mention[]): Mention[][] {
  const groups: Mention[][] = [];
  for (const m of mentions) {
    const prevGroup = groups[groups.length - 1];
    const prev = prevGroup?.[prevGroup.length - 1];
    if (prev && prev.bare && m.bare && /^\s*(?:,\s*(?:and\s+)?|and\s+)$/.test(sentence.slice(prev.end, m.start))) prevGroup!.push(m);
    else groups.push([m]);
  }
  return groups;
}

/** The fact a number states. `previous` is the fact just before it in the sentence. */
function factAt(scope: SentenceScope, at: MentionScope, previous: SentenceFact | undefined): SentenceFact {
  const { mention, before } = at;
  const region = regionOf(scope.sentence, mention.start, scope.ctx, scope.places);
  const kind: FactKind = mention.kind === 'number' ? 'count' : mention.kind;
  const measure = measureOf(scope, at, kind, previous);
  // Unit of a count: its head noun.
  const unit = kind === 'count' ? ((measure.match(/[A-Za-z-]+/g) ?? []).pop()?.toLowerCase() ?? '') : mention.unit;
  const { change, direction } = changeOf(kind, mention, before, at.after);
  const qualifier = QUALIFIER_BEFORE.exec(before)?.[1]?.toLowerCase();
  const { status, year, yearFrom } = statusAndYear(scope, at);

  // The stated value: the mention text, with its currency or scale (already in the match).
  const text = mention.text.trim();
  const valueStart = mention.start + (mention.text.length - mention.text.trimStart().length);
  return {
    value: mention.value,
    ...(mention.value2 !== undefined ? { value2: mention.value2 } : {}),
    text,
    kind,
    unit,
    ...(mention.scale ? { scale: mention.scale } : {}),
    ...(qualifier ? { qualifier } : {}),
    measure,
    change,
    ...(direction ? { direction } : {}),
    status,
    year,
    yearFrom,
    region,
    sentence: scope.sentence,
    valueStart,
    valueEnd: valueStart + text.length,
  };
}

/** A ranking named in the sentence or the one before it ("the innovation capability ranking"). */
function topicOf({ sentence, ctx }: SentenceScope): string {
  return tidy(TOPIC.exec(sentence)?.[1] ?? TOPIC.exec(ctx.previousSentence)?.[1] ?? '');
}

/** What a number measures: the phrase naming it, else the sentence's subject or the previous fact's measure. */
function measureOf(scope: SentenceScope, at: MentionScope, kind: FactKind, previous: SentenceFact | undefined): string {
  const { before, localBefore, after } = at;
  let measure = namedMeasure(scope, at, kind, previous);
  if (!measure) measure = leftPhrase(localBefore.trim() ? localBefore : before);
  if (!measure || isGeneric(measure)) {
    if (!measure && previous && /^[\s,]*(?:an?|the)?\s*(?:increase|growth|rise|decrease|decline|drop|up|down)/i.test(localBefore)) {
      measure = previous.measure;
    } else if (scope.subject && !isGeneric(scope.subject)) {
      measure = scope.subject;
    } else if (previous) {
      measure = previous.measure;
    }
  }
  if (!measure && (kind === 'rank' || kind === 'places')) measure = topicOf(scope) || 'ranking';
  if (!measure && kind === 'count') measure = followingNoun(after);
  // An appositive ("R&D intensity, the ratio of R&D spending to GDP") is not part of the name.
  const comma = measure.indexOf(', ');
  if (comma > 0 && CONTENT.test(measure.slice(0, comma))) measure = measure.slice(0, comma);
  return measure.slice(0, 120);
}

/** The measure a number's kind and position name outright (a listed item, the noun after a count, a ranking...). */
function namedMeasure(scope: SentenceScope, at: MentionScope, kind: FactKind, previous: SentenceFact | undefined): string {
  const { before, localBefore, after } = at;
  let measure = at.item;
  if (!measure && kind === 'count' && at.last) measure = followingNoun(after);
  // "..., up 11.6% from a year earlier": the change of the value just before it.
  if (!measure && previous && kind !== 'count' && /,\s*(?:up|down|an? (?:increase|rise|growth|decrease|decline|drop) of)\s*(?:by\s+)?$/i.test(localBefore)) measure = previous.measure;
  // "ranked 8th ..., moving up two places": the places moved in that ranking.
  if (!measure && kind === 'places' && previous?.kind === 'rank') measure = previous.measure;
  if (!measure && (kind === 'rank' || kind === 'places')) measure = rankPhrase(after) || topicOf(scope);
  if (!measure && kind === 'ratio') measure = scope.subject;
  if (!measure && kind === 'money') measure = spendingMeasure(before, after);
  return measure;
}

/** "Hefei invested 63.2 billion yuan in R&D": the verb and its object name the measure. */
function spendingMeasure(before: string, after: string): string {
  const verb = /\b(invested|spent|allocated|raised|attracted|earned|exported|imported|granted|provided|injected)\s+(?:(?:more than|over|nearly|about|around|approximately|a total of)\s+)?$/i.exec(before)?.[1]?.toLowerCase();
  if (!verb) return '';
  const object = /^\s+(?:in|on|for|into|to)\s+([^,.;]{3,80})/i.exec(after)?.[1];
  // "spent 73.3 billion yuan on research and development in 2022" -> "research and development spending".
  const what = object?.replace(/\s*\([^)]*\)/g, '').replace(/\s+(?:in|during|for)\s+(?:19|20)\d\d\b.*$/i, '');
  return tidy(what ? `${what} ${VERB_NOUNS[verb] ?? verb}` : VERB_NOUNS[verb] ?? verb);
}

/** Level or change, and the direction of a change. */
function changeOf(kind: FactKind, mention: Mention, before: string, after: string): { change: 'level' | 'change'; direction: 'up' | 'down' | undefined } {
  const near = before.slice(-60);
  let change: 'level' | 'change' = 'level';
  if (kind === 'places') change = 'change';
  else if (kind === 'multiple') change = 'change';
  else if (kind === 'percent' && mention.unit === 'percentage points') change = 'change';
  else if (kind === 'count' && COUNT_CHANGE_BEFORE.test(near)) change = 'change';
  else if ((kind === 'percent' || kind === 'money') && CHANGE_BEFORE.test(near) && !/\bto\s+(?:(?:more than|over|nearly|about|around|a new record high of)\s+)?$/i.test(near)) change = 'change';
  else if ((kind === 'percent' || kind === 'money') && CHANGE_AFTER.test(after) && !LEVEL_BEFORE.test(near)) change = 'change';
  let direction: 'up' | 'down' | undefined;
  if (change === 'change' || kind === 'places') {
    const verb = (near.match(/\b[a-z]+(?:\s+(?:up|down))?\s+(?:by\s+)?(?:(?:more than|over|nearly|about|around)\s+)?$/i)?.[0] ?? near) + ' ' + mention.text;
    direction = DOWN_WORDS.test(verb) || /\bdown\b/i.test(after.slice(0, 12)) ? 'down' : 'up';
  }
  return { change, direction };
}

/** Actual or target, and the year the number is for (and where that year came from). */
function statusAndYear({ ctx, years, targetYearHere, isTarget }: SentenceScope, { mention, before }: MentionScope): Pick<Fact, 'status' | 'year' | 'yearFrom'> {
  let status: 'actual' | 'target' = isTarget ? 'target' : 'actual';
  if (status === 'target' && /\b(?:from\s+(?:the\s+)?(?:current|present|existing)?\s*(?:level\s+of\s+)?|currently|at present|now)\s*$/i.test(before)) status = 'actual';
  if (status === 'target') {
    const future = years.filter((y) => !y.base && (ctx.articleYear === null || y.year >= ctx.articleYear));
    const year = targetYearHere ?? ctx.targetYear ?? future[future.length - 1]?.year ?? ctx.articleYear;
    const yearFrom = targetYearHere !== null || future.length > 0 ? 'sentence' : ctx.targetYear !== null ? 'context' : ctx.articleYear !== null ? 'article' : 'none';
    return { status, year, yearFrom };
  }
  const candidates = years.filter((y) => !y.base && (ctx.articleYear === null || y.year <= ctx.articleYear + 0));
  const beforeIt = candidates.filter((y) => y.start < mention.start);
  const pick = beforeIt[beforeIt.length - 1] ?? candidates[0];
  if (pick) return { status, year: pick.year, yearFrom: 'sentence' };
  if (ctx.contextYear !== null) return { status, year: ctx.contextYear, yearFrom: 'context' };
  if (ctx.articleYear !== null) return { status, year: ctx.articleYear, yearFrom: 'article' };
  return { status, year: null, yearFrom: 'none' };
}

/** The context a sentence passes on to the next one in its paragraph. */
function carry(sentence: string, ctx: SentenceContext, places: readonly RegionMention[]): SentenceContext {
  const byYear = /\bby\s+(?:the\s+end\s+of\s+)?(20\d\d)\b/i.exec(sentence);
  let targetYear = ctx.targetYear;
  if (byYear && (ctx.articleYear === null || Number(byYear[1]) >= ctx.articleYear)) targetYear = Number(byYear[1]);
  else if (ACTUAL_MARKER.test(sentence)) targetYear = null;
  const inYear = /^(?:in|during)\s+(19\d\d|20\d\d)\b/i.exec(sentence.trim());
  const contextYear = inYear ? Number(inYear[1]) : ctx.contextYear;
  const regions = places.filter((m) => !m.org);
  const previousRegion = regions[regions.length - 1]?.id ?? ctx.previousRegion;
  return {
    articleYear: ctx.articleYear,
    mainRegion: ctx.mainRegion,
    previousRegion,
    targetYear,
    contextYear,
    planParagraph: ctx.planParagraph,
    previousSentence: sentence,
  };
}

/**
 * All facts of an article, in order. `chunkOf` maps a sentence index to the chunk holding it;
 * `placesOf` gives the region mentions of a part of the article's text (`gazetteer().find` of it).
 */
export function extractFacts(
  article: Article,
  sentences: Sentence[],
  chunkOf: (sentence: number) => number,
  placesOf: (start: number, end: number) => RegionMention[] = (start, end) => gazetteer().find(article.text.slice(start, end)),
): Omit<Fact, 'id' | 'metric'>[] {
  const articleYear = article.date ? Number(article.date.slice(0, 4)) : null;
  const out: Omit<Fact, 'id' | 'metric'>[] = [];
  let ctx: SentenceContext = { ...DEFAULT_CONTEXT, articleYear, mainRegion: article.mainRegion };
  let paragraph = -1;
  for (const s of sentences) {
    if (s.paragraph !== paragraph) {
      paragraph = s.paragraph;
      const planParagraph = TARGET_MARKER.test(s.text) && !ACTUAL_MARKER.test(s.text) && !/\b(?:has|have|had|was|were)\b/i.test(s.text.split(',')[0] ?? '');
      ctx = { ...DEFAULT_CONTEXT, articleYear, mainRegion: article.mainRegion, planParagraph };
    }
    const places = placesOf(s.start, s.end);
    for (const f of sentenceFacts(s.text, ctx, () => places)) {
      // The sentence's facts are fresh objects: complete them in place (the same keys, in the same order, as a copy).
      const fact: Omit<Fact, 'id' | 'metric'> = Object.assign(f, { doc: article.id, sentenceStart: s.start, sentenceEnd: s.end, chunk: chunkOf(s.index) });
      if (ctx.previousSentence) fact.previous = ctx.previousSentence;
      out.push(fact);
    }
    ctx = carry(s.text, ctx, places);
  }
  return out;
}
