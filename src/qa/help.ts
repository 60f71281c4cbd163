/** Usage text and example questions drawn from what the index holds. */
import { gazetteer } from '../corpus/gazetteer.js';
import type { LoadedIndex } from '../index/store.js';
import { bullet, line, plainLines, text, type RichLine } from './rich.js';

/** Example questions built from the index's most common metrics and their regions (not a fixed list). */
export function exampleQuestions(index: LoadedIndex, limit = 4): string[] {
  const g = gazetteer();
  const out: string[] = [];
  for (const m of index.metrics) {
    if (out.length >= limit) break;
    // The region of its most recent achieved value (a plan is not something a region "has").
    const f = index.facts;
    const actual = m.factIds.filter((id) => f.statusOf(id) === 'actual' && f.regionOf(id)).sort((a, b) => (f.yearOf(b) ?? 0) - (f.yearOf(a) ?? 0))[0];
    const region = actual === undefined ? null : f.regionOf(actual);
    if (!region || m.name.split(' ').length > 6) continue;
    const regionName = g.name(region);
    const kind = m.kinds[0];
    if (kind === 'count') out.push(`How many ${m.name} does ${regionName} have?`);
    else if (kind === 'percent') out.push(`What is ${regionName}'s ${m.name}?`);
    else if (kind === 'money') out.push(`What was ${regionName}'s ${m.name}${m.years.length ? ` in ${m.years[m.years.length - 1]}` : ''}?`);
    else if (kind === 'rank' || kind === 'places') out.push(`How did ${regionName} do in ${m.name}?`);
  }
  return out;
}

/** What the bot does, with example questions from the index (each platform adds its own commands). */
export function helpLines(index: LoadedIndex, options: { short?: boolean } = {}): RichLine[] {
  const g = gazetteer();
  const regions = index.facts.regions().map((r) => g.name(r)).sort();
  const lines: RichLine[] = [
    line(text(options.short ? 'Ask me about the numbers in my articles, for example:' : `I answer questions about regional science-and-technology innovation from ${index.docs.length} news articles, and always show where the answer comes from. Ask in plain words, for example:`)),
    ...exampleQuestions(index).map((e) => bullet(text(e))),
  ];
  if (!options.short) lines.push(line(text(`Regions with figures: ${regions.slice(0, 15).join(', ')}${regions.length > 15 ? ', …' : ''}.`)));
  return lines;
}

/** The help as plain text. */
export function helpText(index: LoadedIndex, options: { short?: boolean } = {}): string {
  return plainLines(helpLines(index, options));
}
