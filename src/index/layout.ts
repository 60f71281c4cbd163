/**
 * The index's compact form, shared by what the build writes and what a load opens: article texts
 * once (texts.ts), chunks and facts as columns that point into them (columns.ts, fact-store.ts), and
 * the BM25 postings (postings.ts). `encodeIndex` turns a build's data into these parts;
 * `openIndex` turns parts (from disk, or straight from a build) into the index questions read.
 */
import { ContainerError, StringTable, checkBelow, narrow, uintColumn, type Table } from './columns.js';
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
  chunks: Chunk[];
  facts: FactStore;
  metrics: MetricEntry[];
  search: Postings;
  vocabulary: string[];
  docById: Map<string, DocRecord>;
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

function openChunks(t: Table, docs: readonly DocMeta[], store: TextStore): Chunk[] {
  const n = t.meta.count;
  if (typeof n !== 'number') throw new ContainerError('chunks without a count');
  const u = (name: string) => uintColumn(t, name, n);
  const doc = u('doc');
  const position = u('position');
  const start = u('start');
  const end = u('end');
  const first = u('firstSentence');
  const last = u('lastSentence');
  const regions = u('regions');
  const lists = (t.tables.regions ?? []).map((s, i): string[] => {
    if (i === 0) return [];
    const v: unknown = JSON.parse(s);
    if (!Array.isArray(v) || !v.every((r) => typeof r === 'string')) throw new ContainerError('bad region list');
    return v as string[];
  });
  checkBelow(doc, docs.length, 'doc');
  checkBelow(regions, lists.length, 'regions');
  const out: Chunk[] = new Array<Chunk>(n);
  for (let i = 0; i < n; i++) {
    const d = doc[i]!;
    const bytes = store.starts[d + 1]! - store.starts[d]!;
    // Character offsets are at most the UTF-8 byte length of the text.
    if (end[i]! < start[i]! || end[i]! > bytes) throw new ContainerError('a chunk outside its text');
    out[i] = new StoredChunk(i, docs[d]!.id, position[i]!, start[i]!, end[i]!, first[i]!, last[i]!, lists[regions[i]!]!, d, store);
  }
  return out;
}

/** The index over stored parts (validated: a ContainerError names what is wrong). */
export function openIndex(parts: IndexParts, dir: string): LoadedIndex {
  const { starts, bytes } = parts.texts;
  if (starts.length !== parts.docs.length + 1 || starts[starts.length - 1] !== bytes.length) throw new ContainerError('texts do not match the documents');
  for (let i = 1; i < starts.length; i++) if (starts[i]! < starts[i - 1]!) throw new ContainerError('texts out of order');
  const store = new TextStore(bytes, starts);
  const docs = parts.docs.map((m, i) => new StoredDoc(m, i, store));
  const chunks = openChunks(parts.chunks, parts.docs, store);
  const facts = new FactStore(parts.facts, parts.docs.map((d) => d.id), store, chunks.length);
  return {
    dir,
    manifest: parts.manifest,
    docs,
    chunks,
    facts,
    metrics: parts.metrics,
    search: Postings.fromTable(parts.postings),
    vocabulary: parts.vocabulary,
    docById: new Map(docs.map((d) => [d.id, d])),
  };
}

/** The index a build's data makes, without a trip to disk (training, tests). */
export function indexFromData(data: IndexData, dir: string): LoadedIndex {
  return openIndex(encodeIndex(data), dir);
}
