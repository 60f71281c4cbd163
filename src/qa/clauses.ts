/**
 * Clauses of a sentence and what is bound to them: the clause around a value, the year its clause
 * gives it, the places a sentence names and the place a "respectively" list gives a value. Pure
 * functions of the sentence text (and the article's dateline).
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { Candidate } from './evidence.js';

const LEFT_BOUNDARY = /;|:|\(|\)|[•·▪■]|\s[-–—]{1,2}\s|\bwhile\b|\bwhereas\b|,\s*(?:and|but|with|of which|among which|among them|of them|of these)\b|\band\s+(?=[A-Z])/g;
const RIGHT_BOUNDARY = /[;,:(•·▪■]|\s[-–]\s|\bwhile\b|\bwhereas\b|\band\b|\.\s|\.$/;

/** [start, end) of the clause holding the value at [at, end) of the sentence. */
export function clauseSpan(sentence: string, at: number, end: number): [number, number] {
  let left = 0;
  for (const m of sentence.slice(0, at).matchAll(LEFT_BOUNDARY)) left = (m.index ?? 0) + m[0].length;
  // The clause does not reach back past another number's own clause ("26,000, 6,520 and 7,340").
  const rest = sentence.slice(end);
  const r = RIGHT_BOUNDARY.exec(rest);
  const right = r ? end + r.index : sentence.length;
  return [left, right];
}

// ---------------------------------------------------------------------------------------------
// Years bound to a clause

const YEAR_OR_RELATIVE = /\b(?:(19\d\d|20\d\d)|(last|this|previous|past) year)\b/gi;
const BASE_BEFORE = /\b(?:from|since|than|over|compared (?:to|with)|versus|vs\.?|against|relative to|on the basis of|the number at the end of|that of|that in)\s+(?:the\s+)?(?:(?:same period|level|end) (?:of|in)\s+)?(?:the\s+end\s+of\s+)?$|\b(?:established|founded|set up|launched|opened|built|created|started)\s+(?:in\s+)?$|\bsince\b[^,;.]{0,40}\bin\s+$/i;

interface YearHit {
  year: number;
  start: number;
  base: boolean;
}

export function yearHits(text: string, docYear: number | null): YearHit[] {
  const out: YearHit[] = [];
  for (const m of text.matchAll(YEAR_OR_RELATIVE)) {
    const start = m.index ?? 0;
    const after = text.slice(start + m[0].length, start + m[0].length + 6);
    if (m[1] && /^\s*[/.]\s*\d/.test(after)) continue; // a date
    // A period "2019-2022": the first year is where it starts from, the second the year it is for.
    const rangeStart = m[1] !== undefined && /^\s*[-–]\s*(?:19|20)\d\d\b/.test(after);
    if (m[1] && /^\s*[-–]\s*\d/.test(after) && !rangeStart) continue;
    let year: number;
    if (m[1]) year = Number(m[1]);
    else if (docYear === null) continue;
    else year = /^this/i.test(m[2] ?? '') ? docYear : docYear - 1;
    out.push({ year, start, base: rangeStart || BASE_BEFORE.test(text.slice(0, start)) });
  }
  return out;
}

/**
 * The year a value's own clause gives it: "N in 2019", "N at the end of last year", "In 2022, ... N";
 * a base year ("compared with 2017", "from ... in 2020" for the other value) is not it. Null when the
 * clause and the sentence's opening say nothing.
 */
export function boundYear(sentence: string, at: number, end: number, docYear: number | null): number | null {
  const [cs, ce] = clauseSpan(sentence, at, end);
  // Right after the value: "9,700 in 2019", "2,100 ... at the end of last year".
  const right = sentence.slice(end, Math.min(sentence.length, Math.max(ce, end + 40)));
  // A conversion in brackets may stand between: "236.7 billion yuan ($33.2 billion) last year".
  const r = /^(?:\s*\([^)]*\))?[^,;.()\d]{0,40}?\b(?:in|at the end of|by the end of|as of|during|for|of)\s+((?:19|20)\d\d|last year|this year)\b/i.exec(right);
  if (r && !/\bthan\b|\bcompared\b/i.test(right.slice(0, r.index + r[0].length - (r[1]?.length ?? 0)))) {
    const y = yearHits(r[1] ?? '', docYear)[0];
    if (y) return y.year;
  }
  const bare = /^(?:\s*\([^)]*\))?\s+((?:last|this) year)\b/i.exec(right);
  if (bare) return yearHits(bare[1] ?? '', docYear)[0]?.year ?? null;
  // Within the clause before the value: the nearest year that is not a base.
  const left = yearHits(sentence.slice(cs, at), docYear).filter((y) => !y.base);
  const l = left[left.length - 1];
  if (l) return l.year;
  // The sentence's opening adverbial: "In 2022, ...", "Last year, ...".
  for (const from of [cs, 0]) {
    const open = /^\s*(?:[-•*]\s*)?(?:in|during|by the end of|at the end of|as of)?\s*((?:19|20)\d\d|last year|this year)(?:\s*[-–]\s*((?:19|20)\d\d))?\b/i.exec(sentence.slice(from));
    if (open && from + (open.index ?? 0) + open[0].length <= at) return open[2] ? Number(open[2]) : (yearHits(open[1] ?? '', docYear)[0]?.year ?? null);
  }
  // Any other non-base year before the value in the sentence.
  const before = yearHits(sentence.slice(0, cs), docYear).filter((y) => !y.base);
  return before[before.length - 1]?.year ?? null;
}

// ---------------------------------------------------------------------------------------------
// Regions

export interface Place {
  id: string;
  start: number;
  end: number;
}

const placeCache = new Map<string, Place[]>();

export function placesIn(sentence: string): Place[] {
  let p = placeCache.get(sentence);
  if (!p) {
    p = gazetteer()
      .find(sentence)
      .filter((m) => !m.org)
      .map((m) => ({ id: m.id, start: m.start, end: m.end }));
    if (placeCache.size > 50_000) placeCache.clear();
    placeCache.set(sentence, p);
  }
  return p;
}

/** "A, B and C reached 1, 2 and 3 respectively": the place a listed value belongs to, if any. */
/** The values of a "respectively" list (their offsets), when the value at `at` is one of them. */
function respectivelyValues(sentence: string, at: number): number[] | null {
  if (!/\brespectively\b/i.test(sentence)) return null;
  const nums = [...sentence.matchAll(/(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*(?:%|percent(?:age points?)?|hundred million|ten thousand|billion|million|trillion|bn|yuan|rmb|times))*/gi)].filter((m) => !/^(?:19|20)\d\d$/.test(m[0]));
  const listed: number[] = [];
  for (let i = 0; i < nums.length; i++) {
    const m = nums[i]!;
    const prev = nums[i - 1];
    const gap = prev ? sentence.slice((prev.index ?? 0) + prev[0].length, m.index ?? 0) : '';
    if (listed.length > 0 && !/^\s*(?:,\s*(?:and\s+)?|and\s+)(?:RMB|CNY|US\$|\$|¥)?\s*$/.test(gap)) {
      if (listed.some((s) => s === at)) break;
      listed.length = 0;
    }
    listed.push(m.index ?? 0);
  }
  return listed.includes(at) && listed.length >= 2 ? listed : null;
}

/** The offset of a value's first digit ("RMB 3.48 billion" starts at "R"; the list holds "3"). */
function digitAt(sentence: string, at: number): number {
  const d = sentence.slice(at).search(/\d/);
  return d < 0 ? at : at + d;
}

/** "A, B and C reached 1, 2 and 3 respectively": the place a listed value belongs to, if any. */
export function respectivelyPlace(sentence: string, valueStart: number): string | null {
  const at = digitAt(sentence, valueStart);
  const listed = respectivelyValues(sentence, at);
  if (!listed) return null;
  const pos = listed.indexOf(at);
  const first = listed[0]!;
  const places = placesIn(sentence).filter((p) => p.end <= first);
  // The run of places listed together, nearest the numbers.
  const run: Place[] = [];
  for (let i = places.length - 1; i >= 0; i--) {
    const p = places[i]!;
    const next = run[0];
    if (next && !/^\s*(?:,\s*(?:and\s+)?|and\s+)$/.test(sentence.slice(p.end, next.start).replace(/^['’]s/, ''))) break;
    run.unshift(p);
  }
  if (run.length === listed.length) return run[pos]?.id ?? null;
  // "Liuzhou's turnover and Nanning's turnover were 3.48 and 11.6 billion yuan respectively": the places
  // named before the values, in order, when there are as many as values.
  const from = Math.max(0, sentence.lastIndexOf(';', first) + 1);
  const named = [...new Set(places.filter((p) => p.start >= from).map((p) => p.id))];
  return named.length === listed.length ? (named[pos] ?? null) : null;
}

/**
 * "enterprises, universities and research institutes contributed 21.9, 3.1 and 2.34 billion yuan
 * respectively": the items listed before the values, and which one the value at `at` belongs to.
 * Null when the sentence does not list as many items as values.
 */
export function respectivelyItems(sentence: string, valueStart: number): { items: string[]; index: number } | null {
  const at = digitAt(sentence, valueStart);
  const listed = respectivelyValues(sentence, at);
  if (!listed) return null;
  const head = sentence
    .slice(0, listed[0])
    .replace(/\s+(?:(?:have|has|had|was|were|is|are)\s+)?(?:contributed|reached|recorded|totall?ed|accounted for|amounted to|stood at|hit|had|added|registered|achieved|attracted|spent|invested|received|earned|generated|produced|filed|reported|posted|saw|were|was|is|are|of|at|with)\s*$/i, '')
    .replace(/^.*(?:[:;(]|\bin which\b|\bof which\b|\bamong them\b|\bin this\b)[\s,]*/i, '');
  const items = head.split(/\s*,\s*(?:and\s+)?|\s+and\s+/).map((x) => x.trim()).filter((x) => x !== '');
  const own = items.slice(-listed.length);
  if (own.length !== listed.length) return null;
  return { items: own, index: listed.indexOf(at) };
}

/**
 * The year a candidate's value is for: the year its clause gives it; else, for an achieved figure in a
 * report published in the first quarter ("the number reached 16,100" in a January work report), the
 * year before; else the index's label.
 */
export function impliedYear(c: Candidate): number | null {
  const f = c.fact;
  const bound = boundYear(f.sentence, f.valueStart, f.valueEnd, c.docYear);
  if (bound !== null) return bound;
  if (f.status === 'actual' && f.yearFrom === 'article' && c.docYear !== null && c.docMonth !== null && c.docMonth <= 3) return c.docYear - 1;
  return null;
}
