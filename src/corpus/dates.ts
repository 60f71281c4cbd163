/** Publication dates in the forms news sites write them, to ISO YYYY-MM-DD. */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
};

const MONTH_NAME = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

export interface FoundDate {
  iso: string;
  /** Offsets of the date text in the searched string. */
  start: number;
  end: number;
}

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 2021-02-30
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const PATTERNS: readonly { re: RegExp; build: (m: RegExpExecArray) => string | null }[] = [
  // 2021-12-16, 2018/04/11, 2024.05.28, 2021-12-16T10:00
  { re: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/, build: (m) => iso(+m[1]!, +m[2]!, +m[3]!) },
  // 2021年12月16日
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, build: (m) => iso(+m[1]!, +m[2]!, +m[3]!) },
  // April 11, 2024 / Apr. 11 2024
  {
    re: new RegExp(`\\b${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'),
    build: (m) => iso(+m[3]!, MONTHS[m[1]!.toLowerCase().replace('.', '')] ?? 0, +m[2]!),
  },
  // 11 April 2024
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_NAME},?\\s+(\\d{4})\\b`, 'i'),
    build: (m) => iso(+m[3]!, MONTHS[m[2]!.toLowerCase().replace('.', '')] ?? 0, +m[1]!),
  },
  // 16/12/2021 (day first, as non-US sites write it) when the day is > 12, else month/day/year
  {
    re: /(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)/,
    build: (m) => {
      const a = +m[1]!;
      const b = +m[2]!;
      return a > 12 ? iso(+m[3]!, b, a) : iso(+m[3]!, a, b);
    },
  },
];

/** The first date in the text, or null. */
export function findDate(text: string): FoundDate | null {
  let best: FoundDate | null = null;
  for (const { re, build } of PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const value = build(m);
    if (value === null) continue;
    if (best === null || m.index < best.start) best = { iso: value, start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/** Parse a date string that should be only a date (front matter), or null. */
export function parseDate(text: string): string | null {
  return findDate(text.trim())?.iso ?? null;
}
