import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/app/cooldown.js';

describe('Cooldown (5 s)', () => {
  // Each row: who asks, at what time (ms), and what take() says; rows run in order on one cooldown.
  const steps: Array<[string, number, { wait: number; notify: boolean }]> = [
    ['a', 0, { wait: 0, notify: false }], // first question: allowed, the window starts
    ['a', 1000, { wait: 4, notify: true }], // refused: the first refusal of the window is told
    ['a', 1000, { wait: 4, notify: false }], // refused again: not told again
    ['b', 1000, { wait: 0, notify: false }], // someone else is not affected
    ['a', 5000, { wait: 0, notify: false }], // the window is over
    ['a', 5500, { wait: 4.5, notify: true }], // a new window, told once again
  ];
  const cd = (() => {
    let now = 0;
    const c = new Cooldown(5, () => now);
    return { take: (who: string, at: number) => ((now = at), c.take(who)) };
  })();
  it.each(steps)('%s at %i ms → %o', (who, at, expected) => {
    expect(cd.take(who, at)).toEqual(expected);
  });

  it('0 seconds: never waits', () => {
    const c = new Cooldown(0);
    expect([c.take('a'), c.take('a')].map((r) => r.wait)).toEqual([0, 0]);
  });
});
