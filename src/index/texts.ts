/**
 * The articles' cleaned texts, stored once: UTF-8 back to back, with each document's byte range.
 * Chunks, facts' sentences and citations are character ranges of these texts. A text is decoded
 * when something asks for it and kept in a small cache, so memory holds the compact bytes, not every
 * article as a (often two-byte) JavaScript string.
 */

const CACHE = 512;

export class TextStore {
  private readonly cache = new Map<number, string>();
  private readonly decoder = new TextDecoder();

  /** `starts` has one more entry than there are documents: document i is bytes [starts[i], starts[i+1]). */
  constructor(
    readonly bytes: Uint8Array,
    readonly starts: Uint32Array,
  ) {}

  get size(): number {
    return this.starts.length - 1;
  }

  text(doc: number): string {
    const hit = this.cache.get(doc);
    if (hit !== undefined) {
      // Most recently used last.
      this.cache.delete(doc);
      this.cache.set(doc, hit);
      return hit;
    }
    const start = this.starts[doc];
    const end = this.starts[doc + 1];
    if (start === undefined || end === undefined) throw new RangeError(`no text ${doc}`);
    const text = this.decoder.decode(this.bytes.subarray(start, end));
    if (this.cache.size >= CACHE) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(doc, text);
    return text;
  }

  static encode(texts: readonly string[]): { bytes: Uint8Array; starts: Uint32Array } {
    const parts = texts.map((t) => Buffer.from(t, 'utf8'));
    const starts = new Uint32Array(texts.length + 1);
    let at = 0;
    parts.forEach((p, i) => {
      starts[i] = at;
      at += p.length;
    });
    starts[texts.length] = at;
    return { bytes: Buffer.concat(parts, at), starts };
  }
}
