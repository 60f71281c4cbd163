/**
 * The facts of a loaded index, held column by column (typed arrays and one string table) and turned
 * into `Fact` objects only when asked for. A fact's sentence and the sentence before it are ranges
 * of its article's text, and its stated value a range of the sentence, so no text is stored twice.
 */
import { ContainerError, StringTable, checkBelow, checkOrDefer, column, groupRows, narrow, rowsOf, uintColumn, type DeferredChecks, type Groups, type Table, type UintColumn } from './columns.js';
import type { TextStore } from './texts.js';
import type { Fact } from './types.js';

/** Materialized facts kept for reuse (a question touches a few hundred at most). */
const CACHE = 4096;

/** Columns that hold a string, each an index into its own table (0: none). */
const STRING_COLUMNS = ['kind', 'unit', 'scale', 'qualifier', 'measure', 'metric', 'change', 'direction', 'status', 'yearFrom', 'region', 'sentenceText', 'valueText', 'previousText'] as const;
type StringColumn = (typeof STRING_COLUMNS)[number];
/** Unsigned number columns. `year` is the year + 1 (0: none); `previousStart` the start + 1 (0: no sentence before). */
const NUMBER_COLUMNS = ['doc', 'chunk', 'year', 'sentenceStart', 'sentenceEnd', 'valueStart', 'valueEnd', 'previousStart', 'previousLength'] as const;
type NumberColumn = (typeof NUMBER_COLUMNS)[number];

/**
 * Encode facts (ids are positions) against their documents' texts. A sentence that is not a range of
 * its text (never seen, but possible) is stored as `sentenceText`; likewise the value and the
 * sentence before.
 */
export function encodeFacts(facts: readonly Fact[], docIndex: ReadonlyMap<string, number>, textOf: (doc: number) => string): Table {
  const n = facts.length;
  const strings = Object.fromEntries(STRING_COLUMNS.map((k) => [k, new StringTable()])) as Record<StringColumn, StringTable>;
  const ids = Object.fromEntries(STRING_COLUMNS.map((k) => [k, new Uint32Array(n)])) as Record<StringColumn, Uint32Array>;
  const nums = Object.fromEntries(NUMBER_COLUMNS.map((k) => [k, new Uint32Array(n)])) as Record<NumberColumn, Uint32Array>;
  const value = new Float64Array(n);
  const value2 = new Float64Array(n);
  const put = (k: StringColumn, i: number, v: string | null | undefined) => (ids[k][i] = strings[k].id(v));
  facts.forEach((f, i) => {
    if (f.id !== i) throw new Error(`fact ${f.id} at position ${i}`);
    const d = docIndex.get(f.doc);
    if (d === undefined) throw new Error(`fact ${i} of an unknown document ${f.doc}`);
    const text = textOf(d);
    nums.doc[i] = d;
    nums.chunk[i] = f.chunk;
    value[i] = f.value;
    value2[i] = f.value2 ?? Number.NaN;
    put('kind', i, f.kind);
    put('unit', i, f.unit);
    put('scale', i, f.scale);
    put('qualifier', i, f.qualifier);
    put('measure', i, f.measure);
    put('metric', i, f.metric);
    put('change', i, f.change);
    put('direction', i, f.direction);
    put('status', i, f.status);
    put('yearFrom', i, f.yearFrom);
    put('region', i, f.region);
    if (f.year !== null && !(Number.isInteger(f.year) && f.year >= 0)) throw new Error(`fact ${i} has the year ${f.year}`);
    nums.year[i] = f.year === null ? 0 : f.year + 1;
    nums.sentenceStart[i] = f.sentenceStart;
    nums.sentenceEnd[i] = f.sentenceEnd;
    nums.valueStart[i] = f.valueStart;
    nums.valueEnd[i] = f.valueEnd;
    if (text.slice(f.sentenceStart, f.sentenceEnd) !== f.sentence) put('sentenceText', i, f.sentence);
    if (f.sentence.slice(f.valueStart, f.valueEnd) !== f.text) put('valueText', i, f.text);
    if (f.previous !== undefined) {
      const at = f.previous.length > 0 ? text.lastIndexOf(f.previous, f.sentenceStart) : -1;
      if (at >= 0) {
        nums.previousStart[i] = at + 1;
        nums.previousLength[i] = f.previous.length;
      } else put('previousText', i, f.previous);
    }
  });
  const columns: Table['columns'] = { value, value2 };
  for (const k of NUMBER_COLUMNS) columns[k] = narrow(nums[k]);
  for (const k of STRING_COLUMNS) columns[k] = narrow(ids[k]);
  return { kind: 'facts', columns, tables: Object.fromEntries(STRING_COLUMNS.map((k) => [k, strings[k].values])), meta: { count: n } };
}

export class FactStore implements Iterable<Fact> {
  private readonly s: Record<StringColumn, UintColumn>;
  private readonly n: Record<NumberColumn, UintColumn>;
  private readonly value: Float64Array;
  private readonly value2: Float64Array;
  private readonly tables: Record<StringColumn, string[]>;
  private readonly cache = new Map<number, Fact>();
  private byChunk: Groups | null = null;
  private byDoc: Groups | null = null;
  private regionList: string[] | null = null;
  readonly length: number;

  constructor(
    table: Table,
    private readonly docIds: readonly string[],
    private readonly texts: TextStore,
    private readonly chunkCount: number,
    later?: DeferredChecks,
  ) {
    const n = table.meta.count;
    if (typeof n !== 'number') throw new ContainerError('facts without a count');
    this.length = n;
    this.value = column(table, 'value', 'f64', n);
    this.value2 = column(table, 'value2', 'f64', n);
    this.n = Object.fromEntries(NUMBER_COLUMNS.map((k) => [k, uintColumn(table, k, n)])) as Record<NumberColumn, UintColumn>;
    this.s = Object.fromEntries(STRING_COLUMNS.map((k) => [k, uintColumn(table, k, n)])) as Record<StringColumn, UintColumn>;
    this.tables = Object.fromEntries(
      STRING_COLUMNS.map((k) => {
        const t = table.tables[k];
        if (!t) throw new ContainerError(`missing table ${k}`);
        const c = this.s[k];
        checkOrDefer(later, () => checkBelow(c, t.length, k));
        return [k, t];
      }),
    ) as Record<StringColumn, string[]>;
    const cols = this.n;
    checkOrDefer(later, () => checkBelow(cols.doc, docIds.length, 'doc'));
    checkOrDefer(later, () => checkBelow(cols.chunk, chunkCount, 'chunk'));
    checkOrDefer(later, () => {
      for (let i = 0; i < n; i++) {
        if (cols.sentenceEnd[i]! < cols.sentenceStart[i]! || cols.valueEnd[i]! < cols.valueStart[i]!) throw new ContainerError('a fact with a negative range');
      }
    });
  }

  /** The string of column `k` for fact `i` (undefined: none). */
  private str(k: StringColumn, i: number): string | undefined {
    const id = this.s[k][i]!;
    return id === 0 ? undefined : this.tables[k][id];
  }

  /** The fact with this id (the same object while it stays in the cache). */
  get(id: number): Fact | undefined {
    if (!(id >= 0 && id < this.length)) return undefined;
    const hit = this.cache.get(id);
    if (hit) return hit;
    const fact = this.materialize(id);
    if (this.cache.size >= CACHE) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(id, fact);
    return fact;
  }

  private materialize(i: number): Fact {
    const n = this.n;
    const d = n.doc[i]!;
    const text = this.texts.text(d);
    const sentenceStart = n.sentenceStart[i]!;
    const sentenceEnd = n.sentenceEnd[i]!;
    const valueStart = n.valueStart[i]!;
    const valueEnd = n.valueEnd[i]!;
    const sentence = this.str('sentenceText', i) ?? text.slice(sentenceStart, sentenceEnd);
    const year = n.year[i]!;
    const f: Fact = {
      id: i,
      doc: this.docIds[d]!,
      value: this.value[i]!,
      text: this.str('valueText', i) ?? sentence.slice(valueStart, valueEnd),
      kind: this.str('kind', i) as Fact['kind'],
      unit: this.str('unit', i) ?? '',
      measure: this.str('measure', i) ?? '',
      metric: this.str('metric', i) ?? '',
      change: this.str('change', i) as Fact['change'],
      status: this.str('status', i) as Fact['status'],
      year: year === 0 ? null : year - 1,
      yearFrom: this.str('yearFrom', i) as Fact['yearFrom'],
      region: this.str('region', i) ?? null,
      sentence,
      sentenceStart,
      sentenceEnd,
      valueStart,
      valueEnd,
      chunk: n.chunk[i]!,
    };
    const v2 = this.value2[i]!;
    if (!Number.isNaN(v2)) f.value2 = v2;
    const scale = this.str('scale', i);
    if (scale !== undefined) f.scale = scale;
    const qualifier = this.str('qualifier', i);
    if (qualifier !== undefined) f.qualifier = qualifier;
    const direction = this.str('direction', i);
    if (direction !== undefined) f.direction = direction as Fact['direction'];
    const previous = this.str('previousText', i);
    const ps = n.previousStart[i]!;
    if (previous !== undefined) f.previous = previous;
    else if (ps !== 0) f.previous = text.slice(ps - 1, ps - 1 + n.previousLength[i]!);
    return f;
  }

  /** The facts stated in this chunk, in id order. */
  ofChunk(chunk: number): Fact[] {
    this.byChunk ??= groupRows(this.n.chunk, this.chunkCount);
    return Array.from(rowsOf(this.byChunk, chunk), (id) => this.get(id)!);
  }

  /** The facts of the document at this position of `docs`, in id order. */
  ofDoc(doc: number): Fact[] {
    this.byDoc ??= groupRows(this.n.doc, this.docIds.length);
    return Array.from(rowsOf(this.byDoc, doc), (id) => this.get(id)!);
  }

  /** A fact's region and year without materializing it (for catalogues over every fact). */
  regionOf(id: number): string | null {
    return this.str('region', id) ?? null;
  }

  yearOf(id: number): number | null {
    const y = this.n.year[id];
    return y === undefined || y === 0 ? null : y - 1;
  }

  statusOf(id: number): Fact['status'] {
    return this.str('status', id) as Fact['status'];
  }

  /** Every region some fact is attributed to. */
  regions(): string[] {
    if (!this.regionList) {
      const seen = new Set<number>();
      const region = this.s.region;
      for (let i = 0; i < this.length; i++) if (region[i]) seen.add(region[i]!);
      this.regionList = [...seen].map((r) => this.tables.region[r]!);
    }
    return this.regionList;
  }

  *[Symbol.iterator](): Iterator<Fact> {
    for (let i = 0; i < this.length; i++) yield this.materialize(i);
  }
}

