import type { Fact } from '../index/types.js';
import type { RichLine } from './rich.js';

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
  /** Names the corpus uses that are neither places the gazetteer knows nor plain English ("zhangjiang", "teda"). */
  names?: string[];
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

/** What kind of answer it is: the renderers choose a layout by it. */
export type AnswerKind = 'value' | 'comparison' | 'passages' | 'abstention' | 'help' | 'refusal';

/** A value as the answer shows it. */
export interface ValueView {
  fact: Fact;
  /** The value worded by kind: "RMB 15.95 billion", "up 65%", "ranked 17th". */
  headline: string;
  /** What it measures, where and when: "R&D investment of the whole society, Jilin, 2021". */
  described: string;
  /** The change stated beside a level ("up 7.48% on the previous year"), if any. */
  companion: string | null;
  /** The citation number. */
  ref: number;
}

export interface Comparison {
  metric: string;
  first: ValueView & { label: string };
  second: ValueView & { label: string };
  /** "2,705 − 524 = +2,181 (+416.2%; 5.16 times)". */
  arithmetic: string;
  notes: string[];
}

export interface Abstention {
  reason: 'not-found' | 'unknown-place' | 'cannot-compare' | 'different-kinds' | 'out-of-scope';
  /** What was looked for, in words: "Jilin's high-tech enterprises in 2015". */
  subject: string;
  /** Values of the same metric the corpus does hold (other years, plans): not answers. */
  nearby: ValueView[];
  /** Point the person to the corpus coverage (each platform names its own way to see it). */
  suggestCoverage: boolean;
}

export interface Answer {
  question: string;
  answered: boolean;
  intent: Intent;
  kind: AnswerKind;
  /** The answer as platform-neutral rich text, with [n] references to `citations`. */
  lines: RichLine[];
  /** The value answered with (kind "value"), and other values that also clear the bar. */
  lead: ValueView | null;
  alternatives: ValueView[];
  comparison: Comparison | null;
  abstention: Abstention | null;
  citations: Citation[];
  parsed: ParsedQuestion;
  /** The facts the answer is built on (leading fact first), when it is numeric. */
  facts: Fact[];
}
