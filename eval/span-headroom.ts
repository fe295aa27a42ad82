// Issue 13, spans (eval/calibration-notes.md §12): how much headroom the span search has on a 10%-of-600
// δ = 3 passage in e-mail text (200 blocks, seeds 5000…, α = 1e-4): the passage on its own, place known,
// at γ and at the calibrated rate; then the search at the shipped level and at levels/rates no valid test
// may use (γ without allowance, 10× and 100× α), to show what a better search could still buy.
//
//   SEEDING=selfhash npx tsx eval/span-headroom.ts
import { scoreIds } from '../src/score/score-ids';
import { binomialSf } from '../src/stats/binomial-tail';
import { findSpans } from '../src/stats/spans';
import { loadSpamAssassinHam } from './lib/corpora';
import { spanStudyKey } from './lib/span-study';
import { mixedIdBlocks, rangeIou } from './lib/spans';

const email = loadSpamAssassinHam({ maxChars: 1_000_000 });
const seeding = (process.env.SEEDING ?? 'selfhash') as 'selfhash' | 'lefthash';
const { key, gamma, scoring, calibration, rate, human } = await spanStudyKey(seeding, email);
const blocks = await mixedIdBlocks(key.spec, human, { totalTokens: 600, share: 0.1, count: 200, delta: 3, firstSeed: 5000 });
const alpha = 1e-4;
const variants: Array<[string, (l: number) => number, number]> = [
  ['shipped (0.25 α, raised)', rate, 0.25 * alpha],
  ['raised, whole α to spans', rate, alpha],
  ['raised, 10× α', rate, 2.5 * alpha],
  ['raised, 100× α', rate, 25 * alpha],
  ['γ (no allowance), 0.25 α', () => gamma, 0.25 * alpha],
  ['γ, 10× α', () => gamma, 2.5 * alpha],
];
const known: Array<{ n: number; g: number; pg: number; pr: number }> = [];
const res = variants.map(() => ({ det: 0, ious: [] as number[] }));
for (const b of blocks) {
  const score = scoreIds(scoring, b.ids);
  const units = calibration.apply(score, gamma);
  const base = score.firstScoredIndex;
  let n = 0;
  let g = 0;
  for (let i = 0; i < units.numUnits; i++) {
    const t = base + units.position[i];
    if (t >= b.start && t < b.end) {
      n++;
      g += units.green[i];
    }
  }
  known.push({ n, g, pg: binomialSf(g, n, gamma), pr: binomialSf(g, n, rate(n)) });
  variants.forEach(([, r, a], vi) => {
    const spans = findSpans(units.green, r, { alpha: a, gamma });
    const ranges = spans.map((s) => [base + units.position[s.start], base + units.position[s.end - 1] + 1] as [number, number]);
    if (spans.length > 0) res[vi].det++;
    res[vi].ious.push(ranges.length === 0 ? 0 : rangeIou(ranges, b.start, b.end));
  });
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${key.name}: passage units median ${med(known.map((k) => k.n))}, greens ${med(known.map((k) => k.g))}; known place p ≤ 1e-4 at γ ${known.filter((k) => k.pg <= 1e-4).length / 2}%, at raised ${known.filter((k) => k.pr <= 1e-4).length / 2}%; median p at γ ${med(known.map((k) => k.pg)).toExponential(1)}, raised ${med(known.map((k) => k.pr)).toExponential(1)}`);
variants.forEach(([name], i) => console.log(`${name}: detected ${res[i].det / 2}%, median IoU ${med(res[i].ious).toFixed(2)}`));
