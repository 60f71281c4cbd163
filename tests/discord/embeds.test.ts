import { describe, expect, it } from 'vitest';
import type { Fact } from '../../src/index/types.js';
import type { Coverage, MetricRow, MetricTable } from '../../src/qa/metrics.js';
import { LIMITS } from '../../src/discord/limits.js';
import { readAs, renderAnswer } from '../../src/discord/answer-embed.js';
import { citationField } from '../../src/discord/citations.js';
import { renderCoverage } from '../../src/discord/commands/coverage-embed.js';
import { renderHelp } from '../../src/discord/commands/help-embed.js';
import { renderMetricTable } from '../../src/discord/commands/metric-embed.js';
import { renderReindex } from '../../src/discord/commands/reindex-embed.js';
import { parseSourcesButton, renderSourcesPage, type SourceDoc } from '../../src/discord/commands/sources-embed.js';
import { COLORS } from '../../src/discord/format.js';
import { SENTENCES, answer, boldBalanced, citation, expectValidEmbed, parsed } from './embed-helpers.js';
import { line, text } from '../../src/qa/rich.js';

describe('citation fields', () => {
  it('title, date · source · link · file, then the quote with the number in bold', () => {
    const f = citationField(citation(2, { url: 'https://example.com/a(1)' }));
    expect(f.name).toBe('[2] Article 2');
    expect(f.value).toBe(
      '2021-12-16 · CCFAO · [link](https://example.com/a%281%29) · `002_abc.txt`\n> The total amount went up to a new record high of **RMB15.95 billion**.',
    );
  });

  it.each([
    ['no url', null],
    ['a javascript: url', 'javascript:alert(1)'],
    ['a broken url', 'not a url'],
  ])('no link for %s', (_n, url) => {
    expect(citationField(citation(1, { url })).value).not.toContain('[link]');
  });

  it('undated, unknown source, markdown in the title', () => {
    const f = citationField(citation(3, { date: null, source: null, title: '**Big** news_today' }));
    expect(f.name).toBe('[3] \\*\\*Big\\*\\* news\\_today');
    expect(f.value.startsWith('undated · `003_abc.txt`')).toBe(true);
  });

  it('a very long snippet fits the 1,024-character field', () => {
    const snippet = `${'word '.repeat(400)}RMB15.95 billion${' more'.repeat(400)}`;
    const at = snippet.indexOf('RMB');
    const f = citationField(citation(1, { snippet, bold: [[at, at + 16]] }));
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(f.value).toContain('**RMB15.95 billion**');
  });
});

describe('renderAnswer', () => {
  it('an answer: the question as title, body, numbered citations, footer with the reading and build date', () => {
    const e = renderAnswer(answer(), { builtAt: '2026-11-21T07:30:20.086Z' });
    expect(e.title).toBe("What was Jilin's R&D investment in 2021?");
    expect(e.color).toBe(COLORS.answer);
    expect(e.description).toContain('15.95');
    expect(e.fields?.[0]?.name).toBe('[1] Article 1');
    expect(e.footer?.text).toBe('Read as: Jilin · r&d investment · 2021 | Index built 2026-11-21');
    expectValidEmbed(e);
  });

  it('an abstention looks different', () => {
    const e = renderAnswer(answer({ answered: false, kind: 'abstention', lines: [line(text("I couldn't find Mars's gdp in the corpus."))], citations: [], parsed: parsed({ unknownPlaces: ['mars'], metricTerms: ['gdp'] }) }));
    expect(e.color).toBe(COLORS.abstain);
    expect(e.title?.startsWith('Not in my sources: ')).toBe(true);
    expect(e.footer?.text).toBe('Read as: Mars (not a region I know) · gdp · any year');
  });

  it('help and greetings are neither answers nor abstentions', () => {
    const e = renderAnswer(answer({ answered: false, intent: 'greeting', kind: 'help', lines: [line(text('I answer questions…'))], citations: [] }), { builtAt: '2026-01-02T00:00:00Z' });
    expect(e.color).toBe(COLORS.info);
    expect(e.title).toBe('What I can do');
    expect(e.footer?.text).toBe('Index built 2026-01-02');
  });

  it.each([
    [parsed({ regions: ['jilin', 'changchun'], year: 2018, yearTo: 2021, metricTerms: ['patents'] }), 'Read as: Jilin, Changchun · patents · 2018–2021'],
    [parsed({ target: true, year: 2025, metricTerms: ['r&d', 'intensity'] }), 'Read as: any region · r&d intensity · 2025 · target'],
    [parsed({}), 'Read as: any region · any metric · any year'],
  ])('reads the question back (%#)', (p, expected) => {
    expect(readAs(p)).toBe(expected);
  });

  it('escapes the question echoed in the title', () => {
    const e = renderAnswer(answer({ question: '@everyone **hi** <@&123> # x' }));
    expect(e.title).toBe('@\u200beveryone \\*\\*hi\\*\\* \\<@&123\\> # x');
  });

  it('huge answers still fit every limit', () => {
    const citations = Array.from({ length: 40 }, (_, i) =>
      citation(i + 1, { title: `T${i} ${'long title '.repeat(40)}`, snippet: `${'context '.repeat(200)}RMB15.95 billion`, bold: [[1600, 1616]], url: 'https://example.com/x' }),
    );
    const e = renderAnswer(answer({ question: 'q'.repeat(600), lines: [line(text(SENTENCES))], citations }), { builtAt: '2026-11-21T07:30:20.086Z' });
    expectValidEmbed(e);
    expect(e.description?.endsWith('…')).toBe(true);
    expect(boldBalanced(e.description ?? '')).toBe(true);
    expect(e.fields?.length).toBeGreaterThan(0);
    for (const f of e.fields ?? []) expect(boldBalanced(f.value)).toBe(true);
  });
});

describe('renderMetricTable', () => {
  const fact = (id: number, f: Partial<Fact>): Fact => ({
    id,
    doc: 'a.txt',
    value: 0,
    text: '0',
    kind: 'count',
    unit: 'enterprises',
    measure: 'high-tech enterprises',
    metric: 'hightech enterpris',
    change: 'level',
    status: 'actual',
    year: 2021,
    yearFrom: 'sentence',
    region: 'jilin',
    sentence: 'The number reached 2705 and 524.',
    sentenceStart: 0,
    sentenceEnd: 32,
    valueStart: 19,
    valueEnd: 23,
    chunk: 0,
    ...f,
  });
  const row = (f: Fact, r: Partial<MetricRow> = {}): MetricRow => ({
    fact: f,
    region: f.region,
    regionName: f.region === 'jilin' ? 'Jilin' : 'Jiangyin',
    year: f.year,
    status: f.status,
    change: f.change,
    kind: f.kind,
    text: f.text,
    value: f.value,
    doc: f.doc,
    title: 'An article',
    date: '2021-12-16',
    source: 'CCFAO',
    ...r,
  });
  const table = (rows: MetricRow[]): MetricTable => ({
    metric: { key: 'hightech enterpris', name: 'high-tech enterprises', kinds: ['count'], values: rows.length, regions: ['jilin', 'jiangyin'], years: [2018, 2021] },
    rows,
    total: rows.length,
  });

  it('one line per value, one citation per quoted sentence (values in bold), the chart image', () => {
    const a = fact(1, { value: 2705, text: '2705' });
    const b = fact(2, { value: 524, text: '524', year: 2018, valueStart: 28, valueEnd: 31 });
    const c = fact(3, { doc: 'b.txt', value: 2000, text: '2000', status: 'target', region: 'jiangyin', year: 2024, sentence: 'The target is 2000.', valueStart: 14, valueEnd: 18 });
    const e = renderMetricTable(table([row(b), row(a), row(c)]), { image: 'chart.png', builtAt: '2026-11-21T00:00:00Z', urlOf: (d) => (d === 'b.txt' ? 'https://example.com/b' : null) });
    expect(e.title).toBe('High-tech enterprises');
    expect(e.description).toBe('Jilin · 2018 · **524** [1]\nJilin · 2021 · **2705** [1]\nJiangyin · 2024 · **2000** *(target)* [2]');
    expect(e.fields).toHaveLength(2);
    expect(e.fields?.[0]?.value).toContain('> The number reached **2705** and **524**.');
    expect(e.fields?.[1]?.value).toContain('[link](https://example.com/b)');
    expect(e.image?.url).toBe('attachment://chart.png');
    expect(e.footer?.text).toContain('Index built 2026-11-21');
    expectValidEmbed(e);
  });

  it('many values: at most 25 citations and a note on what is left out', () => {
    const rows = Array.from({ length: 120 }, (_, i) => row(fact(i, { doc: `d${i}.txt`, value: i, text: String(i), sentence: `${'Long sentence words. '.repeat(30)} value ${i}.`, valueStart: 640, valueEnd: 643 })));
    const e = renderMetricTable(table(rows));
    expectValidEmbed(e);
    expect(e.fields?.length).toBeLessThanOrEqual(25);
    expect(e.description).toMatch(/…and \d+ more values/);
  });

  it('no values for the filter says so and what exists', () => {
    const e = renderMetricTable(table([]), { region: 'Hefei', year: 2020 });
    expect(e.description).toContain('No values of **high-tech enterprises** for Hefei in 2020');
    expect(e.description).toContain('Jilin, Jiangyin');
    expect(e.color).toBe(COLORS.abstain);
  });
});

describe('renderSourcesPage', () => {
  const docs = (n: number, title = 'Title'): SourceDoc[] =>
    Array.from({ length: n }, (_, i) => ({ id: `${String(i).padStart(3, '0')}_x.txt`, title: `${title} ${i}`, date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`, source: 'Src', url: null }));

  it('one page: no buttons', () => {
    const p = renderSourcesPage(docs(5), 0);
    expect(p.components).toBeUndefined();
    expect(p.embeds[0]?.title).toBe('Sources: 5 articles');
  });

  it('several pages: Previous/Next with the right state, newest first', () => {
    const all = docs(23);
    const first = renderSourcesPage(all, 0);
    const buttons = first.components?.[0]?.components ?? [];
    expect(buttons.map((b) => [(b as { label?: string }).label, b.disabled])).toEqual([['Previous', true], ['Next', false]]);
    expect(first.embeds[0]?.footer?.text).toContain('Page 1 of 3');
    expect(first.embeds[0]?.description?.startsWith('**1.** *Title 22*')).toBe(true);
    const nextId = (buttons[1] as { custom_id: string }).custom_id;
    expect(parseSourcesButton(nextId)).toBe(1);
    const last = renderSourcesPage(all, 99);
    expect(last.embeds[0]?.footer?.text).toContain('Page 3 of 3');
    expect(last.components?.[0]?.components.map((b) => b.disabled)).toEqual([false, true]);
    expect(parseSourcesButton('metric:1')).toBeNull();
  });

  it('long titles still fit', () => {
    const p = renderSourcesPage(docs(10, 'T'.repeat(2000)), 0);
    expectValidEmbed(p.embeds[0]!);
  });
});

describe('coverage, help, reindex', () => {
  it('coverage lists fit their fields', () => {
    const cov: Coverage = {
      documents: 3000,
      regions: Array.from({ length: 400 }, (_, i) => ({ id: `r${i}`, name: `Region number ${i}`, facts: 400 - i, years: [] })),
      metrics: Array.from({ length: 900 }, (_, i) => ({ key: `m${i}`, name: `metric with a long name ${i}`, values: 900 - i, kinds: [], regions: [], years: [] })),
      years: Array.from({ length: 30 }, (_, i) => ({ year: 1995 + i, facts: i })),
    };
    const e = renderCoverage(cov, { dates: ['2010-01-01', '2024-12-31'], builtAt: '2026-11-21T00:00:00Z' });
    expectValidEmbed(e);
    expect(e.fields?.[0]?.value).toMatch(/…and \d+ more$/);
    expect(e.fields?.[2]?.value).toMatch(/…and \d+ more \(browse with `\/metric`\)$/);
  });

  it('help lists the commands and example questions', () => {
    const e = renderHelp({ text: 'I answer questions.', examples: ['How many high-tech enterprises does Jilin have?'], commands: [{ name: 'ask', description: 'Ask' }], channels: ['123456789012345678'] });
    expect(e.fields?.map((f) => f.name)).toEqual(['Example questions', 'Try it', 'Commands', 'In chat']);
    expect(e.fields?.[3]?.value).toContain('<#123456789012345678>');
  });

  it('the reindex summary shows counts, changes and skipped files', () => {
    const e = renderReindex(
      { documents: 6, chunks: 50, facts: 77, metrics: 58, seconds: 0.4, outDir: '/x', skipped: [{ file: 'bad.txt', reason: 'no article text' }] },
      { builtAt: '2026-11-21T00:00:00Z', before: { documents: 5, facts: 63 } },
    );
    expect(e.fields?.find((f) => f.name === 'Articles')?.value).toBe('6 (was 5)');
    expect(e.fields?.find((f) => f.name.startsWith('Skipped'))?.value).toBe('`bad.txt`: no article text');
  });
});
