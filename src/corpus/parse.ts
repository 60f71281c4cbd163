/**
 * Article parsing: a scraped page (plain text or Markdown, optional front matter) to an Article with
 * title, ISO date, source, cleaned body and the regions it mentions. Pure: no file system access.
 */
import { isBoilerplateLine, repairText, stripTrailingCredits } from './clean.js';
import { findDate, parseDate } from './dates.js';
import { renderTables } from './tables.js';
import { TextMentions, gazetteer } from './gazetteer.js';
import type { Article } from './types.js';

interface FrontMatter {
  title?: string;
  date?: string;
  source?: string;
  url?: string;
}

/** Split an optional `---` front-matter block (simple `key: value` lines) from the content. */
export function splitFrontMatter(raw: string): { meta: FrontMatter; content: string } {
  const m = /^---\s*\n([\s\S]*?)\n---\s*(?:\n|$)/.exec(raw);
  if (!m) return { meta: {}, content: raw };
  const meta: FrontMatter = {};
  for (const line of (m[1] ?? '').split('\n')) {
    const kv = /^\s*(title|date|source|url)\s*:\s*(.*?)\s*$/i.exec(line);
    if (!kv) continue;
    const key = kv[1]!.toLowerCase() as keyof FrontMatter;
    const value = kv[2]!.replace(/^["']|["']$/g, '').trim();
    if (value) meta[key] = value;
  }
  return { meta, content: raw.slice(m[0].length) };
}

/** Words that mark a line as a dateline / byline rather than text. */
const DATELINE_WORDS = /\b(?:updated|date|published|posted|source|author|by|time|release[d]?)\b|发布|来源|\|/i;

/** A dateline is a short line holding a date and little prose. */
function isDateline(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 160) return false;
  const d = findDate(t);
  if (!d) return false;
  const rest = (t.slice(0, d.start) + ' ' + t.slice(d.end)).replace(/\d{1,2}:\d{2}(?::\d{2})?/g, ' ');
  const words = rest.match(/[A-Za-z]{3,}/g) ?? [];
  // "0 Comment(s)Print E-mail China.org.cn, June 20, 2017": a site's name beside the date.
  const site = /\b[\w-]+\.(?:cn|com|org|net|gov)\b/i.test(t) && words.length <= 8 && !/[.!?]["”]?\s*$/.test(t);
  return DATELINE_WORDS.test(t) || words.length <= 3 || site;
}

/** The publisher named in a dateline ("Source : CCFAO", "gojilin.gov.cn | Updated: ..."). */
function sourceFromDateline(line: string): string | null {
  const src = /(?:source|来源)\s*[:：]\s*([^|]*?)\s*(?:\||$|(?=\b(?:author|editor|date|updated)\b))/i.exec(line);
  if (src && src[1] && /[A-Za-z\u4e00-\u9fff]{2,}/.test(src[1])) return cleanSource(src[1]);
  const site = /(?:^|\|)\s*((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\.[a-z]{2,})\s*(?:\||$)/i.exec(line) ??
    /^\s*([^|]{2,60}?)\s*\|\s*(?:updated|published|posted|date)\b/i.exec(line);
  if (site && site[1]) return cleanSource(site[1]);
  return null;
}

function cleanSource(s: string): string | null {
  const t = s.replace(/\s+/g, ' ').replace(/[.,;:|]+$/, '').trim();
  return t.length >= 2 && t.length <= 100 ? t : null;
}

/** The publisher named in a footer ("All rights reserved: Jilin Provincial Investment Promotion Website"). */
function sourceFromFooter(lines: string[]): string | null {
  for (const line of lines) {
    const m = /all rights reserved\s*[:：]?\s*(.+?)(?:\s{2,}|\s+privacy|\s+record|$)/i.exec(line) ??
      /(?:copyright|©)\s*(?:\(c\)\s*)?(?:\d{4}(?:\s*-\s*\d{4})?)?\s*(.+?)(?:\.|\s{2,}|all rights|$)/i.exec(line);
    if (m && m[1]) {
      const s = cleanSource(m[1]);
      if (s && /[A-Za-z\u4e00-\u9fff]{3,}/.test(s)) return s;
    }
  }
  return null;
}

/** Could this line be a headline? (not boilerplate, not a dateline, a few words, not a long paragraph) */
function looksLikeTitle(line: string): boolean {
  const t = line.trim();
  if (t.length < 8 || t.length > 250 || isBoilerplateLine(t) || isDateline(t)) return false;
  const words = t.split(/\s+/).length;
  return words >= 3 || /[\u4e00-\u9fff]{4,}/.test(t);
}

/** Join the body lines into paragraphs: blank lines separate them, and so does a line that ends a sentence. */
function paragraphsOf(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let current = '';
  for (const line of lines) {
    const t = line.trim();
    if (t === '') {
      if (current) paragraphs.push(current);
      current = '';
      continue;
    }
    current = current ? `${current} ${t}` : t;
    if (/[.!?。！？:”"’)\]]$/.test(t) || t.length > 200) {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}

/** Remove Markdown syntax that is not text. */
function stripMarkdown(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/^\s*[-*+]\s+/, '')
    .replace(/^\s*>\s?/, '');
}

/** "Related News", "Related stories:", "Read more": a block of other pages' headlines follows. */
const RELATED_HEADER = /^\s*(?:related(?:\s+(?:news|articles|stories|reading|links|reports|content))?|more (?:news|stories)|read more|recommended(?: reading| news)?|you may also like|further reading|hot news|latest news)\s*[:：]?\s*$/i;
/** A headline in such a block: a list item, or a short line that is not a sentence of the article. */
const LINK_ITEM = /^\s*(?:[·•▪■*>-]|\d{1,2}[.)]|【)/;

/** The lines without related-news blocks (their headlines are about other places and other days). */
export function withoutRelatedLinks(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!RELATED_HEADER.test(line)) {
      out.push(line);
      continue;
    }
    // Skip the headlines: list items, or short unpunctuated lines, blank lines between them.
    let j = i + 1;
    while (j < lines.length) {
      const t = (lines[j] ?? '').trim();
      if (t === '' || LINK_ITEM.test(t) || (t.length <= 120 && !/[.!?。]["”’]?$/.test(t))) j++;
      else break;
    }
    i = j - 1;
  }
  return out;
}

/** A wire story's opening "KUNMING --", "HAIKOU, March 4 (Xinhua) --": a place and date, not part of the first sentence. */
const AGENCY_OPENER = /^(?:[A-Z][A-Z'’. -]{2,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?|[A-Z][a-z]+(?: [A-Z][a-z]+)?,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*(?:\([A-Za-z .]+\))?\s*(?:--|—|–)\s*/;

/**
 * A photo caption that states a figure keeps its words ("Photo: The seed bank has preserved 11,217
 * species"); the label and credit go. Captions without a number stay boilerplate.
 */
export function captionText(line: string): string | null {
  const t = line.trim();
  // Each form names a photo (checked first: most lines are no caption).
  if (!/photo/i.test(t)) return null;
  const m =
    /^\[?\s*photos?\s*[:：]\s*\]?\s*(.+)$/i.exec(t) ??
    /^(.+?)\s*\[\s*photos?\s*(?:\/|:|by|provided)[^\]]*\]\s*$/i.exec(t) ??
    /^(.+?)\s*\(\s*photos?\s*(?:\/|:|by)[^)]*\)\s*$/i.exec(t);
  const caption = m?.[1]?.trim();
  if (!caption || caption.length < 30 || !/\d/.test(caption)) return null;
  return /[.!?]$/.test(caption) ? caption : `${caption}.`;
}

/** An article with the region mentions of its title and text (for finding those of its parts). */
export interface ParsedArticle {
  article: Article;
  /** Region mentions of the title and the text, joined by a line break. */
  places: TextMentions;
  /** Where the article's text starts in `places.text`. */
  textOffset: number;
}

export function parseArticle(id: string, raw: string): Article {
  return parseArticleWithPlaces(id, raw).article;
}

export function parseArticleWithPlaces(id: string, raw: string): ParsedArticle {
  const { meta, content } = splitFrontMatter(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const markdown = /\.md$/i.test(id);
  const lines = content.split('\n').map((l) => (markdown ? stripMarkdown(l) : l).replace(/\s+$/, ''));

  // The dateline: the first date-bearing short line near the top.
  const head = Math.min(lines.length, 15);
  let datelineAt = -1;
  for (let i = 0; i < head; i++) {
    if (isDateline(lines[i] ?? '')) {
      datelineAt = i;
      break;
    }
  }

  // The title: front matter, else the nearest headline-like line above the dateline, else the first one.
  let title = meta.title ?? '';
  let titleAt = -1;
  if (!title) {
    for (let i = datelineAt - 1; i >= 0; i--) {
      if (looksLikeTitle(lines[i] ?? '')) {
        titleAt = i;
        break;
      }
    }
    if (titleAt < 0) titleAt = lines.findIndex((l, i) => i < head && looksLikeTitle(l) && l.trim().length <= 200);
    title = titleAt >= 0 ? repairText(lines[titleAt] ?? '') : '';
  }

  const dateline = datelineAt >= 0 ? (lines[datelineAt] ?? '') : '';
  const date = (meta.date ? parseDate(meta.date) : null) ?? (dateline ? findDate(dateline)?.iso ?? null : null);
  const source = meta.source ?? (dateline ? sourceFromDateline(dateline) : null) ?? sourceFromFooter(lines.slice(-8));

  // The body: what follows the title and dateline, without boilerplate.
  const bodyFrom = Math.max(datelineAt, titleAt) + 1;
  const bodyLines = renderTables(withoutRelatedLinks(lines.slice(bodyFrom)).map((l) => captionText(l) ?? l).filter((l) => !isBoilerplateLine(l)));
  const paragraphs = paragraphsOf(bodyLines)
    .map((p) => stripTrailingCredits(repairText(p)).replace(AGENCY_OPENER, ''))
    .filter((p) => /[A-Za-z\u4e00-\u9fff]/.test(p) && !isBoilerplateLine(p));
  const text = paragraphs.join('\n\n');
  if (!title) title = (paragraphs[0] ?? id).slice(0, 120);

  // Regions: mentions in title and body (organization names such as "Jilin University" do not count).
  const g = gazetteer();
  const places = new TextMentions(g, `${title}\n${text}`);
  const counts = new Map<string, number>();
  for (const m of places.find(0, places.text.length)) {
    if (!m.org) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  }
  const regions = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
  let titleRegions = [...new Set(places.find(0, title.length).filter((m) => !m.org).map((m) => m.id))];
  // "Jiangyin, Jiangsu": the most specific place wins over its ancestors.
  titleRegions = titleRegions.filter((r) => !titleRegions.some((o) => o !== r && g.ancestors(o).includes(r)));
  const mainRegion =
    titleRegions.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0] ?? regions[0] ?? null;

  const article: Article = { id, title, date, source, url: meta.url ?? null, text, regions, mainRegion };
  return { article, places, textOffset: title.length + 1 };
}
