/**
 * Answers as Markdown: the CLI's JSON output and Discord both show Markdown. Rendering of the reader's
 * platform-neutral answer (src/qa/rich.ts); text from articles and people is escaped here.
 */
import type { RichLine, Span } from '../qa/rich.js';
import type { Answer, Citation } from '../qa/types.js';

/** Escape Markdown in text that came from a person or an article. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_~|>#[\]()])/g, '\\$1').replace(/@(everyone|here)/g, '@\u200b$1');
}

/** The snippet with its bold ranges in Markdown. */
export function boldSnippet(c: Pick<Citation, 'snippet' | 'bold'>): string {
  const ranges = [...c.bold].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at || e <= s) continue;
    out += c.snippet.slice(at, s).replace(/\*/g, '\\*') + `**${c.snippet.slice(s, e).replace(/\*/g, '\\*')}**`;
    at = e;
  }
  return out + c.snippet.slice(at).replace(/\*/g, '\\*');
}

export function citationLine(c: Citation): string {
  const meta = [c.source, c.date].filter(Boolean).join(', ');
  return `[${c.n}] *${c.title}*${meta ? `, ${meta}` : ''} (${c.doc}): "${boldSnippet(c)}"`;
}

function span(s: Span): string {
  if ('ref' in s) return `[${s.ref}]`;
  const t = s.text.replace(/\*/g, '\\*').replace(/@(everyone|here)/g, '@\u200b$1');
  return s.strong ? `**${t}**` : t;
}

/** Rich lines as Markdown ("- " list items, "> " quotes, strong as bold). */
export function linesMarkdown(lines: readonly RichLine[]): string {
  return lines.map((l) => `${l.style === 'bullet' ? '- ' : l.style === 'quote' ? '> ' : ''}${l.spans.map(span).join('')}`).join('\n');
}

export interface MarkdownOptions {
  /** How this platform tells a person to see what the corpus holds (added to abstentions that suggest it). */
  coverageHint?: string;
}

/** The answer's body: its lines, and the coverage hint where the answer suggests it. */
export function bodyMarkdown(answer: Answer, options: MarkdownOptions = {}): string {
  const body = linesMarkdown(answer.lines);
  return answer.abstention?.suggestCoverage && options.coverageHint ? `${body}\n${options.coverageHint}` : body;
}

/** The full answer: body, then the numbered citations. */
export function answerMarkdown(answer: Answer, options: MarkdownOptions = {}): string {
  const body = bodyMarkdown(answer, options);
  if (answer.citations.length === 0) return body;
  return `${body}\n\n${answer.citations.map(citationLine).join('\n')}`;
}
