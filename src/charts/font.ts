/**
 * The chart font: where the DejaVu Sans TTF files are, and the advance widths of their glyphs, so
 * that text is laid out (and wrapped) with the very font resvg draws it with. See chart.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const requireHere = createRequire(import.meta.url);

let fontFilesCache: string[] | undefined;

/** Absolute paths of the TTF files (regular and bold: titles are bold) shipped by `dejavu-fonts-ttf`. */
export function chartFontFiles(): string[] {
  if (!fontFilesCache) {
    // The package has no entry point, only files: resolve its package.json and go from there.
    const dir = path.dirname(requireHere.resolve('dejavu-fonts-ttf/package.json'));
    fontFilesCache = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => path.join(dir, 'ttf', f));
  }
  return fontFilesCache;
}

/**
 * Advance widths of one TrueType font, read from its `cmap` (format 4 or 12), `hmtx`, `hhea` and
 * `head` tables. Vega lays out text (title, axis labels, truncation with "…") by measuring it; with
 * no canvas in Node it falls back to a crude estimate (0.8 em per character), which truncates
 * titles far too early. Measuring with the very font resvg draws with keeps layout and picture in
 * step. Kerning is ignored (a pixel or two per word).
 */
export class FontMetrics {
  private readonly unitsPerEm: number;
  private readonly advances: number[];
  /** Code point -> glyph id. */
  private readonly glyphs = new Map<number, number>();
  private readonly widths = new Map<number, number>();
  private readonly fallback: number;

  constructor(file: string) {
    const buf = readFileSync(file);
    const tables = new Map<string, number>();
    const numTables = buf.readUInt16BE(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + 16 * i;
      tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
    }
    const table = (tag: string): number => {
      const at = tables.get(tag);
      if (at === undefined) throw new Error(`regionbot: chart font ${file} has no ${tag} table`);
      return at;
    };
    this.unitsPerEm = buf.readUInt16BE(table('head') + 18);
    const numberOfHMetrics = buf.readUInt16BE(table('hhea') + 34);
    const hmtx = table('hmtx');
    this.advances = [];
    for (let g = 0; g < numberOfHMetrics; g++) this.advances.push(buf.readUInt16BE(hmtx + 4 * g));
    this.readCmap(buf, table('cmap'));
    this.fallback = this.advanceOf('n'.codePointAt(0) ?? 110);
  }

  private readCmap(buf: Buffer, cmap: number): void {
    const n = buf.readUInt16BE(cmap + 2);
    let best: { offset: number; format: number } | undefined;
    for (let i = 0; i < n; i++) {
      const rec = cmap + 4 + 8 * i;
      const platform = buf.readUInt16BE(rec);
      const encoding = buf.readUInt16BE(rec + 2);
      const offset = cmap + buf.readUInt32BE(rec + 4);
      const format = buf.readUInt16BE(offset);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode || (format !== 4 && format !== 12)) continue;
      if (!best || (format === 12 && best.format === 4)) best = { offset, format };
    }
    if (!best) return;
    const at = best.offset;
    if (best.format === 12) {
      const groups = buf.readUInt32BE(at + 12);
      for (let i = 0; i < groups; i++) {
        const g = at + 16 + 12 * i;
        const start = buf.readUInt32BE(g);
        const end = Math.min(buf.readUInt32BE(g + 4), start + 0xffff);
        const glyph = buf.readUInt32BE(g + 8);
        for (let cp = start; cp <= end; cp++) this.glyphs.set(cp, glyph + cp - start);
      }
      return;
    }
    const segX2 = buf.readUInt16BE(at + 6);
    const ends = at + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      const end = buf.readUInt16BE(ends + s);
      const start = buf.readUInt16BE(starts + s);
      const delta = buf.readUInt16BE(deltas + s);
      const rangeOffset = buf.readUInt16BE(rangeOffsets + s);
      for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
        let glyph: number;
        if (rangeOffset === 0) {
          glyph = (cp + delta) & 0xffff;
        } else {
          const g = buf.readUInt16BE(rangeOffsets + s + rangeOffset + 2 * (cp - start));
          glyph = g === 0 ? 0 : (g + delta) & 0xffff;
        }
        if (glyph !== 0) this.glyphs.set(cp, glyph);
      }
    }
  }

  /** Advance of one code point in font units (a missing glyph counts as an "n"). */
  private advanceOf(cp: number): number {
    let w = this.widths.get(cp);
    if (w === undefined) {
      const glyph = this.glyphs.get(cp);
      if (glyph === undefined) {
        w = this.fallback ?? this.unitsPerEm / 2;
      } else {
        w = this.advances[Math.min(glyph, this.advances.length - 1)] ?? this.unitsPerEm / 2;
      }
      this.widths.set(cp, w);
    }
    return w;
  }

  /** Width in pixels of `text` at `fontSize` px. */
  width(text: string, fontSize: number): number {
    let units = 0;
    for (const ch of text) units += this.advanceOf(ch.codePointAt(0) ?? 0);
    return (units * fontSize) / this.unitsPerEm;
  }
}

/** What vega passes to `textMetrics.width`: a text scenegraph item (or a label datum). */
export interface TextItem {
  fontSize?: number | string | null;
  fontWeight?: number | string | null;
  limit?: number | string | null;
}

let fontCache: { regular: FontMetrics; bold: FontMetrics } | undefined;

/** Metrics of the chart font, regular and bold (read once). */
export function chartFonts(): { regular: FontMetrics; bold: FontMetrics } {
  if (!fontCache) {
    const [regularFile, boldFile] = chartFontFiles();
    const regular = new FontMetrics(regularFile ?? '');
    fontCache = { regular, bold: boldFile ? new FontMetrics(boldFile) : regular };
  }
  return fontCache;
}

export function measureItem(item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const s = text == null ? '' : String(text).trim();
  if (size <= 0 || s === '') return 0;
  const weight = item.fontWeight;
  const isBold = weight === 'bold' || weight === 'bolder' || (Number(weight) || 0) >= 600;
  const fonts = chartFonts();
  const w = (isBold ? fonts.bold : fonts.regular).width(s, size);
  // vega truncates a text that has a `limit` by calling this function on prefixes; for the text's
  // own bounds it calls it on the whole line, and the truncated text is at most `limit` wide.
  // Clamping to the limit gives right bounds and leaves the truncation search unchanged.
  const limit = Number(item.limit) || 0;
  return limit > 0 ? Math.min(w, limit) : w;
}

/** Greedy word wrap of `text` into at most `maxLines` lines of `maxWidth` px (vega truncates the last). */
export function wrap(text: string, font: FontMetrics, size: number, maxWidth: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const [i, word] of words.entries()) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.width(candidate, size) > maxWidth) {
      lines.push(line);
      if (lines.length === maxLines - 1) {
        lines.push(words.slice(i).join(' '));
        return lines;
      }
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
