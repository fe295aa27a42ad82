import { describe, expect, it } from 'vitest';
import { hashText } from './hash';

describe('hashText', () => {
  it('is deterministic', () => {
    expect(hashText('hello world')).toBe(hashText('hello world'));
  });
  it('separates near-identical texts', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(hashText(`post number ${i} says hello`));
    expect(seen.size).toBe(5000);
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(hashText('ab')).not.toBe(hashText('ba'));
  });
  it('mixes the length in', () => {
    expect(hashText('')).toMatch(/\.0$/);
    expect(hashText('x'.repeat(40))).toMatch(/\.14$/);
  });
  it('handles astral characters and long input', () => {
    expect(hashText('😀')).not.toBe(hashText('😁'));
    expect(hashText('a'.repeat(2_000_000))).toMatch(/\./);
  });
});
