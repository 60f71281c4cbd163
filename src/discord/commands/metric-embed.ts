import type { APIEmbed } from 'discord.js';
import { gazetteer } from '../../corpus/gazetteer.js';
import type { MetricTable } from '../../qa/metrics.js';
import type { Citation } from '../../qa/types.js';
import { citationFields } from '../citations.js';
import { COLORS, escapeText, fitEmbed, footerText, indexBuiltLabel, titleCase } from '../format.js';
import { LIMITS } from '../limits.js';

function shortList(items: string[], n: number): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} +${items.length - n} more`;
}

/**
 * A metric's values as an embed: one line per value ("Jilin · 2021 · **2705** [1]"), a citation
 * field per quoted sentence, and the chart image when one is attached.
 */
export function renderMetricTable(
  table: MetricTable,
  opts: { builtAt?: string | null; region?: string | null; year?: number | null; image?: string | null; urlOf?: (doc: string) => string | null } = {},
): APIEmbed {
  const { metric, rows } = table;
  const filter = [opts.region ? gazetteer().name(gazetteer().resolve(opts.region) ?? opts.region) : null, opts.year ?? null].filter((x) => x !== null).join(', ');
  const title = `${titleCase(escapeText(metric.name, { atLineStart: false }))}${filter ? ` — ${escapeText(String(filter), { atLineStart: false })}` : ''}`;
  const citations = new Map<string, Citation>();
  const lines: string[] = [];
  let shown = 0;
  // Rows take at most ~2,000 characters, so the citations keep room within the 6,000 of a message.
  const rowsRoom = 2000;
  let used = 0;
  for (const row of rows) {
    const key = `${row.doc}|${row.fact.sentenceStart}`;
    let c = citations.get(key);
    if (!c) {
      if (citations.size >= LIMITS.embedFields) break;
      c = { n: citations.size + 1, doc: row.doc, title: row.title, date: row.date, source: row.source, url: opts.urlOf?.(row.doc) ?? null, snippet: row.fact.sentence, bold: [] };
      citations.set(key, c);
    }
    c.bold.push([row.fact.valueStart, row.fact.valueEnd]);
    const tags = [row.status === 'target' ? 'target' : null, row.change === 'change' ? (row.fact.direction === 'down' ? 'decrease' : 'increase') : null].filter(Boolean);
    const line = `${escapeText(row.regionName, { atLineStart: false })} · ${row.year ?? 'year not stated'} · **${escapeText(row.text, { atLineStart: false })}**${tags.length ? ` *(${tags.join(', ')})*` : ''} [${c.n}]`;
    if (used + line.length + 1 > rowsRoom) break;
    lines.push(line);
    used += line.length + 1;
    shown++;
  }
  let description: string;
  if (rows.length === 0) {
    const where = [opts.region ? `for ${escapeText(opts.region, { atLineStart: false })}` : '', opts.year ? `in ${opts.year}` : ''].filter(Boolean).join(' ');
    const regions = metric.regions.map((r) => gazetteer().name(r)).join(', ') || 'none';
    const years = metric.years.join(', ') || 'none';
    description = `No values of **${escapeText(metric.name, { atLineStart: false })}**${where ? ` ${where}` : ''} in the index.\nIt has values for regions: ${escapeText(regions, { atLineStart: false })}; years: ${years}.`;
  } else {
    description = lines.join('\n');
    if (shown < table.total) description += `\n…and ${table.total - shown} more values (narrow it down with \`region:\` or \`year:\`).`;
  }
  const footer = footerText([
      `${metric.values} value${metric.values === 1 ? '' : 's'} in the index`,
    metric.regions.length ? `regions: ${shortList(metric.regions.map((r) => gazetteer().name(r)), 8)}` : null,
    metric.years.length ? `years: ${shortList(metric.years.map(String), 12)}` : null,
    indexBuiltLabel(opts.builtAt),
  ]);
  const room = LIMITS.embedTotal - title.length - description.length - footer.text.length - 50;
  const embed: APIEmbed = {
    title,
    color: rows.length > 0 ? COLORS.answer : COLORS.abstain,
    description,
    fields: citationFields([...citations.values()], room),
    footer,
  };
  if (opts.image) embed.image = { url: `attachment://${opts.image}` };
  return fitEmbed(embed);
}
