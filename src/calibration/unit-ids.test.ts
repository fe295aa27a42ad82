import { describe, expect, it } from 'vitest';
import { scoringKeyFor } from '../detector/scoring-key-for';
import { parseKeySetDocument } from '../keyset/parse';
import { scoreIds } from '../score/score-ids';
import type { KeyedSeeder } from '../seeding/seeder';
import { mulberry32 } from '../stats/seeded-random';
import { TARGET_SPAN, positionUnitIds, scoreUnitIds, unitId } from './unit-ids';
import { kgwKeyOf } from '../keyset/kgw-key';

function keyDocument(seeding: string, hashKey = 15485863): string {
  return JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'test',
    name: 'test',
    publisher: { name: 'test' },
    version: 1,
    issued: '2026-01-01T00:00:00Z',
    keys: [
      {
        kid: 'k',
        scheme: 'kgw',
        implementation: 'lm-watermarking',
        seeding,
        hashKey,
        gamma: 0.25,
        vocabSize: 50257,
        rng: 'torch-cpu',
        tokenizer: { encoding: 'gpt2' },
        bosTokenId: 50256,
        detection: { ignoreRepeatedNgrams: true, normalizers: [] },
      },
    ],
  });
}

const specFor = (seeding: string) => kgwKeyOf(parseKeySetDocument(keyDocument(seeding)).keys[0]);

describe('unit identities', () => {
  it('pack (seed, target) exactly and refuse targets outside the packed span', () => {
    expect(unitId(0xffffffff, TARGET_SPAN - 1)).toBe(0xffffffff * TARGET_SPAN + TARGET_SPAN - 1);
    expect(Number.isSafeInteger(unitId(0xffffffff, TARGET_SPAN - 1))).toBe(true);
    expect(unitId(5, TARGET_SPAN)).toBeNaN();
    expect(unitId(5, -1)).toBeNaN();
  });

  it.each(['lefthash', 'selfhash', 'minhash'])('%s: a score’s unit ids are distinct and match the positions’ ids', (seeding) => {
    const key = scoringKeyFor(specFor(seeding));
    const rand = mulberry32(3);
    // Small alphabet: plenty of repeated contexts and repeated (seed, target) pairs.
    const ids = [50256, ...Array.from({ length: 400 }, () => 100 + Math.floor(rand() * 12))];
    const score = scoreIds(key, ids);
    const units = scoreUnitIds(score);
    expect(units.length).toBe(score.units.numUnits);
    expect(new Set(units).size).toBe(units.length);
    // BOS dropped: position t of the stripped ids is t + 1 of the given ones.
    const byPosition = positionUnitIds(key.seeder, ids.slice(1));
    const all = new Set(Array.from(byPosition).filter((u) => !Number.isNaN(u)));
    expect(new Set(units)).toEqual(all);
  });
});

describe('selfhash: anchor-is-target positions count once per token', () => {
  // design §4: when the anchor (the scored token itself) has the smallest salted hash of its window,
  // the anchored min-hash seed depends on that token alone; such positions must form a single unit
  // per token, which the (seed, target) dedup gives without a special case.
  const spec = specFor('selfhash');
  const key = scoringKeyFor(spec);
  const seeder = key.seeder as KeyedSeeder;

  it('two different contexts whose minimum is the anchor give the same seed, and one unit', () => {
    const rand = mulberry32(9);
    const target = 262; // " the"
    // Find two 3-token contexts in which the target is its window's minimiser.
    const contexts: number[][] = [];
    for (let tries = 0; tries < 20000 && contexts.length < 2; tries++) {
      const ctx = Array.from({ length: 3 }, () => 1000 + Math.floor(rand() * 40000));
      const window = [...ctx, target];
      const selfOnly = seeder.prfKey([target, target, target, target], 4);
      if (seeder.prfKey(window, 4) === selfOnly) contexts.push(ctx);
    }
    expect(contexts).toHaveLength(2);
    const [a, b] = contexts;
    expect(seeder.seed32([...a, target], 4)).toBe(seeder.seed32([...b, target], 4));

    // In one text the target follows both contexts: distinct 4-grams for the reference (counted twice),
    // one unit for the calibrated layer.
    const ids = [...a, target, ...b, target];
    const score = scoreIds(key, ids);
    const targetPositions = [3, 7].map((t) => t - score.firstScoredIndex);
    expect(targetPositions.every((w) => score.counted[w] === 1)).toBe(true);
    const units = Array.from(scoreUnitIds(score));
    const targetUnit = unitId(seeder.seed32(ids, 4), target);
    expect(units.filter((u) => u === targetUnit)).toHaveLength(1);
    expect(score.units.numUnits).toBe(score.numTokensScored - 1);
  });
});
