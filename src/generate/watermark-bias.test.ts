import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoringKeyFor } from '../detector/scoring-key-for';
import { parseKeySetDocument } from '../keyset/parse';
import type { KgwKeySpec as KeySpec } from '../keyset/types';
import { bitsetHas } from '../rng/green-list';
import { scoreIds } from '../score/score-ids';
import { Prng } from './prng';
import { HF_SELF_HASH_CANDIDATES, LMW_SELF_HASH_CANDIDATES, WatermarkBias, biasKeyFor, topByLogit } from './watermark-bias';
import { kgwKeyOf } from '../keyset/kgw-key';

const bundled = parseKeySetDocument(readFileSync(new URL('../../public/keysets/reference-defaults.json', import.meta.url)));
const lefthash = kgwKeyOf(bundled.keys.find((k) => k.kid === 'lmw-lefthash')!);
const selfhash = kgwKeyOf(bundled.keys.find((k) => k.kid === 'lmw-selfhash')!);
const hfSelfhash = kgwKeyOf(parseKeySetDocument(
  JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'org.example.hf',
    name: 'HF selfhash',
    publisher: { name: 'test' },
    version: 1,
    issued: '2026-01-01T00:00:00Z',
    keys: [
      {
        kid: 'hf-selfhash',
        scheme: 'kgw',
        implementation: 'hf-transformers',
        seeding: 'selfhash',
        contextWidth: 3,
        hashKey: 7919,
        gamma: 0.25,
        vocabSize: 50257,
        rng: 'torch-cpu',
        tokenizer: { encoding: 'gpt2' },
      },
    ],
  }),
).keys[0]);

function randomCase(rng: Prng, n = 2000): { history: number[]; candidates: Int32Array; logits: Float64Array } {
  const history = Array.from({ length: 6 }, () => rng.nextUint32() % 50257);
  const ids = new Set<number>();
  while (ids.size < n) ids.add(rng.nextUint32() % 50300); // a few ids beyond V = 50257: never green
  const candidates = Int32Array.from([...ids].sort((a, b) => a - b));
  // Coarse logits, so that ties occur and their order matters.
  const logits = Float64Array.from(candidates, () => Math.round(rng.nextFloat() * 40) / 4 - 10);
  return { history, candidates, logits };
}

/**
 * The reference's selection, written out independently: full sort (ties by position), first k, bitset
 * membership. Also returns the candidate ranked last among the k.
 */
function referenceSelfHashGreen(spec: KeySpec, history: number[], candidates: Int32Array, logits: Float64Array, k: number): { green: number[]; last: number } {
  const { seeder, oracle } = scoringKeyFor(spec);
  const h = seeder.contextWidth;
  const order = [...candidates.keys()].sort((a, b) => logits[b] - logits[a] || a - b);
  const green = order.slice(0, k).filter((i) => {
    const window = [...history.slice(history.length - (h - 1)), candidates[i]];
    return bitsetHas(oracle.sampler.greenBitset(seeder.seed32(window, h)), candidates[i]);
  });
  return { green, last: order[k - 1] };
}

describe('WatermarkBias, not self-salted (lefthash)', () => {
  it('adds δ to exactly the green candidates for the seed of the last token', () => {
    const rng = new Prng(11);
    const { seeder, oracle } = scoringKeyFor(lefthash);
    const bias = new WatermarkBias(biasKeyFor(lefthash), 2);
    for (let trial = 0; trial < 4; trial++) {
      const { history, candidates, logits } = randomCase(rng, 1200);
      const before = logits.slice();
      const favoured = bias.apply(history, candidates, logits);
      // Membership through the other code path (placement of one target, not the bitset).
      const seed = seeder.seed32(history, history.length);
      const green = [...candidates.keys()].filter((i) => oracle.sampler.isGreen(seed, candidates[i]));
      expect(favoured).toEqual(green);
      expect(favoured.length / candidates.length).toBeGreaterThan(0.2);
      expect(favoured.length / candidates.length).toBeLessThan(0.3);
      for (let i = 0; i < logits.length; i++) expect(logits[i]).toBe(before[i] + (favoured.includes(i) ? 2 : 0));
      expect(favoured.every((i) => candidates[i] < lefthash.vocabSize)).toBe(true);
    }
  });

  it('biases nothing while there is no token to seed from', () => {
    const bias = new WatermarkBias(biasKeyFor(lefthash), 2);
    const logits = new Float64Array([0, 1, 2]);
    expect(bias.apply([], Int32Array.from([1, 2, 3]), logits)).toEqual([]);
    expect(Array.from(logits)).toEqual([0, 1, 2]);
  });
});

describe('WatermarkBias, self-salted (selfhash rejection sampling)', () => {
  it('starts biasing where each reference does: lm-watermarking once h − 1 ids precede, HF once context_width do', () => {
    const candidates = Int32Array.from({ length: 400 }, (_, i) => i * 97);
    const favouredAfter = (spec: KeySpec, n: number) => new WatermarkBias(biasKeyFor(spec), 2).apply([464, 3162, 286, 1578].slice(0, n), candidates, new Float64Array(400)).length;
    expect(selfhash.contextWidth).toBe(4);
    expect(favouredAfter(selfhash, 2)).toBe(0);
    expect(favouredAfter(selfhash, 3)).toBeGreaterThan(0);
    expect(hfSelfhash.contextWidth).toBe(3);
    expect(favouredAfter(hfSelfhash, 2)).toBe(0);
    expect(favouredAfter(hfSelfhash, 3)).toBeGreaterThan(0);
  });

  it('uses the reference candidate counts: 41 for lm-watermarking, 40 for HF', () => {
    expect(biasKeyFor(selfhash).selfHashCandidates).toBe(LMW_SELF_HASH_CANDIDATES);
    expect(LMW_SELF_HASH_CANDIDATES).toBe(41);
    expect(biasKeyFor(hfSelfhash).selfHashCandidates).toBe(HF_SELF_HASH_CANDIDATES);
    expect(HF_SELF_HASH_CANDIDATES).toBe(40);
    expect(biasKeyFor(lefthash).seeder.selfSalt).toBe(false);
  });

  for (const spec of [selfhash, hfSelfhash]) {
    it(`${spec.kid}: favours exactly the green candidates among the top k, each seeded from h − 1 tokens + itself`, () => {
      const rng = new Prng(spec === selfhash ? 5 : 6);
      const key = biasKeyFor(spec);
      const bias = new WatermarkBias(key, 2);
      let lastCheckedWasGreen = 0;
      for (let trial = 0; trial < 40; trial++) {
        const { history, candidates, logits } = randomCase(rng, 300);
        const before = logits.slice();
        const favoured = bias.apply(history, candidates, logits);
        const expected = referenceSelfHashGreen(spec, history, candidates, before, key.selfHashCandidates);
        expect(favoured).toEqual(expected.green);
        for (let i = 0; i < logits.length; i++) expect(logits[i]).toBe(before[i] + (favoured.includes(i) ? 2 : 0));
        if (expected.green.includes(expected.last)) lastCheckedWasGreen++;
      }
      // Cases where the k-th candidate is green, so that checking one candidate fewer (or more) would fail.
      expect(lastCheckedWasGreen).toBeGreaterThan(0);
    });
  }

  it('agrees with the detector: with an overwhelming δ every scored token comes out green', () => {
    // Greedy decoding over random logits, biased with δ = 1000: the detector must see all green
    // (unless none of the top 41 candidates is green, which has probability 0.75^41 ≈ 8e-6 per step).
    for (const spec of [lefthash, selfhash]) {
      const rng = new Prng(21);
      const bias = new WatermarkBias(biasKeyFor(spec), 1000);
      const candidates = Int32Array.from({ length: 3000 }, (_, i) => i * 16);
      const ids = [464, 3162, 286];
      for (let step = 0; step < 60; step++) {
        const logits = Float64Array.from(candidates, () => rng.nextFloat() * 10);
        bias.apply(ids, candidates, logits);
        ids.push(candidates[topByLogit(logits, 1)[0]]);
      }
      const score = scoreIds(scoringKeyFor(spec), ids);
      // Mask entry w is the token at firstScoredIndex + w; the 3 prompt tokens were not generated.
      const generated = Array.from(score.greenMask).filter((_, w) => score.firstScoredIndex + w >= 3);
      expect(generated).toHaveLength(60);
      expect(generated.every((g) => g === 1)).toBe(true);
    }
  });
});

describe('topByLogit', () => {
  it('returns the k largest, largest first, ties in index order, NaN never', () => {
    expect(topByLogit([1, 5, 3, 5, NaN, 4, -Infinity], 4)).toEqual([1, 3, 5, 2]);
    expect(topByLogit([2, 2, 2], 2)).toEqual([0, 1]);
    expect(topByLogit([1, 2], 5)).toEqual([1, 0]);
  });
});
