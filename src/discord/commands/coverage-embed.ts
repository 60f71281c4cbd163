import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Coverage } from '../../qa/metrics.js';
import { COLORS, escapeText, fitEmbed, footerText, indexBuiltLabel } from '../format.js';
import { LIMITS } from '../limits.js';

/** Besides what the index holds: when its articles were published, and when it was built. */
export interface CoverageAbout {
  /** Oldest and newest article date. */
  dates: [string, string] | null;
  builtAt: string;
}

/** The oldest and newest article dates of the index. */
export function articleDates(docs: readonly { date: string | null }[]): [string, string] | null {
  const dates = docs.map((d) => d.date).filter((d): d is string => !!d).sort();
  return dates.length ? [dates[0]!, dates[dates.length - 1]!] : null;
}

function listField(name: string, items: string[], more: (n: number) => string, max = LIMITS.fieldValue): APIEmbedField {
  if (items.length === 0) return { name, value: 'none', inline: false };
  const out: string[] = [];
  let len = 0;
  for (const [i, item] of items.entries()) {
    const tail = more(items.length - i - 1);
    if (len + item.length + 2 + tail.length + 2 > max) {
      return { name, value: `${out.join(', ')}${out.length ? ', ' : ''}${more(items.length - i)}`, inline: false };
    }
    out.push(item);
    len += item.length + 2;
  }
  return { name, value: out.join(', '), inline: false };
}

export function renderCoverage(cov: Coverage, about: CoverageAbout, opts: { metricsShown?: number } = {}): APIEmbed {
  const metricsShown = opts.metricsShown ?? 30;
  const metrics = [...cov.metrics].sort((a, b) => b.values - a.values || a.name.localeCompare(b.name));
  const top = metrics.slice(0, metricsShown).map((m) => `${escapeText(m.name, { atLineStart: false })} (${m.values})`);
  const metricsField = listField(`Metrics (${cov.metrics.length})`, top, (n) => `…and ${n + Math.max(0, cov.metrics.length - metricsShown)} more (browse with \`/metric\`)`);
  if (cov.metrics.length > metricsShown && !metricsField.value.includes('more')) {
    metricsField.value += `, …and ${cov.metrics.length - metricsShown} more (browse with \`/metric\`)`;
  }
  const yearsRange = cov.years.length ? `${cov.years[0]!.year}–${cov.years[cov.years.length - 1]!.year}` : '';
  return fitEmbed({
    title: 'What the index covers',
    color: COLORS.info,
    description: `${cov.documents} article${cov.documents === 1 ? '' : 's'}${about.dates ? `, published ${about.dates[0]} to ${about.dates[1]}` : ''}. Ask about these regions, metrics and years; anything else I will say I cannot find.`,
    fields: [
      listField(`Regions with figures (${cov.regions.length})`, cov.regions.map((r) => `${escapeText(r.name, { atLineStart: false })} (${r.facts})`), (n) => `…and ${n} more`),
      listField(`Years${yearsRange ? ` (${yearsRange})` : ''}`, cov.years.map((y) => `${y.year} (${y.facts})`), (n) => `…and ${n} more`),
      metricsField,
    ],
    footer: footerText(['Numbers in brackets: values in the index', indexBuiltLabel(about.builtAt)]),
  });
}
