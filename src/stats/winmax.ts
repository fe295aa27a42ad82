// lm-watermarking's windowed detection ("WinMax", `_score_windows_impl_batched` and
// `_score_sequence_window`), replayed in float32 wherever the reference uses float32 tensors, so
// z-scores, sizes and counts match it exactly. These z's are NOT corrected for the window search
// (the reference says so itself); the product's own span finder is spans.ts.
import { normalSf } from './normal-tail';

const f32 = Math.fround;

export type WindowSize = 'max' | readonly number[];

export interface WinMaxResult {
  /** Largest window z (a float32 value). */
  zScore: number;
  /** The window size where it occurs, in counted units. */
  numTokensScored: number;
  /** Recovered from z as the reference does: float32, then truncated (may lose one). */
  numGreenTokens: number;
  greenFraction: number;
  /** float64 normal tail of the float32 z, uncorrected for the search. */
  pValueNormal: number;
  /**
   * The reference's running maximum, one float32 value per counted unit (the reference then maps
   * it to every scored position: a repeated position takes the value of the latest counted one).
   * Position p holds the best z among windows ending at or before p − 1; position 0 is always 0
   * and the values never go below 0 (the buffer starts at zero).
   */
  zScoreAtT: number[];
}

/**
 * The reference's `window_size` string: "max", or comma-separated sizes
 * (`[int(x) for x in s.split(",") if len(x) > 0]`).
 */
export function parseWindowSize(spec: string): WindowSize {
  if (spec === 'max') return 'max';
  const sizes = spec
    .split(',')
    .filter((part) => part.length > 0)
    .map((part) => {
      if (!/^\s*\+?\d+\s*$/.test(part)) throw new RangeError(`window size "${part}" is not a positive integer`);
      return Number(part);
    });
  return sizes;
}

/**
 * Windowed max-z over the counted 0/1 vector (already deduplicated when the key ignores repeated
 * n-grams). 'max' tries sizes 1 … U−1 (U itself excluded, as in the reference); listed sizes
 * larger than U are skipped but, as in the reference, still hold a 0 in the per-size maxima, so a
 * text whose fitting windows are all below 0 reports z = 0 at such a size. Throws when no size fits.
 */
export function winMax(counted: ArrayLike<number>, gamma: number, windowSize: WindowSize): WinMaxResult {
  const u = counted.length;
  const prefix = new Float64Array(u + 1);
  for (let i = 0; i < u; i++) prefix[i + 1] = prefix[i] + (counted[i] ? 1 : 0);

  const sizes: readonly number[] =
    windowSize === 'max' ? Array.from({ length: Math.max(u - 1, 0) }, (_, i) => i + 1) : windowSize;
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`window size ${size} is not a positive integer`);
  }

  const maxPerSize = new Float32Array(sizes.length);
  const cumulative = new Float32Array(u);
  let fits = false;
  for (let idx = 0; idx < sizes.length; idx++) {
    const size = sizes[idx];
    if (size > u) continue;
    fits = true;
    const expected = f32(gamma * size);
    const denom = f32(Math.sqrt(size * gamma * (1 - gamma)));
    let best = -Infinity;
    let running = -Infinity;
    for (let j = 0; j + size <= u; j++) {
      const z = f32(f32(prefix[j + size] - prefix[j] - expected) / denom);
      if (z > best) best = z;
      if (z > running) running = z;
      // The reference credits window j (ending at j + size − 1) to position j + size.
      if (j + size < u && running > cumulative[j + size]) cumulative[j + size] = running;
    }
    maxPerSize[idx] = best;
  }
  if (!fits) {
    throw new RangeError(
      `no window size in ${windowSize === 'max' ? '"max"' : sizes.join(',')} fits ${u} counted units`,
    );
  }

  let bestIdx = 0;
  for (let idx = 1; idx < maxPerSize.length; idx++) if (maxPerSize[idx] > maxPerSize[bestIdx]) bestIdx = idx;
  const z = maxPerSize[bestIdx];
  const size = sizes[bestIdx];
  const denom = Math.sqrt(size * gamma * (1 - gamma));
  const numGreen = Math.trunc(f32(f32(z * f32(denom)) + f32(gamma * size)));
  return {
    zScore: z,
    numTokensScored: size,
    numGreenTokens: numGreen,
    greenFraction: numGreen / size,
    pValueNormal: normalSf(z),
    zScoreAtT: Array.from(cumulative),
  };
}

/**
 * The non-window `z_score_at_T`: z over the first k counted units, k = 1 … U, in the reference's
 * float32 arithmetic. The last value equals the float64 z only up to float32 rounding.
 */
export function cumulativeZScoresF32(counted: ArrayLike<number>, gamma: number): number[] {
  const g = f32(gamma);
  const q = f32(1 - gamma);
  const out: number[] = new Array(counted.length);
  let sum = 0;
  for (let k = 1; k <= counted.length; k++) {
    sum += counted[k - 1] ? 1 : 0;
    const expected = f32(f32(k) * g);
    const numer = f32(f32(sum) - expected);
    const denom = f32(Math.sqrt(f32(expected * q)));
    out[k - 1] = f32(numer / denom);
  }
  return out;
}
