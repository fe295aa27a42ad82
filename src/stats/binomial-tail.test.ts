import { describe, expect, it } from 'vitest';
import { bd0, binomialLogPmf, stirlerr } from './binomial-pmf';
import { binomialLogSf, binomialSf } from './binomial-tail';
import { ddAdd, twoProd, type DD } from './double-double';

const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;

/** log(num/den) for positive BigInts, to ~1e-16 absolute even when the log is in the thousands. */
function logRatio(num: bigint, den: bigint): number {
  if (num === 0n) return -Infinity;
  const shift = BigInt(den.toString(2).length - num.toString(2).length + 64);
  const q = shift >= 0n ? (num << shift) / den : num / (den << -shift); // ~64 significant bits
  const s = Number(shift);
  let acc: DD = [Math.log(Number(q)), 0];
  acc = ddAdd(acc, twoProd(-s, LN2_HI));
  acc = ddAdd(acc, [-s * LN2_LO, 0]);
  return acc[0] + acc[1];
}

/**
 * Exact upper tails for p = a/b: tail[g] = Σ_{k≥g} C(n,k)·a^k·(b−a)^(n−k), over den = b^n.
 */
function exactTails(n: number, a: number, b: number): { tails: bigint[]; den: bigint } {
  const A = BigInt(a);
  const B = BigInt(b - a);
  const terms: bigint[] = [B ** BigInt(n)];
  for (let k = 0; k < n; k++) {
    terms.push((terms[k] * BigInt(n - k) * A) / (BigInt(k + 1) * B)); // an integer: exact
  }
  const tails: bigint[] = new Array(n + 2).fill(0n);
  for (let k = n; k >= 0; k--) tails[k] = tails[k + 1] + terms[k];
  return { tails, den: BigInt(b) ** BigInt(n) };
}

describe('stirlerr and bd0', () => {
  it('has a table consistent with log-factorial recursion and the series', () => {
    // stirlerr(k+1) − stirlerr(k) = 1 − (k + 1/2)·log(1 + 1/k)
    expect(Math.abs(stirlerr(1) - (1 - 0.5 * Math.log(2 * Math.PI)))).toBeLessThan(1.5e-16);
    for (let k = 1; k <= 40; k++) {
      const step = 1 - (k + 0.5) * Math.log1p(1 / k);
      expect(Math.abs(stirlerr(k + 1) - stirlerr(k) - step), `k=${k}`).toBeLessThan(3e-16);
    }
  });

  it('computes the deviance without cancellation on both sides of np', () => {
    expect(bd0(10, 10)).toBe(0);
    for (const [x, np] of [[11, 10], [30, 10], [5, 10], [1000.5, 1000], [2e6, 1e6]]) {
      const t = (x - np) / np; // x log(x/np) + np − x = np·((1+t)log1p(t) − t)
      const expected = np * ((1 + t) * Math.log1p(t) - t);
      expect(bd0(x, np) / expected).toBeCloseTo(1, 12);
    }
  });
});

describe('binomial tail against exact rational arithmetic', () => {
  const configs: Array<[a: number, b: number]> = [[1, 4], [1, 2], [3, 10]];
  const sizes = [1, 2, 3, 7, 16, 37, 100, 333, 1000, 2000];

  for (const [a, b] of configs) {
    it(`matches Σ C(n,k) p^k q^(n−k) exactly for p = ${a}/${b}, n ≤ 2000`, () => {
      const p = a / b;
      let worstLog = 0;
      let worstLinear = 0;
      for (const n of sizes) {
        const { tails, den } = exactTails(n, a, b);
        const step = Math.max(1, Math.floor(n / 150));
        for (let g = 0; g <= n + 1; g += g < n - 20 ? step : 1) {
          const exact = logRatio(tails[g], den);
          const got = binomialLogSf(g, n, p);
          if (exact === -Infinity) {
            expect(got).toBe(-Infinity);
            continue;
          }
          const errLog = Math.abs(got - exact);
          worstLog = Math.max(worstLog, errLog / (1e-12 + 1e-15 * Math.abs(exact)));
          if (exact > -690) {
            const lin = binomialSf(g, n, p);
            worstLinear = Math.max(worstLinear, Math.abs(lin - Math.exp(exact)) / Math.exp(exact));
          }
        }
      }
      if (process.env.WMLENS_STATS_VERBOSE) console.log(`p=${a}/${b}`, { worstLog, worstLinear });
      expect(worstLog).toBeLessThan(1);
      expect(worstLinear).toBeLessThan(1e-12);
    });
  }

  it('stays exact for n = 20000 around and beyond the mean', () => {
    const n = 20000;
    const { tails, den } = exactTails(n, 1, 4);
    for (let g = 4500; g <= 9000; g += 37) {
      const exact = logRatio(tails[g], den);
      expect(Math.abs(binomialLogSf(g, n, 0.25) - exact), `g=${g}`).toBeLessThan(1e-12 + 1e-15 * Math.abs(exact));
    }
  });
});

describe('binomial tail edge cases and large n', () => {
  it('handles g ≤ 0, g > n, g = n', () => {
    expect(binomialSf(0, 10, 0.25)).toBe(1);
    expect(binomialSf(-3, 10, 0.25)).toBe(1);
    expect(binomialLogSf(0, 10, 0.25)).toBe(0);
    expect(binomialSf(11, 10, 0.25)).toBe(0);
    expect(binomialLogSf(11, 10, 0.25)).toBe(-Infinity);
    expect(binomialSf(10, 10, 0.25)).toBe(0.25 ** 10);
    expect(binomialSf(600, 600, 0.5)).toBe(2 ** -600);
    expect(binomialLogSf(3000, 3000, 0.25)).toBeCloseTo(3000 * Math.log(0.25), 9);
    expect(binomialSf(0, 0, 0.25)).toBe(1);
    expect(binomialSf(1, 0, 0.25)).toBe(0);
    expect(binomialSf(2.5, 4, 0.5)).toBe(binomialSf(3, 4, 0.5));
    expect(() => binomialSf(1, 2.5, 0.5)).toThrow(RangeError);
    expect(() => binomialSf(1, 10, 1.5)).toThrow(RangeError);
  });

  it('is consistent with the pmf for n = 10^6 (γ = 0.25) deep into the tail', () => {
    const n = 1_000_000;
    const p = 0.25;
    const sigma = Math.sqrt(n * p * (1 - p));
    for (const zs of [-3, 0, 0.5, 3, 10, 37, 60]) {
      const g = Math.round(n * p + zs * sigma);
      const l0 = binomialLogSf(g, n, p);
      const l1 = binomialLogSf(g + 1, n, p);
      // P(X ≥ g) = P(X = g) + P(X ≥ g+1)
      const lp = binomialLogPmf(g, n, p);
      const hi = Math.max(lp, l1);
      const sum = hi + Math.log(Math.exp(lp - hi) + Math.exp(l1 - hi));
      expect(Math.abs(l0 - sum), `z=${zs}`).toBeLessThan(1e-12 * Math.max(1, Math.abs(l0)));
    }
    // About 37 sigma above the mean the tail is near 1e-300 and still finite and positive.
    const deep = binomialSf(Math.round(n * p + 37 * sigma), n, p);
    expect(deep).toBeGreaterThan(0);
    expect(deep).toBeLessThan(1e-280);
    // Far beyond double range, the log keeps going.
    expect(binomialLogSf(400_000, n, p)).toBeLessThan(-20_000);
    expect(Number.isFinite(binomialLogSf(400_000, n, p))).toBe(true);
  });

  it('is monotone in g', () => {
    for (const [n, p] of [[50, 0.25], [401, 0.5], [5000, 0.25]] as const) {
      let prev = 0;
      for (let g = 0; g <= n + 1; g++) {
        const l = binomialLogSf(g, n, p);
        expect(l).toBeLessThanOrEqual(prev);
        prev = l;
      }
    }
  });
});
