/**
 * What a number measures: the phrase that names it (left of it, after it, or the sentence's subject),
 * tidied of leading function words and place names. Pure functions of the sentence text.
 */
import { gazetteer } from '../../corpus/gazetteer.js';
import { GENERIC_WORDS, TRAILING_WORDS } from '../../text/lexicon.js';
import { eachMatch } from '../../text/matches.js';

/** Compound phrases whose inner "and" does not separate list items. */
const COMPOUNDS = /\b(research|science|scientific|small|import|industry-university|production|learning|teaching|economic|social|cultural|education|health|higher)\s+and\s+(?=(?:development|technology|technological|medium|micro|export|research|social|cultural|economic|training|education|welfare|care|research|learning)\b)/gi;
const PROTECT = 'aNdX';

function protect(s: string): string {
  return s.replace(COMPOUNDS, (m) => m.replace(/\s+and\s+/i, ` ${PROTECT} `));
}
const PROTECTED = new RegExp(` ?${PROTECT} ?`, 'g');

function unprotect(s: string): string {
  return s.includes(PROTECT) ? s.replace(PROTECTED, ' and ') : s;
}

const LEADING = /^(?:(?:and|or|but|with|while|whereas|among them|among which|in addition|additionally|furthermore|moreover|also|of which|including|such as|the|a|an|its|their|this|these|those|that|so far|at present|currently|meanwhile|besides|in total|overall|last year|this year|in the past (?:\w+ )?years?|in \d{4}|by \d{4}|as of \d{4}|since \d{4}|there (?:are|were|is|was)|on|in|of|for|by|(?:plan|plans|aim|aims|strive|strives)?\s*to\s+(?:increase|raise|boost|reach|achieve|lift|expand|grow|improve|promote|double)|increase|raise|boost|lift|expand|improve)\b[\s,]*)+/i;
const CUT_AT = /\b(?:that|which|where|while|whereas|when|because|shows?|showed|said|says|including|among them|of which|according to)\b/gi;
export const CONTENT = /[a-z]{3,}/i;

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

export function tidy(phrase: string): string {
  let s = unprotect(phrase).replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) s = s.replace(LEADING, '').trim();
  s = s.replace(/^[,;:.\s“”"'’()–—-]+|[,;:.\s“”"'’(–—-]+$/g, '').trim();
  s = stripPlaces(s);
  for (let i = 0; i < 3; i++) s = s.replace(LEADING, '').trim();
  s = s.replace(/^(?:(?:total|overall|the)\s+)?(?:number|numbers|amount|quantity)\s+of\s+/i, '');
  s = s.replace(/^[,;:.\s“”"'’()–—-]+|[,;:.\s“”"'’(–—-]+$/g, '').trim();
  return s;
}

export function isGeneric(phrase: string): boolean {
  const words = phrase.toLowerCase().match(/[a-z&]+/g) ?? [];
  const content = words.filter((w) => !['the', 'of', 'a', 'an', 'its', 'in', 'and', 'this', 'that', 'new'].includes(w));
  return content.length === 0 || content.every((w) => GENERIC_WORDS.has(w));
}

/** The noun phrase that a count's number is followed by ("104 start-up technology enterprises"). */
export function followingNoun(after: string): string {
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
export function leftPhrase(before: string): string {
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
  eachMatch(CUT_AT, s, (m) => (lastCut = m.index + m[0].length));
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
export function rankPhrase(after: string): string {
  const m = /^(?:\s+(?:in|among)\s+(?:the\s+)?(?:country|nation|world|province|china|northeast china)\b)?[,\s]*(?:by|in terms of|for|on|in)\s+((?:the\s+)?[^,;.]{3,120})/i.exec(after);
  if (!m) return '';
  const phrase = tidy(m[1] ?? '');
  if (/^(?:the\s+)?(?:country|nation|world|province|china|northeast china|its kind)$/i.test(phrase)) return '';
  return CONTENT.test(phrase) ? phrase : '';
}

export const TOPIC = /((?:[a-z][\w-]*\s+){1,3}(?:capability|capacity|competitiveness|competency|ranking|rankings|index|innovation))\b/i;

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
export function respectivelyItems(before: string, count: number): string[] | null {
  const m = /(?:number|numbers|total|totals|amounts?)\s+of\s+(.+?)\s+(?:in\s+[^,]+?\s+)?(?:has|have|had|was|were|is|are|reached|amounted|totaled|totalled|stood|increased|rose|grew)\b/i.exec(protect(before));
  if (!m) return null;
  const items = (m[1] ?? '')
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((x) => tidy(x))
    .filter((x) => x.length > 0);
  return items.length === count ? items : null;
}
