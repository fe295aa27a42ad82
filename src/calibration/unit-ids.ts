// The identity of a test unit: its (seed32, target) pair as one number, exactly as scoreIds keys its
// deduplication. Knowing a unit's identity needs only the seeder (millions of seeds per second), never
// a green list, which is what lets the calibration be fitted on a whole reference sample at compile
// time: which units are frequent in human text is a question about identities, not colours.
import type { ReferenceScore } from '../score/score-ids';
import type { Seeder } from '../seeding/seeder';

/** Targets below this are packed with the seed into one exact double; scoreIds uses the same span. */
export const TARGET_SPAN = 2 ** 21;

/** seed32 · 2^21 + target (exact: below 2^53). Targets outside [0, 2^21) get NaN (never matched). */
export function unitId(seed32: number, target: number): number {
  return target >= 0 && target < TARGET_SPAN && Number.isInteger(target) ? seed32 * TARGET_SPAN + target : NaN;
}

/** The position a seeder scores first: the first one with a full context. */
export function firstScoredPosition(seeder: Seeder): number {
  return seeder.selfSalt ? seeder.contextWidth - 1 : seeder.contextWidth;
}

/**
 * The unit identity of every position of `ids` (NaN before the context is complete). Position t is
 * seeded by ids[t − h, t), or by ids[t − h + 1, t] when self-salted, as scoreIds does.
 */
export function positionUnitIds(seeder: Seeder, ids: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ids.length).fill(NaN);
  const selfSalt = seeder.selfSalt;
  for (let t = firstScoredPosition(seeder); t < ids.length; t++) {
    out[t] = unitId(seeder.seed32(ids, selfSalt ? t + 1 : t), ids[t]);
  }
  return out;
}

/**
 * The identities of a score's independent units, in the score's unit order. `ids` are the ids given
 * to scoreIds (BOS included when it was there: score.firstScoredIndex accounts for it).
 */
export function scoreUnitIds(seeder: Seeder, ids: ArrayLike<number>, score: ReferenceScore): Float64Array {
  const { position, numUnits } = score.units;
  const out = new Float64Array(numUnits);
  const selfSalt = seeder.selfSalt;
  for (let u = 0; u < numUnits; u++) {
    const t = score.firstScoredIndex + position[u];
    out[u] = unitId(seeder.seed32(ids, selfSalt ? t + 1 : t), ids[t]);
  }
  return out;
}
