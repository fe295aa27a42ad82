import { describe, expect, it } from 'vitest';
import { binaryExponent, decompose, pow2, roundToDouble } from './double-bits';
import { ddAdd, twoProd } from './double-double';

describe('double-bits', () => {
  it('decomposes doubles exactly', () => {
    for (const x of [1, -1.5, 0.1, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308]) {
      const { mantissa, exponent } = decompose(x);
      expect(roundToDouble(mantissa, exponent)).toBe(x);
    }
    expect(decompose(0).mantissa).toBe(0n);
    expect(() => decompose(Infinity)).toThrow(RangeError);
  });

  it('rounds to nearest-even, toward zero, into subnormals and to infinity', () => {
    const big = 1n << 53n;
    expect(roundToDouble(big + 1n, 0)).toBe(2 ** 53); // tie, even
    expect(roundToDouble(big + 3n, 0)).toBe(2 ** 53 + 4); // tie, even upwards
    expect(roundToDouble(-(big + 3n), 0, 'toward-zero')).toBe(-(2 ** 53 + 2));
    expect(roundToDouble(3n, -1076)).toBe(5e-324); // 0.75 of the smallest subnormal
    expect(roundToDouble(1n, -1075)).toBe(0); // exactly half: ties to even (0)
    expect(roundToDouble(1n, 1024)).toBe(Infinity);
    expect(roundToDouble(1n, 1024, 'toward-zero')).toBe(Number.MAX_VALUE);
  });

  it('gives exact powers of two and exponents', () => {
    expect(pow2(-1074)).toBe(5e-324);
    expect(pow2(-1022)).toBe(2.2250738585072014e-308);
    expect(pow2(1023)).toBe(8.98846567431158e307);
    expect(pow2(1024)).toBe(Infinity);
    expect(binaryExponent(1)).toBe(0);
    expect(binaryExponent(0.75)).toBe(-1);
    expect(binaryExponent(2 - 2 ** -52)).toBe(0);
  });
});

describe('double-double', () => {
  it('keeps the rounding error of products and sums', () => {
    const [p, e] = twoProd(0.1, 10);
    expect(p).toBe(1);
    expect(e).toBe(2 ** -54); // 0.1·10 = 1 + 2^-54 exactly
    const [s, t] = ddAdd([1, 0], [2 ** -60, 0]);
    expect(s).toBe(1);
    expect(t).toBe(2 ** -60);
  });
});
