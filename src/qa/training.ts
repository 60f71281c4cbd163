/**
 * Training data for the reader: question sets with gold answers, each indexed (in memory) beside the
 * bundled corpus, every candidate the reader would see turned into a labelled feature vector.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCorpus, type CorpusFile } from '../corpus/load.js';
import { buildIndexData } from '../index/build.js';
import { indexFromData, type LoadedIndex } from '../index/layout.js';
import type { Fact } from '../index/types.js';
import { FEATURE_NAMES, eligible, featurize } from './evidence.js';
import { accuracyAt, chooseThreshold, fitListwise, fitLogistic, type Example } from './fit.js';
import { readerApplies } from './policy.js';
import { VERIFIER_FEATURES, candidatesFor, requestOf, valueKey, verifierInputs, verify, type Model } from './reader.js';
import { vocabularyOf } from './vocabulary.js';
import { routeQuestion } from './router.js';
import { headline } from './templates.js';

/** A gold answer: a value shown as one of these strings (dev sets) or equal to this number (golden). */
export interface Gold {
  doc: string | null;
  any?: string[];
  value?: number;
}

export interface TrainingQuestion {
  id: string;
  question: string;
  /** null: unanswerable, or answered in words. */
  gold: Gold | null;
  candidates: { x: number[]; y: 0 | 1; value: string; fact?: Fact }[];
}

export interface TrainingSet {
  name: string;
  questions: TrainingQuestion[];
}

const norm = (s: string) => s.toLowerCase().replace(/[*_~`>|]/g, '').replace(/[\u00a0\u2009\u202f]/g, ' ').replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The scorer's number-aware match: "5.49" is not in "15.49" or "5.495". */
export function shows(text: string, want: string): boolean {
  const w = norm(want).trim();
  let re = esc(w);
  if (/^\d/.test(w)) re = `(?<![\\d.,])${re}`;
  if (/\d$/.test(w)) re = `${re}(?![\\d]|[.,]\\d)`;
  if (/^[a-z]/.test(w)) re = `\\b${re}`;
  return new RegExp(re).test(norm(text));
}

/** Is this fact the gold answer? */
export function isGold(f: Fact, gold: Gold): boolean {
  if (gold.doc !== null && f.doc !== gold.doc) return false;
  if (gold.any) return gold.any.some((w) => shows(headline(f), w));
  if (gold.value !== undefined) return Math.abs(f.value - gold.value) <= 1e-9 * Math.max(1, Math.abs(gold.value));
  return false;
}

function loaded(files: CorpusFile[]): LoadedIndex {
  const data = buildIndexData(files, [], 'training');
  return indexFromData(data, 'training');
}

/** Turn questions into labelled candidates over one index. */
export function labelQuestions(index: LoadedIndex, questions: { id: string; question: string; gold: Gold | null }[]): TrainingQuestion[] {
  const vocab = vocabularyOf(index);
  const out: TrainingQuestion[] = [];
  for (const item of questions) {
    const q = routeQuestion(item.question, vocab);
    if (!readerApplies(q)) continue;
    const req = requestOf(q);
    const cands = candidatesFor(index, q, req);
    const xs = featurize(req, cands);
    const candidates = cands
      .map((c, i) => ({ x: xs[i]!, y: (item.gold !== null && isGold(c.fact, item.gold) ? 1 : 0) as 0 | 1, value: valueKey(c), fact: c.fact }))
      .filter((c) => eligible(c.x));
    out.push({ id: item.id, question: item.question, gold: item.gold, candidates });
  }
  return out;
}

async function corpusFiles(...dirs: string[]): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  for (const d of dirs) out.push(...(await readCorpus(d)).files);
  return out;
}

interface GoldenLine {
  id: string;
  question: string;
  type: string;
  expect?: { value?: number; doc?: string };
}
interface DevLine {
  id: string;
  question: string;
  type: string;
  doc: string;
  answer_any: string[];
}

function goldenQuestions(text: string): { id: string; question: string; gold: Gold | null }[] {
  const out: { id: string; question: string; gold: Gold | null }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line) as GoldenLine;
    if (g.type === 'compare') continue;
    const gold = g.type === 'numeric' && g.expect?.value !== undefined ? { doc: g.expect.doc ?? null, value: g.expect.value } : null;
    out.push({ id: g.id, question: g.question, gold });
  }
  return out;
}

function devQuestions(text: string): { id: string; question: string; gold: Gold | null }[] {
  return (JSON.parse(text) as DevLine[]).map((d) => ({ id: d.id, question: d.question, gold: d.type === 'numeric' ? { doc: d.doc, any: d.answer_any } : null }));
}

/** The training sets: golden (bundled corpus), extra golden (+ its fixture corpus), and the dev sets when `shared` is given. */
export async function loadTrainingSets(root: string, shared: string | null): Promise<TrainingSet[]> {
  const corpus = join(root, 'corpus');
  const fixtures = join(root, 'tests', 'fixtures');
  const sets: TrainingSet[] = [];
  const base = await corpusFiles(corpus);
  sets.push({ name: 'golden', questions: labelQuestions(loaded(base), goldenQuestions(await readFile(join(fixtures, 'golden.jsonl'), 'utf8'))) });
  const extra = await corpusFiles(corpus, join(fixtures, 'extra-corpus'));
  sets.push({ name: 'extra-golden', questions: labelQuestions(loaded(extra), goldenQuestions(await readFile(join(fixtures, 'extra-golden.jsonl'), 'utf8'))) });
  if (shared) {
    for (const name of ['real', 'synthetic']) {
      const dir = join(shared, 'dev', name);
      const names = await readdir(dir).catch(() => [] as string[]);
      if (!names.includes('questions.json')) continue;
      const files = await corpusFiles(corpus, dir);
      sets.push({ name: `dev-${name}`, questions: labelQuestions(loaded(files), devQuestions(await readFile(join(dir, 'questions.json'), 'utf8'))) });
    }
  }
  return sets;
}

/** Each question's best candidate (by the ranker) with the verifier's probability. */
function outcomes(set: TrainingSet, model: Model) {
  return set.questions.map((q) => {
    if (q.candidates.length === 0) return { p: 0, correct: false, answerable: q.gold !== null };
    const vs = verifierInputs(q.candidates.map((c) => c.x), q.candidates.map((c) => c.value), model.ranker);
    let best = 0;
    let top = -Infinity;
    q.candidates.forEach((c, i) => {
      const z = c.x.reduce((acc, xi, k) => acc + xi * (model.ranker[k] ?? 0), 0);
      if (z > top) {
        top = z;
        best = i;
      }
    });
    return { p: verify(vs[best]!, model), correct: q.candidates[best]!.y === 1, answerable: q.gold !== null };
  });
}

/** Fit the ranker (listwise), then the verifier (pointwise, on the ranker's view), then the threshold. */
export function trainModel(sets: readonly TrainingSet[]): Model {
  const questions = sets.flatMap((s) => s.questions);
  const ranker = fitListwise(questions.map((q) => ({ xs: q.candidates.map((c) => c.x), ys: q.candidates.map((c) => c.y) })), FEATURE_NAMES.length);
  const examples: Example[] = questions.flatMap((q) => {
    if (q.candidates.length === 0) return [];
    const vs = verifierInputs(q.candidates.map((c) => c.x), q.candidates.map((c) => c.value), ranker);
    return q.candidates.map((c, i) => ({ x: vs[i]!, y: c.y }));
  });
  const verifier = fitLogistic(examples, VERIFIER_FEATURES.length);
  const model: Model = { features: [...FEATURE_NAMES], ranker, verifier, threshold: 0.5 };
  model.threshold = chooseThreshold(sets.flatMap((s) => outcomes(s, model)));
  return model;
}

/** One line per set: how the reader alone does on its questions (strict, answer vs abstain at the threshold). */
export function evaluateSets(sets: readonly TrainingSet[], model: Model): string[] {
  return sets.map((s) => {
    const r = accuracyAt(outcomes(s, model), model.threshold);
    const n = s.questions.length;
    return `${s.name}: ${r.correct}/${n} = ${((100 * r.correct) / Math.max(1, n)).toFixed(1)}% (wrong ${r.wrong}, declined ${r.declined})`;
  });
}
