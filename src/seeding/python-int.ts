// Python's int(str) for the integer fields of lm-watermarking's free-form scheme strings.
//
// Accepted, as Python does: surrounding whitespace (Python's str.isspace set), one optional sign, ASCII
// decimal digits with single underscores between digits (PEP 515), leading zeros ("007" is 7).
// Refused although Python accepts them: non-ASCII decimal digits (e.g. Arabic-Indic "٤"). Refused like
// Python: empty strings, inner whitespace, "1__0", "_1", "1_", "0x10", "1.0", "1e3".

const PY_WHITESPACE = '[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_INT = new RegExp(`^${PY_WHITESPACE}*([+-]?)([0-9](?:_?[0-9])*)${PY_WHITESPACE}*$`);

/** The value, or null where Python's int() would raise ValueError (or uses digits we do not accept). */
export function parsePythonInt(text: string): bigint | null {
  const m = PY_INT.exec(text);
  if (m === null) return null;
  const v = BigInt(m[2].replaceAll('_', ''));
  return m[1] === '-' ? -v : v;
}
