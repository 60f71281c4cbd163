/** Rendering of answers as Markdown (CLI, JSON) and as plain terminal text. Pure. */
import type { Answer, Citation } from './types.js';

/** Escape Markdown in text that came from a person (a question echoed back). */
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

/** The full Markdown answer: body, then the numbered citations. */
export function renderMarkdown(body: string, citations: Citation[]): string {
  if (citations.length === 0) return body;
  return `${body}\n\n${citations.map(citationLine).join('\n')}`;
}

/** Terminal rendering: bold as ANSI bold when colour is on, else plain. */
export function renderTerminal(answer: Answer, color: boolean): string {
  const md = answer.answer;
  if (!color) return md.replace(/\*\*(.+?)\*\*/g, '$1').replace(/(?<![\\*])\*([^*]+)\*(?!\*)/g, '$1').replace(/\\([*_`~|>#[\]()\\])/g, '$1');
  return md
    .replace(/\*\*(.+?)\*\*/g, '\x1b[1m$1\x1b[22m')
    .replace(/(?<![\\*])\*([^*]+)\*(?!\*)/g, '\x1b[3m$1\x1b[23m')
    .replace(/\\([*_`~|>#[\]()\\])/g, '$1');
}
