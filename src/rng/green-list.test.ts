import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { BITSETS_PER_SLAB } from './bitset-slabs';
import { GreenListSampler, bitsetHas, greenListSize } from './green-list';
import { randperm } from './randperm';
import { cpuSeed32 } from './torch-seed';

interface SizeRow {
  n: number;
  gamma: number;
  greenlist_size: number;
}

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x;
  };
}

/** Reference membership: the green slice of the full permutation. */
function referenceGreen(n: number, gamma: number, select: boolean, seed32: number): Set<number> {
  const p = randperm(n, seed32);
  const size = greenListSize(n, gamma);
  return new Set(select ? p.subarray(0, size) : p.subarray(n - size));
}

describe('greenListSize', () => {
  it('prng.json greenlist_size_rule', () => {
    const rows = loadVectors('prng.json').greenlist_size_rule.table as SizeRow[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(greenListSize(r.n, r.gamma)).toBe(r.greenlist_size);
  });

  it('spec §2.4 examples', () => {
    expect(greenListSize(50257, 0.25)).toBe(12564);
    expect(greenListSize(50265, 0.25)).toBe(12566);
    expect(greenListSize(32000, 0.25)).toBe(8000);
    expect(greenListSize(128256, 0.25)).toBe(32064);
    expect(greenListSize(50257, 0.5)).toBe(25128);
  });

  it('truncates the float64 product, it does not round', () => {
    expect(greenListSize(10, 0.29)).toBe(2); // 10 * 0.29 = 2.9000000000000004
    expect(greenListSize(100, 0.07)).toBe(7); // 7.000000000000001
    expect(greenListSize(100, 0.57)).toBe(56); // 56.99999999999999
  });
});

describe('GreenListSampler against the spec §2.4 green-list table', () => {
  const rows: Array<[number, bigint, number, number[], boolean[]]> = [
    [50257, 0n, 0, [32487, 28000, 28825, 16393, 15419, 19980, 16112, 14510], [true, false, false, true, true]],
    [50257, 15485863n, 15485863, [11143, 24953, 16461, 1065, 22072, 14429, 17607, 3162], [false, false, false, false, false]],
    [50257, 7185440432n, 2890473136, [41876, 29678, 27809, 32747, 48942, 20113, 36556, 8375], [false, false, true, false, true]],
    [50257, 778257530928n, 868450352, [25890, 9324, 11365, 46608, 3554, 24870, 16102, 10775], [true, false, true, false, false]],
    [32000, 15485863n, 15485863, [958, 17083, 30553, 27350, 1329, 24091, 15003, 13468], [false, true, true, false, false]],
    [32000, 7185440432n, 2890473136, [29827, 26019, 8229, 24235, 30309, 19333, 8735, 5443], [true, false, false, true, false]],
  ];
  const targets = [0, 1, 13, 262, 1000];

  for (const [v, seed, low32, head, green] of rows) {
    it(`V=${v} seed=${seed}`, () => {
      const seed32 = cpuSeed32(seed);
      expect(seed32).toBe(low32);
      const s = new GreenListSampler(v, 0.25, true);
      expect(Array.from(s.greenListIds(seed32).subarray(0, 8))).toEqual(head);
      expect(targets.map((t) => s.isGreen(seed32, t))).toEqual(green);
      const bits = s.greenBitset(seed32);
      expect(targets.map((t) => bitsetHas(bits, t))).toEqual(green);
    });
  }
});

describe('GreenListSampler properties', () => {
  for (const select of [true, false]) {
    it(`isGreen == membership in the ${select ? 'first' : 'last'} size entries of randperm (small vocabularies, every target)`, () => {
      const next = lcg(select ? 1 : 2);
      const gammas = [0.25, 0.5, 0.1, 0.75, 0.9, 1 / 3];
      for (let trial = 0; trial < 300; trial++) {
        const n = 1 + (next() % 700);
        const gamma = gammas[trial % gammas.length];
        const seed32 = next();
        const ref = referenceGreen(n, gamma, select, seed32);
        const s = new GreenListSampler(n, gamma, select);
        const bits = s.greenBitset(seed32);
        for (let t = 0; t < n; t++) {
          const want = ref.has(t);
          if (s.isGreen(seed32, t) !== want) throw new Error(`isGreen n=${n} gamma=${gamma} seed=${seed32} t=${t}`);
          if (bitsetHas(bits, t) !== want) throw new Error(`bitset n=${n} gamma=${gamma} seed=${seed32} t=${t}`);
        }
        expect(Array.from(s.greenListIds(seed32)).sort((a, b) => a - b)).toEqual([...ref].sort((a, b) => a - b));
      }
    });

    it(`isGreen and greenBitset match randperm on real vocabulary sizes (${select ? 'select' : 'legacy'})`, () => {
      const next = lcg(select ? 3 : 4);
      for (const n of [32000, 50257, 50272, 128256]) {
        const s = new GreenListSampler(n, 0.25, select);
        for (let k = 0; k < 3; k++) {
          const seed32 = next();
          const p = randperm(n, seed32);
          const size = s.size;
          const ref = new Uint8Array(n);
          for (const id of select ? p.subarray(0, size) : p.subarray(n - size)) ref[id] = 1;
          const bits = s.greenBitset(seed32);
          for (let t = 0; t < n; t++) if (bitsetHas(bits, t) !== (ref[t] === 1)) throw new Error(`bitset n=${n} t=${t}`);
          for (let q = 0; q < 60; q++) {
            const t = next() % n;
            expect(s.isGreen(seed32, t)).toBe(ref[t] === 1);
          }
          const ids = s.greenListIds(seed32);
          expect(Array.from(ids)).toEqual(Array.from(select ? p.subarray(0, size) : p.subarray(n - size)));
        }
      }
    });
  }

  it('reuses its scratch state correctly across many calls with interleaved seeds', () => {
    const n = 5000;
    const s = new GreenListSampler(n, 0.25, true);
    const next = lcg(5);
    for (let k = 0; k < 40; k++) {
      const seed32 = next();
      const ref = referenceGreen(n, 0.25, true, seed32);
      const bits = s.greenBitset(seed32);
      for (let t = 0; t < n; t += 7) expect(bitsetHas(bits, t)).toBe(ref.has(t));
      expect(s.greenListIds(seed32).length).toBe(1250);
    }
  });

  it('ids outside [0, vocabSize) are never green', () => {
    for (const select of [true, false]) {
      const s = new GreenListSampler(100, 1, select);
      const bits = s.greenBitset(7);
      for (const t of [-1, 100, 101, 2 ** 31, 2 ** 32 + 3, -0.5, 1.5, 98.5, Number.NaN, Infinity]) {
        expect(s.isGreen(7, t)).toBe(false);
        expect(bitsetHas(bits, t)).toBe(false);
      }
      expect(s.isGreen(7, 99)).toBe(true);
    }
    const legacy = new GreenListSampler(100, 0.25, false);
    for (const t of [1.5, -0.5, Number.NaN]) expect(legacy.isGreen(7, t)).toBe(false);
    const s = new GreenListSampler(50257, 0.25);
    expect(s.isGreen(0, 50257)).toBe(false);
    expect(s.isGreen(0, 60000)).toBe(false);
    expect(s.greenBitset(0).length).toBe(Math.ceil(50257 / 32));
  });

  it('degenerate green-list sizes', () => {
    for (const select of [true, false]) {
      const none = new GreenListSampler(10, 0, select);
      const all = new GreenListSampler(10, 1, select);
      expect(none.size).toBe(0);
      expect(all.size).toBe(10);
      for (let t = 0; t < 10; t++) {
        expect(none.isGreen(3, t)).toBe(false);
        expect(all.isGreen(3, t)).toBe(true);
      }
      expect(Array.from(none.greenBitset(3))).toEqual([0]);
      expect(Array.from(all.greenBitset(3))).toEqual([0x3ff]);
      expect(none.greenListIds(3).length).toBe(0);
      expect(Array.from(all.greenListIds(3))).toEqual(Array.from(randperm(10, 3)));
    }
    const one = new GreenListSampler(1, 0.5);
    expect(one.size).toBe(0);
    expect(one.isGreen(0, 0)).toBe(false);
  });

  it('rejects invalid construction', () => {
    expect(() => new GreenListSampler(0, 0.25)).toThrow(RangeError);
    expect(() => new GreenListSampler(214_748_364, 0.25)).toThrow(/large-n/);
    expect(() => new GreenListSampler(100, 1.5)).toThrow(RangeError);
    expect(() => new GreenListSampler(100, Number.NaN)).toThrow(RangeError);
  });
});

describe('GreenListSampler bitsets cut from slabs', () => {
  it('gives every list contents of its own, equal to a list built alone, in both modes', () => {
    for (const select of [true, false]) {
      const shared = new GreenListSampler(1000, 0.25, select);
      const lists = Array.from({ length: 2 * BITSETS_PER_SLAB + 1 }, (_, i) => shared.greenBitset(cpuSeed32(BigInt(i + 1))));
      // Lists of one slab share its buffer; changing one leaves the others alone.
      expect(lists[0].buffer).toBe(lists[BITSETS_PER_SLAB - 1].buffer);
      expect(lists[0].buffer).not.toBe(lists[BITSETS_PER_SLAB].buffer);
      const before = lists.map((l) => [...l]);
      lists[1].fill(0);
      lists.forEach((l, i) => {
        if (i !== 1) expect([...l]).toEqual(before[i]);
        const alone = new GreenListSampler(1000, 0.25, select).greenBitset(cpuSeed32(BigInt(i + 1)));
        if (i !== 1) expect([...l]).toEqual([...alone]);
        expect(l.length).toBe(alone.length);
      });
    }
  });
});
