import { describe, expect, it } from 'vitest';
import { isCommonWord, isPlainWord, isProperName, naturalLexicon, wordLists } from '../../src/text/english.js';

describe('English word lists', () => {
  it.each([
    ['stressed', true],
    ['criteria', true],
    ['laboratory', true],
    ['xqzvb', false],
  ])('isCommonWord(%j) = %s', (word, expected) => expect(isCommonWord(word)).toBe(expected));

  it.each([
    ['Brazil', true],
    ['tokyo', true],
    ['quickly', false],
    ['stressed', false],
  ])('isProperName(%j) = %s', (word, expected) => expect(isProperName(word)).toBe(expected));

  it.each([
    ['quickly', true],
    ['because', true],
    ['Brazil', false],
    ['Tokyo', false],
  ])('isPlainWord(%j) = %s', (word, expected) => expect(isPlainWord(word)).toBe(expected));

  it('the lists survive the newline-joined file the build writes', () => {
    const lists = wordLists(naturalLexicon());
    expect(lists.common.length).toBeGreaterThan(50_000);
    expect(lists.proper.length).toBeGreaterThan(10_000);
    for (const words of [lists.common, lists.proper]) expect(words.join('\n').split('\n')).toEqual(words);
  });

  it.each([
    [{ run: ['VB', 'NN'] }, ['run'], []],
    [{ Lima: ['NNP'] }, [], ['Lima']],
    [{ May: ['NNP', 'MD'] }, ['May'], ['May']],
    [{ odd: 'NN' }, [], []],
  ])('wordLists(%j)', (lexicon, common, proper) => expect(wordLists(lexicon)).toEqual({ common, proper }));
});
