/**
 * The index's compact form, shared by what the build writes and what a load opens: article texts
 * once (texts.ts), chunks and facts as columns that point into them (columns.ts, fact-store.ts), and
 * the BM25 postings (postings.ts). `encodeIndex` turns a build's data into these parts;
 * `openIndex` turns parts (from disk, or straight from a build) into the index questions read.
 */
import { ContainerError, StringTable, checkBelow, checkOrDefer, groupRows, narrow, rowsOf, uintColumn, type DeferredChecks, type Groups, type Table, type UintColumn } from './columns.js';
import { FactStore, encodeFacts } from './fact-store.js';
import { Postings } from './postings.js';
import { TextStore } from './texts.js';
import type { Chunk, DocRecord, Fact, Manifest, MetricEntry } from './types.js';

/** What a build produces, before it is stored. */
export interface IndexData {
  manifest: Manifest;
  docs: DocRecord[];
  chunks: Chunk[];
  facts: Fact[];
  metrics: MetricEntry[];
  search: Postings;
  /** Every distinct word of the corpus (lowercase, canonical), for correcting misspelled questions. */
  vocabulary: string[];
}

/** An article's metadata as stored (its text is in the text store). */
export type DocMeta = Omit<DocRecord, 'text'>;

/** The stored parts of an index. */
export interface IndexParts {
  manifest: Manifest;
  docs: DocMeta[];
  texts: { bytes: Uint8Array; starts: Uint32Array };
  chunks: Table;
  facts: Table;
  postings: Table;
  metrics: MetricEntry[];
  vocabulary: string[];
}

/** The index questions are answered from. */
export interface LoadedIndex {
  dir: string;
  manifest: Manifest;
  docs: DocRecord[];
  chunks: ChunkStore;
  facts: FactStore;
  metrics: MetricEntry[];
  search: Postings;
  vocabulary: string[];
  docById: Map<string, DocRecord>;
  /** The binary files in shared memory, when loaded from disk (a worker thread can open the same bytes). */
  shared?: Record<'texts' | 'chunks' | 'facts' | 'postings', Uint8Array>;
}

/** An article whose text is read from the text store when asked for. */
class StoredDoc implements DocRecord {
  id: string;
  title: string;
  date: string | null;
  source: string | null;
  url: string | null;
  regions: string[];
  mainRegion: string | null;

  readonly #at: number;
  readonly #store: TextStore;

  constructor(meta: DocMeta, at: number, store: TextStore) {
    this.#at = at;
    this.#store = store;
    this.id = meta.id;
    this.title = meta.title;
    this.date = meta.date;
    this.source = meta.source;
    this.url = meta.url;
    this.regions = meta.regions;
    this.mainRegion = meta.mainRegion;
  }

  get text(): string {
    return this.#store.text(this.#at);
  }

  toJSON(): DocRecord {
    return { id: this.id, title: this.title, date: this.date, source: this.source, url: this.url, text: this.text, regions: this.regions, mainRegion: this.mainRegion };
  }
}

/** A chunk whose text is a range of its article's text. */
class StoredChunk implements Chunk {
  readonly #docAt: number;
  readonly #store: TextStore;

  constructor(
    readonly id: number,
    readonly doc: string,
    readonly position: number,
    readonly start: number,
    readonly end: number,
    readonly firstSentence: number,
    readonly lastSentence: number,
    readonly regions: string[],
    docAt: number,
    store: TextStore,
  ) {
    this.#docAt = docAt;
    this.#store = store;
  }

  get text(): string {
    return this.#store.text(this.#docAt).slice(this.start, this.end);
  }

  toJSON(): Chunk {
    const { id, doc, position, start, end, firstSentence, lastSentence, text, regions } = this;
    return { id, doc, position, start, end, firstSentence, lastSentence, text, regions };
  }
}

function encodeChunks(chunks: readonly Chunk[], docIndex: ReadonlyMap<string, number>): Table {
  const n = chunks.length;
  const lists = new StringTable();
  const c = {
    doc: new Uint32Array(n),
    position: new Uint32Array(n),
    start: new Uint32Array(n),
    end: new Uint32Array(n),
    firstSentence: new Uint32Array(n),
    lastSentence: new Uint32Array(n),
    regions: new Uint32Array(n),
  };
  chunks.forEach((ch, i) => {
    if (ch.id !== i) throw new Error(`chunk ${ch.id} at position ${i}`);
    const d = docIndex.get(ch.doc);
    if (d === undefined) throw new Error(`chunk ${i} of an unknown document ${ch.doc}`);
    c.doc[i] = d;
    c.position[i] = ch.position;
    c.start[i] = ch.start;
    c.end[i] = ch.end;
    c.firstSentence[i] = ch.firstSentence;
    c.lastSentence[i] = ch.lastSentence;
    c.regions[i] = lists.id(JSON.stringify(ch.regions));
  });
  return { kind: 'chunks', columns: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, narrow(v)])), tables: { regions: lists.values }, meta: { count: n } };
}

export function encodeIndex(data: IndexData): IndexParts {
  const docIndex = new Map(data.docs.map((d, i) => [d.id, i]));
  const texts = data.docs.map((d) => d.text);
  data.chunks.forEach((ch) => {
    const d = docIndex.get(ch.doc);
    if (d === undefined || texts[d]!.slice(ch.start, ch.end) !== ch.text) throw new Error(`chunk ${ch.id} is not a range of its article's text`);
  });
  return {
    manifest: data.manifest,
    docs: data.docs.map(({ text: _text, ...meta }) => meta),
    texts: TextStore.encode(texts),
    chunks: encodeChunks(data.chunks, docIndex),
    facts: encodeFacts(data.facts, docIndex, (d) => texts[d]!),
    postings: data.search.toTable(),
    metrics: data.metrics,
    vocabulary: data.vocabulary,
  };
}

/** The chunks of a loaded index: columns, with a `Chunk` object made the first time one is asked for. */
export class ChunkStore implements Iterable<Chunk> {
  readonly length: number;
  private readonly made: (Chunk | undefined)[];
  private readonly doc: UintColumn;
  private readonly position: UintColumn;
  private readonly start: UintColumn;
  private readonly end: UintColumn;
  private readonly first: UintColumn;
  private readonly last: UintColumn;
  private readonly regionList: UintColumn;
  private readonly lists: string[][];
  private byDoc: Groups | null = null;

  constructor(
    t: Table,
    private readonly docs: readonly DocMeta[],
    private readonly store: TextStore,
    later?: DeferredChecks,
  ) {
    const n = t.meta.count;
    if (typeof n !== 'number') throw new ContainerError('chunks without a count');
    this.length = n;
    this.made = new Array<Chunk | undefined>(n);
    const u = (name: string) => uintColumn(t, name, n);
    this.doc = u('doc');
    this.position = u('position');
    this.start = u('start');
    this.end = u('end');
    this.first = u('firstSentence');
    this.last = u('lastSentence');
    this.regionList = u('regions');
    this.lists = (t.tables.regions ?? []).map((s, i): string[] => {
      if (i === 0) return [];
      const v: unknown = JSON.parse(s);
      if (!Array.isArray(v) || !v.every((r) => typeof r === 'string')) throw new ContainerError('bad region list');
      return v as string[];
    });
    const { doc, start, end, regionList, lists } = this;
    checkOrDefer(later, () => checkBelow(doc, docs.length, 'doc'));
    checkOrDefer(later, () => checkBelow(regionList, lists.length, 'regions'));
    checkOrDefer(later, () => {
      for (let i = 0; i < n; i++) {
        const d = doc[i]!;
        // Character offsets are at most the UTF-8 byte length of the text.
        if (end[i]! < start[i]! || end[i]! > store.starts[d + 1]! - store.starts[d]!) throw new ContainerError('a chunk outside its text');
      }
    });
  }

  get(i: number): Chunk | undefined {
    if (!(i >= 0 && i < this.length)) return undefined;
    let c = this.made[i];
    if (!c) {
      const d = this.doc[i]!;
      c = new StoredChunk(i, this.docs[d]!.id, this.position[i]!, this.start[i]!, this.end[i]!, this.first[i]!, this.last[i]!, this.lists[this.regionList[i]!]!, d, this.store);
      this.made[i] = c;
    }
    return c;
  }

  /** Position in `docs` of the chunk's article (without making the chunk). */
  docOf(i: number): number {
    return this.doc[i]!;
  }

  /** The chunk's own places (without making the chunk). */
  regionsOf(i: number): readonly string[] {
    return this.lists[this.regionList[i]!] ?? [];
  }

  /** The chunks of the article at this position of `docs`. */
  ofDoc(doc: number): Chunk[] {
    this.byDoc ??= groupRows(this.doc, this.docs.length);
    return Array.from(rowsOf(this.byDoc, doc), (i) => this.get(i)!);
  }

  *[Symbol.iterator](): Iterator<Chunk> {
    for (let i = 0; i < this.length; i++) yield this.get(i)!;
  }
}

/**
 * Open stored parts step by step (each step is a few tens of milliseconds at 100k chunks): a caller
 * that must not block, the bot, yields to the event loop between steps.
 */
export function* openSteps(parts: IndexParts, dir: string): Generator<void, LoadedIndex> {
  const { starts, bytes } = parts.texts;
  if (starts.length !== parts.docs.length + 1 || starts[starts.length - 1] !== bytes.length) throw new ContainerError('texts do not match the documents');
  for (let i = 1; i < starts.length; i++) if (starts[i]! < starts[i - 1]!) throw new ContainerError('texts out of order');
  const store = new TextStore(bytes, starts);
  const docs = parts.docs.map((m, i) => new StoredDoc(m, i, store));
  const later: DeferredChecks = [];
  const chunks = new ChunkStore(parts.chunks, parts.docs, store, later);
  const facts = new FactStore(parts.facts, parts.docs.map((d) => d.id), store, chunks.length, later);
  const search = Postings.fromTable(parts.postings, later);
  if (search.documentCount !== chunks.length) throw new ContainerError('postings of another set of chunks');
  yield;
  // The checks, about 5 ms at a time.
  let slice = performance.now();
  for (const check of later) {
    check();
    if (performance.now() - slice > 5) {
      yield;
      slice = performance.now();
    }
  }
  return { dir, manifest: parts.manifest, docs, chunks, facts, metrics: parts.metrics, search, vocabulary: parts.vocabulary, docById: new Map(docs.map((d) => [d.id, d])) };
}

/** The index over stored parts, in one go (validated: a ContainerError names what is wrong). */
export function openIndex(parts: IndexParts, dir: string): LoadedIndex {
  const steps = openSteps(parts, dir);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The index a build's data makes, without a trip to disk (training, tests). */
export function indexFromData(data: IndexData, dir: string): LoadedIndex {
  return openIndex(encodeIndex(data), dir);
}
