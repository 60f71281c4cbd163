import { describe, expect, it } from 'vitest';
import { accuracyAt, chooseThreshold, fitListwise, fitLogistic, type Example, type Group } from '../../src/qa/fit.js';

const dot = (w: readonly number[], x: readonly number[]) => x.reduce((a, xi, i) => a + xi * (w[i] ?? 0), 0);

/** A separable toy set: feature 1 says yes, feature 2 says no (feature 0 is the bias). */
function toy(): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < 12; i++) {
    const jitter = (i % 4) / 10;
    out.push({ x: [1, 1 + jitter, jitter], y: 1 });
    out.push({ x: [1, jitter, 1 + jitter], y: 0 });
    out.push({ x: [1, 0, 0.5 + jitter], y: 0 });
  }
  return out;
}

describe('fitLogistic', () => {
  it('learns a positive weight for the feature that says yes and a negative one for the one that says no', () => {
    const w = fitLogistic(toy(), 3);
    expect(w).toHaveLength(3);
    expect(w[1]!).toBeGreaterThan(0);
    expect(w[2]!).toBeLessThan(0);
    // It separates the set: every positive scores above every negative.
    const data = toy();
    const pos = data.filter((e) => e.y === 1).map((e) => dot(w, e.x));
    const neg = data.filter((e) => e.y === 0).map((e) => dot(w, e.x));
    expect(Math.min(...pos)).toBeGreaterThan(Math.max(...neg));
  });

  it('flips the signs when the labels flip', () => {
    const flipped = toy().map((e) => ({ x: e.x, y: (1 - e.y) as 0 | 1 }));
    const w = fitLogistic(flipped, 3);
    expect(w[1]!).toBeLessThan(0);
    expect(w[2]!).toBeGreaterThan(0);
  });

  it('is deterministic: the same input gives the same weights', () => {
    const a = fitLogistic(toy(), 3, { iterations: 500 });
    const b = fitLogistic(toy(), 3, { iterations: 500 });
    expect(b).toEqual(a);
    expect(a.some((x) => x !== 0)).toBe(true);
  });

  it('rounds weights to four decimals', () => {
    for (const x of fitLogistic(toy(), 3, { iterations: 200 })) expect(Number(x.toFixed(4))).toBe(x);
  });

  it.each([
    ['no examples', [] as Example[], 4],
    ['no iterations', toy(), 3],
  ])('%s gives zero weights', (label, examples, dims) => {
    const w = fitLogistic(examples, dims, label === 'no iterations' ? { iterations: 0 } : {});
    expect(w).toEqual(new Array(dims).fill(0));
  });
});

describe('fitListwise', () => {
  /** Groups where the positive has the most of feature 1 and the least of feature 2; the bias is equal for all. */
  function groups(): Group[] {
    return [
      { xs: [[1, 0.9, 0.1], [1, 0.2, 0.4], [1, 0.5, 0.8]], ys: [1, 0, 0] },
      { xs: [[1, 0.1, 0.9], [1, 0.8, 0.0], [1, 0.3, 0.2]], ys: [0, 1, 0] },
      { xs: [[1, 0.4, 0.6], [1, 0.2, 0.1], [1, 0.7, 0.3], [1, 0.6, 0.9]], ys: [0, 0, 1, 0] },
      { xs: [[1, 0.3, 0.5], [1, 0.6, 0.2]], ys: [0, 1] },
    ];
  }

  it('makes the positive the argmax of each group', () => {
    const w = fitListwise(groups(), 3);
    for (const g of groups()) {
      const z = g.xs.map((x) => dot(w, x));
      const best = z.indexOf(Math.max(...z));
      expect(g.ys[best]).toBe(1);
    }
    expect(w[1]!).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    expect(fitListwise(groups(), 3, { iterations: 300 })).toEqual(fitListwise(groups(), 3, { iterations: 300 }));
  });

  it('a feature equal within every group gets no weight (it cancels out of the softmax)', () => {
    const w = fitListwise(groups(), 3);
    expect(w[0]).toBe(0);
  });

  it.each([
    ['no positive', [{ xs: [[1, 1], [1, 0]], ys: [0, 0] }] as Group[]],
    ['a single candidate', [{ xs: [[1, 1]], ys: [1] }] as Group[]],
    ['no groups', [] as Group[]],
  ])('%s: nothing to learn, zero weights', (_label, gs) => {
    expect(fitListwise(gs, 2)).toEqual([0, 0]);
  });
});

describe('chooseThreshold', () => {
  it.each([
    // [outcomes, margin, floor, expected]
    ['just above the best wrong answer', [{ p: 0.72, correct: false }, { p: 0.9, correct: true }, { p: 0.41, correct: false }], 0.02, 0.6, 0.74],
    ['a wrong answer above every right one still sets it', [{ p: 0.95, correct: true }, { p: 0.97, correct: false }], 0.01, 0.6, 0.98],
    ['the floor when every wrong answer is below it', [{ p: 0.3, correct: false }, { p: 0.9, correct: true }], 0.02, 0.6, 0.6],
    ['the floor when nothing is wrong', [{ p: 0.99, correct: true }], 0.02, 0.6, 0.6],
    ['another floor', [{ p: 0.3, correct: false }], 0.02, 0.45, 0.45],
    ['capped at 0.99', [{ p: 0.995, correct: false }], 0.02, 0.6, 0.99],
    ['right answers do not move it', [{ p: 0.81, correct: true }, { p: 0.64, correct: false }], 0.05, 0.5, 0.69],
  ])('%s', (_label, outcomes, margin, floor, expected) => {
    expect(chooseThreshold(outcomes, margin, floor)).toBeCloseTo(expected, 10);
  });

  it('the default floor is 0.75 and every wrong answer falls below the threshold', () => {
    const outcomes = [{ p: 0.78, correct: false }, { p: 0.9, correct: true }];
    const t = chooseThreshold(outcomes);
    expect(t).toBeGreaterThan(0.78);
    expect(chooseThreshold([{ p: 0.1, correct: false }])).toBe(0.75);
    expect(accuracyAt(outcomes.map((o) => ({ ...o, answerable: true })), t).wrong).toBe(0);
  });
});

describe('accuracyAt', () => {
  it.each([
    // [outcomes, threshold, correct, wrong, declined]
    ['answerable and right above the threshold', [{ p: 0.8, correct: true, answerable: true }], 0.7, 1, 0, 0],
    ['answerable and wrong above the threshold', [{ p: 0.8, correct: false, answerable: true }], 0.7, 0, 1, 0],
    ['answerable below the threshold is declined, right or wrong', [{ p: 0.5, correct: true, answerable: true }, { p: 0.6, correct: false, answerable: true }], 0.7, 0, 0, 2],
    ['the threshold itself answers', [{ p: 0.7, correct: true, answerable: true }], 0.7, 1, 0, 0],
    ['unanswerable and declined counts as correct', [{ p: 0.2, correct: false, answerable: false }], 0.7, 1, 0, 0],
    ['unanswerable and answered is wrong', [{ p: 0.9, correct: false, answerable: false }], 0.7, 0, 1, 0],
    [
      'a mix',
      [
        { p: 0.9, correct: true, answerable: true },
        { p: 0.75, correct: false, answerable: true },
        { p: 0.3, correct: true, answerable: true },
        { p: 0.1, correct: false, answerable: false },
        { p: 0.85, correct: false, answerable: false },
      ],
      0.7,
      2,
      2,
      1,
    ],
    ['nothing', [], 0.7, 0, 0, 0],
  ])('%s', (_label, outcomes, threshold, correct, wrong, declined) => {
    expect(accuracyAt(outcomes, threshold)).toEqual({ correct, wrong, declined });
  });
});
