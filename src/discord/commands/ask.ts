import { SlashCommandBuilder } from 'discord.js';
import { MAX_QUESTION_LENGTH, answerQuestion } from '../../qa/answer.js';
import { safeMentions } from '../limits.js';
import { cooldownMessage, renderAnswer } from '../render.js';
import { ephemeral } from '../respond.js';
import type { Command } from './types.js';

/** `/ask question:` — answer from the index, with citations. */
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
    const trimmed = question.trim();
    // An empty or too long question: answerQuestion says why (RegionbotError, shown privately).
    if (trimmed.length === 0 || trimmed.length > MAX_QUESTION_LENGTH) answerQuestion(ctx.index(), question);
    const { wait } = ctx.cooldown.take(interaction.user.id);
    if (wait > 0) {
      await interaction.reply(ephemeral(cooldownMessage(wait)));
      return;
    }
    await interaction.deferReply();
    const index = ctx.index();
    const started = performance.now();
    const answer = answerQuestion(index, question);
    ctx.logger.info(
      { interaction: interaction.id, user: interaction.user.id, question: trimmed, answered: answer.answered, intent: answer.intent, citations: answer.citations.length, ms: Math.round(performance.now() - started) },
      'answered /ask',
    );
    await interaction.editReply({ embeds: [renderAnswer(answer, { builtAt: index.manifest.builtAt })], allowedMentions: safeMentions() });
  },
};
