import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { exampleQuestions, helpText } from '../../qa/help.js';
import { safeMentions } from '../limits.js';
import { renderHelp } from './help-embed.js';
import type { Command } from './types.js';

/** `/help` — what the bot can do, with example questions drawn from the index. */
export const help: Command = {
  data: new SlashCommandBuilder().setName('help').setDescription('What I can answer, with example questions'),

  async execute(interaction, ctx) {
    const index = ctx.index();
    const embed = renderHelp({
      text: helpText(index),
      examples: exampleQuestions(index),
      commands: ctx.commandList,
      channels: ctx.config.REGIONBOT_CHANNELS,
      builtAt: index.manifest.builtAt,
    });
    await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: safeMentions() });
  },
};
