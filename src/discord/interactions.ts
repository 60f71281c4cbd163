/**
 * Routes an interaction to its command: slash command -> execute, autocomplete -> autocomplete,
 * button "<command>:..." -> button. A failure ends in a short ephemeral note and a log entry; it
 * never escapes (the bot keeps running).
 */
import type { Interaction } from 'discord.js';
import { commands as allCommands, findCommand, type BotContext, type Command } from './commands/index.js';
import { describeInteraction, ephemeral, replyError } from './respond.js';

export async function handleInteraction(interaction: Interaction, ctx: BotContext, list: readonly Command[] = allCommands): Promise<void> {
  if (interaction.isAutocomplete()) {
    const cmd = findCommand(interaction.commandName, list);
    try {
      if (cmd?.autocomplete) await cmd.autocomplete(interaction, ctx);
      else await interaction.respond([]);
    } catch (err) {
      ctx.logger.warn({ err, ...describeInteraction(interaction) }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
    return;
  }

  if (interaction.isChatInputCommand()) {
    const cmd = findCommand(interaction.commandName, list);
    if (!cmd) {
      ctx.logger.warn(describeInteraction(interaction), 'unknown command (commands need redeploying?)');
      await interaction.reply(ephemeral('I do not know this command (any more). An admin can refresh my commands with `regionbot deploy-commands`.')).catch((err: unknown) => {
        ctx.logger.warn({ err }, 'could not answer an unknown command');
      });
      return;
    }
    ctx.logger.debug(describeInteraction(interaction), 'command');
    try {
      await cmd.execute(interaction, ctx);
    } catch (err) {
      await replyError(interaction, err, ctx.logger);
    }
    return;
  }

  if (interaction.isButton()) {
    const name = interaction.customId.split(':')[0] ?? '';
    const cmd = findCommand(name, list);
    if (!cmd?.button) {
      await interaction.deferUpdate().catch(() => undefined);
      return;
    }
    try {
      await cmd.button(interaction, ctx);
    } catch (err) {
      await replyError(interaction, err, ctx.logger);
    }
  }
}
