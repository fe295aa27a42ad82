import { array, bool, int, object, str } from './config';

export interface AddedToken {
  id: number;
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export function readAddedTokens(root: Record<string, unknown>): AddedToken[] {
  if (root.added_tokens === undefined || root.added_tokens === null) return [];
  return array(root as never, 'added_tokens', 'tokenizer').map((t, i) => {
    const where = `added_tokens[${i}]`;
    const o = object(t, where);
    return {
      id: int(o, 'id', where),
      content: str(o, 'content', where),
      singleWord: bool(o, 'single_word', where, false),
      lstrip: bool(o, 'lstrip', where, false),
      rstrip: bool(o, 'rstrip', where, false),
      normalized: bool(o, 'normalized', where, true),
      special: bool(o, 'special', where, false),
    };
  });
}

interface TrieNode {
  next: Map<number, TrieNode>;
  token: AddedToken | null;
}

/** A match: the token, and the [start, end) it takes (widened by lstrip/rstrip). */
export interface AddedMatch {
  token: AddedToken;
  start: number;
  end: number;
}

// Rust's char::is_whitespace (Unicode White_Space).
const WHITE_SPACE = /[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const WORD = /[\p{L}\p{N}_]/u;

/**
 * Finds added tokens in a text the way the Rust AddedVocabulary does: leftmost-longest matches of
 * their contents (an Aho-Corasick automaton there), skipping single_word tokens inside words, and
 * widening a match over the whitespace before it (lstrip) or after it (rstrip).
 */
export class AddedTokenMatcher {
  // A trie over UTF-16 units; a node's token is the one whose content ends there.
  private readonly root: TrieNode = { next: new Map(), token: null };
  private size = 0;

  constructor(tokens: ReadonlyArray<{ content: string; token: AddedToken }>) {
    for (const t of tokens) {
      if (t.content === '') continue;
      let node = this.root;
      for (let i = 0; i < t.content.length; i++) {
        const c = t.content.charCodeAt(i);
        let child = node.next.get(c);
        if (child === undefined) node.next.set(c, (child = { next: new Map(), token: null }));
        node = child;
      }
      // Two tokens with one text (e.g. normalized to the same): the first listed wins.
      if (node.token === null) {
        node.token = t.token;
        this.size++;
      }
    }
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** The longest token starting at `i` (its end in `matchEnd`), or null. */
  private matchEnd = 0;
  private longestAt(text: string, i: number): AddedToken | null {
    let node: TrieNode | undefined = this.root;
    let best: AddedToken | null = null;
    for (let j = i; j < text.length; j++) {
      node = node.next.get(text.charCodeAt(j));
      if (node === undefined) break;
      if (node.token !== null) {
        best = node.token;
        this.matchEnd = j + 1;
      }
    }
    return best;
  }

  find(text: string): AddedMatch[] {
    const matches: AddedMatch[] = [];
    if (this.size === 0) return matches;
    let previousEnd = 0;
    for (let i = 0; i < text.length; ) {
      const token = this.root.next.has(text.charCodeAt(i)) ? this.longestAt(text, i) : null;
      if (token === null) {
        i++;
        continue;
      }
      const matchEnd = this.matchEnd;
      if (token.singleWord) {
        const before = i > 0 ? String.fromCodePoint(text.codePointAt(i - 1)!) : '';
        const after = matchEnd < text.length ? String.fromCodePoint(text.codePointAt(matchEnd)!) : '';
        if ((before !== '' && WORD.test(before)) || (after !== '' && WORD.test(after))) {
          i++;
          continue;
        }
      }
      let start = i;
      let end = matchEnd;
      if (token.lstrip) {
        while (start > previousEnd && WHITE_SPACE.test(text[start - 1])) start--;
      }
      if (token.rstrip) {
        while (end < text.length && WHITE_SPACE.test(text[end])) end++;
      }
      matches.push({ token, start, end });
      previousEnd = end;
      i = end;
    }
    return matches;
  }
}
