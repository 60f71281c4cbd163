import type { Fact } from '../index/types.js';

export type Intent =
  | 'numeric'
  | 'compare'
  | 'definition'
  | 'list'
  | 'person'
  | 'search'
  | 'help'
  | 'greeting'
  | 'out_of_scope';

/** What kind of number a numeric question wants. */
export type NumericWant = 'count' | 'money' | 'percent' | 'rank' | 'places' | 'multiple' | 'ratio' | 'change' | 'any';

export interface ParsedQuestion {
  /** The question as asked (trimmed). */
  text: string;
  intent: Intent;
  want: NumericWant | null;
  /** Region ids named in the question (first is the main one), resolved through the gazetteer. */
  regions: string[];
  /** Words that looked like a place but are not in the gazetteer (used to abstain honestly). */
  unknownPlaces: string[];
  year: number | null;
  /** Second year of a period ("from 2018 to 2021"). */
  yearTo: number | null;
  /** true: asks for a plan/target; false: asks for an achieved value; null: not said. */
  target: boolean | null;
  /** Content words naming the metric, e.g. ["r&d", "investment"]. */
  metricTerms: string[];
  /** The counted phrase of a "how many X" question ("provinces and cities"), if any. */
  unitTerm?: string | null;
}

export interface Citation {
  /** 1-based number used in the answer text as [n]. */
  n: number;
  /** Corpus file name. */
  doc: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  /** The quoted sentence(s), plain text. */
  snippet: string;
  /** [start, end) character ranges of `snippet` to show in bold (the number, or the question's terms). */
  bold: [number, number][];
}

export interface Answer {
  question: string;
  answered: boolean;
  intent: Intent;
  /** Markdown shown to a person before the citation list, with [n] references. */
  body: string;
  /** Markdown: exactly what a person is shown (body plus the numbered citation list). */
  answer: string;
  citations: Citation[];
  parsed: ParsedQuestion;
  /** The facts the answer is built on (leading fact first), when it is numeric. */
  facts: Fact[];
}
