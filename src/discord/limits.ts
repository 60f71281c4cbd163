import type { MessageMentionOptions } from 'discord.js';

/**
 * Discord's size limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
 * .../interactions/application-commands#application-command-object-application-command-option-choice-structure).
 * Discord counts characters (code points); we count UTF-16 units, which is never fewer, so staying under
 * these with `string.length` is always safe.
 */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name of all embeds. */
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  buttonLabel: 80,
  customId: 100,
} as const;

/**
 * Mentions that may ping: none (no @everyone/@here, roles, users, nor the author of the message replied
 * to). Sent with every message the bot writes, and set as the client's default too.
 */
export function safeMentions(): MessageMentionOptions {
  return { parse: [], repliedUser: false };
}
