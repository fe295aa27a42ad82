import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKeySet, detect } from '../../../src/detect';
import { GreenListSampler } from '../../../src/rng/green-list';
import { clearGreenCaches, greenOracleFor, GreenOracle } from '../../../src/score/green-oracle';
import { humanFiller } from '../../../e2e/texts';
import type { FrequentContextsFile } from './frequent-contexts';
import { jobDone, prebuildJobs, prebuildStep, primePrebuilt, unpackLists, type PrebuildJob, type PrebuiltLists } from './prebuild';

const root = join(import.meta.dirname, '..', '..', '..');
const document = readFileSync(join(root, 'public/keysets/reference-defaults.json'), 'utf8');
const shipped = JSON.parse(readFileSync(join(import.meta.dirname, 'frequent-contexts.json'), 'utf8')) as FrequentContextsFile;

function runAll(job: PrebuildJob, lists = 7, answers = 50): PrebuiltLists[] {
  const out: PrebuiltLists[] = [];
  while (!jobDone(job)) {
    const step = prebuildStep(job, lists, answers);
    if (step !== undefined) out.push(step);
  }
  return out;
}

describe('prebuilding green lists', () => {
  it('builds lists and answers equal to the plain-JavaScript sampler’s, a bounded number per step, skipping what is cached', () => {
    const V = 2000;
    const oracle = new GreenOracle(V, 0.25, true);
    const reference = new GreenListSampler(V, 0.25, true, { wasm: false });
    const cachedSeed = 99;
    oracle.isGreen(cachedSeed, 5, true); // builds its list
    const job: PrebuildJob = { oracle, bitsets: [11, cachedSeed, 12, 13, 14], answers: [21, 7, 22, 1999, 23, 0, 24, 5], next: 0 };
    const steps = runAll(job, 2, 3);
    expect(steps.map((s) => [s.seeds.length, s.answers.length / 3])).toEqual([[2, 0], [2, 3], [0, 1]]);
    const lists = steps.flatMap(unpackLists);
    expect(lists.map((l) => l.seed)).toEqual([11, 12, 13, 14]);
    for (const { seed, bits } of lists) {
      expect(bits).toEqual(reference.greenBitset(seed));
      expect(oracle.bitsets.get(seed)).toEqual(bits);
    }
    const answers = steps.flatMap((s) => [...s.answers]);
    expect(answers).toEqual([21, 7, +reference.isGreen(21, 7), 22, 1999, +reference.isGreen(22, 1999), 23, 0, +reference.isGreen(23, 0), 24, 5, +reference.isGreen(24, 5)]);
    for (let i = 0; i < answers.length; i += 3) expect(oracle.cached(answers[i], answers[i + 1])).toBe(true);
    // Everything cached now: a second pass builds nothing.
    expect(runAll({ ...job, next: 0 })).toEqual([]);
  });

  it('primes another thread’s oracle of the same geometry with what was built (lists equal, answers kept)', () => {
    const V = 1500;
    const builder = new GreenOracle(V, 0.5, true);
    const steps = runAll({ oracle: builder, bitsets: [3, 4], answers: [5, 6, 7, 8], next: 0 });
    clearGreenCaches();
    const other = greenOracleFor(V, 0.5, true);
    for (const s of steps) primePrebuilt(s);
    const reference = new GreenListSampler(V, 0.5, true, { wasm: false });
    expect(other.bitsets.get(3)).toEqual(reference.greenBitset(3));
    expect(other.bitsets.get(4)).toEqual(reference.greenBitset(4));
    expect([other.cached(5, 6), other.cached(7, 8), other.cached(5, 7)]).toEqual([true, true, false]);
    expect(other.isGreen(5, 6, false)).toBe(reference.isGreen(5, 6));
    expect(other.isGreen(7, 8, false)).toBe(reference.isGreen(7, 8));
    clearGreenCaches();
  });

  it('changes no answer of detect() on the bundled key set (shipped contexts prebuilt, then texts scored)', async () => {
    const set = await compileKeySet(document);
    const texts = humanFiller(12, 3);
    clearGreenCaches();
    const cold = texts.map((t) => detect(t, [set], { spans: true }));
    clearGreenCaches();
    const jobs = prebuildJobs([set], shipped);
    expect(jobs.map((j) => [j.bitsets.length > 0, j.answers.length > 0])).toEqual([[true, false], [false, true]]);
    let built = 0;
    for (const job of jobs) built += runAll(job, 64, 512).length;
    expect(built).toBeGreaterThan(0);
    const prebuilt = texts.map((t) => detect(t, [set], { spans: true }));
    expect(prebuilt).toEqual(cold);
    clearGreenCaches();
  }, 60_000);
});
