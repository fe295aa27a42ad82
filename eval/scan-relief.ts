// The evidence behind SEARCH_RELIEF (src/stats/scan-plan.ts): the span search's false-alarm rate on
// null units, estimated by simulation (src/stats/scan-fwer.ts), for the shipped relief and for plain
// Bonferroni across lengths, over rate curves, block sizes and levels. No corpus is involved.
//
//   npx tsx eval/scan-relief.ts [--samples 400] [--relief 2]
//
// Deterministic (fixed seeds). Prints one row per case and the worst ratio of rate to α.
import { parseArgs } from 'node:util';
import { type NullRate, planScan } from '../src/stats/scan-plan';
import { estimateScanFwer } from '../src/stats/scan-fwer';
import { mulberry32 } from '../src/stats/seeded-random';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '400' }, relief: { type: 'string' } } });
const SAMPLES = Number(values.samples);

/** Rates falling linearly in log L from `short` (≤ 15 units) to `long` (≥ 200 units), like a calibrated null. */
function calibratedLike(short: number, long: number): (l: number) => number {
  return (l) => (l <= 15 ? short : l >= 200 ? long : short - ((short - long) * Math.log(l / 15)) / Math.log(200 / 15));
}

export const RATE_CURVES: Array<[string, NullRate]> = [
  ['flat 0.25', 0.25],
  ['flat 0.5', 0.5],
  ['flat 0.1', 0.1],
  ['selfhash-like 0.295→0.274', calibratedLike(0.295, 0.274)],
  ['lefthash-like 0.280→0.269', calibratedLike(0.28, 0.269)],
];
export const BLOCK_UNITS = [16, 24, 40, 70, 120, 200, 330, 540, 800, 1300];
export const LEVELS = [1e-2, 1e-3, 1e-4, 1e-5, 1e-6];

// planScan applies the shipped relief; another relief is tried by scaling the level it is planned at
// (relief r at level α is the shipped plan at α · r / shipped relief).
const { SEARCH_RELIEF, searchRelief } = await import('../src/stats/scan-plan');
const relief = values.relief === undefined ? SEARCH_RELIEF : Number(values.relief);

// The grid of cases, then as many again at random block sizes and levels (a fixed-seed draw), since
// the integer thresholds make the rate jump between neighbouring sizes.
const cases: Array<{ name: string; rate: NullRate; n: number; alpha: number }> = [];
for (const [name, rate] of RATE_CURVES) for (const n of BLOCK_UNITS) for (const alpha of LEVELS) cases.push({ name, rate, n, alpha });
const draw = mulberry32(20261207);
for (let i = 0; i < RATE_CURVES.length * BLOCK_UNITS.length; i++) {
  const [name, rate] = RATE_CURVES[i % RATE_CURVES.length];
  cases.push({ name, rate, n: Math.floor(16 * Math.exp(draw() * Math.log(1500 / 16))), alpha: Math.exp(Math.log(1e-2) + draw() * Math.log(1e-4)) });
}

let worst = { ratio: 0, label: '' };
let worstBonferroni = 0;
console.log(`relief ${relief}, ${SAMPLES} simulated blocks per case`);
console.log('| rate curve | units | α | lengths | rate / α (± 1 se) | Bonferroni-only plan: rate / α |');
console.log('|---|---|---|---|---|---|');
{
  for (const { name, rate, n, alpha } of cases) {
    {
      const probe = planScan(n, rate, alpha);
      if (probe.lengths.length === 0) continue;
      const shipped = searchRelief(probe.lengths.length);
      const wanted = Math.max(1, Math.min(relief, probe.lengths.length / 2));
      const plan = planScan(n, rate, Math.min(0.49, (alpha * wanted) / shipped));
      const plain = planScan(n, rate, alpha / shipped);
      const seed = n * 1009 + Math.round(-100 * Math.log10(alpha)) * 7 + name.length;
      const est = estimateScanFwer(plan, SAMPLES, mulberry32(seed));
      const bon = estimateScanFwer(plain, SAMPLES, mulberry32(seed + 1));
      const ratio = est.estimate / alpha;
      if (ratio > worst.ratio) worst = { ratio, label: `${name}, ${n} units, α = ${alpha}` };
      worstBonferroni = Math.max(worstBonferroni, bon.estimate / alpha);
      console.log(`| ${name} | ${n} | ${alpha.toPrecision(2)} | ${plan.lengths.length} | ${ratio.toFixed(3)} (± ${(est.standardError / alpha).toFixed(3)}) | ${(bon.estimate / alpha).toFixed(3)} |`);
    }
  }
}
console.log(`\nworst: ${worst.ratio.toFixed(3)} α (${worst.label}); Bonferroni across lengths: worst ${worstBonferroni.toFixed(3)} α`);
