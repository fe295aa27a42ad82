// One line of `wmlens score` input, a JSON array of token ids, read without trusting it: JSON.parse
// would turn 1e400 into Infinity (shown as "got null" once re-serialised), build a 100,000-deep array
// for the error message to overflow the stack on, and accept a million ids that then take minutes.
// The line is checked for JSON syntax by the iterative scanner of src/keyset/json-syntax.ts, then read
// as a flat array whose elements are judged by their literal text.
import { findJsonSyntaxError } from '../keyset/json-syntax';

/** Token ids are non-negative int32 values (torch's vocabulary indices). */
export const MAX_TOKEN_ID = 2 ** 31 - 1;

/**
 * Ids on one line. Scoring time grows with ids × green-list size (each id's seed decides a fresh list):
 * 100,000 ids of GPT-2's vocabulary at γ 0.25 take ~20 s on the development machine, a million
 * took over 70 s with no output. The reference vectors' longest lines are a few thousand ids.
 */
export const MAX_IDS_PER_LINE = 100_000;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;

function quoteLiteral(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 37)}...`;
}

/**
 * The common case, read in one pass over the characters: "[", plain decimal integers (no sign, no
 * leading zero, none above MAX_TOKEN_ID) separated by commas, "]", JSON whitespace around any of them.
 * Such a line is valid JSON and gives exactly the ids of the full reading below; anything else
 * (including more than MAX_IDS_PER_LINE ids) gives null and goes the full way, which explains it.
 */
function parsePlainIdsLine(line: string): number[] | null {
  const end = line.length;
  let pos = 0;
  let c = 0;
  // JSON whitespace: space, tab, LF, CR
  while (pos < end && ((c = line.charCodeAt(pos)) === 32 || c === 9 || c === 10 || c === 13)) pos++;
  if (line.charCodeAt(pos++) !== 91) return null; // "["
  const ids: number[] = [];
  for (;;) {
    while (pos < end && ((c = line.charCodeAt(pos)) === 32 || c === 9 || c === 10 || c === 13)) pos++;
    if (ids.length === 0 && c === 93) break; // "[]"
    c = line.charCodeAt(pos);
    if (!(c >= 48 && c <= 57)) return null;
    let id = c - 48;
    const start = pos++;
    while (pos < end && (c = line.charCodeAt(pos)) >= 48 && c <= 57) {
      id = id * 10 + (c - 48);
      pos++;
    }
    // "0123" is not JSON; more than ten digits cannot be an id (and would lose exactness further on)
    if ((id !== 0 && line.charCodeAt(start) === 48) || (id === 0 && pos - start > 1) || pos - start > 10 || id > MAX_TOKEN_ID) return null;
    if (ids.length === MAX_IDS_PER_LINE) return null;
    ids.push(id);
    while (pos < end && ((c = line.charCodeAt(pos)) === 32 || c === 9 || c === 10 || c === 13)) pos++;
    if (c === 93) break; // "]"
    if (c !== 44 || pos >= end) return null; // ","
    pos++;
  }
  pos++;
  while (pos < end && ((c = line.charCodeAt(pos)) === 32 || c === 9 || c === 10 || c === 13)) pos++;
  return pos === end ? ids : null;
}

export function parseIdsLine(line: string): number[] {
  const plain = parsePlainIdsLine(line);
  if (plain !== null) return plain;
  const syntax = findJsonSyntaxError(line);
  if (syntax !== undefined) throw new Error(`not valid JSON (expected an array of token ids): column ${syntax.column}: ${syntax.reason}`);
  let pos = 0;
  const skipWhitespace = () => {
    while (pos < line.length && ' \t\r\n'.includes(line[pos])) pos++;
  };
  skipWhitespace();
  if (line[pos] !== '[') throw new Error('expected a JSON array of token ids');
  pos++;
  const ids: number[] = [];
  skipWhitespace();
  if (line[pos] === ']') return ids;
  // The syntax is known to be valid, so only the elements' kinds need telling apart.
  for (let i = 0; ; i++) {
    if (i >= MAX_IDS_PER_LINE) {
      throw new Error(`more than ${MAX_IDS_PER_LINE} ids on one line; wmlens score takes at most ${MAX_IDS_PER_LINE} per line`);
    }
    skipWhitespace();
    const c = line[pos];
    NUMBER.lastIndex = pos;
    if (NUMBER.test(line)) {
      const literal = line.slice(pos, NUMBER.lastIndex);
      const id = Number(literal);
      if (!Number.isFinite(id)) throw new Error(`ids[${i}]: ${quoteLiteral(literal)} is not a finite number (expected a non-negative integer token id)`);
      if (!Number.isInteger(id) || id < 0 || id > MAX_TOKEN_ID) {
        throw new Error(`ids[${i}]: expected a non-negative integer token id up to ${MAX_TOKEN_ID}, got ${quoteLiteral(literal)}`);
      }
      ids.push(id + 0); // "-0" is the id 0, not negative zero
      pos = NUMBER.lastIndex;
    } else {
      let got: string;
      if (c === '[') got = 'an array';
      else if (c === '{') got = 'an object';
      else if (c === '"') {
        STRING.lastIndex = pos;
        STRING.test(line);
        got = quoteLiteral(line.slice(pos, STRING.lastIndex));
      } else got = line.startsWith('true', pos) ? 'true' : line.startsWith('false', pos) ? 'false' : 'null';
      throw new Error(`ids[${i}]: expected a non-negative integer token id, got ${got}`);
    }
    skipWhitespace();
    if (line[pos] === ']') return ids;
    pos++; // ","
  }
}
