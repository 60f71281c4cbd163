/** Page furniture that carries facts about other places, and captions and wire openings that do not belong to a sentence. */
import { describe, expect, it } from 'vitest';
import { captionText, parseArticle, withoutRelatedLinks } from '../../src/corpus/parse.js';

describe('withoutRelatedLinks', () => {
  it.each([
    ['a "Related News" block of bullet headlines', ['Body sentence one.', '', 'Related News', '· Gansu R&D intensity climbs to 1.3 percent', '· Ningxia adds 90 labs', '', 'Closing sentence of the article is here.'], ['Body sentence one.', '', 'Closing sentence of the article is here.']],
    ['"Related stories:" with dashes', ['Text.', 'Related stories:', '- Qinghai opens a lab', '- Tibet expands 5G'], ['Text.']],
    ['no block', ['One.', 'Two.'], ['One.', 'Two.']],
    ['"related" inside a sentence is text', ['Related industries grew 8 percent in Anqing last year.'], ['Related industries grew 8 percent in Anqing last year.']],
  ])('%s', (_name, lines, expected) => {
    expect(withoutRelatedLinks(lines)).toEqual(expected);
  });
});

describe('captionText', () => {
  it.each([
    ['Photo: Workers test a battery line in Wuhu, which produced 1.2 million packs last year', 'Workers test a battery line in Wuhu, which produced 1.2 million packs last year.'],
    ['A robot arm at a plant in Bengbu that makes 3,000 units a day. [Photo/Anhui Daily]', 'A robot arm at a plant in Bengbu that makes 3,000 units a day.'],
    ['A production line of a car maker. [Photo/Anhui Daily]', null],
    ['Photo by Li Ming', null],
    ['The province ranked 9th in the country.', null],
  ])('%j -> %j', (line, expected) => {
    expect(captionText(line)).toBe(expected);
  });
});

describe('wire-story openings', () => {
  it.each([
    ['WUHU --', 'WUHU -- Wuhu had 1,234 high-tech enterprises at the end of 2023.'],
    ['HEFEI, May 6 (Xinhua) --', 'HEFEI, May 6 (Xinhua) -- Wuhu had 1,234 high-tech enterprises at the end of 2023.'],
  ])('"%s" is not part of the first sentence', (_opener, first) => {
    const a = parseArticle('x.txt', `Wuhu reports a record year for innovation\n2024-05-06 Source: Test\n\n${first}\n`);
    expect(a.text.startsWith('Wuhu had 1,234')).toBe(true);
  });
});
