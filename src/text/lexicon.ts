/**
 * The reader's lexicon: the word lists and cue patterns evidence features use. Plain words are
 * written here and stemmed at load, so a list reads as English. Its hash (lexiconHash) goes into the
 * index manifest with the search options: an index built with another lexicon is rebuilt.
 */
import { createHash } from 'node:crypto';
import { PHRASE_SYNONYMS, STOP_WORDS, stem } from './terms.js';

const stems = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean).map((w) => stem(w)));

/**
 * Words that make a number another metric than the one asked about when only one side says them:
 * "national high-tech enterprises" vs "high-tech enterprises", "per 10,000 residents", "average annual".
 */
export const QUALIFIERS: ReadonlySet<string> = stems(
  'national provincial municipal state-level key per capita average annual little giant gazelle unicorn zone park valid invention foreign specialized',
);

/** Words of a measured phrase that do not name another metric ("the number of", "of the whole society"). */
export const GENERIC_MEASURE_WORDS: ReadonlySet<string> = stems(
  'number total amount figure value level scale sum volume whole society social overall record new high end year registered',
);

/** Words a question uses that say nothing about the metric ("anyone know", "back in", "pls"). */
export const FILLER_WORDS: ReadonlySet<string> = stems(
  'anyone anybody someone know knows back pls plz please thing stuff like really actually approximately roughly exactly currently now today total overall hold holds got get have has own owns there r u ur ' +
    // verbs that carry the question, not the metric ("trying to speed up", "did ... receive")
    'want wants wanted try trying tried speed come came get give take make help receive received discuss need include exist latest recent already far jump jumped climb climbed move moved hope hoping expect hit end ended ' +
    // words of a "what is X" question that are not about X ("what does it work on", "what even is")
    'even work works thing things kind sort',
);

/** A clause that leaves its measure to the sentence before: "Of these, ...", "accounts for 640 of them". */
export const ELLIPSIS = /\b(?:of (?:these|them|which|it|those|this|the (?:current |above |said )?total)|among (?:them|which|these))\b|\baccount(?:s|ing|ed)? for\b[^.;]{0,40}\bof (?:them|these|it|which|the total)\b/i;

/** The value a change starts from: "up from 9,700", "from 0.82 percent". */
export const FROM_VALUE = /\bfrom\s+(?:(?:about|around|nearly|over|more than|just|only|a mere)\s+)?(?:RMB|CNY|US\$|\$|¥)?\s*$/i;

/** Words that make what follows a plan, not an achieved figure. */
export const TARGET_CUE = /\b(?:aims?|aimed|aiming|plans?|planned|planning|strive|strives|striving|expected|expects|projected|targets?|targeted|goal|goals|will|shall|intends?|seeks?)\b|\bby (?:the end of )?20\d\d\b/i;

/** A headline's infinitive is a plan: "City to set aside 4.5 percent of GDP for R&D". */
export const HEADLINE_PLAN = /^(?:[A-Z][\w'’-]*\s+){1,3}to\s+(?!date\b)[a-z]+\b/;

/** Bump when fact extraction or table reading changes what an index holds for the same text. */
export const EXTRACTION_VERSION = 2;

/** A hash of everything that changes how text becomes terms and evidence (recorded in the manifest). */
export function lexiconHash(): string {
  const h = createHash('sha256');
  h.update(`extraction ${EXTRACTION_VERSION}\n`);
  for (const [re, to] of PHRASE_SYNONYMS) h.update(`${re.source}/${re.flags}=>${to}\n`);
  for (const set of [STOP_WORDS, QUALIFIERS, GENERIC_MEASURE_WORDS, FILLER_WORDS]) h.update([...set].sort().join(' ') + '\n');
  for (const re of [ELLIPSIS, FROM_VALUE, TARGET_CUE, HEADLINE_PLAN]) h.update(`${re.source}\n`);
  return h.digest('hex').slice(0, 16);
}
