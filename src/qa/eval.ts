/**
 * Evaluation over a golden question set (JSON Lines): accuracy per type, numeric exact match,
 * citation precision, abstention precision and recall, and each failure.
 */
import { z } from 'zod';
import { RegionbotError } from '../errors.js';
import type { LoadedIndex } from '../index/store.js';
import { answerQuestion } from './answer.js';
import { plainLines } from './rich.js';
import type { Answer } from './types.js';

const GoldenSchema = z.object({
  id: z.string(),
  question: z.string(),
  type: z.enum(['numeric', 'compare', 'definition', 'list', 'person', 'unanswerable']),
  expect: z
    .object({
      value: z.number().optional(),
      value2: z.number().optional(),
      kind: z.string().optional(),
      doc: z.string().optional(),
      text: z.string().optional(),
      status: z.enum(['actual', 'target']).optional(),
      year: z.number().nullable().optional(),
      values: z.array(z.number()).optional(),
      docs: z.array(z.string()).optional(),
      contains: z.array(z.string()).optional(),
    })
    .default({}),
  note: z.string().optional(),
});
export type GoldenQuestion = z.infer<typeof GoldenSchema>;

export function parseGolden(text: string, file = 'golden set'): GoldenQuestion[] {
  const out: GoldenQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new RegionbotError('E_USAGE', `${file}:${i + 1} is not valid JSON`);
    }
    const parsed = GoldenSchema.safeParse(json);
    if (!parsed.success) throw new RegionbotError('E_USAGE', `${file}:${i + 1} is not a golden question (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    out.push(parsed.data);
  });
  return out;
}

export interface EvalCase {
  golden: GoldenQuestion;
  answer: Answer | null;
  ok: boolean;
  why: string;
  ms: number;
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  byType: Record<string, { total: number; correct: number; accuracy: number }>;
  numericExactMatch: number;
  citationPrecision: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  answeredUnanswerable: number;
  maxMs: number;
  medianMs: number;
  cases: EvalCase[];
}

const firstLine = (a: Answer) => plainLines(a.lines).split('\n')[0] ?? '';
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function judge(g: GoldenQuestion, a: Answer): { ok: boolean; why: string } {
  const e = g.expect;
  if (g.type === 'unanswerable') return a.answered ? { ok: false, why: `answered an unanswerable question: ${firstLine(a)}` } : { ok: true, why: '' };
  if (!a.answered) return { ok: false, why: `abstained: ${firstLine(a)}` };
  if (g.type === 'numeric') {
    const lead = a.facts[0];
    if (!lead) return { ok: false, why: 'no fact in the answer' };
    if (e.value !== undefined && !near(lead.value, e.value)) return { ok: false, why: `value ${lead.value} (${lead.text}, ${lead.doc}) instead of ${e.value}` };
    if (e.doc && a.citations[0]?.doc !== e.doc) return { ok: false, why: `cited ${a.citations[0]?.doc} instead of ${e.doc}` };
    if (e.text && !a.citations[0]?.snippet.includes(e.text)) return { ok: false, why: `cited sentence lacks "${e.text}"` };
    if (e.status && lead.status !== e.status) return { ok: false, why: `status ${lead.status} instead of ${e.status}` };
    return { ok: true, why: '' };
  }
  if (g.type === 'compare') {
    const values = a.facts.map((f) => f.value);
    for (const v of e.values ?? []) if (!values.some((x) => near(x, v))) return { ok: false, why: `compared ${values.join(', ')}; expected ${e.values?.join(', ')}` };
    const docs = a.citations.map((c) => c.doc);
    for (const d of e.docs ?? []) if (!docs.includes(d)) return { ok: false, why: `did not cite ${d}` };
    return { ok: true, why: '' };
  }
  if (e.doc && !a.citations.some((c) => c.doc === e.doc)) return { ok: false, why: `cited ${a.citations.map((c) => c.doc).join(', ')} instead of ${e.doc}` };
  const text = `${plainLines(a.lines)}\n${a.citations.map((c) => c.snippet).join('\n')}`.toLowerCase();
  for (const c of e.contains ?? []) if (!text.includes(c.toLowerCase())) return { ok: false, why: `answer lacks "${c}"` };
  return { ok: true, why: '' };
}

export function evaluate(index: LoadedIndex, golden: GoldenQuestion[]): EvalReport {
  const cases: EvalCase[] = golden.map((g) => {
    const t0 = performance.now();
    let answer: Answer | null = null;
    let verdict: { ok: boolean; why: string };
    try {
      answer = answerQuestion(index, g.question);
      verdict = judge(g, answer);
    } catch (err) {
      verdict = { ok: false, why: `error: ${(err as Error).message}` };
    }
    return { golden: g, answer, ...verdict, ms: performance.now() - t0 };
  });
  const byType: EvalReport['byType'] = {};
  for (const c of cases) {
    const t = (byType[c.golden.type] ??= { total: 0, correct: 0, accuracy: 0 });
    t.total++;
    if (c.ok) t.correct++;
  }
  for (const t of Object.values(byType)) t.accuracy = t.total ? t.correct / t.total : 0;
  const numeric = cases.filter((c) => c.golden.type === 'numeric');
  const answeredNumeric = cases.filter((c) => c.answer?.answered && c.answer.facts.length > 0 && (c.golden.type === 'numeric' || c.golden.type === 'compare'));
  const abstained = cases.filter((c) => c.answer && !c.answer.answered);
  const unanswerable = cases.filter((c) => c.golden.type === 'unanswerable');
  const ms = cases.map((c) => c.ms).sort((a, b) => a - b);
  const correct = cases.filter((c) => c.ok).length;
  return {
    total: cases.length,
    correct,
    accuracy: cases.length ? correct / cases.length : 0,
    byType,
    numericExactMatch: numeric.length ? numeric.filter((c) => c.ok).length / numeric.length : 1,
    citationPrecision: answeredNumeric.length
      ? answeredNumeric.filter((c) => c.answer!.facts.every((f, i) => c.answer!.citations[i]?.snippet.includes(f.text) ?? true)).length / answeredNumeric.length
      : 1,
    abstentionPrecision: abstained.length ? abstained.filter((c) => c.golden.type === 'unanswerable').length / abstained.length : 1,
    abstentionRecall: unanswerable.length ? unanswerable.filter((c) => c.answer && !c.answer.answered).length / unanswerable.length : 1,
    answeredUnanswerable: unanswerable.filter((c) => c.answer?.answered).length,
    maxMs: ms[ms.length - 1] ?? 0,
    medianMs: ms[Math.floor(ms.length / 2)] ?? 0,
    cases,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatReport(r: EvalReport): string {
  const lines = [
    `overall: ${r.correct}/${r.total} (${pct(r.accuracy)})`,
    ...Object.entries(r.byType).map(([t, s]) => `  ${t.padEnd(13)} ${s.correct}/${s.total} (${pct(s.accuracy)})`),
    `numeric exact match: ${pct(r.numericExactMatch)}`,
    `citation precision: ${pct(r.citationPrecision)}`,
    `abstention precision: ${pct(r.abstentionPrecision)}, recall: ${pct(r.abstentionRecall)} (unanswerable answered: ${r.answeredUnanswerable})`,
    `time per question: median ${r.medianMs.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms`,
  ];
  const failures = r.cases.filter((c) => !c.ok);
  if (failures.length) {
    lines.push(`failures (${failures.length}):`);
    for (const f of failures) lines.push(`  ${f.golden.id} [${f.golden.type}] ${f.golden.question}\n      ${f.why}`);
  }
  return lines.join('\n');
}
