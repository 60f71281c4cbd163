import { ButtonStyle, ComponentType } from 'discord.js';
import { safeUrl } from '../citations.js';
import { COLORS, cut, cutMarkdown, escapeText, fitEmbed, footerText, indexBuiltLabel, type ReplyPayload } from '../format.js';
import { LIMITS } from '../limits.js';

export interface SourceDoc {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
}

export const SOURCES_PER_PAGE = 10;
const SOURCES_ID = /^sources:page:(\d{1,6}):(?:prev|next)$/;

/** The page a Previous/Next button of `/sources` leads to, or null for another custom id. */
export function parseSourcesButton(customId: string): number | null {
  const m = SOURCES_ID.exec(customId);
  return m ? Number(m[1]) : null;
}

/** Newest first, undated last, then by title. */
export function sortSources<T extends SourceDoc>(docs: readonly T[]): T[] {
  return [...docs].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}

/** One page of the article list, with Previous/Next buttons when there is more than one page. */
export function renderSourcesPage(docs: readonly SourceDoc[], page: number, opts: { builtAt?: string | null; perPage?: number } = {}): ReplyPayload {
  const perPage = Math.max(1, Math.min(25, opts.perPage ?? SOURCES_PER_PAGE));
  const sorted = sortSources(docs);
  const pages = Math.max(1, Math.ceil(sorted.length / perPage));
  const p = Math.max(0, Math.min(pages - 1, Number.isFinite(page) ? Math.trunc(page) : 0));
  const slice = sorted.slice(p * perPage, (p + 1) * perPage);
  const room = Math.floor((LIMITS.embedDescription - 20) / Math.max(1, slice.length));
  const lines = slice.map((d, i) => {
    const url = safeUrl(d.url);
    const title = escapeText(cut(d.title.replace(/\s+/g, ' ').trim() || d.id, 200), { atLineStart: false });
    const shownTitle = url ? `[${title}](${url})` : `*${title}*`;
    const meta = [d.date ?? 'undated', d.source ? escapeText(d.source, { atLineStart: false }) : 'source not stated', `\`${d.id.replace(/`/g, "'")}\``].join(' · ');
    return cutMarkdown(`**${p * perPage + i + 1}.** ${shownTitle}\n${meta}`, room);
  });
  const embed = fitEmbed({
    title: `Sources: ${sorted.length} article${sorted.length === 1 ? '' : 's'}`,
    color: COLORS.info,
    description: lines.join('\n') || 'The index holds no articles.',
    footer: footerText([pages > 1 ? `Page ${p + 1} of ${pages}` : null, indexBuiltLabel(opts.builtAt)]),
  });
  const payload: ReplyPayload = { embeds: [embed] };
  if (pages > 1) {
    payload.components = [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: `sources:page:${Math.max(0, p - 1)}:prev`, label: 'Previous', disabled: p === 0 },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: `sources:page:${Math.min(pages - 1, p + 1)}:next`, label: 'Next', disabled: p >= pages - 1 },
        ],
      },
    ];
  }
  return payload;
}
