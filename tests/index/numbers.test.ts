import { describe, expect, it } from 'vitest';
import { clean } from '../../src/index/numbers.js';

describe('clean rounds away floating-point noise, and leaves whole numbers as they are', () => {
  const byString = (n: number): number => Number(n.toPrecision(12));
  it.each([15.95 * 1e9, 0.1 + 0.2, 2705, 1, 999_999_999_999, 1e12, 1234567890123, 3.5e15, 0, -0, -12, -1.1 * 3, 7.48, 1e-7, Number.MAX_SAFE_INTEGER, Infinity, Number.NaN])('%d', (n) => {
    expect(Object.is(clean(n), byString(n))).toBe(true);
  });
});
