// The calibrated layer's test units for SynthID (design §4/§5): a repeated n-gram (same context and
// token) has the same hash, hence the same g-values in every layer, so among the positions the reference
// scores each distinct n-gram hash counts once. Distinct n-grams are independent under no watermark;
// the layers of one n-gram are not assumed to be (null-law.ts).
import type { SynthIdPositions } from './g-values';

export interface SynthIdUnits {
  /** Distinct scored n-grams. */
  numUnits: number;
  /** Scored-position index (into the n-gram positions) of each unit's first occurrence, in text order. */
  position: Int32Array;
  /** Each unit's statistic: Σ_l w_l·g_l over its layers. */
  value: Float64Array;
}

export function independentUnits(positions: SynthIdPositions, weights: Float64Array): SynthIdUnits {
  const { numPositions, depth, mask, gValues, ngramHashHi, ngramHashLo } = positions;
  const seen = new Set<string>();
  const position: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < numPositions; i++) {
    if (!mask[i]) continue;
    const id = `${ngramHashHi[i]}:${ngramHashLo[i]}`;
    if (seen.has(id)) continue;
    seen.add(id);
    position.push(i);
    let v = 0;
    for (let l = 0; l < depth; l++) if (gValues[i * depth + l]) v += weights[l];
    value.push(v);
  }
  return { numUnits: position.length, position: Int32Array.from(position), value: Float64Array.from(value) };
}
