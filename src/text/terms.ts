/**
 * Terms: the one place where text becomes search terms. Indexing (minisearch), fact ranking, metric
 * grouping and question reading all go through `terms()`, so a question and an article that say the
 * same thing in different words ("hi-tech firms", "high-tech enterprises") meet on the same terms.
 */
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopWords } from 'natural/lib/natural/util/stopwords.js';
import { ReplacementChain } from './prefilter.js';

/**
 * Domain synonyms, applied to lowercase text before tokenizing. Each pattern maps a wording onto one
 * canonical form. Kept short and documented: the product's whole synonym list.
 */
export const PHRASE_SYNONYMS: readonly (readonly [RegExp, string])[] = [
  [/\bresearch\s*(?:and|&)\s*(?:experimental\s+)?development\b/g, 'r&d'],
  [/\br\s*(?:and|&)\s*d\b/g, 'r&d'],
  [/\brd\b/g, 'r&d'],
  [/\brnd\b/g, 'r&d'],
  [/\br&d\s*\(r&d\)/g, 'r&d'],
  [/\binvest(?:ed|s|ing)?\s+(?:[\w.]+\s+){0,4}?in\s+r&d\b/g, 'r&d investment'],
  [/\binvestment\s+in\s+r&d\b/g, 'r&d investment'],
  [/\bsp[ea]n[dt](?:s|ing)?\s+(?:[\w.]+\s+){0,4}?on\s+r&d\b/g, 'r&d investment'],
  // R&D intensity is R&D spending as a share of GDP, however it is worded.
  [/\br&d\s+(?:investment\s+|expenditure\s+|spending\s+|input\s+)?intensity\b/g, 'r&d intensity'],
  [/\br&d\s+(?:investment|expenditures?|spending|inputs?)\s+(?:as\s+a\s+|as\s+)?(?:share|percentage|proportion|ratio)\s+(?:of|to)\s+(?:the\s+|its\s+)?(?:gdp|gross domestic product)\b/g, 'r&d intensity'],
  [/\br&d\s+(?:spending|spend|expenditures?|inputs?|outlays?|funding|funds)\b/g, 'r&d investment'],
  [/\b(?:expenditures?|spending|outlays?|investment)\s+(?:on|in|for)\s+r&d\b/g, 'r&d investment'],
  [/\bhigh\s+and\s+new[\s-]*tech(?:nology)?\b/g, 'hightech'],
  [/\b(?:hi|high)[\s-]*tech(?:nology)?\b/g, 'hightech'],
  [/\bsmall[\s,]+(?:and\s+)?medium[\s-]*(?:sized?)?\s+(?:and\s+micro\s+)?(?:sci-tech\s+|technology-based\s+|tech\s+)?(?:enterprises?|firms?|companies|company|businesses)\b/g, 'sme'],
  [/\bsmes?\b/g, 'sme'],
  [/\b(?:sci|science)[\s-]*(?:and|&)?[\s-]*tech(?:nology|nological)?\b/g, 'scitech'],
  [/\bscientific\s+and\s+technological\b/g, 'scitech'],
  [/\bs\s*&\s*t\b/g, 'scitech'],
  [/\b(?:firms?|compan(?:y|ies|ys)|businesses)\b/g, 'enterprise'],
  [/\btalents?\b/g, 'talent'],
  [/\bper\s*cent\b/g, 'percent'],
  [/\bavg\b/g, 'average'],
  [/\blabs?\b/g, 'laboratory'],
  // chat abbreviations
  [/\bdept\b\.?|\bdepts\b\.?/g, 'department'],
  [/\bhq\b|\bheadquartered\b/g, 'headquarters'],
  [/\bsoes?\b/g, 'state-owned enterprise'],
  [/\bgovt\b/g, 'government'],
  [/\bunis?\b/g, 'university'],
  // "who heads the department": its director
  [/\bwho (?:heads|leads|runs)\b/g, 'who director'],
  [/\b(?:drugmakers?|pharma)\b/g, 'pharmaceutical'],
  [/\bprioriti[sz](?:e|es|ed|ing)\b|\bfocus(?:es|ed|ing)? on\b|\bgives? priority to\b/g, 'priority'],
  [/\byearly\b|\ba year\b(?!\s+(?:earlier|ago|before|later|in a row))/g, 'annual'],
  [/\btech\b/g, 'technology'],
  // Technology contract turnover: "value of technology deals", "transaction volume of technology contracts".
  [/\btechnolog(?:y|ical)\s+(?:deals?|transactions?|trades?|trading|contracts?)\b/g, 'technology contract'],
  [/\b(?:(?:transaction|trading)\s+)?(?:turnover|value|volume|worth|amount)\s+of\s+(?:the\s+)?(?:business\s+concerning\s+|registered\s+)?technology contract(?:s)?(?:\s+registered)?\b/g, 'technology contract turnover'],
  [/\btechnology contracts?\s+(?:transaction\s+|trading\s+)?(?:turnover|value|volume|worth)\b/g, 'technology contract turnover'],
  [/\bper\s+(?:10k|10,000|ten thousand)\b|\bfor every\b/g, 'per'],
  // R&D intensity is R&D spending as a share of GDP.
  [/\b(?:of|to|in) (?:the |its |their )?(?:total )?gdp\b/g, 'of gdp intensity'],
  [/\bgross domestic product\b/g, 'gdp'],
  [/\bstart[\s-]?ups?\b/g, 'startup'],
  [/\be[\s-]?commerce\b/g, 'ecommerce'],
];

/** The words the synonym patterns write ("hightech", "r&d", "sme"): the lexicon's own, never a name. */
export const LEXICON_WORDS: ReadonlySet<string> = new Set(PHRASE_SYNONYMS.flatMap(([, to]) => to.match(/r&d|[a-z0-9-]+/g) ?? []));

/** Words that carry no meaning for search: natural's English list plus question words. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...naturalStopWords,
  'how', 'many', 'much', 'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why',
  'does', 'did', 'do', 'has', 'have', 'had', 'is', 'are', 'was', 'were', 'be', 'been',
  'can', 'could', 'would', 'should', 'shall', 'may', 'might', 'will', 'tell', 'me', 'please',
  'us', 'its', "it's", 's', 'the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by',
  'with', 'and', 'or', 'than', 'that', 'this', 'these', 'those', 'there', 'their', 'it', 'as',
  'about', 'also', 'into', 'over', 'under', 'such', 'so', 'very', 'some', 'any', 'all', 'get', 'got',
  'know', 'show', 'give', 'find',
]);

const stemCache = new Map<string, string>();

/** Porter stem with a per-word cache (stemming is the hot path of indexing). */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /\d/.test(word) || word.includes('&') ? word : PorterStemmer.stem(word);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** The synonyms as one chain that skips a pattern when the text lacks the words it needs. */
const SYNONYM_CHAIN = new ReplacementChain(PHRASE_SYNONYMS);

/** Lowercase and apply the domain synonyms (each pattern in turn, on the text the ones before it left). */
export function canonicalize(text: string): string {
  return SYNONYM_CHAIN.apply(text.toLowerCase().replace(/[’‘`]/g, "'"));
}

const TOKEN = /r&d|[a-z0-9]+(?:\.\d+)?|[\u4e00-\u9fff]/g;

/** Tokens of already canonicalized text (no stop-word removal, no stemming). */
export function tokens(canonical: string): string[] {
  return canonical.match(TOKEN) ?? [];
}

/** One token to its search term, or null for a stop word. Used as minisearch's processTerm. */
export function termOf(token: string): string | null {
  if (token.length === 0 || STOP_WORDS.has(token)) return null;
  return stem(token);
}

/** Text to search terms: canonicalize, tokenize, drop stop words, stem. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const tok of tokens(canonicalize(text))) {
    const t = termOf(tok);
    if (t !== null) out.push(t);
  }
  return out;
}
