/**
 * Platform-neutral rich text for answers: lines of spans (plain text, strong text, a citation
 * reference). The reader returns data; the terminal, the JSON output and Discord each render it
 * (src/present/, src/discord/). No Markdown here.
 */

export type Span = { text: string; strong?: boolean } | { ref: number };

export interface RichLine {
  spans: Span[];
  /** A list item, or a quoted passage. */
  style?: 'bullet' | 'quote';
}

export const text = (t: string): Span => ({ text: t });
export const strong = (t: string): Span => ({ text: t, strong: true });
export const ref = (n: number): Span => ({ ref: n });

export function line(...spans: Span[]): RichLine {
  return { spans };
}
export function bullet(...spans: Span[]): RichLine {
  return { spans, style: 'bullet' };
}
export function quote(...spans: Span[]): RichLine {
  return { spans, style: 'quote' };
}

/** Plain text of spans: "[n]" for references. */
export function plainSpans(spans: readonly Span[]): string {
  return spans.map((s) => ('ref' in s ? `[${s.ref}]` : s.text)).join('');
}

/** Plain text of lines, one per line ("- " before a list item, "> " before a quote). */
export function plainLines(lines: readonly RichLine[]): string {
  return lines.map((l) => `${l.style === 'bullet' ? '- ' : l.style === 'quote' ? '> ' : ''}${plainSpans(l.spans)}`).join('\n');
}
