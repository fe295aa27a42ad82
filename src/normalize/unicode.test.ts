import { describe, expect, it } from 'vitest';
import { randomNormalizerInput, referenceUnicode, sourceMapProblems } from './test-map';
import { normalizeUnicode } from './unicode';

function check(text: string) {
  const result = normalizeUnicode(text);
  expect(result.text, JSON.stringify(text)).toBe(referenceUnicode(text));
  expect(sourceMapProblems(text, result, referenceUnicode), JSON.stringify(text)).toEqual([]);
  return result;
}

describe('normalizeUnicode', () => {
  it('reproduces the spec example', () => {
    const original = 'Hello\u00a0world.\nNext  line\tTab\u200bZW e\u0301';
    const result = check(original);
    expect(result.text).toBe('Hello world.Next lineTab ZW é');
    const at = (s: string) => result.sourceIndex[result.text.indexOf(s)];
    expect(at('Next')).toBe(original.indexOf('Next'));
    expect(at('line')).toBe(original.indexOf('line'));
    expect(at('Tab')).toBe(original.indexOf('Tab'));
    expect(at('é')).toBe(original.indexOf('e\u0301'));
    expect(result.sourceIndex[result.text.length]).toBe(original.length);
    // The space kept from "  " owns the collapsed one; "\n" belongs to "." before it.
    expect(result.sourceIndex[result.text.indexOf(' line') + 1]).toBe(original.indexOf('line'));
  });

  it('collapses spaces before deleting controls, as the reference does', () => {
    expect(check('a \n b').text).toBe('a  b');
    expect(check('a \u00a0\u2003 b').text).toBe('a b');
    expect(check('end.\r\nNext').text).toBe('end.Next');
    expect(check('\u0000\u0001\u007f\u0085\u009f').text).toBe('');
    expect(check('\n\nlead').sourceIndex[0]).toBe(2);
  });

  it('turns every listed invisible or space-like character into a space, and nothing else', () => {
    const listed = [0x00a0, 0x1680, 0x180e, 0x2000, 0x2005, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202e,
      0x202f, 0x205f, 0x2060, 0x2063, 0x3000, 0x3164, 0xfe00, 0xfe0f, 0xfeff, 0xffa0, 0xfff9, 0xfffb];
    for (const cp of listed) expect(check(`a${String.fromCharCode(cp)}b`).text, cp.toString(16)).toBe('a b');
    for (const cp of [0x2028, 0x2029, 0x2061, 0x2062, 0x2064, 0x180f, 0xfff8, 0xfffc]) {
      expect(check(`a${String.fromCharCode(cp)}b`).text, cp.toString(16)).toBe(`a${String.fromCharCode(cp)}b`);
    }
    expect(check('❤\ufe0f!').text).toBe('❤ !');
  });

  it('returns untouched text as is, with the identity map', () => {
    const text = 'Nothing to do here — café 東京 🙂';
    const result = check(text);
    expect(result.text).toBe(text);
    expect([...result.sourceIndex]).toEqual(Array.from({ length: text.length + 1 }, (_, i) => i));
    expect([...check('').sourceIndex]).toEqual([0]);
  });

  it('matches the reference and keeps a valid map on random text', () => {
    for (const text of randomNormalizerInput(500, 30, 5)) check(text);
  });
});
