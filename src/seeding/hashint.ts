// The 1,000,003-entry permutation tables behind lm-watermarking's `hashint` (spec §3.3) and HF's
// selfhash (spec §3.6). Computed as far as they are read rather than shipped as 4 MB of data: selfhash
// hashes raw token ids, so it reads only the first V entries (V draws, not 1,000,002); PRFs that hash
// salted ids read all over the table and soon have it whole (rng/lazy-randperm.ts).

import { MAX_DISTINCT_SEEDINGS } from '../keyset/limits';
import { LazyRandperm } from '../rng/lazy-randperm';
import { cpuSeed32 } from '../rng/torch-seed';

/** A hashint table: entry p of randperm(1_000_003) from its seed, by at(p). */
export type HashintTable = LazyRandperm;

export const HASH_TABLE_SIZE = 1_000_003;
/** lm-watermarking seeds its module-level table with this ("fib47 is prime"), always on CPU. */
export const LMW_HASH_TABLE_SEED = 2971215073;

const tables = new Map<number, HashintTable>();
// 4 MB each: the lm-watermarking table plus one per HF selfhash hash key of a key set (at most one per
// distinct seeding). Fewer would make a set cycling through more hash keys than fit rebuild a table for
// every key (64 keys over 8 hash keys: 64 tables, 10 s and 256 MiB instead of 8).
const MAX_CACHED = MAX_DISTINCT_SEEDINGS + 1;

/** randperm(1_000_003) from a CPU generator seeded with seed32. Cached per seed. */
export function hashTable(seed32: number): HashintTable {
  const key = seed32 >>> 0;
  let t = tables.get(key);
  if (t === undefined) {
    t = new LazyRandperm(HASH_TABLE_SIZE, key);
    if (tables.size >= MAX_CACHED) tables.delete(tables.keys().next().value as number);
    tables.set(key, t);
  }
  return t;
}

export function lmwHashTable(): HashintTable {
  return hashTable(LMW_HASH_TABLE_SEED);
}

/** HF: `rng.manual_seed(hashing_key)` (no modulo, so out-of-range keys throw), then randperm. */
export function hfHashTable(hashKey: bigint): HashintTable {
  return hashTable(cpuSeed32(hashKey));
}

/**
 * table[x mod 1000003] + 1 with torch.remainder semantics (the result of mod is never negative).
 * x must be a safe integer; use hashintBig otherwise.
 */
export function hashint(table: HashintTable, x: number): number {
  let r = x % HASH_TABLE_SIZE;
  if (r < 0) r += HASH_TABLE_SIZE;
  return table.at(r) + 1;
}

export function hashintBig(table: HashintTable, x: bigint): number {
  let r = x % 1_000_003n;
  if (r < 0n) r += 1_000_003n;
  return table.at(Number(r)) + 1;
}
