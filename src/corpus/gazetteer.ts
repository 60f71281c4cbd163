/**
 * The gazetteer: finds the regions a text mentions, and resolves a region name typed by a person
 * (any case, an alias, a Chinese name, or a small misspelling).
 */
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { REGIONS } from './gazetteer-data.js';
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

/** Place-name endings that are not part of a region's own name. */

/** Words of a text: Latin words (with inner apostrophes) and runs of Chinese characters. */
const WORD = /[A-Za-z]+(?:['’][A-Za-z]+)*|[\u4e00-\u9fff]+/g;
/** The longest region name, in words ("guangxi zhuang autonomous region"). */
const MAX_WORDS = 6;
/** What may stand between two words of one name. */
const SEPARATOR = /^[\s-]{1,2}$/;

/** A node of the token trie: the region a name ending here names, and the words that continue it. */
interface TrieNode {
  id?: string;
  next?: Map<string, TrieNode>;
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
  /** The forms as a trie of words (first word -> node), for `find`. */
  private readonly trie = new Map<string, TrieNode>();
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
    for (const [form, id] of this.byForm) {
      const [first, ...rest] = form.split(' ');
      let node = this.trie.get(first!);
      if (!node) this.trie.set(first!, (node = {}));
      for (const w of rest) {
        node.next ??= new Map();
        let child = node.next.get(w);
        if (!child) node.next.set(w, (child = {}));
        node = child;
      }
      node.id = id;
    }
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
   * by spaces or hyphens) starting at each word, found by walking the token trie word by word (a word
   * that starts no name costs one map look-up).
   */
  find(text: string): RegionMention[] {
    const out: RegionMention[] = [];
    const words: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
      const raw = m[0];
      const start = m.index;
      if (raw.charCodeAt(0) >= 0x4e00) {
        this.findChinese(raw, start, out);
        continue;
      }
      let w = raw.toLowerCase();
      if (w.includes('’')) w = w.replace(/’/g, "'");
      let end = start + raw.length;
      if (w.length > 2 && w.endsWith("'s")) {
        w = w.slice(0, -2);
        end -= 2;
      }
      words.push(w);
      starts.push(start);
      ends.push(end);
    }
    for (let i = 0; i < words.length; ) {
      const w = words[i]!;
      let node = this.trie.get(w);
      let id = node?.id;
      // A single word is also looked up without its apostrophes ("xian" for "xi'an").
      if (id === undefined && w.includes("'")) id = this.trie.get(w.replace(/'/g, ''))?.id;
      let matched = id === undefined ? 0 : 1;
      for (let j = i + 1; node?.next && j < words.length && j - i < MAX_WORDS; j++) {
        // Words of one name are separated by spaces or hyphens only.
        if (!SEPARATOR.test(text.slice(ends[j - 1]!, starts[j]!))) break;
        node = node.next.get(words[j]!);
        if (node?.id !== undefined) {
          id = node.id;
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

let defaultGazetteer: Gazetteer | undefined;

/** The gazetteer built from the bundled region data (built once, on first use). */
export function gazetteer(): Gazetteer {
  defaultGazetteer ??= new Gazetteer(REGIONS);
  return defaultGazetteer;
}
