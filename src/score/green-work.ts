// Green-list work planned ahead of scoring, so that it can be split across threads: the distinct
// (seed, target) pairs a token sequence will ask about, grouped by seed (one pass of the shuffle
// answers all of a seed's targets: GreenListSampler.greenMany), computed by any sampler of the key's
// geometry and then primed into the key's oracle as answers. scoreIds afterwards finds every answer
// cached, so its result is exactly what it would have computed itself; only where the work runs
// changes. The CLI splits it with a worker thread.
import type { GreenListSampler } from '../rng/green-list';
import type { GreenOracle } from './green-oracle';
import type { ScoringKey } from './scoring-key';
import { unitId } from './unit-id';

/** The targets of seed k are targets[starts[k]] … targets[starts[k + 1] - 1], distinct. */
export interface GreenWork {
  seeds: Uint32Array;
  starts: Int32Array;
  targets: Int32Array;
}

/** Generator draws the work takes at most (one pass per seed; a pass stops early only if all its targets are green). */
export function greenWorkDraws(work: GreenWork, sampler: GreenListSampler): number {
  const steps = sampler.selectGreenTokens ? sampler.size : sampler.vocabSize - sampler.size;
  return work.seeds.length * steps;
}

// A seed with more targets than this is split into several passes (the kernel tracks up to 4096).
const MAX_TARGETS_PER_PASS = 4096;

/**
 * The pairs scoring `input` under `key` would ask about that the oracle has not cached, bounded so
 * that priming them cannot evict one another (whatever is left out is computed by scoreIds as usual).
 */
export function planGreenWork(key: ScoringKey, input: ArrayLike<number>): GreenWork {
  const bos = key.bosTokenId !== null && input.length > 0 && input[0] === key.bosTokenId;
  const ids = bos ? (Array.prototype.slice.call(input, 1) as number[]) : input;
  const { contextWidth: h, selfSalt } = key.seeder;
  const vocabSize = key.oracle.sampler.vocabSize;
  const maxPairs = key.oracle.primeCapacity();
  // Targets per seed, in first-occurrence order (as scoreIds meets them).
  const targetsBySeed = new Map<number, number[]>();
  // Pairs seen, by unit id (exact for targets below 2^21; others are checked against the seed's list).
  const seen = new Set<number>();
  let pairs = 0;
  // The positions scoreIds scores: the first with a full context onwards.
  for (let t = selfSalt ? h - 1 : h; t < ids.length && pairs < maxPairs; t++) {
    const target = ids[t];
    if (!(target >= 0 && target < vocabSize)) continue; // never green, nothing to compute
    const seed = key.seeder.seed32(ids, selfSalt ? t + 1 : t);
    const pair = unitId(seed, target);
    if (Number.isNaN(pair) ? targetsBySeed.get(seed)?.includes(target) : seen.has(pair)) continue;
    if (key.oracle.cached(seed, target)) continue;
    if (!Number.isNaN(pair)) seen.add(pair);
    let list = targetsBySeed.get(seed);
    if (list === undefined) targetsBySeed.set(seed, (list = []));
    list.push(target);
    pairs++;
  }
  const seeds: number[] = [];
  const starts: number[] = [0];
  const targets: number[] = [];
  for (const [seed, list] of targetsBySeed) {
    for (let from = 0; from < list.length; from += MAX_TARGETS_PER_PASS) {
      seeds.push(seed);
      targets.push(...list.slice(from, from + MAX_TARGETS_PER_PASS));
      starts.push(targets.length);
    }
  }
  return { seeds: Uint32Array.from(seeds), starts: Int32Array.from(starts), targets: Int32Array.from(targets) };
}

/** 1 green, 0 red, per entry of work.targets (entries of seeds not run: 0). */
export type GreenWorkResult = Uint8Array;

/** Runs every `stride`-th seed from `offset` (so two threads can take the even and the odd ones). */
export function runGreenWork(sampler: GreenListSampler, work: GreenWork, offset = 0, stride = 1): GreenWorkResult {
  const answers = new Uint8Array(work.targets.length);
  for (let k = offset; k < work.seeds.length; k += stride) {
    sampler.greenMany(work.seeds[k], work.targets, work.starts[k], work.starts[k + 1] - work.starts[k], answers, work.starts[k]);
  }
  return answers;
}

/**
 * Runs contexts in chunks claimed from a counter shared with another thread (Atomics), writing into
 * answers that thread also sees: whichever thread is free takes the next chunk, so neither waits on
 * the other for long, however late the other started. Returns when no chunk is left to claim.
 */
export function runGreenWorkShared(sampler: GreenListSampler, work: GreenWork, counter: Int32Array, answers: Uint8Array, chunk = 16): void {
  for (;;) {
    const from = Atomics.add(counter, 0, chunk);
    if (from >= work.seeds.length) return;
    const to = Math.min(work.seeds.length, from + chunk);
    for (let k = from; k < to; k++) {
      sampler.greenMany(work.seeds[k], work.targets, work.starts[k], work.starts[k + 1] - work.starts[k], answers, work.starts[k]);
    }
  }
}

/** Primes the oracle with the results of runGreenWork(…, offset, stride). */
export function primeGreenWork(oracle: GreenOracle, work: GreenWork, answers: GreenWorkResult, offset = 0, stride = 1): void {
  for (let k = offset; k < work.seeds.length; k += stride) {
    for (let p = work.starts[k]; p < work.starts[k + 1]; p++) oracle.primeAnswer(work.seeds[k], work.targets[p], answers[p] === 1);
  }
}
