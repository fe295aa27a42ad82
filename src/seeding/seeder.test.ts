import { describe, expect, it } from 'vitest';
import { GreenListSampler, bitsetHas } from '../rng/green-list';
import { sha256LeInt64 } from '../rng/sha256-le-int64.test-util';
import { prfKeyToCpuSeed32 } from '../rng/torch-seed';
import { loadVectors } from '../test-support/vectors';
import { hfHashTable, lmwHashTable } from './hashint';
import { PRF_NAMES, prfKey } from './prf';
import { NOT_EXACT, anchoredMinhashFast, fastPrfSeed32 } from './prf-fast';
import { parseLmwSeedingScheme } from './scheme';
import { type KeyedSeeder, hfSeeder, legacySimple1Seeder, lmwSeeder } from './seeder';

interface PrfExample {
  impl: 'lm-watermarking' | 'hf';
  seeding_scheme: string;
  context_width?: number;
  context_ids: number[];
  context_used: number[];
  prf_key?: string;
  manual_seed_arg: string;
  mt19937_seed: number;
  vocab_size: number;
  gamma: number;
  greenlist_first16: number[];
  greenlist_sha256_le_int64: string;
}

const K = 15485863n;
const examples = loadVectors('prng.json').prf_examples as PrfExample[];

function seederFor(ex: PrfExample): KeyedSeeder {
  if (ex.impl === 'hf') {
    return hfSeeder({ seeding: ex.seeding_scheme as 'lefthash' | 'selfhash', contextWidth: ex.context_width!, hashKey: K });
  }
  return lmwSeeder(parseLmwSeedingScheme(ex.seeding_scheme));
}

function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x;
  };
}

describe('prng.json prf_examples', () => {
  it('has lm-watermarking and HF examples', () => {
    expect(examples.length).toBe(70);
    expect(examples.filter((e) => e.impl === 'hf').length).toBe(32);
  });

  const samplers = new Map<string, GreenListSampler>();
  for (const [i, ex] of examples.entries()) {
    const width = ex.impl === 'hf' ? `, width ${ex.context_width}` : '';
    it(`#${i} ${ex.impl} ${ex.seeding_scheme}${width} [${ex.context_ids.join(',')}]`, () => {
      const seeder = seederFor(ex);
      const ids = ex.context_ids;
      const end = ids.length;
      if (ex.impl === 'lm-watermarking') {
        // The PRF reads exactly the documented window.
        expect(ex.context_used).toEqual(ids.slice(end - seeder.contextWidth));
        expect(seeder.prfKey(ids, end)).toBe(BigInt(ex.prf_key!));
      }
      expect(seeder.manualSeedArg(ids, end)).toBe(BigInt(ex.manual_seed_arg));
      const seed32 = seeder.seed32(ids, end);
      expect(seed32).toBe(ex.mt19937_seed);
      expect(seeder.seed32(Int32Array.from(ids), end)).toBe(seed32);

      const key = `${ex.vocab_size}/${ex.gamma}`;
      let sampler = samplers.get(key);
      if (sampler === undefined) samplers.set(key, (sampler = new GreenListSampler(ex.vocab_size, ex.gamma, true)));
      const green = sampler.greenListIds(seed32);
      expect(Array.from(green.subarray(0, 16))).toEqual(ex.greenlist_first16);
      expect(sha256LeInt64(green)).toBe(ex.greenlist_sha256_le_int64);
      const bits = sampler.greenBitset(seed32);
      const set = new Set(green);
      for (let t = 0; t < ex.vocab_size; t += 37) expect(bitsetHas(bits, t)).toBe(set.has(t));
      for (const t of [...ex.greenlist_first16, 0, 1, 13, 262, 1000, 50256]) {
        expect(sampler.isGreen(seed32, t)).toBe(set.has(t));
      }
    });
  }
});

describe('seeder shapes', () => {
  it('window conventions', () => {
    const lefthash = lmwSeeder(parseLmwSeedingScheme('lefthash'));
    expect([lefthash.contextWidth, lefthash.selfSalt]).toEqual([1, false]);
    const selfhash = lmwSeeder(parseLmwSeedingScheme('selfhash'));
    expect([selfhash.contextWidth, selfhash.selfSalt]).toEqual([4, true]);
    const hfLeft = hfSeeder({ seeding: 'lefthash', contextWidth: 4, hashKey: K });
    expect([hfLeft.contextWidth, hfLeft.selfSalt]).toEqual([4, false]);
    const hfSelf = hfSeeder({ seeding: 'selfhash', contextWidth: 1, hashKey: K });
    expect([hfSelf.contextWidth, hfSelf.selfSalt]).toEqual([1, true]);
    const legacy = legacySimple1Seeder(K);
    expect([legacy.contextWidth, legacy.selfSalt]).toEqual([1, false]);
  });

  it('reads ids[end - width, end) of a longer array', () => {
    const ids = [9, 9, 450, 2265, 14, 2310, 7, 7];
    const s = lmwSeeder(parseLmwSeedingScheme('selfhash'));
    expect(s.seed32(ids, 6)).toBe(3596425243); // spec §3.4 anchored_minhash_prf row
    expect(lmwSeeder(parseLmwSeedingScheme('ff-additive_prf-4-False')).seed32(ids, 6)).toBe(723852329);
    expect(hfSeeder({ seeding: 'lefthash', contextWidth: 4, hashKey: K }).seed32(ids, 6)).toBe(prfKeyToCpuSeed32(K * 2310n));
  });

  it('refuses windows that do not fit', () => {
    const s = lmwSeeder(parseLmwSeedingScheme('selfhash'));
    expect(() => s.seed32([1, 2, 3], 3)).toThrow(RangeError);
    expect(() => s.seed32([1, 2, 3, 4], 5)).toThrow(RangeError);
    expect(() => lmwSeeder(parseLmwSeedingScheme('lefthash')).seed32([1], 0)).toThrow(RangeError);
  });

  it('refuses configurations the reference cannot run', () => {
    expect(() => lmwSeeder(parseLmwSeedingScheme('ff-minskipgram_prf-1-False'))).toThrow(/at least 2/);
    expect(() => lmwSeeder(parseLmwSeedingScheme(`ff-minhash_prf-4-False-${2n ** 63n}`))).toThrow('Overflow when unpacking long');
    expect(() => hfSeeder({ seeding: 'selfhash', contextWidth: 1, hashKey: 2n ** 63n })).toThrow('Overflow when unpacking long');
    expect(() => hfSeeder({ seeding: 'selfhash', contextWidth: 0, hashKey: K })).toThrow(RangeError);
    expect(() => hfSeeder({ seeding: 'minhash' as 'selfhash', contextWidth: 1, hashKey: K })).toThrow(/lefthash/);
  });

  it('legacy simple_1 passes K·x to manual_seed without the modulo', () => {
    const big = (1n << 64n) - 1n; // K·1 = 2^64 - 1: accepted as is, while % (2^64 - 1) would give 0
    expect(legacySimple1Seeder(big).seed32([1], 1)).toBe(0xffffffff);
    expect(lmwSeeder({ prfType: 'additive_prf', contextWidth: 1, selfSalt: false, hashKey: big }).seed32([1], 1)).toBe(0);
    expect(() => legacySimple1Seeder(big).seed32([2], 1)).toThrow('Overflow when unpacking long');
    expect(legacySimple1Seeder(K).seed32([464], 1)).toBe(2890473136);
  });
});

describe('fast paths agree with the BigInt ground truth', () => {
  // Id distributions: real vocabulary ids, and large ids that push products past 2^53 and 2^63.
  const idGens: Array<(next: () => number) => number> = [
    (next) => next() % 50257,
    (next) => next() % 200019,
    (next) => next() >>> 1,
    (next) => next(),
  ];
  const keys = [K, 0n, 1n, 7919n, 2971215073n, 9007163n * 1000n, 2n ** 40n + 3n, 2n ** 62n + 12345n];

  it('lefthash / selfhash / HF / legacy seeders on 20,000 random contexts, incl. int64-overflow ones', () => {
    const next = lcg(2024);
    let negativeSelfhashKeys = 0;
    let selfhashContexts = 0;
    for (const key of keys) {
      const lmwLeft = lmwSeeder({ prfType: 'additive_prf', contextWidth: 1, selfSalt: false, hashKey: key });
      const lmwSelf = lmwSeeder({ prfType: 'anchored_minhash_prf', contextWidth: 4, selfSalt: true, hashKey: key });
      const hfSelf4 = hfSeeder({ seeding: 'selfhash', contextWidth: 4, hashKey: key });
      const hfSelf1 = hfSeeder({ seeding: 'selfhash', contextWidth: 1, hashKey: key });
      const hfLeft = hfSeeder({ seeding: 'lefthash', contextWidth: 3, hashKey: key });
      const legacy = legacySimple1Seeder(key);
      const hfTable = hfHashTable(key);
      for (let c = 0; c < 2500; c++) {
        const gen = idGens[c % idGens.length];
        const ids = [gen(next), gen(next), gen(next), gen(next)];
        const truthLeft = prfKeyToCpuSeed32(key * BigInt(ids[3]));
        expect(lmwLeft.seed32(ids, 4)).toBe(truthLeft);
        expect(hfLeft.seed32(ids, 4)).toBe(truthLeft);
        const legacyArg = key * BigInt(ids[3]);
        if (legacyArg < 1n << 64n) expect(legacy.seed32(ids, 4)).toBe(Number(legacyArg & 0xffffffffn));
        else expect(() => legacy.seed32(ids, 4)).toThrow('Overflow when unpacking long');
        const selfKey = prfKey('anchored_minhash_prf', ids, key);
        if (key === K) {
          selfhashContexts++;
          if (selfKey < 0n) negativeSelfhashKeys++;
        }
        expect(lmwSelf.seed32(ids, 4)).toBe(prfKeyToCpuSeed32(selfKey));
        expect(hfSelf4.seed32(ids, 4)).toBe(prfKeyToCpuSeed32(prfKey('anchored_minhash_prf', ids, key, hfTable)));
        expect(hfSelf1.seed32(ids, 4)).toBe(prfKeyToCpuSeed32(prfKey('anchored_minhash_prf', ids.slice(3), key, hfTable)));
      }
    }
    // The overflow branch is really exercised (spec: ~28% of random 4-grams over a GPT-2 vocabulary).
    expect(negativeSelfhashKeys / selfhashContexts).toBeGreaterThan(0.15);
  });

  it('the anchored min-hash fast path is taken (not just falling back) for the default key', () => {
    const f = anchoredMinhashFast(K, lmwHashTable())!;
    const next = lcg(77);
    let negatives = 0;
    for (let c = 0; c < 20000; c++) {
      const ids = [next() % 50257, next() % 50257, next() % 50257, next() % 50257];
      const got = f(ids, 0, 4);
      expect(got).not.toBe(NOT_EXACT);
      const key = prfKey('anchored_minhash_prf', ids, K);
      if (key < 0n) negatives++;
      if (got !== prfKeyToCpuSeed32(key)) throw new Error(`anchored min-hash [${ids}]: ${got}`);
    }
    expect(negatives).toBeGreaterThan(4000);
    expect(anchoredMinhashFast(2n ** 62n, lmwHashTable())).toBeNull();
  });

  it('every PRF: fast path == BigInt path, and the fast path is taken for vocabulary-sized ids', () => {
    const next = lcg(99);
    for (const name of PRF_NAMES) {
      for (const key of keys) {
        for (const width of [1, 2, 3, 4, 5, 8]) {
          if (name === 'minskipgram_prf' && width < 2) continue;
          const seeder = lmwSeeder({ prfType: name, contextWidth: width, selfSalt: false, hashKey: key });
          const fast = fastPrfSeed32(name, key, lmwHashTable());
          for (let c = 0; c < 40; c++) {
            const gen = idGens[c % idGens.length];
            const ids = Array.from({ length: width }, () => gen(next));
            const truth = prfKeyToCpuSeed32(prfKey(name, ids, key));
            expect(seeder.seed32(ids, width)).toBe(truth);
            if (fast !== null) {
              const f = fast(ids, 0, width);
              if (f !== NOT_EXACT) expect(f).toBe(truth);
            }
          }
          // With the default key and GPT-2-sized ids, the cheap paths must apply (multiplicative and
          // simple_skip only while their products stay below 2^53).
          if (key === K && fast !== null) {
            const ids = Array.from({ length: width }, (_, i) => (i * 7919 + 13) % 50257);
            const small = name === 'multiplicative_prf' ? ids.map((x) => x % 60) : ids;
            if (!(name === 'simple_skip_prf' && width > 4)) expect(fast(small, 0, width)).not.toBe(NOT_EXACT);
          }
        }
      }
    }
  });

  it('falls back to BigInt for ids that are not uint32 integers', () => {
    const s = lmwSeeder(parseLmwSeedingScheme('minhash'));
    const ids = [1, 2, 3, 2 ** 40];
    expect(s.seed32(ids, 4)).toBe(prfKeyToCpuSeed32(prfKey('minhash_prf', ids, K)));
    expect(() => s.seed32([1, 2, 3, 1.5], 4)).toThrow(RangeError);
    const left = lmwSeeder(parseLmwSeedingScheme('lefthash'));
    expect(left.seed32([-3], 1)).toBe(prfKeyToCpuSeed32(-3n * K));
  });
});
