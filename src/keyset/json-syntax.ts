// JSON.parse error messages differ between engines and V8's no longer always carry a position, so
// after JSON.parse has refused a text this scanner finds where and why, in the same words everywhere.
// It only recognises (RFC 8259) and never builds values; it uses an explicit stack because a hostile
// document can nest a million levels deep.

export interface JsonSyntaxError {
  /** Offset into the text, in UTF-16 code units. */
  offset: number;
  /** 1-based line and column; the column counts Unicode code points. */
  line: number;
  column: number;
  reason: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX_DIGIT = /^[0-9a-fA-F]$/;

class Fail {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/** The first syntax error in `text`, or undefined if it is one well-formed JSON value. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    scan(text);
    return undefined;
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    return { offset: e.offset, ...lineAndColumn(text, e.offset), reason: e.reason };
  }
}

/**
 * Where `text` first opens more than `maxDepth` nested arrays and objects, or undefined. Strings are
 * skipped (brackets in them do not count); nothing else is checked. JSON.parse itself takes over a second
 * on half a million levels (1 MiB of "["), so a document is measured with this first.
 */
export function findExcessiveNesting(text: string, maxDepth: number): JsonSyntaxError | undefined {
  let depth = 0;
  for (let pos = 0; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 0x22 /* " */) {
      for (pos++; pos < text.length && text.charCodeAt(pos) !== 0x22; pos++) {
        if (text.charCodeAt(pos) === 0x5c /* \ */) pos++;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) {
        return { offset: pos, ...lineAndColumn(text, pos), reason: `arrays and objects nested more than ${maxDepth} deep` };
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return undefined;
}

function scan(text: string): void {
  let pos = 0;
  const stack: Array<'{' | '['> = [];

  const skipWhitespace = () => {
    while (pos < text.length && WHITESPACE.has(text[pos])) pos++;
  };
  const describeHere = () => (pos >= text.length ? 'end of input' : `${JSON.stringify(charAt(text, pos))}`);
  const fail = (expected: string): never => {
    throw new Fail(pos, `expected ${expected}, found ${describeHere()}`);
  };

  const scanString = () => {
    pos++; // opening quote
    for (;;) {
      if (pos >= text.length) throw new Fail(pos, 'unterminated string');
      const c = text[pos];
      if (c === '"') {
        pos++;
        return;
      }
      if (c < ' ') throw new Fail(pos, `control character U+${hex4(c)} must be escaped inside a string`);
      if (c === '\\') {
        const e = text[pos + 1];
        if (e !== undefined && SIMPLE_ESCAPES.has(e)) {
          pos += 2;
        } else if (e === 'u') {
          for (let k = 2; k < 6; k++) {
            if (!HEX_DIGIT.test(text[pos + k] ?? '')) throw new Fail(pos, 'invalid \\u escape: needs 4 hex digits');
          }
          pos += 6;
        } else {
          throw new Fail(pos, `invalid escape ${JSON.stringify(text.slice(pos, pos + 2))}`);
        }
        continue;
      }
      pos++;
    }
  };

  const scanDigits = (what: string) => {
    const start = pos;
    while (pos < text.length && text[pos] >= '0' && text[pos] <= '9') pos++;
    if (pos === start) fail(what);
  };

  const scanNumber = () => {
    if (text[pos] === '-') pos++;
    if (text[pos] === '0') {
      pos++;
      if (text[pos] >= '0' && text[pos] <= '9') throw new Fail(pos - 1, 'numbers must not have leading zeros');
    } else {
      scanDigits('a digit');
    }
    if (text[pos] === '.') {
      pos++;
      scanDigits('a digit after the decimal point');
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos++;
      if (text[pos] === '+' || text[pos] === '-') pos++;
      scanDigits('a digit in the exponent');
    }
  };

  const scanLiteral = (word: string) => {
    if (text.startsWith(word, pos)) pos += word.length;
    else fail('a JSON value');
  };

  // Up to and including the ":" of an object member; its value comes next.
  const scanMemberName = () => {
    skipWhitespace();
    if (text[pos] !== '"') fail('a double-quoted member name');
    scanString();
    skipWhitespace();
    if (text[pos] !== ':') fail('":" after the member name');
    pos++;
  };

  let needValue = true;
  for (;;) {
    if (needValue) {
      skipWhitespace();
      const c = text[pos];
      needValue = false;
      if (c === '{') {
        pos++;
        skipWhitespace();
        if (text[pos] === '}') pos++;
        else {
          stack.push('{');
          scanMemberName();
          needValue = true;
        }
      } else if (c === '[') {
        pos++;
        skipWhitespace();
        if (text[pos] === ']') pos++;
        else {
          stack.push('[');
          needValue = true;
        }
      } else if (c === '"') scanString();
      else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) scanNumber();
      else if (c === 't') scanLiteral('true');
      else if (c === 'f') scanLiteral('false');
      else if (c === 'n') scanLiteral('null');
      else fail('a JSON value');
      continue;
    }
    // A value is complete: continue or close the innermost open container.
    if (stack.length === 0) break;
    skipWhitespace();
    const top = stack[stack.length - 1];
    const c = text[pos];
    if (c === ',') {
      pos++;
      if (top === '{') scanMemberName();
      needValue = true;
    } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      pos++;
      stack.pop();
    } else {
      fail(top === '{' ? '"," or "}" after an object member' : '"," or "]" after an array element');
    }
  }
  skipWhitespace();
  if (pos < text.length) fail('end of input after the JSON value');
}

function charAt(text: string, pos: number): string {
  return String.fromCodePoint(text.codePointAt(pos) ?? 0);
}

function hex4(c: string): string {
  return c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one character.
    if (!(code >= 0xdc00 && code <= 0xdfff && i > lineStart && isHighSurrogate(text.charCodeAt(i - 1)))) column++;
  }
  return { line, column };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
