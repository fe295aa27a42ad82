// Issue 13, selfhash power: how much would weighting units by the generator's per-position entropy give?
// An oracle no detector has: the stand-in model's own distribution at every position of its watermarked
// texts (spike entropy → expected green share under δ = 2 → log-odds weight, integer-rounded), against
// the unweighted units, both at γ (invalid, no allowance) and at a raised null 0.28 (≈ the allowance's).
//
//   [KEY=selfhash/15485863] [N=40] npx tsx eval/entropy-oracle.ts
// Findings: eval/calibration-notes.md §13.
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { generateWatermarked } from '../src/generate/generate';
import { STAND_IN_SAMPLING } from '../src/generate/training';
import { RepetitionGuard } from '../src/generate/repetition-guard';
import { samplingDistribution } from '../src/generate/sampler';
import { standInModel } from '../src/cli/generate-command';
import { scoreIds } from '../src/score/score-ids';
import { binomialLogPmf } from '../src/stats/binomial-pmf';
import { loadBrown } from './lib/corpora';
import { evalKeys } from './lib/keys';
import { watermarkedTexts } from './lib/watermarked';
import { trainOnCorpus } from './report/sections';
import { evalTokenizer } from './lib/tokenizers';
import type { NgramModel } from '../src/generate/ngram-model';

const key = evalKeys().find((k) => k.name === (process.env.KEY ?? 'selfhash/15485863'))!;
const scoring = scoringKeyFor(key.spec);
const gamma = key.spec.gamma;
const tokenizer = await evalTokenizer(key.spec);
const alpha = Math.E ** 2;
const z = ((1 - gamma) * (alpha - 1)) / (1 + (alpha - 1) * gamma);

function spikeQ(model: NgramModel, ids: number[]): number[] {
  const guard = new RepetitionGuard({});
  const logits = new Float64Array(model.vocab.length);
  const p = new Float64Array(model.vocab.length);
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const h = ids.slice(0, i);
    model.logProbs(h, logits);
    guard.apply(h, logits, (id) => model.indexOf(id));
    samplingDistribution(logits, STAND_IN_SAMPLING, p);
    let s = 0;
    for (let k = 0; k < p.length; k++) if (p[k] > 0) s += p[k] / (1 + z * p[k]);
    out.push((gamma * alpha * s) / (1 + (alpha - 1) * gamma));
  }
  return out;
}
function weightedSf(s: number, counts: Map<number, number>, p: number): number {
  let dist = [1];
  for (const [w, n] of counts) {
    const pmf = Array.from({ length: n + 1 }, (_, k) => Math.exp(binomialLogPmf(k, n, p)));
    const out = new Array<number>(dist.length + w * n).fill(0);
    for (let i = 0; i < dist.length; i++) { if (dist[i] === 0) continue; for (let k = 0; k <= n; k++) out[i + w * k] += dist[i] * pmf[k]; }
    dist = out;
  }
  let tail = 0;
  for (let i = Math.max(0, Math.ceil(s - 1e-9)); i < dist.length; i++) tail += dist[i];
  return Math.min(1, tail);
}
const logit = (q: number) => Math.log(q / (1 - q));
function run(name: string, model: NgramModel, texts: number[][]) {
  const res = { plain: 0, oracle: 0, plain28: 0, oracle28: 0, n: texts.length };
  const greenByBin = new Map<number, [number, number]>();
  for (const ids of texts) {
    const q = spikeQ(model, ids);
    const score = scoreIds(scoring, ids);
    const u = score.units;
    const counts = new Map<number, number>();
    let s = 0;
    for (let i = 0; i < u.numUnits; i++) {
      const qi = q[score.firstScoredIndex + u.position[i]];
      const bin = Math.min(9, Math.floor(qi * 10));
      const g = greenByBin.get(bin) ?? [0, 0]; g[0] += u.green[i]; g[1]++; greenByBin.set(bin, g);
      const w = Math.max(0, Math.round(4 * (logit(Math.max(qi, gamma + 1e-9)) - logit(gamma))));
      if (w === 0) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
      s += w * u.green[i];
    }
    const pPlain = weightedSf(u.numGreenUnits, new Map([[1, u.numUnits]]), gamma);
    const pOr = weightedSf(s, counts, gamma);
    if (pPlain <= 0.75e-4) res.plain++;
    if (pOr <= 0.75e-4) res.oracle++;
    if (weightedSf(u.numGreenUnits, new Map([[1, u.numUnits]]), 0.28) <= 0.75e-4) res.plain28++;
    if (weightedSf(s, counts, 0.28) <= 0.75e-4) res.oracle28++;
  }
  console.log(name, JSON.stringify(res));
  console.log('green share by oracle q bin', [...greenByBin].sort((a, b) => a[0] - b[0]).map(([b, [g, n]]) => `${b / 10}: ${(g / n).toFixed(2)} (${n})`).join('  '));
}
const count = Number(process.env.N ?? 60);
const sotu = (await watermarkedTexts(key.spec, { delta: 2, length: 200, count })).map((t) => t.ids);
run('sotu', standInModel(tokenizer), sotu);
const brownModel = trainOnCorpus(loadBrown({ maxChars: 400_000 }), tokenizer);
const brown: number[][] = [];
for (let i = 0; i < count; i++) brown.push(generateWatermarked({ key: key.spec, model: brownModel, tokenizer, length: 200, delta: 2, seed: 20000 + i, temperature: STAND_IN_SAMPLING.temperature, topP: STAND_IN_SAMPLING.topP }).ids);
run('brown', brownModel, brown);
