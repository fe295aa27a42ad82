// How often does a window search raise a false alarm? The probability that some window of a scan
// plan reaches its threshold on null units, estimated by simulation: the check behind the search
// relief in scan-plan.ts (how far below Bonferroni across lengths the plan's thresholds may go).
//
// Plain simulation cannot resolve rates near 1e-5 (it would need millions of blocks per case), so
// this is the Naiman–Priebe conditional estimator of a union of rare events: with events A_i of
// known probabilities P(A_i) and S = Σ P(A_i),
//     P(∪ A_i) = S · E[1 / #{i : A_i occurs}],
// the expectation taken over blocks drawn by picking i with probability P(A_i)/S and then a block
// conditioned on A_i. Every such block has at least one event, so 1/# lies in (0, 1] and a few
// hundred blocks give a few per cent of relative error at any level.
//
// The null: each window length L is judged at its own rate p(L) (scan-plan's NullRate). Blocks are
// drawn as uniforms U_i, and unit i counts as green for length L when U_i < p(L): each length sees
// i.i.d. Bernoulli(p(L)) units, as its own test assumes, and lengths are coupled as one text would
// couple them. Any block of i.i.d. units at a rate ≤ every p(L) lies below this coupling, so (the
// events being monotone) its false-alarm rate is no larger.
import { binomialSf } from './binomial-tail';
import { type NullRate, nullRateAt } from './scan-plan';

export interface ScanThresholds {
  numUnits: number;
  rate: NullRate;
  /** Window lengths, and for each the smallest green count that passes (Infinity: none). */
  lengths: readonly number[];
  minGreen: readonly number[];
}

export interface FwerEstimate {
  /** Estimated P(some window passes) on null units. */
  estimate: number;
  /** Its Monte Carlo standard error. */
  standardError: number;
  /** Bonferroni over every window: Σ (N − L + 1) · P(Binomial(L, p(L)) ≥ k_L), an upper bound. */
  bonferroni: number;
}

interface LengthEvent {
  length: number;
  minGreen: number;
  rate: number;
  /** P(Binomial(length, rate) ≥ minGreen), and the same summed over the block's starts. */
  windowP: number;
  totalP: number;
}

/** Green count of a window conditioned on reaching `minGreen`: inverse CDF of the truncated binomial. */
function truncatedBinomial(e: LengthEvent, u: number): number {
  let left = u * e.windowP;
  let k = e.minGreen;
  for (; k < e.length; k++) {
    const pk = binomialSf(k, e.length, e.rate) - binomialSf(k + 1, e.length, e.rate);
    if (left < pk) break;
    left -= pk;
  }
  return k;
}

/**
 * Naiman–Priebe estimate of the plan's false-alarm rate on `samples` simulated null blocks, drawn
 * from `rand` (uniform in [0, 1), e.g. seeded-random's mulberry32).
 */
export function estimateScanFwer(plan: ScanThresholds, samples: number, rand: () => number): FwerEstimate {
  const n = plan.numUnits;
  const events: LengthEvent[] = [];
  plan.lengths.forEach((length, i) => {
    const minGreen = plan.minGreen[i];
    if (!Number.isFinite(minGreen) || length > n) return;
    const rate = nullRateAt(plan.rate, length);
    const windowP = binomialSf(minGreen, length, rate);
    if (windowP > 0) events.push({ length, minGreen, rate, windowP, totalP: (n - length + 1) * windowP });
  });
  const bonferroni = events.reduce((s, e) => s + e.totalP, 0);
  if (events.length === 0 || !(samples > 0)) return { estimate: 0, standardError: 0, bonferroni };

  const u = new Float64Array(n);
  const order = new Int32Array(n);
  let sum = 0;
  let sumSq = 0;
  for (let run = 0; run < samples; run++) {
    // The event that seeds this block: a length by its total probability, then a start.
    let pick = rand() * bonferroni;
    let seed = events[events.length - 1];
    for (const e of events) {
      if (pick < e.totalP) {
        seed = e;
        break;
      }
      pick -= e.totalP;
    }
    const start = Math.floor(rand() * (n - seed.length + 1));
    const greens = truncatedBinomial(seed, rand());
    for (let i = 0; i < n; i++) u[i] = rand();
    // `greens` positions of the window, chosen uniformly, fall below the seed length's rate; the rest above it.
    for (let j = 0; j < seed.length; j++) order[j] = start + j;
    for (let j = 0; j < seed.length; j++) {
      const t = j + Math.floor(rand() * (seed.length - j));
      const swap = order[j];
      order[j] = order[t];
      order[t] = swap;
      u[order[j]] = j < greens ? rand() * seed.rate : seed.rate + rand() * (1 - seed.rate);
    }
    let occurring = 0;
    for (const e of events) {
      let count = 0;
      for (let i = 0; i < e.length; i++) if (u[i] < e.rate) count++;
      if (count >= e.minGreen) occurring++;
      for (let i = e.length; i < n; i++) {
        count += (u[i] < e.rate ? 1 : 0) - (u[i - e.length] < e.rate ? 1 : 0);
        if (count >= e.minGreen) occurring++;
      }
    }
    // occurring ≥ 1: the seed window itself passes by construction.
    const inv = 1 / occurring;
    sum += inv;
    sumSq += inv * inv;
  }
  const mean = sum / samples;
  const variance = Math.max(0, sumSq / samples - mean * mean);
  return { estimate: bonferroni * mean, standardError: (bonferroni * Math.sqrt(variance)) / Math.sqrt(samples), bonferroni };
}
