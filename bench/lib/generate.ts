/**
 * The benchmark's corpus generator: articles made by recombining sentences of the bundled corpus and
 * of ../shared/dev/{real,synthetic} (when present) across articles, with the regions they name
 * replaced by other regions, years moved, and numbers scaled. Deterministic for a seed. Generates
 * articles until their chunks (as the indexer will cut them) reach the target.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gazetteer } from '../../src/corpus/gazetteer.js';
import { parseArticle } from '../../src/corpus/parse.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { chunkSentences } from '../../src/index/chunk.js';
import { pick, rng } from './stats.js';

/** Bump when the generator's output changes (invalidates cached corpora). */
export const GENERATOR_VERSION = 1;

export interface SourceSentence {
  text: string;
  /** Holds a number other than a year (a candidate fact). */
  numeric: boolean;
}

export interface Sources {
  dirs: string[];
  articles: number;
  titles: string[];
  sentences: SourceSentence[];
}

/** Folders of source articles: the bundled corpus, and ../shared/dev/{real,synthetic} when present. */
export function sourceDirs(root: string): string[] {
  return [join(root, 'corpus'), join(root, '../shared/dev/real'), join(root, '../shared/dev/synthetic')].filter((d) => existsSync(d));
}

const YEAR = /\b(?:19[89]\d|20[0-3]\d)\b/g;

/** Read the source articles' titles and sentences (40 to 600 characters). */
export function readSources(dirs: string[]): Sources {
  const titles: string[] = [];
  const sentences: SourceSentence[] = [];
  let articles = 0;
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
      const a = parseArticle(f, readFileSync(join(dir, f), 'utf8'));
      articles++;
      if (a.title) titles.push(a.title);
      for (const s of splitSentences(a.text)) {
        const text = a.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
        if (text.length < 40 || text.length > 600) continue;
        sentences.push({ text, numeric: /\d/.test(text.replace(YEAR, '')) });
      }
    }
  }
  return { dirs, articles, titles, sentences };
}

/** The regions the generator writes about: provinces and prefecture-level cities. */
export function benchRegions(): { id: string; name: string }[] {
  return gazetteer()
    .all.filter((r) => r.level === 'province' || r.level === 'city')
    .map((r) => ({ id: r.id, name: r.name }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Replace every region a text names with `main` (or, one time in five, `other`). */
function swapRegions(text: string, main: string, other: string, rand: () => number): string {
  const ms = gazetteer().find(text);
  let out = text;
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    out = out.slice(0, m.start) + (rand() < 0.2 ? other : main) + out.slice(m.end);
  }
  return out;
}

/** Move the years of a sentence so that its latest one becomes `year`. */
function moveYears(text: string, year: number): string {
  const years = (text.match(YEAR) ?? []).map(Number);
  if (years.length === 0) return text;
  const shift = year - Math.max(...years);
  return text.replace(YEAR, (y) => String(Number(y) + shift));
}

/** Scale the numbers that are not years, ordinals or part of a word, keeping their decimals. */
function scaleNumbers(text: string, rand: () => number): string {
  return text.replace(/(?<![\w.])(\d+(?:,\d{3})*)(\.\d+)?(?!\w)/g, (m, int: string, dec: string | undefined, at: number) => {
    const plain = Number(int.replace(/,/g, '') + (dec ?? ''));
    if (/^(?:19[89]\d|20[0-3]\d)$/.test(m) || plain === 0 || text[at - 1] === '-') return m;
    const f = 0.5 + rand();
    const digits = dec ? dec.length - 1 : 0;
    const v = digits > 0 ? (plain * f).toFixed(digits) : String(Math.max(1, Math.round(plain * f)));
    return v;
  });
}

export interface GeneratedArticle {
  name: string;
  raw: string;
  chunks: number;
  region: string;
  year: number;
}

/** One generated article (front matter + paragraphs), and how many chunks the indexer will cut from it. */
export function generateArticle(i: number, sources: Sources, regions: { id: string; name: string }[], rand: () => number): GeneratedArticle {
  const main = pick(rand, regions);
  const other = pick(rand, regions);
  const year = 2012 + Math.floor(rand() * 13);
  const paragraphs: string[] = [];
  const nParagraphs = 2 + Math.floor(rand() * 5);
  for (let p = 0; p < nParagraphs; p++) {
    const n = 1 + Math.floor(rand() * 5);
    const sents: string[] = [];
    for (let s = 0; s < n; s++) {
      const src = pick(rand, sources.sentences);
      let t = swapRegions(src.text, main.name, other.name, rand);
      t = moveYears(t, rand() < 0.7 ? year : year - 1 - Math.floor(rand() * 3));
      if (src.numeric) t = scaleNumbers(t, rand);
      sents.push(t);
    }
    paragraphs.push(sents.join(' '));
  }
  const title = moveYears(swapRegions(pick(rand, sources.titles), main.name, other.name, rand), year);
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  const raw = `---\ntitle: ${title.replace(/\n/g, ' ')}\ndate: ${year + 1}-${month}-${day}\nsource: regionbot bench generator\n---\n\n${paragraphs.join('\n\n')}\n`;
  const name = `${String(i).padStart(6, '0')}_bench.txt`;
  const article = parseArticle(name, raw);
  const chunks = chunkSentences(splitSentences(article.text)).length;
  return { name, raw, chunks, region: main.id, year };
}

export interface GeneratedCorpus {
  dir: string;
  articles: number;
  chunks: number;
  regions: string[];
  years: number[];
}

/** Write articles into `dir` (emptied first) until their chunks reach `targetChunks`. */
export async function generateCorpus(dir: string, targetChunks: number, sources: Sources, seed = 42): Promise<GeneratedCorpus> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const rand = rng(seed);
  const regions = benchRegions();
  let chunks = 0;
  let i = 0;
  let articles = 0;
  const used = new Map<string, number>();
  const years = new Set<number>();
  while (chunks < targetChunks) {
    const a = generateArticle(i++, sources, regions, rand);
    if (a.chunks === 0) continue;
    await writeFile(join(dir, a.name), a.raw);
    articles++;
    chunks += a.chunks;
    used.set(a.region, (used.get(a.region) ?? 0) + 1);
    years.add(a.year);
  }
  // Most written-about regions first: the questions ask about these.
  const byUse = [...used].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  return { dir, articles, chunks, regions: byUse, years: [...years].sort() };
}
