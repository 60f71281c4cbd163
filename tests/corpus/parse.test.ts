import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle, splitFrontMatter } from '../../src/corpus/parse.js';
import type { Article } from '../../src/corpus/types.js';

const CORPUS = new URL('../../corpus/', import.meta.url);
const FILES = readdirSync(CORPUS).filter((f) => /\.(?:txt|md)$/.test(f)).sort();

function corpusArticle(prefix: string): Article {
  const name = FILES.find((f) => f.startsWith(`${prefix}_`));
  if (!name) throw new Error(`no corpus file ${prefix}_*`);
  return parseArticle(name, readFileSync(new URL(name, CORPUS), 'utf8'));
}

interface CorpusCase {
  prefix: string;
  title: string;
  notTitle: string | null;
  date: string;
  source: string | null;
  mainRegion: string;
  /** Text of the dateline / header lines that must not be left in the body. */
  headerLeftovers: string[];
}

const CORPUS_CASES: CorpusCase[] = [
  {
    prefix: '000',
    title: 'Jilin Makes Great Progress in Improving Regional Innovation Competency',
    notTitle: null,
    date: '2021-12-16',
    source: 'CCFAO',
    mainRegion: 'jilin',
    headerLeftovers: ['Updated :', 'Source : CCFAO'],
  },
  {
    prefix: '001',
    title: 'Jilin Province Will Firmly Implement the Innovation-driven Development Strategy',
    notTitle: 'Investment Dynamics',
    date: '2018-04-11',
    source: 'Jilin Provincial Investment Promotion Website',
    mainRegion: 'jilin',
    headerLeftovers: ['Investment Dynamics', 'Date:2018', 'Author:', 'Total visits', 'Contact Us'],
  },
  {
    prefix: '002',
    title:
      "Local Government, Enterprises, Universities, and Research Institutes Collaborate to Propel Changchun's Industrial Development through Scientific and Educational Resources",
    notTitle: null,
    date: '2024-05-28',
    source: 'CCFAO',
    mainRegion: 'changchun',
    headerLeftovers: ['Updated :', 'Source : CCFAO'],
  },
  {
    prefix: '003',
    title: 'Jilin province embraces new quality productive forces',
    notTitle: 'Home>Investment>Biz Updates',
    date: '2024-04-11',
    source: 'gojilin.gov.cn',
    mainRegion: 'jilin',
    headerLeftovers: ['Biz Updates', 'Updated: April', 'L M S', 'A production line of FAW Hongqi', 'swings into gear'],
  },
  {
    prefix: '004',
    title: 'Jiangyin, Jiangsu: “Science and innovation Jiangyin” action plan, focusing on the implementation of “six projects”',
    notTitle: null,
    date: '2022-06-01',
    source: null,
    mainRegion: 'jiangyin',
    headerLeftovers: ['2022-06-01', 'review: Yue Liang'],
  },
];

const BOILERPLATE = [
  'Fonts',
  'A+ A A-',
  'Print',
  'All rights reserved',
  'Privacy Statement',
  'Record No',
  '[Photo',
  'Editor: Zhang Qiqi',
  'Home>',
];

describe('parseArticle over the corpus', () => {
  it('finds the five corpus files', () => {
    expect(FILES).toHaveLength(5);
  });

  it.each(CORPUS_CASES)('$prefix: title, date, source and main region', (c) => {
    const a = corpusArticle(c.prefix);
    expect(a.title).toBe(c.title);
    if (c.notTitle) expect(a.title).not.toContain(c.notTitle);
    expect(a.date).toBe(c.date);
    expect(a.source).toBe(c.source);
    expect(a.url).toBeNull();
    expect(a.mainRegion).toBe(c.mainRegion);
    expect(a.regions[0]).toBe(c.mainRegion);
    expect(a.id).toMatch(new RegExp(`^${c.prefix}_`));
  });

  it.each(CORPUS_CASES)('$prefix: the body holds no web-page boilerplate', (c) => {
    const a = corpusArticle(c.prefix);
    for (const b of BOILERPLATE) expect(a.text, b).not.toContain(b);
    for (const h of c.headerLeftovers) expect(a.text, h).not.toContain(h);
    // The title is not repeated as the first body line.
    expect(a.text.startsWith(a.title)).toBe(false);
  });

  it.each(CORPUS_CASES)('$prefix: the body is clean paragraphs', (c) => {
    const a = corpusArticle(c.prefix);
    expect(a.text.length).toBeGreaterThan(500);
    expect(a.text).toBe(a.text.trim());
    expect(a.text).not.toMatch(/\n{3,}/);
    expect(a.text).not.toMatch(/[ \t]\n|\n[ \t]/);
    expect(a.text).not.toMatch(/ {2,}/);
    expect(a.text).not.toContain('\u00a0');
    expect(a.text).not.toContain('\r');
    for (const p of a.text.split('\n\n')) expect(p.trim().length).toBeGreaterThan(0);
  });

  it.each([
    ['004', 'set up. The annual turnover', 'set up.The annual'],
    ['004', 'productivity, lighting', 'productivity,lighting'],
    ['004', 'reached 2000; The total', '2000;The total'],
    ['004', 'yuan.” We will', 'yuan.”We'],
    ['004', 'innovation ability, To build', 'ability,To build'],
  ])('%s: glued sentences are repaired (%s)', (prefix, repaired, glued) => {
    const a = corpusArticle(prefix);
    expect(a.text).toContain(repaired);
    expect(a.text).not.toContain(glued);
  });

  it.each([
    ['000', 'According to Jilin Provincial Department of Science and Technology', 'Director of Development and Planning of Jilin Provincial Department of Science and Technology.'],
    ['001', 'Learned from the province’s science and technology work conference', 'training of local innovative talents.'],
    ['002', 'In mid-April, at the project review meeting', 'increased by 193% compared to 2022.'],
    ['003', 'Jilin province is harnessing the opportunities', 'lifestyles, and consumption patterns.'],
    ['004', 'Science and technology journal reporter', '’.” Xu feng said.'],
  ])('%s: the body starts and ends at the article text', (prefix, first, last) => {
    const a = corpusArticle(prefix);
    expect(a.text.startsWith(first)).toBe(true);
    expect(a.text.endsWith(last)).toBe(true);
  });

  it('000 mentions other provinces but is about Jilin', () => {
    const a = corpusArticle('000');
    expect(a.regions).toEqual(expect.arrayContaining(['jilin', 'beijing', 'shanghai', 'guangdong', 'zhejiang']));
  });
});

describe('parseArticle on synthetic pages', () => {
  it('front matter wins over the headline, dateline and footer', () => {
    const raw = [
      '---',
      'title: "Changchun opens a photonics lab"',
      'date: 2023-03-05',
      "source: 'Jilin Daily'",
      'url: https://example.com/photonics',
      '---',
      'A Different Headline Written Here',
      'Updated: 2020-01-01 Source: Other Paper',
      '',
      'Changchun opened a new photonics laboratory on Monday. It has 40 researchers.',
      '',
      'All rights reserved: Some Other Website',
    ].join('\n');
    const a = parseArticle('fm.txt', raw);
    expect(a).toMatchObject({
      id: 'fm.txt',
      title: 'Changchun opens a photonics lab',
      date: '2023-03-05',
      source: 'Jilin Daily',
      url: 'https://example.com/photonics',
      mainRegion: 'changchun',
    });
    expect(a.text).toContain('Changchun opened a new photonics laboratory on Monday. It has 40 researchers.');
    expect(a.text).not.toContain('---');
    expect(a.text).not.toContain('title:');
    expect(a.text).not.toContain('All rights reserved');
  });

  it('front matter with only some keys: the rest comes from the page', () => {
    const raw = '---\nurl: https://example.com/x\n---\nJilin Sets Up A New Science Fund\nSource: Xinhua | 2022-07-08\n\nJilin set up a fund of RMB 1 billion.\n';
    const a = parseArticle('partial.txt', raw);
    expect(a.title).toBe('Jilin Sets Up A New Science Fund');
    expect(a.date).toBe('2022-07-08');
    expect(a.source).toBe('Xinhua');
    expect(a.url).toBe('https://example.com/x');
    expect(a.text).toBe('Jilin set up a fund of RMB 1 billion.');
  });

  it('splitFrontMatter reads simple key: value lines and ignores other keys', () => {
    const { meta, content } = splitFrontMatter('---\ntitle: A title\nauthor: Someone\ndate: "2021-01-02"\n---\nBody line.\n');
    expect(meta).toEqual({ title: 'A title', date: '2021-01-02' });
    expect(content).toBe('Body line.\n');
    expect(splitFrontMatter('No front matter here.\n')).toEqual({ meta: {}, content: 'No front matter here.\n' });
  });

  it('a .md file: the # heading is the title and Markdown syntax is removed from the body', () => {
    const raw = [
      '# Jiangyin Launches New Innovation Plan',
      '',
      '*Published: 21 March 2023*',
      '',
      'Jiangyin city has launched a **three-year** plan. The [plan](https://example.com/plan) covers six projects.',
      '',
      '![a photo](photo.jpg)',
      '- It funds new laboratories.',
      '> Officials said it will attract talent.',
    ].join('\n');
    const a = parseArticle('plan.md', raw);
    expect(a.title).toBe('Jiangyin Launches New Innovation Plan');
    expect(a.date).toBe('2023-03-21');
    expect(a.mainRegion).toBe('jiangyin');
    expect(a.text).toContain('Jiangyin city has launched a three-year plan. The plan covers six projects.');
    expect(a.text).toContain('It funds new laboratories.');
    expect(a.text).toContain('Officials said it will attract talent.');
    for (const syntax of ['#', '**', '](', '![', '> ', '- It']) expect(a.text, syntax).not.toContain(syntax);
  });

  it('the same heading in a .txt file keeps Markdown characters (no Markdown parsing)', () => {
    const a = parseArticle('plan.txt', 'Jiangyin Launches New Innovation Plan\n2023-03-21\n\nThe **plan** covers six projects.\n');
    expect(a.text).toBe('The **plan** covers six projects.');
  });

  it.each([
    ['Published: 3 March 2023', '2023-03-03', null],
    ['Published: 21 March 2023', '2023-03-21', null],
    ['2021年12月16日', '2021-12-16', null],
    ['By Reuters | 2023/05/06', '2023-05-06', null],
    ['Posted on Sept. 5, 2023', '2023-09-05', null],
    ['Updated: 2024-04-11 09:30', '2024-04-11', null],
    ['Source: Xinhua | 2023-05-06', '2023-05-06', 'Xinhua'],
    ['chinadaily.com.cn | Updated: 2023-05-06 10:12', '2023-05-06', 'chinadaily.com.cn'],
    ['来源：吉林日报 | 2021年12月16日', '2021-12-16', '吉林日报'],
  ])('dateline %j gives date %s and source %s', (dateline, date, source) => {
    const raw = `Changchun Expands Its Optics Valley\n${dateline}\n\nChangchun expanded its optics valley this spring. More firms will join.\n`;
    const a = parseArticle('dateline.txt', raw);
    expect(a.title).toBe('Changchun Expands Its Optics Valley');
    expect(a.date).toBe(date);
    expect(a.source).toBe(source);
    expect(a.text).toBe('Changchun expanded its optics valley this spring. More firms will join.');
  });

  it('an article without any date has date null and still a title and body', () => {
    const a = parseArticle('nodate.txt', 'Jilin Builds New Laboratories\n\nJilin is building eight key laboratories. They open next year.\n');
    expect(a.date).toBeNull();
    expect(a.source).toBeNull();
    expect(a.title).toBe('Jilin Builds New Laboratories');
    expect(a.text).toBe('Jilin is building eight key laboratories. They open next year.');
  });

  it('a byte-order mark and CRLF line ends are handled', () => {
    const a = parseArticle('crlf.txt', '\uFEFFJilin Builds New Laboratories\r\nUpdated: 2022-02-03\r\n\r\nJilin is building labs.\r\nThey open next year.\r\n');
    expect(a.title).toBe('Jilin Builds New Laboratories');
    expect(a.date).toBe('2022-02-03');
    expect(a.text).not.toContain('\r');
    expect(a.text).toBe('Jilin is building labs.\n\nThey open next year.');
  });

  it('the title region wins over the most mentioned one, and a place beats its province', () => {
    const raw = 'Jiangyin, Jiangsu Opens Innovation Center\n2022-06-01\n\nJiangsu province supports it. Jiangsu leads. Jiangsu invests.\n';
    const a = parseArticle('x.txt', raw);
    expect(a.mainRegion).toBe('jiangyin');
    expect(a.regions[0]).toBe('jiangsu');
  });

  it('organization names such as Jilin University do not make an article about Jilin', () => {
    const a = parseArticle('org.txt', 'Changchun Startups Thrive\n2024-01-02\n\nJilin University spun off ten companies in Changchun.\n');
    expect(a.mainRegion).toBe('changchun');
    expect(a.regions).not.toContain('jilin');
  });
});
