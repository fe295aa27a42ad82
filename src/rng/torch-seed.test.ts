import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import {
  cpuSeed32,
  manualSeedArgFromPrf,
  prfKeyToCpuSeed32,
  safeNonNegativePrfKeyToCpuSeed32,
} from './torch-seed';

interface AcceptRow {
  arg: string;
  accepted: boolean;
  initial_seed?: string;
  error?: string;
}

const U64 = 1n << 64n;

describe('torch manual_seed semantics', () => {
  const rows = loadVectors('prng.json').manual_seed_acceptance as AcceptRow[];

  for (const row of rows) {
    it(`prng.json manual_seed_acceptance: ${row.arg}`, () => {
      const arg = BigInt(row.arg);
      if (row.accepted) {
        expect(cpuSeed32(arg)).toBe(Number(BigInt(row.initial_seed!) & 0xffffffffn));
      } else {
        expect(row.error).toContain('Overflow when unpacking long');
        expect(() => cpuSeed32(arg)).toThrow(RangeError);
        expect(() => cpuSeed32(arg)).toThrow('Overflow when unpacking long');
      }
    });
  }

  it('accepts exactly [-2^63, 2^64-1]', () => {
    expect(cpuSeed32(-(1n << 63n))).toBe(0);
    expect(cpuSeed32(U64 - 1n)).toBe(0xffffffff);
    expect(() => cpuSeed32(-(1n << 63n) - 1n)).toThrow(RangeError);
    expect(() => cpuSeed32(U64)).toThrow(RangeError);
  });

  it('Python floor-mod by 2^64 - 1', () => {
    expect(manualSeedArgFromPrf(0n)).toBe(0n);
    expect(manualSeedArgFromPrf(U64 - 1n)).toBe(0n);
    expect(manualSeedArgFromPrf(U64)).toBe(1n);
    expect(manualSeedArgFromPrf(-1n)).toBe(U64 - 2n);
    expect(manualSeedArgFromPrf(-(U64 - 1n))).toBe(0n);
    // spec §3.4 overflow row
    expect(manualSeedArgFromPrf(-7037311603708660576n)).toBe(11409432470000891039n);
    expect(prfKeyToCpuSeed32(-7037311603708660576n)).toBe(3073766559);
  });

  it('a negative key seeds with (low 32 bits - 1), not the two\'s complement low bits (spec §2.1 pitfall)', () => {
    for (const k of [-1n, -5n, -(1n << 32n), -7037311603708660576n, -(1n << 63n)]) {
      expect(prfKeyToCpuSeed32(k)).toBe(Number(BigInt.asUintN(32, k - 1n)));
    }
    expect(prfKeyToCpuSeed32(-(1n << 32n))).toBe(0xffffffff);
  });

  it('spec §2.3 seeds: only the low 32 bits', () => {
    expect(prfKeyToCpuSeed32(4294967338n)).toBe(42);
    expect(prfKeyToCpuSeed32(7185440432n)).toBe(2890473136);
    expect(prfKeyToCpuSeed32(778257530928n)).toBe(868450352);
  });

  it('the Number path equals the BigInt path on non-negative safe integers', () => {
    const samples = [0, 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 52, Number.MAX_SAFE_INTEGER, 15485863 * 50256];
    let x = 0x9e3779b9;
    for (let i = 0; i < 20000; i++) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      const hi = (x >>> 11) & 0x1fffff;
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      samples.push(hi * 2 ** 32 + x);
    }
    for (const v of samples) {
      expect(safeNonNegativePrfKeyToCpuSeed32(v)).toBe(prfKeyToCpuSeed32(BigInt(v)));
    }
  });
});
