import { describe, expect, it } from 'vitest';
import { sha256LeInt64 } from '../rng/sha256-le-int64.test-util';
import { loadVectors } from '../test-support/vectors';
import { HASH_TABLE_SIZE, LMW_HASH_TABLE_SEED, hashTable, hashint, hashintBig, hfHashTable, lmwHashTable } from './hashint';

interface TableRow {
  seed: number;
  size: number;
  first32: number[];
  sha256_full: string;
}

const tablesJson = loadVectors('prng.json').hashint_tables as Record<string, TableRow>;
const lmwRow = tablesJson['lm-watermarking alternative_prf_schemes.fixed_table'];
const hfRow = tablesJson['hf WatermarkLogitsProcessor.fixed_table (seeded with hashing_key)'];

describe('hashint tables', () => {
  it('prng.json: lm-watermarking table', () => {
    expect(lmwRow.seed).toBe(LMW_HASH_TABLE_SEED);
    expect(lmwRow.size).toBe(HASH_TABLE_SIZE);
    const t = lmwHashTable().all();
    expect(Array.from(t.subarray(0, 32))).toEqual(lmwRow.first32);
    expect(sha256LeInt64(t)).toBe(lmwRow.sha256_full);
  });

  it('prng.json: HF table seeded with the hashing key', () => {
    expect(hfRow.seed).toBe(15485863);
    const t = hfHashTable(BigInt(hfRow.seed)).all();
    expect(Array.from(t.subarray(0, 32))).toEqual(hfRow.first32);
    expect(sha256LeInt64(t)).toBe(hfRow.sha256_full);
  });

  it('spec §3.3 values of the lm-watermarking table', () => {
    const t = lmwHashTable().all();
    expect(Array.from(t.subarray(0, 10))).toEqual([250534, 296009, 268311, 356494, 845733, 336025, 288590, 910463, 431241, 941749]);
    expect(Array.from(t.subarray(HASH_TABLE_SIZE - 5))).toEqual([229008, 938826, 128624, 123226, 70416]);
    expect(t[15485863 % 1000003]).toBe(348264);
    let sum = 0;
    for (let i = 0; i < t.length; i++) sum += t[i];
    expect(sum).toBe(500002500003);
  });

  it('spec §3.6 head and tail of the HF table', () => {
    const t = hfHashTable(15485863n).all();
    expect(Array.from(t.subarray(0, 10))).toEqual([138280, 994103, 467886, 915329, 149437, 806681, 915993, 784932, 468041, 819159]);
    expect(Array.from(t.subarray(HASH_TABLE_SIZE - 5))).toEqual([242473, 64375, 242875, 620478, 865023]);
  });

  it('tables are cached per seed, and HF keys go through manual_seed', () => {
    expect(hashTable(LMW_HASH_TABLE_SEED)).toBe(lmwHashTable());
    expect(hfHashTable(15485863n + (1n << 32n))).toBe(hfHashTable(15485863n));
    expect(() => hfHashTable(1n << 64n)).toThrow('Overflow when unpacking long');
  });

  it('hashint = table[x mod 1000003] + 1 with torch.remainder semantics', () => {
    const t = lmwHashTable();
    expect(hashint(t, 0)).toBe(250535);
    expect(hashint(t, 15485863)).toBe(348265);
    expect(hashint(t, 1000003)).toBe(250535);
    expect(hashint(t, -1)).toBe(t.at(1000002) + 1);
    expect(hashint(t, -1000003)).toBe(250535);
    expect(hashint(t, -1000004)).toBe(t.at(1000002) + 1);
    expect(hashint(t, -0)).toBe(250535);
    const xs = [0, 1, 5, 1000002, 1000003, 1000004, -1, -2, -1000003, -1000004, 2 ** 53 - 1, -(2 ** 53 - 1), 15485863 * 50256];
    for (const x of xs) expect(hashint(t, x)).toBe(hashintBig(t, BigInt(x)));
    expect(hashintBig(t, -(1n << 63n))).toBe(t.at(Number((((-(1n << 63n)) % 1000003n) + 1000003n) % 1000003n)) + 1);
  });
});
