/**
 * The metric catalogue as people use it: list metrics, show every value of one as a table, compare
 * values, and autocomplete names and regions.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { LoadedIndex } from '../index/store.js';
import type { Fact, FactKind, MetricEntry } from '../index/types.js';
import { metricKey } from '../index/metrics.js';
import { terms } from '../text/terms.js';

export interface MetricSummary {
  key: string;
  name: string;
  kinds: FactKind[];
  values: number;
  regions: string[];
  years: number[];
}

export interface MetricRow {
  fact: Fact;
  region: string | null;
  regionName: string;
  year: number | null;
  status: 'actual' | 'target';
  change: 'level' | 'change';
  kind: FactKind;
  /** The value as stated in the article. */
  text: string;
  value: number;
  doc: string;
  title: string;
  date: string | null;
  source: string | null;
}

export interface MetricTable {
  metric: MetricSummary;
  rows: MetricRow[];
  /** How many values match (more than `rows` when a limit cut them). */
  total: number;
}

function summary(m: MetricEntry): MetricSummary {
  return { key: m.key, name: m.name, kinds: m.kinds, values: m.factIds.length, regions: m.regions, years: m.years };
}

/** Every metric, most values first. */
export function listMetrics(index: LoadedIndex): MetricSummary[] {
  return index.metrics.map(summary);
}

/** Find a metric by name, key or a close wording ("hi-tech firms" finds "high-tech enterprises"). */
export function findMetric(index: LoadedIndex, name: string): MetricEntry | null {
  const wanted = name.trim().toLowerCase();
  if (!wanted) return null;
  const exact = index.metrics.find((m) => m.name.toLowerCase() === wanted || m.key === wanted);
  if (exact) return exact;
  const key = metricKey(name);
  const byKey = index.metrics.find((m) => m.key === key);
  if (byKey) return byKey;
  // The metric whose key words best cover the name's words (all of them), fewest extra words first.
  const want = new Set(key.split(' ').filter(Boolean));
  if (want.size === 0) return null;
  let best: { m: MetricEntry; extra: number; size: number } | null = null;
  for (const m of index.metrics) {
    const have = new Set(m.key.split(' '));
    if (![...want].every((w) => have.has(w))) continue;
    const extra = have.size - want.size;
    if (!best || extra < best.extra || (extra === best.extra && m.factIds.length > best.size)) best = { m, extra, size: m.factIds.length };
  }
  return best?.m ?? null;
}

/** Every value of a metric as table rows, optionally for one region or year; oldest first. */
export function metricTable(
  index: LoadedIndex,
  name: string,
  filter: { region?: string; year?: number } = {},
  options: { limit?: number } = {},
): MetricTable | null {
  const metric = findMetric(index, name);
  if (!metric) return null;
  const g = gazetteer();
  const regionId = filter.region ? g.resolve(filter.region) ?? filter.region.toLowerCase() : undefined;
  const facts = index.facts;
  // Filtered and ordered (oldest first, then by place name) on the fact columns; only the rows
  // returned become objects (a common metric has tens of thousands of values at scale).
  const ids = metric.factIds.filter((id) => id < facts.length && (!regionId || facts.regionOf(id) === regionId) && (filter.year === undefined || facts.yearOf(id) === filter.year));
  const names = new Map<string | null, string>();
  const nameOf = (region: string | null): string => {
    let n = names.get(region);
    if (n === undefined) names.set(region, (n = g.name(region)));
    return n;
  };
  const rank = new Map([...new Set(ids.map((id) => nameOf(facts.regionOf(id))))].sort((a, b) => a.localeCompare(b)).map((n, i) => [n, i]));
  // One number per value, (year, place rank, id), sorted natively: tens of thousands of values in a
  // few milliseconds (a comparator calling back into the columns took ~10x longer).
  const ID_SPACE = 2 ** 21;
  const sortKey = (id: number) => ((facts.yearOf(id) ?? 0) * 100_000 + (rank.get(nameOf(facts.regionOf(id))) ?? 0)) * ID_SPACE + id;
  if (facts.length <= ID_SPACE) {
    const keys = Float64Array.from(ids, sortKey).sort();
    for (let i = 0; i < keys.length; i++) ids[i] = keys[i]! % ID_SPACE;
  } else ids.sort((a, b) => sortKey(a) - sortKey(b));
  const rows: MetricRow[] = [];
  for (const id of ids.slice(0, options.limit ?? ids.length)) {
    const fact = facts.get(id)!;
    const doc = index.docById.get(fact.doc);
    rows.push({
      fact,
      region: fact.region,
      regionName: nameOf(fact.region),
      year: fact.year,
      status: fact.status,
      change: fact.change,
      kind: fact.kind,
      text: fact.text,
      value: fact.value,
      doc: fact.doc,
      title: doc?.title ?? fact.doc,
      date: doc?.date ?? null,
      source: doc?.source ?? null,
    });
  }
  return { metric: summary(metric), rows, total: ids.length };
}

/** Autocomplete choices for a metric name (at most `limit`, names of at most 100 characters). */
export function suggestMetrics(index: LoadedIndex, partial: string, limit = 25): { name: string; value: string }[] {
  const p = partial.trim().toLowerCase();
  const pTerms = terms(partial);
  const scored = index.metrics
    .map((m) => {
      const name = m.name.toLowerCase();
      let score = 0;
      if (!p) score = 1;
      else if (name.startsWith(p)) score = 3;
      else if (name.includes(p)) score = 2;
      else if (pTerms.length > 0 && pTerms.every((t) => m.key.split(' ').some((k) => k.startsWith(t)))) score = 1.5;
      return { m, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.m.factIds.length - a.m.factIds.length);
  return scored.slice(0, limit).map(({ m }) => ({ name: truncate(`${m.name} (${m.factIds.length})`, 100), value: truncate(m.key, 100) }));
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/**
 * Chart input for a metric table: the level values of its most common kind (one unit), oldest first,
 * or null when fewer than two comparable values exist.
 */
export function metricChart(table: MetricTable): import('../charts/chart.js').ChartInput | null {
  const levels = table.rows.filter((r) => r.change === 'level');
  const kinds = new Map<string, MetricRow[]>();
  for (const r of levels) {
    const unitKey = `${r.kind}|${r.kind === 'count' ? '' : r.fact.unit}`;
    kinds.set(unitKey, [...(kinds.get(unitKey) ?? []), r]);
  }
  const rows = [...kinds.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  if (rows.length < 2) return null;
  const first = rows[0]!;
  const valueLabel =
    first.kind === 'money' ? `${first.fact.unit}` : first.kind === 'percent' ? '%' : first.kind === 'rank' ? 'rank' : first.kind === 'count' ? table.metric.name : first.kind;
  return {
    title: table.metric.name,
    valueLabel,
    points: rows.map((r) => ({
      label: `${r.regionName}${r.year !== null ? ` ${r.year}` : ''}${r.status === 'target' ? ' (target)' : ''}`,
      region: r.regionName,
      year: r.year,
      value: r.value,
      target: r.status === 'target',
      text: r.text,
    })),
  };
}

export interface Coverage {
  documents: number;
  regions: { id: string; name: string; facts: number; years: number[] }[];
  metrics: MetricSummary[];
  years: { year: number; facts: number }[];
}

const coverages = new WeakMap<LoadedIndex, Coverage>();

/**
 * What the corpus holds: regions, metrics and years, so people know what they can ask. Counted once
 * per index (a pass over every fact: tens of milliseconds at 100k chunks) and kept beside it.
 */
export function coverage(index: LoadedIndex): Coverage {
  let c = coverages.get(index);
  if (!c) coverages.set(index, (c = countCoverage(index)));
  return c;
}

function countCoverage(index: LoadedIndex): Coverage {
  const g = gazetteer();
  const regions = new Map<string, { facts: number; years: Set<number> }>();
  const years = new Map<number, number>();
  for (let id = 0; id < index.facts.length; id++) {
    const region = index.facts.regionOf(id);
    const year = index.facts.yearOf(id);
    if (region) {
      const r = regions.get(region) ?? { facts: 0, years: new Set<number>() };
      r.facts++;
      if (year !== null) r.years.add(year);
      regions.set(region, r);
    }
    if (year !== null) years.set(year, (years.get(year) ?? 0) + 1);
  }
  return {
    documents: index.docs.length,
    regions: [...regions.entries()]
      .map(([id, r]) => ({ id, name: g.name(id), facts: r.facts, years: [...r.years].sort((a, b) => a - b) }))
      .sort((a, b) => b.facts - a.facts),
    metrics: listMetrics(index).filter((m) => m.values >= 2 || m.regions.length >= 1),
    years: [...years.entries()].map(([year, facts]) => ({ year, facts })).sort((a, b) => a.year - b.year),
  };
}
