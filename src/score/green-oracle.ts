// Answers "is this target green under this seed?" as cheaply as the seed's history allows: a cached
// bitset or a cached answer when seen before, otherwise the partial shuffle that stops as soon as the
// target's fate is known. A seed earns a whole bitset (≈ 2x the cost of one answer) once it comes back
// with another target — at once for schemes whose contexts recur by construction (one previous token),
// while the cache has room. A full cache admits only seeds seen before: text with many one-off contexts
// (rare words, ids, code) would otherwise pay a bitset per token and evict the lists that do recur.
import { GreenListSampler, bitsetHas, greenListSize } from '../rng/green-list';
import { BitsetCache } from './bitset-cache';
import { TwoGenerationMap } from './two-generation-map';
import { unitId } from './unit-id';

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
// Single answers and once-seen seeds: bounded so a hostile page cannot grow them without limit.
const ANSWER_CAPACITY = 1 << 18;

export class GreenOracle {
  readonly sampler: GreenListSampler;
  readonly bitsets: BitsetCache;
  /** (seed, target) → green, for pairs answered without a bitset. */
  private answers = new TwoGenerationMap<number, boolean>(ANSWER_CAPACITY);
  private readonly bitsetBytes: number;
  /** Called with every bitset this oracle builds (the extension persists them: green-list-store.ts). */
  onBitset: ((seed32: number, bits: Uint32Array) => void) | null = null;
  /** Called with every single answer this oracle computes (the extension shares them between its Workers). */
  onAnswer: ((seed32: number, target: number, green: boolean) => void) | null = null;

  /**
   * `sampler`: one of this geometry to share (it keeps no answers, only scratch and the WebAssembly
   * kernel, whose tables cost a few ms and most of a MiB to set up); by default a new one.
   */
  constructor(vocabSize: number, gamma: number, selectGreenTokens: boolean, cacheBytes = DEFAULT_CACHE_BYTES, sampler?: GreenListSampler) {
    if (sampler !== undefined && oracleId(sampler.vocabSize, sampler.gamma, sampler.selectGreenTokens) !== oracleId(vocabSize, gamma, selectGreenTokens)) {
      throw new RangeError('GreenOracle: the shared sampler has another green-list geometry');
    }
    this.sampler = sampler ?? new GreenListSampler(vocabSize, gamma, selectGreenTokens);
    this.bitsets = new BitsetCache(cacheBytes);
    this.bitsetBytes = Math.ceil(vocabSize / 32) * 4;
  }

  isGreen(seed32: number, target: number, contextLikelyToRecur: boolean): boolean {
    // Never green (GreenListSampler.isGreen): not worth a bitset, nor a cache entry.
    if (!(target >>> 0 === target && target < this.sampler.vocabSize)) return false;
    const cached = this.bitsets.get(seed32);
    if (cached !== undefined) return bitsetHas(cached, target);
    const pair = unitId(seed32, target);
    const known = Number.isNaN(pair) ? undefined : this.answers.get(pair);
    if (known !== undefined) return known;
    // Marks the seed as seen (whatever the target) so its next new target builds the bitset.
    const seenSeed = -1 - seed32;
    const eager = contextLikelyToRecur && this.bitsets.hasRoomFor(this.bitsetBytes);
    if (eager || this.answers.has(seenSeed)) {
      const bits = this.sampler.greenBitset(seed32);
      this.bitsets.set(seed32, bits);
      this.onBitset?.(seed32, bits);
      return bitsetHas(bits, target);
    }
    const green = this.sampler.isGreen(seed32, target);
    this.answers.set(seenSeed, true);
    if (!Number.isNaN(pair)) this.answers.set(pair, green);
    this.onAnswer?.(seed32, target, green);
    return green;
  }

  /** Whether nothing is cached (then cached() is false for every pair). */
  get empty(): boolean {
    return this.bitsets.size === 0 && this.answers.size === 0;
  }

  /** Whether isGreen(seed32, target) would be answered from a cache. */
  cached(seed32: number, target: number): boolean {
    if (this.bitsets.peek(seed32)) return true;
    const pair = unitId(seed32, target);
    return !Number.isNaN(pair) && this.answers.has(pair);
  }

  /** How many answers can be primed at once without evicting one another (each also marks its seed). */
  primeCapacity(): number {
    return ANSWER_CAPACITY >> 2;
  }

  /** Stores a seed's bitset computed elsewhere (e.g. persisted by an earlier session), unless cached. */
  primeBitset(seed32: number, bits: Uint32Array): void {
    if (bits.byteLength === this.bitsetBytes && !this.bitsets.peek(seed32) && this.bitsets.hasRoomFor(bits.byteLength)) this.bitsets.set(seed32, bits);
  }

  /** The geometry this oracle's lists depend on (V, list size, head or tail): what persisted lists are keyed by. */
  get geometry(): string {
    return oracleId(this.sampler.vocabSize, this.sampler.gamma, this.sampler.selectGreenTokens);
  }

  /** Stores one answer computed elsewhere (green-work.ts), and marks the seed seen, as isGreen would have. */
  primeAnswer(seed32: number, target: number, green: boolean): void {
    const pair = unitId(seed32, target);
    const seenSeed = -1 - seed32;
    if (this.answers.get(seenSeed) === undefined) this.answers.set(seenSeed, true);
    if (!Number.isNaN(pair)) this.answers.set(pair, green);
  }

  clear(): void {
    this.bitsets.clear();
    this.answers.clear();
  }
}

// One oracle per green-list geometry: the list depends only on (seed, V, size, head/tail), so keys that
// share V and γ (e.g. lefthash and selfhash of one model) share cached green lists.
const oracles = new Map<string, GreenOracle>();

function oracleId(vocabSize: number, gamma: number, selectGreenTokens: boolean): string {
  return `${vocabSize}:${greenListSize(vocabSize, gamma)}:${selectGreenTokens ? 'head' : 'tail'}`;
}

export function greenOracleFor(vocabSize: number, gamma: number, selectGreenTokens: boolean): GreenOracle {
  const id = oracleId(vocabSize, gamma, selectGreenTokens);
  let oracle = oracles.get(id);
  if (oracle === undefined) {
    oracle = new GreenOracle(vocabSize, gamma, selectGreenTokens);
    oracles.set(id, oracle);
  }
  return oracle;
}

/** Drops every cached green list and answer (benchmarks measure cold starts with it). */
export function clearGreenCaches(): void {
  for (const oracle of oracles.values()) oracle.clear();
}
