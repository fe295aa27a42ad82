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
  // First UTF-16 unit → tokens starting with it, longest first.
  private readonly byFirst = new Map<number, Array<{ content: string; token: AddedToken }>>();

  constructor(tokens: ReadonlyArray<{ content: string; token: AddedToken }>) {
    for (const t of tokens) {
      if (t.content === '') continue;
      const first = t.content.charCodeAt(0);
      let list = this.byFirst.get(first);
      if (list === undefined) this.byFirst.set(first, (list = []));
      list.push(t);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.content.length - a.content.length);
  }

  get isEmpty(): boolean {
    return this.byFirst.size === 0;
  }

  find(text: string): AddedMatch[] {
    const matches: AddedMatch[] = [];
    if (this.byFirst.size === 0) return matches;
    let previousEnd = 0;
    for (let i = 0; i < text.length; ) {
      const list = this.byFirst.get(text.charCodeAt(i));
      let hit: { content: string; token: AddedToken } | undefined;
      if (list !== undefined) for (const t of list) if (text.startsWith(t.content, i)) {
        hit = t;
        break;
      }
      if (hit === undefined) {
        i++;
        continue;
      }
      const matchEnd = i + hit.content.length;
      const token = hit.token;
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
