// The exact tail of a sum of U i.i.d. SynthID units by direct convolution (slow: tables built once per
// U), for the evaluation scripts that compare it with the shipped tests. Independent of
// src/synthid/exact-tail.ts (tilted FFT), which its tests check against a convolution of their own.
import type { SynthIdTest } from '../../src/synthid/statistics';

/** P(S_U ≥ t) for the sum of U i.i.d. units with the exact integer-valued law; tables built once per U. */
export class ExactTail {
  private readonly pmf: Float64Array;
  private readonly sf: Float64Array[] = [];
  private current: Float64Array;
  constructor(test: SynthIdTest) {
    const law = test.law;
    if (law.samples !== Infinity) throw new Error('exact tail needs an enumerated law');
    const max = Math.round(law.max);
    this.pmf = new Float64Array(max + 1);
    law.values.forEach((v, i) => {
      if (Math.abs(v - Math.round(v)) > 1e-9) throw new Error('integer statistic only (mean)');
      this.pmf[Math.round(v)] += law.shares[i];
    });
    this.current = Float64Array.of(1);
  }
  logSf(t: number, units: number): number {
    while (this.sf.length < units) {
      const next = new Float64Array(this.current.length + this.pmf.length - 1);
      for (let a = 0; a < this.current.length; a++) {
        const ca = this.current[a];
        if (ca === 0) continue;
        for (let b = 0; b < this.pmf.length; b++) next[a + b] += ca * this.pmf[b];
      }
      this.current = next;
      const sf = new Float64Array(next.length + 1);
      for (let s = next.length - 1; s >= 0; s--) sf[s] = sf[s + 1] + next[s];
      this.sf.push(sf);
    }
    if (units === 0) return 0;
    const sf = this.sf[units - 1];
    const k = Math.ceil(t - 1e-9);
    return Math.log(k <= 0 ? 1 : k >= sf.length ? 0 : sf[k]);
  }
}
