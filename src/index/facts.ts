/**
 * Numeric fact extraction: every number in a sentence, with its unit and kind, what it measures,
 * level or change, actual or target, year and region. Pure functions; the patterns describe how news
 * text states numbers, never particular sentences.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { Article, Sentence } from '../corpus/types.js';
import { GENERIC_WORDS, TRAILING_WORDS, VERB_NOUNS } from '../text/lexicon.js';
import { DIGIT_NUMBER, ORDINAL, WORD_NUMBER, clean, parseNumber, parseOrdinal, scaleFactor } from './numbers.js';
import type { Fact, FactKind } from './types.js';

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

// ---------------------------------------------------------------------------------------------
// Number mentions

const CURRENCY_PREFIX = String.raw`(?<cur1>RMB|CNY|USD|US\$|HK\$|HKD|EUR|GBP|JPY|\$|¥|￥|€|£)`;
const SCALE = String.raw`(?<scale>\s*(?:hundred million|ten thousand|hundred thousand|thousand|million|billion|trillion|万亿|万|亿)|(?:bn|mn|mln|tn|[kmb])(?![A-Za-z]))`;
const SUFFIX = String.raw`(?<suffix>\s*(?:percentage points?|%|％|percent|per cent|pct)|\s*(?:-\s*)?(?:times|fold)\b|\s+(?:places|positions|spots|notches)\b|\s*(?<cur2>yuan|renminbi|RMB|CNY|元|US dollars|dollars|USD|euros?|EUR|pounds|GBP)\b)`;
const MENTION = new RegExp(
  [
    String.raw`(?<ratio>(?<![\d.:])\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?![\d:]))`,
    String.raw`(?<multw>\b(?:doubled|tripled|trebled|quadrupled|halved)\b)`,
    String.raw`(?<rankno>\bNo\.\s?(?<rankn>\d{1,3})\b)`,
    String.raw`(?<topn>\btop[\s-](?<topv>\d{1,3}|three|five|ten|twenty|fifty|hundred)\b)`,
    String.raw`(?<ord>(?<![\w.])${ORDINAL}\b)`,
    String.raw`(?:${CURRENCY_PREFIX}\s*(?<cnum>${DIGIT_NUMBER}(?![\d]))|(?<num>(?<![\w.,])${DIGIT_NUMBER}(?![\d])|\b${WORD_NUMBER}\b))${SCALE}?${SUFFIX}?`,
  ].join('|'),
  'gi',
);

const CURRENCY_CODES: Record<string, string> = {
  rmb: 'CNY', cny: 'CNY', yuan: 'CNY', renminbi: 'CNY', '元': 'CNY', '¥': 'CNY', '￥': 'CNY',
  usd: 'USD', 'us$': 'USD', $: 'USD', dollars: 'USD', 'us dollars': 'USD',
  'hk$': 'HKD', hkd: 'HKD', eur: 'EUR', '€': 'EUR', euro: 'EUR', euros: 'EUR', gbp: 'GBP', '£': 'GBP',
  pounds: 'GBP', jpy: 'JPY',
};

const MONTH = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$/i;
const MONTH_AFTER = /^\s*(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const DURATION_AFTER = /^\s*(?:-\s*|\s)?(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)\b/i;
const IDENTIFIER_BEFORE = /\b(?:no|nos|number|article|articles|phase|item|chapter|section|line|room|building|grade|class|version|batch|route|gate|platform|terminal|stage|session|round|plenary)\.?\s*$/i;
const COUNT_VERB_BEFORE = /\b(?:reach(?:ed|es|ing)?|amount(?:ed|s|ing)? to|total(?:l?ed|l?ing|s)?(?: of)?|hit|exceed(?:ed|s|ing)?|number(?:ed|s|ing)?|stood at|stands at|(?:increased|rose|grew|risen|climbed|jumped|doubled|tripled) to|up to|more than|over|nearly|about|around|approximately|almost)\s*$/i;
const RANK_WORD = /\b(?:rank(?:ed|ing|ings|s)?|placed|place|position(?:ed)?|came|stood|listed|top)\b/i;
const NOT_RANK_AFTER = /^\s*(?:consecutive|straight|successive|running|year in a row|batch|phase|time|session|npc|party|plenary|congress|five-year|anniversary|edition|round|meeting|year|half|quarter|stage|step|pilot|group|generation|class|prize|award|of its kind)\b/i;

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

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: FactKind | 'number';
  value: number;
  value2?: number;
  unit: string;
  scale?: string;
  /** A bare number (no unit, no scale): can belong to a "respectively" list. */
  bare: boolean;
}

function isYearLike(n: number, raw: string): boolean {
  return /^\d{4}$/.test(raw) && n >= 1900 && n <= 2100;
}

/** Every number mention of a sentence that can be a fact, with its kind and value. */
export function findMentions(sentence: string): Mention[] {
  const out: Mention[] = [];
  MENTION.lastIndex = 0;
  for (const m of sentence.matchAll(MENTION)) {
    const g = m.groups ?? {};
    const start = m.index ?? 0;
    let text = m[0];
    const before = sentence.slice(0, start);
    let end = start + text.length;
    const after = sentence.slice(end);

    if (g.ratio) {
      if (!/\b(?:ratio|proportion|rate)\b/i.test(sentence)) continue;
      const [a, b] = g.ratio.split(':').map((x) => Number(x.trim()));
      if (a === undefined || b === undefined) continue;
      out.push({ start, end, text, kind: 'ratio', value: a, value2: b, unit: 'ratio', bare: false });
      continue;
    }
    if (g.multw) {
      const w = g.multw.toLowerCase();
      const value = w === 'doubled' ? 2 : w === 'halved' ? 0.5 : w === 'quadrupled' ? 4 : 3;
      out.push({ start, end, text, kind: 'multiple', value, unit: 'times', bare: false });
      continue;
    }
    // "ranked No. 9", "rose to No. 11 in the country": a rank written with "No.".
    if (g.rankno) {
      const isRank = /\b(?:rank(?:ed|ing|s)?|rose to|climbed to|moved up to|came|stood|placed|position(?:ed)?)\s+(?:at\s+)?$/i.test(before) || /^\s*(?:in|of|among|across)\s+(?:the\s+)?(?:whole\s+)?(?:country|nation|world|province|china)\b/i.test(after);
      if (!isRank) continue;
      out.push({ start, end, text, kind: 'rank', value: Number(g.rankn), unit: 'rank', bare: false });
      continue;
    }
    // "climbed into the top 10 of the ... ranking": a rank band, stated as such.
    if (g.topn) {
      const v = parseNumber(g.topv ?? '') || (g.topv === 'hundred' ? 100 : NaN);
      if (!Number.isFinite(v) || !/\b(?:into|in|among|within|of|entered|enter|entering|made|make|ranks?|ranked|ranking)\s+(?:the\s+)?$/i.test(before)) continue;
      out.push({ start, end, text, kind: 'rank', value: v, unit: 'top', bare: false });
      continue;
    }
    if (g.ord) {
      const value = parseOrdinal(g.ord);
      if (!Number.isFinite(value)) continue;
      const isRank = RANK_WORD.test(before) || /^\s*(?:place|position)\b/i.test(after) || /^\s*(?:in|among)\s+(?:the\s+)?(?:country|nation|world|province|china|northeast|\w+ china)\b/i.test(after);
      if (!isRank || NOT_RANK_AFTER.test(after)) continue;
      out.push({ start, end, text, kind: 'rank', value, unit: 'rank', bare: false });
      continue;
    }
    const rawNum = g.cnum ?? g.num;
    if (!rawNum) continue;
    let value = parseNumber(rawNum);
    if (!Number.isFinite(value)) continue;
    const word = /^[a-z]/i.test(rawNum);
    const suffix = (g.suffix ?? '').trim().toLowerCase();
    const scale = g.scale?.trim();
    const currency = g.cur1 ?? g.cur2;

    // Glued to letters (5G, 123N) or part of an identifier, date or duration: not a fact.
    if (!suffix && !scale && /^[A-Za-z]/.test(after)) continue;
    if (!currency && /[A-Za-z]-$/.test(before)) continue; // COVID-19
    if (!suffix && !currency && (/\d\s*[/.]$/.test(before) || /^[/.]\d/.test(after))) continue; // 2018/04/11
    if (IDENTIFIER_BEFORE.test(before) && !currency && !suffix) continue;
    if (!suffix && !currency && (MONTH.test(before) || MONTH_AFTER.test(after))) continue;
    if (!suffix && !currency && DURATION_AFTER.test(after)) continue;
    if (!suffix && /^\s*plus\b/i.test(after)) continue;
    if (!suffix && /^\s*[-–]\s*\d{4}\b/.test(after)) continue; // 2022-2024
    if (/\d\s*[-–]\s*$/.test(before) && isYearLike(value, rawNum)) continue;

    value = clean(value * scaleFactor(scale));
    // "(100 million yuan)", "(billion yuan)": a table's unit label, not an amount.
    if ((currency || scale) && /\(\s*$/.test(before) && /^\s*\)/.test(after) && /^(?:1|10|100|1,000|10,000)$/.test(rawNum)) continue;
    if (currency) {
      // Trailing scale written after the currency word: "RMB 1 billion" is handled above; "1 billion yuan" too.
      const code = CURRENCY_CODES[currency.toLowerCase()] ?? currency.toUpperCase();
      // A conversion in parentheses right after another amount: "140 million yuan ($19.35 million)".
      if (/\(\s*(?:about|around|approximately|or)?\s*$/.test(before) && out.some((o) => o.kind === 'money' && start - o.end < 6)) continue;
      out.push({ start, end, text, kind: 'money', value, unit: code, ...(scale ? { scale } : {}), bare: false });
      continue;
    }
    if (/^(?:%|％|percent|per cent|pct)$/.test(suffix)) {
      out.push({ start, end, text, kind: 'percent', value, unit: '%', bare: false });
      continue;
    }
    if (suffix.startsWith('percentage point')) {
      out.push({ start, end, text, kind: 'percent', value, unit: 'percentage points', bare: false });
      continue;
    }
    if (/(?:times|fold)$/.test(suffix)) {
      out.push({ start, end, text, kind: 'multiple', value, unit: 'times', bare: false });
      continue;
    }
    if (/^(?:places|positions|spots|notches)$/.test(suffix)) {
      out.push({ start, end, text, kind: 'places', value, unit: 'places', bare: false });
      continue;
    }
    // A plain number: a count, unless it is a year.
    if (!scale && isYearLike(value, rawNum) && !COUNT_VERB_BEFORE.test(before)) continue;
    if (/^[’'"”]/.test(after) && word) continue; // “two” in quotes
    if (word) {
      // A number in words counts only before a noun: "eight key provincial laboratories".
      const next = /^\s+([a-z][a-z-]*)/i.exec(after)?.[1]?.toLowerCase();
      if (!next || /^(?:of|and|or|to|in|on|at|by|for|with|is|are|was|were|has|have|the|a|that|which|who|it)$/.test(next)) {
        if (!/^\s+of\s+(?:the|them|these|its)\b/i.test(after)) continue;
      }
      text = rawNum;
      end = start + text.length;
    }
    out.push({ start, end, text, kind: 'number', value, unit: '', ...(scale ? { scale } : {}), bare: !scale && !word });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a number measures

/** Compound phrases whose inner "and" does not separate list items. */
const COMPOUNDS = /\b(research|science|scientific|small|import|industry-university|production|learning|teaching|economic|social|cultural|education|health|higher)\s+and\s+(?=(?:development|technology|technological|medium|micro|export|research|social|cultural|economic|training|education|welfare|care|research|learning)\b)/gi;
const PROTECT = 'aNdX';

function protect(s: string): string {
  return s.replace(COMPOUNDS, (m) => m.replace(/\s+and\s+/i, ` ${PROTECT} `));
}
function unprotect(s: string): string {
  return s.replace(new RegExp(` ?${PROTECT} ?`, 'g'), ' and ');
}


const LEADING = /^(?:(?:and|or|but|with|while|whereas|among them|among which|in addition|additionally|furthermore|moreover|also|of which|including|such as|the|a|an|its|their|this|these|those|that|so far|at present|currently|meanwhile|besides|in total|overall|last year|this year|in the past (?:\w+ )?years?|in \d{4}|by \d{4}|as of \d{4}|since \d{4}|there (?:are|were|is|was)|on|in|of|for|by|(?:plan|plans|aim|aims|strive|strives)?\s*to\s+(?:increase|raise|boost|reach|achieve|lift|expand|grow|improve|promote|double)|increase|raise|boost|lift|expand|improve)\b[\s,]*)+/i;
const CUT_AT = /\b(?:that|which|where|while|whereas|when|because|shows?|showed|said|says|including|among them|of which|according to)\b/gi;
const CONTENT = /[a-z]{3,}/i;

function trimTrailing(words: string[]): string[] {
  const w = [...words];
  while (w.length > 0) {
    const last = (w[w.length - 1] ?? '').toLowerCase().replace(/[,;:]+$/, '');
    if (TRAILING_WORDS.has(last) || last === '' || /^[-–—,;:(“"]+$/.test(last)) w.pop();
    else break;
  }
  return w;
}

/** Remove region names, "the province's", "in the city" and similar from a measured phrase. */
export function stripPlaces(phrase: string): string {
  let s = phrase;
  const mentions = gazetteer().find(s).filter((m) => !m.org).sort((a, b) => b.start - a.start);
  for (const m of mentions) {
    const tail = /^(?:[’']s)?/.exec(s.slice(m.end))?.[0] ?? '';
    s = s.slice(0, m.start) + s.slice(m.end + tail.length);
  }
  return s
    .replace(/\b(?:the\s+)?(?:province|city|county|country|nation|municipality|region|district)[’']s\b/gi, '')
    .replace(/\b(?:in|of|across|for|throughout)\s+(?:the\s+(?:whole\s+)?)?(?:province|city|county|country|nation|municipality|region|district)\b/gi, '')
    .replace(/\b(?:in|of|across)\s*$/i, '')
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function tidy(phrase: string): string {
  let s = unprotect(phrase).replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) s = s.replace(LEADING, '').trim();
  s = s.replace(/^[,;:.\s“”"'’()–—-]+|[,;:.\s“”"'’(–—-]+$/g, '').trim();
  s = stripPlaces(s);
  for (let i = 0; i < 3; i++) s = s.replace(LEADING, '').trim();
  s = s.replace(/^(?:(?:total|overall|the)\s+)?(?:number|numbers|amount|quantity)\s+of\s+/i, '');
  s = s.replace(/^[,;:.\s“”"'’()–—-]+|[,;:.\s“”"'’(–—-]+$/g, '').trim();
  return s;
}

function isGeneric(phrase: string): boolean {
  const words = phrase.toLowerCase().match(/[a-z&]+/g) ?? [];
  const content = words.filter((w) => !['the', 'of', 'a', 'an', 'its', 'in', 'and', 'this', 'that', 'new'].includes(w));
  return content.length === 0 || content.every((w) => GENERIC_WORDS.has(w));
}

/** The noun phrase that a count's number is followed by ("104 start-up technology enterprises"). */
function followingNoun(after: string): string {
  const m = /^\s+((?:[A-Za-z][\w’'&-]*\s*){1,8})/.exec(protect(after));
  if (!m) return '';
  const words: string[] = [];
  for (const w of (m[1] ?? '').trim().split(/\s+/)) {
    if (/^(?:were|was|have|has|had|are|is|in|to|from|with|for|at|on|by|that|which|who|including|such|as|and|or|will|would|can|could|passing|under|over|across|during|since|being|been|each|per|compared|than|jointly|respectively|suitable|eligible|capable|able|worth|located|involved|selected|approved|completing|covering|totaling|totalling|this|that|last|next|every|these|those)$/i.test(w)) break;
    words.push(w);
    if (/[,;:.)]$/.test(w)) break;
  }
  // "prizes of the National ... Award": keep an "of" phrase that names what was counted.
  const joined = words.join(' ');
  const rest = protect(after).slice((m.index ?? 0) + 1 + joined.length);
  const of = /^\s+(of\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z&][\w’'&-]*|\s+(?:and|of)\s+[A-Z][\w’'&-]*)*)/.exec(rest);
  return tidy(joined + (of ? ` ${of[1]}` : ''));
}

/** The phrase to the left of a number that names what it measures. */
function leftPhrase(before: string): string {
  let s = protect(before);
  const cut = Math.max(s.lastIndexOf(';'), s.lastIndexOf(':'), s.lastIndexOf('('));
  if (cut >= 0) s = s.slice(cut + 1);
  // Trim verbs and prepositions from the end, then take the last clause.
  let words = trimTrailing(s.split(/\s+/).filter(Boolean));
  s = words.join(' ');
  const comma = s.lastIndexOf(',');
  if (comma >= 0) {
    const lastSeg = s.slice(comma + 1);
    if (CONTENT.test(tidy(lastSeg))) s = lastSeg;
  }
  let lastCut = -1;
  for (const m of s.matchAll(CUT_AT)) lastCut = (m.index ?? 0) + m[0].length;
  // "The result shows that Jilin Province has moved up": what follows "that" is the subject (here only a place).
  if (lastCut >= 0) s = s.slice(lastCut);
  // "the Future Seed Fund with a total scale of": the thing, not its generic attribute.
  const withAt = s.search(/\s+with\s+/i);
  if (withAt > 0 && isGeneric(tidy(s.slice(withAt).replace(/^\s+with\s+/i, '')))) s = s.slice(0, withAt);
  words = trimTrailing(s.split(/\s+/).filter(Boolean));
  // Keep the phrase short: the last 10 words.
  return tidy(words.slice(-10).join(' '));
}

/** What a rank or a move in places is measured by ("ranked 17th ... by the index of X", "in the innovation capability rankings"). */
function rankPhrase(after: string): string {
  const m = /^(?:\s+(?:in|among)\s+(?:the\s+)?(?:country|nation|world|province|china|northeast china)\b)?[,\s]*(?:by|in terms of|for|on|in)\s+((?:the\s+)?[^,;.]{3,120})/i.exec(after);
  if (!m) return '';
  const phrase = tidy(m[1] ?? '');
  if (/^(?:the\s+)?(?:country|nation|world|province|china|northeast china|its kind)$/i.test(phrase)) return '';
  return CONTENT.test(phrase) ? phrase : '';
}

const TOPIC = /((?:[a-z][\w-]*\s+){1,3}(?:capability|capacity|competitiveness|competency|ranking|rankings|index|innovation))\b/i;

/** The subject of a sentence: what stands before its first verb ("The R&D investment of the whole society made ..."). */
export function sentenceSubject(sentence: string): string {
  const m = /^(.*?)\s+(?:made|makes|was|were|is|are|has|have|had|reached|reaches|increased|rose|grew|amounted|accounted|will|totaled|totalled|stood|hit|achieved|saw|recorded|registered)\b/i.exec(
    sentence.replace(/^(?:in|by|as of|since)\s+\d{4},?\s*/i, ''),
  );
  if (!m) return '';
  const s = tidy(m[1] ?? '');
  return s.split(/\s+/).length <= 10 ? s : '';
}

/** "the number of A, B and C has amounted to 2705, 1049 and 1360": the items named, in order. */
function respectivelyItems(before: string, count: number): string[] | null {
  const m = /(?:number|numbers|total|totals|amounts?)\s+of\s+(.+?)\s+(?:in\s+[^,]+?\s+)?(?:has|have|had|was|were|is|are|reached|amounted|totaled|totalled|stood|increased|rose|grew)\b/i.exec(protect(before));
  if (!m) return null;
  const items = (m[1] ?? '')
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((x) => tidy(x))
    .filter((x) => x.length > 0);
  return items.length === count ? items : null;
}

// ---------------------------------------------------------------------------------------------
// Years

interface YearMention {
  year: number;
  start: number;
  base: boolean;
}

function yearsIn(sentence: string, articleYear: number | null): YearMention[] {
  const out: YearMention[] = [];
  for (const m of sentence.matchAll(/\b(19\d\d|20\d\d)\b(?!\s*(?:-|–)\s*\d)/g)) {
    const start = m.index ?? 0;
    const before = sentence.slice(Math.max(0, start - 30), start);
    const after = sentence.slice(start + 4, start + 30);
    if (/\d\s*[-–]\s*$/.test(before)) continue; // second year of a range
    if (/^\s*[-–/.]\s*\d/.test(after)) continue; // a date
    if (/(?:reach(?:ed)?|to|amounted to|totaled)\s*$/i.test(before) && !/\bfrom\b/i.test(before)) {
      // "has reached 2000" is a count, not a year.
      if (!/^\s*(?:,|\.|;|$)/.test(after) || /reach/.test(before)) continue;
    }
    const base = /\b(?:compared (?:to|with)|than|over|from|since|versus|vs\.?|against|relative to|on)\s+(?:the\s+)?(?:(?:same period|level) (?:of|in)\s+)?$/i.test(before);
    out.push({ year: Number(m[1]), start, base });
  }
  if (articleYear !== null) {
    for (const m of sentence.matchAll(/\b(since\s+)?last year\b/gi)) out.push({ year: articleYear - 1, start: m.index ?? 0, base: m[1] !== undefined });
    for (const m of sentence.matchAll(/\bthis year\b/gi)) out.push({ year: articleYear, start: m.index ?? 0, base: false });
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
function regionOf(sentence: string, at: number, ctx: SentenceContext): string | null {
  const g = gazetteer();
  const mentions = g.find(sentence);
  const places = mentions.filter((m) => !m.org && !/\b(?:such as|including|like|e\.g\.|for example|with)\b[^.;:]*$/i.test(sentence.slice(0, m.start)));
  const main = ctx.mainRegion;
  const beforeIt = places.filter((m) => m.start < at);
  const rightAfter = places.filter((m) => m.start >= at && /^[^,;]{0,40}\b(?:in|of|across)\s+(?:the\s+)?$/i.test(sentence.slice(at, m.start)));
  const ids = [...new Set([...beforeIt.reverse(), ...rightAfter].map((m) => m.id))];
  // "the province" in an article about a city means the city's province, and the other way round.
  const saysProvince = /\b(?:the|this|our|whole)\s+province\b|\bprovince[’']s\b|\bprovincial\b/i.test(sentence);
  const saysCity = /\b(?:the|this|our|whole)\s+city\b|\bcity[’']s\b|\bmunicipal\b/i.test(sentence);
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

/** Extract the facts of one sentence. */
export function extractFromSentence(sentence: string, context: Partial<SentenceContext> = {}): SentenceFact[] {
  const ctx: SentenceContext = { ...DEFAULT_CONTEXT, ...context };
  const mentions = findMentions(sentence);
  if (mentions.length === 0) return [];

  const years = yearsIn(sentence, ctx.articleYear);
  const byYear = /\bby\s+(?:the\s+end\s+of\s+)?(20\d\d)\b/i.exec(sentence);
  const targetYearHere = byYear && (ctx.articleYear === null || Number(byYear[1]) >= ctx.articleYear) ? Number(byYear[1]) : null;
  const sentenceIsTarget =
    targetYearHere !== null ||
    (TARGET_MARKER.test(sentence) && !ACTUAL_MARKER.test(sentence)) ||
    (ctx.targetYear !== null && !ACTUAL_MARKER.test(sentence) && !years.some((y) => !y.base && ctx.articleYear !== null && y.year <= ctx.articleYear)) ||
    (ctx.planParagraph && PLAN_VERBS.test(sentence.trim()));
  const subject = sentenceSubject(sentence);

  // Bare numbers listed together ("2705, 1049 and 1360") share one left phrase.
  const groups: Mention[][] = [];
  for (const m of mentions) {
    const prevGroup = groups[groups.length - 1];
    const prev = prevGroup?.[prevGroup.length - 1];
    if (prev && prev.bare && m.bare && /^\s*(?:,\s*(?:and\s+)?|and\s+)$/.test(sentence.slice(prev.end, m.start))) prevGroup!.push(m);
    else groups.push([m]);
  }

  const facts: SentenceFact[] = [];
  let prevEnd = 0;
  for (const group of groups) {
    const first = group[0]!;
    const groupBefore = sentence.slice(0, first.start);
    const items = group.length > 1 ? respectivelyItems(groupBefore, group.length) : null;
    for (let gi = 0; gi < group.length; gi++) {
      const mention = group[gi]!;
      const before = sentence.slice(0, mention.start);
      const localBefore = sentence.slice(prevEnd, group === groups[0] || gi > 0 ? first.start : mention.start);
      const mentionAfter = sentence.slice(mention.end);

      const region = regionOf(sentence, mention.start, ctx);
      // Kind
      let kind: FactKind;
      if (mention.kind === 'number') kind = 'count';
      else kind = mention.kind;

      // Measure
      let measure = '';
      if (items) measure = items[gi] ?? '';
      if (!measure && kind === 'count' && gi === group.length - 1) measure = followingNoun(mentionAfter);
      const previousFact = facts[facts.length - 1];
      // "..., up 11.6% from a year earlier": the change of the value just before it.
      if (!measure && previousFact && kind !== 'count' && /,\s*(?:up|down|an? (?:increase|rise|growth|decrease|decline|drop) of)\s*(?:by\s+)?$/i.test(localBefore)) measure = previousFact.measure;
      // "ranked 8th ..., moving up two places": the places moved in that ranking.
      if (!measure && kind === 'places' && previousFact?.kind === 'rank') measure = previousFact.measure;
      if (!measure && (kind === 'rank' || kind === 'places')) {
        measure = rankPhrase(mentionAfter) || tidy(TOPIC.exec(sentence)?.[1] ?? TOPIC.exec(ctx.previousSentence)?.[1] ?? '');
      }
      if (!measure && kind === 'ratio') measure = subject;
      // "Hefei invested 63.2 billion yuan in R&D": the verb and its object name the measure.
      if (!measure && kind === 'money') {
        const verb = /\b(invested|spent|allocated|raised|attracted|earned|exported|imported|granted|provided|injected)\s+(?:(?:more than|over|nearly|about|around|approximately|a total of)\s+)?$/i.exec(before)?.[1]?.toLowerCase();
        const object = /^\s+(?:in|on|for|into|to)\s+([^,.;]{3,80})/i.exec(mentionAfter)?.[1];
        // "spent 73.3 billion yuan on research and development in 2022" -> "research and development spending".
        const what = object?.replace(/\s*\([^)]*\)/g, '').replace(/\s+(?:in|during|for)\s+(?:19|20)\d\d\b.*$/i, '');
        if (verb) measure = tidy(what ? `${what} ${VERB_NOUNS[verb] ?? verb}` : VERB_NOUNS[verb] ?? verb);
      }
      if (!measure) measure = leftPhrase(localBefore.trim() ? localBefore : before);
      if (!measure || isGeneric(measure)) {
        const previous = facts[facts.length - 1];
        if (!measure && previous && /^[\s,]*(?:an?|the)?\s*(?:increase|growth|rise|decrease|decline|drop|up|down)/i.test(localBefore)) {
          measure = previous.measure;
        } else if (subject && !isGeneric(subject)) {
          measure = subject;
        } else if (previous) {
          measure = previous.measure;
        }
      }
      if (!measure && (kind === 'rank' || kind === 'places')) {
        measure = tidy(TOPIC.exec(sentence)?.[1] ?? TOPIC.exec(ctx.previousSentence)?.[1] ?? '') || 'ranking';
      }
      if (!measure && kind === 'count') measure = followingNoun(mentionAfter);
      // An appositive ("R&D intensity, the ratio of R&D spending to GDP") is not part of the name.
      const comma = measure.indexOf(', ');
      if (comma > 0 && CONTENT.test(measure.slice(0, comma))) measure = measure.slice(0, comma);
      measure = measure.slice(0, 120);

      // Unit of a count: its head noun.
      let unit = mention.unit;
      if (kind === 'count') unit = (measure.match(/[A-Za-z-]+/g) ?? []).pop()?.toLowerCase() ?? '';

      // Level or change, direction
      const near = before.slice(-60);
      let change: 'level' | 'change' = 'level';
      if (kind === 'places') change = 'change';
      else if (kind === 'multiple') change = 'change';
      else if (kind === 'percent' && mention.unit === 'percentage points') change = 'change';
      else if (kind === 'count' && COUNT_CHANGE_BEFORE.test(near)) change = 'change';
      else if ((kind === 'percent' || kind === 'money') && CHANGE_BEFORE.test(near) && !/\bto\s+(?:(?:more than|over|nearly|about|around|a new record high of)\s+)?$/i.test(near)) change = 'change';
      else if ((kind === 'percent' || kind === 'money') && CHANGE_AFTER.test(mentionAfter) && !LEVEL_BEFORE.test(near)) change = 'change';
      let direction: 'up' | 'down' | undefined;
      if (change === 'change' || kind === 'places') {
        const verb = (near.match(/\b[a-z]+(?:\s+(?:up|down))?\s+(?:by\s+)?(?:(?:more than|over|nearly|about|around)\s+)?$/i)?.[0] ?? near) + ' ' + mention.text;
        direction = DOWN_WORDS.test(verb) || /\bdown\b/i.test(mentionAfter.slice(0, 12)) ? 'down' : 'up';
      }

      // Qualifier
      const qualifier = QUALIFIER_BEFORE.exec(before)?.[1]?.toLowerCase();

      // Actual or target, year
      let status: 'actual' | 'target' = sentenceIsTarget ? 'target' : 'actual';
      if (status === 'target' && /\b(?:from\s+(?:the\s+)?(?:current|present|existing)?\s*(?:level\s+of\s+)?|currently|at present|now)\s*$/i.test(before)) status = 'actual';
      let year: number | null = null;
      let yearFrom: Fact['yearFrom'] = 'none';
      if (status === 'target') {
        const future = years.filter((y) => !y.base && (ctx.articleYear === null || y.year >= ctx.articleYear));
        year = targetYearHere ?? ctx.targetYear ?? future[future.length - 1]?.year ?? ctx.articleYear;
        yearFrom = targetYearHere !== null || future.length > 0 ? 'sentence' : ctx.targetYear !== null ? 'context' : ctx.articleYear !== null ? 'article' : 'none';
      } else {
        const candidates = years.filter((y) => !y.base && (ctx.articleYear === null || y.year <= ctx.articleYear + 0));
        const beforeIt = candidates.filter((y) => y.start < mention.start);
        const pick = beforeIt[beforeIt.length - 1] ?? candidates[0];
        if (pick) {
          year = pick.year;
          yearFrom = 'sentence';
        } else if (ctx.contextYear !== null) {
          year = ctx.contextYear;
          yearFrom = 'context';
        } else if (ctx.articleYear !== null) {
          year = ctx.articleYear;
          yearFrom = 'article';
        }
      }

      // The stated value: the mention text, with its currency or scale (already in the match).
      const text = mention.text.trim();
      const valueStart = mention.start + (mention.text.length - mention.text.trimStart().length);
      facts.push({
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
        sentence,
        valueStart,
        valueEnd: valueStart + text.length,
      });
    }
    prevEnd = group[group.length - 1]!.end;
  }
  return facts;
}

/** The context a sentence passes on to the next one in its paragraph. */
function carry(sentence: string, ctx: SentenceContext): SentenceContext {
  const byYear = /\bby\s+(?:the\s+end\s+of\s+)?(20\d\d)\b/i.exec(sentence);
  let targetYear = ctx.targetYear;
  if (byYear && (ctx.articleYear === null || Number(byYear[1]) >= ctx.articleYear)) targetYear = Number(byYear[1]);
  else if (ACTUAL_MARKER.test(sentence)) targetYear = null;
  const inYear = /^(?:in|during)\s+(19\d\d|20\d\d)\b/i.exec(sentence.trim());
  const contextYear = inYear ? Number(inYear[1]) : ctx.contextYear;
  const regions = gazetteer().find(sentence).filter((m) => !m.org);
  const previousRegion = regions[regions.length - 1]?.id ?? ctx.previousRegion;
  return { ...ctx, targetYear, contextYear, previousRegion, previousSentence: sentence };
}

/** All facts of an article, in order. `chunkOf` maps a sentence index to the chunk holding it. */
export function extractFacts(article: Article, sentences: Sentence[], chunkOf: (sentence: number) => number): Omit<Fact, 'id' | 'metric'>[] {
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
    for (const f of extractFromSentence(s.text, ctx)) {
      out.push({ ...f, doc: article.id, sentenceStart: s.start, sentenceEnd: s.end, chunk: chunkOf(s.index), ...(ctx.previousSentence ? { previous: ctx.previousSentence } : {}) });
    }
    ctx = carry(s.text, ctx);
  }
  return out;
}
