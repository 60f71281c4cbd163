/**
 * Fuzz: questions about places the corpus does not hold (world cities, countries, regions, fictional
 * places) must be declined, never answered with another place's number. 1,000 questions are drawn
 * deterministically (a seeded LCG) from templates x places in varied casing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { loadIndex, type LoadedIndex } from '../../src/index/store.js';
import { answerQuestion } from '../../src/qa/answer.js';

const PLACES = [
  'Tokyo', 'Paris', 'Berlin', 'Lagos', 'Lima', 'Oslo', 'Nairobi', 'Texas', 'Ontario', 'Bavaria',
  'Atlantis', 'Mars', 'Springfield', 'Gotham', 'Madrid', 'Cairo', 'Toronto', 'Bogota', 'Helsinki', 'Dublin',
  'Lisbon', 'Vienna', 'Warsaw', 'Prague', 'Munich', 'Zurich', 'Chicago', 'Denver', 'Sydney', 'Auckland',
  'Santiago', 'Quito', 'Accra', 'Kenya', 'Brazil', 'Norway', 'Portugal', 'Argentina', 'Narnia', 'Wakanda',
];

/** {P}: the place as cased by the casing rule; {p}: lowercase. */
const TEMPLATES: { text: string; compare?: boolean }[] = [
  { text: 'how many high-tech enterprises does {P} have' },
  { text: '{p} r&d intensity' },
  { text: "what was {P}'s r&d investment in 2021" },
  { text: '{P} tech contract turnover 2022' },
  { text: 'where does {P} rank in regional innovation capability' },
  { text: 'compare high-tech enterprises in {P} and Jilin', compare: true },
  { text: 'how much did {P} spend on research and development in 2020?' },
  { text: "what is {P}'s share of R&D spending in GDP" },
  { text: 'number of patents in {p} in 2019' },
  { text: 'how many incubators are there in {P}' },
  { text: "{P}'s technology contract turnover" },
  { text: 'which has more high-tech enterprises, {P} or Wuhan?', compare: true },
];

const CASINGS: ((s: string) => string)[] = [(s) => s, (s) => s.toLowerCase(), (s) => s.toUpperCase(), (s) => s[0]!.toLowerCase() + s.slice(1)];

/** Numerical Recipes LCG: the same seed, the same questions. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function generate(n: number, seed: number): { question: string; place: string; compare: boolean }[] {
  const next = lcg(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const out: { question: string; place: string; compare: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    const t = pick(TEMPLATES);
    const place = pick(PLACES);
    const cased = pick(CASINGS)(place);
    out.push({ question: t.text.replaceAll('{P}', cased).replaceAll('{p}', place.toLowerCase()), place, compare: t.compare === true });
  }
  return out;
}

const QUESTIONS = generate(1000, 20240611);

let work: string;
let index: LoadedIndex;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'regionbot-unknown-places-'));
  await buildIndex(new URL('../../corpus', import.meta.url).pathname, join(work, 'index'));
  index = await loadIndex(join(work, 'index'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('questions about places the corpus does not hold', () => {
  it('the generator is deterministic and covers every template and place', () => {
    expect(QUESTIONS).toHaveLength(1000);
    expect(generate(1000, 20240611)).toEqual(QUESTIONS);
    expect(generate(1000, 7)).not.toEqual(QUESTIONS);
    for (const p of PLACES) expect(QUESTIONS.some((q) => q.place === p)).toBe(true);
    for (const t of TEMPLATES) {
      const head = t.text.split('{')[0]!;
      expect(QUESTIONS.some((q) => q.question.toLowerCase().startsWith(head.toLowerCase()))).toBe(true);
    }
  });

  it('are never answered (1,000 generated questions)', () => {
    const answered: string[] = [];
    for (const { question } of QUESTIONS) {
      const a = answerQuestion(index, question);
      if (a.answered !== false) answered.push(`${question} -> ${a.facts[0]?.text ?? a.citations[0]?.snippet ?? a.intent} (${a.citations[0]?.doc ?? 'no citation'})`);
    }
    if (answered.length > 0) console.log(`answered ${answered.length} of ${QUESTIONS.length}:\n${[...new Set(answered)].join('\n')}`);
    expect(answered).toEqual([]);
  }, 120_000);
});
