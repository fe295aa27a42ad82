// The 11 lm-watermarking PRFs (alternative_prf_schemes.py, spec §3.4), as exact ground truth.
//
// Each returns exactly the Python int the reference hands to `% (2**64 - 1)`: tensor operations wrap
// to int64 (w64) where torch computes on tensors, and values stay unbounded after `.item()`.
// Fast Number paths live in prf-fast.ts and are tested against these.

import { type HashintTable, hashintBig, lmwHashTable } from './hashint';
import { LazyRandperm } from '../rng/lazy-randperm';
import { idToInt64, toInt64Scalar, w64 } from './int64';

export const PRF_NAMES = [
  'multiplicative_prf',
  'additive_prf',
  'minfunc_prf',
  'simple_skip_prf',
  'skipgram_prf',
  'anchored_skipgram_prf',
  'minhash_prf',
  'anchored_minhash_prf',
  'minskipgram_prf',
  'noncomm_prf',
  'position_prf',
] as const;

export type PrfName = (typeof PRF_NAMES)[number];

export function isPrfName(name: string): name is PrfName {
  return (PRF_NAMES as readonly string[]).includes(name);
}

type Ctx = readonly bigint[];
type PrfImpl = (x: Ctx, salt: bigint, table: HashintTable) => bigint;

// hashint as a tensor op: its result is an int64 tensor element.
const H = (table: HashintTable, v: bigint): bigint => BigInt(hashintBig(table, v));
// `salt_key * tensor`: the Python int becomes an int64 scalar, the product wraps.
const saltTimes = (salt: bigint, v: bigint): bigint => w64(toInt64Scalar(salt, 'hash key') * v);

const minOf = (vs: bigint[]): bigint => vs.reduce((a, b) => (b < a ? b : a));

const IMPLS: Record<PrfName, PrfImpl> = {
  // salt_key * input_ids.prod().item(): the product is a tensor reduction, the salt multiply is Python.
  multiplicative_prf: (x, salt) => salt * x.reduce((p, v) => w64(p * v), 1n),
  additive_prf: (x, salt) => salt * x.reduce((s, v) => w64(s + v), 0n),
  minfunc_prf: (x, salt) => salt * minOf([...x]),
  // hashint(salt_key * input_ids[::2]).prod().item()
  simple_skip_prf: (x, salt, t) => x.filter((_, i) => i % 2 === 0).reduce((p, v) => w64(p * H(t, saltTimes(salt, v))), 1n),
  skipgram_prf: (x, salt, t) => H(t, saltTimes(salt, x[0])),
  anchored_skipgram_prf: (x, salt, t) => w64(H(t, saltTimes(salt, x[0])) * H(t, saltTimes(salt, x[x.length - 1]))),
  minhash_prf: (x, salt, t) => minOf(x.map((v) => H(t, saltTimes(salt, v)))),
  // (salt_key * hashint(input_ids) * hashint(input_ids[-1])).min(): raw ids are hashed, the salt is
  // multiplied afterwards, and both products wrap (about 28% of random 4-grams go negative).
  anchored_minhash_prf: (x, salt, t) => {
    const anchor = H(t, x[x.length - 1]);
    return minOf(x.map((v) => w64(saltTimes(salt, H(t, v)) * anchor)));
  },
  // min over all pairs i < j of hashint(K·x_i) · hashint(K·x_j)
  minskipgram_prf: (x, salt, t) => {
    if (x.length < 2) {
      // The reference fails here too: torch.as_tensor([]) has no dim 1 to take the product over.
      throw new RangeError('minskipgram_prf needs a context width of at least 2');
    }
    const h = x.map((v) => H(t, saltTimes(salt, v)));
    const prods: bigint[] = [];
    for (let i = 0; i < h.length; i++) for (let j = i + 1; j < h.length; j++) prods.push(w64(h[i] * h[j]));
    return minOf(prods);
  },
  // key = tensor(salt); for e in ids: key *= hashint(key * e); key %= 2**32
  noncomm_prf: (x, salt, t) => {
    let key = toInt64Scalar(salt, 'hash key');
    for (const e of x) {
      key = w64(key * H(t, w64(key * e)));
      key = ((key % 0x1_0000_0000n) + 0x1_0000_0000n) % 0x1_0000_0000n;
    }
    return key;
  },
  // (salt_key * input_ids * arange(1, h + 1)).sum().item()
  position_prf: (x, salt) => x.reduce((s, v, i) => w64(s + w64(saltTimes(salt, v) * BigInt(i + 1))), 0n),
};

/** Which PRFs look up the hashint table (the others never touch it). */
export function prfUsesHashTable(name: PrfName): boolean {
  return !(name === 'multiplicative_prf' || name === 'additive_prf' || name === 'minfunc_prf' || name === 'position_prf');
}

// For the PRFs that never read a table.
const EMPTY = new LazyRandperm(0, 0);

/**
 * The reference's prf_key for context ids (oldest first). `table` defaults to lm-watermarking's fixed
 * table; HF selfhash passes its own (same anchored_minhash formula, spec §3.6).
 */
export function prfKey(name: PrfName, ctx: ArrayLike<number | bigint>, salt: bigint, table?: HashintTable): bigint {
  if (ctx.length < 1) throw new RangeError(`${name}: empty context`);
  const x = Array.from(ctx, idToInt64);
  const t = table ?? (prfUsesHashTable(name) ? lmwHashTable() : EMPTY);
  return IMPLS[name](x, salt, t);
}
