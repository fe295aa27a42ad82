import { describe, expect, it } from 'vitest';
import { binaryExponent, bitsOf, decompose, fromBits, pow2, roundToDouble } from './double-bits';
import { ddAdd, twoProd } from './double-double';
import { mulberry32 } from './seeded-random';

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

  it('has every power of two and exponent the bit patterns give', () => {
    for (let n = -1080; n <= 1030; n++) {
      const expected = n > 1023 ? Infinity : n < -1074 ? 0 : fromBits(n >= -1022 ? BigInt(n + 1023) << 52n : 1n << BigInt(n + 1074));
      expect(pow2(n)).toBe(expected);
    }
    const rand = mulberry32(3);
    for (let i = 0; i < 2000; i++) {
      const x = (rand() - 0.5) * 2 ** Math.floor(rand() * 2000 - 1000);
      if (x === 0) continue;
      expect(binaryExponent(x)).toBe(Number((bitsOf(x) >> 52n) & 0x7ffn) - 1023);
    }
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
