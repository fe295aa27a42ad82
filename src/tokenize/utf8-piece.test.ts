import { describe, expect, it } from 'vitest';
import { randomStrings, TRICKY_STRINGS } from './test-strings';
import { Utf8Piece } from './utf8-piece';

describe('Utf8Piece', () => {
  const encoder = new TextEncoder();

  it('produces TextEncoder’s bytes, lone surrogates included', () => {
    const piece = new Utf8Piece();
    for (const text of [...TRICKY_STRINGS, ...randomStrings(200, 30, 3)]) {
      const n = piece.encode(text, 0, text.length);
      expect([...piece.bytes.subarray(0, n)], JSON.stringify(text)).toEqual([...encoder.encode(text)]);
    }
  });

  it('maps every byte to the UTF-16 range of its character', () => {
    const piece = new Utf8Piece();
    const text = 'aé東😀\ud800z';
    const n = piece.encode(text, 0, text.length);
    const ranges = Array.from({ length: n }, (_, b) => `${piece.charStart[b]}-${piece.charEnd[b]}`);
    expect(ranges).toEqual(['0-1', '1-2', '1-2', '2-3', '2-3', '2-3', '3-5', '3-5', '3-5', '3-5', '5-6', '5-6', '5-6', '6-7']);
  });

  it('encodes a slice on its own: a pair cut by the slice edge is two lone surrogates', () => {
    const piece = new Utf8Piece();
    const text = 'x😀y';
    const n = piece.encode(text, 1, 2);
    expect([...piece.bytes.subarray(0, n)]).toEqual([0xef, 0xbf, 0xbd]);
    expect([piece.charStart[0], piece.charEnd[0]]).toEqual([1, 2]);
  });

  it('grows its buffers for long slices', () => {
    const piece = new Utf8Piece();
    const text = '東'.repeat(1000);
    expect(piece.encode(text, 0, text.length)).toBe(3000);
    expect(piece.charStart[2999]).toBe(999);
  });
});
