import { describe, expect, it } from 'vitest';
import { findDate, parseDate } from '../../src/corpus/dates.js';

describe('parseDate', () => {
  it.each([
    ['2021-12-16', '2021-12-16'],
    ['2018/04/11', '2018-04-11'],
    ['2024.05.28', '2024-05-28'],
    ['2021-1-5', '2021-01-05'],
    ['2021-12-16T10:00:00Z', '2021-12-16'],
    ['  2022-06-01  ', '2022-06-01'],
    ['2021年12月16日', '2021-12-16'],
    ['2021 年 3 月 7 日', '2021-03-07'],
    ['April 11, 2024', '2024-04-11'],
    ['Apr. 11 2024', '2024-04-11'],
    ['Sept. 5, 2023', '2023-09-05'],
    ['December 1st, 2020', '2020-12-01'],
    ['11 April 2024', '2024-04-11'],
    ['3rd March 2023', '2023-03-03'],
    ['16/12/2021', '2021-12-16'],
    ['04/11/2018', '2018-04-11'],
    ['16.12.2021', '2021-12-16'],
    ['February 29, 2024', '2024-02-29'],
  ])('%j -> %s', (input, iso) => {
    expect(parseDate(input)).toBe(iso);
  });

  it.each([
    ['2021-02-30'],
    ['2021-13-01'],
    ['2021-00-10'],
    ['2021-04-31'],
    ['February 29, 2023'],
    ['February 30, 2021'],
    ['31/02/2021'],
    ['2021年2月30日'],
    ['1850-01-01'],
    ['2150-01-01'],
    ['March 30'],
    ['May 2023'],
    ['2023'],
    ['yesterday'],
    [''],
  ])('%j is not a date -> null', (input) => {
    expect(parseDate(input)).toBeNull();
  });
});

describe('findDate', () => {
  it.each([
    ['Updated : 2021-12-16Source : CCFAO', '2021-12-16', 10],
    ['Date:2018/04/11 09:42:00 Author: Source:', '2018-04-11', 5],
    ['gojilin.gov.cn | Updated: April 11, 2024', '2024-04-11', 26],
    ['2022-06-01 0 By', '2022-06-01', 0],
    ['发布时间：2021年12月16日 来源：吉林日报', '2021-12-16', 5],
    ['By Reuters | 2023/05/06', '2023-05-06', 13],
    ['Published: 3 March 2023', '2023-03-03', 11],
  ])('%j -> %s at offset %i, with exact offsets', (text, iso, start) => {
    const d = findDate(text);
    expect(d).not.toBeNull();
    expect(d!.iso).toBe(iso);
    expect(d!.start).toBe(start);
    expect(parseDate(text.slice(d!.start, d!.end))).toBe(iso);
    // The match covers the whole date: nothing date-like is cut off on either side.
    expect(text.slice(d!.start, d!.end)).toMatch(/^\d|^[A-Za-z]/);
    expect(text.slice(d!.end)).not.toMatch(/^\d/);
  });

  it('returns the earliest date when several forms occur', () => {
    expect(findDate('Written April 2, 2023, updated 2023-05-06')?.iso).toBe('2023-04-02');
    expect(findDate('updated 2023-05-06, written April 2, 2023')?.iso).toBe('2023-05-06');
  });

  it.each([
    ['the conference held on March 30'],
    ['in 2018 the province ranked 17th'],
    ['the three-year plan (2022-2024)'],
    ['a ratio of 1:3 and 15.95 billion yuan'],
    ['No. 10003975'],
  ])('no date in %j', (text) => {
    expect(findDate(text)).toBeNull();
  });
});

describe('known gaps', () => {
  // The first match of a pattern is an impossible date, so the valid date after it is never tried.
  it.fails('an impossible date does not hide a valid one later in the text', () => {
    expect(findDate('Updated 2021-02-30, corrected 2021-03-01')?.iso).toBe('2021-03-01');
  });
});
