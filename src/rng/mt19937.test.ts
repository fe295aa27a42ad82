import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { MT19937, MT_N, mtSeedState, mtTemper, mtTwist } from './mt19937';
import { cpuSeed32 } from './torch-seed';

interface MtRow {
  seed: string;
  mt19937_seed: number;
  first16_uint32: number[];
}

const rows = loadVectors('prng.json').mt19937_raw as MtRow[];

function draws(seed32: number, count: number): number[] {
  const mt = new MT19937(seed32);
  return Array.from({ length: count }, () => mt.nextU32());
}

describe('MT19937 (torch CPU generator)', () => {
  it('has vectors to check', () => {
    expect(rows.length).toBeGreaterThanOrEqual(7);
  });

  for (const row of rows) {
    it(`prng.json mt19937_raw, manual_seed(${row.seed})`, () => {
      const seed32 = cpuSeed32(BigInt(row.seed));
      expect(seed32).toBe(row.mt19937_seed);
      expect(draws(seed32, 16)).toEqual(row.first16_uint32);
    });
  }

  it('spec §2.2 table', () => {
    expect(draws(5489, 5)).toEqual([3499211612, 581869302, 3890346734, 3586334585, 545404204]);
    expect(draws(0, 3)).toEqual([2357136044, 2546248239, 3071714933]);
    expect(draws(1, 3)).toEqual([1791095845, 4282876139, 3093770124]);
  });

  it("the 10000th output for seed 5489 is the C++ standard's check value", () => {
    const mt = new MT19937(5489);
    let last = 0;
    for (let i = 0; i < 10000; i++) last = mt.nextU32();
    expect(last).toBe(4123659995);
  });

  it('default seed is 5489, reseed restarts the stream, only the low 32 bits of the seed count', () => {
    const mt = new MT19937();
    const a = [mt.nextU32(), mt.nextU32()];
    for (let i = 0; i < 1000; i++) mt.nextU32();
    mt.reseed(5489);
    expect([mt.nextU32(), mt.nextU32()]).toEqual(a);
    expect(draws(5489 + 2 ** 32, 2)).toEqual(a);
  });

  it('outputs are uint32 Numbers across several twists', () => {
    const mt = new MT19937(4294967294);
    for (let i = 0; i < 3 * MT_N + 5; i++) {
      const v = mt.nextU32();
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });

  it('the exported state helpers produce the same stream as the class', () => {
    const s = new Uint32Array(MT_N);
    mtSeedState(s, 15485863);
    const out: number[] = [];
    for (let block = 0; block < 3; block++) {
      mtTwist(s);
      for (let k = 0; k < MT_N; k++) out.push(mtTemper(s[k]));
    }
    expect(out).toEqual(draws(15485863, 3 * MT_N));
  });
});
