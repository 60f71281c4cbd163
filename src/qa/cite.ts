/** Citations: the quoted sentence with the number (or the question's words) in bold. */
import type { LoadedIndex } from '../index/store.js';
import type { Fact } from '../index/types.js';
import { terms } from '../text/terms.js';
import type { Citation } from './types.js';


export function docMeta(index: LoadedIndex, doc: string): Omit<Citation, 'n' | 'snippet' | 'bold'> {
  const d = index.docById.get(doc);
  return { doc, title: d?.title ?? doc, date: d?.date ?? null, source: d?.source ?? null, url: d?.url ?? null };
}

/** A quoted sentence, shortened around the value when long, with the value in bold. */
export function factCitationFor(index: LoadedIndex, f: Fact, n: number): Citation {
  let s = f.sentence;
  let vs = f.valueStart;
  let ve = f.valueEnd;
  const MAX = 360;
  if (s.length > MAX) {
    let from = Math.max(0, vs - 170);
    let to = Math.min(s.length, ve + 170);
    const sp1 = s.lastIndexOf(' ', from + 10);
    if (from > 0 && sp1 > 0 && sp1 < vs) from = sp1 + 1;
    const sp2 = s.indexOf(' ', to - 10);
    if (to < s.length && sp2 > ve) to = sp2;
    const prefix = from > 0 ? '…' : '';
    s = prefix + s.slice(from, to).trim() + (to < f.sentence.length ? '…' : '');
    vs = vs - from + prefix.length;
    ve = ve - from + prefix.length;
  }
  return { n, ...docMeta(index, f.doc), snippet: s, bold: [[vs, ve]] };
}

export function termRanges(text: string, questionTerms: Set<string>): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(/[A-Za-z][A-Za-z&'-]*|\d+(?:[.,]\d+)*/g)) {
    const t = terms(m[0]);
    if (t.length > 0 && t.every((x) => questionTerms.has(x))) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  return out;
}

