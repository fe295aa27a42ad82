// Green-list work planned ahead of scoring, so that it can be split across threads: the distinct
// (seed, target) pairs a token sequence will ask about, each as either a whole bitset (a context that
// recurs) or a single answer, computed by any sampler of the key's geometry and then primed into the
// key's oracle. scoreIds afterwards finds every answer cached, so its result is exactly what it would
// have computed itself; only where the work runs changes. The CLI splits it with a worker thread.
import type { GreenListSampler } from '../rng/green-list';
import type { GreenOracle } from './green-oracle';
import type { ScoringKey } from './scoring-key';

export interface GreenWork {
  /** Seed of each task. */
  seeds: Uint32Array;
  /** Target of each task, or -1 for the seed's whole bitset. */
  targets: Int32Array;
}

/** What a task costs, in generator draws, roughly (a bitset always runs every step). */
export function greenWorkDraws(work: GreenWork, sampler: GreenListSampler): number {
  const steps = sampler.selectGreenTokens ? sampler.size : sampler.vocabSize - sampler.size;
  return work.seeds.length * steps;
}

/**
 * The tasks scoring `input` under `key` would run that the oracle has not cached, bounded so that priming
 * them cannot evict one another (whatever is left out is computed by scoreIds as usual).
 */
export function planGreenWork(key: ScoringKey, input: ArrayLike<number>): GreenWork {
  const bos = key.bosTokenId !== null && input.length > 0 && input[0] === key.bosTokenId ? 1 : 0;
  const { contextWidth: h, selfSalt } = key.seeder;
  const vocabSize = key.oracle.sampler.vocabSize;
  const ids = bos ? Array.prototype.slice.call(input, 1) as number[] : input;
  // Targets per seed, in first-occurrence order (as scoreIds meets them).
  const targetsBySeed = new Map<number, number[]>();
  // The positions scoreIds scores: the first with a full context onwards.
  for (let t = selfSalt ? h - 1 : h; t < ids.length; t++) {
    const target = ids[t];
    if (!(target >= 0 && target < vocabSize)) continue; // never green, nothing to compute
    const seed = key.seeder.seed32(ids, selfSalt ? t + 1 : t);
    if (key.oracle.cached(seed, target)) continue;
    const list = targetsBySeed.get(seed);
    if (list === undefined) targetsBySeed.set(seed, [target]);
    else if (!list.includes(target)) list.push(target);
  }
  // One previous token: every context recurs, so each gets its bitset (as the oracle would eagerly).
  const recurs = !selfSalt && h === 1;
  const seeds: number[] = [];
  const targets: number[] = [];
  let bitsets = 0;
  let answers = 0;
  const { maxBitsets, maxAnswers } = key.oracle.primeCapacity();
  for (const [seed, list] of targetsBySeed) {
    if (recurs || list.length > 1) {
      if (bitsets >= maxBitsets) continue;
      bitsets++;
      seeds.push(seed);
      targets.push(-1);
    } else {
      if (answers >= maxAnswers) continue;
      answers++;
      seeds.push(seed);
      targets.push(list[0]);
    }
  }
  return { seeds: Uint32Array.from(seeds), targets: Int32Array.from(targets) };
}

export interface GreenWorkResult {
  /** The bitsets of the bitset tasks, in task order, each `words` long. */
  bits: Uint32Array;
  /** 1 green, 0 red, per task (bitset tasks: 0). */
  answers: Uint8Array;
}

/** Runs every `stride`-th task from `offset` (so two threads can take the even and the odd ones). */
export function runGreenWork(sampler: GreenListSampler, work: GreenWork, offset = 0, stride = 1): GreenWorkResult {
  const words = (sampler.vocabSize + 31) >>> 5;
  let numBitsets = 0;
  for (let k = offset; k < work.seeds.length; k += stride) if (work.targets[k] < 0) numBitsets++;
  const bits = new Uint32Array(numBitsets * words);
  const answers = new Uint8Array(work.seeds.length);
  let b = 0;
  for (let k = offset; k < work.seeds.length; k += stride) {
    if (work.targets[k] < 0) bits.set(sampler.greenBitset(work.seeds[k]), words * b++);
    else answers[k] = sampler.isGreen(work.seeds[k], work.targets[k]) ? 1 : 0;
  }
  return { bits, answers };
}

/** Primes the oracle with the results of runGreenWork(…, offset, stride). */
export function primeGreenWork(oracle: GreenOracle, work: GreenWork, result: GreenWorkResult, offset = 0, stride = 1): void {
  const words = (oracle.sampler.vocabSize + 31) >>> 5;
  let b = 0;
  for (let k = offset; k < work.seeds.length; k += stride) {
    if (work.targets[k] < 0) oracle.primeBitset(work.seeds[k], result.bits.subarray(words * b, words * ++b));
    else oracle.primeAnswer(work.seeds[k], work.targets[k], result.answers[k] === 1);
  }
}
