import { describe, expect, it } from 'vitest';
import { GreenListSampler } from '../rng/green-list';
import { lmwSeeder } from '../seeding/seeder';
import { GreenOracle } from './green-oracle';
import { planGreenWork, primeGreenWork, runGreenWork, runGreenWorkShared } from './green-work';
import { scoreIds } from './score-ids';
import type { ScoringKey } from './scoring-key';

function key(seeding: 'lefthash' | 'selfhash', oracle: GreenOracle): ScoringKey {
  const scheme = seeding === 'lefthash' ? { prfType: 'additive_prf', contextWidth: 1, selfSalt: false } : { prfType: 'anchored_minhash_prf', contextWidth: 4, selfSalt: true };
  return { flavour: 'lm-watermarking', seeder: lmwSeeder({ ...scheme, hashKey: 15485863n } as never), oracle, gamma: 0.25, ignoreRepeatedNgrams: true, bosTokenId: 50256 };
}

/** Text-like ids: a few frequent tokens, many rare ones, some out of the vocabulary and a leading BOS. */
function ids(count: number): number[] {
  let x = 12345;
  const out = [50256];
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(x % 7 === 0 ? 60000 + (x % 5) : x % 3 === 0 ? 262 + (x % 20) : x % 50257);
  }
  return out;
}

describe('green work planned, run in two halves elsewhere and primed', () => {
  it.each(['lefthash', 'selfhash'] as const)('%s: scoreIds gives the same score as computing everything itself', (seeding) => {
    const input = ids(1500);
    const expected = scoreIds(key(seeding, new GreenOracle(50257, 0.25, true)), input);

    const oracle = new GreenOracle(50257, 0.25, true);
    const k = key(seeding, oracle);
    expect(oracle.empty).toBe(true);
    const work = planGreenWork(k, input);
    expect(work.seeds.length).toBeGreaterThan(100);
    // Grouped by context: lefthash's contexts recur with several targets each.
    const most = Math.max(...work.seeds.map((_, k) => work.starts[k + 1] - work.starts[k]));
    if (seeding === 'lefthash') expect(most).toBeGreaterThan(5);
    expect(new Set(work.seeds).size).toBe(work.seeds.length);
    // The two halves, on two different samplers (as on two threads), one on the JavaScript loops.
    const even = runGreenWork(new GreenListSampler(50257, 0.25, true), work, 0, 2);
    const odd = runGreenWork(new GreenListSampler(50257, 0.25, true, { wasm: false }), work, 1, 2);
    // Chunks claimed from a shared counter (as the CLI's two threads do) give the same answers.
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const shared = new Uint8Array(new SharedArrayBuffer(work.targets.length));
    counter[0] = 5; // another thread took the first chunk of 5 contexts
    runGreenWorkShared(new GreenListSampler(50257, 0.25, true), work, counter, shared, 7);
    runGreenWorkShared(new GreenListSampler(50257, 0.25, true), { ...work, seeds: work.seeds.subarray(0, 5) }, new Int32Array(1), shared);
    expect(Array.from(shared)).toEqual(Array.from(runGreenWork(new GreenListSampler(50257, 0.25, true, { wasm: false }), work)));
    // Read by position, without the oracle: the same score, and the oracle is left untouched.
    const answers = runGreenWork(new GreenListSampler(50257, 0.25, true), work);
    const planned = scoreIds(k, input, { slots: work.slots, answers });
    expect(planned.greenMask).toEqual(expected.greenMask);
    expect(planned.units).toEqual(expected.units);
    expect(planned.numGreenTokens).toBe(expected.numGreenTokens);
    for (let k = 0; k < work.seeds.length; k++) {
      for (let p = work.starts[k]; p < work.starts[k + 1]; p++) expect(oracle.cached(work.seeds[k], work.targets[p])).toBe(false);
    }
    // Every position scored with a target in the vocabulary has its slot, holding that very target.
    const stripped = input.slice(1);
    for (let t = seeding === 'lefthash' ? 1 : 3; t < stripped.length; t++) {
      if (stripped[t] < 50257) expect(work.targets[work.slots[t]]).toBe(stripped[t]);
      else expect(work.slots[t]).toBe(-1);
    }
    primeGreenWork(oracle, work, even, 0, 2);
    primeGreenWork(oracle, work, odd, 1, 2);
    for (let k = 0; k < work.seeds.length; k++) {
      for (let p = work.starts[k]; p < work.starts[k + 1]; p++) expect(oracle.cached(work.seeds[k], work.targets[p])).toBe(true);
    }
    expect(oracle.empty).toBe(false);
    // Nothing left to do (no slots: the oracle answers), and the same answers.
    const again = planGreenWork(k, input);
    expect(again.seeds.length).toBe(0);
    expect(again.slots.every((slot) => slot === -1)).toBe(true);
    const primed = scoreIds(k, input);
    expect(primed.greenMask).toEqual(expected.greenMask);
    expect(primed.units).toEqual(expected.units);
    expect(primed.numGreenTokens).toBe(expected.numGreenTokens);
  });
});
