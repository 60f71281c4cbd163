import { AttachmentBuilder, SlashCommandBuilder } from 'discord.js';
import { regionChoices } from '../../app/choices.js';
import { metricChart, metricTable, suggestMetrics } from '../../qa/metrics.js';
import { safeMentions } from '../limits.js';
import { escapeText, fitChoices } from '../format.js';
import { renderMetricTable } from './metric-embed.js';
import { ephemeral } from '../respond.js';
import type { Command } from './types.js';

export const CHART_FILE = 'chart.png';
/** Values a /metric reply reads (the embed shows what fits; the rest is counted). */
const METRIC_ROWS = 60;

/** `/metric name: region: year:` — every value of a metric, cited, with a bar chart when comparable. */
export const metric: Command = {
  data: new SlashCommandBuilder()
    .setName('metric')
    .setDescription('Every value of one metric in the articles, with sources and a chart')
    .addStringOption((o) =>
      o.setName('name').setDescription('The metric, e.g. high-tech enterprises').setRequired(true).setAutocomplete(true).setMaxLength(100),
    )
    .addStringOption((o) => o.setName('region').setDescription('Only values for this region').setAutocomplete(true).setMaxLength(100))
    .addIntegerOption((o) => o.setName('year').setDescription('Only values for this year').setMinValue(1949).setMaxValue(2100)),

  async execute(interaction, ctx) {
    const name = interaction.options.getString('name', true);
    const region = interaction.options.getString('region')?.trim() || undefined;
    const year = interaction.options.getInteger('year') ?? undefined;
    const index = ctx.index();
    // The table comes from memory (fast); only the chart is slow enough to defer for.
    // The embed shows a few dozen rows; the chart draws at most this many values.
    const table = metricTable(index, name, { ...(region ? { region } : {}), ...(year !== undefined ? { year } : {}) }, { limit: METRIC_ROWS });
    if (!table) {
      const close = suggestMetrics(index, name, 5).map((s) => s.name);
      await interaction.reply(
        ephemeral(
          `I have no metric called "${escapeText(name.trim(), { atLineStart: false })}".${close.length ? ` Close ones: ${close.map((c) => escapeText(c, { atLineStart: false })).join(', ')}.` : ''} Pick one from the suggestions while typing, or see \`/coverage\`.`,
        ),
      );
      return;
    }
    const chart = table.rows.length >= 2 ? metricChart(table) : null;
    const urlOf = (doc: string) => index.docById.get(doc)?.url ?? null;
    const render = (image: string | null) =>
      renderMetricTable(table, { builtAt: index.manifest.builtAt, region: region ?? null, year: year ?? null, image, urlOf });
    if (!chart || chart.points.length < 2) {
      await interaction.reply({ embeds: [render(null)], allowedMentions: safeMentions() });
      return;
    }
    await interaction.deferReply();
    let files: AttachmentBuilder[] = [];
    try {
      const png = await ctx.chart(chart);
      files = [new AttachmentBuilder(png, { name: CHART_FILE, description: `Bar chart: ${table.metric.name}`.slice(0, 1000) })];
    } catch (err) {
      ctx.logger.warn({ err, metric: table.metric.key }, 'chart rendering failed; sending the table without it');
    }
    await interaction.editReply({ embeds: [render(files.length ? CHART_FILE : null)], files, allowedMentions: safeMentions() });
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const index = ctx.index();
    const typed = String(focused.value ?? '');
    const choices = focused.name === 'region' ? regionChoices(index, typed) : suggestMetrics(index, typed);
    await interaction.respond(fitChoices(choices));
  },
};
