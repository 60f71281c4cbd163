import { describe, expect, it } from 'vitest';
import { NO_NODE, NameTrie } from '../../src/corpus/name-trie.js';

const trie = new NameTrie();
for (const [name, id] of [
  ['harbor', 'harbor'],
  ['harbor bay', 'harbor-bay'],
  ['harbor bay new area', 'harbor-bay-new-area'],
  ["lu'an", 'luan'],
  ['luan', 'luan-plain'],
  ['north ridge', 'north-ridge'],
  ['mösko', 'unreachable'],
  ['gate (east)', 'unreachable-too'],
] as const) {
  trie.add(name, id);
}

/** Walk the words of a phrase (split on single spaces) as a caller does: word by word, a space between. */
function lookUp(phrase: string, skipApostrophes = false): string | undefined {
  let node = trie.root;
  let start = 0;
  for (const word of phrase.split(' ')) {
    if (start > 0) node = trie.nextWord(node);
    node = trie.walk(node, phrase, start, start + word.length, skipApostrophes);
    start += word.length + 1;
  }
  return trie.idAt(node);
}

describe('NameTrie', () => {
  it.each<{ phrase: string; skipApostrophes?: boolean; expected: string | undefined }>([
    { phrase: 'harbor', expected: 'harbor' },
    { phrase: 'Harbor', expected: 'harbor' },
    { phrase: 'HARBOR BAY', expected: 'harbor-bay' },
    { phrase: 'Harbor Bay New Area', expected: 'harbor-bay-new-area' },
    // A prefix of a name, a name with a word too many, a word that only starts like a name: nothing.
    { phrase: 'harbor bay new', expected: undefined },
    { phrase: 'harbo', expected: undefined },
    { phrase: 'harbors', expected: undefined },
    { phrase: 'harbor bay new area east', expected: undefined },
    { phrase: 'north', expected: undefined },
    { phrase: 'North Ridge', expected: 'north-ridge' },
    // ’ reads as '; without skipping, the apostrophe must be in the name.
    { phrase: "Lu'an", expected: 'luan' },
    { phrase: 'Lu’an', expected: 'luan' },
    { phrase: 'Luan', expected: 'luan-plain' },
    { phrase: "Lu'an", skipApostrophes: true, expected: 'luan-plain' },
    { phrase: "L'uan", expected: undefined },
    { phrase: "L'uan", skipApostrophes: true, expected: 'luan-plain' },
    // Names with characters no word can hold are not in the trie.
    { phrase: 'mösko', expected: undefined },
    { phrase: 'msko', expected: undefined },
    { phrase: 'gate', expected: undefined },
  ])('$phrase (skip apostrophes: $skipApostrophes) -> $expected', ({ phrase, skipApostrophes, expected }) => {
    expect(lookUp(phrase, skipApostrophes)).toBe(expected);
  });

  it('walks a word in the middle of a text without copying it', () => {
    const text = 'Ships left Harbor Bay at dawn.';
    const bay = trie.walk(trie.nextWord(trie.walk(trie.root, text, 11, 17)), text, 18, 21);
    expect(trie.idAt(bay)).toBe('harbor-bay');
  });

  it('leaves the trie for good once a letter has no child', () => {
    const text = 'Harbourside';
    const node = trie.walk(trie.root, text, 0, text.length);
    expect(node).toBe(NO_NODE);
    expect(trie.nextWord(node)).toBe(NO_NODE);
    expect(trie.idAt(node)).toBeUndefined();
  });

  it('keeps the last id added for a name', () => {
    const t = new NameTrie();
    t.add('east lake', 'first');
    t.add('east lake', 'second');
    const text = 'east lake';
    expect(t.idAt(t.walk(t.nextWord(t.walk(t.root, text, 0, 4)), text, 5, 9))).toBe('second');
  });

  it('grows past its first table', () => {
    const t = new NameTrie();
    const names = Array.from({ length: 300 }, (_, i) => `name${'abcdefghijklmnopqrstuvwxyz'[i % 26]!}${'abcdefghijklmnopqrstuvwxyz'[Math.floor(i / 26)]!}`);
    names.forEach((n, i) => t.add(n, String(i)));
    names.forEach((n, i) => expect(t.idAt(t.walk(t.root, n, 0, n.length))).toBe(String(i)));
  });
});
