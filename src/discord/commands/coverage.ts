import { SlashCommandBuilder } from 'discord.js';
import { safeMentions } from '../limits.js';
import { coverageOf, renderCoverage } from '../render.js';
import type { Command } from './types.js';

/** `/coverage` — the regions, metrics and years the index holds. */
export const coverage: Command = {
  data: new SlashCommandBuilder().setName('coverage').setDescription('Which regions, metrics and years the articles cover'),

  async execute(interaction, ctx) {
    await interaction.reply({ embeds: [renderCoverage(coverageOf(ctx.index()))], allowedMentions: safeMentions() });
  },
};
