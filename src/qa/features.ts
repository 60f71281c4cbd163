import type { Fact } from '../index/types.js';
import type { NumericWant } from './types.js';

/** The reader's evidence features, in the order of the vectors and of the fitted weights (weights.json). */
export const FEATURE_NAMES = [
  'bias',
  'kind_ok',
  'kind_bad',
  'change_wanted_level',
  'level_wanted_change',
  'unit_match',
  'm_measure',
  'm_clause',
  'm_sentence',
  'm_context',
  'm_title',
  'm_missing',
  'm_extra',
  'qual_extra',
  'qual_missing',
  'qual_level_conflict',
  'per_not_asked',
  'denominator',
  'reg_none_asked',
  'reg_label',
  'reg_clause',
  'reg_sentence',
  'reg_other_nearest',
  'reg_other_clause',
  'reg_doc_main',
  'reg_doc_other_main',
  'reg_respectively',
  'reg_level_up',
  'reg_sub',
  'reg_absent',
  'reg_other_clause_hard',
  'reg_elsewhere',
  'item_conflict',
  'name_absent',
  'yr_none_asked',
  'yr_bound_match',
  'yr_bound_conflict',
  'yr_label_match',
  'yr_label_conflict',
  'yr_recent',
  'yr_base_named',
  'from_value',
  'tgt_match',
  'tgt_mismatch',
  'tgt_cue_unasked',
  'yr_latest',
  'q_not_numeric',
  'in_question',
  'unit_conflict',
  'hard_bad',
  'retrieval',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** What a question asks for, as the reader uses it. */
export interface Request {
  want: NumericWant;
  regions: string[];
  year: number | null;
  /** The year a change is measured from ("since 2017", "vs 2019", "from 2019 to 2022"). */
  baseYear: number | null;
  target: boolean | null;
  /** Stemmed metric words (lexicon-canonical). */
  terms: string[];
  /** Stemmed words of the counted noun ("how many X"), if any. */
  unitTerms: string[];
  /** Qualifier stems the question itself uses ("nation", "per", "zone"). */
  qualifiers: Set<string>;
  /** Numbers the question itself states ("what was the 8.1 million yuan spent on"): not answers. */
  numbers: number[];
  /** The question is worded as a number question ("how many", "what share"), not "what is X". */
  numeric: boolean;
  /** Every stemmed word of the question, places included (to tell the items of a "respectively" list apart). */
  words?: ReadonlySet<string>;
  /**
   * Names the question uses that the corpus knows but the gazetteer does not ("Zhangjiang", "TEDA"),
   * lowercase: a value answers for them only where its sentence, the one before or its article's title names them.
   */
  names?: readonly string[];
}

/** One candidate: a number found in the corpus, with what the article says around it. */
export interface Candidate {
  fact: Fact;
  /** The article's main region and every region it names. */
  docMain: string | null;
  docRegions: string[];
  title: string;
  /** The article's publication year and month (1-12). */
  docYear: number | null;
  docMonth: number | null;
  /** Retrieval score of the candidate's passage, 0..1 (1 = best passage for the question). */
  retrieval: number;
}
