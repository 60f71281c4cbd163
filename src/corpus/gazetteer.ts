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

function normalizeForm(f: string): string {
  return f.trim().toLowerCase().replace(/’/g, "'").replace(/[-\s]+/g, ' ').replace(/[.,]/g, '');
}

function formsOf(r: Region): string[] {
  return [r.name, r.zh, ...r.aliases].map(normalizeForm).filter((f) => f.length > 0);
}

export class Gazetteer {
  private readonly regions = new Map<string, Region>();
  private readonly byForm = new Map<string, string>();
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

  /** Every region mention in the text, left to right (a dictionary look-up of word n-grams: fast on long texts). */
  find(text: string): RegionMention[] {
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
        this.findChinese(m[0], start, out);
        continue;
      }
      words.push({ w, start, end });
    }
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1 && matched === 0; n--) {
        const slice = words.slice(i, i + n);
        // Words of one name are separated by spaces or hyphens only.
        if (slice.some((x, k) => k > 0 && !/^[\s-]{1,2}$/.test(text.slice(slice[k - 1]!.end, x.start)))) continue;
        const form = slice.map((x) => x.w).join(' ');
        const id = this.byForm.get(form) ?? (n === 1 ? this.byForm.get(form.replace(/'/g, '')) : undefined);
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
