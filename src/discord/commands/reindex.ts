import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { isRegionbotError } from '../../errors.js';
import { safeMentions } from '../limits.js';
import { fitContent } from '../format.js';
import { renderReindex } from './reindex-embed.js';
import type { Command } from './types.js';

/**
 * `/reindex` — rebuild the index from the corpus folder and answer from the new one at once.
 * Only members with Manage Server see and use it: Discord enforces the command's default member
 * permissions (server admins can change who may use it in Server Settings → Integrations).
 */
export const reindex: Command = {
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription('Rebuild the index from the corpus folder (Manage Server only)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    ctx.logger.info({ interaction: interaction.id, user: interaction.user.id, guild: interaction.guildId }, '/reindex requested');
    try {
      const outcome = await ctx.reindex();
      await interaction.editReply({
        ...(outcome.joined ? { content: 'A rebuild was already running; here is its result.' } : {}),
        embeds: [renderReindex(outcome.summary, { builtAt: outcome.index.manifest.builtAt, before: outcome.before })],
        allowedMentions: safeMentions(),
      });
    } catch (err) {
      ctx.logger.error({ err }, 'reindex failed');
      const why = isRegionbotError(err) ? ` ${err.message.replace(/^regionbot:\s*/, '')}` : ' The details are in the log.';
      await interaction.editReply({
        content: fitContent(`The rebuild failed; I keep answering from the previous index.${why}`),
        allowedMentions: safeMentions(),
      });
    }
  },
};
