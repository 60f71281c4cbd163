import { SlashCommandBuilder } from 'discord.js';
import type { LoadedIndex } from '../../index/store.js';
import { safeMentions } from '../limits.js';
import { parseSourcesButton, renderSourcesPage } from './sources-embed.js';
import type { Command } from './types.js';

function page(index: LoadedIndex, n: number) {
  const docs = index.docs.map((d) => ({ id: d.id, title: d.title, date: d.date, source: d.source, url: d.url }));
  return { ...renderSourcesPage(docs, n, { builtAt: index.manifest.builtAt }), allowedMentions: safeMentions() };
}

/** `/sources` — the articles the bot answers from, paged with Previous/Next buttons. */
export const sources: Command = {
  data: new SlashCommandBuilder().setName('sources').setDescription('The news articles the answers come from (title, date, source)'),

  async execute(interaction, ctx) {
    await interaction.reply(page(ctx.index(), 0));
  },

  async button(interaction, ctx) {
    const n = parseSourcesButton(interaction.customId);
    if (n === null) return;
    await interaction.update(page(ctx.index(), n));
  },
};
