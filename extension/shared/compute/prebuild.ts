// Building the green lists (and single answers) of the contexts human text meets most
// (frequent-contexts.ts) ahead of any page, a few at a time, into the core's caches: a detection Worker
// runs it while idle after a start and hands what it built to the pool, which primes the other Workers
// with it. Workers share the lists and answers they build while scoring the same way: each Worker has
// its own caches, and on a page whose texts share their vocabulary two Workers otherwise build nearly
// every list twice (the 500-post bench page: 1,487 lists each, as many as one cache for the whole page). A list or answer depends only on the geometry (V, γ, head or tail)
// and the seed (and target): built here or by the core's own miss path, it is the same.
import type { CompiledKeySet } from '../../../src/detect';
import { greenOracleFor, type GreenOracle } from '../../../src/score/green-oracle';
import { frequentContextsFor, type FrequentContextsFile } from './frequent-contexts';

/** What one step built, for one geometry: sent between Workers and saved by the green-list store. */
export interface PrebuiltLists {
  vocabSize: number;
  gamma: number;
  selectGreenTokens: boolean;
  seeds: Uint32Array;
  /** `seeds.length` bitsets of equal length, back to back. */
  bits: Uint32Array;
  /** (seed, target, green 0 | 1) triples. */
  answers: Uint32Array;
}

export interface PrebuildJob {
  oracle: GreenOracle;
  bitsets: readonly number[];
  answers: readonly number[];
  /** Contexts done so far: lists first, then answer pairs. */
  next: number;
}

/** One job per KGW key of the sets that has shipped contexts (keys sharing an oracle each get theirs). */
export function prebuildJobs(sets: readonly CompiledKeySet[], file: FrequentContextsFile | undefined): PrebuildJob[] {
  const jobs: PrebuildJob[] = [];
  for (const set of sets) {
    for (const key of set.keys) {
      const c = frequentContextsFor(file, key.spec);
      if (c !== undefined && c.bitsets.length + c.answers.length > 0) jobs.push({ oracle: key.scoring.oracle, bitsets: c.bitsets, answers: c.answers, next: 0 });
    }
  }
  return jobs;
}

export function jobDone(job: PrebuildJob): boolean {
  return job.next >= job.bitsets.length + job.answers.length / 2;
}

/** What one step built, unpacked: `lists[i]` is the bitset of `seeds[i]`; answers as (seed, target, green) triples. */
export interface BuiltStep {
  oracle: GreenOracle;
  seeds: number[];
  lists: Uint32Array[];
  answers: number[];
}

/**
 * Builds up to `maxLists` lists and `maxAnswers` answers of the job's contexts that its oracle has
 * not cached and primes the oracle with them; returns them (undefined when nothing was built).
 * `maxAnswers` counts separately: an answer costs a fraction of a list (the shuffle stops once the
 * target's place is known).
 */
export function buildStep(job: PrebuildJob, maxLists: number, maxAnswers: number): BuiltStep | undefined {
  const { oracle } = job;
  const { sampler } = oracle;
  const seeds: number[] = [];
  const lists: Uint32Array[] = [];
  const answers: number[] = [];
  while (job.next < job.bitsets.length && lists.length < maxLists) {
    const seed = job.bitsets[job.next++] >>> 0;
    if (oracle.bitsets.peek(seed)) continue;
    const bits = sampler.greenBitset(seed);
    oracle.primeBitset(seed, bits);
    seeds.push(seed);
    lists.push(bits);
  }
  while (job.next >= job.bitsets.length && !jobDone(job) && answers.length < 3 * maxAnswers) {
    const at = 2 * (job.next++ - job.bitsets.length);
    const seed = job.answers[at] >>> 0;
    const target = job.answers[at + 1];
    if (oracle.cached(seed, target)) continue;
    const green = sampler.isGreen(seed, target);
    oracle.primeAnswer(seed, target, green);
    answers.push(seed, target, green ? 1 : 0);
  }
  return seeds.length === 0 && answers.length === 0 ? undefined : { oracle, seeds, lists, answers };
}

/** buildStep, packed into one message's worth of buffers (for other Workers). */
export function prebuildStep(job: PrebuildJob, maxLists: number, maxAnswers: number): PrebuiltLists | undefined {
  const step = buildStep(job, maxLists, maxAnswers);
  return step && packBuilt(step.oracle, step.seeds, step.lists, step.answers);
}

/**
 * What an oracle built, in one message's worth of buffers (undefined when empty). `lists` are the
 * bitsets of `seeds`; `answers` flattened (seed, target, green 0 | 1) triples.
 */
export function packBuilt(oracle: GreenOracle, seeds: readonly number[], lists: readonly Uint32Array[], answers: readonly number[]): PrebuiltLists | undefined {
  if (seeds.length === 0 && answers.length === 0) return undefined;
  const words = lists[0]?.length ?? 0;
  const bits = new Uint32Array(lists.length * words);
  lists.forEach((l, i) => bits.set(l, i * words));
  const { sampler } = oracle;
  return {
    vocabSize: sampler.vocabSize,
    gamma: sampler.gamma,
    selectGreenTokens: sampler.selectGreenTokens,
    seeds: Uint32Array.from(seeds),
    bits,
    answers: Uint32Array.from(answers),
  };
}

/** The lists of `p`, one array each (views into p.bits). */
export function unpackLists(p: PrebuiltLists): Array<{ seed: number; bits: Uint32Array }> {
  const n = p.seeds.length;
  if (n === 0) return [];
  const words = p.bits.length / n;
  return Array.from(p.seeds, (seed, i) => ({ seed, bits: p.bits.subarray(i * words, (i + 1) * words) }));
}

/** Primes this thread's oracle of p's geometry with what another thread built. */
export function primePrebuilt(p: PrebuiltLists): void {
  const oracle = greenOracleFor(p.vocabSize, p.gamma, p.selectGreenTokens);
  for (const { seed, bits } of unpackLists(p)) oracle.primeBitset(seed, bits);
  for (let i = 0; i + 2 < p.answers.length; i += 3) {
    if (!oracle.cached(p.answers[i], p.answers[i + 1])) oracle.primeAnswer(p.answers[i], p.answers[i + 1], p.answers[i + 2] === 1);
  }
}
