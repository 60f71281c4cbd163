/**
 * Common English words, from the part-of-speech lexicon that `natural` ships (brill_pos_tagger,
 * about 92,000 words with their tags). A word the corpus does not use may still be plain English
 * ("stressed", "criteria"); a word that is neither, or that the lexicon knows only as a proper noun
 * ("Tokyo", "Germany"), is treated as a name. Loaded on first use.
 *
 * The lexicon is 4 MB of JSON that becomes ~40 MB of objects; only two word lists are needed. The
 * build (scripts/build.mjs) writes them beside the compiled module as english-words.json, which
 * loads in a few milliseconds; run from the sources, the lists are made from the lexicon.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const ENGLISH_WORDS_FILE = 'english-words.json';

export interface WordLists {
  /** Keys with some tag other than a proper noun's. */
  common: string[];
  /** Keys with a proper noun's tag. */
  proper: string[];
}

/** The two word lists of a POS lexicon (word -> tags). */
export function wordLists(lexicon: Record<string, unknown>): WordLists {
  const common: string[] = [];
  const proper: string[] = [];
  for (const [word, tags] of Object.entries(lexicon)) {
    if (!Array.isArray(tags)) continue;
    if (tags.some((t) => typeof t === 'string' && !t.startsWith('NNP'))) common.push(word);
    if (tags.some((t) => typeof t === 'string' && t.startsWith('NNP'))) proper.push(word);
  }
  return { common, proper };
}

/** natural's lexicon, parsed (slow: the build does this once). */
export function naturalLexicon(): Record<string, unknown> {
  return createRequire(import.meta.url)('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as Record<string, unknown>;
}

let sets: { common: Set<string>; proper: Set<string> } | undefined;

function load(): { common: Set<string>; proper: Set<string> } {
  if (!sets) {
    let lists: WordLists;
    try {
      const stored = JSON.parse(readFileSync(new URL(`./${ENGLISH_WORDS_FILE}`, import.meta.url), 'utf8')) as { common: string; proper: string };
      lists = { common: stored.common.split('\n'), proper: stored.proper.split('\n') };
    } catch {
      lists = wordLists(naturalLexicon());
    }
    sets = { common: new Set(lists.common), proper: new Set(lists.proper) };
  }
  return sets;
}

/** Is this lowercase word ordinary English (some tag other than a proper noun)? */
export function isCommonWord(word: string): boolean {
  return load().common.has(word.toLowerCase());
}

/** Can this word be a proper noun ("Mars", "Lima", "Brazil")? */
export function isProperName(word: string): boolean {
  const w = word.toLowerCase();
  return load().proper.has(w.charAt(0).toUpperCase() + w.slice(1));
}

/** Plain English and not a name: a word that cannot stand for a place the corpus lacks. */
export function isPlainWord(word: string): boolean {
  return isCommonWord(word) && !isProperName(word);
}
