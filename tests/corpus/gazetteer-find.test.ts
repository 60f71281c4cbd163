import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextMentions, gazetteer } from '../../src/corpus/gazetteer.js';
import { REGIONS } from '../../src/corpus/gazetteer-data.js';
import { parseArticle } from '../../src/corpus/parse.js';
import { splitSentences } from '../../src/corpus/sentences.js';
import { legacyFind } from '../support/legacy-gazetteer-find.js';

const root = new URL('../../', import.meta.url).pathname;
const g = gazetteer();

type M = [id: string, start: number, end: number, org?: 'org'];
const mentions = (text: string): M[] => g.find(text).map((m) => (m.org ? [m.id, m.start, m.end, 'org'] : [m.id, m.start, m.end]));

describe('Gazetteer.find', () => {
  it.each<{ text: string; expected: M[] }>([
    { text: 'Jilin Province has 2705 hi-tech enterprises.', expected: [['jilin', 0, 14]] },
    { text: "Jilin's R&D investment rose.", expected: [['jilin', 0, 5]] },
    { text: "JILIN'S AND CHANGCHUN’S PARKS", expected: [['jilin', 0, 5], ['changchun', 12, 21]] },
    { text: "s's Jilin'st Jilin''s", expected: [['jilin', 13, 18]] },
    { text: 'Jilin University and Jilin Daily reported.', expected: [['jilin', 0, 5, 'org'], ['jilin', 21, 26, 'org']] },
    { text: "Xi'an and Xian and Xi’an's parks", expected: [['xian', 0, 5], ['xian', 10, 14], ['xian', 19, 24]] },
    { text: 'Guangxi Zhuang Autonomous Region and Inner Mongolia Autonomous Region', expected: [['guangxi', 0, 32], ['inner-mongolia', 37, 69]] },
    // Words of one name are joined by one or two spaces or hyphens, nothing else.
    { text: 'Inner-Mongolia, inner mongolia and Inner  Mongolia and Inner,Mongolia', expected: [['inner-mongolia', 0, 14], ['inner-mongolia', 16, 30], ['inner-mongolia', 35, 50]] },
    { text: 'Hong Kong SAR, Hong  -Kong', expected: [['hong-kong', 0, 13]] },
    { text: 'Changchun   City', expected: [['changchun', 0, 9]] },
    { text: 'the Jiangyin-Wuxi corridor', expected: [['jiangyin', 4, 12], ['wuxi', 13, 17]] },
    { text: '吉林省长春市和江阴', expected: [['jilin', 0, 3], ['changchun', 3, 6], ['jiangyin', 7, 9]] },
    { text: 'Harbin (哈尔滨) and Shenyang', expected: [['harbin', 0, 6], ['harbin', 8, 11], ['shenyang', 17, 25]] },
    { text: 'Shanxi and Shaanxi', expected: [['shanxi', 0, 6], ['shaanxi', 11, 18]] },
    { text: 'New York and Atlantis are not in China', expected: [] },
    { text: '', expected: [] },
  ])('$text', ({ text, expected }) => {
    expect(mentions(text)).toEqual(expected);
  });
});

/** Articles to compare the trie with the n-gram look-up it replaced: the bundled corpus, and ../shared/dev when present. */
function articleFiles(): string[] {
  const dirs = [join(root, 'corpus'), join(root, '../shared/dev/real'), join(root, '../shared/dev/synthetic')];
  return dirs.filter((d) => existsSync(d)).flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => join(d, f)));
}

describe('Gazetteer.find agrees with the n-gram look-up it replaced', () => {
  it.each(articleFiles().map((file) => ({ file: relative(root, file) })))('every sentence and the whole text of $file', ({ file }) => {
    const article = parseArticle(file, readFileSync(join(root, file), 'utf8'));
    const texts = [article.text, article.title, ...splitSentences(article.text).map((s) => article.text.slice(s.start, s.end))];
    for (const t of texts) expect(g.find(t), t.slice(0, 80)).toEqual(legacyFind(t));
  });

  it('on 2,000 seeded random strings of region names (words rejoined by varied separators), aliases, Chinese names, apostrophes and separators', () => {
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const forms = REGIONS.flatMap((r) => [r.name, r.zh, ...r.aliases]);
    const glue = [' ', '  ', '   ', '-', ' - ', ', ', "'s ", '’s ', ' and ', '', '(', ') ', ' University ', ' province ', ' City'];
    for (let k = 0; k < 2000; k++) {
      let t = '';
      for (let n = 1 + rand(8); n > 0; n--) {
        const inner = [' ', '  ', '   ', '-', ' - ', ', ', '\n'];
        // Multi-word names with their words rejoined by varied separators (some valid, some not).
        const f = forms[rand(forms.length)]!.replace(/ /g, () => inner[rand(inner.length)]!);
        t += (rand(3) === 0 ? f.toUpperCase() : f) + glue[rand(glue.length)]!;
      }
      expect(g.find(t), t).toEqual(legacyFind(t));
    }
  });
});

describe('TextMentions.find: the mentions of a part of a text, from the whole text', () => {
  const text = "Jilin Province\n\nUniversity graduates in Changchun's labs; Inner Mongolia Autonomous Region and 吉林省长春市. Xi'an's Harbin Daily";
  const at = (part: string): [number, number] => {
    const start = text.indexOf(part);
    return [start, start + part.length];
  };
  const whole = new TextMentions(g, text);
  it.each<{ what: string; range: [number, number] }>([
    { what: 'the whole text', range: [0, text.length] },
    // The organization test reads the part only: "Jilin Province" is no university's on its own.
    { what: 'a place whose organization word lies past the end', range: at('Jilin Province') },
    { what: 'a possessive at the end', range: at("graduates in Changchun's") },
    { what: "an edge inside a possessive ('s cut off)", range: at("graduates in Changchun'") },
    { what: 'an edge inside a word', range: at('ilin Province') },
    { what: 'an edge inside a name (a shorter name inside)', range: at('Mongolia Autonomous Region') },
    { what: 'an edge inside a long name (its first words name a place)', range: at('Inner Mongolia Autonomous') },
    { what: 'an edge inside a run of Chinese characters', range: at('省长春市') },
    { what: 'a Chinese run', range: at('吉林省长春市') },
    { what: 'an apostrophe name and an organization', range: at("Xi'an's Harbin Daily") },
    { what: 'an edge after an apostrophe', range: at("an's Harbin") },
    { what: 'an empty part', range: [5, 5] },
    { what: 'a reversed part', range: [9, 3] },
    { what: 'a part past the end', range: [text.length - 5, text.length + 10] },
  ])('$what', ({ range: [start, end] }) => {
    expect(whole.find(start, end)).toEqual(g.find(text.slice(start, end)));
  });

  it('agrees with reading the part on every sentence, chunk-like run and 3,000 seeded random parts of the articles', () => {
    let seed = 11;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (const file of articleFiles()) {
      const article = parseArticle(file, readFileSync(file, 'utf8'));
      const t = `${article.title}\n${article.text}`;
      const offset = article.title.length + 1;
      const mentions = new TextMentions(g, t);
      const sentences = splitSentences(article.text);
      sentences.forEach((s, i) => {
        const last = sentences[Math.min(sentences.length - 1, i + 2)]!;
        for (const [start, end] of [[s.start, s.end], [s.start, last.end]] as const) {
          expect(mentions.find(offset + start, offset + end), t.slice(offset + start, offset + end)).toEqual(g.find(t.slice(offset + start, offset + end)));
        }
      });
      for (let k = 0; k < 3000 / 23; k++) {
        const start = rand(t.length);
        const end = start + rand(400);
        expect(mentions.find(start, end), t.slice(start, end)).toEqual(g.find(t.slice(start, end)));
      }
    }
  });
});
