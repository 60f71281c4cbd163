/**
 * Questions in chat: a message that mentions the bot (or its managed role) is answered with a
 * reply; in the channels of REGIONBOT_CHANNELS every message is. Bots (the bot itself included),
 * webhooks and system messages are ignored. Replies ping no one.
 */
import type { APIEmbed, Message } from 'discord.js';
import { answerQuestion } from '../qa/answer.js';
import { helpText } from '../qa/help.js';
import type { BotContext } from './commands/types.js';
import { safeMentions } from './limits.js';
import { cooldownMessage, fitContent, isPersonError, renderAnswer, userErrorMessage } from './render.js';

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
  const { wait, notify } = ctx.cooldown.take(message.author.id);
  if (wait > 0) {
    if (notify) await reply(message, { content: cooldownMessage(wait) }, ctx);
    return;
  }
  const log = { message: message.id, channel: message.channelId, user: message.author.id };
  let answer;
  const index = ctx.index();
  try {
    const started = performance.now();
    answer = answerQuestion(index, question);
    ctx.logger.info({ ...log, question, answered: answer.answered, intent: answer.intent, citations: answer.citations.length, ms: Math.round(performance.now() - started), via: to.mentioned ? 'mention' : 'channel' }, 'answered a message');
  } catch (err) {
    if (isPersonError(err)) ctx.logger.info({ ...log, reason: err.message }, 'question refused');
    else ctx.logger.error({ err, ...log }, 'answering a message failed');
    await reply(message, { content: userErrorMessage(err) }, ctx);
    return;
  }
  await reply(message, { embeds: [renderAnswer(answer, { builtAt: index.manifest.builtAt })] }, ctx);
}
