import { describe, expect, it } from 'vitest';
import { accumulateStep, floorModInt64, int64FromBigInt, int64ToBigInt, mulHighU32, out, parseInt64 } from './int64';

const M = 6364136223846793005n;
// A fixed, spread-out sample of int64 values, edges included.
function samples(): bigint[] {
  const values = [0n, 1n, -1n, (1n << 63n) - 1n, -(1n << 63n), 0xffffffffn, 1n << 32n, -(1n << 32n), 12345n];
  let x = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < 200; i++) {
    x = BigInt.asUintN(64, x * 6364136223846793005n + 1442695040888963407n);
    values.push(BigInt.asIntN(64, x));
  }
  return values;
}

describe('int64 halves', () => {
  it('round-trips through (hi, lo)', () => {
    for (const v of samples()) {
      const { hi, lo } = int64FromBigInt(v);
      expect(int64ToBigInt(hi, lo)).toBe(v);
    }
  });

  it('mulHighU32 is the high word of the 64-bit product', () => {
    const words = samples().map((v) => Number(BigInt.asUintN(32, v)));
    for (let i = 0; i + 1 < words.length; i++) {
      const expected = Number((BigInt(words[i]) * BigInt(words[i + 1])) >> 32n);
      expect(mulHighU32(words[i], words[i + 1])).toBe(expected);
    }
  });

  it('accumulateStep is (h + d)·M + 1 modulo 2^64, signed', () => {
    const values = samples();
    for (let i = 0; i + 1 < values.length; i++) {
      const h = int64FromBigInt(values[i]);
      const d = int64FromBigInt(values[i + 1]);
      accumulateStep(h.hi, h.lo, d.hi, d.lo);
      expect(int64ToBigInt(out.hi, out.lo)).toBe(BigInt.asIntN(64, (values[i] + values[i + 1]) * M + 1n));
    }
  });

  it('floorModInt64 is Python floor modulo for powers of two and other sizes', () => {
    for (const v of samples()) {
      const { hi, lo } = int64FromBigInt(v);
      for (const m of [1, 2, 1000, 1024, 65536, 65537, 1_000_003, 1 << 24]) {
        const expected = Number(((v % BigInt(m)) + BigInt(m)) % BigInt(m));
        expect(floorModInt64(hi, lo, m)).toBe(expected);
      }
    }
  });

  it('parseInt64 takes decimal strings over the whole int64 range and refuses the rest', () => {
    expect(parseInt64('-9223372036854775808')).toBe(-(1n << 63n));
    expect(parseInt64('9223372036854775807')).toBe((1n << 63n) - 1n);
    expect(parseInt64(654)).toBe(654n);
    expect(() => parseInt64('9223372036854775808')).toThrow(/int64 range/);
    expect(() => parseInt64('1e3')).toThrow(/decimal/);
    expect(() => parseInt64(2 ** 60)).toThrow(/exact integer/);
  });
});
