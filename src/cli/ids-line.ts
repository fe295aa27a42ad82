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
 * The common case, valid JSON holding a flat array of at most MAX_IDS_PER_LINE ids: read by JSON.parse
 * (native, and iterative, so deep nesting is no danger to it), which gives each number the value
 * Number() gives its literal, as the full reading below does. Anything else gives null, and the full
 * reading explains what is wrong. (A one-time regular expression or a loop over the characters is
 * several times slower in a process that has just started: both run interpreted at first.)
 */
function parsePlainIdsLine(line: string): number[] | null {
  let ids: unknown;
  try {
    ids = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(ids) || ids.length > MAX_IDS_PER_LINE) return null;
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    if (!(typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= MAX_TOKEN_ID)) return null;
    ids[i] = id + 0; // "-0" is the id 0, not negative zero
  }
  return ids as number[];
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
