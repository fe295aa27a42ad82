import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8Offset } from './utf8';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('firstInvalidUtf8Offset', () => {
  it('accepts well-formed text of every sequence length', () => {
    expect(firstInvalidUtf8Offset(new TextEncoder().encode('a é € 😀 \u{10FFFF}'))).toBe(-1);
  });

  it.each([
    ['stray continuation byte', bytes(0x41, 0x80), 1],
    ['overlong 2-byte form', bytes(0x41, 0x42, 0xc0, 0xaf), 2],
    ['overlong 3-byte form', bytes(0xe0, 0x80, 0xaf), 0],
    ['UTF-16 surrogate', bytes(0x20, 0xed, 0xa0, 0x80), 1],
    ['above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 0],
    ['truncated at end', bytes(0x41, 0xe2, 0x82), 1],
    ['0xFF', bytes(0x41, 0x41, 0x41, 0xff), 3],
  ])('finds %s', (_, input, offset) => {
    expect(firstInvalidUtf8Offset(input)).toBe(offset);
    // Same verdict as the decoder the parser relies on.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(input)).toThrow();
  });
});
