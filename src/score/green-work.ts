// Green-list work planned ahead of scoring, so that it can be split across threads: the distinct
// (seed, target) pairs a token sequence will ask about, grouped by seed (one pass of the shuffle
// answers all of a seed's targets: GreenListSampler.greenMany), computed by any sampler of the key's
// geometry and then primed into the key's oracle as answers. scoreIds afterwards finds every answer
// cached, so its result is exactly what it would have computed itself; only where the work runs
// changes. The CLI splits it with a worker thread.
import type { GreenListSampler } from '../rng/green-list';
import type { GreenOracle } from './green-oracle';
import type { ScoringKey } from './scoring-key';
import { firstScoredPosition } from '../seeding/seeder';

/** The targets of seed k are targets[starts[k]] … targets[starts[k + 1] - 1], distinct. */
export interface GreenWork {
  seeds: Uint32Array;
  starts: Int32Array;
  targets: Int32Array;
}

/** A line's planned work, and where each of its positions finds its answer. */
export interface PlannedGreenWork extends GreenWork {
  /**
   * Per index of the ids (after a leading BOS is dropped, as scoreIds drops it): the entry of `targets`
   * holding the answer for the pair scored there, or -1 (not scored, outside the vocabulary, already
   * cached by the oracle, or over the priming bound): what scoreIds reads with `planned` answers.
   */
  slots: Int32Array;
}

/** Generator draws the work takes at most (one pass per seed; a pass stops early only if all its targets are green). */
export function greenWorkDraws(work: GreenWork, sampler: GreenListSampler): number {
  const steps = sampler.selectGreenTokens ? sampler.size : sampler.vocabSize - sampler.size;
  return work.seeds.length * steps;
}

// A seed with more targets than this is split into several passes (the kernel tracks up to 4096).
const MAX_TARGETS_PER_PASS = 4096;

// Multipliers of the planner's hash tables, odd and drawn per process, so that no input can be made
// to collide in them on purpose (the tables' layout never shows in a result).
const HASH_A = (Math.random() * 2 ** 32) | 1;
const HASH_B = (Math.random() * 2 ** 32) | 1;

/**
 * The pairs scoring `input` under `key` would ask about that the oracle has not cached, bounded so
 * that priming them cannot evict one another (whatever is left out is computed by scoreIds as usual).
 * Typed arrays and open addressing instead of Maps and Sets: this runs once per line in a process that
 * has just started, where Map traffic over 20,000 positions cost several times the loop itself.
 */
export function planGreenWork(key: ScoringKey, input: ArrayLike<number>): PlannedGreenWork {
  const bos = key.bosTokenId !== null && input.length > 0 && input[0] === key.bosTokenId;
  const ids = bos ? (Array.prototype.slice.call(input, 1) as number[]) : input;
  const { selfSalt } = key.seeder;
  const vocabSize = key.oracle.sampler.vocabSize;
  const maxPairs = key.oracle.primeCapacity();
  // The positions scoreIds scores: the first with a full context onwards.
  const first = firstScoredPosition(key.seeder);
  const slots = new Int32Array(ids.length).fill(-1);
  const capacity = Math.max(0, Math.min(ids.length - first, maxPairs));
  const bits = Math.max(4, Math.ceil(Math.log2(2 * capacity + 1)));
  const shift = 32 - bits;
  const mask = (1 << bits) - 1;
  // Distinct pairs in first-occurrence order, each with its seed's group; pairTable/groupTable hold index + 1.
  const pairSeed = new Uint32Array(capacity);
  const pairTarget = new Int32Array(capacity);
  const pairGroup = new Int32Array(capacity);
  const pairTable = new Int32Array(mask + 1);
  const groupSeed = new Uint32Array(capacity);
  const groupSize = new Int32Array(capacity);
  const groupTable = new Int32Array(mask + 1);
  let pairs = 0;
  let groups = 0;
  // A fresh process's oracle (the first line of `wmlens score`) has nothing to look up.
  const nothingCached = key.oracle.empty;
  for (let t = first; t < ids.length && pairs < maxPairs; t++) {
    const target = ids[t];
    if (!(target >>> 0 === target && target < vocabSize)) continue; // never green, nothing to compute
    const seed = key.seeder.seed32(ids, selfSalt ? t + 1 : t);
    let at = Math.imul((seed + Math.imul(target, HASH_B)) | 0, HASH_A) >>> shift;
    let pair = pairTable[at] - 1;
    while (pair >= 0 && !(pairSeed[pair] === seed && pairTarget[pair] === target)) {
      at = (at + 1) & mask;
      pair = pairTable[at] - 1;
    }
    if (pair >= 0) {
      slots[t] = pair;
      continue;
    }
    if (!nothingCached && key.oracle.cached(seed, target)) continue;
    pair = pairs++;
    pairTable[at] = pair + 1;
    pairSeed[pair] = seed;
    pairTarget[pair] = target;
    let gat = Math.imul(seed, HASH_A) >>> shift;
    let group = groupTable[gat] - 1;
    while (group >= 0 && groupSeed[group] !== seed) {
      gat = (gat + 1) & mask;
      group = groupTable[gat] - 1;
    }
    if (group < 0) {
      group = groups++;
      groupTable[gat] = group + 1;
      groupSeed[group] = seed;
    }
    pairGroup[pair] = group;
    groupSize[group]++;
    slots[t] = pair;
  }
  // Each group's targets contiguous, groups in first-occurrence order; a group of more than
  // MAX_TARGETS_PER_PASS targets is split into several passes of the same seed.
  let passes = 0;
  for (let g = 0; g < groups; g++) passes += Math.ceil(groupSize[g] / MAX_TARGETS_PER_PASS);
  const seeds = new Uint32Array(passes);
  const starts = new Int32Array(passes + 1);
  const next = new Int32Array(groups); // where each group's next target goes
  let pass = 0;
  let end = 0;
  for (let g = 0; g < groups; g++) {
    next[g] = end;
    for (let from = 0; from < groupSize[g]; from += MAX_TARGETS_PER_PASS) {
      seeds[pass] = groupSeed[g];
      starts[pass++] = end + from;
    }
    end += groupSize[g];
  }
  starts[passes] = end;
  const targets = new Int32Array(pairs);
  const place = new Int32Array(pairs);
  for (let p = 0; p < pairs; p++) {
    const at = next[pairGroup[p]]++;
    targets[at] = pairTarget[p];
    place[p] = at;
  }
  for (let t = first; t < ids.length; t++) if (slots[t] >= 0) slots[t] = place[slots[t]];
  return { seeds, starts, targets, slots };
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
