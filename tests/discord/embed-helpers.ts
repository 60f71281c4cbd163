/** Shared by the embed and format tests: Discord's embed limits as assertions, and sample answers. */
import type { APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { embedLength } from '../../src/discord/format.js';
import { LIMITS } from '../../src/discord/limits.js';
import type { Answer, Citation, ParsedQuestion } from '../../src/qa/types.js';
import { line, ref, strong, text } from '../../src/qa/rich.js';

/** Every limit Discord enforces on an embed. */
export function expectValidEmbed(e: APIEmbed): void {
  expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
  expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
  expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
  expect(e.author?.name.length ?? 0).toBeLessThanOrEqual(LIMITS.authorName);
  expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
  for (const f of e.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

/** Unescaped `**` come in pairs. */
export function boldBalanced(s: string): boolean {
  return (s.replace(/\\./g, '').match(/\*\*/g) ?? []).length % 2 === 0;
}

export const parsed = (p: Partial<ParsedQuestion> = {}): ParsedQuestion => ({
  text: 'q',
  intent: 'numeric',
  want: null,
  regions: [],
  unknownPlaces: [],
  year: null,
  yearTo: null,
  target: null,
  metricTerms: [],
  ...p,
});

export const citation = (n: number, c: Partial<Citation> = {}): Citation => ({
  n,
  doc: `00${n}_abc.txt`,
  title: `Article ${n}`,
  date: '2021-12-16',
  source: 'CCFAO',
  url: null,
  snippet: 'The total amount went up to a new record high of RMB15.95 billion.',
  bold: [[49, 65]],
  ...c,
});

export const answer = (a: Partial<Answer> = {}): Answer => ({
  question: "What was Jilin's R&D investment in 2021?",
  answered: true,
  intent: 'numeric',
  kind: 'value',
  lines: [line(strong('RMB 15.95 billion'), text(': R&D investment, Jilin, 2021. '), ref(1))],
  lead: null,
  alternatives: [],
  comparison: null,
  abstention: null,
  citations: [citation(1)],
  parsed: parsed({ regions: ['jilin'], year: 2021, metricTerms: ['r&d', 'investment'] }),
  facts: [],
  ...a,
});

export const SENTENCES = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} says something about innovation.`).join(' ');
