/**
 * Comparisons: "compare high-tech enterprises in Jilin and Jiangyin", "how did Jilin's number of
 * high-tech enterprises change from 2018 to 2021". Both facts are cited and the arithmetic is shown.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { LoadedIndex } from '../index/store.js';
import type { Fact } from '../index/types.js';
import { factCitationFor } from './cite.js';
import { renderMarkdown } from './render.js';
import { headline, statedValue } from './templates.js';
import type { Answer, ParsedQuestion } from './types.js';

function fmt(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toLocaleString('en-US', { maximumFractionDigits: 2 })} billion`;
  if (abs >= 1e6) return `${(n / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} million`;
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function label(f: Fact): string {
  return `${gazetteer().name(f.region)}${f.year !== null ? ` ${f.year}` : ''}${f.status === 'target' ? ' (target)' : ''}`;
}

/** The arithmetic between two values of one kind: "2,705 − 524 = 2,181 (5.16 times)". */
export function arithmetic(a: Fact, b: Fact): string {
  if (a.kind === 'percent') {
    const d = b.value - a.value;
    return `${fmt(b.value)}% − ${fmt(a.value)}% = ${d >= 0 ? '+' : ''}${fmt(d)} percentage points`;
  }
  const d = b.value - a.value;
  let s = `${fmt(b.value)} − ${fmt(a.value)} = ${d >= 0 ? '+' : '−'}${fmt(Math.abs(d))}`;
  if (a.value !== 0) {
    const pct = (d / a.value) * 100;
    s += ` (${pct >= 0 ? '+' : ''}${fmt(Math.round(pct * 10) / 10)}%; ${fmt(Math.round((b.value / a.value) * 100) / 100)} times)`;
  }
  return s;
}

/** Split "X or Y", "X vs Y", "X compared to Y", "X with its Y", "X and Y" into its two sides. */
export function splitSides(text: string): [string, string] | null {
  const t = text.replace(/[?!.]+$/, '');
  for (const sep of [/\s+(?:vs\.?|versus)\s+/i, /\s+compared (?:to|with)\s+/i, /\s+or\s+/i, /\s+with its\s+/i, /\s+and\s+(?!medium|development|technology|technological|micro)/i]) {
    const m = sep.exec(t);
    if (m && m.index > 0) return [t.slice(0, m.index), t.slice(m.index + m[0].length)];
  }
  return null;
}

/** Answer a comparison from two cited facts, or null when the question does not name two sides. */
export function compareAnswer(
  index: LoadedIndex,
  q: ParsedQuestion,
  question: string,
  route: (text: string) => ParsedQuestion,
  pick: (side: ParsedQuestion) => Fact | null,
): Answer | null {
  const sides: ParsedQuestion[] = [];
  const split = splitSides(q.text);
  if (q.year !== null && q.yearTo !== null && q.year !== q.yearTo && q.regions.length < 2) {
    for (const y of [q.year, q.yearTo]) sides.push({ ...q, year: y, yearTo: null, intent: 'numeric' });
  } else if (split) {
    const [left, right] = split.map((part) => route(part)) as [ParsedQuestion, ParsedQuestion];
    // A side that leaves something unsaid takes it from the other side or the whole question.
    const fill = (side: ParsedQuestion, other: ParsedQuestion): ParsedQuestion => ({
      ...side,
      intent: 'numeric',
      want: q.want,
      metricTerms: side.metricTerms.length > 0 ? side.metricTerms : other.metricTerms.length > 0 ? other.metricTerms : q.metricTerms,
      regions: side.regions.length > 0 ? side.regions : other.regions.length > 0 ? other.regions : q.regions,
      year: side.year ?? (side.regions.length === 0 ? other.year : null),
      yearTo: null,
      target: side.target ?? (/\bcurrent|now|actual/.test(side.text.toLowerCase()) ? false : null),
      unitTerm: null,
    });
    sides.push(fill(left, right), fill(right, left));
  } else if (q.regions.length >= 2) {
    for (const r of q.regions.slice(0, 2)) sides.push({ ...q, regions: [r], year: null, yearTo: null, intent: 'numeric' });
  } else {
    return null;
  }
  const want = q.want === null || (q.want === 'count' && !/\bhow many\b/.test(q.text.toLowerCase())) ? 'any' : q.want;
  const picks: Fact[] = [];
  for (const side of sides) {
    const best = pick({ ...side, want: want === 'count' && !/\bhow many\b/.test(side.text.toLowerCase()) ? 'count' : want });
    if (!best || picks.some((p) => p.id === best.id)) break;
    picks.push(best);
  }
  const [a, b] = picks;
  const sideNames = sides.map((s) => `${s.metricTerms.join(' ')} ${s.regions[0] ? `for ${gazetteer().name(s.regions[0])}` : ''}${s.year !== null ? ` in ${s.year}` : ''}`.trim());
  if (!a || !b) {
    const missing = sideNames[picks.length] ?? 'one side';
    const body = `I couldn't find ${missing} in the corpus, so I can't compare.\nTry \`/coverage\` to see which regions, metrics and years the corpus holds.`;
    return { question, answered: false, intent: 'compare', body, answer: body, citations: [], parsed: q, facts: [] };
  }
  if (a.kind !== b.kind) {
    const body = `The corpus has ${q.metricTerms.join(' ')} for both, but as different kinds of number (${a.kind} and ${b.kind}), so they cannot be compared directly.`;
    return { question, answered: false, intent: 'compare', body, answer: body, citations: [], parsed: q, facts: [] };
  }
  // Oldest first for a change over time.
  const [first, second] = q.year !== null && q.yearTo !== null && (a.year ?? 0) > (b.year ?? 0) ? [b, a] : [a, b];
  const citations = [factCitationFor(index, first!, 1), factCitationFor(index, second!, 2)];
  const lines = [
    `- ${label(first!)}: ${headline(first!)} (${first!.measure}) [1]`,
    `- ${label(second!)}: ${headline(second!)} (${second!.measure}) [2]`,
    `Difference, ${label(second!)} vs ${label(first!)}: ${arithmetic(first!, second!)}.`,
  ];
  if (first!.status === 'target' || second!.status === 'target') lines.push('Note: a target is a plan, not an achieved figure.');
  if (first!.metric !== second!.metric) lines.push(`Note: the two articles word the metric differently ("${first!.measure}" and "${second!.measure}").`);
  const body = `**${first!.measure}**: ${statedValue(first!)} vs ${statedValue(second!)}\n${lines.join('\n')}`;
  return { question, answered: true, intent: 'compare', body, answer: renderMarkdown(body, citations), citations, parsed: q, facts: [first!, second!] };
}
