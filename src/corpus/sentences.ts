import type { Sentence } from './types.js';

/** Abbreviations after which a period does not end a sentence (lowercase, without the period). */
const ABBREVIATIONS = new Set([
  'co', 'corp', 'inc', 'ltd', 'no', 'nos', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'vs', 'etc', 'e.g', 'i.e',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'dept',
  'u.s', 'u.k', 'gov', 'govt', 'fig', 'vol', 'art', 'ref', 'est',
]);

/**
 * Split cleaned article text into sentences with offsets. Paragraphs are separated by blank lines.
 * A sentence ends at . ! ? 。 ！ ？ (optionally followed by a closing quote) when the next character
 * starts a new sentence; decimal points, abbreviations and initials do not end sentences. A semicolon
 * followed by a capital letter also ends one (machine-translated text glues sentences with ";").
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const paragraphRe = /[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g;
  let paragraph = 0;
  for (const m of text.matchAll(paragraphRe)) {
    const pStart = m.index ?? 0;
    const p = m[0];
    let start = 0;
    const boundary = /([.!?;。！？])(["”’')\]]*)(\s+|(?=[“"‘(]))(?=[“"‘(]?[A-Z0-9\u4e00-\u9fff])|([。！？])/g;
    for (const b of p.matchAll(boundary)) {
      const at = b.index ?? 0;
      const punct = b[1] ?? b[4] ?? '';
      if (punct === '.') {
        const word = wordBefore(p, start, at)?.toLowerCase();
        if (word !== undefined && (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word))) continue;
      }
      if (punct === ';' && !/^[;]["”’)]*\s*[A-Z]/.test(p.slice(at))) continue;
      const end = at + punct.length + (b[2]?.length ?? 0);
      pushSentence(sentences, text, pStart + start, pStart + end, paragraph);
      start = end;
    }
    pushSentence(sentences, text, pStart + start, pStart + p.length, paragraph);
    paragraph++;
  }
  return sentences;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * The word (letters and inner periods, "U.S", "e.g") that `text[from, to)` ends with, as
 * /([A-Za-z][A-Za-z.]*)$/ finds it, read backwards from the end; undefined when it ends otherwise.
 */
export function wordBefore(text: string, from: number, to: number): string | undefined {
  let start = to;
  while (start > from && (isLetter(text.charCodeAt(start - 1)) || text.charCodeAt(start - 1) === 46)) start--;
  // The word starts at the first letter of that run of letters and periods.
  while (start < to && !isLetter(text.charCodeAt(start))) start++;
  return start < to ? text.slice(start, to) : undefined;
}

function pushSentence(out: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  // Trim whitespace, keeping offsets exact.
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (end - start < 2 || !/[A-Za-z0-9\u4e00-\u9fff]/.test(text.slice(start, end))) return;
  out.push({ index: out.length, paragraph, start, end, text: text.slice(start, end) });
}
