/**
 * The benchmark's questions: templates over the regions and years of the generated corpus, covering
 * counts, money, percentages, ranks, comparisons, text questions, unknown places and typos.
 * Deterministic for a seed.
 */
import { gazetteer } from '../../src/corpus/gazetteer.js';
import { pick, rng } from './stats.js';

export type QuestionKind = 'count' | 'money' | 'percent' | 'rank' | 'comparison' | 'text' | 'unknown-place' | 'typo';

export interface BenchQuestion {
  kind: QuestionKind;
  question: string;
}

/** {r}, {r2}: region names; {y}: a year; {x}: an unknown place. */
const TEMPLATES: Record<QuestionKind, string[]> = {
  count: [
    'how many high-tech enterprises does {r} have',
    'how many hi-tech firms did {r} have in {y}',
    'number of national key laboratories in {r}',
    'how many invention patents were granted in {r} in {y}',
    'how many sci-tech SMEs are there in {r}',
    'how many little giant enterprises does {r} have',
    'how many startup incubators did {r} have at the end of {y}',
    'how many high tech companies r there in {r}',
  ],
  money: [
    "What was {r}'s R&D investment in {y}?",
    'how much did {r} spend on r&d in {y}',
    '{r} technology contract turnover in {y}?',
    'what is the output value of high-tech industries in {r}',
    "what was {r}'s GDP in {y}",
    'how much did {r} invest in research and development',
  ],
  percent: [
    'what is the r&d intensity of {r}',
    '{r} r&d intensity in {y}?',
    'what is the contribution rate of scientific and technological progress in {r}',
    'by how much did r&d investment in {r} grow in {y}',
    "what share of {r}'s GDP goes to R&D",
  ],
  rank: [
    'where does {r} rank in regional innovation capability',
    'how many places did {r} move up',
    "what was {r}'s ranking in the regional innovation report in {y}",
    'wheres {r} rank nationally on r&d spending',
  ],
  comparison: [
    'compare high-tech enterprises in {r} and {r2}',
    'who spent more on r&d in {y}, {r} or {r2}?',
    '{r} vs {r2}, who has the higher r&d intensity',
    'which has more invention patents, {r} or {r2}',
  ],
  text: [
    'what are the emerging industries in {r}',
    'what industries is {r} prioritising',
    'what has {r} done to attract talent',
    'what measures did {r} take to support sci-tech innovation',
    'tell me about innovation platforms in {r}',
    'what future industries is {r} betting on',
  ],
  'unknown-place': [
    "what is {x}'s gdp",
    'how many high-tech enterprises does {x} have',
    'r&d investment of {x} in {y}',
  ],
  typo: [
    'how many hi-tech enterprizes does {t} have',
    '{t} r&d intesity',
    'how much did {t} spend on reserch in {y}',
    'tech contract turnover in {t}?',
  ],
};

const UNKNOWN_PLACES = ['Atlantis', 'Gotham', 'Narnia', 'Springfield', 'Wakanda', 'Zootopia'];

/** A plausible misspelling: one letter dropped, doubled or two neighbours swapped (seeded). */
export function misspell(name: string, rand: () => number): string {
  const w = name.toLowerCase();
  if (w.length < 5) return w + w[w.length - 1];
  const at = 1 + Math.floor(rand() * (w.length - 2));
  const how = Math.floor(rand() * 3);
  if (how === 0) return w.slice(0, at) + w.slice(at + 1);
  if (how === 1) return w.slice(0, at) + w[at] + w.slice(at);
  return w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
}

/**
 * `perKind` questions of each kind over `regions` (ids, the most written-about first) and `years`.
 * Each question is distinct.
 */
export function benchQuestions(regionIds: readonly string[], years: readonly number[], perKind = 8, seed = 7): BenchQuestion[] {
  const rand = rng(seed);
  const g = gazetteer();
  const names = regionIds.map((id) => g.name(id)).filter((n) => /^[A-Za-z][A-Za-z' -]+$/.test(n));
  // Ask mostly about well-covered regions, sometimes about any.
  const head = names.slice(0, Math.max(5, Math.ceil(names.length / 5)));
  const region = (): string => (rand() < 0.7 ? pick(rand, head) : pick(rand, names));
  const ys = years.length > 0 ? years : [2020];
  const out: BenchQuestion[] = [];
  const seen = new Set<string>();
  for (const kind of Object.keys(TEMPLATES) as QuestionKind[]) {
    const templates = TEMPLATES[kind];
    for (let k = 0, tries = 0; k < perKind && tries < perKind * 20; tries++) {
      const t = templates[(k + tries) % templates.length]!;
      const r = region();
      let r2 = region();
      while (r2 === r && names.length > 1) r2 = pick(rand, names);
      const q = t
        .replace('{r}', r)
        .replace('{r2}', r2)
        .replace('{y}', String(pick(rand, ys)))
        .replace('{x}', pick(rand, UNKNOWN_PLACES))
        .replace('{t}', misspell(r, rand));
      if (seen.has(q)) continue;
      seen.add(q);
      out.push({ kind, question: q });
      k++;
    }
  }
  return out;
}
