/**
 * Gazetteer.find against the n-gram look-up it replaced, over every sentence of the bundled corpus
 * and ../shared/dev (when present): checks both give the same mentions, then times each.
 * Run: node --import tsx bench/gazetteer.ts [rounds]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gazetteer } from '../src/corpus/gazetteer.js';
import { parseArticle } from '../src/corpus/parse.js';
import { splitSentences } from '../src/corpus/sentences.js';
import { legacyFind } from '../tests/support/legacy-gazetteer-find.js';

const root = new URL('../', import.meta.url).pathname;
const rounds = Number(process.argv[2] ?? 20);
const dirs = [join(root, 'corpus'), join(root, '../shared/dev/real'), join(root, '../shared/dev/synthetic')].filter((d) => existsSync(d));
const sentences: string[] = [];
for (const d of dirs) {
  for (const f of readdirSync(d).filter((x) => x.endsWith('.txt'))) {
    const a = parseArticle(f, readFileSync(join(d, f), 'utf8'));
    for (const s of splitSentences(a.text)) sentences.push(a.text.slice(s.start, s.end));
  }
}
const g = gazetteer();
let mentions = 0;
for (const s of sentences) {
  const a = g.find(s);
  if (!isDeepStrictEqual(a, legacyFind(s))) throw new Error(`find differs on: ${s}`);
  mentions += a.length;
}
const chars = sentences.reduce((n, s) => n + s.length, 0);
function time(f: (s: string) => unknown): number {
  for (const s of sentences) f(s); // warm up
  const t = performance.now();
  for (let r = 0; r < rounds; r++) for (const s of sentences) f(s);
  return (performance.now() - t) / rounds;
}
const legacy = time(legacyFind);
const trie = time((s) => g.find(s));
console.log(`${sentences.length} sentences (${(chars / 1e6).toFixed(2)} MB, ${mentions} mentions) from ${dirs.length} folders: identical output`);
console.log(`n-gram look-up: ${legacy.toFixed(2)} ms per pass (${((chars / 1e6) / (legacy / 1000)).toFixed(1)} MB/s)`);
console.log(`token trie:     ${trie.toFixed(2)} ms per pass (${((chars / 1e6) / (trie / 1000)).toFixed(1)} MB/s), ${(legacy / trie).toFixed(1)}x faster`);
