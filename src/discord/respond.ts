/**
 * Sending: every message carries `allowedMentions` that ping no one, every text is fitted to
 * Discord's limits, and failures end in a short ephemeral note to the person plus a full log entry.
 */
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import type { Logger } from 'pino';
import { safeMentions } from './limits.js';
import { isRegionbotError } from '../errors.js';
import { fitContent, titleCase } from './format.js';

/** An ephemeral text reply (only the person who used the command sees it). */
export function ephemeral(content: string): { content: string; flags: MessageFlags.Ephemeral; allowedMentions: ReturnType<typeof safeMentions> } {
  return { content: fitContent(content), flags: MessageFlags.Ephemeral, allowedMentions: safeMentions() };
}

/** Short details of an interaction for the log (never its token). */
export function describeInteraction(i: Pick<Interaction, 'id' | 'type' | 'user' | 'guildId' | 'channelId'>): Record<string, unknown> {
  const out: Record<string, unknown> = { interaction: i.id, type: i.type, user: i.user.id, guild: i.guildId, channel: i.channelId };
  const named = i as { commandName?: string; customId?: string };
  if (named.commandName) out.command = named.commandName;
  if (named.customId) out.customId = named.customId;
  return out;
}

/**
 * Tell the person something failed, in a note only they see; log the full error. Works whatever
 * state the interaction is in (not answered, deferred, answered). Never throws.
 */
export async function replyError(interaction: RepliableInteraction, err: unknown, logger: Logger): Promise<void> {
  if (isPersonError(err)) logger.info({ ...describeInteraction(interaction), reason: err instanceof Error ? err.message : String(err) }, 'question refused');
  else logger.error({ err, ...describeInteraction(interaction) }, 'interaction failed');
  const note = ephemeral(userErrorMessage(err));
  try {
    if (interaction.deferred && !interaction.replied) {
      // A public "thinking…" cannot become ephemeral: remove it and send the note privately.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(note);
    } else if (interaction.replied) {
      await interaction.followUp(note);
    } else {
      await interaction.reply(note);
    }
  } catch (sendErr) {
    logger.warn({ err: sendErr, ...describeInteraction(interaction) }, 'could not send the error note');
  }
}

/** An error the person caused and can fix (an empty or too long question, an unknown name). */
export function isPersonError(err: unknown): err is Error {
  return isRegionbotError(err) && (err.code === 'E_QUESTION' || err.code === 'E_NOT_FOUND' || err.code === 'E_USAGE');
}

/** What a person is told when something fails: their own mistake in words, anything else briefly. */
export function userErrorMessage(err: unknown): string {
  if (isPersonError(err)) {
    const text = err.message.replace(/^regionbot:\s*/, '');
    return fitContent(`${titleCase(text)}${/[.!?]$/.test(text) ? '' : '.'}`);
  }
  return 'Sorry, something went wrong on my side and I could not answer. It has been logged; please try again in a moment.';
}
