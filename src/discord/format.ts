/**
 * Shared formatting for what the bot shows on Discord: escaping text from people and articles,
 * cutting at sentence or word boundaries with "…", repairing cut Markdown, quoting snippets with
 * the number in bold, and fitting texts, embeds and autocomplete choices to Discord's limits (see
 * limits.ts), so a send never fails for length. Pure: no client, no I/O.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import { LIMITS } from './limits.js';

export const COLORS = {
  answer: 0x3b6ea8,
  abstain: 0xc98a1b,
  info: 0x5865f2,
  ok: 0x2e8b57,
} as const;

export const ELLIPSIS = '…';

/** A message as the bot sends it (allowed mentions are added by the sender). */
export interface ReplyPayload {
  content?: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
}

export interface Choice {
  name: string;
  value: string;
}

/**
 * Escape text from a person or an article so that it shows as typed: Markdown characters get a
 * backslash, `@everyone`/`@here` get a zero-width space, `<@id>`-style mentions are shown as text.
 * `atLineStart: false` when the text is placed in the middle of a line (no heading/list/quote
 * markers are possible there).
 */
export function escapeText(text: string, opts: { atLineStart?: boolean } = {}): string {
  let out = text
    .replace(/([\\*_~`|[\]<>])/g, '\\$1')
    .replace(/@(everyone|here)\b/gi, '@\u200b$1');
  // Block markers only count at the start of a line: headings, quotes, lists.
  // A backslash only escapes punctuation, so "1." becomes "1\." (not "\1.").
  const lineStart = /(^|\n)([ \t]*)(#{1,3}(?=\s)|-(?=\s)|\+(?=\s)|\d+\.(?=\s))/g;
  out = out.replace(lineStart, (m, nl: string, ws: string, marker: string, offset: number) => {
    if (offset === 0 && nl === '' && opts.atLineStart === false) return m;
    const escaped = /^\d/.test(marker) ? `${marker.slice(0, -1)}\\.` : `\\${marker}`;
    return `${nl}${ws}${escaped}`;
  });
  return out;
}

/** Question text shown back to the person: one line, escaped. */
export function escapeQuestion(question: string): string {
  return escapeText(question.replace(/\s+/g, ' ').trim());
}

/**
 * Cut plain text to at most `max` characters: at the last sentence end (else word boundary) in the
 * second half of the room, followed by "…". Never splits a surrogate pair.
 */
export function cut(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  const room = max - 1;
  const min = Math.floor(room / 2);
  const window = text.slice(0, room + 1);
  // 1. A sentence boundary: ". " "! " "? " (closing quotes allowed), CJK full stops, a line break.
  let end = -1;
  for (const m of window.matchAll(/[.!?](?:["'”’)\]]*)(?=\s)|[。！？]|\n/g)) {
    const e = m[0] === '\n' ? m.index : m.index + m[0].length;
    if (e >= min && e <= room - 1) end = e;
  }
  if (end > 0) {
    const head = text.slice(0, end).trimEnd();
    if (head.length > 0) return `${head} ${ELLIPSIS}`;
  }
  // 2. A word boundary.
  let space = -1;
  for (const m of window.matchAll(/\s/g)) if (m.index >= min && m.index <= room) space = m.index;
  if (space > 0) {
    const head = text.slice(0, space).replace(/[\s,;:–—-]+$/, '');
    if (head.length > 0) return `${head}${ELLIPSIS}`;
  }
  // 3. Anywhere (but not inside a surrogate pair).
  let head = text.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}${ELLIPSIS}`;
}

function countUnescaped(s: string, re: RegExp): number {
  let n = 0;
  for (const m of s.matchAll(re)) {
    let backslashes = 0;
    for (let i = m.index - 1; i >= 0 && s[i] === '\\'; i--) backslashes++;
    if (backslashes % 2 === 0) n++;
  }
  return n;
}

function lastUnescaped(s: string, ch: string, before = s.length): number {
  for (let i = Math.min(before, s.length) - 1; i >= 0; i--) {
    if (s[i] !== ch) continue;
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

/** Close what a cut left open: a half link, a dangling backslash, `**` and `` ` `` pairs. */
function repairMarkdown(cutText: string): string {
  const tail = cutText.endsWith(` ${ELLIPSIS}`) ? ` ${ELLIPSIS}` : cutText.endsWith(ELLIPSIS) ? ELLIPSIS : '';
  let body = cutText.slice(0, cutText.length - tail.length);
  // A masked link cut in its URL: drop the link.
  const linkMid = body.lastIndexOf('](');
  if (linkMid >= 0 && body.indexOf(')', linkMid) < 0) {
    const open = lastUnescaped(body, '[', linkMid);
    body = body.slice(0, Math.max(0, open)).trimEnd();
  }
  // A "[" never closed ("[1" of a reference): drop it.
  const open = lastUnescaped(body, '[');
  if (open >= 0 && lastUnescaped(body, ']') < open) body = body.slice(0, open).trimEnd();
  // A trailing lone backslash would escape the ellipsis or a closing mark.
  const trailing = /\\+$/.exec(body)?.[0].length ?? 0;
  if (trailing % 2 === 1) body = body.slice(0, -1);
  let close = '';
  if (countUnescaped(body, /`/g) % 2 === 1) close += '`';
  if (countUnescaped(body, /\*\*/g) % 2 === 1) close += '**';
  if (countUnescaped(body, /\|\|/g) % 2 === 1) close += '||';
  return `${body}${close}${tail}`;
}

/** Cut Markdown to at most `max` characters, keeping bold/code/links balanced. */
export function cutMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return cut(text, max);
  for (let reserve = 0; reserve < max; reserve += 2) {
    const out = repairMarkdown(cut(text, max - reserve));
    if (out.length <= max) return out;
  }
  return cut(text.replace(/[*`|]/g, ''), max);
}

/** Content of a plain message (2,000 characters). */
export function fitContent(text: string): string {
  return cutMarkdown(text, LIMITS.content);
}

function normalizeRanges(ranges: readonly (readonly [number, number])[], length: number, text?: string): [number, number][] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, Math.min(length, s)), Math.max(0, Math.min(length, e))] as [number, number])
    .map(([s, e]): [number, number] => {
      if (text === undefined) return [s, e];
      while (s < e && /\s/.test(text[s] ?? '')) s++;
      while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
      return [s, e];
    })
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The text escaped, with the given [start, end) ranges in bold. */
export function boldText(text: string, ranges: readonly (readonly [number, number])[], opts: { atLineStart?: boolean } = {}): string {
  const rs = normalizeRanges(ranges, text.length, text);
  let out = '';
  let at = 0;
  for (const [s, e] of rs) {
    out += escapeText(text.slice(at, s), { atLineStart: at === 0 ? opts.atLineStart !== false : false });
    out += `**${escapeText(text.slice(s, e), { atLineStart: false })}**`;
    at = e;
  }
  return out + escapeText(text.slice(at), { atLineStart: at === 0 ? opts.atLineStart !== false : false });
}

/** [a, b) of `text`, at most `size` long, around the first range, snapped to word boundaries. */
function windowAround(text: string, ranges: [number, number][], size: number): [number, number] {
  const [f0, f1] = ranges[0] ?? [0, 0];
  if (f1 - f0 >= size) return [f0, f0 + size];
  const extra = size - (f1 - f0);
  let a = Math.max(0, f0 - Math.floor(extra / 2));
  let b = Math.min(text.length, a + size);
  a = Math.max(0, b - size);
  if (a > 0) {
    const sp = text.indexOf(' ', a);
    if (sp >= 0 && sp < f0) a = sp + 1;
  }
  if (b < text.length) {
    const sp = text.lastIndexOf(' ', b);
    if (sp >= f1 && sp > a) b = sp;
  }
  return [a, b];
}

/**
 * A quoted sentence for a citation: escaped, with the `bold` ranges (the number, or the question's
 * words) in bold; when too long, a window around the first bold range with "…" on the cut sides.
 */
export function quoteSnippet(snippet: string, bold: readonly (readonly [number, number])[], max: number): string {
  const text = snippet.replace(/[\r\n\t]/g, ' ');
  const ranges = normalizeRanges(bold, text.length, text);
  const full = boldText(text, ranges);
  if (full.length <= max) return full;
  let budget = max - 2;
  for (let i = 0; i < 16 && budget > 8; i++) {
    const [a, b] = windowAround(text, ranges, budget);
    const sub = text.slice(a, b).trim();
    const lead = text.slice(a, b).length - text.slice(a, b).trimStart().length;
    const subRanges = ranges
      .map(([s, e]) => [s - a - lead, e - a - lead] as [number, number])
      .filter(([s, e]) => e > 0 && s < sub.length);
    const out = `${a > 0 ? ELLIPSIS : ''}${boldText(sub, subRanges, { atLineStart: a === 0 })}${b < text.length ? ELLIPSIS : ''}`;
    if (out.length <= max) return out;
    budget -= Math.max(1, out.length - max);
  }
  return cutMarkdown(full, max);
}

/** Characters of an embed that count towards Discord's 6,000 total. */
export function embedLength(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Minimum lengths the total-size squeeze leaves parts at before it drops fields. */
const SQUEEZE_FLOOR = { field: 160, description: 600 };

/**
 * Make an embed valid: each part within its limit (cut with "…"), at most 25 fields (the extra
 * ones summarized in the last), no empty field, and the whole within 6,000 characters (quotes are
 * shortened first, then the description, then fields are dropped).
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.title !== undefined) e.title = cutMarkdown(e.title, LIMITS.embedTitle);
  if (e.description !== undefined) {
    e.description = cutMarkdown(e.description, LIMITS.embedDescription);
    if (e.description.trim() === '') delete e.description;
  }
  if (e.footer) e.footer = { ...e.footer, text: cut(e.footer.text, LIMITS.footer) };
  if (e.author) e.author = { ...e.author, name: cut(e.author.name, LIMITS.authorName) };
  let fields = (e.fields ?? [])
    .map((f) => ({ ...f, name: cutMarkdown(f.name.trim() || '\u200b', LIMITS.fieldName), value: cutMarkdown(f.value.trim() || '\u200b', LIMITS.fieldValue) }));
  if (fields.length > LIMITS.embedFields) {
    const kept = fields.slice(0, LIMITS.embedFields - 1);
    const rest = fields.slice(LIMITS.embedFields - 1);
    kept.push({ name: `${rest.length} more`, value: cutMarkdown(rest.map((f) => f.name).join('\n'), LIMITS.fieldValue), inline: false });
    fields = kept;
  }
  if (embed.fields !== undefined) e.fields = fields;

  let over = embedLength(e) - LIMITS.embedTotal;
  while (over > 0) {
    // The longest squeezable part (a field value or the description) loses what is over, down to its floor.
    let field = -1;
    let fieldLen = 0;
    fields.forEach((f, i) => {
      if (f.value.length > SQUEEZE_FLOOR.field && f.value.length > fieldLen) {
        field = i;
        fieldLen = f.value.length;
      }
    });
    const d = e.description?.length ?? 0;
    const f = fields[field];
    if (f && fieldLen >= d) {
      fields[field] = { ...f, value: cutMarkdown(f.value, Math.max(SQUEEZE_FLOOR.field, f.value.length - over)) };
    } else if (d > SQUEEZE_FLOOR.description) {
      e.description = cutMarkdown(e.description ?? '', Math.max(SQUEEZE_FLOOR.description, d - over));
    } else if (f) {
      fields[field] = { ...f, value: cutMarkdown(f.value, Math.max(SQUEEZE_FLOOR.field, f.value.length - over)) };
    } else if (fields.length > 0) {
      fields.pop();
    } else if (e.description) {
      e.description = cutMarkdown(e.description, Math.max(1, e.description.length - over));
    } else if (e.footer) {
      e.footer = { ...e.footer, text: cut(e.footer.text, Math.max(1, e.footer.text.length - over)) };
    } else if (e.title) {
      e.title = cut(e.title, Math.max(1, e.title.length - over));
    } else {
      break;
    }
    if (embed.fields !== undefined) e.fields = fields;
    over = embedLength(e) - LIMITS.embedTotal;
  }
  return e;
}

/** Several embeds in one message: at most 10, and 6,000 characters in total. */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const out: APIEmbed[] = [];
  let used = 0;
  for (const embed of embeds.slice(0, LIMITS.embedsPerMessage)) {
    const fitted = fitEmbed(embed);
    const len = embedLength(fitted);
    if (used + len > LIMITS.embedTotal) break;
    out.push(fitted);
    used += len;
  }
  return out;
}

export function titleCase(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export function dateOf(iso: string | null | undefined): string | null {
  if (!iso) return null;
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso.slice(0, 40);
}

export function indexBuiltLabel(builtAt: string | null | undefined): string {
  const d = dateOf(builtAt);
  return d ? `Index built ${d}` : '';
}

export function footerText(parts: (string | null | undefined)[]): { text: string } {
  return { text: cut(parts.filter(Boolean).join(' | ') || '\u200b', LIMITS.footer) };
}

/** Autocomplete choices within Discord's limits: at most 25, names and values of 1 to 100 characters. */
export function fitChoices(choices: readonly Choice[]): Choice[] {
  const out: Choice[] = [];
  const seen = new Set<string>();
  for (const c of choices) {
    if (out.length >= LIMITS.choices) break;
    const value = c.value.slice(0, LIMITS.choiceValue);
    if (!value || seen.has(value)) continue;
    seen.add(value);
    const name = cut((c.name.replace(/\s+/g, ' ').trim() || value), LIMITS.choiceName);
    out.push({ name, value });
  }
  return out;
}
