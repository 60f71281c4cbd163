/**
 * Questions in chat: a message that mentions the bot (or its managed role) is answered with a
 * reply; in the channels of REGIONBOT_CHANNELS every message is. Bots (the bot itself included),
 * webhooks and system messages are ignored. Replies ping no one.
 */
import type { APIEmbed, Message } from 'discord.js';
import { helpText } from '../qa/help.js';
import type { BotContext } from './commands/types.js';
import { safeMentions } from './limits.js';
import { cooldownMessage, renderAnswer } from './answer-embed.js';
import { fitContent } from './format.js';
import { userErrorMessage } from './respond.js';

/** The question in a message: its text without the mentions of the bot (user or role). */
export function questionText(content: string, botUserId: string, botRoleIds: readonly string[] = []): string {
  let text = content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ');
  for (const role of botRoleIds) text = text.replace(new RegExp(`<@&${role}>`, 'g'), ' ');
  return text.replace(/\s+/g, ' ').trim();
}

/** Whether a message is addressed to the bot, and how. */
export function addressed(message: Pick<Message, 'author' | 'system' | 'webhookId' | 'channelId' | 'mentions'>, botUserId: string, channels: readonly string[]): { mentioned: boolean; inChannel: boolean; botRoleIds: string[] } | null {
  if (message.author.bot || message.system || message.webhookId) return null;
  const botRoleIds = [...message.mentions.roles.values()].filter((r) => r.tags?.botId === botUserId).map((r) => r.id);
  const mentioned = message.mentions.users.has(botUserId) || botRoleIds.length > 0;
  const inChannel = channels.includes(message.channelId);
  if (!mentioned && !inChannel) return null;
  return { mentioned, inChannel, botRoleIds };
}

async function reply(message: Message, payload: { content?: string; embeds?: APIEmbed[] }, ctx: BotContext): Promise<void> {
  try {
    await message.reply({ ...payload, allowedMentions: safeMentions() });
  } catch (err) {
    ctx.logger.warn({ err, message: message.id, channel: message.channelId }, 'could not reply to a message');
  }
}

export async function handleMessage(message: Message, ctx: BotContext, botUserId: string): Promise<void> {
  const to = addressed(message, botUserId, ctx.config.REGIONBOT_CHANNELS);
  if (!to) return;
  const question = questionText(message.content, botUserId, to.botRoleIds);
  if (!question) {
    // A bare mention: say what the bot does. An empty message in a channel (an image): nothing.
    if (to.mentioned) await reply(message, { content: fitContent(helpText(ctx.index(), { short: true })) }, ctx);
    return;
  }
  const who = { id: message.author.id, via: to.mentioned ? ('mention' as const) : ('channel' as const), log: { message: message.id, channel: message.channelId } };
  let outcome;
  try {
    outcome = await ctx.ask(question, who);
  } catch (err) {
    ctx.logger.error({ err, ...who.log, user: who.id }, 'answering a message failed');
    await reply(message, { content: userErrorMessage(err) }, ctx);
    return;
  }
  // A refusal is said; a cooldown only once per window (chat would fill up with "please wait").
  if (outcome.kind === 'refused') await reply(message, { content: userErrorMessage(outcome.error) }, ctx);
  else if (outcome.kind === 'wait') {
    if (outcome.notify) await reply(message, { content: cooldownMessage(outcome.seconds) }, ctx);
  } else await reply(message, { embeds: [renderAnswer(outcome.answer, { builtAt: outcome.builtAt })] }, ctx);
}
