import { describe, expect, it } from 'vitest';
import { findTables, renderTables, splitUnit, tableOwner } from '../../src/corpus/tables.js';
import { extractFromSentence } from '../../src/index/facts.js';

// Every table and figure below is invented for these tests.

describe('one cell per line', () => {
  const captioned = [
    'Key indicators of southern Jiangsu cities (2021)',
    'City',
    'R&D expenditure (100 million yuan)',
    'R&D intensity (%)',
    'Wuxi',
    '1,234.5',
    '3.3',
    'Changzhou',
    '456.7',
    '2.9',
    'The figures come from the statistics bureau.',
  ];
  const uncaptioned = ['City', 'Incubators', 'Patents', 'Nanjing', '120', '—', 'Suzhou', '95', '3,400'];

  it.each([
    [
      'a caption year and units',
      captioned,
      1,
      10,
      [
        "In 2021, Wuxi's R&D expenditure was 1,234.5 hundred million yuan.",
        "In 2021, Wuxi's R&D intensity was 3.3 percent.",
        "In 2021, Changzhou's R&D expenditure was 456.7 hundred million yuan.",
        "In 2021, Changzhou's R&D intensity was 2.9 percent.",
      ],
    ],
    // No caption: no year; counts without a unit; a "—" cell says nothing.
    ['no caption, a count column and a "—" cell', uncaptioned, 0, 9, ['Nanjing had 120 incubators.', 'Suzhou had 95 incubators.', 'Suzhou had 3,400 patents.']],
  ])('%s', (_label, lines, start, end, sentences) => {
    const tables = findTables(lines);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toEqual({ start, end, sentences });
  });

  it('renderTables replaces the cells with one paragraph of sentences and keeps the lines around it', () => {
    const out = renderTables(captioned);
    expect(out[0]).toBe(captioned[0]);
    expect(out[out.length - 1]).toBe(captioned[captioned.length - 1]);
    const para = out.find((l) => l.includes('Changzhou'));
    expect(para).toBe(findTables(captioned)[0]!.sentences.join(' '));
    // No bare value cell survives.
    expect(out).not.toContain('1,234.5');
    expect(out).not.toContain('Wuxi');
  });
});

describe('one row per line under year columns', () => {
  const lines = [
    "Below are the province's main innovation indicators:",
    '',
    'Indicator 2020 2021 Growth (%)',
    'R&D intensity (%) 2.34 2.46 —',
    'High-tech enterprises 8,120 9,305 14.6',
    'Technology contract turnover (100 million yuan) 301.2 388.9 29.1',
    'Source: provincial statistics bureau.',
  ];

  it('gives one sentence per year cell, a growth sentence per growth cell, nothing for "—"', () => {
    const tables = findTables(lines);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect([t.start, t.end]).toEqual([2, 6]);
    expect(t.sentences).toHaveLength(8);
    expect(t.sentences).toEqual(
      expect.arrayContaining([
        "In 2020, the province's R&D intensity was 2.34 percent.",
        "In 2021, the province's R&D intensity was 2.46 percent.",
        'In 2020, the province had 8,120 high-tech enterprises.',
        'In 2021, the province had 9,305 high-tech enterprises.',
        "In 2021, the province's technology contract turnover was 388.9 hundred million yuan.",
      ]),
    );
    const growth = t.sentences.filter((s) => /\bgrew\b/.test(s));
    expect(growth).toHaveLength(2);
    expect(growth.every((s) => s.startsWith('In 2021, '))).toBe(true);
    expect(growth.some((s) => s.includes('14.6 percent'))).toBe(true);
    expect(growth.some((s) => s.includes('29.1 percent'))).toBe(true);
    expect(t.sentences.join(' ')).not.toContain('—');
  });

  it('without a lead line, a row is stated without an owner', () => {
    const t = findTables(['Indicator 2020 2021', 'Patents granted 1,200 1,450', 'Incubators 33 41']);
    expect(t).toHaveLength(1);
    expect(t[0]!.sentences).toEqual([
      'In 2020, the number of patents granted was 1,200.',
      'In 2021, the number of patents granted was 1,450.',
      'In 2020, the number of incubators was 33.',
      'In 2021, the number of incubators was 41.',
    ]);
  });

  it('a single row is not a table', () => {
    expect(findTables(['Indicator 2020 2021', 'Patents granted 1,200 1,450', 'That was all.'])).toEqual([]);
  });
});

describe('splitUnit', () => {
  it.each([
    ['R&D expenditure (100 million yuan)', 'R&D expenditure', '100 million yuan'],
    ['R&D intensity (%)', 'R&D intensity', '%'],
    ['Growth (%)', 'Growth', '%'],
    ['Output value （10,000 yuan）', 'Output value', '10,000 yuan'],
    ['Incubators', 'Incubators', null],
    ['  Patents granted  ', 'Patents granted', null],
  ])('%s', (label, name, unit) => {
    expect(splitUnit(label)).toEqual({ name, unit });
  });

  it.each([
    ['R&D expenditure (100 million yuan)', '1,880.5', 'hundred million yuan', '100 million'],
    ['Fund size (10,000 yuan)', '640', 'ten thousand yuan', '10,000'],
    ['Share of GDP (%)', '2.7', 'percent', '%'],
  ])('the unit %s reads as prose in the sentence', (label, value, words, raw) => {
    const lines = ['Main figures (2022)', 'City', label, 'Other', 'Xuzhou', value, '1', 'Yancheng', '3', '4'];
    const [t] = findTables(lines);
    const s = t!.sentences.find((x) => x.startsWith("In 2022, Xuzhou's"));
    expect(s).toBeDefined();
    expect(s).toContain(`${value} ${words}`);
    expect(s).not.toContain(raw);
  });
});

describe('tableOwner', () => {
  it.each([
    ["Here are the province's main indicators:", 'the province'],
    ["The table lists the city's key figures.", 'the city'],
    ["Main figures of this zone's enterprises", 'this zone'],
    ["Below are Xuzhou's indicators for 2022.", 'Xuzhou'],
    ["Inner Mongolia's main indicators", 'Inner Mongolia'],
    ['Main indicators', null],
    ['', null],
    [undefined, null],
  ])('%s -> %s', (lead, owner) => {
    expect(tableOwner(lead)).toBe(owner);
  });
});

describe('what is not a table is left alone', () => {
  it.each([
    ['prose lines', ['Yancheng is a coastal city.', 'It added three research parks.', 'Its output rose by 9 percent.']],
    ['a single number line', ['2023']],
    ['a column of numbers', ['2021', '2022', '3.4', '5.6']],
    ['a list of bullet sentences', ['• Huai’an opened three labs.', '• Suqian built two parks.', '• Lianyungang trained 400 engineers.', '• Taizhou hosted a fair.']],
    ['short labels with no values', ['Overview', 'Policies', 'Outlook', 'Contacts', 'Notes', 'Links']],
  ])('%s', (_label, lines) => {
    expect(findTables(lines)).toEqual([]);
    expect(renderTables(lines)).toEqual(lines);
  });
});

describe('a rendered sentence is a fact the extractor reads', () => {
  it.each([
    ["In 2021, Wuxi's R&D expenditure was 1,234.5 hundred million yuan.", 123.45e9, 'money', 2021, 'level'],
    ["In 2021, Wuxi's R&D intensity was 3.3 percent.", 3.3, 'percent', 2021, 'level'],
    ['In 2020, the province had 8,120 high-tech enterprises.', 8120, 'count', 2020, 'level'],
    ["In 2022, the province's technology contract turnover was 388.9 hundred million yuan.", 38.89e9, 'money', 2022, 'level'],
    ["In 2021, the province's high-tech enterprises grew 14.6 percent.", 14.6, 'percent', 2021, 'change'],
    ['In 2019, Nantong had 215 incubators.', 215, 'count', 2019, 'level'],
  ])('%s', (sentence, value, kind, year, change) => {
    const facts = extractFromSentence(sentence, { articleYear: 2023 });
    expect(facts).toHaveLength(1);
    const f = facts[0]!;
    expect(f.value).toBeCloseTo(value, 6);
    expect(f.kind).toBe(kind);
    expect(f.year).toBe(year);
    expect(f.yearFrom).toBe('sentence');
    expect(f.change).toBe(change);
  });

  it('every sentence of a rendered table yields the value of its cell', () => {
    const lines = ['Figures (2022)', 'City', 'R&D expenditure (100 million yuan)', 'Incubators', 'Yangzhou', '210.4', '58', 'Zhenjiang', '133.9', '41'];
    const [t] = findTables(lines);
    const got = t!.sentences.map((s) => extractFromSentence(s, { articleYear: 2023 })[0]).map((f) => [f?.value, f?.kind, f?.year]);
    expect(got).toEqual([
      [21.04e9, 'money', 2022],
      [58, 'count', 2022],
      [13.39e9, 'money', 2022],
      [41, 'count', 2022],
    ]);
  });
});
