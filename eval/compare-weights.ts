// Issue 13, selfhash power: candidate whole-block statistics measured against the shipped one on the same
// human windows and the same watermarked texts (both stand-in models). Candidates weight each distinct
// unit by its multiplicity in the text, capped (w = min(m, cap)): over keys the colours of distinct units
// are still independent Bernoulli(γ), so S = Σ w_u c_u has an exact null (a convolution of binomials), and
// the allowance is the same shared-unit statistic with weights (held-out genres of the reference sample).
//
// Also: conditioning on the known colours of frequent units (CW_SET=cond: excluded, allowance refitted on
// the rest; CW_SET=check: the short list run for other keys). Findings: eval/calibration-notes.md §12.
//
//   [CW_SET=cond|check] npx tsx eval/compare-weights.ts [--key selfhash/15485863] [--power 100] [--brown 60]
import { parseArgs } from 'node:util';
import { shareAt } from '../src/calibration/null-model';
import { positionUnitIds } from '../src/calibration/unit-ids';
import { firstScoredPosition } from '../src/seeding/seeder';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { generateWatermarked } from '../src/generate/generate';
import { STAND_IN_SAMPLING } from '../src/generate/training';
import { scoreIds } from '../src/score/score-ids';
import { binomialLogPmf } from '../src/stats/binomial-pmf';
import { loadBrown } from './lib/corpora';
import { evalKeys } from './lib/keys';
import { loadEvalCorpora, scoreCorpora, streamFor } from './lib/pipeline';
import { falseAlarmRate } from './lib/rates';
import { genreUnitStreams } from './lib/genre-unit-streams';
import { streamPairs } from './lib/score-windows';
import { watermarkedTexts } from './lib/watermarked';
import { LENGTH_BINS } from './lib/windows';
import { trainOnCorpus } from './report/sections';
import { evalTokenizer } from './lib/tokenizers';

const { values } = parseArgs({
  options: {
    key: { type: 'string', default: 'selfhash/15485863' },
    power: { type: 'string', default: '100' },
    brown: { type: 'string', default: '60' },
    chars: { type: 'string', default: '1000000' },
    safety: { type: 'string', default: '2.5' },
  },
});
const key = evalKeys().find((k) => k.name === values.key);
if (key === undefined) throw new Error(`unknown key ${values.key}`);
const scoring = scoringKeyFor(key.spec);
const gamma = key.spec.gamma;
const safety = Number(values.safety);
const tokenizer = await evalTokenizer(key.spec);
const contextWidth = firstScoredPosition(scoring.seeder);
const BLOCK_ALPHA = 0.75e-4;

function multiplicities(units: ArrayLike<number>, from: number, to: number): Map<number, number> {
  const count = new Map<number, number>();
  for (let t = from; t < to; t++) if (!Number.isNaN(units[t])) count.set(units[t], (count.get(units[t]) ?? 0) + 1);
  return count;
}

interface Variant {
  name: string;
  /** weight of a unit seen m times in the text; 0 drops it */
  weight: (m: number, unit: number) => number;
  curve: { units: number[]; share: number[] };
  safety: number;
}

/** Weighted shared-unit statistic: √(Σ ā_u²) / W̄ over non-overlapping windows. */
function weightedShare(units: Float64Array, size: number, weight: Variant['weight']): { meanUnits: number; share: number } {
  const windows = Math.floor(units.length / size);
  const sum = new Map<number, number>();
  const sumSq = new Map<number, number>();
  let totalW = 0;
  let totalUnits = 0;
  for (let w = 0; w < windows; w++) {
    for (const [u, c] of multiplicities(units, w * size + contextWidth, (w + 1) * size)) {
      const a = weight(c, u);
      if (a === 0) continue;
      totalUnits++;
      totalW += a;
      sum.set(u, (sum.get(u) ?? 0) + a);
      sumSq.set(u, (sumSq.get(u) ?? 0) + a * a);
    }
  }
  let pairs = 0;
  for (const [u, s] of sum) pairs += s * s - sumSq.get(u)!;
  const meanW = totalW / windows;
  return { meanUnits: totalUnits / windows, share: Math.sqrt(pairs / (windows * (windows - 1))) / meanW };
}

// Reference sample → unit ids per genre.
const { documents: genreDocuments, streams: genreStreams } = await genreUnitStreams(scoring.seeder, tokenizer, key.spec.detection.normalizers);

function fitted(name: string, weight: Variant['weight'], s = safety): Variant {
  const curve = { units: [] as number[], share: [] as number[] };
  for (const size of [16, 32, 64, 128, 256]) {
    const r = genreStreams.map((g) => weightedShare(g, size, weight));
    curve.units.push(r.reduce((a, x) => a + x.meanUnits, 0) / r.length);
    curve.share.push(r.reduce((a, x) => a + x.share, 0) / r.length);
  }
  return { name, weight, curve, safety: s };
}


/** P(Σ_w w·X_w ≥ s), X_w ~ Binomial(n_w, p) independent (double precision; enough for α ≥ 1e-6). */
function weightedSf(s: number, counts: Map<number, number>, p: number): number {
  let dist = [1];
  for (const [w, n] of counts) {
    const pmf = Array.from({ length: n + 1 }, (_, k) => Math.exp(binomialLogPmf(k, n, p)));
    const out = new Array<number>(dist.length + w * n).fill(0);
    for (let i = 0; i < dist.length; i++) {
      if (dist[i] === 0) continue;
      for (let k = 0; k <= n; k++) out[i + w * k] += dist[i] * pmf[k];
    }
    dist = out;
  }
  let tail = 0;
  for (let i = Math.max(0, Math.ceil(s)); i < dist.length; i++) tail += dist[i];
  return Math.min(1, tail);
}

function pValue(v: Variant, mult: Map<number, number>, ids: ArrayLike<number>, green: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  let s = 0;
  let n = 0;
  for (let u = 0; u < ids.length; u++) {
    const w = v.weight(mult.get(ids[u]) ?? 1, ids[u]);
    if (w === 0) continue;
    n++;
    counts.set(w, (counts.get(w) ?? 0) + 1);
    s += w * green[u];
  }
  if (n === 0) return 1;
  const p = Math.min(0.999, gamma + v.safety * Math.sqrt(gamma * (1 - gamma)) * shareAt(v.curve, n));
  return weightedSf(s, counts, p);
}

const capped = (cap: number) => (m: number) => Math.min(m, cap);

// Conditioning on the known colours of units frequent in human text: such a unit's colour under the key is
// known at detection time, so it is dropped from the test (its count is not random under the null), and the
// allowance is refitted on what is left. Frequency = number of 100-token chunks of the sample holding it.
const chunkFrequencyByGenre = [...genreDocuments].map((docs) => {
  const f = new Map<number, number>();
  for (const units of docs) {
    for (let s = 0; s < units.length; s += 100) for (const u of multiplicities(units, s, Math.min(units.length, s + 100)).keys()) f.set(u, (f.get(u) ?? 0) + 1);
  }
  return f;
});
function frequentSet(genres: number[], minChunks: number): Set<number> {
  const total = new Map<number, number>();
  for (const g of genres) for (const [u, c] of chunkFrequencyByGenre[g]) total.set(u, (total.get(u) ?? 0) + c);
  return new Set([...total].filter(([, c]) => c >= minChunks).map(([u]) => u));
}
/** Exclude units in ≥ minChunks chunks of the whole sample; allowance from each genre held out (its list from the other genres) or in-sample. */
function conditioned(name: string, minChunks: number, heldOutFit: boolean, s = safety): Variant {
  const all = frequentSet(genreStreams.map((_, i) => i), minChunks);
  const weight = (_m: number, u: number) => (all.has(u) ? 0 : 1);
  if (!heldOutFit) return fitted(name, weight, s);
  const curve = { units: [] as number[], share: [] as number[] };
  for (const size of [16, 32, 64, 128, 256]) {
    const r = genreStreams.map((g, i) => {
      const others = frequentSet(genreStreams.map((_, j) => j).filter((j) => j !== i), minChunks);
      return weightedShare(g, size, (_m, u) => (others.has(u) ? 0 : 1));
    });
    curve.units.push(r.reduce((a, x) => a + x.meanUnits, 0) / r.length);
    curve.share.push(r.reduce((a, x) => a + x.share, 0) / r.length);
  }
  return { name, weight, curve, safety: s };
}
const only = process.env.CW_SET ?? 'all';
const variants: Variant[] = only === 'check' ? [
  fitted('units, raise s2.5 (before issue 13)', () => 1),
  fitted('units at γ (no allowance; invalid)', () => 1, 0),
  fitted('w = min(m, 3) at γ (invalid)', capped(3), 0),
  conditioned('condition k100, τ_rest held-out (shipped for selfhash)', 100, true),
  conditioned('condition k100 at γ (invalid?)', 100, false, 0),
] : only === 'cond' ? [
  fitted('units, raise s2.5 (before issue 13)', () => 1),
  ...[350, 100, 30, 10].flatMap((k) => [
    conditioned(`condition k${k}, τ_rest held-out${k === 100 ? ' (shipped for selfhash)' : ''}`, k, true),
    conditioned(`condition k${k}, τ_rest in-sample`, k, false),
    conditioned(`condition k${k} at γ (invalid?)`, k, false, 0),
  ]),
] : [
  fitted('units, raise s2.5 (before issue 13)', () => 1),
  fitted('units at γ (no allowance; invalid)', () => 1, 0),
  fitted('w = min(m, 2)', capped(2)),
  fitted('w = min(m, 3)', capped(3)),
  fitted('w = min(m, 4)', capped(4)),
  fitted('w = m (cap 8)', capped(8)),
  fitted('w = min(m, 3) at γ (invalid)', capped(3), 0),
  fitted('w = min(m, 3), raise s2', capped(3), 2),
];
for (const v of variants) console.log(`${v.name}: share ${v.curve.share.map((s) => s.toFixed(4)).join(' ')} at units ${v.curve.units.map((n) => n.toFixed(0)).join(' ')}`);

const corpora = loadEvalCorpora({ maxChars: Number(values.chars) });
const windows = await scoreCorpora(key.spec, corpora, { lengths: LENGTH_BINS, maxWindows: () => 20000 });
const pairs = new Map<string, Float64Array>();
for (const c of corpora) pairs.set(c.name, streamPairs(scoring, (await streamFor(c, key.spec)).ids));

const sotuTexts = (await watermarkedTexts(key.spec, { delta: 2, length: 200, count: Number(values.power) })).map((t) => t.ids);
const brownModel = trainOnCorpus(loadBrown({ maxChars: 400_000 }), tokenizer);
const brownTexts: number[][] = [];
for (let i = 0; i < Number(values.brown); i++) {
  brownTexts.push(
    generateWatermarked({ key: key.spec, model: brownModel, tokenizer, length: 200, delta: 2, seed: 20000 + i, temperature: STAND_IN_SAMPLING.temperature, topP: STAND_IN_SAMPLING.topP }).ids,
  );
}
const scoredTexts = (ids: number[][]) =>
  ids.map((t) => {
    const score = scoreIds(scoring, t);
    const units = positionUnitIds(scoring.seeder, t);
    return { ids: score.units.id, green: score.units.green, mult: multiplicities(units, 0, units.length) };
  });
const sotu = scoredTexts(sotuTexts);
const brown = scoredTexts(brownTexts);

console.log(`\n## ${key.name}: cells above α (beyond sampling error), dev · held-out; power at 200 tokens δ = 2, block level 0.75e-4\n`);
console.log('| method | 1e-2 | 1e-3 | 1e-4 | pooled rate 1e-2 · 1e-3 | power SOTU | power Brown |');
console.log('|---|---|---|---|---|---|---|');
for (const v of variants) {
  const over = [0, 0, 0];
  const beyond = [0, 0, 0];
  const overHeld = [0, 0, 0];
  const pooled = [0, 0];
  let pooledN = 0;
  for (const c of corpora) {
    const stream = pairs.get(c.name)!;
    for (const length of LENGTH_BINS) {
      const ws = windows.filter((w) => w.corpus === c.name && w.length === length);
      const ps = ws.map((w) => pValue(v, multiplicities(stream, w.start + contextWidth, w.start + length), w.unitPairs, w.unitGreen));
      pooledN += ps.length;
      pooled[0] += ps.filter((p) => p <= 1e-2).length;
      pooled[1] += ps.filter((p) => p <= 1e-3).length;
      [1e-2, 1e-3, 1e-4].forEach((a, i) => {
        if (ws.length < 1 / a) return;
        const r = falseAlarmRate(ps, a);
        if (r.rate > a) (c.heldOut ? overHeld : over)[i]++;
        if (r.excessP < 0.01) beyond[i]++;
        if (r.rate > a) console.error(`  ${v.name}: ${c.name}/${length} at ${a}: ${r.alarms}/${r.windows}`);
      });
    }
  }
  const pw = (set: typeof sotu) => set.filter((t) => pValue(v, t.mult, t.ids, t.green) <= BLOCK_ALPHA).length / set.length;
  const cell = (i: number) => `${over[i]} · ${overHeld[i]} (${beyond[i]})`;
  console.log(
    `| ${v.name} | ${cell(0)} | ${cell(1)} | ${cell(2)} | ${((100 * pooled[0]) / pooledN).toFixed(3)}% · ${((100 * pooled[1]) / pooledN).toFixed(4)}% | ${(100 * pw(sotu)).toFixed(0)}% | ${(100 * pw(brown)).toFixed(0)}% |`,
  );
}
