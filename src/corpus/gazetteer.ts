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
const SUFFIX = /^(?:\s+(?:province|city|municipality|prefecture|county|district|autonomous region|special administrative region|sar))?/i;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formsOf(r: Region): string[] {
  return [r.name, r.zh, ...r.aliases].map((f) => f.trim().toLowerCase()).filter((f) => f.length > 0);
}

export class Gazetteer {
  private readonly regions = new Map<string, Region>();
  private readonly byForm = new Map<string, string>();
  private readonly pattern: RegExp;
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
    const forms = [...this.byForm.keys()].sort((a, b) => b.length - a.length).map((f) => {
      const e = escapeRegex(f).replace(/\\?[' -]/g, "[’'\\s-]?");
      return /^[\u4e00-\u9fff]/.test(f) ? e : `\\b${e}\\b`;
    });
    this.pattern = new RegExp(forms.join('|'), 'giu');
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
    const f = form.trim().toLowerCase().replace(/[’]/g, "'");
    const direct = this.byForm.get(f);
    if (direct) return direct;
    const stripped = f.replace(/\s+(?:province|city|municipality|prefecture|county|district)$/, '');
    return this.byForm.get(stripped);
  }

  /** Every region mention in the text, left to right. */
  find(text: string): RegionMention[] {
    const out: RegionMention[] = [];
    this.pattern.lastIndex = 0;
    for (const m of text.matchAll(this.pattern)) {
      const start = m.index ?? 0;
      const raw = m[0];
      const rest = text.slice(start + raw.length);
      const suffix = SUFFIX.exec(rest)?.[0] ?? '';
      const withSuffix = (raw + suffix).toLowerCase().replace(/[’]/g, "'");
      // "Jilin City" names the city even though "jilin" alone names the province.
      const id = this.byForm.get(withSuffix) ?? this.byForm.get(raw.toLowerCase().replace(/[’]/g, "'")) ??
        this.byForm.get(raw.toLowerCase().replace(/[’'\s-]/g, ''));
      if (!id) continue;
      const org = ORG_WORDS.test(text.slice(start + raw.length + suffix.length)) && suffix === '';
      out.push({ id, start, end: start + raw.length + suffix.length, org });
    }
    return out;
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
