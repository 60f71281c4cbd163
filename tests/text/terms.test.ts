import { describe, expect, it } from 'vitest';
import { STOP_WORDS, canonicalize, stem, termOf, terms, tokens } from '../../src/text/terms.js';

describe('synonyms meet on the same terms', () => {
  it.each([
    ['R&D', ['R&D', 'research and development', 'Research & Development', 'r and d', 'R & D', 'RD']],
    ['hi-tech', ['hi-tech', 'high-tech', 'high tech', 'Hi Tech', 'high technology', 'hitech']],
    ['SMEs', ['SMEs', 'SME', 'smes', 'small and medium-sized enterprises', 'small and medium sized enterprises', 'small and medium enterprises', 'small and medium-sized sci-tech enterprises']],
    ['enterprises', ['firms', 'firm', 'companies', 'company', 'enterprises', 'enterprise', 'businesses']],
    ['talent', ['talent', 'talents', 'Talents']],
    ['sci-tech', ['sci-tech', 'science and technology', 'scientific and technological', 'S&T', 'sci tech']],
    ['percent', ['percent', 'per cent']],
    ['start-ups', ['start-ups', 'startups', 'start up', 'startup']],
    ['GDP', ['GDP', 'gross domestic product']],
  ])('%s', (_name, forms) => {
    const expected = terms(forms[0]!);
    expect(expected).toHaveLength(1);
    for (const form of forms) expect(terms(form), form).toEqual(expected);
  });

  it.each([
    ['How many high-tech firms does Jilin have?', 'the number of hi-tech enterprises in Jilin'],
    ['R&D investment of the whole society', 'research and development investments of the society'],
    ['SMEs talents', 'small and medium-sized enterprises talent'],
  ])('%j and %j share their content terms', (a, b) => {
    const ta = new Set(terms(a));
    const tb = new Set(terms(b));
    const shared = [...ta].filter((t) => tb.has(t));
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });

  it('different things stay different', () => {
    expect(terms('hi-tech enterprises')).not.toEqual(terms('SMEs'));
    expect(terms('research institutes')).not.toContain('r&d');
    expect(terms('the third card')).not.toContain('r&d');
    expect(terms('highway')).not.toContain('hightech');
    expect(terms('firmly')).not.toEqual(terms('firms'));
  });
});

describe('stop words', () => {
  it.each([
    ['How many high-tech firms does Jilin have?', ['hightech', 'enterpris', 'jilin']],
    ['What is the R&D investment of the province?', ['r&d', 'invest', 'provinc']],
    ['Tell me about the talents in Changchun, please', ['talent', 'changchun']],
    ['the of and a an in on at to', []],
  ])('%j -> %j', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it.each(['the', 'of', 'how', 'many', 'much', 'what', 'does', 'is', 'and', 'please'])('%s is a stop word', (w) => {
    expect(STOP_WORDS.has(w)).toBe(true);
    expect(termOf(w)).toBeNull();
  });

  it.each(['jilin', 'enterprise', 'patent', 'investment', 'r&d'])('%s is not a stop word', (w) => {
    expect(STOP_WORDS.has(w)).toBe(false);
    expect(termOf(w)).not.toBeNull();
  });
});

describe('stemming', () => {
  it.each([
    [['invest', 'invested', 'investing', 'investment', 'investments']],
    [['innovation', 'innovations', 'innovative']],
    [['laboratory', 'laboratories']],
    [['enterprise', 'enterprises']],
    [['develop', 'developed', 'development']],
    [['patent', 'patents', 'patented']],
  ])('%j share a stem', (words) => {
    const stems = new Set(words.map((w) => terms(w)[0]));
    expect(stems.size).toBe(1);
  });

  it.each([
    ['15.95', '15.95'],
    ['2705', '2705'],
    ['r&d', 'r&d'],
    ['5g', '5g'],
  ])('%s is kept as is', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('terms of numbers keep their decimals', () => {
    expect(terms('RMB15.95 billion')).toEqual(['rmb15.95', 'billion']);
    expect(terms('grew 7.48%')).toEqual(['grew', '7.48']);
  });
});

describe('canonicalize and tokens', () => {
  it.each([
    ['High-Tech Firms', 'hightech enterprise'],
    ['Research and Development', 'r&d'],
    ['the province’s talents', "the province's talent"],
    ['E-commerce start-ups', 'ecommerce startup'],
  ])('canonicalize(%j) -> %j', (input, output) => {
    expect(canonicalize(input)).toBe(output);
  });

  it.each([
    ['r&d investment, 15.95 billion', ['r&d', 'investment', '15.95', 'billion']],
    ['吉林省 hightech', ['吉', '林', '省', 'hightech']],
    ["province's", ['province', 's']],
    ['', []],
  ])('tokens(%j) -> %j', (input, output) => {
    expect(tokens(input)).toEqual(output);
  });

  it('tokens are lowercase words only: no punctuation or spaces', () => {
    for (const t of tokens(canonicalize('Jilin, Changchun; “R&D” (2021) — 7.48%!'))) expect(t).toMatch(/^(?:r&d|[a-z0-9.]+|[\u4e00-\u9fff])$/);
  });
});
