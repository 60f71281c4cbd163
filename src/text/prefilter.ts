/**
 * Prefilters for regular expressions. `requiredLiterals` reads a pattern and names strings one of
 * which every match must contain ("research" for /\bresearch\s*(?:and|&)\s*development\b/);
 * `LiteralScanner` tells in one pass over a text which of many strings it holds (Aho–Corasick). A
 * pattern whose strings a text lacks cannot match it, so its replace can be skipped. Both are exact
 * or say nothing: a pattern they cannot read gets no prefilter.
 */

/** What is known of the strings a piece of a pattern matches. */
interface Info {
  /** Every string it can match, when they are few. */
  exact: ReadonlySet<string> | null;
  /** Sets of strings such that every match contains a string of each set (empty: nothing known). */
  all: readonly ReadonlySet<string>[];
}

/** The most strings an `exact` set holds before it is given up. */
const MAX_EXACT = 64;
/** The most characters a class may stand for and still be spelt out. */
const MAX_CLASS = 8;
/** The most sets an `all` list keeps (the most selective ones). */
const MAX_ALL = 4;

const EMPTY: Info = { exact: new Set(['']), all: [] };
const UNKNOWN: Info = { exact: null, all: [] };

class Unsupported extends Error {}

/** Drop strings that contain another member: holding the shorter one is implied. */
function minimal(set: Iterable<string>): Set<string> {
  const list = [...new Set(set)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const out = new Set<string>();
  for (const s of list) if (![...out].some((o) => s.includes(o))) out.add(s);
  return out;
}

/** A set of an exact set: itself, unless it can match the empty string. */
function setOf(exact: ReadonlySet<string> | null): ReadonlySet<string> | null {
  return exact && !exact.has('') ? minimal(exact) : null;
}

/** The sets of a piece, its exact strings included. */
function setsOf(info: Info): ReadonlySet<string>[] {
  const own = setOf(info.exact);
  return keepBest(own ? [own, ...info.all] : [...info.all]);
}

/** How selective a set is, for keeping the best MAX_ALL: its shortest string first, then fewer strings. */
function score(set: ReadonlySet<string>): number {
  return Math.min(...[...set].map((s) => s.length)) * 1000 - set.size;
}

function keepBest(sets: ReadonlySet<string>[]): ReadonlySet<string>[] {
  const unique = new Map<string, ReadonlySet<string>>();
  for (const set of sets) unique.set([...set].sort().join('\u0000'), set);
  return [...unique.values()].sort((a, b) => score(b) - score(a)).slice(0, MAX_ALL);
}

function product(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> | null {
  if (a.size * b.size > MAX_EXACT) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function concat(items: Info[]): Info {
  let exact: ReadonlySet<string> | null = new Set(['']);
  const all: ReadonlySet<string>[] = [];
  // Runs of exact pieces spell out the substrings they match together.
  let run: ReadonlySet<string> = new Set(['']);
  const endRun = (): void => {
    const set = setOf(run);
    if (set) all.push(set);
    run = new Set(['']);
  };
  for (const item of items) {
    exact = exact && item.exact ? product(exact, item.exact) : null;
    if (item.exact) {
      const joined = product(run, item.exact);
      if (joined) run = joined;
      else {
        endRun();
        run = item.exact;
      }
    } else {
      endRun();
      all.push(...item.all);
    }
  }
  endRun();
  return { exact, all: keepBest(all) };
}

/** Alternatives: a string of every set of a branch, for each branch (choosing one set per branch, every way). */
function union(branches: Info[]): Info {
  let exact: Set<string> | null = new Set();
  for (const b of branches) {
    if (exact && b.exact) for (const s of b.exact) exact.add(s);
    else exact = null;
    if (exact && exact.size > MAX_EXACT) exact = null;
  }
  let all: Set<string>[] = [new Set()];
  for (const b of branches) {
    const sets = setsOf(b);
    if (sets.length === 0) return { exact, all: [] };
    const next: Set<string>[] = [];
    for (const partial of all) for (const set of sets) next.push(new Set([...partial, ...set]));
    all = keepBest(next.map(minimal)) as Set<string>[];
  }
  return { exact, all };
}

/** A recursive-descent reader of the pattern syntax the lexicon uses; anything else is Unsupported. */
class Reader {
  private at = 0;

  constructor(private readonly src: string) {}

  read(): Info {
    const info = this.alternation();
    if (this.at !== this.src.length) throw new Unsupported();
    return info;
  }

  private peek(): string | undefined {
    return this.src[this.at];
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : union(branches);
  }

  private sequence(): Info {
    const items: Info[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) items.push(this.quantified(this.atom()));
    return concat(items);
  }

  private atom(): Info {
    const c = this.src[this.at++]!;
    if (c === '(') {
      let lookaround = false;
      if (this.src.startsWith('?:', this.at)) this.at += 2;
      else if (this.src.startsWith('?=', this.at) || this.src.startsWith('?!', this.at)) {
        this.at += 2;
        lookaround = true;
      } else if (this.src.startsWith('?<=', this.at) || this.src.startsWith('?<!', this.at)) {
        this.at += 3;
        lookaround = true;
      } else if (this.peek() === '?') throw new Unsupported(); // named groups and the like
      const inner = this.alternation();
      if (this.src[this.at++] !== ')') throw new Unsupported();
      // A lookaround matches no characters of its own.
      return lookaround ? EMPTY : inner;
    }
    if (c === '[') return this.characterClass();
    if (c === '\\') return this.escape();
    if (c === '^' || c === '$') return EMPTY;
    if (c === '.') return UNKNOWN;
    if ('*+?{}]|)'.includes(c)) throw new Unsupported();
    return { exact: new Set([c]), all: [] };
  }

  private escape(): Info {
    const c = this.src[this.at++];
    if (c === undefined) throw new Unsupported();
    if (c === 'b' || c === 'B') return EMPTY;
    if ('sSwWdD'.includes(c)) return UNKNOWN;
    const control: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
    if (control[c] !== undefined) return { exact: new Set([control[c]]), all: [] };
    // Only escaped punctuation is read as itself (\., \(, \$); letters and digits mean more.
    if (/[A-Za-z0-9]/.test(c)) throw new Unsupported();
    return { exact: new Set([c]), all: [] };
  }

  private characterClass(): Info {
    const chars = new Set<string>();
    // A negated class stands for almost any character.
    let known = this.peek() !== '^';
    if (!known) this.at++;
    while (this.peek() !== ']') {
      let c = this.src[this.at++];
      if (c === undefined) throw new Unsupported();
      if (c === '[') throw new Unsupported();
      if (c === '\\') {
        const e = this.src[this.at++];
        if (e === undefined) throw new Unsupported();
        if ('sSwWdD'.includes(e)) {
          known = false;
          continue;
        }
        if (/[A-Za-z0-9]/.test(e)) throw new Unsupported();
        c = e;
      }
      if (this.peek() === '-' && this.src[this.at + 1] !== ']') {
        this.at++;
        const to = this.src[this.at++];
        if (to === undefined || to === '\\') throw new Unsupported();
        for (let code = c.charCodeAt(0); code <= to.charCodeAt(0) && known; code++) {
          chars.add(String.fromCharCode(code));
          if (chars.size > MAX_CLASS) known = false;
        }
        continue;
      }
      chars.add(c);
    }
    this.at++;
    return known && chars.size <= MAX_CLASS ? { exact: chars, all: [] } : UNKNOWN;
  }

  private quantified(item: Info): Info {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) throw new Unsupported();
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
      this.at += m[0].length - 1;
    } else return item;
    this.at++;
    if (this.peek() === '?') this.at++; // lazy: the same strings
    if (min === 0 && max === 1) return { exact: item.exact ? new Set([...item.exact, '']) : null, all: [] };
    if (min === 1 && max === 1) return item;
    if (min === 0) return max === 0 ? EMPTY : UNKNOWN;
    // At least one repetition: what one holds, every match holds.
    return { exact: null, all: setsOf(item) };
  }
}

/**
 * Sets of strings such that every match of `re` contains a string of each set: [] when the pattern
 * says nothing so specific, or uses syntax this reader does not know, or flags other than g.
 */
export function requiredLiterals(re: RegExp): string[][] {
  if (re.flags.replace('g', '') !== '') return [];
  try {
    return setsOf(new Reader(re.source).read())
      .filter((set) => !set.has(''))
      .map((set) => [...set].sort());
  } catch (err) {
    if (err instanceof Unsupported) return [];
    throw err;
  }
}

/** Finds which of a set of strings occur in a text, in one pass (an Aho–Corasick automaton over UTF-16 code units). */
export class LiteralScanner {
  /** The symbol of each UTF-16 code unit: 0 for one no string holds. */
  private readonly symbols = new Uint8Array(0x10000);
  private readonly width: number;
  private readonly delta: Int32Array;
  /** For each state, the strings (indexes) that end there. */
  private readonly outputs: number[][];
  /** The length of the longest string. */
  readonly longest: number;

  constructor(readonly literals: readonly string[]) {
    this.longest = Math.max(0, ...literals.map((s) => s.length));
    let width = 1;
    for (const s of literals) {
      for (let k = 0; k < s.length; k++) {
        const code = s.charCodeAt(k);
        if (this.symbols[code] === 0) {
          if (width === 0x100) throw new Error('LiteralScanner: more than 255 distinct characters');
          this.symbols[code] = width++;
        }
      }
    }
    this.width = width;
    // The trie.
    const children: Map<number, number>[] = [new Map()];
    const outputs: number[][] = [[]];
    literals.forEach((s, index) => {
      let state = 0;
      for (let k = 0; k < s.length; k++) {
        const symbol = this.symbols[s.charCodeAt(k)]!;
        let next = children[state]!.get(symbol);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          outputs.push([]);
          children[state]!.set(symbol, next);
        }
        state = next;
      }
      outputs[state]!.push(index);
    });
    // Failure links, breadth first, folded into a full transition table.
    const delta = new Int32Array(children.length * this.width);
    const fail = new Int32Array(children.length);
    const queue: number[] = [];
    for (let symbol = 0; symbol < this.width; symbol++) {
      const child = children[0]!.get(symbol);
      if (child !== undefined) {
        delta[symbol] = child;
        queue.push(child);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const state = queue[q]!;
      outputs[state]!.push(...outputs[fail[state]!]!);
      for (let symbol = 0; symbol < this.width; symbol++) {
        const child = children[state]!.get(symbol);
        if (child === undefined) delta[state * this.width + symbol] = delta[fail[state]! * this.width + symbol]!;
        else {
          fail[child] = delta[fail[state]! * this.width + symbol]!;
          delta[state * this.width + symbol] = child;
          queue.push(child);
        }
      }
    }
    this.delta = delta;
    this.outputs = outputs;
  }

  /** Which strings occur in `text`: `found[i]` for `literals[i]`. */
  scan(text: string): boolean[] {
    const found = new Array<boolean>(this.literals.length).fill(false);
    this.scanInto(text, 0, text.length, found);
    return found;
  }

  /** Mark in `found` the strings that occur in `text[from, to)` (clamped to the text). */
  scanInto(text: string, from: number, to: number, found: boolean[]): void {
    const { delta, width, symbols, outputs } = this;
    const end = Math.min(to, text.length);
    let state = 0;
    for (let k = Math.max(0, from); k < end; k++) {
      state = delta[state * width + symbols[text.charCodeAt(k)]!]!;
      const out = outputs[state]!;
      for (let o = 0; o < out.length; o++) found[out[o]!] = true;
    }
  }
}

/**
 * Replacements applied in order (`text.replace(re, to)` for each rule), skipping a rule when the text
 * lacks its required literals. One scan finds the literals the text holds; where a rule replaces
 * something, the text around each replacement is scanned again for literals it may have made, so a
 * later rule is skipped only when it truly cannot match. The result is exactly that of applying
 * every rule.
 */
export class ReplacementChain {
  private readonly scanner: LiteralScanner;
  /** For each rule, its literal sets as indexes into the scanner's literals. */
  private readonly gates: number[][][];

  constructor(private readonly rules: readonly (readonly [RegExp, string])[]) {
    const literals: string[] = [];
    const indexOf = new Map<string, number>();
    const id = (s: string): number => {
      let i = indexOf.get(s);
      if (i === undefined) {
        i = literals.length;
        literals.push(s);
        indexOf.set(s, i);
      }
      return i;
    };
    this.gates = rules.map(([re]) => requiredLiterals(re).map((set) => set.map(id)));
    this.scanner = new LiteralScanner(literals);
  }

  apply(text: string): string {
    const scanner = this.scanner;
    const present = scanner.scan(text);
    let t = text;
    for (let r = 0; r < this.rules.length; r++) {
      if (!holdsAll(this.gates[r]!, present)) continue;
      const [re, to] = this.rules[r]!;
      if (to.includes('$')) {
        // A replacement pattern ($&, $1) writes text of the match: scan all of the result again.
        const next = t.replace(re, to);
        if (next !== t) scanner.scanInto(next, 0, next.length, present);
        t = next;
        continue;
      }
      const starts: number[] = [];
      let shift = 0; // how much longer the result is than the text, so far
      const next = t.replace(re, (match: string, ...rest: unknown[]) => {
        // The match's offset is the first number after the groups.
        starts.push((rest.find((x) => typeof x === 'number') as number) + shift);
        shift += to.length - match.length;
        return to;
      });
      if (starts.length === 0) continue;
      t = next;
      // A literal the text did not hold before overlaps a replacement.
      const reach = scanner.longest - 1;
      for (const start of starts) scanner.scanInto(t, start - reach, start + to.length + reach, present);
    }
    return t;
  }
}

/** Does the text hold a literal of every set? */
function holdsAll(sets: readonly (readonly number[])[], present: readonly boolean[]): boolean {
  for (const set of sets) {
    let any = false;
    for (const i of set) {
      if (present[i]) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}
