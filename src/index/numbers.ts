/** Numbers as articles write them: digits with separators and decimals, words, ordinals, scales. */

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ORDINAL_WORDS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

/** Scale words and their factors (lowercase). */
export const SCALES: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  'ten thousand': 1e4,
  'hundred thousand': 1e5,
  million: 1e6,
  'hundred million': 1e8,
  billion: 1e9,
  trillion: 1e12,
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  bn: 1e9,
  b: 1e9,
  tn: 1e12,
  万: 1e4,
  亿: 1e8,
  万亿: 1e12,
};

const WORD_UNIT = Object.keys(UNITS).filter((w) => w !== 'zero' && w !== 'one').join('|');
const WORD_TENS = Object.keys(TENS).join('|');

/** A cardinal in words, from two to ninety-nine ("one" is too often not a number). */
export const WORD_NUMBER = `(?:(?:${WORD_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|${WORD_UNIT}|a dozen|dozens of|a hundred)`;
/** A number in digits: 2705, 1,433, 15.95, 560,000. */
export const DIGIT_NUMBER = `(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)`;
export const ORDINAL = `(?:\\d+(?:st|nd|rd|th)|${Object.keys(ORDINAL_WORDS).join('|')})`;

/** Value of a number written in digits or words, or NaN. */
export function parseNumber(text: string): number {
  const t = text.trim().toLowerCase();
  if (/^[\d,]+(?:\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
  if (t === 'a dozen') return 12;
  if (t === 'a hundred') return 100;
  if (t in UNITS) return UNITS[t]!;
  if (t in TENS) return TENS[t]!;
  const m = /^([a-z]+)[- ]([a-z]+)$/.exec(t);
  if (m && m[1]! in TENS && m[2]! in UNITS) return TENS[m[1]!]! + UNITS[m[2]!]!;
  return Number.NaN;
}

/** Value of an ordinal ("17th", "first"), or NaN. */
export function parseOrdinal(text: string): number {
  const t = text.trim().toLowerCase();
  const m = /^(\d+)(?:st|nd|rd|th)$/.exec(t);
  if (m) return Number(m[1]);
  return ORDINAL_WORDS[t] ?? Number.NaN;
}

/** Factor of a scale word, or 1. */
export function scaleFactor(scale: string | undefined): number {
  if (!scale) return 1;
  const s = scale.trim().toLowerCase().replace(/\s+/g, ' ');
  return SCALES[s] ?? 1;
}

/** Round away floating-point noise (15.95 * 1e9 = 15950000000.000002). */
export function clean(n: number): number {
  // A whole number of up to 12 digits has no noise to round away (the common case: no string round trip).
  if (n > 0 && n < 1e12 && Number.isInteger(n)) return n;
  return Number(n.toPrecision(12));
}
