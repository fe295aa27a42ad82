// Issue 13, selfhash power: unit weights from a public entropy proxy — a bigram/trigram count model of the
// bundled reference sample (per-context spike entropy → log-odds weight; the weights depend on the text
// only, so the weighted null is exact over keys), the allowance refitted with the weights on each genre
// held out (its proxy trained on the other genres). Power on both stand-ins; false alarms on the eval
// windows unless NOFA=1. DIAG=1 prints the green share by weight.
//
//   CFGS='[{"name":"tri m3","minCount":3,"D":0.75,"unknownS":1,"scale":4,"safety":2.5,"order":3}]' \
//     [NOFA=1] [DIAG=1] [N=100] [NB=60] npx tsx eval/entropy-proxy.ts
// Findings: eval/calibration-notes.md §13.
import { shareAt } from '../src/calibration/null-model';
import { loadReferenceSample } from '../src/calibration/reference-sample';
import { applyNormalizers } from '../src/normalize/index';
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
import { streamPairs } from './lib/score-windows';
import { watermarkedTexts } from './lib/watermarked';
import { trainOnCorpus } from './report/sections';
import { evalTokenizer } from './lib/tokenizers';
import { positionUnitIds } from '../src/calibration/unit-ids';

const key = evalKeys().find((k) => k.name === (process.env.KEY ?? 'selfhash/15485863'))!;
const scoring = scoringKeyFor(key.spec);
const gamma = key.spec.gamma;
const tokenizer = await evalTokenizer(key.spec);
const cw = firstScoredPosition(scoring.seeder);
const E2 = Math.E ** 2;
const Z = ((1 - gamma) * (E2 - 1)) / (1 + (E2 - 1) * gamma);
const logit = (q: number) => Math.log(q / (1 - q));
const LENGTHS = (process.env.LENGTHS ?? '16,32,64,128,200,400,1000').split(',').map(Number);

interface Cfg { name: string; minCount: number; D: number; unknownS: number | 'mean'; scale: number; safety: number; order: 2 | 3; exclude?: number }

class Proxy {
  bi = new Map<number, Map<number, number>>();
  tri = new Map<number, Map<number, number>>();
  sBi = new Map<number, [number, number]>();
  sTri = new Map<number, [number, number]>();
  meanS = 1;
  constructor(docs: Int32Array[], readonly cfg: Cfg) {
    const add = (m: Map<number, Map<number, number>>, c: number, t: number) => {
      let x = m.get(c); if (!x) m.set(c, (x = new Map())); x.set(t, (x.get(t) ?? 0) + 1);
    };
    for (const d of docs) for (let i = 1; i < d.length; i++) {
      add(this.bi, d[i - 1], d[i]);
      if (i >= 2) add(this.tri, d[i - 2] * 65536 + d[i - 1], d[i]);
    }
    const spike = (m: Map<number, number>): [number, number] => {
      let C = 0; for (const c of m.values()) C += c;
      let S = 0, P = 0;
      for (const c of m.values()) { const p = Math.max(c - cfg.D, 0) / C; S += p / (1 + Z * p); P += p; }
      return [S + (1 - P), C];
    };
    for (const [c, m] of this.bi) this.sBi.set(c, spike(m));
    for (const [c, m] of this.tri) this.sTri.set(c, spike(m));
    let a = 0, n = 0; for (const [s, c] of this.sBi.values()) { a += s * c; n += c; } this.meanS = a / n;
  }
  S(ids: ArrayLike<number>, t: number): number {
    if (this.cfg.order === 3 && t >= 2) { const x = this.sTri.get(ids[t - 2] * 65536 + ids[t - 1]); if (x && x[1] >= this.cfg.minCount) return x[0]; }
    if (t >= 1) { const x = this.sBi.get(ids[t - 1]); if (x && x[1] >= this.cfg.minCount) return x[0]; }
    return this.cfg.unknownS === 'mean' ? this.meanS : this.cfg.unknownS;
  }
  weight(ids: ArrayLike<number>, t: number): number {
    const q = (gamma * E2 * this.S(ids, t)) / (1 + (E2 - 1) * gamma);
    return Math.max(0, Math.round(this.cfg.scale * (logit(Math.max(q, gamma)) - logit(gamma))));
  }
}

function weightedSf(s: number, counts: Map<number, number>, p: number): number {
  let dist = new Float64Array(1); dist[0] = 1;
  for (const [w, n] of counts) {
    const pmf = Array.from({ length: n + 1 }, (_, k) => Math.exp(binomialLogPmf(k, n, p)));
    const out = new Float64Array(dist.length + w * n);
    for (let i = 0; i < dist.length; i++) { const d = dist[i]; if (d < 1e-300) continue; for (let k = 0; k <= n; k++) out[i + w * k] += d * pmf[k]; }
    dist = out;
  }
  let tail = 0;
  for (let i = Math.max(0, Math.ceil(s - 1e-9)); i < dist.length; i++) tail += dist[i];
  return Math.min(1, tail);
}

// reference sample per genre: ids and unit ids per doc
const sample = await loadReferenceSample();
const genres = new Map<string, Array<{ ids: Int32Array; units: Float64Array }>>();
for (const d of sample.documents) {
  const ids = tokenizer.encode(applyNormalizers(d.text, key.spec.detection.normalizers).text).ids;
  genres.set(d.genre, [...(genres.get(d.genre) ?? []), { ids, units: positionUnitIds(scoring.seeder, ids) }]);
}
const genreList = [...genres.values()];
const chunkFreq = new Map<number, number>();
for (const docs of genreList) for (const d of docs) for (let s = 0; s < d.units.length; s += 100) {
  const seen = new Set<number>(); for (let t = s; t < Math.min(d.units.length, s + 100); t++) if (!Number.isNaN(d.units[t])) seen.add(d.units[t]);
  for (const u of seen) chunkFreq.set(u, (chunkFreq.get(u) ?? 0) + 1);
}

/** unit → weight of its first occurrence in [from, to) */
function unitWeights(ids: ArrayLike<number>, units: ArrayLike<number>, from: number, to: number, proxy: Proxy, exclude?: number): Map<number, number> {
  const m = new Map<number, number>();
  for (let t = from; t < to; t++) {
    const u = units[t]; if (Number.isNaN(u) || m.has(u)) continue;
    m.set(u, exclude !== undefined && (chunkFreq.get(u) ?? 0) >= exclude ? 0 : proxy.weight(ids, t));
  }
  return m;
}

function curveFor(cfg: Cfg) {
  const units: number[] = [], share: number[] = [];
  for (const size of [16, 32, 64, 128, 256]) {
    let mu = 0, sh = 0;
    genreList.forEach((docs, g) => {
      const proxy = new Proxy(genreList.filter((_, j) => j !== g).flat().map((d) => d.ids), cfg);
      // join docs as the fit does
      const ids = new Int32Array(docs.reduce((n, d) => n + d.ids.length, 0)); const us = new Float64Array(ids.length);
      let at = 0; for (const d of docs) { ids.set(d.ids, at); us.set(d.units, at); at += d.ids.length; }
      const windows = Math.floor(ids.length / size);
      const sum = new Map<number, number>(), sumSq = new Map<number, number>();
      let totalW = 0, totalU = 0;
      for (let w = 0; w < windows; w++) for (const [u, a] of unitWeights(ids, us, w * size + cw, (w + 1) * size, proxy, cfg.exclude)) {
        if (a === 0) continue; totalU++; totalW += a; sum.set(u, (sum.get(u) ?? 0) + a); sumSq.set(u, (sumSq.get(u) ?? 0) + a * a);
      }
      let pairs = 0; for (const [u, s] of sum) pairs += s * s - sumSq.get(u)!;
      mu += totalU / windows; sh += Math.sqrt(Math.max(0, pairs) / (windows * (windows - 1))) / (totalW / windows);
    });
    units.push(mu / genreList.length); share.push(sh / genreList.length);
  }
  return { units, share };
}

function pValue(cfg: Cfg, curve: { units: number[]; share: number[] }, weights: Map<number, number>, unitIds: ArrayLike<number>, green: ArrayLike<number>): number {
  const counts = new Map<number, number>(); let s = 0, n = 0;
  for (let i = 0; i < unitIds.length; i++) { const w = weights.get(unitIds[i]) ?? 0; if (w === 0) continue; n++; counts.set(w, (counts.get(w) ?? 0) + 1); s += w * green[i]; }
  if (n === 0) return 1;
  const p = Math.min(0.999, gamma + cfg.safety * Math.sqrt(gamma * (1 - gamma)) * shareAt(curve, n));
  return weightedSf(s, counts, p);
}

const cfgs: Cfg[] = JSON.parse(process.env.CFGS ?? 'null') ?? [
  { name: 'unweighted s2.5', minCount: 1e9, D: 0.75, unknownS: 1, scale: 1e-9, safety: 2.5, order: 2 },
];
const fullProxies = cfgs.map((c) => new Proxy(genreList.flat().map((d) => d.ids), c));
const curves = cfgs.map((c) => curveFor(c));
cfgs.forEach((c, i) => console.log(c.name, 'share', curves[i].share.map((s) => s.toFixed(4)).join(' '), 'units', curves[i].units.map((s) => s.toFixed(0)).join(' ')));

// power
const count = Number(process.env.N ?? 100);
const sotu = (await watermarkedTexts(key.spec, { delta: 2, length: 200, count })).map((t) => t.ids);
const brownModel = trainOnCorpus(loadBrown({ maxChars: 400_000 }), tokenizer);
const brown: number[][] = [];
for (let i = 0; i < Number(process.env.NB ?? 60); i++) brown.push(generateWatermarked({ key: key.spec, model: brownModel, tokenizer, length: 200, delta: 2, seed: 20000 + i, temperature: STAND_IN_SAMPLING.temperature, topP: STAND_IN_SAMPLING.topP }).ids);
const power = (texts: number[][], i: number) => texts.filter((ids) => {
  const sc = scoreIds(scoring, ids); const us = positionUnitIds(scoring.seeder, ids);
  return pValue(cfgs[i], curves[i], unitWeights(ids, us, 0, ids.length, fullProxies[i], cfgs[i].exclude), sc.units.id, sc.units.green) <= 0.75e-4;
}).length / texts.length;
if (process.env.DIAG) cfgs.forEach((c, i) => {
  const bins = new Map<number, [number, number]>();
  for (const ids of [...sotu, ...brown]) { const sc = scoreIds(scoring, ids); const us = positionUnitIds(scoring.seeder, ids); const wm = unitWeights(ids, us, 0, ids.length, fullProxies[i], c.exclude);
    for (let k = 0; k < sc.units.numUnits; k++) { const w = wm.get(sc.units.id[k]) ?? -1; const b = bins.get(w) ?? [0, 0]; b[0] += sc.units.green[k]; b[1]++; bins.set(w, b); } }
  console.log('DIAG', c.name, [...bins].sort((a, b) => a[0] - b[0]).map(([w, [g, n]]) => `w${w}: ${(g / n).toFixed(2)} (${n})`).join('  '));
});
cfgs.forEach((c, i) => console.log(`POWER ${c.name}: sotu ${(100 * power(sotu, i)).toFixed(0)}% brown ${(100 * power(brown, i)).toFixed(0)}%`));
if (process.env.NOFA) process.exit(0);

const corpora = loadEvalCorpora({ maxChars: Number(process.env.CHARS ?? 1_000_000) });
const windows = await scoreCorpora(key.spec, corpora, { lengths: LENGTHS, maxWindows: () => 20000 });
for (let i = 0; i < cfgs.length; i++) {
  const cfg = cfgs[i];
  const over = [0, 0, 0], beyond = [0, 0, 0], overHeld = [0, 0, 0]; let p2 = 0, p3 = 0, N = 0;
  for (const c of corpora) {
    const stream = await streamFor(c, key.spec); const units = streamPairs(scoring, stream.ids);
    for (const length of LENGTHS) {
      const ws = windows.filter((w) => w.corpus === c.name && w.length === length);
      const ps = ws.map((w) => pValue(cfg, curves[i], unitWeights(stream.ids, units, w.start + cw, w.start + length, fullProxies[i], cfg.exclude), w.unitPairs, w.unitGreen));
      N += ps.length; p2 += ps.filter((p) => p <= 1e-2).length; p3 += ps.filter((p) => p <= 1e-3).length;
      [1e-2, 1e-3, 1e-4].forEach((a, k) => {
        if (ws.length < 1 / a) return;
        const r = falseAlarmRate(ps, a);
        if (r.rate > a) { (c.heldOut ? overHeld : over)[k]++; console.error(`  ${cfg.name}: ${c.name}/${length} at ${a}: ${r.alarms}/${r.windows} excessP ${r.excessP.toExponential(1)}`); }
        if (r.excessP < 0.01) beyond[k]++;
      });
    }
  }
  console.log(`FA ${cfg.name}: cells>α dev·held(beyond) ${[0, 1, 2].map((k) => `${over[k]}·${overHeld[k]}(${beyond[k]})`).join(' | ')} pooled ${(100 * p2 / N).toFixed(3)}% · ${(100 * p3 / N).toFixed(4)}%`);
}
