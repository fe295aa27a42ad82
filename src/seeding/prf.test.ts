import { describe, expect, it } from 'vitest';
import { manualSeedArgFromPrf, prfKeyToCpuSeed32 } from '../rng/torch-seed';
import { hfHashTable } from './hashint';
import { PRF_NAMES, type PrfName, isPrfName, prfKey } from './prf';

const K = 15485863n;
const X = [450, 2265, 14, 2310];

describe('lm-watermarking PRFs (BigInt ground truth)', () => {
  // spec §3.4: raw value, seed = raw mod (2^64 - 1), CPU 32-bit seed
  const table: Array<[PrfName, bigint, number]> = [
    ['additive_prf', 78033263657n, 723852329],
    ['multiplicative_prf', 510453456001335000n, 3075768024],
    ['minhash_prf', 368802n, 368802],
    ['anchored_minhash_prf', 681265916496648219n, 3596425243],
    ['skipgram_prf', 401485n, 401485],
    ['anchored_skipgram_prf', 150216014235n, 4187126171],
    ['noncomm_prf', 3104597552n, 3104597552],
    ['position_prf', 220859378106n, 1816046010],
    ['minskipgram_prf', 137987637102n, 548683630],
    ['minfunc_prf', 216802082n, 216802082],
    ['simple_skip_prf', 148068470970n, 2039582906],
  ];

  it('the table covers all 11 PRFs', () => {
    expect(new Set(table.map((r) => r[0]))).toEqual(new Set(PRF_NAMES));
  });

  for (const [name, raw, seed32] of table) {
    it(`spec §3.4 ${name}`, () => {
      const key = prfKey(name, X, K);
      expect(key).toBe(raw);
      expect(manualSeedArgFromPrf(key)).toBe(raw);
      expect(prfKeyToCpuSeed32(key)).toBe(seed32);
    });
  }

  it('spec §3.4 anchored_minhash overflow case', () => {
    const key = prfKey('anchored_minhash_prf', [4056, 31046, 7315, 20664], K);
    expect(key).toBe(-7037311603708660576n);
    expect(manualSeedArgFromPrf(key)).toBe(11409432470000891039n);
    expect(prfKeyToCpuSeed32(key)).toBe(3073766559);
  });

  it('spec §3.6: HF selfhash (its own table) vs lm-watermarking selfhash', () => {
    expect(prfKey('anchored_minhash_prf', X, K, hfHashTable(K))).toBe(906569336246254108n);
    expect(prfKey('anchored_minhash_prf', X, K)).toBe(681265916496648219n);
  });

  it('accepts bigint and Number ids alike', () => {
    for (const name of PRF_NAMES) expect(prfKey(name, X.map(BigInt), K)).toBe(prfKey(name, X, K));
  });

  it('wraps the int64 product in multiplicative_prf before the exact salt multiply', () => {
    const big = [2 ** 31 - 1, 2 ** 31 - 1, 2 ** 31 - 1];
    const p = BigInt.asIntN(64, BigInt(2 ** 31 - 1) ** 3n);
    expect(prfKey('multiplicative_prf', big, K)).toBe(K * p);
    // The salt multiply itself is Python: no wrap even far beyond 2^64.
    expect(prfKey('multiplicative_prf', [30000, 40000, 45000, 49999], K)).toBe(41810993863398000000000000n);
  });

  it('tensor PRFs refuse a hash key outside int64, Python-only ones do not', () => {
    const huge = 1n << 63n;
    expect(prfKey('additive_prf', X, huge)).toBe(huge * 5039n);
    expect(() => prfKey('minhash_prf', X, huge)).toThrow('Overflow when unpacking long');
    expect(() => prfKey('noncomm_prf', X, huge)).toThrow('Overflow when unpacking long');
  });

  it('minskipgram_prf needs two tokens; empty contexts are refused', () => {
    expect(() => prfKey('minskipgram_prf', [5], K)).toThrow(RangeError);
    expect(() => prfKey('additive_prf', [], K)).toThrow(RangeError);
  });

  it('isPrfName', () => {
    expect(isPrfName('anchored_minhash_prf')).toBe(true);
    expect(isPrfName('Anchored_minhash_prf')).toBe(false);
    expect(isPrfName('hashint')).toBe(false);
  });
});
