/** Answers in a terminal: plain text, the value and the quoted number in bold when colour is on. */
import type { RichLine, Span } from '../qa/rich.js';
import type { Answer, Citation } from '../qa/types.js';

const BOLD = (on: boolean, t: string) => (on ? `\x1b[1m${t}\x1b[22m` : t);
const ITALIC = (on: boolean, t: string) => (on ? `\x1b[3m${t}\x1b[23m` : t);

function span(s: Span, color: boolean): string {
  if ('ref' in s) return `[${s.ref}]`;
  return s.strong ? BOLD(color, s.text) : s.text;
}

export function linesTerminal(lines: readonly RichLine[], color: boolean): string {
  return lines.map((l) => `${l.style === 'bullet' ? '- ' : l.style === 'quote' ? '> ' : ''}${l.spans.map((s) => span(s, color)).join('')}`).join('\n');
}

function snippet(c: Citation, color: boolean): string {
  let out = '';
  let at = 0;
  for (const [s, e] of [...c.bold].sort((a, b) => a[0] - b[0])) {
    if (s < at || e <= s) continue;
    out += c.snippet.slice(at, s) + BOLD(color, c.snippet.slice(s, e));
    at = e;
  }
  return out + c.snippet.slice(at);
}

/** The whole answer for a terminal (`coverageHint` is added where the answer suggests it). */
export function answerTerminal(answer: Answer, color: boolean, coverageHint = 'Run `regionbot coverage` to see which regions, metrics and years the corpus holds.'): string {
  let out = linesTerminal(answer.lines, color);
  if (answer.abstention?.suggestCoverage) out += `\n${coverageHint}`;
  if (answer.citations.length > 0) {
    out += `\n\n${answer.citations
      .map((c) => `[${c.n}] ${ITALIC(color, c.title)}${[c.source, c.date].filter(Boolean).length ? `, ${[c.source, c.date].filter(Boolean).join(', ')}` : ''} (${c.doc}): "${snippet(c, color)}"`)
      .join('\n')}`;
  }
  return out;
}
