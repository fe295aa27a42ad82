// A test unit's identity, the (seed32, target) pair, packed into one exact number. Shared by the
// scorer's deduplication, the green-list answer cache, the calibration and the evaluation, so all of
// them mean the same unit by the same number.

/** Targets below this are packed with the seed into one double below 2^53 (seed32 · 2^21 + target). */
export const TARGET_SPAN = 2 ** 21;

/** seed32 · 2^21 + target, exact; NaN for a target outside [0, 2^21) (such units are never matched). */
export function unitId(seed32: number, target: number): number {
  return target >= 0 && target < TARGET_SPAN && Number.isInteger(target) ? seed32 * TARGET_SPAN + target : NaN;
}
