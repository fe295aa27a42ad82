// The calibrated layer's promise: on text without the watermark (each unit green with probability
// γ, independently), P(pValue ≤ α) ≤ α. Checked by simulation with a fixed-seed generator.
import { describe, expect, it } from 'vitest';
import { binomialSf } from './binomial-tail';
import { mulberry32 } from './seeded-random';

const RUNS = 20_000;
const ALPHAS = [0.1, 0.01, 0.001];

describe('binomialSf is a valid p-value under the null', () => {
  for (const gamma of [0.25, 0.5]) {
    for (const length of [16, 64, 250, 600]) {
      it(`γ = ${gamma}, ${length} units, ${RUNS} sequences`, () => {
        const rand = mulberry32(length * 1000 + gamma * 100);
        const pByGreen = new Map<number, number>();
        const rejections = ALPHAS.map(() => 0);
        for (let run = 0; run < RUNS; run++) {
          let green = 0;
          for (let i = 0; i < length; i++) if (rand() < gamma) green++;
          let p = pByGreen.get(green);
          if (p === undefined) {
            p = binomialSf(green, length, gamma);
            pByGreen.set(green, p);
          }
          ALPHAS.forEach((alpha, j) => {
            if (p! <= alpha) rejections[j]++;
          });
        }
        ALPHAS.forEach((alpha, j) => {
          const rate = rejections[j] / RUNS;
          if (process.env.WMLENS_STATS_VERBOSE) console.log(`γ=${gamma} T=${length} α=${alpha}: ${rate}`);
          const slack = 3 * Math.sqrt((alpha * (1 - alpha)) / RUNS);
          expect(rate, `alpha ${alpha}`).toBeLessThanOrEqual(alpha + slack);
        });
        // Not vacuous: at α = 0.1 the test does reject sometimes (the discrete level is > 0.02 here).
        expect(rejections[0]).toBeGreaterThan(0.02 * RUNS);
      });
    }
  }
});
