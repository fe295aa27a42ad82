// What one independent unit (a distinct scored n-gram) contributes under no watermark, per key.
//
// Each g-value alone is Bernoulli(p), but the layers of one n-gram are not independent: every layer
// hashes the same n-gram hash with its own key through the reference's LCG rounds, and for the hash
// variant this leaves measurable correlations between layers (with the documentation's 30 keys, pairs
// correlate by up to ±0.07 and the per-n-gram layer sum has variance 7.97 instead of the binomial 7.5;
// on human text the binomial test over-alarmed, up to 2.3× α at 1e-3). So the block test does not
// assume independent layers: it uses Bennett's inequality over independent units, which needs only each
// unit's mean, an upper bound on its variance and its range, all per key:
// - mean: exact (p times the weights' sum: every g-value is Bernoulli(p));
// - variance: for a power-of-two table, exact (every residue of the hash enumerated); otherwise the
//   larger of the independent-layers value and a Monte Carlo estimate over random n-gram hashes raised
//   by 4 standard errors;
// - range: the weights' sum.
// The same law, as a histogram, feeds a Chernoff bound (chernoffLogSf), which is much tighter far out.
import { accumulateStep, out } from './int64';
import { gValuesOfNgramHash } from './g-values';
import type { SynthIdScorer } from './params';

/**
 * Random n-gram hashes drawn per key: 2^15 up to 32 layers (~0.1 s for 30 layers of the hash variant on
 * an unloaded machine), fewer for deeper keys so that samples × layers stays ≤ 2^20 (a key set is
 * untrusted input; a 256-layer key gets 4,096 samples and correspondingly wider margins).
 */
export function nullLawSamples(depth: number): number {
  return Math.max(1 << 12, Math.min(1 << 15, 2 ** Math.floor(Math.log2((1 << 20) / Math.max(1, depth)))));
}

export interface UnitLaw {
  /** E[per-unit statistic] under no watermark. */
  mean: number;
  /** Upper bound on its variance. */
  variance: number;
  /** Its largest possible value (all g-values 1). */
  max: number;
  /** Per-unit indicator for the span search: statistic > mean; and an upper bound on P(indicator = 1). */
  aboveMeanRate: number;
  /** The sampled per-unit statistic as a histogram: distinct values (rounded up to 1/64) and their shares. */
  values: Float64Array;
  shares: Float64Array;
  samples: number;
}

/** Whether unitLaw enumerates the key's law exactly (hf-transformers with a power-of-two table). */
export function lawIsEnumerated(scorer: SynthIdScorer): boolean {
  const table = scorer.params.variant === 'hf-transformers' ? scorer.params.table! : null;
  return table !== null && (table.size & (table.size - 1)) === 0 && table.size * scorer.depth <= 1 << 22;
}

/**
 * The law of Σ_l w_l·g_l for one unit over a uniformly random n-gram hash.
 * Table variant with a power-of-two table: the index is ((h + k_l)·M + 1) mod size, a function of h mod
 * size only, so enumerating every residue gives the law exactly (no sampling margins), when size × layers
 * ≤ 2^22. Otherwise it is estimated over nullLawSamples(depth) pseudo-random hashes (a fixed LCG stream,
 * so every compile of a key gives the same law).
 */
export function unitLaw(scorer: SynthIdScorer, weights: Float64Array): UnitLaw {
  const depth = scorer.depth;
  const p = scorer.nullP;
  let total = 0;
  let independentVariance = 0;
  for (let l = 0; l < depth; l++) total += weights[l];
  const mean = p * total;
  const g = new Uint8Array(depth);
  let hi = 0x2545f491;
  let lo = 0x4f6cdd1d;
  let sum = 0;
  let sumSq = 0;
  let above = 0;
  const histogram = new Map<number, number>();
  const exact = lawIsEnumerated(scorer);
  const n = exact ? scorer.params.table!.size : nullLawSamples(depth);
  for (let s = 0; s < n; s++) {
    if (exact) {
      hi = 0;
      lo = s;
    } else {
      accumulateStep(hi, lo, 0, s);
      hi = out.hi;
      lo = out.lo;
    }
    gValuesOfNgramHash(scorer, hi, lo, g, 0);
    let v = 0;
    for (let l = 0; l < depth; l++) if (g[l]) v += weights[l];
    const d = v - mean;
    sum += d;
    sumSq += d * d;
    if (v > mean + 1e-9 * total) above++;
    // Rounded up: a larger per-unit value only makes the tail bound larger (conservative).
    const bucket = Math.ceil(v * 64 - 1e-9) / 64;
    histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
  }
  // Layers with equal keys carry the same g-value; the sampled or enumerated law sees that correlation.
  for (let l = 0; l < depth; l++) independentVariance += weights[l] * weights[l] * p * (1 - p);
  let variance: number;
  let aboveMeanRate: number;
  if (exact) {
    variance = (sumSq - (sum * sum) / n) / n;
    aboveMeanRate = above / n;
  } else {
    const mcVariance = (sumSq - (sum * sum) / n) / (n - 1);
    // Standard error of a sample variance ≈ σ²·√(2/(n−1)) (near-normal per-unit sums; kurtosis ≈ 3).
    variance = Math.max(independentVariance, mcVariance * (1 + 4 * Math.sqrt(2 / (n - 1))));
    const rate = above / n;
    aboveMeanRate = Math.min(1, rate + 4 * Math.sqrt(Math.max(rate * (1 - rate), 1 / n) / n));
  }
  const buckets = [...histogram.keys()].sort((a, b) => a - b);
  return {
    mean,
    variance,
    max: total,
    aboveMeanRate,
    values: Float64Array.from(buckets),
    shares: Float64Array.from(buckets, (b) => histogram.get(b)! / n),
    // An enumerated law has no sampling error: no margin on its moment generating function.
    samples: exact ? Infinity : n,
  };
}

/** Standard errors of margin on the sampled moment generating function. */
const MGF_MARGIN = 3;

/** log of an upper confidence bound on E[exp(λ·S)] for one unit, from the sampled law. */
function logMgfUpper(law: UnitLaw, lambda: number): number {
  let top = -Infinity;
  for (const v of law.values) top = Math.max(top, lambda * v);
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < law.values.length; i++) {
    const e = Math.exp(lambda * law.values[i] - top);
    m1 += law.shares[i] * e;
    m2 += law.shares[i] * e * e;
  }
  // Var(e^{λS})/M² = m2/m1² − 1, estimated from the same sample.
  const relativeVariance = Math.max(0, m2 / (m1 * m1) - 1);
  return top + Math.log(m1) + Math.log1p(MGF_MARGIN * Math.sqrt(relativeVariance / law.samples));
}

/**
 * Chernoff bound with the sampled per-unit law: log P(Σ ≥ t) ≤ min_λ [−λt + U·log M⁺(λ)], M⁺ an upper
 * confidence bound (MGF_MARGIN standard errors) on the unit's moment generating function. Unlike
 * Bennett's bound it uses the whole shape of the law, not only its variance and range, so it stays close
 * to the exact tail far out; it holds as far as the sampled law holds (32 k n-gram hashes, 3 standard errors of margin).
 */
export function chernoffLogSf(t: number, numUnits: number, law: UnitLaw): number {
  if (numUnits === 0 || t <= numUnits * law.mean) return 0;
  if (t > numUnits * law.max * (1 + 1e-9)) return -Infinity;
  const f = (lambda: number) => -lambda * t + numUnits * logMgfUpper(law, lambda);
  // f is convex in λ (a log-MGF plus a linear term; the margin term is small and smooth): golden section.
  let lo = 0;
  let hi = 64 / Math.max(law.max, 1e-9);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = f(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = f(b);
    }
  }
  return Math.min(0, fa, fb);
}

/**
 * Bennett's inequality for U independent units with this law: log P(Σ − U·mean ≥ x) ≤
 * −(U·σ²/b²)·h(b·x/(U·σ²)), h(u) = (1 + u)·log(1 + u) − u, b = max − mean.
 */
export function bennettLogSf(t: number, numUnits: number, law: UnitLaw): number {
  if (numUnits === 0) return 0;
  const x = t - numUnits * law.mean;
  if (x <= 0) return 0;
  // t is a float sum of weights: a relative slack keeps an all-ones text from reading as impossible.
  if (t > numUnits * law.max * (1 + 1e-9)) return -Infinity;
  const b = law.max - law.mean;
  const v = numUnits * law.variance;
  const u = (b * x) / v;
  return -(v / (b * b)) * ((1 + u) * Math.log1p(u) - u);
}
