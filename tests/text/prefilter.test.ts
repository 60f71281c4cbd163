import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/corpus/parse.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { LiteralScanner, ReplacementChain, requiredLiterals } from '../../src/text/prefilter.js';
import { PHRASE_SYNONYMS, canonicalize } from '../../src/text/terms.js';

const root = new URL('../../', import.meta.url).pathname;

/** Sentences of the bundled corpus and ../shared/dev (when present), lowercased as canonicalize does. */
function corpusTexts(): string[] {
  const dirs = [join(root, 'corpus'), join(root, 'tests/fixtures/extra-corpus'), join(root, '../shared/dev/real'), join(root, '../shared/dev/synthetic')];
  const out: string[] = [];
  for (const d of dirs.filter((x) => existsSync(x))) {
    for (const f of readdirSync(d).filter((x) => x.endsWith('.txt'))) {
      const a = parseArticle(f, readFileSync(join(d, f), 'utf8'));
      out.push(a.title, a.text, ...splitSentences(a.text).map((s) => s.text));
    }
  }
  return out;
}

/** Applying every rule in turn: what ReplacementChain must equal. */
function applyAll(rules: readonly (readonly [RegExp, string])[], text: string): string {
  let t = text;
  for (const [re, to] of rules) t = t.replace(re, to);
  return t;
}

function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => (s = (s * 1103515245 + 12345) % 2 ** 31) % n;
}

describe('requiredLiterals', () => {
  it.each<{ re: RegExp; expected: string[][] }>([
    { re: /\bharbour\b/g, expected: [['harbour']] },
    { re: /\bferr(?:y|ies)\b/g, expected: [['ferries', 'ferry']] },
    // Optional pieces multiply out; a set keeps only strings no shorter member is inside.
    { re: /\bcanals?\b/g, expected: [['canal']] },
    { re: /\bt[io]ll(?:s|ed)?\s+road\b/g, expected: [['road'], ['till', 'toll']] },
    // Each alternative contributes a string to each set.
    { re: /\bwharf\b|\bquay(?:side)?\b/g, expected: [['quay', 'wharf']] },
    { re: /\bdock\s+(?:one|two)\b|\bberth\b/g, expected: [['berth', 'dock'], ['berth', 'one', 'two']] },
    // An alternative that requires nothing makes the whole group require nothing.
    { re: /\bdock\s+(?:\d+|one)\b|\bberth\b/g, expected: [['berth', 'dock']] },
    // Lookarounds, anchors and \b match no characters of their own.
    { re: /^pier(?!\s+head)\b/g, expected: [['pier']] },
    { re: /(?<=\d)\s*knots\b/g, expected: [['knots']] },
    { re: /\bsea\s*-?\s*lane\b/g, expected: [['lane'], ['sea']] },
    // Nothing to require: the pattern can match the empty string, or any word.
    { re: /(?:buoy)?/g, expected: [] },
    { re: /\w+/g, expected: [] },
    { re: /[^.]+ port/g, expected: [[' port']] },
    { re: /[a-z]+ly/g, expected: [['ly']] },
    // Repetition: what one copy holds, every match holds.
    { re: /(?:row\s)+boat/g, expected: [['boat'], ['row']] },
    { re: /(?:oar){2,3}/g, expected: [['oar']] },
    { re: /(?:oar){0,3}/g, expected: [] },
    { re: /\(tug\)/g, expected: [['(tug)']] },
    // Syntax the reader does not know, or flags that change what matches: no literals.
    { re: /\bhull\b/gi, expected: [] },
    { re: /(keel)\1/g, expected: [] },
    { re: /(?<part>mast)/g, expected: [] },
    { re: /\p{L}ock/gu, expected: [] },
  ])('$re', ({ re, expected }) => {
    expect(requiredLiterals(re)).toEqual(expected);
  });

  it('every match of every synonym pattern holds a literal of each of its sets (corpus sentences and seeded phrases)', () => {
    const rand = seeded(3);
    const pieces = ['research and development', 'r & d', 'r&d', 'rd', 'investment', 'spending', 'intensity', 'high', 'hi', 'tech', 'technology', 'small', 'medium-sized', 'firms', 'science', 'and', '&', 's', 't', 'per', 'cent', 'of', 'the', 'gdp', 'start', 'up', 'e', 'commerce', 'who', 'heads', 'a year', 'in', 'on', 'contract', 'turnover', 'value', '10,000', 'for every'];
    const texts = corpusTexts().map((t) => t.toLowerCase());
    for (let k = 0; k < 2000; k++) {
      let t = '';
      for (let n = 1 + rand(8); n > 0; n--) t += pieces[rand(pieces.length)]! + [' ', '  ', '-', ', ', ''][rand(5)]!;
      texts.push(t);
    }
    for (const [re] of PHRASE_SYNONYMS) {
      const sets = requiredLiterals(re);
      for (const t of texts) {
        for (const m of t.matchAll(re)) {
          for (const set of sets) expect(set.some((l) => m[0].includes(l)), `${re.source} on "${m[0]}"`).toBe(true);
        }
      }
    }
  });
});

describe('LiteralScanner', () => {
  const scanner = new LiteralScanner(['he', 'she', 'his', 'hers', 'r&d', 'héllo']);
  it.each<{ text: string; expected: string[] }>([
    { text: 'ushers', expected: ['he', 'she', 'hers'] },
    { text: 'this', expected: ['his'] },
    { text: 'r&d and r & d', expected: ['r&d'] },
    { text: 'HE', expected: [] },
    { text: 'sh e', expected: [] },
    { text: 'héllo', expected: ['héllo'] },
    { text: 'hello', expected: ['he'] },
    { text: '', expected: [] },
  ])('$text', ({ text, expected }) => {
    const found = scanner.scan(text);
    expect(scanner.literals.filter((_, i) => found[i])).toEqual(expected);
  });

  it('scans part of a text, starting afresh at its start', () => {
    const found = new Array<boolean>(scanner.literals.length).fill(false);
    scanner.scanInto('she sells his hers', 1, 13, found);
    expect(scanner.literals.filter((_, i) => found[i])).toEqual(['he', 'his']);
  });
});

describe('ReplacementChain gives what applying every rule in turn gives', () => {
  // Rules that feed each other: a later rule matches what an earlier one wrote, across its edges.
  const rules: (readonly [RegExp, string])[] = [
    [/\bboat\s+yard\b/g, 'boatyard'],
    [/\bdry\s*dock\b/g, 'drydock'],
    [/\bboatyard\s+(?:and\s+)?drydock\b/g, 'shipyard'],
    [/\bship(?=yard\b)/g, 'navy '],
    [/\bnavy yard\b/g, 'arsenal'],
    [/y a/g, 'ya'],
    [/\bquay\b/g, '$&side'],
    [/\bharbou?r\b/g, 'port'],
    [/\bport\s+(?:of\s+)?call\b/g, 'stop'],
  ];
  const chain = new ReplacementChain(rules);
  it.each([
    'the boat yard and dry dock reopened',
    'a navy yard beside the boatyard drydock',
    'harbor of call, harbour call, port call',
    'quay and quayside',
    'boat  yard',
    '',
  ])('%j', (text) => {
    expect(chain.apply(text)).toBe(applyAll(rules, text));
  });

  it('on 3,000 seeded phrases of the rules\' words', () => {
    const rand = seeded(5);
    const words = ['boat', 'yard', 'dry', 'dock', 'and', 'ship', 'navy', 'harbor', 'harbour', 'port', 'of', 'call', 'quay', 'y', 'a'];
    for (let k = 0; k < 3000; k++) {
      let t = '';
      for (let n = 1 + rand(10); n > 0; n--) t += words[rand(words.length)]! + [' ', '  ', '', ', '][rand(4)]!;
      expect(chain.apply(t), t).toBe(applyAll(rules, t));
    }
  });

  it('canonicalize equals the synonyms applied one by one, on the corpus and on seeded phrases of the synonyms\' words', () => {
    const lower = (t: string): string => t.toLowerCase().replace(/[’‘`]/g, "'");
    const texts = corpusTexts();
    const rand = seeded(9);
    const words = PHRASE_SYNONYMS.flatMap(([re, to]) => [...(re.source.replace(/\\[bsdw]|[()?:*+|[\]{}\\^$!.=<]/g, ' ').match(/[a-z&,0-9-]+/g) ?? []), to]);
    for (let k = 0; k < 3000; k++) {
      let t = '';
      for (let n = 1 + rand(12); n > 0; n--) t += words[rand(words.length)]! + [' ', '  ', '-', ', ', '', ' (', ') '][rand(7)]!;
      texts.push(rand(2) === 0 ? t : t.toUpperCase());
    }
    for (const t of texts) expect(canonicalize(t), t).toBe(applyAll(PHRASE_SYNONYMS, lower(t)));
  });
});
