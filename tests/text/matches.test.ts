import { describe, expect, it } from 'vitest';
import { eachMatch } from '../../src/text/matches.js';

describe('eachMatch gives the matches matchAll gives', () => {
  it.each<{ re: RegExp; text: string }>([
    { re: /\b(19\d\d|20\d\d)\b/g, text: 'From 1998 to 2024, and 20255 is no year.' },
    { re: /\bthis (year|month)\b/gi, text: 'This year and this month, not thisyear.' },
    { re: /x*/g, text: 'axxbx' },
    { re: /(?<n>\d+)(?<unit>%)?/g, text: '12% of 30 and 4%' },
    { re: /q/g, text: '' },
  ])('$re on $text', ({ re, text }) => {
    const got: [number, string, (string | undefined)[], Record<string, string | undefined> | undefined][] = [];
    eachMatch(re, text, (m) => got.push([m.index, m[0], [...m.slice(1)], m.groups ? { ...m.groups } : undefined]));
    const expected = [...text.matchAll(re)].map((m) => [m.index, m[0], [...m.slice(1)], m.groups ? { ...m.groups } : undefined]);
    expect(got).toEqual(expected);
    expect(re.lastIndex).toBe(0);
  });
});
