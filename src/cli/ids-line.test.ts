import { describe, expect, it } from 'vitest';
import { MAX_IDS_PER_LINE, parseIdsLine } from './ids-line';

describe('parseIdsLine', () => {
  it('reads flat arrays of ids as JSON.parse does', () => {
    for (const line of ['[]', ' [ ] ', '[0]', '[1e-400, 0.0, 7e0]', '[1,2,3]', ' [ 50256 ,\t13 , 0 ]\r', '[2147483647]', '[1.0, 2e0, 1E+1, -0]']) {
      expect(parseIdsLine(line)).toEqual((JSON.parse(line) as number[]).map((x) => x + 0));
    }
  });

  it('reads plain lines (the JSON.parse path) exactly as JSON.parse does, whitespace and limits included', () => {
    let x = 99;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const ws = ['', ' ', '\t', '\n', '\r', ' \r\n '];
    for (let k = 0; k < 300; k++) {
      const ids = Array.from({ length: next() % 20 }, () => [0, 9, 10, 50256, 2147483647][next() % 5] ?? 0);
      const pad = () => ws[next() % ws.length];
      const line = `${pad()}[${pad()}${ids.map((id) => `${id}${pad()}`).join(`,${pad()}`)}]${pad()}`;
      expect(parseIdsLine(line)).toEqual(JSON.parse(line));
    }
  });

  it.each([
    ['[01]', 'not valid JSON (expected an array of token ids): column 2: numbers must not have leading zeros'],
    ['[00]', 'not valid JSON (expected an array of token ids): column 2: numbers must not have leading zeros'],
    ['[1,]', 'not valid JSON (expected an array of token ids): column 4: expected a JSON value, found "]"'],
    ['[1 2]', 'not valid JSON (expected an array of token ids): column 4: expected "," or "]" after an array element, found "2"'],
    ['[1, -0, 2.0, 1e-400]x', 'not valid JSON (expected an array of token ids): column 21: expected end of input after the JSON value, found "x"'],
    ['[1]x', 'not valid JSON (expected an array of token ids): column 4: expected end of input after the JSON value, found "x"'],
    ['[', 'not valid JSON (expected an array of token ids): column 2: expected a JSON value, found end of input'],
    ['[12345678901]', 'ids[0]: expected a non-negative integer token id up to 2147483647, got 12345678901'],
    ['[0000000000001]', 'not valid JSON (expected an array of token ids): column 2: numbers must not have leading zeros'],
  ])('a line the JSON.parse path declines gets the full reading\'s message: %s → %s', (line, message) => {
    expect(() => parseIdsLine(line)).toThrow(new Error(message));
  });

  it.each([
    // Issue 12's fuzz case: JSON.parse makes 1e400 Infinity, which was reported as "got null".
    ['[1e400]', 'ids[0]: 1e400 is not a finite number (expected a non-negative integer token id)'],
    ['[5, -1e999]', 'ids[1]: -1e999 is not a finite number (expected a non-negative integer token id)'],
    ['[1, 2.5]', 'ids[1]: expected a non-negative integer token id up to 2147483647, got 2.5'],
    ['[-1]', 'ids[0]: expected a non-negative integer token id up to 2147483647, got -1'],
    ['[2147483648]', 'ids[0]: expected a non-negative integer token id up to 2147483647, got 2147483648'],
    ['[1, "two"]', 'ids[1]: expected a non-negative integer token id, got "two"'],
    ['[1, "a \\" b"]', 'ids[1]: expected a non-negative integer token id, got "a \\" b"'],
    ['[null]', 'ids[0]: expected a non-negative integer token id, got null'],
    ['[true, 1]', 'ids[0]: expected a non-negative integer token id, got true'],
    ['[1, {"a": 1}]', 'ids[1]: expected a non-negative integer token id, got an object'],
    ['[[1]]', 'ids[0]: expected a non-negative integer token id, got an array'],
    ['{"ids": [1]}', 'expected a JSON array of token ids'],
    ['7', 'expected a JSON array of token ids'],
    ['not json', 'not valid JSON (expected an array of token ids): column 1: expected a JSON value, found "n"'],
    ['[1, 2', 'not valid JSON (expected an array of token ids): column 6: expected "," or "]" after an array element, found end of input'],
    ['[1] [2]', 'not valid JSON (expected an array of token ids): column 5: expected end of input after the JSON value, found "["'],
  ])('%s → %s', (line, message) => {
    expect(() => parseIdsLine(line)).toThrow(new Error(message));
  });

  it('a 100,000-deep nested array is a clear error, not a stack overflow', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseIdsLine(deep)).toThrow(new Error('ids[0]: expected a non-negative integer token id, got an array'));
    expect(() => parseIdsLine('['.repeat(100_000))).toThrow(/^not valid JSON .*column 100001: expected a JSON value, found end of input/);
  });

  it(`takes up to ${MAX_IDS_PER_LINE} ids and refuses more, quickly`, () => {
    const ids = Array.from({ length: MAX_IDS_PER_LINE }, (_, i) => i % 50257);
    expect(parseIdsLine(JSON.stringify(ids))).toEqual(ids);
    const million = JSON.stringify(new Array(1_000_000).fill(7));
    const t0 = performance.now();
    expect(() => parseIdsLine(million)).toThrow(new Error('more than 100000 ids on one line; wmlens score takes at most 100000 per line'));
    // ~0.3 s idle (the whole 2 MB line is syntax-checked first); the old code took over 70 s on it.
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
