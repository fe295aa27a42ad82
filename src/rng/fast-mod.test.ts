import { describe, expect, it } from 'vitest';
import { modByReciprocal, stepReciprocals } from './fast-mod';

const TWO32 = 2 ** 32;

// Deterministic uint32 stream (xorshift32) so failures reproduce.
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function check(r: number, m: number): void {
  const got = modByReciprocal(r, m, 1 / m);
  if (got !== r % m) throw new Error(`modByReciprocal(${r}, ${m}) = ${got}, expected ${r % m}`);
}

// The hard cases for a reciprocal are draws right at or beside a multiple of m, largest r first.
function edgeValues(m: number): number[] {
  const top = Math.floor((TWO32 - 1) / m) * m;
  const out = [0, 1, m - 1, m, m + 1, 2 * m - 1, 2 * m, top, top - 1, top + (m - 1), top - m, top - m + 1];
  out.push(TWO32 - 1, TWO32 - 2, 2 ** 31, 2 ** 31 - 1, 2 ** 31 + 1);
  return out.filter((r) => r >= 0 && r < TWO32);
}

describe('fast modulo by reciprocal', () => {
  it('every modulus 1..300000 at its edge values', () => {
    for (let m = 1; m <= 300_000; m++) for (const r of edgeValues(m)) check(r, m);
  });

  it('edge values of large and special moduli', () => {
    const ms = [1_000_003, 214_748_363, 2 ** 24 - 1, 2 ** 24, 2 ** 24 + 1, 2 ** 28 - 1, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, TWO32 - 1];
    for (let e = 1; e < 32; e++) ms.push(2 ** e - 1, 2 ** e, 2 ** e + 1);
    for (const m of ms) for (const r of edgeValues(m)) check(r, m);
  });

  it('every multiple of m (and its neighbours) for vocabulary-sized moduli', () => {
    for (const m of [32000, 50257, 128256, 200019]) {
      for (let q = 0; q * m < TWO32; q++) {
        const base = q * m;
        check(base, m);
        if (base > 0) check(base - 1, m);
        if (base + 1 < TWO32) check(base + 1, m);
      }
    }
  });

  it('2,000,000 random (r, m) pairs', () => {
    const next = xorshift(12345);
    for (let i = 0; i < 2_000_000; i++) {
      const r = next();
      const m = i & 1 ? (next() % 300_000) + 1 : next() || 1;
      check(r, m);
    }
  });

  it('stepReciprocals(n)[i] is 1 / (n - i)', () => {
    for (const n of [1, 2, 3, 50257, 1000, 2 ** 16, 2 ** 16 + 1, 32000]) {
      const t = stepReciprocals(n);
      expect(t.length).toBe(n);
      for (let i = 0; i < n; i++) if (t[i] !== 1 / (n - i)) throw new Error(`n ${n}: t[${i}] = ${t[i]}`);
    }
    expect(() => stepReciprocals(0)).toThrow(RangeError);
  });

  it('every vocabulary size shares one table, so many sizes cost no more memory than the largest', () => {
    // Issue 12: one 8n-byte table per distinct n (and n up to 214,748,363) exhausted a Worker.
    const big = stepReciprocals(100_000);
    const buffers = new Set<ArrayBufferLike>();
    for (let n = 99_000; n <= 100_000; n++) buffers.add(stepReciprocals(n).buffer);
    expect(buffers.size).toBe(1);
    expect([...buffers][0]).toBe(big.buffer);
    expect(big.buffer.byteLength).toBe(8 * 2 ** 17); // the next power of two
  });

  it('the step-indexed table gives exact remainders along a whole Fisher–Yates pass', () => {
    const n = 100_277;
    const inv = stepReciprocals(n);
    const next = xorshift(99);
    for (let i = 0; i < n - 1; i++) {
      const r = next();
      const got = modByReciprocal(r, n - i, inv[i]);
      if (got !== r % (n - i)) throw new Error(`step ${i}: ${got} != ${r % (n - i)}`);
    }
  });
});
