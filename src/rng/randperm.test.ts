import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { RANDPERM_MAX_N, randperm } from './randperm';
import { sha256LeInt64 } from './sha256-le-int64.test-util';
import { cpuSeed32 } from './torch-seed';

interface RandpermRow {
  n: number;
  seed: string;
  mt19937_seed: number;
  first32: number[];
  prefix_len: number;
  sha256_prefix: string;
  sha256_full: string;
}

describe('randperm (torch CPU, small-n branch)', () => {
  const rows = loadVectors('prng.json').randperm as RandpermRow[];

  it('covers all 78 vector rows', () => {
    expect(rows.length).toBe(78);
  });

  for (const row of rows) {
    it(`prng.json randperm n=${row.n} seed=${row.seed}`, () => {
      const seed32 = cpuSeed32(BigInt(row.seed));
      expect(seed32).toBe(row.mt19937_seed);
      const p = randperm(row.n, seed32);
      expect(Array.from(p.subarray(0, 32))).toEqual(row.first32);
      expect(row.prefix_len).toBe(Math.floor(0.25 * row.n));
      expect(sha256LeInt64(p.subarray(0, row.prefix_len))).toBe(row.sha256_prefix);
      expect(sha256LeInt64(p)).toBe(row.sha256_full);
    });
  }

  it('spec §2.3 table', () => {
    const cases: Array<[number, bigint, number[]]> = [
      [10, 0n, [4, 1, 7, 5, 3, 9, 0, 8, 6, 2]],
      [10, 42n, [2, 6, 1, 8, 4, 5, 0, 9, 3, 7]],
      [10, 15485863n, [8, 5, 7, 0, 2, 6, 9, 1, 4, 3]],
      [20, 4294967338n, [2, 14, 18, 15, 1, 10, 0, 4, 6, 11, 8, 3, 7, 17, 13, 12, 19, 5, 16, 9]],
      [20, 154858630n, [15, 9, 4, 12, 1, 16, 10, 6, 11, 13, 2, 19, 7, 5, 3, 14, 18, 0, 8, 17]],
    ];
    for (const [n, seed, perm] of cases) expect(Array.from(randperm(n, cpuSeed32(seed)))).toEqual(perm);

    const headTail: Array<[number, bigint, number[], number[]]> = [
      [32000, 1548586300n, [9569, 28957, 19896, 11336, 30294, 24285, 588, 15900, 22538, 25057, 1702, 512], [12605, 18856, 23139, 12359]],
      [50257, 7185440432n, [41876, 29678, 27809, 32747, 48942, 20113, 36556, 8375, 31552, 42907, 43535, 32435], [25762, 8937, 31869, 14107]],
      [128256, 201316219n, [30792, 96593, 58994, 25182, 106915, 7518, 72360, 320, 88864, 34959, 114516, 54715], [60922, 46878, 66147, 93753]],
    ];
    for (const [n, seed, head, tail] of headTail) {
      const p = randperm(n, cpuSeed32(seed));
      expect(Array.from(p.subarray(0, head.length))).toEqual(head);
      expect(Array.from(p.subarray(n - tail.length))).toEqual(tail);
    }
  });

  it('small and degenerate sizes', () => {
    expect(Array.from(randperm(0, 1))).toEqual([]);
    expect(Array.from(randperm(1, 1))).toEqual([0]);
    const p = randperm(1000, 7);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('refuses the large-n branch and bad sizes', () => {
    expect(RANDPERM_MAX_N).toBe(Math.floor((2 ** 32 - 1) / 20));
    expect(() => randperm(RANDPERM_MAX_N, 0)).toThrow(/large-n algorithm/);
    expect(() => randperm(-1, 0)).toThrow(RangeError);
    expect(() => randperm(1.5, 0)).toThrow(RangeError);
  });
});
