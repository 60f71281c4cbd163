/** Which questions the reader answers with a number (the others are answered in words or declined). */
import type { ParsedQuestion } from './types.js';

/** A question that states an amount asks about it ("what was the 8.1 million yuan spent on"), not for one. */
const STATES_AMOUNT = /\d[\d,.]*\s*(?:million|billion|trillion|percent|%|yuan|rmb)/i;

/** Words that ask for a figure without saying which kind ("Jiangyin's target for ...", "the index value"). */
const FIGURE_WORDS = /\b(?:target|goal|total|figure|amount|number|rate|value|level|ratio|share|size|scale|count|how big|how large)\b/i;
/** "what is Jilin's X": a place's X is a figure. */
const PLACE_OF = /^what(?:'s| is| was)\s+(?:the\s+)?[a-z-]+['’]s\s/i;

export function readerApplies(q: ParsedQuestion): boolean {
  if (q.intent !== 'numeric' && q.intent !== 'definition' && q.intent !== 'search') return false;
  if (STATES_AMOUNT.test(q.text) && !/\bhow (?:many|much)\b/i.test(q.text)) return false;
  if (q.want !== null && q.want !== 'any') return true;
  // "what is the goal of the action plan": a plan's aim is said in words.
  if (/\b(?:goal|aim|purpose|objective|target)s? of (?:the |this |its |their )?[^?]*\b(?:plan|strategy|program|programme|initiative|project|campaign|policy|scheme)\b/i.test(q.text)) return false;
  // "jilin high-tech enterprises in 2015": a place, a year and a metric ask for a figure.
  return /\bhow (?:many|much)\b/i.test(q.text) || FIGURE_WORDS.test(q.text) || (q.intent === 'search' && q.year !== null && q.regions.length > 0 && q.metricTerms.length > 0);
}

/** "what is Jiangyin's GDP" asks for a place's figure: when the reader cannot give it, a quoted sentence is no answer either. */
export function asksPlaceFigure(q: ParsedQuestion): boolean {
  // Not "what was Harbin's 8.1 million yuan spent on" (about a stated amount) nor "Zhejiang's 415X thing" (a coined name).
  return q.intent === 'numeric' && PLACE_OF.test(q.text) && !STATES_AMOUNT.test(q.text) && !q.metricTerms.some((t) => /\d/.test(t) && /[a-z]/.test(t));
}
