import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { cooldownMessage } from '../../src/discord/answer-embed.js';
import { boldText, cut, cutMarkdown, embedLength, escapeQuestion, escapeText, fitChoices, fitEmbed, fitEmbeds, quoteSnippet } from '../../src/discord/format.js';
import { LIMITS } from '../../src/discord/limits.js';
import { userErrorMessage } from '../../src/discord/respond.js';
import { RegionbotError } from '../../src/errors.js';
import { SENTENCES, boldBalanced, expectValidEmbed } from './embed-helpers.js';

describe('cut', () => {
  it.each([
    ['short text is unchanged', 'Hello world.', 20, 'Hello world.'],
    ['exact fit is unchanged', 'abcde', 5, 'abcde'],
    ['at a sentence boundary', 'First sentence here. Second sentence is much longer than that.', 40, 'First sentence here. …'],
    ['at a word boundary when no sentence ends in reach', 'one two three four five six seven eight', 20, 'one two three four…'],
    ['hard cut for one long word', 'abcdefghijklmnopqrstuvwxyz', 10, 'abcdefghi…'],
    ['max 1', 'abc', 1, '…'],
    ['max 0', 'abc', 0, ''],
    ['CJK full stop is a boundary', '第一句话。第二句话很长很长很长很长很长。', 12, '第一句话。 …'],
    ['a decimal point is not a boundary', 'Investment reached 15.95 billion yuan in the year 2021 overall', 30, 'Investment reached 15.95…'],
  ])('%s', (_name, text, max, expected) => {
    const out = cut(text, max);
    expect(out).toBe(expected);
    expect(out.length).toBeLessThanOrEqual(max);
  });

  it('never splits a surrogate pair', () => {
    const out = cut('😀'.repeat(20), 8);
    expect(out.length).toBeLessThanOrEqual(8);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('always fits, whatever the text and the room', () => {
    for (const max of [2, 3, 10, 99, 100, 1024, 2000, 4096]) {
      for (const text of [SENTENCES, 'x'.repeat(5000), `${'word '.repeat(900)}`, `${'a.\n'.repeat(2000)}`]) {
        const out = cut(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out.endsWith('…')).toBe(true);
      }
    }
  });
});

describe('cutMarkdown', () => {
  it('keeps bold pairs balanced when the cut falls inside bold text', () => {
    const text = `Intro. **${'very bold words '.repeat(20)}** tail.`;
    for (const max of [20, 50, 100, 150]) {
      const out = cutMarkdown(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(boldBalanced(out)).toBe(true);
    }
  });

  it('drops a link cut in its URL and a reference cut in half', () => {
    expect(cutMarkdown(`See the article [here](https://example.com/${'x'.repeat(80)}) now.`, 50)).toBe('See the article…');
    const out = cutMarkdown(`Value of something is large ${'[1'.padEnd(3, ']')}`.repeat(1) + ' and more words here [12] end', 30);
    expect(out).not.toMatch(/\[\d*…$/);
  });

  it('does not leave a dangling backslash before the ellipsis', () => {
    const out = cutMarkdown(`${'a'.repeat(8)}\\*${'b'.repeat(40)}`, 11);
    expect(out.length).toBeLessThanOrEqual(11);
    expect(out).not.toMatch(/(^|[^\\])\\…$/);
  });
});

describe('escapeText', () => {
  it.each([
    ['bold and italics', '**bold** _it_', '\\*\\*bold\\*\\* \\_it\\_'],
    ['@everyone and @here', 'hi @everyone and @here', 'hi @\u200beveryone and @\u200bhere'],
    ['user, role and channel mentions', '<@123> <@&456> <#789>', '\\<@123\\> \\<@&456\\> \\<#789\\>'],
    ['masked links', '[click](https://evil.example)', '\\[click\\](https://evil.example)'],
    ['code and spoilers', '`x` ||secret||', '\\`x\\` \\|\\|secret\\|\\|'],
    ['headings at line start', '# Big\n## Less', '\\# Big\n\\## Less'],
    ['lists and quotes at line start', '- item\n1. first\n> quote', '\\- item\n1\\. first\n\\> quote'],
    ['no list escape mid-line', 'R&D - up 5.5%', 'R&D - up 5.5%'],
    ['plain text unchanged', "What was Jilin's R&D investment in 2021?", "What was Jilin's R&D investment in 2021?"],
  ])('%s', (_name, input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it('escapeQuestion puts the question on one line', () => {
    expect(escapeQuestion('  a\n# b  ')).toBe('a # b');
  });
});

describe('quoted sentences', () => {
  it('bolds the ranges (merged, clipped, trimmed) and escapes the rest', () => {
    expect(boldText('a *b* 15.95 c', [[6, 11]])).toBe('a \\*b\\* **15.95** c');
    expect(boldText('one two three', [[4, 7], [5, 13], [40, 50]])).toBe('one **two three**');
    expect(boldText('x 12 y', [[1, 5]])).toBe('x **12** y');
    expect(boldText('# 5 heading', [[2, 3]])).toBe('\\# **5** heading');
  });

  it('shows a window around the bold number when the sentence is too long', () => {
    const long = `${'Lots of context words here. '.repeat(40)}The total reached RMB15.95 billion in 2021. ${'More words follow after it. '.repeat(40)}`;
    const at = long.indexOf('RMB15.95 billion');
    const out = quoteSnippet(long, [[at, at + 'RMB15.95 billion'.length]], 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toContain('**RMB15.95 billion**');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(boldBalanced(out)).toBe(true);
  });

  it('fits even when escaping makes it longer', () => {
    const starry = '*'.repeat(3000);
    const out = quoteSnippet(starry, [[1500, 1510]], 300);
    expect(out.length).toBeLessThanOrEqual(300);
  });
});

describe('fitEmbed', () => {
  it.each([
    ['title', { title: 'x'.repeat(1000) }],
    ['description', { description: SENTENCES }],
    ['footer', { footer: { text: 'f'.repeat(3000) } }],
    ['author', { author: { name: 'a'.repeat(300) } }],
    ['40 fields', { fields: Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`, value: 'v'.repeat(1500) })) }],
    ['empty field', { fields: [{ name: '', value: '  ' }] }],
    ['everything at once', { title: 'x'.repeat(1000), description: SENTENCES, footer: { text: 'f'.repeat(3000) }, fields: Array.from({ length: 30 }, () => ({ name: 'n'.repeat(300), value: SENTENCES })) }],
  ])('%s', (_name, embed: APIEmbed) => {
    expectValidEmbed(fitEmbed(embed));
  });

  it('several embeds share the 6,000 characters of a message', () => {
    const many = Array.from({ length: 12 }, () => ({ description: SENTENCES }));
    const out = fitEmbeds(many);
    expect(out.length).toBeLessThanOrEqual(10);
    expect(out.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });
});

describe('small messages', () => {
  it('autocomplete choices: at most 25, names and values of 1 to 100 characters, no duplicates', () => {
    const choices = fitChoices([
      ...Array.from({ length: 40 }, (_, i) => ({ name: `${'n'.repeat(150)} ${i}`, value: `v${i}` })),
      { name: 'dup', value: 'v1' },
    ]);
    expect(choices).toHaveLength(25);
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(fitChoices([{ name: '  ', value: 'x' }])).toEqual([{ name: 'x', value: 'x' }]);
    expect(fitChoices([{ name: 'a', value: 'v1' }, { name: 'b', value: 'v1' }])).toHaveLength(1);
  });

  it.each([
    [0.2, 'Please wait 1 s before asking another question.'],
    [4.01, 'Please wait 5 s before asking another question.'],
  ])('cooldown %s s', (s, text) => {
    expect(cooldownMessage(s)).toBe(text);
  });

  it('errors: the person\'s own mistake in words, anything else briefly', () => {
    expect(userErrorMessage(new RegionbotError('E_QUESTION', 'the question is too long (600 characters; the limit is 500)'))).toBe(
      'The question is too long (600 characters; the limit is 500).',
    );
    const generic = userErrorMessage(new Error('ECONNRESET at /secret/path'));
    expect(generic).not.toContain('secret');
    expect(generic).toMatch(/^Sorry/);
  });
});
