import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { BuildSummary } from '../../index/build.js';
import { COLORS, escapeText, fitEmbed, footerText, indexBuiltLabel } from '../format.js';

export function renderReindex(summary: BuildSummary, opts: { builtAt?: string | null; before?: { documents: number; facts: number } | null } = {}): APIEmbed {
  const delta = (now: number, before: number | undefined): string => (before === undefined || before === now ? `${now}` : `${now} (was ${before})`);
  const fields: APIEmbedField[] = [
    { name: 'Articles', value: delta(summary.documents, opts.before?.documents), inline: true },
    { name: 'Facts', value: delta(summary.facts, opts.before?.facts), inline: true },
    { name: 'Metrics', value: String(summary.metrics), inline: true },
    { name: 'Passages', value: String(summary.chunks), inline: true },
    { name: 'Time', value: `${summary.seconds.toFixed(1)} s`, inline: true },
  ];
  if (summary.skipped.length > 0) {
    fields.push({
      name: `Skipped files (${summary.skipped.length})`,
      value: summary.skipped.slice(0, 15).map((s) => `\`${s.file.replace(/`/g, "'")}\`: ${escapeText(s.reason, { atLineStart: false })}`).join('\n') + (summary.skipped.length > 15 ? `\n…and ${summary.skipped.length - 15} more` : ''),
      inline: false,
    });
  }
  return fitEmbed({
    title: 'Index rebuilt',
    color: COLORS.ok,
    description: 'The new index is live: questions are now answered from it.',
    fields,
    footer: footerText([indexBuiltLabel(opts.builtAt)]),
  });
}
