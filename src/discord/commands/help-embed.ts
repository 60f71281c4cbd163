import type { APIEmbed, APIEmbedField } from 'discord.js';
import { COLORS, escapeText, fitEmbed, footerText, indexBuiltLabel } from '../format.js';

export function renderHelp(input: {
  text: string;
  examples: readonly string[];
  commands: readonly { name: string; description: string }[];
  channels?: readonly string[];
  builtAt?: string | null;
}): APIEmbed {
  const missing = input.examples.filter((e) => !input.text.includes(e));
  const fields: APIEmbedField[] = [];
  if (missing.length > 0) fields.push({ name: 'Example questions', value: missing.map((e) => `- ${escapeText(e, { atLineStart: false })}`).join('\n'), inline: false });
  const example = input.examples[0];
  if (example) fields.push({ name: 'Try it', value: `\`/ask question: ${example.replace(/`/g, "'")}\``, inline: false });
  fields.push({ name: 'Commands', value: input.commands.map((c) => `\`/${c.name}\` — ${c.description}`).join('\n'), inline: false });
  const channels = (input.channels ?? []).map((id) => `<#${id}>`);
  fields.push({
    name: 'In chat',
    value: `Mention me with a question${channels.length ? `, or just ask in ${channels.join(', ')}` : ''}. Every answer cites the articles it comes from; when the articles do not say, I say so.`,
    inline: false,
  });
  return fitEmbed({ title: 'regionbot: what I can do', color: COLORS.info, description: input.text, fields, footer: footerText([indexBuiltLabel(input.builtAt)]) });
}
