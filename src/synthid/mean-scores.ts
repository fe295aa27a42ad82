// synthid-text's detector_mean.mean_score and weighted_mean_score, in numpy's float64 order: the masked
// g-values summed with numpy's pairwise summation, divided by depth × scored positions.

/** numpy's pairwise_sum for float64 (8 accumulators up to 128 elements, halves above). */
export function numpyPairwiseSum(a: Float64Array, start = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= 128) {
    const r = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    }
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpyPairwiseSum(a, start, n2) + numpyPairwiseSum(a, start + n2, n - n2);
}

/** np.linspace(10, 1, depth) rescaled by depth / np.sum(weights): the reference's default weights. */
export function weightedMeanWeights(depth: number): Float64Array {
  const w = new Float64Array(depth);
  if (depth === 1) w[0] = 10;
  else {
    const step = (1 - 10) / (depth - 1);
    for (let i = 0; i < depth; i++) w[i] = i * step + 10;
    w[depth - 1] = 1;
  }
  const scale = depth / numpyPairwiseSum(w);
  for (let i = 0; i < depth; i++) w[i] *= scale;
  return w;
}

function maskedSum(gValues: Uint8Array, mask: Uint8Array, depth: number, weights: Float64Array | null): number {
  const terms = new Float64Array(gValues.length);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    for (let l = 0; l < depth; l++) {
      const g = gValues[i * depth + l];
      terms[i * depth + l] = weights === null ? g : g * weights[l];
    }
  }
  return numpyReduceSum(terms);
}

/**
 * np.sum over a contiguous float64 array: the reduction's inner loop gets at most the iterator's buffer
 * size (8192 elements) at a time, each chunk summed pairwise and added to the running total in order.
 */
export function numpyReduceSum(a: Float64Array): number {
  const BUFFER = 8192;
  let total = 0;
  for (let start = 0; start < a.length; start += BUFFER) {
    total += numpyPairwiseSum(a, start, Math.min(BUFFER, a.length - start));
  }
  return total;
}

/** null when no position is scored (the reference divides 0 by 0). */
export function meanScore(gValues: Uint8Array, mask: Uint8Array, depth: number, numScored: number): number | null {
  if (numScored === 0) return null;
  return maskedSum(gValues, mask, depth, null) / (depth * numScored);
}

export function weightedMeanScore(
  gValues: Uint8Array,
  mask: Uint8Array,
  depth: number,
  numScored: number,
  weights: Float64Array = weightedMeanWeights(depth),
): number | null {
  if (numScored === 0) return null;
  return maskedSum(gValues, mask, depth, weights) / (depth * numScored);
}
