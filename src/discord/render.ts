/**
 * What the bot shows on Discord, as plain API objects (embeds, button rows, autocomplete choices).
 * Pure: no client, no I/O. Every function here keeps Discord's limits (see limits.ts): a text that is
 * too long is cut at a sentence (else a word) boundary and ends in "…", so a send never fails for
 * length. Text that comes from a person or an article is escaped before it is shown as Markdown.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { gazetteer } from '../corpus/gazetteer.js';
import { isRegionbotError } from '../errors.js';
import type { BuildSummary } from '../index/build.js';
import type { LoadedIndex } from '../index/store.js';
import { coverage, type MetricTable } from '../qa/metrics.js';
import type { Answer, Citation, ParsedQuestion } from '../qa/types.js';
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

// ---------------------------------------------------------------------------------------------
// Escaping and cutting

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

// ---------------------------------------------------------------------------------------------
// Quoted sentences with bold ranges

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

// ---------------------------------------------------------------------------------------------
// Embeds

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

function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  } catch {
    return null;
  }
}

function dateOf(iso: string | null | undefined): string | null {
  if (!iso) return null;
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso.slice(0, 40);
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

export function indexBuiltLabel(builtAt: string | null | undefined): string {
  const d = dateOf(builtAt);
  return d ? `Index built ${d}` : '';
}

/** How the question was read: "Read as: Jilin · r&d investment · 2021". */
export function readAs(parsed: ParsedQuestion, regionName: (id: string) => string = (id) => gazetteer().name(id)): string {
  const region = parsed.regions.length > 0
    ? parsed.regions.map(regionName).join(', ')
    : parsed.unknownPlaces.length > 0
      ? `${parsed.unknownPlaces.map(titleCase).join(', ')} (not a region I know)`
      : 'any region';
  const metric = parsed.metricTerms.length > 0 ? parsed.metricTerms.join(' ') : 'any metric';
  const year = parsed.year === null ? 'any year' : parsed.yearTo !== null && parsed.yearTo !== parsed.year ? `${parsed.year}–${parsed.yearTo}` : String(parsed.year);
  const target = parsed.target === true ? ' · target' : parsed.target === false ? ' · achieved' : '';
  return `Read as: ${region} · ${metric} · ${year}${target}`;
}

function footerText(parts: (string | null | undefined)[]): { text: string } {
  return { text: cut(parts.filter(Boolean).join(' | ') || '\u200b', LIMITS.footer) };
}

export type AnswerKind = 'answer' | 'abstain' | 'help';

export function answerKind(a: Pick<Answer, 'answered' | 'intent'>): AnswerKind {
  if (a.answered) return 'answer';
  return a.intent === 'help' || a.intent === 'greeting' ? 'help' : 'abstain';
}

/**
 * An answer as an embed: title = the question (escaped), description = the body with [n]
 * references, one field per citation (quoted sentence with the number in bold), footer = how the
 * question was read and the index's build date. Abstentions are amber with their own title.
 */
export function renderAnswer(answer: Answer, opts: { builtAt?: string | null } = {}): APIEmbed {
  const kind = answerKind(answer);
  const q = escapeQuestion(answer.question);
  const title = kind === 'answer' ? q : kind === 'abstain' ? `Not in my sources: ${q}` : 'What I can do';
  const shownTitle = cutMarkdown(title || 'Answer', LIMITS.embedTitle);
  const footer = footerText([kind === 'help' ? null : readAs(answer.parsed), indexBuiltLabel(opts.builtAt)]);
  // The body may take what the citations leave (each keeps room for its source line and quote).
  const citations = answer.citations.slice(0, LIMITS.embedFields);
  const fixed = shownTitle.length + footer.text.length + 50;
  const descMax = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - fixed - Math.min(3000, citations.length * 300));
  const description = cutMarkdown(answer.body.trim() || (kind === 'abstain' ? "I couldn't find that in the sources." : '\u200b'), descMax);
  const embed: APIEmbed = {
    title: shownTitle,
    color: kind === 'answer' ? COLORS.answer : kind === 'abstain' ? COLORS.abstain : COLORS.info,
    description,
    fields: citationFields(citations, LIMITS.embedTotal - fixed - description.length),
    footer,
  };
  return fitEmbed(embed);
}

// ---------------------------------------------------------------------------------------------
// /metric

function shortList(items: string[], n: number): string {
  return items.length <= n ? items.join(', ') : `${items.slice(0, n).join(', ')} +${items.length - n} more`;
}

function titleCase(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/**
 * A metric's values as an embed: one line per value ("Jilin · 2021 · **2705** [1]"), a citation
 * field per quoted sentence, and the chart image when one is attached.
 */
export function renderMetricTable(
  table: MetricTable,
  opts: { builtAt?: string | null; region?: string | null; year?: number | null; image?: string | null; urlOf?: (doc: string) => string | null } = {},
): APIEmbed {
  const { metric, rows } = table;
  const filter = [opts.region ? gazetteer().name(gazetteer().resolve(opts.region) ?? opts.region) : null, opts.year ?? null].filter((x) => x !== null).join(', ');
  const title = `${titleCase(escapeText(metric.name, { atLineStart: false }))}${filter ? ` — ${escapeText(String(filter), { atLineStart: false })}` : ''}`;
  const citations = new Map<string, Citation>();
  const lines: string[] = [];
  let shown = 0;
  // Rows take at most ~2,000 characters, so the citations keep room within the 6,000 of a message.
  const rowsRoom = 2000;
  let used = 0;
  for (const row of rows) {
    const key = `${row.doc}|${row.fact.sentenceStart}`;
    let c = citations.get(key);
    if (!c) {
      if (citations.size >= LIMITS.embedFields) break;
      c = { n: citations.size + 1, doc: row.doc, title: row.title, date: row.date, source: row.source, url: opts.urlOf?.(row.doc) ?? null, snippet: row.fact.sentence, bold: [] };
      citations.set(key, c);
    }
    c.bold.push([row.fact.valueStart, row.fact.valueEnd]);
    const tags = [row.status === 'target' ? 'target' : null, row.change === 'change' ? (row.fact.direction === 'down' ? 'decrease' : 'increase') : null].filter(Boolean);
    const line = `${escapeText(row.regionName, { atLineStart: false })} · ${row.year ?? 'year not stated'} · **${escapeText(row.text, { atLineStart: false })}**${tags.length ? ` *(${tags.join(', ')})*` : ''} [${c.n}]`;
    if (used + line.length + 1 > rowsRoom) break;
    lines.push(line);
    used += line.length + 1;
    shown++;
  }
  let description: string;
  if (rows.length === 0) {
    const where = [opts.region ? `for ${escapeText(opts.region, { atLineStart: false })}` : '', opts.year ? `in ${opts.year}` : ''].filter(Boolean).join(' ');
    const regions = metric.regions.map((r) => gazetteer().name(r)).join(', ') || 'none';
    const years = metric.years.join(', ') || 'none';
    description = `No values of **${escapeText(metric.name, { atLineStart: false })}**${where ? ` ${where}` : ''} in the index.\nIt has values for regions: ${escapeText(regions, { atLineStart: false })}; years: ${years}.`;
  } else {
    description = lines.join('\n');
    if (shown < rows.length) description += `\n…and ${rows.length - shown} more values (narrow it down with \`region:\` or \`year:\`).`;
  }
  const footer = footerText([
      `${metric.values} value${metric.values === 1 ? '' : 's'} in the index`,
    metric.regions.length ? `regions: ${shortList(metric.regions.map((r) => gazetteer().name(r)), 8)}` : null,
    metric.years.length ? `years: ${shortList(metric.years.map(String), 12)}` : null,
    indexBuiltLabel(opts.builtAt),
  ]);
  const room = LIMITS.embedTotal - title.length - description.length - footer.text.length - 50;
  const embed: APIEmbed = {
    title,
    color: rows.length > 0 ? COLORS.answer : COLORS.abstain,
    description,
    fields: citationFields([...citations.values()], room),
    footer,
  };
  if (opts.image) embed.image = { url: `attachment://${opts.image}` };
  return fitEmbed(embed);
}

// ---------------------------------------------------------------------------------------------
// /sources

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

// ---------------------------------------------------------------------------------------------
// /coverage

export interface Coverage {
  documents: number;
  /** Oldest and newest article date. */
  dates: [string, string] | null;
  regions: { id: string; name: string; facts: number }[];
  metrics: { key: string; name: string; values: number }[];
  years: { year: number; facts: number }[];
  builtAt: string;
}

/** What the index holds (the QA module's coverage), with the articles' date range and the build date. */
export function coverageOf(index: LoadedIndex): Coverage {
  const cov = coverage(index);
  const dates = index.docs.map((d) => d.date).filter((d): d is string => !!d).sort();
  return {
    documents: cov.documents,
    dates: dates.length ? [dates[0]!, dates[dates.length - 1]!] : null,
    regions: cov.regions.map((r) => ({ id: r.id, name: r.name, facts: r.facts })),
    metrics: [...cov.metrics].map((m) => ({ key: m.key, name: m.name, values: m.values })).sort((a, b) => b.values - a.values || a.name.localeCompare(b.name)),
    years: cov.years,
    builtAt: index.manifest.builtAt,
  };
}

function listField(name: string, items: string[], more: (n: number) => string, max = LIMITS.fieldValue): APIEmbedField {
  if (items.length === 0) return { name, value: 'none', inline: false };
  const out: string[] = [];
  let len = 0;
  for (const [i, item] of items.entries()) {
    const tail = more(items.length - i - 1);
    if (len + item.length + 2 + tail.length + 2 > max) {
      return { name, value: `${out.join(', ')}${out.length ? ', ' : ''}${more(items.length - i)}`, inline: false };
    }
    out.push(item);
    len += item.length + 2;
  }
  return { name, value: out.join(', '), inline: false };
}

export function renderCoverage(cov: Coverage, opts: { metricsShown?: number } = {}): APIEmbed {
  const metricsShown = opts.metricsShown ?? 30;
  const top = cov.metrics.slice(0, metricsShown).map((m) => `${escapeText(m.name, { atLineStart: false })} (${m.values})`);
  const metricsField = listField(`Metrics (${cov.metrics.length})`, top, (n) => `…and ${n + Math.max(0, cov.metrics.length - metricsShown)} more (browse with \`/metric\`)`);
  if (cov.metrics.length > metricsShown && !metricsField.value.includes('more')) {
    metricsField.value += `, …and ${cov.metrics.length - metricsShown} more (browse with \`/metric\`)`;
  }
  const yearsRange = cov.years.length ? `${cov.years[0]!.year}–${cov.years[cov.years.length - 1]!.year}` : '';
  return fitEmbed({
    title: 'What the index covers',
    color: COLORS.info,
    description: `${cov.documents} article${cov.documents === 1 ? '' : 's'}${cov.dates ? `, published ${cov.dates[0]} to ${cov.dates[1]}` : ''}. Ask about these regions, metrics and years; anything else I will say I cannot find.`,
    fields: [
      listField(`Regions with figures (${cov.regions.length})`, cov.regions.map((r) => `${escapeText(r.name, { atLineStart: false })} (${r.facts})`), (n) => `…and ${n} more`),
      listField(`Years${yearsRange ? ` (${yearsRange})` : ''}`, cov.years.map((y) => `${y.year} (${y.facts})`), (n) => `…and ${n} more`),
      metricsField,
    ],
    footer: footerText(['Numbers in brackets: values in the index', indexBuiltLabel(cov.builtAt)]),
  });
}

// ---------------------------------------------------------------------------------------------
// /help, /reindex, small messages

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

export function renderReindex(summary: BuildSummary, opts: { builtAt?: string | null; before?: { documents: number; facts: number } | null } = {}): APIEmbed {
  const delta = (now: number, before: number | undefined): string => (before === undefined || before === now ? `${now}` : `${now} (was ${before})`);
  const fields: APIEmbedField[] = [
    { name: 'Articles', value: delta(summary.documents, opts.before?.documents), inline: true },
    { name: 'Facts', value: delta(summary.facts, opts.before?.facts), inline: true },
    { name: 'Metrics', value: String(summary.metrics), inline: true },
    { name: 'Passages', value: String(summary.chunks), inline: true },
    { name: 'Time', value: `${summary.seconds.toFixed(1)} s`, inline: true },
  ];
  if (summary.skipped.length > 0) {
    fields.push({
      name: `Skipped files (${summary.skipped.length})`,
      value: summary.skipped.slice(0, 15).map((s) => `\`${s.file.replace(/`/g, "'")}\`: ${escapeText(s.reason, { atLineStart: false })}`).join('\n') + (summary.skipped.length > 15 ? `\n…and ${summary.skipped.length - 15} more` : ''),
      inline: false,
    });
  }
  return fitEmbed({
    title: 'Index rebuilt',
    color: COLORS.ok,
    description: 'The new index is live: questions are now answered from it.',
    fields,
    footer: footerText([indexBuiltLabel(opts.builtAt)]),
  });
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

export function cooldownMessage(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return `Please wait ${s} s before asking another question.`;
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
