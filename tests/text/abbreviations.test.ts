/** Chat abbreviations and wordings meet the article's words. */
import { describe, expect, it } from 'vitest';
import { terms } from '../../src/text/terms.js';

describe('chat abbreviations', () => {
  it.each([
    ['the science dept', 'the science department'],
    ['where is its hq', 'where are its headquarters'],
    ['which soe', 'which state-owned enterprise'],
    ['the govt fund', 'the government fund'],
    ['two unis', 'two university'],
    ['what labs does it have', 'what laboratory does it have'],
    ['which industries does Wuhu prioritise', 'which industries does Wuhu focus on'],
  ])('%s ~ %s', (a, b) => {
    expect(terms(a)).toEqual(terms(b));
  });

  it('"who heads X" asks for its director', () => {
    expect(terms('who heads the science department')).toContain(terms('director')[0]);
  });
});
