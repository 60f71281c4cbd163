/**
 * Autocomplete choices answered from the index in memory, on every keystroke (Discord waits 3 s,
 * and the user sees the delay): so whatever does not depend on what was typed is computed once per
 * loaded index and kept beside it (a WeakMap keyed by the index object: a swapped-in index gets its
 * own table, and a dropped one takes its table with it).
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { LoadedIndex } from '../index/store.js';

export interface Choice {
  name: string;
  value: string;
}

export interface RegionEntry {
  id: string;
  name: string;
  /** The name in lower case, for matching what was typed. */
  lower: string;
}

/** Discord's limits: 25 choices, names of at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_NAME = 100;

const regionTables = new WeakMap<LoadedIndex, readonly RegionEntry[]>();

/** The regions the index holds facts for, sorted by name. Computed on the first call for an index. */
export function indexRegions(index: LoadedIndex): readonly RegionEntry[] {
  let table = regionTables.get(index);
  if (!table) {
    const g = gazetteer();
    table = index.facts
      .regions()
      .map((id) => {
        const name = g.name(id);
        return { id, name, lower: name.toLowerCase() };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    regionTables.set(index, table);
  }
  return table;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/**
 * Choices for the region option: the regions whose name (or id) contains what was typed, by name,
 * at most `limit`. Costs a scan of the region names (hundreds), not of the facts.
 */
export function regionChoices(index: LoadedIndex, typed: string, limit = MAX_CHOICES): Choice[] {
  const p = typed.trim().toLowerCase();
  const out: Choice[] = [];
  if (limit <= 0) return out;
  for (const r of indexRegions(index)) {
    if (p && !r.lower.includes(p) && !r.id.includes(p)) continue;
    out.push({ name: truncate(r.name, MAX_NAME), value: r.id });
    if (out.length >= limit) break;
  }
  return out;
}
