/**
 * Comparisons: "compare high-tech enterprises in Jilin and Jiangyin", "how did Jilin's number of
 * high-tech enterprises change from 2018 to 2021". Both facts are cited and the arithmetic is shown.
 */
import { gazetteer } from '../corpus/gazetteer.js';
import type { LoadedIndex } from '../index/store.js';
import type { Fact } from '../index/types.js';
import { factCitationFor } from './cite.js';
import { bullet, line, ref, strong, text, type RichLine } from './rich.js';
import { statedValue, valueView } from './templates.js';
import type { Abstention, Answer, Comparison, ParsedQuestion } from './types.js';

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
    return refusal(question, q, 'cannot-compare', missing, [line(text(`I couldn't find ${missing} in the corpus, so I can't compare.`))]);
  }
  if (a.kind !== b.kind) {
    const subject = q.metricTerms.join(' ');
    return refusal(question, q, 'different-kinds', subject, [
      line(text(`The corpus has ${subject} for both, but as different kinds of number (${a.kind} and ${b.kind}), so they cannot be compared directly.`)),
    ]);
  }
  // Oldest first for a change over time.
  const [first, second] = q.year !== null && q.yearTo !== null && (a.year ?? 0) > (b.year ?? 0) ? [b, a] : [a, b];
  const citations = [factCitationFor(index, first!, 1), factCitationFor(index, second!, 2)];
  const v1 = { ...valueView(first!, 1), label: label(first!) };
  const v2 = { ...valueView(second!, 2), label: label(second!) };
  const notes: string[] = [];
  if (first!.status === 'target' || second!.status === 'target') notes.push('a target is a plan, not an achieved figure.');
  if (first!.metric !== second!.metric) notes.push(`the two articles word the metric differently ("${first!.measure}" and "${second!.measure}").`);
  const comparison: Comparison = { metric: first!.measure, first: v1, second: v2, arithmetic: arithmetic(first!, second!), notes };
  const lines = [
    line(strong(first!.measure), text(`: ${statedValue(first!)} vs ${statedValue(second!)}`)),
    bullet(text(`${v1.label}: `), strong(v1.headline), text(` (${first!.measure}) `), ref(1)),
    bullet(text(`${v2.label}: `), strong(v2.headline), text(` (${second!.measure}) `), ref(2)),
    line(text(`Difference, ${v2.label} vs ${v1.label}: ${comparison.arithmetic}.`)),
    ...notes.map((n) => line(text(`Note: ${n}`))),
  ];
  return {
    question, answered: true, intent: 'compare', kind: 'comparison', lines, lead: null, alternatives: [], comparison, abstention: null,
    citations, parsed: q, facts: [first!, second!],
  };
}

function refusal(question: string, q: ParsedQuestion, reason: Abstention['reason'], subject: string, lines: RichLine[]): Answer {
  return {
    question, answered: false, intent: 'compare', kind: 'abstention', lines, lead: null, alternatives: [], comparison: null,
    abstention: { reason, subject, nearby: [], suggestCoverage: reason === 'cannot-compare' }, citations: [], parsed: q, facts: [],
  };
}
