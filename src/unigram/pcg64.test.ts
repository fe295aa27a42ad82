// PCG64 + SeedSequence against numpy: `np.random.default_rng(seed).bit_generator.random_raw(n)` values
// recorded with numpy 2.4.6 (the bit generator and SeedSequence are unchanged since 1.17), including a
// seed wider than 32 bits (two entropy words).
import { describe, expect, it } from 'vitest';
import { Pcg64 } from './pcg64';
import { intToUint32Words } from './seed-sequence';
import { randomInterval32 } from './shuffle';

function raw(seed: bigint, n: number): string[] {
  const r = Pcg64.fromSeed(seed);
  return Array.from({ length: n }, () => String(r.next64BigInt()));
}

describe('PCG64 seeded by SeedSequence', () => {
  it('reproduces numpy random_raw', () => {
    expect(raw(12345n, 3)).toEqual(['4193609425186963869', '5843160025838961886', '14708796524633321433']);
    expect(raw(7n, 2)).toEqual(['11530976094092348043', '16550673365885938325']);
    expect(raw((1n << 40n) + 3n, 2)).toEqual(['14271435802380633900', '18370326226487632705']);
  });

  it('buffers 32-bit draws: low half first, then the high half of the same output', () => {
    const a = Pcg64.fromSeed(12345n);
    const b = Pcg64.fromSeed(12345n);
    const full = b.next64BigInt();
    expect(BigInt(a.next32())).toBe(full & 0xffffffffn);
    expect(BigInt(a.next32())).toBe(full >> 32n);
  });

  it('splits entropy into little-endian 32-bit words, zero as [0]', () => {
    expect(intToUint32Words(0n)).toEqual([0]);
    expect(intToUint32Words((1n << 40n) + 3n)).toEqual([3, 256]);
  });

  it('random_interval rejects masked draws above max', () => {
    const r = Pcg64.fromSeed(1n);
    for (let i = 0; i < 1000; i++) {
      const v = randomInterval32(r, 5);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(5);
    }
    expect(randomInterval32(r, 0)).toBe(0);
  });
});
