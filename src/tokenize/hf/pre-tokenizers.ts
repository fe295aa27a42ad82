import { AlignedBuilder, sliceAligned, type AlignedText } from './aligned';
import { BYTE_TO_CHAR } from './byte-level';
import { array, bool, object, optStr, pattern, str, typeOf, unsupported, UnsupportedTokenizerError } from './config';
import { compilePattern } from './regex';

/**
 * A stretch [start, end) of an aligned text that the model will tokenize on its own. `byteLevel`: the
 * model must see its UTF-8 bytes as GPT-2 byte characters (a final ByteLevel pre-tokenizer only marks
 * pieces, so no byte-level string is built unless the model's cache misses).
 */
export interface Piece {
  readonly a: AlignedText;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly byteLevel: boolean;
}

export function wholePiece(a: AlignedText): Piece {
  return { a, start: 0, end: a.text.length, text: a.text, byteLevel: false };
}

/** Splits normalized pieces into the pieces the model tokenizes one by one. */
export type PreTokenizer = (pieces: Piece[]) => Piece[];

const SUPPORTED = ['Split', 'ByteLevel', 'Metaspace', 'Digits', 'Sequence'];
const BEHAVIOURS = ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'] as const;
type Behaviour = (typeof BEHAVIOURS)[number];

// GPT-2's pattern, which ByteLevel applies when use_regex is true.
const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

/** A piece as its own aligned text (for a pre-tokenizer that rewrites it, or one after ByteLevel). */
function materialize(p: Piece): AlignedText {
  const a = p.byteLevel ? toByteLevel(sliceAligned(p.a, p.start, p.end)) : sliceAligned(p.a, p.start, p.end);
  return a;
}

/**
 * `last`: whether nothing follows in the pre-tokenizer chain, so a ByteLevel here may leave the
 * byte conversion to the model.
 */
export function buildPreTokenizer(config: unknown, where = 'pre_tokenizer', last = true): PreTokenizer | null {
  if (config === null || config === undefined) return null;
  const o = object(config, where);
  const type = typeOf(o, where);
  switch (type) {
    case 'Split': {
      const regex = compilePattern(pattern(o, where), where);
      const behaviour = str(o, 'behavior', where);
      if (!(BEHAVIOURS as readonly string[]).includes(behaviour)) {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.behavior ${JSON.stringify(behaviour)} is not one of ${BEHAVIOURS.join(', ')}`);
      }
      const invert = bool(o, 'invert', where, false);
      return (pieces) => pieces.flatMap((p) => split(p, regex, behaviour as Behaviour, invert));
    }
    case 'ByteLevel': {
      const addPrefixSpace = bool(o, 'add_prefix_space', where, true);
      const useRegex = bool(o, 'use_regex', where, true);
      const regex = compilePattern({ kind: 'regex', value: GPT2_PATTERN }, where);
      return (pieces) =>
        pieces.flatMap((p) => {
          let q = p;
          if (p.byteLevel) q = wholePiece(materialize(p));
          if (addPrefixSpace && q.text.length > 0 && q.text[0] !== ' ') {
            const b = new AlignedBuilder();
            b.put(' ', q.a.starts[q.start], q.a.ends[q.start]);
            b.keep(q.a, q.start, q.end);
            q = wholePiece(b.build());
          }
          const parts = useRegex ? split(q, regex, 'Isolated', false) : [q];
          return parts.map((r) => (last ? { ...r, byteLevel: true } : wholePiece(toByteLevel(materialize(r)))));
        });
    }
    case 'Metaspace': {
      const replacement = str(o, 'replacement', where);
      const scheme = optStr(o, 'prepend_scheme', where) ?? (bool(o, 'add_prefix_space', where, true) ? 'always' : 'never');
      if (scheme !== 'always' && scheme !== 'first' && scheme !== 'never') {
        throw new UnsupportedTokenizerError(`tokenizer.json: ${where}.prepend_scheme ${JSON.stringify(scheme)} is not always, first or never`);
      }
      const splitOn = bool(o, 'split', where, true);
      const regex = compilePattern({ kind: 'string', value: replacement }, where);
      return (pieces) =>
        pieces.flatMap((piece) => {
          const p = materialize(piece);
          const b = new AlignedBuilder();
          const text = p.text;
          const prepend =
            text.length > 0 &&
            (scheme === 'always' || (scheme === 'first' && p.starts[0] === 0)) &&
            !text.replaceAll(' ', replacement).startsWith(replacement);
          if (prepend) b.put(replacement, p.starts[0], p.ends[0]);
          let at = 0;
          for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) {
            b.keep(p, at, i);
            b.put(replacement, p.starts[i], p.ends[i]);
            at = i + 1;
          }
          b.keep(p, at, text.length);
          const a = wholePiece(b.build());
          return splitOn ? split(a, regex, 'MergedWithNext', false) : [a];
        });
    }
    case 'Digits': {
      const individual = bool(o, 'individual_digits', where, false);
      const regex = compilePattern({ kind: 'regex', value: individual ? '\\p{N}' : '\\p{N}+' }, where);
      return (pieces) => pieces.flatMap((p) => split(p, regex, 'Isolated', false));
    }
    case 'Sequence': {
      const list = array(o, 'pretokenizers', where);
      const parts = list.map((n, i) => buildPreTokenizer(n, `${where}.pretokenizers[${i}]`, last && i === list.length - 1));
      return (pieces) => parts.reduce((acc, pt) => (pt === null ? acc : pt(acc)), pieces);
    }
    default:
      throw unsupported(where, type, SUPPORTED);
  }
}

/** The Rust `NormalizedString::split`: matches and the gaps between them, grouped by `behaviour`. */
export function split(piece: Piece, regex: RegExp, behaviour: Behaviour, invert: boolean): Piece[] {
  // A split after ByteLevel sees byte characters.
  const p = piece.byteLevel ? wholePiece(materialize(piece)) : piece;
  const text = p.text;
  // [start, end, isMatch] triples covering the text.
  const parts: Array<[number, number, boolean]> = [];
  let at = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      regex.lastIndex = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
      continue;
    }
    if (at < start) parts.push([at, start, invert]);
    parts.push([start, end, !invert]);
    at = end;
  }
  if (at < text.length) parts.push([at, text.length, invert]);

  let groups: Array<[number, number]>;
  switch (behaviour) {
    case 'Removed':
      groups = parts.filter((p) => !p[2]).map((p) => [p[0], p[1]]);
      break;
    case 'Isolated':
      groups = parts.map((p) => [p[0], p[1]]);
      break;
    case 'MergedWithPrevious': {
      groups = [];
      let previousMatch = false;
      for (const [s, e, isMatch] of parts) {
        if (isMatch && !previousMatch && groups.length > 0) groups[groups.length - 1][1] = e;
        else groups.push([s, e]);
        previousMatch = isMatch;
      }
      break;
    }
    case 'MergedWithNext': {
      groups = [];
      let previousMatch = false;
      for (let i = parts.length - 1; i >= 0; i--) {
        const [s, e, isMatch] = parts[i];
        if (isMatch && !previousMatch && groups.length > 0) groups[groups.length - 1][0] = s;
        else groups.push([s, e]);
        previousMatch = isMatch;
      }
      groups.reverse();
      break;
    }
    case 'Contiguous': {
      groups = [];
      let previousMatch: boolean | null = null;
      for (const [s, e, isMatch] of parts) {
        if (isMatch === previousMatch) groups[groups.length - 1][1] = e;
        else groups.push([s, e]);
        previousMatch = isMatch;
      }
      break;
    }
  }
  if (groups.length === 1 && groups[0][0] === 0 && groups[0][1] === text.length) return [p];
  return groups
    .filter(([s, e]) => e > s)
    .map(([s, e]) => ({ a: p.a, start: p.start + s, end: p.start + e, text: text.slice(s, e), byteLevel: false }));
}

/** Each UTF-8 byte of the piece as its GPT-2 character, aligned with the character the byte is part of. */
export function toByteLevel(a: AlignedText): AlignedText {
  const text = a.text;
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (d - 0xdc00);
        width = 2;
      }
    } else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    const s = a.starts[i];
    const e = a.ends[i + width - 1];
    const push = (byte: number) => {
      chars.push(BYTE_TO_CHAR[byte]);
      starts.push(s);
      ends.push(e);
    };
    if (cp < 0x80) push(cp);
    else if (cp < 0x800) {
      push(0xc0 | (cp >> 6));
      push(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      push(0xe0 | (cp >> 12));
      push(0x80 | ((cp >> 6) & 0x3f));
      push(0x80 | (cp & 0x3f));
    } else {
      push(0xf0 | (cp >> 18));
      push(0x80 | ((cp >> 12) & 0x3f));
      push(0x80 | ((cp >> 6) & 0x3f));
      push(0x80 | (cp & 0x3f));
    }
    i += width - 1;
  }
  return { text: chars.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}
