import { describe, expect, it } from 'vitest';
import { fma, fmaTowardZero } from './exact-fma';

describe('fma', () => {
  it('rounds a·b + c once', () => {
    // 0.1·10 is 1 + 2^-54 exactly; a separate multiply would round that away.
    expect(0.1 * 10 - 1).toBe(0);
    expect(fma(0.1, 10, -1)).toBe(2 ** -54);
    const a = 1 + 2 ** -30;
    expect(fma(a, a, -1)).toBe(2 ** -29 + 2 ** -60);
  });

  it('rounds to nearest-even or toward zero as asked', () => {
    // 1 + 2^-53 is a tie between 1 and 1 + 2^-52: nearest-even gives 1.
    expect(fma(2 ** -53, 1, 1)).toBe(1);
    expect(fma(3 * 2 ** -53, 1, 1)).toBe(1 + 2 ** -51);
    expect(fmaTowardZero(3 * 2 ** -53, 1, 1)).toBe(1 + 2 ** -52);
    expect(fmaTowardZero(-3 * 2 ** -53, 1, -1)).toBe(-(1 + 2 ** -52));
  });

  it('keeps IEEE zeros, subnormals and non-finite values', () => {
    expect(Object.is(fma(1, 1, -1), 0)).toBe(true);
    expect(Object.is(fma(-0, 1, -0), -0)).toBe(true);
    expect(fma(2 ** -600, 2 ** -500, 0)).toBe(0);
    expect(fma(2 ** -537, 2 ** -537, 0)).toBe(5e-324);
    expect(fma(Infinity, 1, 1)).toBe(Infinity);
    expect(fma(1e308, 10, -1e308)).toBe(Infinity);
  });
});
