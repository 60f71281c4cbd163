/** Fresh-article mechanisms: administrative levels, partitive counts, event years, "the city". */
import { describe, expect, it } from 'vitest';
import { extractFromSentence } from '../../src/index/facts.js';
import type { Fact } from '../../src/index/types.js';
import { respectivelyItems } from '../../src/qa/clauses.js';
import { FEATURE_NAMES, boundYear, features, type Candidate, type FeatureName, type Request } from '../../src/qa/evidence.js';
import { terms } from '../../src/text/terms.js';

// Every sentence below is invented for these tests.

function factOf(sentence: string, value: string, mainRegion = 'wuhu'): Fact {
  const found = extractFromSentence(sentence, { articleYear: 2023, mainRegion });
  const f = found.find((x) => x.text.includes(value));
  if (!f) throw new Error(`no fact "${value}" in "${sentence}" (found ${found.map((x) => x.text).join(', ')})`);
  return { ...f, id: 1, doc: 'invented.txt', metric: f.measure, chunk: 0, sentenceStart: 0, sentenceEnd: sentence.length };
}

function request(question: string, over: Partial<Request> = {}): Request {
  const qualifiers = new Set(terms(question).filter((t) => ['nation', 'provinci', 'municip', 'state'].includes(t)));
  return { want: 'count', regions: ['wuhu'], year: null, baseYear: null, target: null, terms: terms(question).filter((t) => !qualifiers.has(t)), unitTerms: [], qualifiers, numbers: [], numeric: true, ...over };
}

function x(req: Request, fact: Fact, docMain = 'wuhu'): (name: FeatureName) => number {
  const c: Candidate = { fact, docMain, docRegions: [docMain], title: 'Wuhu news', docYear: 2023, docMonth: 6, retrieval: 1 };
  const v = features(req, c);
  return (name) => v[FEATURE_NAMES.indexOf(name)]!;
}

describe('national, provincial and municipal counts are different numbers', () => {
  it.each([
    // [sentence, value, question words, conflict?]
    ['Wuhu has 12 provincial key laboratories, along with 3 national key laboratories.', '3', 'national key laboratories', 0],
    ['Wuhu has 12 provincial key laboratories, along with 3 national key laboratories.', '12', 'national key laboratories', 1],
    ['In 2022, the number of provincial engineering centers in Wuhu was 41.', '41', 'national engineering centers', 1],
    ['Wuhu counts 5 state key laboratories.', '5', 'national key laboratories', 0],
    ['Wuhu counts 40 key laboratories.', '40', 'national key laboratories', 0],
  ])('%s [%s] asked "%s" -> %i', (sentence, value, question, conflict) => {
    const f = x(request(question), factOf(sentence, value));
    expect(f('qual_level_conflict')).toBe(conflict);
    expect(f('hard_bad')).toBe(conflict ? 1 : f('hard_bad'));
  });
});

describe('"N of which are X": what the number counts follows it', () => {
  it('the partitive value names the asked measure; the total does not', () => {
    const s = 'More than 2,400 companies have moved into Wuhu, 130 of which are high-tech enterprises.';
    const req = request('high-tech enterprises');
    expect(x(req, factOf(s, '130'))('m_measure')).toBe(1);
    expect(x(req, factOf(s, '2,400'))('m_measure')).toBeLessThan(1);
  });
});

describe('an event year is not the value\'s year', () => {
  it.each([
    ['Since the zone was established in 2015, 820 firms have settled there.', '820', null],
    ['The park, founded in 2012, hosts 97 laboratories.', '97', null],
    ['In 2022, the park hosted 97 laboratories.', '97', 2022],
  ])('%s -> %s', (sentence, value, year) => {
    const f = factOf(sentence, value);
    expect(boundYear(sentence, f.valueStart, f.valueEnd, 2023)).toBe(year);
  });
});

describe('"the city" in the asked city\'s own article', () => {
  it('is the city, even where the sentence also speaks of the province', () => {
    const s = 'The city had 520 high-tech enterprises in 2022, ranking third in the province.';
    const f = factOf(s, '520');
    expect(x(request('high-tech enterprises'), { ...f, region: 'anhui' })('reg_level_up')).toBe(0);
  });
});

describe('"respectively" lists of things, not only places', () => {
  const s = 'Of the total, firms, colleges and research institutes spent 14.2 billion yuan, 2.6 billion yuan and 1.9 billion yuan respectively.';
  it.each([
    ['2.6', ['firms', 'colleges', 'research institutes'], 1],
    ['1.9', ['firms', 'colleges', 'research institutes'], 2],
  ])('%s belongs to item %#', (value, items, index) => {
    const l = respectivelyItems(s, s.indexOf(value));
    expect(l?.items.slice(-3)).toEqual(items);
    expect(l?.index).toBe(index);
  });

  it.each([
    ['how much did colleges spend in wuhu', '2.6', 0],
    ['how much did colleges spend in wuhu', '14.2', 1],
    ['how much did wuhu spend in total', '14.2', 0],
  ])('"%s": %s -> item_conflict %i', (question, value, conflict) => {
    const req = { ...request(question, { want: 'money' }), words: new Set(terms(question)) };
    expect(x(req, factOf(s, value))('item_conflict')).toBe(conflict);
  });
});

describe('"sub-provincial" does not make a city\'s figure its province\'s', () => {
  it.each([
    ["The city's R&D intensity stood at 3.4 percent, ranking 5th among sub-provincial cities.", 'wuhu'],
    ["The provincial R&D intensity stood at 2.9 percent.", 'anhui'],
  ])('%s -> %s', (sentence, region) => {
    const [f] = extractFromSentence(sentence, { articleYear: 2023, mainRegion: 'wuhu' });
    expect(f?.region).toBe(region);
  });
});
