// The identity of a test unit: its (seed32, target) pair as one number, exactly as scoreIds keys its
// deduplication. Knowing a unit's identity needs only the seeder (millions of seeds per second), never
// a green list, which is what lets the calibration be fitted on a whole reference sample at compile
// time: which units are frequent in human text is a question about identities, not colours.
import type { ReferenceScore } from '../score/score-ids';
import { unitId } from '../score/unit-id';
import { firstScoredPosition, type Seeder } from '../seeding/seeder';

export { TARGET_SPAN, unitId } from '../score/unit-id';

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

/** The identities of a score's independent units, in the score's unit order (scoreIds records them). */
export function scoreUnitIds(score: ReferenceScore): Float64Array {
  return score.units.id;
}
