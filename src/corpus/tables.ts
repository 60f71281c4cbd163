/**
 * Flattened tables: scraped pages lose a table's grid and keep its cells as lines, either one cell per
 * line ("City", "R&D intensity (%)", "Shenzhen", "5.49", ...) or one row per line ("R&D intensity (%)
 * 2.34 2.46 —"). Read as prose they are a run of numbers nobody can attribute. Here each detected table
 * becomes one plain sentence per cell ("In 2022, Shenzhen's R&D intensity was 5.49 percent."), so the
 * fact extractor and the reader see the row, the column, the unit and the year next to the value.
 * Pure functions over lines.
 */

const VALUE = /^(?:[-–—]|[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)%?)$/;
const GROWTH = /^(?:growth|increase|change|growth rate|y-o-y|yoy|year-on-year(?: growth)?)\b/i;
/** A header naming the rows' metrics ("Indicator"): the rows are measures, not places. */
const METRIC_HEADER = /^(?:indicators?|items?|index|indexes|metrics?|categor(?:y|ies)|measures?)$/i;
const YEAR = /^(?:19|20)\d\d$/;

function isValue(s: string): boolean {
  return VALUE.test(s.trim());
}

/** A cell-like line: short, not a value, not a sentence. */
function isLabel(s: string): boolean {
  const t = s.trim();
  return t.length > 0 && t.length <= 80 && !isValue(t) && !/[.!?。]$/.test(t) && /[A-Za-z\u4e00-\u9fff]/.test(t);
}

interface Unit {
  name: string;
  unit: string | null;
}

/** "R&D expenditure (100 million yuan)" -> name "R&D expenditure", unit "100 million yuan". */
export function splitUnit(label: string): Unit {
  const m = /^(.*?)\s*[(（]\s*([^()（）]+?)\s*[)）]\s*$/.exec(label.trim());
  if (!m) return { name: label.trim(), unit: null };
  return { name: (m[1] ?? '').trim(), unit: (m[2] ?? '').trim() };
}

/** The value with its unit as prose: "5.49 percent", "1,880.5 hundred million yuan", "23,100". */
function withUnit(cell: string, unit: string | null): string {
  // "9.6%" in a cell carries its own unit.
  const value = cell.replace(/%$/, '');
  if (cell.endsWith('%') && !unit) return `${value} percent`;
  if (!unit) return value;
  const u = unit.trim().replace(/^bn\b/i, 'billion').replace(/^(?:mn|mln)\b/i, 'million').replace(/^tn\b/i, 'trillion');
  if (/^%$|^percent$/i.test(u)) return `${value} percent`;
  if (/^100 million\b/i.test(u)) return `${value} hundred million${u.slice('100 million'.length)}`;
  if (/^10,?000\b/i.test(u)) return `${value} ten thousand${u.replace(/^10,?000/, '')}`;
  return `${value} ${u}`;
}

function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

/** A row label inside a sentence: "Technology contract turnover" reads "technology contract turnover"; "R&D" stays. */
function inSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : name;
}

function sentenceFor(entity: string | null, metric: Unit, value: string, year: string | null): string | null {
  if (/^[-–—]$/.test(value)) return null;
  const when = year ? `In ${year}, ` : '';
  const growth = /^(?:growth|increase|change|growth rate)$/i.test(metric.name);
  if (growth) return null; // a growth column is stated by its own row (see rowPerLine)
  if (!metric.unit) {
    const what = inSentence(metric.name);
    return entity ? `${when}${entity} had ${value} ${what}.` : `${when}the number of ${what} was ${value}.`;
  }
  const name = inSentence(metric.name);
  const subject = entity ? `${possessive(entity)} ${name}` : name;
  return `${when}${year ? subject : subject.replace(/^\w/, (c) => c.toUpperCase())} was ${withUnit(value, metric.unit)}.`;
}

/** The year a caption gives a table: "Key indicators of major cities (2022)". */
function captionYear(caption: string | undefined): string | null {
  const m = caption ? /\b((?:19|20)\d\d)\b/.exec(caption) : null;
  return m ? (m[1] ?? null) : null;
}

export interface TableBlock {
  /** Line range [start, end) the table occupied. */
  start: number;
  end: number;
  sentences: string[];
}

/** A growth cell as a sentence: "In 2022, Zhengzhou's R&D expenditure grew 14.6 percent." */
function growthSentence(owner: string | null, metric: Unit, cell: string, unit: string | null, year: string | null): string | null {
  if (/^[-–—]$/.test(cell)) return null;
  const name = inSentence(metric.name);
  const subject = owner ? `${possessive(owner)} ${name}` : name;
  const when = year ? `In ${year}, ` : '';
  const body = `${subject} grew ${withUnit(cell, cell.endsWith('%') ? null : unit ?? '%')}.`;
  return when ? `${when}${body}` : body.replace(/^\w/, (c) => c.toUpperCase());
}

/** One cell per line: n header labels, then rows of one label and n-1 values. */
function cellPerLine(lines: string[], at: number): TableBlock | null {
  let best: { n: number; rows: number } | null = null;
  for (let n = 3; n <= 8; n++) {
    const header = lines.slice(at, at + n);
    // Column headers are labels, or years ("Indicator", "2021", "2022").
    if (header.length < n || !header.every((h, k) => isLabel(h) || (k > 0 && YEAR.test(h.trim())))) continue;
    let rows = 0;
    for (let r = at + n; r + n <= lines.length; r += n) {
      const row = lines.slice(r, r + n);
      if (!isLabel(row[0] ?? '') || !row.slice(1).every(isValue)) break;
      rows++;
    }
    if (rows >= 2 && (!best || rows * n > best.rows * best.n)) best = { n, rows };
  }
  if (!best) return null;
  const { n, rows } = best;
  const header = lines.slice(at + 1, at + n).map((h) => splitUnit(h.trim()));
  const caption = lines[at - 1];
  const year = captionYear(caption);
  const transposed = METRIC_HEADER.test((lines[at] ?? '').trim()) || header.some((h) => YEAR.test(h.name));
  const owner = transposed ? tableOwner(caption) : null;
  const sentences: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row = lines.slice(at + n + r * n, at + n + (r + 1) * n).map((c) => c.trim());
    const label = row[0] ?? '';
    row.slice(1).forEach((v, j) => {
      const col = header[j]!;
      // "Indicator | Value | Growth": each row is a measure of the table's owner.
      if (transposed) {
        const metric = splitUnit(label);
        const colYear = YEAR.test(col.name) ? col.name : year;
        const s = GROWTH.test(col.name) ? growthSentence(owner, metric, v, col.unit, colYear) : sentenceFor(owner, { name: metric.name, unit: metric.unit ?? col.unit }, v, colYear);
        if (s) sentences.push(s);
        return;
      }
      // "City | R&D expenditure | Growth (%)": the growth of the measure in the column before it.
      if (GROWTH.test(col.name)) {
        const measured = header.slice(0, j).reverse().find((h) => !GROWTH.test(h.name));
        const s = measured ? growthSentence(label, { name: measured.name, unit: null }, v, col.unit, year) : null;
        if (s) sentences.push(s);
        return;
      }
      const s = sentenceFor(label, col, v, year);
      if (s) sentences.push(s);
    });
  }
  return { start: at, end: at + n + rows * n, sentences };
}

/** Trailing value cells of a line: "R&D intensity (%) 2.34 2.46 —" -> label and ["2.34", "2.46", "—"]. */
function rowCells(line: string): { label: string; values: string[] } | null {
  const tokens = line.trim().split(/\s+/);
  const values: string[] = [];
  while (tokens.length > 0 && isValue(tokens[tokens.length - 1]!)) values.unshift(tokens.pop()!);
  const label = tokens.join(' ');
  if (values.length < 2 || !isLabel(label)) return null;
  return { label, values };
}

/** The value columns of a header line: "Indicator 2021 2022 Growth (%)" -> ["2021", "2022", "Growth (%)"]. */
function headerColumns(line: string, count: number): string[] | null {
  const tokens = line.trim().split(/\s+/).slice(1);
  const cols: string[] = [];
  for (const t of tokens) {
    const last = cols[cols.length - 1];
    if (YEAR.test(t) || last === undefined || YEAR.test(last)) cols.push(t);
    else cols[cols.length - 1] = `${last} ${t}`;
  }
  return cols.length === count && cols.some((c) => YEAR.test(c)) ? cols : null;
}

/** Whose figures a table gives, from the line that introduces it: "the province's main indicators" -> "the province". */
export function tableOwner(lead: string | undefined): string | null {
  const m = lead
    ? /\b((?:[Tt]he|[Tt]his|[Oo]ur) (?:province|city|region|country|district|county|zone)|[A-Z][\w-]+(?: [A-Z][\w-]+)?)['’]s\b/.exec(lead) ??
      // "Main S&T indicators of Kunming", "Key figures of Sichuan innovation (2022)"
      /\b(?:of|in|for)\s+([A-Z][a-z][\w-]*(?: [A-Z][a-z][\w-]*)?)\b/.exec(lead) ??
      // "Key indicators (Chongqing)"
      /\(([A-Z][a-z][\w-]*(?: [A-Z][a-z][\w-]*)?)\)/.exec(lead)
    : null;
  return m ? (m[1] ?? '').replace(/^(?:The|This|Our)\b/, (w) => w.toLowerCase()) : null;
}

/** One row per line under a header of year columns. */
function rowPerLine(lines: string[], at: number): TableBlock | null {
  const first = rowCells(lines[at + 1] ?? '');
  if (!first) return null;
  const cols = headerColumns(lines[at] ?? '', first.values.length);
  if (!cols) return null;
  let end = at + 1;
  const sentences: string[] = [];
  let lead = at - 1;
  while (lead >= 0 && !(lines[lead] ?? '').trim()) lead--;
  const owner = tableOwner(lines[lead]);
  while (end < lines.length) {
    const row = rowCells(lines[end] ?? '');
    if (!row || row.values.length !== cols.length) break;
    const metric = splitUnit(row.label);
    const years = cols.filter((c) => YEAR.test(c));
    cols.forEach((c, j) => {
      const v = row.values[j]!;
      if (YEAR.test(c)) {
        const s = sentenceFor(owner, metric, v, c);
        if (s) sentences.push(s);
      } else if (GROWTH.test(c)) {
        const s = growthSentence(owner, metric, v, splitUnit(c).unit, years[years.length - 1] ?? null);
        if (s) sentences.push(s);
      }
    });
    end++;
  }
  return end - at - 1 >= 2 ? { start: at, end, sentences } : null;
}

/** A row written with pipes ("R&D input (bn yuan) | 22.4 | 26.5"), as cells separated by spaces; other lines as they are. */
export function unpipe(line: string): string {
  if (!line.includes('|')) return line;
  const cells = line.split('|').map((c) => c.trim()).filter((c) => c !== '');
  if (cells.length < 3 || !cells.slice(1).every((c) => isValue(c) || YEAR.test(c) || GROWTH.test(c) || /^[A-Za-z][\w ()%-]{0,30}$/.test(c))) return line;
  return cells.join(' ');
}

/** The cells of a row written with a delimiter ("a | b | c", "a—b—c", tabs), or null. */
function delimitedCells(line: string): string[] | null {
  for (const d of ['|', '—', '\t']) {
    if (!line.includes(d)) continue;
    const cells = line.split(d).map((c) => c.trim()).filter((c, i, all) => c !== '' || (i > 0 && i < all.length - 1));
    if (cells.length >= 3) return cells;
  }
  return null;
}

/**
 * A table whose cells are delimited: a header (a label, then years or names) and rows of a label and
 * values. Year columns give each value its year; name columns ("Guangxi | Nanning | Liuzhou") its owner.
 */
function delimitedTable(lines: string[], at: number): TableBlock | null {
  const header = delimitedCells(lines[at] ?? '');
  if (!header || !isLabel(header[0] ?? '') || !header.slice(1).every((h) => YEAR.test(h) || GROWTH.test(h) || isLabel(h))) return null;
  const caption = lines[at - 1];
  const owner = tableOwner(caption);
  const year = captionYear(caption);
  const sentences: string[] = [];
  let end = at + 1;
  for (; end < lines.length; end++) {
    const row = delimitedCells(lines[end] ?? '');
    if (!row || row.length !== header.length || !isLabel(row[0] ?? '') || !row.slice(1).every(isValue)) break;
    const metric = splitUnit(row[0]!);
    const years = header.filter((h) => YEAR.test(h));
    row.slice(1).forEach((v, j) => {
      const col = header[j + 1]!;
      const sentence = YEAR.test(col)
        ? sentenceFor(owner, metric, v, col)
        : GROWTH.test(col)
          ? growthSentence(owner, metric, v, splitUnit(col).unit, years[years.length - 1] ?? year)
          : sentenceFor(col, metric, v, year);
      if (sentence) sentences.push(sentence);
    });
  }
  return end - at - 1 >= 1 && sentences.length > 0 ? { start: at, end, sentences } : null;
}

/** Every table in a run of lines, left to right. */
export function findTables(input: string[]): TableBlock[] {
  const out: TableBlock[] = [];
  for (let i = 0; i < input.length; i++) {
    const t = delimitedTable(input, i);
    if (t) {
      out.push(t);
      i = t.end - 1;
    }
  }
  if (out.length > 0) {
    // Other tables between and around the delimited ones.
    const rest: TableBlock[] = [];
    let from = 0;
    for (const t of [...out, { start: input.length, end: input.length, sentences: [] }]) {
      for (const b of findPlainTables(input.slice(from, t.start))) rest.push({ ...b, start: b.start + from, end: b.end + from });
      from = t.end;
    }
    return [...out, ...rest].sort((a, b) => a.start - b.start);
  }
  return findPlainTables(input);
}

/** Tables of cells on their own lines or rows separated by spaces. */
function findPlainTables(input: string[]): TableBlock[] {
  const lines = input.map(unpipe);
  const out: TableBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const t = rowPerLine(lines, i) ?? cellPerLine(lines, i);
    if (t && t.sentences.length > 0) {
      out.push(t);
      i = t.end - 1;
    }
  }
  return out;
}

/** The lines with each table replaced by its sentences, one paragraph per table. */
export function renderTables(lines: string[]): string[] {
  const tables = findTables(lines);
  if (tables.length === 0) return lines;
  const out: string[] = [];
  let at = 0;
  for (const t of tables) {
    out.push(...lines.slice(at, t.start), '', t.sentences.join(' '), '');
    at = t.end;
  }
  out.push(...lines.slice(at));
  return out;
}
