// Answers "is this target green under this seed?" as cheaply as the seed's history allows:
// a cached bitset when the context was seen before, otherwise the partial shuffle that stops as soon as
// the target's fate is known. Contexts that recur get a bitset: for non-self-salted schemes (lefthash)
// every context is likely to recur, for self-salted ones (selfhash) only the second sighting pays for it.
import { GreenListSampler, bitsetHas, greenListSize } from '../rng/green-list';
import { BitsetCache } from './bitset-cache';

const DEFAULT_CACHE_BYTES = 32 * 1024 * 1024;
// Seeds seen once without a bitset; bounded so a hostile page cannot grow it without limit.
const MAX_SEEN_ONCE = 1 << 16;

export class GreenOracle {
  readonly sampler: GreenListSampler;
  readonly bitsets: BitsetCache;
  private seenOnce = new Set<number>();

  constructor(vocabSize: number, gamma: number, selectGreenTokens: boolean, cacheBytes = DEFAULT_CACHE_BYTES) {
    this.sampler = new GreenListSampler(vocabSize, gamma, selectGreenTokens);
    this.bitsets = new BitsetCache(cacheBytes);
  }

  isGreen(seed32: number, target: number, contextLikelyToRecur: boolean): boolean {
    const cached = this.bitsets.get(seed32);
    if (cached !== undefined) return bitsetHas(cached, target);
    if (contextLikelyToRecur || this.seenOnce.has(seed32)) {
      const bits = this.sampler.greenBitset(seed32);
      this.bitsets.set(seed32, bits);
      this.seenOnce.delete(seed32);
      return bitsetHas(bits, target);
    }
    if (this.seenOnce.size >= MAX_SEEN_ONCE) this.seenOnce.clear();
    this.seenOnce.add(seed32);
    return this.sampler.isGreen(seed32, target);
  }

  clear(): void {
    this.bitsets.clear();
    this.seenOnce.clear();
  }
}

// One oracle per green-list geometry: the list depends only on (seed, V, size, head/tail), so keys that
// share V and γ (e.g. lefthash and selfhash of one model) share cached bitsets.
const oracles = new Map<string, GreenOracle>();

export function greenOracleFor(vocabSize: number, gamma: number, selectGreenTokens: boolean): GreenOracle {
  const id = `${vocabSize}:${greenListSize(vocabSize, gamma)}:${selectGreenTokens ? 'head' : 'tail'}`;
  let oracle = oracles.get(id);
  if (oracle === undefined) {
    oracle = new GreenOracle(vocabSize, gamma, selectGreenTokens);
    oracles.set(id, oracle);
  }
  return oracle;
}

/** Drops every cached green list (benchmarks measure cold starts with it). */
export function clearGreenCaches(): void {
  for (const oracle of oracles.values()) oracle.clear();
}
