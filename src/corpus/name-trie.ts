/**
 * A character trie of names written in Latin words ("guangxi zhuang autonomous region", "xi'an"), walked
 * straight over a text's characters: a word is looked up letter by letter, case-insensitively and with
 * ’ read as ', without making a lowercase copy of it, and a word that starts no name usually fails on its
 * first or second letter. Words of a name are joined by one space in the trie; the caller decides what
 * may separate them in the text. Names with other characters (digits, accents, brackets) cannot be
 * spelt by such words and are left out.
 */

/** Symbols: the letters a–z (either case), the apostrophe (' or ’), and the space between two words. */
const APOSTROPHE = 26;
const SPACE = 27;
const WIDTH = 28;

/** A node of the trie (an index into its tables); `NO_NODE` when a walk leaves the trie. */
export type TrieNode = number;
export const NO_NODE: TrieNode = -1;

/** The symbol of a character of a word (a letter or an apostrophe), or -1 for any other character. */
function symbolOf(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 65 && code <= 90) return code - 65;
  if (code === 39 || code === 0x2019) return APOSTROPHE;
  return -1;
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019;
}

export class NameTrie {
  /** The root: the node before the first letter of a name. */
  readonly root: TrieNode = 0;
  /** `next[node * WIDTH + symbol]`: the child node, or 0 (the root is nobody's child). */
  private next = new Int32Array(WIDTH * 64);
  private readonly ids: (string | undefined)[] = [undefined];

  /**
   * Add a name: lowercase words (letters and apostrophes) joined by single spaces. A name holding
   * another character is not added (no text word can spell it). An earlier id for the same name is
   * replaced.
   */
  add(name: string, id: string): void {
    const path: number[] = [];
    for (let k = 0; k < name.length; k++) {
      const code = name.charCodeAt(k);
      const symbol = code === 32 ? SPACE : code >= 97 && code <= 122 ? code - 97 : code === 39 ? APOSTROPHE : -1;
      if (symbol < 0) return;
      path.push(symbol);
    }
    let node = this.root;
    for (const symbol of path) {
      let child = this.next[node * WIDTH + symbol]!;
      if (child === 0) {
        child = this.ids.length;
        this.ids.push(undefined);
        if ((child + 1) * WIDTH > this.next.length) {
          const grown = new Int32Array(this.next.length * 2);
          grown.set(this.next);
          this.next = grown;
        }
        this.next[node * WIDTH + symbol] = child;
      }
      node = child;
    }
    this.ids[node] = id;
  }

  /**
   * Walk from `node` over the word `text[start, end)` (letters and apostrophes; any case, ’ as ').
   * With `skipApostrophes`, the word is read without its apostrophes ("xi'an" as "xian").
   */
  walk(node: TrieNode, text: string, start: number, end: number, skipApostrophes = false): TrieNode {
    let at = node;
    for (let k = start; k < end && at !== NO_NODE; k++) {
      const code = text.charCodeAt(k);
      if (skipApostrophes && isApostrophe(code)) continue;
      const symbol = symbolOf(code);
      const child = symbol < 0 ? 0 : this.next[at * WIDTH + symbol]!;
      at = child === 0 ? NO_NODE : child;
    }
    return at;
  }

  /** The node after the space that joins a further word to the words walked so far, or NO_NODE. */
  nextWord(node: TrieNode): TrieNode {
    if (node === NO_NODE) return NO_NODE;
    const child = this.next[node * WIDTH + SPACE]!;
    return child === 0 ? NO_NODE : child;
  }

  /** The id of the name that ends at `node`, if one does. */
  idAt(node: TrieNode): string | undefined {
    return node === NO_NODE ? undefined : this.ids[node];
  }
}
