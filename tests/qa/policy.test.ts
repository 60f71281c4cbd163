import { describe, expect, it } from 'vitest';
import { asksPlaceFigure, readerApplies } from '../../src/qa/policy.js';
import { routeQuestion } from '../../src/qa/router.js';
import type { ParsedQuestion } from '../../src/qa/types.js';

// Questions invented for these tests.

describe('readerApplies: the questions the reader answers with a number', () => {
  it.each([
    // how many / how much
    ['how many incubators does Hefei have'],
    ['how much did Wuhu invest in research in 2021'],
    ['how much money did Bengbu put into labs'],
    // A question stating an amount and asking how much is still a number question.
    ['how much of the 4.5 billion yuan went to Wuhu'],
    // Figure words.
    ['what is the number of labs in Chuzhou'],
    ['Chuzhou lab count'],
    ["what is Hefei's innovation index value"],
    // "what is X's Y".
    ["what is Wuhu's R&D intensity"],
    ["what was Hefei's patent total"],
    // A kind of number asked without "how much".
    ['what share of gdp did anhui spend on research'],
    // A place, a year and a metric ask for a figure.
    ['wuhu incubators in 2020'],
  ])('%s -> true', (text) => {
    expect(readerApplies(routeQuestion(text))).toBe(true);
  });

  it.each([
    // A question that states an amount asks about it, not for one.
    ['what was the 3.2 million yuan spent on'],
    ['what were the 12 percent of firms doing'],
    // Lists and people.
    ['which cities have the most incubators'],
    ['list the key projects in Wuhu'],
    ['who is the mayor of Hefei'],
    ['who leads the Wuhu science bureau'],
    // Definitions and topics without a figure.
    ['what is an incubator'],
    ['tell me about Hefei universities'],
    ['what is Hefei famous for'],
    ['what does the plan say about talent'],
    ['hello'],
  ])('%s -> false', (text) => {
    expect(readerApplies(routeQuestion(text))).toBe(false);
  });

  const base: ParsedQuestion = { text: 'how many labs does Wuhu have', intent: 'numeric', want: 'count', regions: ['wuhu'], unknownPlaces: [], year: null, yearTo: null, target: null, metricTerms: ['labs'], unitTerm: 'labs' };
  it.each([
    ['numeric with a kind of number', {}, true],
    ['definition with a kind of number', { intent: 'definition' }, true],
    ['search with a kind of number', { intent: 'search' }, true],
    ['list', { intent: 'list' }, false],
    ['person', { intent: 'person' }, false],
    ['compare', { intent: 'compare' }, false],
    ['greeting', { intent: 'greeting' }, false],
    ['out of scope', { intent: 'out_of_scope' }, false],
    ['states an amount without "how many"', { text: 'what were the 3.2 million yuan for', want: 'money' }, false],
    ['no kind, no figure word, no how many', { text: 'Wuhu labs', want: null, intent: 'search' }, false],
    ['no kind, but a search with a place, a year and a metric', { text: 'Wuhu labs 2022', want: null, intent: 'search', year: 2022 }, true],
    ['no kind, a year and a metric but no place', { text: 'labs 2022', want: null, intent: 'search', year: 2022, regions: [] }, false],
    ['"any" with a figure word', { text: 'Wuhu lab total', want: 'any' }, true],
  ] as [string, Partial<ParsedQuestion>, boolean][])('the rule for %s', (_label, over, expected) => {
    expect(readerApplies({ ...base, ...over })).toBe(expected);
  });
});

describe('asksPlaceFigure', () => {
  it.each([
    ["what is Wuhu's R&D intensity", true],
    ["what was Hefei's patent total", true],
    ["what's Bengbu's lab count", true],
    ['what is the R&D intensity of Wuhu', false],
    ['how many incubators does Hefei have', false],
    ['what is an incubator', false],
    // About a stated amount, or a coined name: answered in words.
    ["what was Wuhu's 3.5 million yuan spent on", false],
    ["what's Anhui's 2346X plan", false],
  ])('%s -> %s', (text, expected) => {
    expect(asksPlaceFigure(routeQuestion(text))).toBe(expected);
  });

  it('only a numeric question asks for a place figure', () => {
    const q = routeQuestion("what is Wuhu's R&D intensity");
    expect(asksPlaceFigure({ ...q, intent: 'definition' })).toBe(false);
  });
});
