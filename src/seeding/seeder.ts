// Context window → 32-bit CPU generator seed, for lm-watermarking (extended and legacy processors)
// and HF transformers' WatermarkLogitsProcessor.
//
// Convention: the PRF input is ids[end - contextWidth, end), oldest first. To score the token at
// position t, pass end = t for schemes without self-salt and end = t + 1 for self-salted ones (whose
// window then ends with the scored token itself, the anchor).

import { cpuSeed32, prfKeyToCpuSeed32, manualSeedArgFromPrf } from '../rng/torch-seed';
import { type HashintTable, hfHashTable, lmwHashTable } from './hashint';
import { toInt64Scalar } from './int64';
import { type PrfName, prfKey, prfUsesHashTable } from './prf';
import { type FastSeed32, NOT_EXACT, anchoredMinhashFast, fastPrfSeed32 } from './prf-fast';
import type { LmwScheme } from './scheme';

export interface Seeder {
  readonly contextWidth: number;
  readonly selfSalt: boolean;
  seed32(ids: ArrayLike<number>, end: number): number;
}

/** The first position a seeder scores: the first with a full context window. */
export function firstScoredPosition(seeder: Pick<Seeder, 'contextWidth' | 'selfSalt'>): number {
  return seeder.selfSalt ? seeder.contextWidth - 1 : seeder.contextWidth;
}

/** A seeder that can also show the exact values the reference computes on the way (tests, diagnostics). */
export interface KeyedSeeder extends Seeder {
  /** The Python int the PRF returns. */
  prfKey(ids: ArrayLike<number>, end: number): bigint;
  /** The argument handed to manual_seed. */
  manualSeedArg(ids: ArrayLike<number>, end: number): bigint;
}

export interface HfSeederOptions {
  seeding: 'lefthash' | 'selfhash';
  contextWidth: number;
  hashKey: bigint;
}

const MAX = Number.MAX_SAFE_INTEGER;

function checkWindow(ids: ArrayLike<number>, end: number, width: number): void {
  if (!(Number.isInteger(end) && end >= width && end <= ids.length)) {
    throw new RangeError(`seed32: window end ${end} needs ${width} ids before it within ${ids.length} ids`);
  }
}

function checkWidth(width: number, who: string): void {
  if (!Number.isSafeInteger(width) || width < 1) throw new RangeError(`${who}: context width must be a positive integer, got ${width}`);
}

function window(ids: ArrayLike<number>, end: number, width: number): number[] {
  return Array.prototype.slice.call(ids, end - width, end) as number[];
}

/** PRF-based seeders: exact BigInt evaluation, with a Number fast path taken whenever it is provably exact. */
class PrfSeeder implements KeyedSeeder {
  constructor(
    readonly contextWidth: number,
    readonly selfSalt: boolean,
    private readonly prf: PrfName,
    private readonly salt: bigint,
    private readonly table: HashintTable | undefined,
    private readonly fast: FastSeed32 | null,
  ) {}

  seed32(ids: ArrayLike<number>, end: number): number {
    checkWindow(ids, end, this.contextWidth);
    if (this.fast !== null) {
      const s = this.fast(ids, end - this.contextWidth, end);
      if (s !== NOT_EXACT) return s;
    }
    return prfKeyToCpuSeed32(this.prfKey(ids, end));
  }

  prfKey(ids: ArrayLike<number>, end: number): bigint {
    checkWindow(ids, end, this.contextWidth);
    return prfKey(this.prf, window(ids, end, this.contextWidth), this.salt, this.table);
  }

  manualSeedArg(ids: ArrayLike<number>, end: number): bigint {
    return manualSeedArgFromPrf(this.prfKey(ids, end));
  }
}

/**
 * K · (token before `end`), the seed of lm-watermarking lefthash/simple_1, HF lefthash and the legacy
 * processor. The product of two safe integers is exact while it stays <= 2^53 - 1, which covers every
 * real vocabulary with the default key; beyond that, BigInt.
 */
class LeftHashSeeder implements KeyedSeeder {
  readonly selfSalt = false;
  private readonly k: number;

  constructor(
    readonly contextWidth: number,
    private readonly salt: bigint,
    // Legacy watermark_processor.py passes K·x to manual_seed without the modulo.
    private readonly reduce: boolean,
  ) {
    this.k = salt >= 0n && salt <= BigInt(MAX) ? Number(salt) : -1;
  }

  seed32(ids: ArrayLike<number>, end: number): number {
    checkWindow(ids, end, this.contextWidth);
    const x = ids[end - 1];
    const key = this.k * x;
    // k >= 0 and x a uint32 integer: key is a non-negative integer, exact iff <= MAX.
    if (this.k >= 0 && x >>> 0 === x && key <= MAX) return key >>> 0;
    return cpuSeed32(this.manualSeedArg(ids, end));
  }

  prfKey(ids: ArrayLike<number>, end: number): bigint {
    checkWindow(ids, end, this.contextWidth);
    const x = ids[end - 1];
    if (!Number.isSafeInteger(x)) throw new RangeError(`token id ${x} is not a safe integer`);
    return this.salt * BigInt(x);
  }

  manualSeedArg(ids: ArrayLike<number>, end: number): bigint {
    const key = this.prfKey(ids, end);
    return this.reduce ? manualSeedArgFromPrf(key) : key;
  }
}

// PRFs that multiply the key into an int64 tensor (the others only multiply Python ints).
function prfUsesTensorSalt(name: PrfName): boolean {
  return prfUsesHashTable(name) || name === 'position_prf';
}

/** lm-watermarking extended_watermark_processor.py: `manual_seed(prf(ids[-h:], hash_key) % (2**64 - 1))`. */
export function lmwSeeder(scheme: LmwScheme): KeyedSeeder {
  const { prfType, contextWidth, selfSalt, hashKey } = scheme;
  checkWidth(contextWidth, 'lmwSeeder');
  if (prfType === 'minskipgram_prf' && contextWidth < 2) {
    throw new RangeError('lmwSeeder: minskipgram_prf needs a context width of at least 2');
  }
  if (prfUsesTensorSalt(prfType)) toInt64Scalar(hashKey, `${prfType} hash key`);
  if (prfType === 'additive_prf' && contextWidth === 1) return new LeftHashSeeder(1, hashKey, true);
  const table = prfUsesHashTable(prfType) ? lmwHashTable() : undefined;
  return new PrfSeeder(contextWidth, selfSalt, prfType, hashKey, table, fastPrfSeed32(prfType, hashKey, table ?? null));
}

/** lm-watermarking watermark_processor.py (simple_1 only): `manual_seed(hash_key * prev_token)`, no modulo. */
export function legacySimple1Seeder(hashKey: bigint): KeyedSeeder {
  return new LeftHashSeeder(1, hashKey, false);
}

/**
 * HF WatermarkLogitsProcessor.set_seed. lefthash seeds from the last token only, whatever
 * contextWidth is (contextWidth still decides where scoring starts). selfhash is the anchored min-hash
 * over the last contextWidth tokens with HF's own table, randperm seeded by `manual_seed(hashKey)`.
 */
export function hfSeeder(options: HfSeederOptions): KeyedSeeder {
  const { seeding, contextWidth, hashKey } = options;
  checkWidth(contextWidth, 'hfSeeder');
  if (seeding === 'lefthash') return new LeftHashSeeder(contextWidth, hashKey, true);
  if (seeding !== 'selfhash') throw new Error(`hfSeeder: seeding must be "lefthash" or "selfhash", got ${JSON.stringify(seeding)}`);
  toInt64Scalar(hashKey, 'HF selfhash hash key');
  const table = hfHashTable(hashKey);
  return new PrfSeeder(contextWidth, true, 'anchored_minhash_prf', hashKey, table, anchoredMinhashFast(hashKey, table));
}
