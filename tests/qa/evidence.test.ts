import { describe, expect, it } from 'vitest';
import { extractFromSentence, type SentenceContext } from '../../src/index/facts.js';
import type { Fact } from '../../src/index/types.js';
import {
  FEATURE_NAMES,
  boundYear,
  clauseSpan,
  eligible,
  features,
  featurize,
  impliedYear,
  respectivelyPlace,
  type Candidate,
  type FeatureName,
  type Request,
} from '../../src/qa/evidence.js';
import { terms } from '../../src/text/terms.js';

// Every sentence below is invented for these tests.

/** [start, end) of the first occurrence of `value` in `sentence` (the test fails loudly if absent). */
function spanOf(sentence: string, value: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = sentence.indexOf(value, at + 1);
  if (at < 0) throw new Error(`"${value}" is not in "${sentence}"`);
  return [at, at + value.length];
}

/** A Fact made by the real extractor, with the index-only fields filled in. */
function factOf(sentence: string, value: string, context: Partial<SentenceContext> = {}): Fact {
  const found = extractFromSentence(sentence, { articleYear: 2023, mainRegion: 'hefei', ...context });
  const f = found.find((x) => x.text.includes(value));
  if (!f) throw new Error(`no fact "${value}" in "${sentence}" (found ${found.map((x) => x.text).join(', ')})`);
  return { ...f, id: 1, doc: 'invented.txt', metric: f.measure, chunk: 0, sentenceStart: 0, sentenceEnd: sentence.length };
}

function request(over: Partial<Request> = {}): Request {
  return { want: 'count', regions: ['hefei'], year: null, baseYear: null, target: null, terms: [], unitTerms: [], qualifiers: new Set(), numbers: [], numeric: true, ...over };
}

function candidate(fact: Fact, over: Partial<Candidate> = {}): Candidate {
  return { fact, docMain: 'hefei', docRegions: ['hefei'], title: 'Hefei science news', docYear: 2023, docMonth: 6, retrieval: 1, ...over };
}

function feature(x: readonly number[], name: FeatureName): number {
  const i = FEATURE_NAMES.indexOf(name);
  expect(i).toBeGreaterThanOrEqual(0);
  return x[i]!;
}

describe('clauseSpan', () => {
  it.each([
    // [sentence, value, the clause it must be, a text the clause must not hold]
    ['Hefei opened 4,100 incubators; Wuhu opened 1,200 incubators.', '1,200', 'Wuhu opened 1,200 incubators', '4,100'],
    ['Hefei opened 4,100 incubators; Wuhu opened 1,200 incubators.', '4,100', 'Hefei opened 4,100 incubators', '1,200'],
    ['Patent filings rose to 8,800 while trademark filings fell to 2,300.', '2,300', 'trademark filings fell to 2,300', '8,800'],
    ['Patent filings rose to 8,800 while trademark filings fell to 2,300.', '8,800', 'Patent filings rose to 8,800', '2,300'],
    ['Patent filings rose to 8,800, and trademark filings fell to 2,300.', '2,300', 'trademark filings fell to 2,300', '8,800'],
    ['Patent filings rose to 8,800, and trademark filings fell to 2,300.', '8,800', 'Patent filings rose to 8,800', '2,300'],
    ['• 47 pilot labs • 215 spin-off firms', '215', '215 spin-off firms', '47'],
    ['• 47 pilot labs • 215 spin-off firms', '47', '47 pilot labs', '215'],
    ['Pilot labs: 47', '47', '47', 'Pilot'],
  ])('%s -> clause of %s', (sentence, value, clause, not) => {
    const [at, end] = spanOf(sentence, value);
    const [cs, ce] = clauseSpan(sentence, at, end);
    expect(cs).toBeLessThanOrEqual(at);
    expect(ce).toBeGreaterThanOrEqual(end);
    const text = sentence.slice(cs, ce);
    expect(text).toContain(value);
    expect(text).not.toContain(not);
    // The clause is the stated one, up to the spaces around the boundary.
    expect(text.trim()).toBe(clause);
  });

  it('a sentence with no boundary is one clause', () => {
    const s = 'Bengbu registered 318 new technology firms last spring.';
    const [at, end] = spanOf(s, '318');
    expect(clauseSpan(s, at, end)).toEqual([0, s.indexOf('.')]);
  });
});

describe('boundYear', () => {
  it.each([
    // [sentence, value, article year, expected year]
    ['The number of maker spaces reached 12,400 in 2022, up from 9,700 in 2019.', '9,700', 2023, 2019],
    ['The number of maker spaces reached 12,400 in 2022, up from 9,700 in 2019.', '12,400', 2023, 2022],
    ['Wuhu counted 6,250 patents in 2021, up from 4,480 in 2018.', '4,480', 2022, 2018],
    ['Wuhu counted 6,250 patents in 2021, up from 4,480 in 2018.', '6,250', 2022, 2021],
    // A base year is where a change is measured from, not the value's own year.
    ['Bengbu spent 51 billion yuan on research, up 40 percent compared with 2017.', '51 billion', 2023, null],
    ['Bengbu spent 51 billion yuan on research, up 40 percent compared with 2017.', '40 percent', 2023, null],
    // "last year" resolves against the article's year.
    ['The tally stood at 5,600 at the end of last year.', '5,600', 2024, 2023],
    ['The tally stood at 5,600 at the end of last year.', '5,600', 2019, 2018],
    ['This year the park expects 75 new listings.', '75', 2021, 2021],
    // A period binds its end year.
    ['During 2019-2022, the zone incubated 730 start-ups.', '730', 2023, 2022],
    ['During 2016-2020, Xuancheng trained 1,940 engineers.', '1,940', 2023, 2020],
    // The sentence's opening adverbial.
    ['In 2022, Hefei filed 3,350 invention patents.', '3,350', 2023, 2022],
    ['In 2018, Chuzhou built 26 pilot bases and 9 labs.', '9', 2020, 2018],
    // Nothing says a year.
    ['Huainan opened 88 innovation centres.', '88', 2023, null],
  ])('%s [%s, article %i] -> %s', (sentence, value, docYear, year) => {
    const [at, end] = spanOf(sentence, value);
    expect(boundYear(sentence, at, end, docYear)).toBe(year);
  });

  it('"up from N in Y" does not give Y to the other value', () => {
    const s = 'Exports of drones reached 12,400 units, up from 9,700 in 2019.';
    const [a1, e1] = spanOf(s, '12,400');
    const [a2, e2] = spanOf(s, '9,700');
    expect(boundYear(s, a2, e2, 2023)).toBe(2019);
    expect(boundYear(s, a1, e1, 2023)).not.toBe(2019);
  });

  it('"last year" with no article year binds nothing', () => {
    const s = 'The tally stood at 5,600 at the end of last year.';
    const [at, end] = spanOf(s, '5,600');
    expect(boundYear(s, at, end, null)).toBeNull();
  });
});

describe('respectivelyPlace', () => {
  const three = 'Hefei, Wuhu and Bengbu reached 310, 145 and 62 respectively.';
  it.each([
    [three, '310', 'hefei'],
    [three, '145', 'wuhu'],
    [three, '62', 'bengbu'],
    ['Wuhu and Hefei added 27 and 91 labs respectively.', '27', 'wuhu'],
    ['Wuhu and Hefei added 27 and 91 labs respectively.', '91', 'hefei'],
    // Mismatched counts: no place can be trusted.
    ['Hefei and Wuhu reached 310, 145 and 62 respectively.', '145', null],
    ['Hefei, Wuhu and Bengbu reached 310 and 145 respectively.', '145', null],
    // No "respectively": not a paired list.
    ['Hefei, Wuhu and Bengbu reached 310, 145 and 62.', '145', null],
    // A single value is not a list.
    ['Hefei alone reached 310 respectively.', '310', null],
  ])('%s: %s -> %s', (sentence, value, place) => {
    const [at] = spanOf(sentence, value);
    expect(respectivelyPlace(sentence, at)).toBe(place);
  });
});

describe('impliedYear', () => {
  const plain = 'Hefei had 4,100 incubators.';
  it.each([
    // [sentence, article year, article month, expected]
    // An achieved figure in a first-quarter report is the year before's.
    [plain, 2024, 1, 2023],
    [plain, 2024, 3, 2023],
    // Later in the year, nothing is implied.
    [plain, 2024, 4, null],
    [plain, 2024, 11, null],
    // The clause's own year wins over the report rule.
    ['In 2021, Hefei had 4,100 incubators.', 2024, 2, 2021],
    // A plan is not an achieved figure.
    ['Hefei will open 900 incubators.', 2024, 2, null],
  ])('%s (article %i-%i) -> %s', (sentence, docYear, docMonth, expected) => {
    const f = factOf(sentence, sentence.includes('900') ? '900' : '4,100', { articleYear: docYear });
    expect(impliedYear(candidate(f, { docYear, docMonth }))).toBe(expected);
  });

  it('with no article month nothing is implied', () => {
    const f = factOf(plain, '4,100', { articleYear: 2024 });
    expect(f.yearFrom).toBe('article');
    expect(impliedYear(candidate(f, { docYear: 2024, docMonth: null }))).toBeNull();
  });
});

describe('features', () => {
  const incub = terms('incubators');
  const patents = terms('patents');
  const hte = terms('high-tech enterprises');
  const perSentence = 'In 2022, Hefei had 18 patents per 10,000 residents.';
  const partitive = 'Anhui had 61,000 high-tech enterprises, of them, 7,380 are in Hefei.';
  const zoneSentence = 'The high-tech zone is home to 3,182 high-tech enterprises.';
  const plan = 'Hefei plans to reach 900 incubators by 2025.';
  const achieved = 'In 2022, Hefei had 4,100 incubators.';
  const anhuiDoc = { docMain: 'anhui', docRegions: ['anhui', 'hefei'] };

  type Case = [label: string, req: Request, sentence: string, value: string, cand: Partial<Candidate>, on: FeatureName[], off: FeatureName[], ok: boolean];
  const cases: Case[] = [
    ['a plain match', request({ terms: incub, unitTerms: incub }), achieved, '4,100', {}, ['kind_ok', 'reg_clause', 'unit_match'], ['hard_bad', 'kind_bad', 'reg_absent', 'tgt_mismatch'], true],
    ['"per 10,000 residents" when no rate is asked', request({ terms: patents }), perSentence, '18', {}, ['per_not_asked', 'hard_bad'], [], false],
    ['"per 10,000 residents" when a rate is asked', request({ want: 'ratio', terms: patents, qualifiers: new Set(terms('per')) }), perSentence, '18', {}, [], ['per_not_asked', 'denominator', 'hard_bad'], true],
    ['the denominator of a rate', request({ want: 'ratio', terms: patents, qualifiers: new Set(terms('per')) }), perSentence, '10,000', {}, ['denominator', 'hard_bad'], [], false],
    ['the whole when "of them, N are in X" names the asked place', request({ terms: hte }), partitive, '61,000', anhuiDoc, ['reg_elsewhere', 'hard_bad'], [], false],
    ['the part "of them, N are in X" for X', request({ terms: hte }), partitive, '7,380', anhuiDoc, ['reg_clause'], ['reg_elsewhere', 'hard_bad'], true],
    ['another place\'s clause', request({ terms: incub }), 'Hefei had 4,100 incubators; Wuhu had 1,200 incubators.', '1,200', {}, ['reg_other_clause_hard', 'hard_bad'], [], false],
    ['the asked place\'s clause beside another\'s', request({ terms: incub }), 'Hefei had 4,100 incubators; Wuhu had 1,200 incubators.', '4,100', {}, ['reg_clause'], ['reg_other_clause_hard', 'hard_bad'], true],
    ['a development zone asked of its city', request({ terms: hte }), zoneSentence, '3,182', {}, ['reg_sub', 'hard_bad'], [], false],
    ['a development zone asked of the zone', request({ terms: hte, qualifiers: new Set(terms('zone')) }), zoneSentence, '3,182', {}, [], ['reg_sub', 'hard_bad'], true],
    ['a plan when none is asked', request({ terms: incub }), plan, '900', {}, ['tgt_mismatch', 'hard_bad'], [], false],
    ['a plan when a plan is asked', request({ terms: incub, target: true }), plan, '900', {}, ['tgt_match'], ['tgt_mismatch', 'hard_bad'], true],
    ['an achieved figure when a plan is asked', request({ terms: incub, target: true }), achieved, '4,100', {}, ['tgt_mismatch', 'hard_bad'], ['tgt_match'], false],
    ['a number the question states', request({ terms: incub, numbers: [4100] }), achieved, '4,100', {}, ['in_question', 'hard_bad'], [], false],
    ['money the question states in billions', request({ want: 'money', terms: terms('R&D expenditure'), numbers: [31.2] }), "In 2022, Hefei's R&D expenditure was 31.2 billion yuan.", '31.2', {}, ['in_question', 'hard_bad'], [], false],
    ['a count of another noun', request({ terms: patents, unitTerms: patents }), 'In 2022, Hefei had 12 research institutes and many patents.', '12', {}, ['unit_conflict', 'hard_bad'], ['unit_match'], false],
    ['a year bound to another year', request({ terms: incub, year: 2021 }), achieved, '4,100', {}, ['yr_bound_conflict', 'hard_bad'], ['yr_bound_match'], false],
    ['a year bound to the year asked', request({ terms: incub, year: 2022 }), achieved, '4,100', {}, ['yr_bound_match', 'yr_label_match'], ['yr_bound_conflict', 'hard_bad'], true],
    ['a count when money is asked', request({ want: 'money', terms: incub }), achieved, '4,100', {}, ['kind_bad', 'hard_bad'], ['kind_ok'], false],
    ['money when money is asked', request({ want: 'money', terms: terms('R&D expenditure') }), "In 2022, Hefei's R&D expenditure was 31.2 billion yuan.", '31.2', {}, ['kind_ok'], ['kind_bad', 'hard_bad'], true],
  ];

  it.each(cases)('%s', (_label, req, sentence, value, over, on, off, ok) => {
    const x = features(req, candidate(factOf(sentence, value), over));
    expect(x).toHaveLength(FEATURE_NAMES.length);
    expect(feature(x, 'bias')).toBe(1);
    for (const n of on) expect.soft(feature(x, n), n).toBeGreaterThan(0);
    for (const n of off) expect.soft(feature(x, n), n).toBe(0);
    expect(feature(x, 'hard_bad')).toBe(ok ? 0 : 1);
    expect(eligible(x)).toBe(ok);
  });

  it('the retrieval score is passed through', () => {
    const x = features(request({ terms: incub }), candidate(factOf(achieved, '4,100'), { retrieval: 0.37 }));
    expect(feature(x, 'retrieval')).toBeCloseTo(0.37, 10);
  });

  it('featurize marks the latest year among full-metric candidates', () => {
    const req = request({ terms: incub });
    const cands = [candidate(factOf('In 2019, Hefei had 2,900 incubators.', '2,900')), candidate(factOf(achieved, '4,100'))];
    const xs = featurize(req, cands);
    expect(xs).toHaveLength(2);
    expect(feature(xs[1]!, 'yr_latest')).toBe(1);
    expect(feature(xs[0]!, 'yr_latest')).toBeLessThan(1);
    // The rest of each vector is the candidate's own features.
    expect(xs[1]!.filter((_, i) => FEATURE_NAMES[i] !== 'yr_latest')).toEqual(features(req, cands[1]!).filter((_, i) => FEATURE_NAMES[i] !== 'yr_latest'));
  });
});
