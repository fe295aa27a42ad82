import type { ReferenceScore } from './score-ids';

/** The 0/1 vector the reference's statistics run over: the green mask at counted positions only. */
export function countedGreenVector(score: ReferenceScore): Uint8Array {
  const out = new Uint8Array(score.numTokensScored);
  let k = 0;
  for (let w = 0; w < score.greenMask.length; w++) if (score.counted[w]) out[k++] = score.greenMask[w];
  return out;
}
