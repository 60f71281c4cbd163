/**
 * Common English words, from the part-of-speech lexicon that `natural` ships (brill_pos_tagger,
 * about 92,000 words with their tags). A word the corpus does not use may still be plain English
 * ("stressed", "criteria"); a word that is neither, or that the lexicon knows only as a proper noun
 * ("Tokyo", "Germany"), is treated as a name. Loaded on first use.
 */
import { createRequire } from 'node:module';

let lexicon: Record<string, string[]> | undefined;

function load(): Record<string, string[]> {
  lexicon ??= createRequire(import.meta.url)('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json') as Record<string, string[]>;
  return lexicon;
}

/** Is this lowercase word ordinary English (some tag other than a proper noun)? */
export function isCommonWord(word: string): boolean {
  const tags = load()[word.toLowerCase()];
  return Array.isArray(tags) && tags.some((t) => !t.startsWith('NNP'));
}

/** Can this word be a proper noun ("Mars", "Lima", "Brazil")? */
export function isProperName(word: string): boolean {
  const w = word.toLowerCase();
  const tags = load()[w.charAt(0).toUpperCase() + w.slice(1)];
  return Array.isArray(tags) && tags.some((t) => t.startsWith('NNP'));
}

/** Plain English and not a name: a word that cannot stand for a place the corpus lacks. */
export function isPlainWord(word: string): boolean {
  return isCommonWord(word) && !isProperName(word);
}
