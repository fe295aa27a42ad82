// Ancestral sampling from logits: temperature, optional nucleus (top-p) truncation, then one draw from
// a seeded PRNG. Applied after the watermark bias, as HF applies its warpers after its logits processors.
import type { Prng } from './prng';

export interface SamplingOptions {
  /** Logits are divided by it; 0 = greedy. Default 1. */
  temperature?: number;
  /** Keep the smallest set of most likely candidates whose mass reaches topP. Default 1 (keep all). */
  topP?: number;
}

export function checkSamplingOptions(options: SamplingOptions): void {
  const { temperature = 1, topP = 1 } = options;
  if (!(temperature >= 0 && Number.isFinite(temperature))) throw new RangeError(`temperature must be a finite number >= 0, got ${temperature}`);
  if (!(topP > 0 && topP <= 1)) throw new RangeError(`topP must be in (0, 1], got ${topP}`);
}

/**
 * Sampling weights (normalised probabilities) from logits, into `out`. Candidates at -Infinity get 0.
 * With temperature 0 the single best candidate (lowest index on ties) gets 1.
 */
export function samplingDistribution(logits: Float64Array, options: SamplingOptions = {}, out?: Float64Array): Float64Array {
  checkSamplingOptions(options);
  const { temperature = 1, topP = 1 } = options;
  const p = out ?? new Float64Array(logits.length);
  let max = -Infinity;
  let best = -1;
  for (let i = 0; i < logits.length; i++) {
    if (logits[i] > max) {
      max = logits[i];
      best = i;
    }
  }
  if (best < 0) throw new RangeError('samplingDistribution: no candidate has a finite logit');
  if (temperature === 0) {
    p.fill(0);
    p[best] = 1;
    return p;
  }
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const x = Math.exp((logits[i] - max) / temperature);
    p[i] = x;
    total += x;
  }
  for (let i = 0; i < p.length; i++) p[i] /= total;
  if (topP < 1) nucleus(p, topP);
  return p;
}

/**
 * Zeroes everything outside the nucleus and renormalises. Candidates below (1 − topP)/n cannot be in
 * it (together they hold less than 1 − topP, and they are the least likely), so only the rest is sorted.
 */
function nucleus(p: Float64Array, topP: number): void {
  const floor = (1 - topP) / p.length;
  const kept: number[] = [];
  for (let i = 0; i < p.length; i++) if (p[i] >= floor) kept.push(i);
  kept.sort((a, b) => p[b] - p[a] || a - b);
  let mass = 0;
  let n = 0;
  while (n < kept.length && mass < topP) mass += p[kept[n++]];
  const keep = new Uint8Array(p.length);
  for (let j = 0; j < n; j++) keep[kept[j]] = 1;
  for (let i = 0; i < p.length; i++) p[i] = keep[i] ? p[i] / mass : 0;
}

/**
 * Draws an index with probability p[i] among those `accept` allows. A refused draw is taken out of the
 * distribution and the draw repeated (so the result follows p conditioned on acceptance); after
 * `maxRefusals` the most likely acceptable index is taken. Modifies `p`. Returns -1 if nothing is
 * acceptable.
 */
export function drawIndex(
  p: Float64Array,
  rng: Prng,
  accept: (i: number) => boolean = () => true,
  maxRefusals = 64,
): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i];
  for (let tries = 0; tries <= maxRefusals && total > 0; tries++) {
    const u = rng.nextFloat() * total;
    let acc = 0;
    let pick = -1;
    for (let i = 0; i < p.length; i++) {
      if (p[i] === 0) continue;
      acc += p[i];
      pick = i;
      if (u < acc) break;
    }
    if (pick < 0) break;
    if (accept(pick)) return pick;
    total -= p[pick];
    p[pick] = 0;
  }
  const order: number[] = [];
  for (let i = 0; i < p.length; i++) if (p[i] > 0) order.push(i);
  order.sort((a, b) => p[b] - p[a] || a - b);
  for (const i of order) if (accept(i)) return i;
  return -1;
}
