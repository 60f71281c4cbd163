import { SlashCommandBuilder } from 'discord.js';
import { safeMentions } from '../limits.js';
import { coverage as coverageOfIndex } from '../../qa/metrics.js';
import { articleDates, renderCoverage } from './coverage-embed.js';
import type { Command } from './types.js';

/** `/coverage` — the regions, metrics and years the index holds. */
export const coverage: Command = {
  data: new SlashCommandBuilder().setName('coverage').setDescription('Which regions, metrics and years the articles cover'),

  async execute(interaction, ctx) {
    const index = ctx.index();
    const embed = renderCoverage(coverageOfIndex(index), { dates: articleDates(index.docs), builtAt: index.manifest.builtAt });
    await interaction.reply({ embeds: [embed], allowedMentions: safeMentions() });
  },
};
