import { UnsupportedTokenizerError, type Pattern } from './config';

// tokenizer.json regexes are written for Oniguruma (the Rust library's engine). JavaScript's engine
// agrees on the constructs these files use except three, rewritten here:
//  - `(?i:…)` scoped case-insensitivity (not in Node 20): each letter becomes a class of its case
//    variants, including Unicode's extra folds (ſ folds to s, K (Kelvin) to k) as Oniguruma's do;
//  - `\s` / `\S`: Oniguruma's is Unicode White_Space, which has U+0085 and lacks U+FEFF; JS's
//    is the reverse;
//  - `\p{L}` etc. are the same property names, so they pass through.
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const EXTRA_FOLDS: Record<string, string> = { s: 'ſ', k: 'K' };

function caseClass(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper) return escapeChar(ch);
  return `[${escapeChar(lower)}${escapeChar(upper)}${EXTRA_FOLDS[lower] ?? ''}]`;
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Translates an Oniguruma pattern as found in tokenizer.json into an equivalent JavaScript `u` pattern. */
export function translateRegex(source: string): string {
  let out = '';
  let i = 0;
  let inClass = false;
  let caseless = 0; // depth of (?i: groups we are inside
  const groupCaseless: boolean[] = [];
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1];
      if (n === undefined) throw new UnsupportedTokenizerError(`tokenizer.json: regex ${JSON.stringify(source)} ends with a backslash`);
      if (n === 's') out += inClass ? WHITE_SPACE : `[${WHITE_SPACE}]`;
      else if (n === 'S') {
        if (inClass) throw new UnsupportedTokenizerError(`tokenizer.json: regex ${JSON.stringify(source)}: \\S inside a class is not supported`);
        out += `[^${WHITE_SPACE}]`;
      } else if (n === 'p' || n === 'P') {
        const close = source.indexOf('}', i);
        out += source.slice(i, close + 1);
        i = close + 1;
        continue;
      } else if (caseless > 0 && !inClass && /[A-Za-z]/.test(n) && !/[dDwWbBnrtfvxuAzZ]/.test(n)) {
        out += caseClass(n);
      } else out += c + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      if (caseless > 0 && /[A-Za-z]/.test(c)) {
        throw new UnsupportedTokenizerError(`tokenizer.json: regex ${JSON.stringify(source)}: letters in a class inside (?i:) are not supported`);
      }
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (source[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      i++;
      continue;
    }
    if (c === '(') {
      if (source.startsWith('(?i:', i)) {
        groupCaseless.push(true);
        caseless++;
        out += '(?:';
        i += 4;
        continue;
      }
      if (source.startsWith('(?', i) && !/^\(\?(?::|=|!|<=|<!|<[A-Za-z])/.test(source.slice(i, i + 4))) {
        throw new UnsupportedTokenizerError(`tokenizer.json: regex ${JSON.stringify(source)}: group ${source.slice(i, i + 4)} is not supported`);
      }
      groupCaseless.push(false);
      out += c;
      i++;
      continue;
    }
    if (c === ')') {
      if (groupCaseless.pop()) caseless--;
      out += c;
      i++;
      continue;
    }
    out += caseless > 0 && /[A-Za-z]/.test(c) ? caseClass(c) : c;
    i++;
  }
  return out;
}

/** A global regex for a tokenizer.json pattern (a literal string is matched literally). */
export function compilePattern(p: Pattern, where: string): RegExp {
  const source = p.kind === 'string' ? p.value.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') : translateRegex(p.value);
  try {
    return new RegExp(source, 'gu');
  } catch (e) {
    throw new UnsupportedTokenizerError(`tokenizer.json: ${where}: regex ${JSON.stringify(p.value)} cannot be compiled (${(e as Error).message})`);
  }
}
