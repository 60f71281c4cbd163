/**
 * The gazetteer: finds the regions a text mentions, and resolves a region name typed by a person
 * (any case, an alias, a Chinese name, or a small misspelling).
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { REGIONS } from './gazetteer-data.js';
import { NO_NODE, NameTrie } from './name-trie.js';
import type { Region } from './types.js';

export interface RegionMention {
  id: string;
  start: number;
  end: number;
  /** The mention is part of an organization's name ("Jilin University", "Jilin Daily"). */
  org: boolean;
}

/** Words that, right after a place name, make it part of an organization's name. */
const ORG_WORDS =
  /^\s+(?:university|college|daily|group|co\b|corporation|company|bank|airlines?|hospital|museum|television|tv\b|radio|evening|news|times|normal|polytechnic|medical|agricultural|chemical|institute|academy|school|jianzhu|petrochemical|fiber|investment group|stock exchange|port group)/i;

/** The longest region name, in words ("guangxi zhuang autonomous region"). */
const MAX_WORDS = 6;
/** What may stand between two words of one name. */
const SEPARATOR = /^[\s-]{1,2}$/;

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

function isChinese(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

function normalizeForm(f: string): string {
  return f.trim().toLowerCase().replace(/’/g, "'").replace(/[-\s]+/g, ' ').replace(/[.,]/g, '');
}

function formsOf(r: Region): string[] {
  return [r.name, r.zh, ...r.aliases].map(normalizeForm).filter((f) => f.length > 0);
}

export class Gazetteer {
  private readonly regions = new Map<string, Region>();
  private readonly byForm = new Map<string, string>();
  /** The Latin forms as a character trie, for `find`. */
  private readonly trie = new NameTrie();
  /** ASCII forms of at least 4 letters, for fuzzy matching. */
  private readonly fuzzyForms: { form: string; id: string }[] = [];

  constructor(regions: readonly Region[]) {
    for (const r of regions) {
      this.regions.set(r.id, r);
      for (const f of formsOf(r)) {
        if (!this.byForm.has(f)) this.byForm.set(f, r.id);
        if (/^[a-z' -]{4,}$/.test(f)) this.fuzzyForms.push({ form: f.replace(/[' -]/g, ''), id: r.id });
      }
    }
    for (const [form, id] of this.byForm) this.trie.add(form, id);
  }

  get all(): Region[] {
    return [...this.regions.values()];
  }

  byId(id: string): Region | undefined {
    return this.regions.get(id);
  }

  name(id: string | null | undefined): string {
    if (!id) return 'unknown region';
    return this.regions.get(id)?.name ?? id;
  }

  /** The region's ancestors, nearest first. */
  ancestors(id: string): string[] {
    const out: string[] = [];
    let r = this.regions.get(id);
    while (r?.parent) {
      out.push(r.parent);
      r = this.regions.get(r.parent);
    }
    return out;
  }

  /** The province a region lies in (itself for a province). */
  province(id: string): string {
    const r = this.regions.get(id);
    if (!r || r.level === 'province') return id;
    return this.ancestors(id).find((a) => this.regions.get(a)?.level === 'province') ?? id;
  }

  /** The region ids a form (exact, any case) names, or undefined. */
  lookup(form: string): string | undefined {
    const f = normalizeForm(form);
    const direct = this.byForm.get(f);
    if (direct) return direct;
    const stripped = f.replace(/\s+(?:province|city|municipality|prefecture|county|district)$/, '');
    return this.byForm.get(stripped);
  }

  /**
   * Every region mention in the text, left to right: the longest name (up to MAX_WORDS words joined
   * by spaces or hyphens) starting at each word. Words are Latin words (letters, with inner
   * apostrophes; a final "'s" is not part of the name) and runs of Chinese characters; the Latin ones
   * are looked up by walking the character trie over the text itself.
   */
  find(text: string): RegionMention[] {
    const out: RegionMention[] = [];
    // The Latin words: where each starts and ends (without "'s"), and whether it holds an apostrophe.
    const starts: number[] = [];
    const ends: number[] = [];
    const apostrophes: boolean[] = [];
    const n = text.length;
    for (let k = 0; k < n; ) {
      const code = text.charCodeAt(k);
      if (isChinese(code)) {
        const start = k;
        while (k < n && isChinese(text.charCodeAt(k))) k++;
        this.findChinese(text.slice(start, k), start, out);
        continue;
      }
      if (!isLetter(code)) {
        k++;
        continue;
      }
      const start = k;
      let firstApostrophe = -1;
      while (k < n && isLetter(text.charCodeAt(k))) k++;
      while (k + 1 < n && isApostrophe(text.charCodeAt(k)) && isLetter(text.charCodeAt(k + 1))) {
        if (firstApostrophe < 0) firstApostrophe = k;
        k += 2;
        while (k < n && isLetter(text.charCodeAt(k))) k++;
      }
      let end = k;
      if (end - start > 2 && isApostrophe(text.charCodeAt(end - 2)) && (text.charCodeAt(end - 1) | 32) === 115) end -= 2;
      starts.push(start);
      ends.push(end);
      apostrophes.push(firstApostrophe >= 0 && firstApostrophe < end);
    }
    const trie = this.trie;
    for (let i = 0; i < starts.length; ) {
      let node = trie.walk(trie.root, text, starts[i]!, ends[i]!);
      let id = trie.idAt(node);
      // A single word is also looked up without its apostrophes ("xian" for "xi'an").
      if (id === undefined && apostrophes[i]) id = trie.idAt(trie.walk(trie.root, text, starts[i]!, ends[i]!, true));
      let matched = id === undefined ? 0 : 1;
      for (let j = i + 1; j < starts.length && j - i < MAX_WORDS; j++) {
        node = trie.nextWord(node);
        if (node === NO_NODE) break;
        // Words of one name are separated by spaces or hyphens only.
        if (!SEPARATOR.test(text.slice(ends[j - 1]!, starts[j]!))) break;
        node = trie.walk(node, text, starts[j]!, ends[j]!);
        const longer = trie.idAt(node);
        if (longer !== undefined) {
          id = longer;
          matched = j - i + 1;
        }
      }
      if (matched === 0 || id === undefined) {
        i++;
        continue;
      }
      const end = ends[i + matched - 1]!;
      out.push({ id, start: starts[i]!, end, org: ORG_WORDS.test(text.slice(end)) });
      i += matched;
    }
    return out.sort((a, b) => a.start - b.start);
  }

  private findChinese(run: string, offset: number, out: RegionMention[]): void {
    for (let i = 0; i < run.length; ) {
      let matched = 0;
      for (let n = Math.min(8, run.length - i); n >= 2 && matched === 0; n--) {
        const id = this.byForm.get(run.slice(i, i + n));
        if (id) {
          out.push({ id, start: offset + i, end: offset + i + n, org: false });
          matched = n;
        }
      }
      i += matched || 1;
    }
  }

  /**
   * Resolve one word or phrase typed by a person: exact form first, then a small misspelling of a
   * form of at least 4 letters (distance 1, or 2 for forms of 8 letters or more).
   */
  resolve(word: string, options: { fuzzy?: boolean } = {}): string | undefined {
    const exact = this.lookup(word);
    if (exact || options.fuzzy === false) return exact;
    const w = word.toLowerCase().replace(/[' -]/g, '');
    if (!/^[a-z]{4,}$/.test(w)) return undefined;
    let best: { id: string; d: number } | undefined;
    for (const { form, id } of this.fuzzyForms) {
      if (Math.abs(form.length - w.length) > 2 || form[0] !== w[0]) continue;
      const limit = form.length >= 8 ? 2 : 1;
      const d = DamerauLevenshteinDistance(w, form);
      if (d <= limit && (!best || d < best.d)) best = { id, d };
    }
    return best?.id;
  }
}

/** Does a word of `text` (a Latin word with its inner apostrophes, or a run of Chinese characters) hold the characters on both sides of `at`? */
function cutsWord(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  if (isLetter(before)) return isLetter(after) || (isApostrophe(after) && at + 1 < text.length && isLetter(text.charCodeAt(at + 1)));
  if (isApostrophe(before)) return isLetter(after) && at >= 2 && isLetter(text.charCodeAt(at - 2));
  return isChinese(before) && isChinese(after);
}

/**
 * The region mentions of one text, kept to answer `find` for its parts (a sentence, a chunk) without
 * reading each part again. A part's mentions are the text's mentions inside it, with the organization
 * test redone on the part; where an edge of the part cuts a word or a name, the part is read itself.
 */
export class TextMentions {
  private readonly mentions: readonly RegionMention[];

  constructor(
    private readonly g: Gazetteer,
    readonly text: string,
    /** `g.find(text)`, when the caller has it already. */
    mentions?: readonly RegionMention[],
  ) {
    this.mentions = mentions ?? g.find(text);
  }

  /** Exactly `g.find(text.slice(start, end))`, offsets relative to `start`. */
  find(start: number, end: number): RegionMention[] {
    const text = this.text;
    if (!(start >= 0 && start < end && end <= text.length) || cutsWord(text, start) || cutsWord(text, end)) return this.g.find(text.slice(start, end));
    const mentions = this.mentions;
    // The first mention that ends after `start` (mentions are sorted and do not overlap).
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mentions[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    const out: RegionMention[] = [];
    for (let k = lo; k < mentions.length && mentions[k]!.start < end; k++) {
      const m = mentions[k]!;
      // A name across an edge: the part may hold a shorter name, or none.
      if (m.start < start || m.end > end) return this.g.find(text.slice(start, end));
      const org = !isChinese(text.charCodeAt(m.start)) && ORG_WORDS.test(text.slice(m.end, end));
      out.push({ id: m.id, start: m.start - start, end: m.end - start, org });
    }
    return out;
  }
}

let defaultGazetteer: Gazetteer | undefined;

/** The gazetteer built from the bundled region data (built once, on first use). */
export function gazetteer(): Gazetteer {
  defaultGazetteer ??= new Gazetteer(REGIONS);
  return defaultGazetteer;
}
