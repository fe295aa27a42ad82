import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './json-syntax';

describe('findJsonSyntaxError', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, 0, true, false, null, "x\\n\\u00e9\\"", {}, []]} ',
    '"just a string"',
    '0',
    '{"a":{"b":{"c":[[[]]]}}}',
  ])('finds nothing wrong in %j (as JSON.parse)', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'expected a double-quoted member name, found "}"'],
    ['[1, 2,]', 1, 7, 'expected a JSON value, found "]"'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}" after an object member, found "\\""'],
    ['{"a" 1}', 1, 6, 'expected ":" after the member name, found "1"'],
    ["{'a': 1}", 1, 2, `expected a double-quoted member name, found "'"`],
    ['[01]', 1, 2, 'numbers must not have leading zeros'],
    ['[1.]', 1, 4, 'expected a digit after the decimal point, found "]"'],
    ['["a\tb"]', 1, 4, 'control character U+0009 must be escaped inside a string'],
    ['["\\x"]', 1, 3, 'invalid escape "\\\\x"'],
    ['["\\u12"]', 1, 3, 'invalid \\u escape: needs 4 hex digits'],
    ['{"a": "b', 1, 9, 'unterminated string'],
    ['{"a": tru}', 1, 7, 'expected a JSON value, found "t"'],
    ['{} {}', 1, 4, 'expected end of input after the JSON value, found "{"'],
    ['', 1, 1, 'expected a JSON value, found end of input'],
    ['[1, 2', 1, 6, 'expected "," or "]" after an array element, found end of input'],
    ['{"😀😀": x}', 1, 8, 'expected a JSON value, found "x"'], // column counts characters, not UTF-16 units
  ])('locates the error in %j', (text, line, column, reason) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonSyntaxError(text)).toMatchObject({ line, column, reason });
  });

  it('copes with nesting far deeper than the call stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(findJsonSyntaxError(deep)).toBeUndefined();
    expect(findJsonSyntaxError(`${deep}]`)).toMatchObject({ offset: 400_000 });
  });
});
