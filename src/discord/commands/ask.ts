import { SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../app/ask.js';
import { safeMentions } from '../limits.js';
import { cooldownMessage, renderAnswer } from '../answer-embed.js';
import { ephemeral, userErrorMessage } from '../respond.js';
import type { Command } from './types.js';

/** `/ask question:` — answer from the index, with citations (the ask flow is src/app/ask.ts). */
export const ask: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask about regional science and technology innovation; the answer cites its sources')
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription("e.g. What was Jilin's R&D investment in 2021?")
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_LENGTH),
    ),

  async execute(interaction, ctx) {
    const question = interaction.options.getString('question', true);
    const who = { id: interaction.user.id, via: 'slash' as const, log: { interaction: interaction.id } };
    // Admitted: say "thinking…" publicly while answering. Refusals are private notes.
    const outcome = await ctx.ask(question, who, { admitted: () => interaction.deferReply() });
    if (outcome.kind === 'refused') await interaction.reply(ephemeral(userErrorMessage(outcome.error)));
    else if (outcome.kind === 'wait') await interaction.reply(ephemeral(cooldownMessage(outcome.seconds)));
    else await interaction.editReply({ embeds: [renderAnswer(outcome.answer, { builtAt: outcome.builtAt })], allowedMentions: safeMentions() });
  },
};
