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
export const ELLIPSIS = /\b(?:of (?:these|them|which|it|those|this|the (?:current |above |said )?total(?=\s*,))|among (?:them|which|these)|in (?:this|which)(?=,))\b|\baccount(?:s|ing|ed)? for\b[^.;]{0,40}\bof (?:them|these|it|which|the total(?!\s+[a-z]))\b/i;

/** The value a change starts from: "up from 9,700", "from 0.82 percent". */
export const FROM_VALUE = /\bfrom\s+(?:(?:about|around|nearly|over|more than|just|only|a mere)\s+)?(?:RMB|CNY|US\$|\$|¥)?\s*$/i;

/** Words that make what follows a plan, not an achieved figure. */
export const TARGET_CUE = /\b(?:aims?|aimed|aiming|plans?|planned|planning|strive|strives|striving|expected|expects|projected|targets?|targeted|goal|goals|will|shall|intends?|seeks?)\b|\bby (?:the end of )?20\d\d\b/i;


// ---------------------------------------------------------------------------------------------
// Questions

/** Words of a question that say what kind of question it is, not what it is about. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'number', 'total', 'amount', 'figure', 'value', 'level', 'percentage', 'percent', 'share', 'proportion', 'rate',
  'rank', 'ranked', 'ranking', 'rankings', 'position', 'place', 'places', 'target', 'targets', 'goal', 'goals', 'plan',
  'plans', 'planned', 'aim', 'aims', 'growth', 'increase', 'increased', 'grow', 'grew', 'rise', 'rose', 'change',
  'changed', 'compare', 'comparison', 'versus', 'vs', 'difference', 'between', 'year', 'years', 'current', 'currently',
  'now', 'latest', 'recent', 'actual', 'achieved', 'province', 'provinces', 'city', 'cities', 'county', 'region',
  'regions', 'china', 'chinese', 'count', 'times', 'moved', 'move', 'up', 'down', 'climb', 'climbed', 'jump', 'jumped',
  'many', 'much', 'big', 'large', 'fast', 'did', 'does', 'do', 'go', 'went', 'gone', 'reach', 'reached', 'hit',
  'define', 'explain', 'describe', 'list', 'name', 'mean', 'means', 'meaning', 'tell', 'whats', 'who', 'whos',
  'according', 'corpus', 'article', 'articles', 'data', 'stats', 'statistics', 'info', 'information', 'expected',
  'projected', 'going', 'set', 'hold', 'holds', 'lol', 'pls', 'plz', 'hey', 'bot', 'yr', 'ratio', 'multiple',
  'percentage', 'what', 'which', 'by', 'fewer', 'less', 'more', 'higher', 'lower', 'bigger', 'larger', 'than',
]);

/** Words that fill a place slot without being a place ("does the city have", "what's its"). */
export const NOT_PLACES = /^(?:the|this|that|it|its|there|they|city|province|country|region|county|zone|china|chinese|government|total|number|rank|gdp|innovation|research|science|technology|tech|hi|high|sci|average|national|provincial|municipal)$/;
/** Capitalized words a question may use that are not places (acronyms and names of things). */
export const LEXICON_CAPITALS = /^(?:what|how|which|who|where|when|why|is|are|does|do|did|the|and|or|of|in|for|gdp|pct|hhz|smes?|national|china|chinese|research|science|technology|high|tech|hi|innovation|report|index|plan|province|city|little|giants?|key|laboratory|lab|labs|enterprises?|rank|ranking|regional|capability)$/i;


// ---------------------------------------------------------------------------------------------
// Measured phrases (fact extraction)

/** Words trimmed from the end of a left-hand phrase (verbs, prepositions, qualifiers). */
export const TRAILING_WORDS: ReadonlySet<string> = new Set(
  (
    'of to by up down at in on for from with a an the new record high highest more than over nearly about around ' +
    'approximately almost some exceeded exceeds exceed reaching reached reach reaches was were is are has have had been be ' +
    'being will would should could can increase increased increases increasing rise rose risen rising grew grow grown growing ' +
    'growth gained climbed jumped surged decreased decrease declined decline fell fallen dropped drop going gone went amounted ' +
    'accounted account accounts accounting totaled totalled totaling totalling stood standing hit doubled tripled moved moving ' +
    'ascending ascended climbing ranked ranking ranks rank only just still already further respectively approximately roughly ' +
    'estimated expected projected planned plan aims aim strive target set achieve achieved attain maintained remain remained ' +
    'remains kept that which its their total current currently made make making getting got saw see sees registering registered ' +
    'recorded record hitting keep keeping by and or but as nearly over'
  ).split(' '),
);

/** Words that alone do not name what a number measures ("the total amount"). */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(['amount', 'total', 'number', 'figure', 'value', 'scale', 'level', 'sum', 'volume', 'it', 'growth', 'increase', 'rate', 'proportion', 'share', 'percentage', 'ratio', 'size', 'record', 'breakthrough', 'result', 'data', 'total amount']);

/** "invested X in Y" measures Y's investment: the noun of each spending verb. */
export const VERB_NOUNS: Readonly<Record<string, string>> = { invested: 'investment', spent: 'spending', allocated: 'allocation', raised: 'funds raised', attracted: 'investment attracted', earned: 'earnings', exported: 'exports', imported: 'imports', granted: 'grants', provided: 'funding', injected: 'investment' };

/** How canonical terms are shown to a person ("hightech" -> "high-tech"). */
export const DISPLAY_FORMS: Readonly<Record<string, string>> = { hightech: 'high-tech', sme: 'SMEs', scitech: 'sci-tech', 'r&d': 'R&D', enterprise: 'enterprises', talent: 'talents', ecommerce: 'e-commerce', startup: 'start-up' };

/** Nouns that alone name no metric ("5 aspects", "the 24 priority", "a two system"): left out of the metric catalogue. */
export const VAGUE_MEASURES: ReadonlySet<string> = new Set(
  'aspects aspect activities activity classes class system systems priority priorities provinces cities items item things thing areas area fields field ways times measures steps parts points them these those it which value values data respects kinds types'.split(' '),
);

/** A sentence that speaks of "the city" (its article's city, or a city of the province it is about). */
export const SAYS_CITY = /\b(?:the|this|our|whole)\s+city\b|\bcity[’']s\b|\bmunicipal\b/i;

/** A headline's infinitive is a plan: "City to set aside 4.5 percent of GDP for R&D". */
export const HEADLINE_PLAN = /^(?:[A-Z][\w'’-]*\s+){1,3}to\s+(?!date\b)[a-z]+\b/;

/** Bump when fact extraction or table reading changes what an index holds for the same text. */
export const EXTRACTION_VERSION = 3;

/** A hash of everything that changes how text becomes terms and evidence (recorded in the manifest). */
export function lexiconHash(): string {
  const h = createHash('sha256');
  h.update(`extraction ${EXTRACTION_VERSION}\n`);
  for (const [re, to] of PHRASE_SYNONYMS) h.update(`${re.source}/${re.flags}=>${to}\n`);
  for (const set of [STOP_WORDS, QUALIFIERS, GENERIC_MEASURE_WORDS, FILLER_WORDS, QUESTION_WORDS, TRAILING_WORDS, GENERIC_WORDS, VAGUE_MEASURES]) h.update([...set].sort().join(' ') + '\n');
  h.update(JSON.stringify(VERB_NOUNS));
  for (const re of [ELLIPSIS, FROM_VALUE, TARGET_CUE, HEADLINE_PLAN, NOT_PLACES, LEXICON_CAPITALS, SAYS_CITY]) h.update(`${re.source}\n`);
  return h.digest('hex').slice(0, 16);
}
