/**
 * The gazetteer's `find` as it was before the token trie (word n-grams built by slicing and joining),
 * kept verbatim as the reference the trie must agree with (tests/corpus/gazetteer-find.test.ts and
 * bench/gazetteer.ts).
 */
import { REGIONS } from '../../src/corpus/gazetteer-data.js';
import type { RegionMention } from '../../src/corpus/gazetteer.js';

const ORG_WORDS =
  /^\s+(?:university|college|daily|group|co\b|corporation|company|bank|airlines?|hospital|museum|television|tv\b|radio|evening|news|times|normal|polytechnic|medical|agricultural|chemical|institute|academy|school|jianzhu|petrochemical|fiber|investment group|stock exchange|port group)/i;
const WORD = /[A-Za-z]+(?:['’][A-Za-z]+)*|[\u4e00-\u9fff]+/g;
const MAX_WORDS = 6;

function normalizeForm(f: string): string {
  return f.trim().toLowerCase().replace(/’/g, "'").replace(/[-\s]+/g, ' ').replace(/[.,]/g, '');
}

const byForm = new Map<string, string>();
for (const r of REGIONS) {
  for (const f of [r.name, r.zh, ...r.aliases].map(normalizeForm).filter((x) => x.length > 0)) {
    if (!byForm.has(f)) byForm.set(f, r.id);
  }
}

function findChinese(run: string, offset: number, out: RegionMention[]): void {
  for (let i = 0; i < run.length; ) {
    let matched = 0;
    for (let n = Math.min(8, run.length - i); n >= 2 && matched === 0; n--) {
      const id = byForm.get(run.slice(i, i + n));
      if (id) {
        out.push({ id, start: offset + i, end: offset + i + n, org: false });
        matched = n;
      }
    }
    i += matched || 1;
  }
}

export function legacyFind(text: string): RegionMention[] {
  const out: RegionMention[] = [];
  const words: { w: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    let w = m[0].toLowerCase().replace(/’/g, "'");
    let end = start + m[0].length;
    if (/[a-z]'s$/.test(w)) {
      w = w.slice(0, -2);
      end -= 2;
    }
    if (/^[\u4e00-\u9fff]/.test(w)) {
      findChinese(m[0], start, out);
      continue;
    }
    words.push({ w, start, end });
  }
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1 && matched === 0; n--) {
      const slice = words.slice(i, i + n);
      if (slice.some((x, k) => k > 0 && !/^[\s-]{1,2}$/.test(text.slice(slice[k - 1]!.end, x.start)))) continue;
      const form = slice.map((x) => x.w).join(' ');
      const id = byForm.get(form) ?? (n === 1 ? byForm.get(form.replace(/'/g, '')) : undefined);
      if (!id) continue;
      const first = slice[0]!;
      const last = slice[slice.length - 1]!;
      const org = ORG_WORDS.test(text.slice(last.end));
      out.push({ id, start: first.start, end: last.end, org });
      matched = n;
    }
    i += matched || 1;
  }
  return out.sort((a, b) => a.start - b.start);
}
