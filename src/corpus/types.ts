/** A region of the gazetteer (a Chinese province-level division, city or county-level city). */
export interface Region {
  /** Stable id, lowercase ASCII, e.g. "jilin", "changchun", "jiangyin". */
  id: string;
  /** English display name, e.g. "Jilin", "Changchun". */
  name: string;
  /** Chinese name, e.g. "吉林". */
  zh: string;
  level: 'province' | 'city' | 'county';
  /** Id of the enclosing region (a city's province), or null for provinces. */
  parent: string | null;
  /** Other spellings that refer to this region (lowercase), besides name and zh. */
  aliases: string[];
}

/** An article after cleaning and parsing. Offsets of sentences, chunks and facts point into `text`. */
export interface Article {
  /** Corpus file name, e.g. "000_0ae20fc01c1a99ca.txt": the document id. */
  id: string;
  title: string;
  /** ISO date YYYY-MM-DD, or null when the article states none. */
  date: string | null;
  source: string | null;
  url: string | null;
  /** Cleaned body text (no boilerplate), paragraphs separated by "\n\n". */
  text: string;
  /** Region ids mentioned, most mentioned first. */
  regions: string[];
  /** The region the article is mainly about (title first, else most mentioned), or null. */
  mainRegion: string | null;
}

export interface Sentence {
  /** Position of the sentence in the article (0-based). */
  index: number;
  /** Paragraph number (0-based). */
  paragraph: number;
  start: number;
  end: number;
  text: string;
}

/** A file that could not be indexed, with the reason. */
export interface SkippedFile {
  file: string;
  reason: string;
}
