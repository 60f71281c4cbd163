/**
 * Number mentions: every number in a sentence that can be a fact (an amount, a percent, a rank, a
 * count...), with its kind, value and unit. Dates, identifiers, durations and years are left out.
 */
import type { FactKind } from '../types.js';
import { eachMatch } from '../../text/matches.js';
import { DIGIT_NUMBER, ORDINAL, WORD_NUMBER, clean, parseNumber, parseOrdinal, scaleFactor } from '../numbers.js';

const CURRENCY_PREFIX = String.raw`(?<cur1>RMB|CNY|USD|US\$|HK\$|HKD|EUR|GBP|JPY|\$|¥|￥|€|£)`;
const SCALE = String.raw`(?<scale>\s*(?:hundred million|ten thousand|hundred thousand|thousand|million|billion|trillion|万亿|万|亿)|(?:bn|mn|mln|tn|[kmb])(?![A-Za-z]))`;
const SUFFIX = String.raw`(?<suffix>\s*(?:percentage points?|%|％|percent|per cent|pct)|\s*(?:-\s*)?(?:times|fold)\b|\s+(?:places|positions|spots|notches)\b|\s*(?<cur2>yuan|renminbi|RMB|CNY|元|US dollars|dollars|USD|euros?|EUR|pounds|GBP)\b)`;
const MENTION = new RegExp(
  [
    String.raw`(?<ratio>(?<![\d.:])\d+(?:\.\d+)?\s*:\s*\d+(?:\.\d+)?(?![\d:]))`,
    String.raw`(?<multw>\b(?:doubled|tripled|trebled|quadrupled|halved)\b)`,
    String.raw`(?<rankno>\bNo\.\s?(?<rankn>\d{1,3})\b)`,
    String.raw`(?<topn>\btop[\s-](?<topv>\d{1,3}|three|five|ten|twenty|fifty|hundred)\b)`,
    String.raw`(?<ord>(?<![\w.])${ORDINAL}\b)`,
    String.raw`(?:${CURRENCY_PREFIX}\s*(?<cnum>${DIGIT_NUMBER}(?![\d]))|(?<num>(?<![\w.,])${DIGIT_NUMBER}(?![\d])|\b${WORD_NUMBER}\b))${SCALE}?${SUFFIX}?`,
  ].join('|'),
  'gi',
);

const CURRENCY_CODES: Record<string, string> = {
  rmb: 'CNY', cny: 'CNY', yuan: 'CNY', renminbi: 'CNY', '元': 'CNY', '¥': 'CNY', '￥': 'CNY',
  usd: 'USD', 'us$': 'USD', $: 'USD', dollars: 'USD', 'us dollars': 'USD',
  'hk$': 'HKD', hkd: 'HKD', eur: 'EUR', '€': 'EUR', euro: 'EUR', euros: 'EUR', gbp: 'GBP', '£': 'GBP',
  pounds: 'GBP', jpy: 'JPY',
};

const MONTH = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s*$/i;
const MONTH_AFTER = /^\s*(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
const DURATION_AFTER = /^\s*(?:-\s*|\s)?(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)\b/i;
const IDENTIFIER_BEFORE = /\b(?:no|nos|number|article|articles|phase|item|chapter|section|line|room|building|grade|class|version|batch|route|gate|platform|terminal|stage|session|round|plenary)\.?\s*$/i;
const COUNT_VERB_BEFORE = /\b(?:reach(?:ed|es|ing)?|amount(?:ed|s|ing)? to|total(?:l?ed|l?ing|s)?(?: of)?|hit|exceed(?:ed|s|ing)?|number(?:ed|s|ing)?|stood at|stands at|(?:increased|rose|grew|risen|climbed|jumped|doubled|tripled) to|up to|more than|over|nearly|about|around|approximately|almost)\s*$/i;
const RANK_WORD = /\b(?:rank(?:ed|ing|ings|s)?|placed|place|position(?:ed)?|came|stood|listed|top)\b/i;
const NOT_RANK_AFTER = /^\s*(?:consecutive|straight|successive|running|year in a row|batch|phase|time|session|npc|party|plenary|congress|five-year|anniversary|edition|round|meeting|year|half|quarter|stage|step|pilot|group|generation|class|prize|award|of its kind)\b/i;

export interface Mention {
  start: number;
  end: number;
  text: string;
  kind: FactKind | 'number';
  value: number;
  value2?: number;
  unit: string;
  scale?: string;
  /** A bare number (no unit, no scale): can belong to a "respectively" list. */
  bare: boolean;
}

function isYearLike(n: number, raw: string): boolean {
  return /^\d{4}$/.test(raw) && n >= 1900 && n <= 2100;
}

/** One match of MENTION, with the sentence around it. */
interface Site {
  sentence: string;
  g: Record<string, string | undefined>;
  start: number;
  end: number;
  text: string;
  before: string;
  after: string;
}

/** Every number mention of a sentence that can be a fact, with its kind and value. */
export function findMentions(sentence: string): Mention[] {
  const out: Mention[] = [];
  eachMatch(MENTION, sentence, (m) => {
    const start = m.index;
    const text = m[0];
    const end = start + text.length;
    const site: Site = { sentence, g: m.groups ?? {}, start, end, text, before: sentence.slice(0, start), after: sentence.slice(end) };
    const g = site.g;
    const mention = g.ratio
      ? ratioMention(site)
      : g.multw
        ? multipleWordMention(site)
        : g.rankno
          ? rankNoMention(site)
          : g.topn
            ? topMention(site)
            : g.ord
              ? ordinalMention(site)
              : numberMention(site, out);
    if (mention) out.push(mention);
  });
  return out;
}

function ratioMention({ sentence, g, start, end, text }: Site): Mention | null {
  if (!/\b(?:ratio|proportion|rate)\b/i.test(sentence)) return null;
  const [a, b] = (g.ratio ?? '').split(':').map((x) => Number(x.trim()));
  if (a === undefined || b === undefined) return null;
  return { start, end, text, kind: 'ratio', value: a, value2: b, unit: 'ratio', bare: false };
}

function multipleWordMention({ g, start, end, text }: Site): Mention {
  const w = (g.multw ?? '').toLowerCase();
  const value = w === 'doubled' ? 2 : w === 'halved' ? 0.5 : w === 'quadrupled' ? 4 : 3;
  return { start, end, text, kind: 'multiple', value, unit: 'times', bare: false };
}

/** "ranked No. 9", "rose to No. 11 in the country": a rank written with "No.". */
function rankNoMention({ g, start, end, text, before, after }: Site): Mention | null {
  const isRank = /\b(?:rank(?:ed|ing|s)?|rose to|climbed to|moved up to|came|stood|placed|position(?:ed)?)\s+(?:at\s+)?$/i.test(before) || /^\s*(?:in|of|among|across)\s+(?:the\s+)?(?:whole\s+)?(?:country|nation|world|province|china)\b/i.test(after);
  if (!isRank) return null;
  return { start, end, text, kind: 'rank', value: Number(g.rankn), unit: 'rank', bare: false };
}

/** "climbed into the top 10 of the ... ranking": a rank band, stated as such. */
function topMention({ g, start, end, text, before }: Site): Mention | null {
  const v = parseNumber(g.topv ?? '') || (g.topv === 'hundred' ? 100 : NaN);
  if (!Number.isFinite(v) || !/\b(?:into|in|among|within|of|entered|enter|entering|made|make|ranks?|ranked|ranking)\s+(?:the\s+)?$/i.test(before)) return null;
  return { start, end, text, kind: 'rank', value: v, unit: 'top', bare: false };
}

function ordinalMention({ g, start, end, text, before, after }: Site): Mention | null {
  const value = parseOrdinal(g.ord ?? '');
  if (!Number.isFinite(value)) return null;
  const isRank = RANK_WORD.test(before) || /^\s*(?:place|position)\b/i.test(after) || /^\s*(?:in|among)\s+(?:the\s+)?(?:country|nation|world|province|china|northeast|\w+ china)\b/i.test(after);
  if (!isRank || NOT_RANK_AFTER.test(after)) return null;
  return { start, end, text, kind: 'rank', value, unit: 'rank', bare: false };
}

/** A number written in digits or words, with its scale, unit suffix or currency. */
interface Amount {
  rawNum: string;
  value: number;
  word: boolean;
  suffix: string;
  scale: string | undefined;
  currency: string | undefined;
}

function numberMention(site: Site, out: readonly Mention[]): Mention | null {
  const { g, start, end, text, before, after } = site;
  const rawNum = g.cnum ?? g.num;
  if (!rawNum) return null;
  const parsed = parseNumber(rawNum);
  if (!Number.isFinite(parsed)) return null;
  const a: Amount = { rawNum, value: parsed, word: /^[a-z]/i.test(rawNum), suffix: (g.suffix ?? '').trim().toLowerCase(), scale: g.scale?.trim(), currency: g.cur1 ?? g.cur2 };
  if (notAFact(a, before, after)) return null;

  const value = clean(a.value * scaleFactor(a.scale));
  const { suffix, scale, currency } = a;
  // "(100 million yuan)", "(billion yuan)": a table's unit label, not an amount.
  if ((currency || scale) && /\(\s*$/.test(before) && /^\s*\)/.test(after) && /^(?:1|10|100|1,000|10,000)$/.test(rawNum)) return null;
  if (currency) {
    // Trailing scale written after the currency word: "RMB 1 billion" is handled above; "1 billion yuan" too.
    const code = CURRENCY_CODES[currency.toLowerCase()] ?? currency.toUpperCase();
    // A conversion in parentheses right after another amount: "140 million yuan ($19.35 million)".
    if (/\(\s*(?:about|around|approximately|or)?\s*$/.test(before) && out.some((o) => o.kind === 'money' && start - o.end < 6)) return null;
    return { start, end, text, kind: 'money', value, unit: code, ...(scale ? { scale } : {}), bare: false };
  }
  if (/^(?:%|％|percent|per cent|pct)$/.test(suffix)) return { start, end, text, kind: 'percent', value, unit: '%', bare: false };
  if (suffix.startsWith('percentage point')) return { start, end, text, kind: 'percent', value, unit: 'percentage points', bare: false };
  if (/(?:times|fold)$/.test(suffix)) return { start, end, text, kind: 'multiple', value, unit: 'times', bare: false };
  if (/^(?:places|positions|spots|notches)$/.test(suffix)) return { start, end, text, kind: 'places', value, unit: 'places', bare: false };
  return countMention(site, a, value);
}

/** Glued to letters (5G, 123N) or part of an identifier, date or duration: not a fact. */
function notAFact({ rawNum, value, suffix, scale, currency }: Amount, before: string, after: string): boolean {
  if (!suffix && !scale && /^[A-Za-z]/.test(after)) return true;
  if (!currency && /[A-Za-z]-$/.test(before)) return true; // COVID-19
  if (!suffix && !currency && (/\d\s*[/.]$/.test(before) || /^[/.]\d/.test(after))) return true; // 2018/04/11
  if (IDENTIFIER_BEFORE.test(before) && !currency && !suffix) return true;
  if (!suffix && !currency && (MONTH.test(before) || MONTH_AFTER.test(after))) return true;
  if (!suffix && !currency && DURATION_AFTER.test(after)) return true;
  if (!suffix && /^\s*plus\b/i.test(after)) return true;
  if (!suffix && /^\s*[-–]\s*\d{4}\b/.test(after)) return true; // 2022-2024
  if (/\d\s*[-–]\s*$/.test(before) && isYearLike(value, rawNum)) return true;
  return false;
}

/** A plain number: a count, unless it is a year. */
function countMention({ start, text, before, after }: Site, { rawNum, word, scale }: Amount, value: number): Mention | null {
  if (!scale && isYearLike(value, rawNum) && !COUNT_VERB_BEFORE.test(before)) return null;
  if (/^[’'"”]/.test(after) && word) return null; // “two” in quotes
  let shown = text;
  if (word) {
    // A number in words counts only before a noun: "eight key provincial laboratories".
    const next = /^\s+([a-z][a-z-]*)/i.exec(after)?.[1]?.toLowerCase();
    if (!next || /^(?:of|and|or|to|in|on|at|by|for|with|is|are|was|were|has|have|the|a|that|which|who|it)$/.test(next)) {
      if (!/^\s+of\s+(?:the|them|these|its)\b/i.test(after)) return null;
    }
    shown = rawNum;
  }
  return { start, end: start + shown.length, text: shown, kind: 'number', value, unit: '', ...(scale ? { scale } : {}), bare: !scale && !word };
}
