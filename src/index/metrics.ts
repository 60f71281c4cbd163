/**
 * The metric catalogue: facts grouped by what they measure. A metric's key is the measured phrase
 * normalized (domain synonyms, stems, places, years and filler words removed), so "hi-tech
 * enterprises" and "the number of high-tech enterprises in the city" are one metric.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import { canonicalize, stem, tokens } from '../text/terms.js';
import { VAGUE_MEASURES } from '../text/lexicon.js';
import type { Fact, FactKind, MetricEntry } from './types.js';

/** Words that do not change what is measured. */
const FILLER = new Set([
  'the', 'a', 'an', 'of', 'in', 'on', 'for', 'to', 'by', 'and', 'its', 'their', 'this', 'that', 'with', 'at',
  'total', 'number', 'amount', 'annual', 'whole', 'society', 'social', 'overall', 'cumulative', 'accumulated',
  'new', 'current', 'province', 'provincial', 'city', 'municipal', 'county', 'country', 'nation', 'national',
  'year', 'years', 'its', 'main', 'more', 'than', 's',
]);

/** The metric key of a measured phrase. */
export function metricKey(measure: string): string {
  const g = gazetteer();
  let text = measure;
  for (const m of g.find(text).sort((a, b) => b.start - a.start)) text = text.slice(0, m.start) + ' ' + text.slice(m.end);
  const words = tokens(canonicalize(text))
    .filter((t) => !FILLER.has(t) && !/^\d+$/.test(t))
    .map((t) => stem(t));
  return [...new Set(words)].join(' ');
}

/**
 * Is a measured phrase a metric a person would look up? Not a clause that starts with a verb ("has
 * launched the ..."), a pronoun ("them"), or a vague noun on its own ("aspects", "system"). Such facts
 * stay in the index (the reader weighs their sentences), but not in the catalogue, /metric or charts.
 */
export function catalogueWorthy(measure: string): boolean {
  const m = measure.trim().toLowerCase().replace(/^the\s+/, '');
  if (!m || /^(?:has|have|had|is|are|was|were|will|would|can|could|should|did|does|do|been|being|launched|made|make|set|reached)\b/.test(m)) return false;
  const words = m.match(/[a-z&'’-]+/g) ?? [];
  if (words.length === 0) return false;
  if (words.length === 1 && VAGUE_MEASURES.has(words[0]!)) return false;
  return true;
}

/** Group facts into metrics. Facts whose key is empty, or whose measure is no metric, are left out of the catalogue. */
export function buildMetrics(facts: Fact[]): MetricEntry[] {
  const groups = new Map<string, Fact[]>();
  for (const f of facts) {
    if (!f.metric || !catalogueWorthy(f.measure)) continue;
    const list = groups.get(f.metric);
    if (list) list.push(f);
    else groups.set(f.metric, [f]);
  }
  const out: MetricEntry[] = [];
  for (const [key, list] of groups) {
    const names = new Map<string, number>();
    const kinds = new Map<FactKind, number>();
    for (const f of list) {
      const name = displayName(f.measure);
      names.set(name, (names.get(name) ?? 0) + 1);
      kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    }
    const name = [...names.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]![0];
    out.push({
      key,
      name,
      kinds: [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k),
      factIds: list.map((f) => f.id),
      regions: [...new Set(list.map((f) => f.region).filter((r): r is string => r !== null))].sort(),
      years: [...new Set(list.map((f) => f.year).filter((y): y is number => y !== null))].sort((a, b) => a - b),
    });
  }
  return out.sort((a, b) => b.factIds.length - a.factIds.length || a.name.localeCompare(b.name));
}

/** A measured phrase as a metric name: lowercase first letter unless it starts an acronym or a name. */
function displayName(measure: string): string {
  const m = measure.replace(/\s+/g, ' ').trim();
  if (/^[A-Z][a-z]/.test(m) && !/^[A-Z][a-z]+\s+[A-Z]/.test(m)) return m[0]!.toLowerCase() + m.slice(1);
  return m;
}
