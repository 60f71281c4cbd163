import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/parse.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { extractFacts, extractFromSentence, type SentenceContext, type SentenceFact } from '../../src/index/facts.js';
import type { FactKind } from '../../src/index/types.js';

const CTX: Partial<SentenceContext> = { articleYear: 2021, mainRegion: 'jilin' };

/** What a case expects of one fact. `measure` is checked with toContain on the lowercase measure; `qualifier: null` means none. */
interface Expected {
  value: number;
  kind: FactKind;
  unit?: string;
  change: 'level' | 'change';
  status: 'actual' | 'target';
  year: number | null;
  text?: string;
  measure?: string;
  qualifier?: string | null;
  direction?: 'up' | 'down';
  scale?: string;
  region?: string;
  value2?: number;
}

interface Case {
  sentence: string;
  facts: Expected[];
  ctx?: Partial<SentenceContext>;
}

function check(sentence: string, facts: SentenceFact[], expected: Expected[]): void {
  expect(
    facts.map((f) => f.text),
    'facts found',
  ).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    const f = facts[i]!;
    const label = `fact ${i} (${f.text})`;
    expect(f.value, label).toBe(e.value);
    expect(f.kind, label).toBe(e.kind);
    if (e.unit !== undefined) expect(f.unit, label).toBe(e.unit);
    expect(f.change, label).toBe(e.change);
    expect(f.status, label).toBe(e.status);
    expect(f.year, label).toBe(e.year);
    if (e.text !== undefined) expect(f.text, label).toBe(e.text);
    if (e.measure !== undefined) expect(f.measure.toLowerCase(), label).toContain(e.measure);
    if (e.qualifier !== undefined) expect(f.qualifier, label).toBe(e.qualifier ?? undefined);
    if (e.direction !== undefined) expect(f.direction, label).toBe(e.direction);
    if (e.scale !== undefined) expect(f.scale, label).toBe(e.scale);
    if (e.region !== undefined) expect(f.region, label).toBe(e.region);
    if (e.value2 !== undefined) expect(f.value2, label).toBe(e.value2);
    // The stated value is where the fact says it is.
    expect(f.sentence).toBe(sentence);
    expect(sentence.slice(f.valueStart, f.valueEnd), label).toBe(f.text);
  });
}

const CASES: Record<string, Case[]> = {
  'numbers in words': [
    {
      sentence: 'The province moved up nine places in the national innovation ranking.',
      facts: [{ value: 9, kind: 'places', unit: 'places', text: 'nine places', change: 'change', direction: 'up', status: 'actual', year: 2021, measure: 'innovation ranking' }],
    },
    {
      sentence: 'Changchun now has eight key laboratories for photonics research.',
      facts: [{ value: 8, kind: 'count', unit: 'laboratories', text: 'eight', change: 'level', status: 'actual', year: 2021, measure: 'key laboratories', region: 'changchun' }],
    },
    {
      sentence: 'The city set up eleven new incubators for young entrepreneurs.',
      facts: [{ value: 11, kind: 'count', unit: 'incubators', change: 'level', status: 'actual', year: 2021 }],
    },
    {
      sentence: 'The number of patents granted in Jilin doubled last year.',
      facts: [{ value: 2, kind: 'multiple', unit: 'times', text: 'doubled', change: 'change', direction: 'up', status: 'actual', year: 2020, measure: 'patents' }],
    },
    {
      sentence: 'Exports of new energy vehicles tripled compared with the previous year.',
      facts: [{ value: 3, kind: 'multiple', unit: 'times', text: 'tripled', change: 'change', status: 'actual', year: 2021, measure: 'new energy vehicles' }],
    },
    {
      sentence: 'The number of technology brokers has tripled since 2019.',
      facts: [{ value: 3, kind: 'multiple', unit: 'times', change: 'change', status: 'actual', year: 2021, measure: 'technology brokers' }],
    },
  ],
  targets: [
    {
      sentence: 'The province plans to raise the share of the digital economy to 61% by 2025.',
      facts: [{ value: 61, kind: 'percent', unit: '%', change: 'level', status: 'target', year: 2025, measure: 'digital economy' }],
    },
    {
      sentence: 'The number of hi-tech enterprises will reach 3,000 by 2025.',
      facts: [{ value: 3000, kind: 'count', unit: 'enterprises', text: '3,000', change: 'level', status: 'target', year: 2025, measure: 'hi-tech enterprises' }],
    },
    {
      sentence: 'The goal is to build 50 new engineering research centers by 2026.',
      facts: [{ value: 50, kind: 'count', unit: 'centers', change: 'level', status: 'target', year: 2026, measure: 'engineering research centers' }],
    },
    {
      sentence: 'By 2025, R&D intensity in the province will exceed 2.5%.',
      facts: [{ value: 2.5, kind: 'percent', unit: '%', change: 'level', status: 'target', year: 2025, measure: 'r&d intensity', qualifier: 'exceed' }],
    },
    {
      sentence: 'It is planned that by 2027 the number of national incubators will reach 60.',
      facts: [{ value: 60, kind: 'count', unit: 'incubators', change: 'level', status: 'target', year: 2027, measure: 'national incubators' }],
    },
    {
      sentence: 'Jilin aims to cultivate 200 specialized SMEs in the coming years.',
      facts: [{ value: 200, kind: 'count', change: 'level', status: 'target', year: 2021, measure: 'smes' }],
    },
    {
      sentence: 'The target is 1,000 new invention patents by 2024.',
      facts: [{ value: 1000, kind: 'count', unit: 'patents', change: 'level', status: 'target', year: 2024 }],
    },
  ],
  changes: [
    {
      sentence: 'Government spending on basic research increased by 65% in 2020.',
      facts: [{ value: 65, kind: 'percent', unit: '%', change: 'change', direction: 'up', status: 'actual', year: 2020, measure: 'basic research' }],
    },
    {
      sentence: 'Revenue from software services recorded an increase of 7.48% over the previous year.',
      facts: [{ value: 7.48, kind: 'percent', unit: '%', change: 'change', direction: 'up', status: 'actual', year: 2021, measure: 'software services' }],
    },
    {
      sentence: 'Industrial output of Changchun grew 12.5 percent year on year.',
      facts: [{ value: 12.5, kind: 'percent', unit: '%', text: '12.5 percent', change: 'change', direction: 'up', status: 'actual', year: 2021, measure: 'industrial output', region: 'changchun' }],
    },
    {
      sentence: 'The number of registered start-ups fell by 3% in 2020.',
      facts: [{ value: 3, kind: 'percent', unit: '%', change: 'change', direction: 'down', status: 'actual', year: 2020, measure: 'start-ups' }],
    },
    {
      sentence: 'Sales of industrial robots fell 8.5% year on year.',
      facts: [{ value: 8.5, kind: 'percent', unit: '%', change: 'change', direction: 'down', status: 'actual', year: 2021, measure: 'industrial robots' }],
    },
    {
      sentence: 'The output of the optoelectronics industry decreased 5 percent.',
      facts: [{ value: 5, kind: 'percent', unit: '%', change: 'change', direction: 'down', status: 'actual', year: 2021, measure: 'optoelectronics' }],
    },
    {
      sentence: 'The number of technology enterprises increased by 120 in 2020.',
      facts: [{ value: 120, kind: 'count', unit: 'enterprises', change: 'change', direction: 'up', status: 'actual', year: 2020, measure: 'technology enterprises' }],
    },
    {
      sentence: 'The technology market turnover reached 12 billion yuan, up 35% year on year.',
      facts: [
        { value: 12e9, kind: 'money', unit: 'CNY', scale: 'billion', change: 'level', status: 'actual', year: 2021, measure: 'technology market turnover' },
        { value: 35, kind: 'percent', unit: '%', change: 'change', direction: 'up', status: 'actual', year: 2021, measure: 'technology market turnover' },
      ],
    },
    {
      sentence: 'The province received 2,300 patent applications, an increase of 18.6%.',
      facts: [
        { value: 2300, kind: 'count', unit: 'applications', change: 'level', status: 'actual', year: 2021, measure: 'patent applications' },
        { value: 18.6, kind: 'percent', unit: '%', change: 'change', direction: 'up', status: 'actual', year: 2021, measure: 'patent applications' },
      ],
    },
  ],
  levels: [
    {
      sentence: 'The number of technology enterprises in Changchun reached 2,705 in 2020.',
      facts: [{ value: 2705, kind: 'count', unit: 'enterprises', text: '2,705', change: 'level', status: 'actual', year: 2020, measure: 'technology enterprises', region: 'changchun' }],
    },
    {
      sentence: 'Annual sales of the automobile cluster amounted to RMB 40 billion in 2019.',
      facts: [{ value: 40e9, kind: 'money', unit: 'CNY', scale: 'billion', text: 'RMB 40 billion', change: 'level', status: 'actual', year: 2019, measure: 'automobile cluster' }],
    },
    {
      sentence: 'The contribution rate of scientific progress increased to 55.5% in 2020.',
      facts: [{ value: 55.5, kind: 'percent', unit: '%', change: 'level', status: 'actual', year: 2020, measure: 'contribution rate' }],
    },
    {
      sentence: 'Jilin has more than 1,200 research and development institutions.',
      facts: [{ value: 1200, kind: 'count', unit: 'institutions', change: 'level', status: 'actual', year: 2021, qualifier: 'more than', measure: 'research and development institutions' }],
    },
    {
      sentence: 'There are 12 universities in the city.',
      facts: [{ value: 12, kind: 'count', unit: 'universities', change: 'level', status: 'actual', year: 2021, qualifier: null }],
    },
    {
      sentence: 'A total of 36 provincial enterprise technology centers were recognized.',
      facts: [{ value: 36, kind: 'count', unit: 'centers', change: 'level', status: 'actual', year: 2021, measure: 'technology centers' }],
    },
    {
      sentence: 'Nearly 600 scientists were recruited in 2019.',
      facts: [{ value: 600, kind: 'count', unit: 'scientists', change: 'level', status: 'actual', year: 2019, qualifier: 'nearly' }],
    },
  ],
  money: [
    {
      sentence: 'Total R&D spending in Jilin reached RMB15.95 billion in 2020.',
      facts: [{ value: 15.95e9, kind: 'money', unit: 'CNY', scale: 'billion', text: 'RMB15.95 billion', change: 'level', status: 'actual', year: 2020, measure: 'r&d spending', region: 'jilin' }],
    },
    {
      sentence: 'The provincial government allocated 140 million yuan to support 300 laboratories.',
      facts: [
        { value: 140e6, kind: 'money', unit: 'CNY', scale: 'million', text: '140 million yuan', change: 'level', status: 'actual', year: 2021 },
        { value: 300, kind: 'count', unit: 'laboratories', change: 'level', status: 'actual', year: 2021 },
      ],
    },
    {
      sentence: 'The startup raised $19.35 million in its first funding round.',
      facts: [{ value: 19.35e6, kind: 'money', unit: 'USD', scale: 'million', text: '$19.35 million', change: 'level', status: 'actual', year: 2021 }],
    },
    {
      sentence: 'Technology contract turnover exceeded 9 billion yuan in 2020.',
      facts: [{ value: 9e9, kind: 'money', unit: 'CNY', text: '9 billion yuan', change: 'level', status: 'actual', year: 2020, qualifier: 'exceeded', measure: 'technology contract turnover' }],
    },
    {
      sentence: 'The fund invested US$2.5 million in a battery maker.',
      facts: [{ value: 2.5e6, kind: 'money', unit: 'USD', text: 'US$2.5 million', change: 'level', status: 'actual', year: 2021 }],
    },
    {
      sentence: 'The regional GDP of Guangdong reached 3.2 trillion yuan in 2020.',
      facts: [{ value: 3.2e12, kind: 'money', unit: 'CNY', scale: 'trillion', change: 'level', status: 'actual', year: 2020, measure: 'gdp', region: 'guangdong' }],
    },
    {
      sentence: 'Each selected team receives a grant of 500,000 yuan.',
      facts: [{ value: 500000, kind: 'money', unit: 'CNY', text: '500,000 yuan', change: 'level', status: 'actual', year: 2021, measure: 'grant' }],
    },
    {
      sentence: 'The company invested HK$3 billion in the new plant.',
      facts: [{ value: 3e9, kind: 'money', unit: 'HKD', change: 'level', status: 'actual', year: 2021 }],
    },
    {
      // The dollar amount in parentheses is a conversion of the yuan amount, not a second fact.
      sentence: 'A subsidy of 140 million yuan ($19.35 million) was granted to 1,561 enterprises.',
      facts: [
        { value: 140e6, kind: 'money', unit: 'CNY', change: 'level', status: 'actual', year: 2021, measure: 'subsidy' },
        { value: 1561, kind: 'count', unit: 'enterprises', change: 'level', status: 'actual', year: 2021 },
      ],
    },
  ],
  'ranks and places': [
    {
      sentence: 'Jilin ranked 17th in the country in innovation capability.',
      facts: [{ value: 17, kind: 'rank', unit: 'rank', text: '17th', change: 'level', status: 'actual', year: 2021, measure: 'innovation capability' }],
    },
    {
      sentence: 'Changchun came out on top, ranking the first in Northeast China by patent output.',
      facts: [{ value: 1, kind: 'rank', unit: 'rank', text: 'first', change: 'level', status: 'actual', year: 2021, measure: 'patent output', region: 'changchun' }],
    },
    {
      sentence: 'Changchun ranked second nationwide in patent growth.',
      facts: [{ value: 2, kind: 'rank', unit: 'rank', change: 'level', status: 'actual', year: 2021 }],
    },
    {
      sentence: 'The city dropped three places in the national innovation index.',
      facts: [{ value: 3, kind: 'places', unit: 'places', text: 'three places', change: 'change', direction: 'down', status: 'actual', year: 2021, measure: 'innovation index' }],
    },
    {
      sentence: 'Jilin moved up by 4 places, ranking 18th in the country.',
      facts: [
        { value: 4, kind: 'places', unit: 'places', change: 'change', direction: 'up', status: 'actual', year: 2021 },
        { value: 18, kind: 'rank', unit: 'rank', change: 'level', status: 'actual', year: 2021 },
      ],
    },
  ],
  'multiples and ratios': [
    {
      sentence: 'Patent applications were 4.2 times that of the previous year.',
      facts: [{ value: 4.2, kind: 'multiple', unit: 'times', text: '4.2 times', change: 'change', status: 'actual', year: 2021, measure: 'patent applications' }],
    },
    {
      sentence: 'Investment in artificial intelligence grew more than 100 times over the decade.',
      facts: [{ value: 100, kind: 'multiple', unit: 'times', change: 'change', status: 'actual', year: 2021, qualifier: 'more than', measure: 'artificial intelligence' }],
    },
    {
      sentence: 'The provincial fund leverages social capital in the ratio of 1:3.',
      facts: [{ value: 1, value2: 3, kind: 'ratio', unit: 'ratio', text: '1:3', change: 'level', status: 'actual', year: 2021 }],
    },
  ],
  years: [
    {
      sentence: 'In 2019, the city added 120 new high-tech enterprises.',
      facts: [{ value: 120, kind: 'count', unit: 'enterprises', change: 'level', status: 'actual', year: 2019, measure: 'high-tech enterprises' }],
    },
    {
      // "compared to 2019" is the base year, not the year of the fact.
      sentence: 'The number of incubators rose by 15% compared to 2019.',
      facts: [{ value: 15, kind: 'percent', unit: '%', change: 'change', direction: 'up', status: 'actual', year: 2021, measure: 'incubators' }],
    },
    {
      sentence: 'Last year, the province registered 850 technology-based SMEs.',
      facts: [{ value: 850, kind: 'count', change: 'level', status: 'actual', year: 2020 }],
    },
    {
      sentence: 'Last year, the province registered 850 technology-based SMEs.',
      ctx: { articleYear: 2024, mainRegion: 'jilin' },
      facts: [{ value: 850, kind: 'count', change: 'level', status: 'actual', year: 2023 }],
    },
    {
      sentence: 'The city has 45 incubators.',
      ctx: { articleYear: null, mainRegion: null },
      facts: [{ value: 45, kind: 'count', unit: 'incubators', change: 'level', status: 'actual', year: null }],
    },
    {
      sentence: 'The city has 45 incubators.',
      ctx: { articleYear: 2021, mainRegion: 'jilin', contextYear: 2019 },
      facts: [{ value: 45, kind: 'count', change: 'level', status: 'actual', year: 2019 }],
    },
    {
      sentence: 'The province will add 300 new incubators by the end of 2025.',
      facts: [{ value: 300, kind: 'count', unit: 'incubators', change: 'level', status: 'target', year: 2025, measure: 'incubators' }],
    },
    {
      sentence: 'The city had 1,500 hi-tech enterprises at the end of 2020.',
      facts: [{ value: 1500, kind: 'count', unit: 'enterprises', change: 'level', status: 'actual', year: 2020 }],
    },
    {
      sentence: 'The GDP of Jilin grew 6.3% in the first half of 2020 compared with 2019.',
      facts: [{ value: 6.3, kind: 'percent', unit: '%', change: 'change', direction: 'up', status: 'actual', year: 2020, measure: 'gdp' }],
    },
    {
      // A "By 2025" carried over from an earlier sentence of the paragraph makes this a target.
      sentence: 'The number of incubators will be 80.',
      ctx: { articleYear: 2021, mainRegion: 'jilin', targetYear: 2025 },
      facts: [{ value: 80, kind: 'count', change: 'level', status: 'target', year: 2025 }],
    },
  ],
  'respectively lists': [
    {
      sentence: 'The number of hi-tech enterprises, little giants and gazelle enterprises reached 10, 20 and 30 respectively.',
      facts: [
        { value: 10, kind: 'count', change: 'level', status: 'actual', year: 2021, measure: 'hi-tech enterprises' },
        { value: 20, kind: 'count', unit: 'giants', change: 'level', status: 'actual', year: 2021, measure: 'little giants' },
        { value: 30, kind: 'count', change: 'level', status: 'actual', year: 2021, measure: 'gazelle enterprises' },
      ],
    },
    {
      sentence: 'The number of universities, research institutes and incubators in the city reached 40, 90 and 75.',
      facts: [
        { value: 40, kind: 'count', unit: 'universities', change: 'level', status: 'actual', year: 2021, measure: 'universities' },
        { value: 90, kind: 'count', unit: 'institutes', change: 'level', status: 'actual', year: 2021, measure: 'research institutes' },
        { value: 75, kind: 'count', unit: 'incubators', change: 'level', status: 'actual', year: 2021, measure: 'incubators' },
      ],
    },
  ],
};

const NOT_FACTS: string[] = [
  'The science and technology conference was held on March 30 in Changchun.',
  'Jilin launched the innovation program in 2018.',
  'Exhibitions were held in 2019, 2020 and 2021.',
  'Since the 18th NPC, the province has made great progress in innovation.',
  'During the 14th Five-Year Plan period, the province will deepen reform.',
  'The third batch of pilot cities was announced.',
  'The city released a three-year plan for science and innovation.',
  'The laboratory is located in Building No. 5 of the science park.',
  'Changchun has built a citywide 5G network for smart factories.',
  'The 2022 Zhongguancun Forum attracted many visitors.',
  'The province has 3D printing centers.',
  'The meeting started at 9:30 in the morning.',
  'The policy was issued on December 16, 2021.',
  'The plan covers the period 2021-2025.',
];

describe('extractFromSentence', () => {
  for (const [group, cases] of Object.entries(CASES)) {
    describe(group, () => {
      it.each(cases)('$sentence', ({ sentence, facts, ctx }) => {
        check(sentence, extractFromSentence(sentence, ctx ?? CTX), facts);
      });
    });
  }

  it('has at least 45 fact cases', () => {
    expect(Object.values(CASES).flat().length + NOT_FACTS.length).toBeGreaterThanOrEqual(60);
    expect(Object.values(CASES).flat().length).toBeGreaterThanOrEqual(45);
  });

  describe('not facts', () => {
    it.each(NOT_FACTS)('%s', (sentence) => {
      expect(extractFromSentence(sentence, CTX).map((f) => f.text)).toEqual([]);
    });
  });

  it('a region named in the sentence wins over the article region; else the article region', () => {
    const [f] = extractFromSentence('Guangdong has 60,000 hi-tech enterprises.', CTX);
    expect(f?.region).toBe('guangdong');
    const [g] = extractFromSentence('The province has 2,705 hi-tech enterprises.', CTX);
    expect(g?.region).toBe('jilin');
  });
});

describe('formerly known gaps', () => {
  // SUFFIX tries "percent" before "percentage points", so "0.3 percentage points" becomes "0.3 percent".
  it('"percentage points" is a change in percentage points', () => {
    const s = 'The R&D intensity rose 0.3 percentage points to 2.1%.';
    check(s, extractFromSentence(s, CTX), [
      { value: 0.3, kind: 'percent', unit: 'percentage points', text: '0.3 percentage points', change: 'change', direction: 'up', status: 'actual', year: 2021 },
      { value: 2.1, kind: 'percent', unit: '%', change: 'level', status: 'actual', year: 2021, measure: 'r&d intensity' },
    ]);
  });

  // A slash date is read as the numbers 04 and 11.
  it('a date written 2018/04/11 is not a fact', () => {
    expect(extractFromSentence('The report was published on 2018/04/11 by the provincial department.', CTX)).toEqual([]);
  });

  // "COVID-19": the 19 after a hyphenated word is taken for a count.
  it('the 19 of COVID-19 is not a fact', () => {
    expect(extractFromSentence('The COVID-19 pandemic slowed several projects.', CTX)).toEqual([]);
  });

  // "reduced by" is not among the change verbs: the cut is recorded as a level.
  it('"was reduced by 4.5%" is a downward change', () => {
    const s = 'Energy consumption per unit of GDP was reduced by 4.5% in 2020.';
    check(s, extractFromSentence(s, CTX), [{ value: 4.5, kind: 'percent', unit: '%', change: 'change', direction: 'down', status: 'actual', year: 2020 }]);
  });

  // The noun after the count runs on into "this year": unit "year", measure "new provincial laboratories this year".
  it('"12 new provincial laboratories this year" counts laboratories', () => {
    const s = 'Jilin will build 12 new provincial laboratories this year.';
    check(s, extractFromSentence(s, CTX), [{ value: 12, kind: 'count', unit: 'laboratories', change: 'level', status: 'target', year: 2021 }]);
  });
});

describe('extractFacts over the corpus', () => {
  const corpus = new URL('../../corpus/', import.meta.url);
  function factsOf(prefix: string) {
    const file = readdirSync(corpus).find((f) => f.startsWith(`${prefix}_`))!;
    const article = parseArticle(file, readFileSync(new URL(file, corpus), 'utf8'));
    const sentences = splitSentences(article.text);
    return { article, sentences, facts: extractFacts(article, sentences, (s) => 1000 + s) };
  }

  it.each([
    ['3.3%', 3.3],
    ['2%', 2],
    ['40 percent', 40],
    ['42 percent', 42],
    ['2000', 2000],
    ['560,000', 560000],
    ['16,000', 16000],
    ['9 billion yuan', 9e9],
  ])('004: %s after "By 2024" is a target for 2024', (text, value) => {
    const { facts } = factsOf('004');
    const f = facts.find((x) => x.text === text && x.value === value);
    expect(f, text).toBeDefined();
    expect(f!.status).toBe('target');
    expect(f!.year).toBe(2024);
    expect(f!.region).toBe('jiangyin');
  });

  it('004: the number of high-tech enterprises, 2000, is a count of enterprises', () => {
    const f = factsOf('004').facts.find((x) => x.text === '2000')!;
    expect(f).toMatchObject({ kind: 'count', unit: 'enterprises', change: 'level' });
    expect(f.measure.toLowerCase()).toContain('high-tech enterprises');
  });

  it('000: 2705 is an actual count of hi-tech enterprises in Jilin', () => {
    const { facts, sentences } = factsOf('000');
    const f = facts.find((x) => x.value === 2705);
    expect(f).toBeDefined();
    expect(f).toMatchObject({ kind: 'count', unit: 'enterprises', change: 'level', status: 'actual', year: 2021, region: 'jilin', text: '2705' });
    expect(f!.measure.toLowerCase()).toContain('hi-tech enterprises');
    const giants = facts.find((x) => x.value === 1049)!;
    expect(giants.measure.toLowerCase()).toContain('little giants');
    const smes = facts.find((x) => x.value === 1360)!;
    expect(smes.measure.toLowerCase()).toContain('small and medium-sized');
    // Offsets and chunk point at the right sentence.
    const s = sentences.find((x) => x.start === f!.sentenceStart)!;
    expect(s.end).toBe(f!.sentenceEnd);
    expect(s.text).toBe(f!.sentence);
    expect(f!.chunk).toBe(1000 + s.index);
    expect(f!.doc).toBe('000_0ae20fc01c1a99ca.txt');
  });

  it('000: the R&D investment figures', () => {
    const { facts } = factsOf('000');
    expect(facts.find((x) => x.text === 'RMB15.95 billion')).toMatchObject({ value: 15.95e9, kind: 'money', unit: 'CNY', change: 'level', status: 'actual' });
    expect(facts.find((x) => x.text === '7.48%')).toMatchObject({ value: 7.48, kind: 'percent', change: 'change', direction: 'up' });
    expect(facts.find((x) => x.text === '9 places')).toMatchObject({ value: 9, kind: 'places', change: 'change', direction: 'up' });
    expect(facts.find((x) => x.text === '1:3')).toMatchObject({ kind: 'ratio', value: 1, value2: 3 });
  });

  it('001: 55.5% now and 61% as the target; doubled to 524 high-tech enterprises', () => {
    const { facts } = factsOf('001');
    const pct = facts.filter((x) => x.kind === 'percent').map((x) => [x.value, x.status]);
    expect(pct).toContainEqual([55.5, 'actual']);
    expect(pct).toContainEqual([61, 'target']);
    expect(facts.find((x) => x.value === 524)).toMatchObject({ kind: 'count', unit: 'enterprises', status: 'actual', year: 2018 });
    expect(facts.find((x) => x.text === '17th')).toMatchObject({ kind: 'rank', value: 17 });
    // "held on March 30" and "the 18th NPC" are not facts.
    expect(facts.some((x) => x.value === 30 || x.value === 18)).toBe(false);
  });

  it.each(['000', '001', '002', '003', '004'])('%s: every fact points at its value inside its sentence', (prefix) => {
    const { article, facts } = factsOf(prefix);
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) {
      expect(article.text.slice(f.sentenceStart, f.sentenceEnd)).toBe(f.sentence);
      expect(f.sentence.slice(f.valueStart, f.valueEnd)).toBe(f.text);
      expect(Number.isFinite(f.value)).toBe(true);
    }
  });
});
