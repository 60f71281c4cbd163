import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBoilerplateLine, repairText, stripTrailingCredits } from '../../src/corpus/clean.js';
import { parseArticle } from '../../src/corpus/parse.js';
import { splitSentences, wordBefore } from '../../src/corpus/sentences.js';
import type { Sentence } from '../../src/corpus/types.js';

function texts(sentences: Sentence[]): string[] {
  return sentences.map((s) => s.text);
}

function expectExactOffsets(text: string, sentences: Sentence[]): void {
  sentences.forEach((s, i) => {
    expect(s.index).toBe(i);
    expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
    if (i > 0) expect(s.start).toBeGreaterThanOrEqual(sentences[i - 1]!.end);
  });
}

describe('splitSentences', () => {
  it.each([
    [
      'abbreviation Co. and Ltd.',
      'FAW Jiefang Co. Ltd. invested RMB 2 billion. The plant opened in May.',
      ['FAW Jiefang Co. Ltd. invested RMB 2 billion.', 'The plant opened in May.'],
    ],
    [
      'abbreviation U.S.',
      'The U.S. market grew 3.5% last year. Exports rose.',
      ['The U.S. market grew 3.5% last year.', 'Exports rose.'],
    ],
    [
      'abbreviation No.',
      'The lab is in Building No. 5 of the park. It opened in 2020.',
      ['The lab is in Building No. 5 of the park.', 'It opened in 2020.'],
    ],
    [
      'titles Dr. and Prof.',
      'Dr. Wang and Prof. Li signed the deal. It covers 12 projects.',
      ['Dr. Wang and Prof. Li signed the deal.', 'It covers 12 projects.'],
    ],
    [
      'month abbreviation',
      'The fund starts in Jan. 2025 with new rules. Firms may apply.',
      ['The fund starts in Jan. 2025 with new rules.', 'Firms may apply.'],
    ],
    [
      'initials',
      'J. K. Smith joined the team. It worked.',
      ['J. K. Smith joined the team.', 'It worked.'],
    ],
    [
      'decimals',
      'Total R&D reached RMB15.95 billion, up 7.48% and 0.5 points. The intensity was 1.3%.',
      ['Total R&D reached RMB15.95 billion, up 7.48% and 0.5 points.', 'The intensity was 1.3%.'],
    ],
    [
      'a sentence ending in a number',
      'The number reached 2000. Talents reached 560,000. Done.',
      ['The number reached 2000.', 'Talents reached 560,000.', 'Done.'],
    ],
    [
      'question and exclamation marks',
      'How can it grow? By innovation! That is the answer.',
      ['How can it grow?', 'By innovation!', 'That is the answer.'],
    ],
    [
      'closing quote after the period',
      'He said: “We will win.” Then he left.',
      ['He said: “We will win.”', 'Then he left.'],
    ],
    [
      'semicolon followed by a capital',
      'The number reached 2000; The total number of talents reached 560,000.',
      ['The number reached 2000;', 'The total number of talents reached 560,000.'],
    ],
    [
      'semicolon inside a sentence',
      'It built labs; it also trained talents. Next.',
      ['It built labs; it also trained talents.', 'Next.'],
    ],
    [
      'lowercase after a period is not a new sentence',
      'The value was approx. five billion. Next.',
      ['The value was approx. five billion.', 'Next.'],
    ],
    ['Chinese punctuation', '吉林省发布了新政策。长春市也响应了！', ['吉林省发布了新政策。', '长春市也响应了！']],
  ])('%s', (_name, text, expected) => {
    const sentences = splitSentences(text);
    expect(texts(sentences)).toEqual(expected);
    expectExactOffsets(text, sentences);
  });

  it.each([
    [
      'were set up.The annual turnover exceeds 9 billion yuan.”We will try.Xu feng said.',
      ['were set up.', 'The annual turnover exceeds 9 billion yuan.”', 'We will try.', 'Xu feng said.'],
    ],
    [
      'to realistic productivity,lighting a new engine;The total is 2000;The next one?Jiangyin grows.',
      ['to realistic productivity, lighting a new engine;', 'The total is 2000;', 'The next one?', 'Jiangyin grows.'],
    ],
    [
      'Growth was 15.95%.Next year,it will be more.',
      ['Growth was 15.95%.', 'Next year, it will be more.'],
    ],
  ])('glued punctuation is split after repairText: %j', (glued, expected) => {
    const text = repairText(glued);
    const sentences = splitSentences(text);
    expect(texts(sentences)).toEqual(expected);
    expectExactOffsets(text, sentences);
  });

  it('numbers paragraphs separated by blank lines, and counts sentences across them', () => {
    const text = 'First one. Second one!\n\nThird one? Fourth one.\n\nFifth one.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => [s.index, s.paragraph, s.text])).toEqual([
      [0, 0, 'First one.'],
      [1, 0, 'Second one!'],
      [2, 1, 'Third one?'],
      [3, 1, 'Fourth one.'],
      [4, 2, 'Fifth one.'],
    ]);
    expectExactOffsets(text, sentences);
  });

  it('skips empty and punctuation-only pieces', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('\n\n  \n\n')).toEqual([]);
    expect(texts(splitSentences('Real sentence here.\n\n...\n\n—\n\nAnother one.'))).toEqual(['Real sentence here.', 'Another one.']);
    expect(splitSentences('Real sentence here.\n\n...\n\n—\n\nAnother one.').map((s) => s.paragraph)).toEqual([0, 3]);
  });

  it('a sentence without final punctuation is kept', () => {
    const text = 'Xu feng said';
    expect(splitSentences(text)).toEqual([{ index: 0, paragraph: 0, start: 0, end: 12, text: 'Xu feng said' }]);
  });

  const corpus = new URL('../../corpus/', import.meta.url);
  const files = readdirSync(corpus).filter((f) => f.endsWith('.txt')).sort();
  it.each(files)('%s: offsets are exact and the sentences cover the text', (file) => {
    const a = parseArticle(file, readFileSync(new URL(file, corpus), 'utf8'));
    const sentences = splitSentences(a.text);
    expect(sentences.length).toBeGreaterThan(5);
    expectExactOffsets(a.text, sentences);
    // Between consecutive sentences there is only white space: nothing of the text is dropped.
    let at = 0;
    for (const s of sentences) {
      expect(a.text.slice(at, s.start).trim()).toBe('');
      at = s.end;
    }
    expect(a.text.slice(at).trim()).toBe('');
    // Paragraph numbers match the blank-line paragraphs.
    expect(sentences[sentences.length - 1]!.paragraph).toBe(a.text.split('\n\n').length - 1);
    // No sentence is cut inside a decimal number ("15." + "95 billion").
    sentences.forEach((s, i) => {
      const next = sentences[i + 1];
      if (/\d\.$/.test(s.text) && next && next.start === s.end) expect(next.text).not.toMatch(/^\d/);
      expect(a.text.slice(s.end - 1, s.end + 1)).not.toMatch(/^\.\d/);
    });
  });
});

describe('repairText', () => {
  it.each([
    ['were set up.The annual turnover', 'were set up. The annual turnover'],
    ['productivity,lighting a new engine', 'productivity, lighting a new engine'],
    ['reached 2000;The total', 'reached 2000; The total'],
    ['opportunity?Jiangyin', 'opportunity? Jiangyin'],
    ['9 billion yuan.”We will', '9 billion yuan.” We will'],
    ['a total of 560,000 people', 'a total of 560,000 people'],
    ['RMB15.95 billion', 'RMB15.95 billion'],
    ['the U.S. market', 'the U.S. market'],
    ['in 2021,the city', 'in 2021, the city'],
    ['吉林，长春；延边：', '吉林, 长春; 延边:'],
    ['a\u00a0b\u3000c   d', 'a b c d'],
    ['word , next .', 'word, next.'],
  ])('%j -> %j', (input, output) => {
    expect(repairText(input)).toBe(output);
  });
});

describe('cleaning helpers', () => {
  it.each([
    ['【Fonts: A+ A A- Print', true],
    ['L M S', true],
    ['Print', true],
    ['Home>Investment>Biz Updates', true],
    ['HomeContact Us   All rights reserved: Jilin Provincial Investment Promotion Website', true],
    ['Editor: Zhang Qiqi', true],
    ['A production line of FAW Hongqi. [Photo/Jilin Daily]', true],
    ['Photo by Li Ming', true],
    ['The province ranked 17th in the country.', false],
    ['Jilin printed new rules for labs.', false],
    ['', false],
  ])('isBoilerplateLine(%j) is %s', (line, expected) => {
    expect(isBoilerplateLine(line)).toBe(expected);
  });

  it.each([
    ['“…industry.” Xu feng said.Editor: Zhang Qiqi review: Yue Liang', '“…industry.” Xu feng said.'],
    ['The fund opened. Reporter: Li Ming', 'The fund opened.'],
    ['The source of growth is innovation.', 'The source of growth is innovation.'],
  ])('stripTrailingCredits(%j)', (input, output) => {
    expect(stripTrailingCredits(input)).toBe(output);
  });
});

describe('wordBefore reads the word a text ends with, as /([A-Za-z][A-Za-z.]*)$/ does', () => {
  const byRegex = (s: string): string | undefined => /([A-Za-z][A-Za-z.]*)$/.exec(s)?.[1];
  it.each(['The ferry left at 9 a.m', 'Dock No', 'the U.S', 'berth 12', 'pier..', 'a ..b.c', '..', '', 'Quay)', 'x', ' e.g', 'Harbour-side', 'MV.Anna'])('%j', (text) => {
    expect(wordBefore(text, 0, text.length)).toBe(byRegex(text));
    // Within a longer text: only the range counts.
    const padded = `Ab ${text}.cd`;
    expect(wordBefore(padded, 3, 3 + text.length)).toBe(byRegex(text));
  });
});
