// The calibrated layer's test units for SynthID (design §4/§5): a repeated n-gram (same context and
// token) has the same hash, hence the same g-values in every layer, so among the positions the reference
// scores each distinct unit counts once. For the hash variant a unit is a distinct n-gram hash. For the
// table variant every layer's index is ((h + k_l)·M + 1) mod size, a function of h mod size alone, so two
// n-grams whose hashes agree mod the table size have the same g-values in every layer under any key: a
// unit is a distinct residue h mod size (with a 1024-entry table, ~10% of a 200-token text's n-grams
// share a residue with an earlier one). Distinct units are independent under no watermark; the layers of
// one unit are not assumed to be (null-law.ts).
import type { SynthIdPositions } from './g-values';
import { floorModInt64 } from './int64';

export interface SynthIdUnits {
  /** Distinct scored n-grams (hash variant) or hash residues (table variant). */
  numUnits: number;
  /** Scored-position index (into the n-gram positions) of each unit's first occurrence, in text order. */
  position: Int32Array;
  /** Each unit's statistic: Σ_l w_l·g_l over its layers. */
  value: Float64Array;
}

/** `tableSize`: the table variant's table size (a unit is then a residue of the hash); null for the hash variant. */
export function independentUnits(positions: SynthIdPositions, weights: Float64Array, tableSize: number | null): SynthIdUnits {
  const { numPositions, depth, mask, gValues, ngramHashHi, ngramHashLo } = positions;
  const seen = new Set<string | number>();
  const position: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < numPositions; i++) {
    if (!mask[i]) continue;
    const id = tableSize === null ? `${ngramHashHi[i]}:${ngramHashLo[i]}` : floorModInt64(ngramHashHi[i], ngramHashLo[i], tableSize);
    if (seen.has(id)) continue;
    seen.add(id);
    position.push(i);
    let v = 0;
    for (let l = 0; l < depth; l++) if (gValues[i * depth + l]) v += weights[l];
    value.push(v);
  }
  return { numUnits: position.length, position: Int32Array.from(position), value: Float64Array.from(value) };
}
