// Which units are frequent in human text: counted as document frequency over fixed-size chunks of the
// reference sample (a unit counts once per chunk however often it repeats inside it), because what
// biases a key's null is a unit recurring across many texts, each time with the colour the key fixed.

/**
 * Number of chunks each unit occurs in. `documents` hold unit ids per position (positionUnitIds; NaN
 * where there is no unit); each document is cut into chunks of `chunkTokens` positions.
 */
export function unitChunkFrequency(documents: readonly Float64Array[], chunkTokens: number): Map<number, number> {
  if (!Number.isInteger(chunkTokens) || chunkTokens < 1) throw new RangeError(`chunkTokens must be a positive integer, got ${chunkTokens}`);
  const frequency = new Map<number, number>();
  const seen = new Set<number>();
  for (const units of documents) {
    for (let start = 0; start < units.length; start += chunkTokens) {
      seen.clear();
      const end = Math.min(units.length, start + chunkTokens);
      for (let t = start; t < end; t++) {
        const u = units[t];
        if (!Number.isNaN(u)) seen.add(u);
      }
      for (const u of seen) frequency.set(u, (frequency.get(u) ?? 0) + 1);
    }
  }
  return frequency;
}

/** Units counted at least `minChunks` times over all the given frequency maps, ascending. */
export function frequentUnits(frequencies: readonly ReadonlyMap<number, number>[], minChunks: number): Float64Array {
  const total = new Map<number, number>();
  for (const f of frequencies) for (const [unit, count] of f) total.set(unit, (total.get(unit) ?? 0) + count);
  const out: number[] = [];
  for (const [unit, count] of total) if (count >= minChunks) out.push(unit);
  return Float64Array.from(out).sort();
}
