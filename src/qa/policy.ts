/** Which questions the reader answers with a number (the others are answered in words or declined). */
import type { ParsedQuestion } from './types.js';

/** A question that states an amount asks about it ("what was the 8.1 million yuan spent on"), not for one. */
const STATES_AMOUNT = /\d[\d,.]*\s*(?:million|billion|trillion|percent|%|yuan|rmb)/i;

export function readerApplies(q: ParsedQuestion): boolean {
  if (q.intent !== 'numeric' && q.intent !== 'definition' && q.intent !== 'search') return false;
  if (STATES_AMOUNT.test(q.text)) return false;
  // "what is jilin's r&d intensity", "wuhan r&d intensity": a question must say which kind of number it wants.
  return (q.want !== null && q.want !== 'any') || /\bhow (?:many|much)\b/i.test(q.text);
}
