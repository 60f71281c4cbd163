/** Citations as embed fields ("[n] title", date · source · link · file, the quoted sentence), shared by answers and /metric. */
import type { APIEmbedField } from 'discord.js';
import type { Citation } from '../qa/types.js';
import { cutMarkdown, escapeText, quoteSnippet } from './format.js';
import { LIMITS } from './limits.js';

export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return null;
  }
}

/** "2021-12-16 · CCFAO · [link](url) · `000_x.txt`" */
export function sourceLine(c: { date: string | null; source: string | null; url: string | null; doc?: string }): string {
  const url = safeUrl(c.url);
  return [
    c.date ? escapeText(c.date, { atLineStart: false }) : 'undated',
    c.source ? escapeText(c.source, { atLineStart: false }) : null,
    url ? `[link](${url})` : null,
    c.doc ? `\`${c.doc.replace(/`/g, "'")}\`` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** One citation as an embed field: "[n] title", then date · source · link · file, then the quote. */
export function citationField(c: Citation, maxValue: number = LIMITS.fieldValue): APIEmbedField {
  const name = cutMarkdown(`[${c.n}] ${escapeText(c.title.replace(/\s+/g, ' ').trim() || c.doc, { atLineStart: false })}`, LIMITS.fieldName);
  const max = Math.max(40, Math.min(LIMITS.fieldValue, maxValue));
  const meta = cutMarkdown(sourceLine(c), max);
  const room = max - meta.length - 3;
  const quote = c.snippet.trim() && room >= 12 ? quoteSnippet(c.snippet, c.bold, room) : '';
  return { name, value: quote ? `${meta}\n> ${quote}` : meta, inline: false };
}

/** Citation fields sharing `room` characters (names included), each within Discord's field limits. */
export function citationFields(citations: readonly Citation[], room: number): APIEmbedField[] {
  const list = citations.slice(0, LIMITS.embedFields);
  if (list.length === 0) return [];
  const names = list.reduce((n, c) => n + Math.min(LIMITS.fieldName, c.title.length + 8), 0);
  const each = Math.floor((room - names) / list.length);
  return list.map((c) => citationField(c, each));
}
