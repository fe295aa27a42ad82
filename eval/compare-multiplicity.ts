// Issue 13, selfhash power (eval/calibration-notes.md §10): where a watermarked text's evidence sits, by
// unit class, and one candidate null measured against the shipped one on the same windows and texts:
// drop the units a text repeats (multiplicity ≥ m, a rule on the text alone, so valid over keys), with
// the allowance refitted under the same rule on the bundled reference sample.
//
//   npx tsx eval/compare-multiplicity.ts [--key selfhash/15485863] [--power 100]
//
// Same corpora and caches as eval/false-alarms.ts (a warm eval/.cache/ makes it a few minutes).
import { parseArgs } from 'node:util';
import { calibrationFor } from '../src/calibration/reference-sample';
import { type NullModel, calibratedPValue } from '../src/calibration/null-model';
import { positionUnitIds } from '../src/calibration/unit-ids';
import { firstScoredPosition } from '../src/seeding/seeder';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { scoreIds } from '../src/score/score-ids';
import { TARGET_SPAN } from '../src/score/unit-id';
import { evalKeys } from './lib/keys';
import { loadEvalCorpora, scoreCorpora, streamFor } from './lib/pipeline';
import { falseAlarmRate } from './lib/rates';
import { genreUnitStreams } from './lib/genre-unit-streams';
import { streamPairs } from './lib/score-windows';
import { watermarkedTexts } from './lib/watermarked';
import { LENGTH_BINS } from './lib/windows';
import { evalTokenizer } from './lib/tokenizers';

const { values } = parseArgs({ options: { key: { type: 'string', default: 'selfhash/15485863' }, power: { type: 'string', default: '100' } } });
const key = evalKeys().find((k) => k.name === values.key);
if (key === undefined) throw new Error(`unknown key ${values.key}`);
const scoring = scoringKeyFor(key.spec);
const gamma = key.spec.gamma;
const tokenizer = await evalTokenizer(key.spec);
const contextWidth = firstScoredPosition(scoring.seeder);

/** Occurrences of each unit among positions [from, to) of a unit-id stream (NaN: no unit). */
function multiplicities(units: ArrayLike<number>, from: number, to: number): Map<number, number> {
  const count = new Map<number, number>();
  for (let t = from; t < to; t++) if (!Number.isNaN(units[t])) count.set(units[t], (count.get(units[t]) ?? 0) + 1);
  return count;
}

/** shared-units.ts's share statistic, leaving out the units a window repeats ≥ m times. */
function shareWithout(units: Float64Array, size: number, m: number): { meanUnits: number; share: number } {
  const windows = Math.floor(units.length / size);
  const containing = new Map<number, number>();
  let total = 0;
  for (let w = 0; w < windows; w++) {
    for (const [u, c] of multiplicities(units, w * size + contextWidth, (w + 1) * size)) {
      if (c >= m) continue;
      total++;
      containing.set(u, (containing.get(u) ?? 0) + 1);
    }
  }
  let pairs = 0;
  for (const c of containing.values()) pairs += c * (c - 1);
  const meanUnits = total / windows;
  return { meanUnits, share: Math.sqrt(pairs / (windows * (windows - 1))) / meanUnits };
}

// The reference sample as unit ids per genre (as fit.ts sees it), for refitting the share curve.
const { documents: genreDocuments, streams: genreStreams } = await genreUnitStreams(scoring.seeder, tokenizer, key.spec.detection.normalizers);
/** Chunk frequency of each unit in the sample (100-token chunks), for the class breakdown. */
const chunkFrequency = new Map<number, number>();
for (const docs of genreDocuments) {
  for (const units of docs) {
    for (let s = 0; s < units.length; s += 100) for (const u of multiplicities(units, s, Math.min(units.length, s + 100)).keys()) chunkFrequency.set(u, (chunkFrequency.get(u) ?? 0) + 1);
  }
}

function refitted(m: number): NullModel {
  const shipped = calibration.nullModel(gamma);
  const curve = { units: [] as number[], share: [] as number[] };
  for (const size of [16, 32, 64, 128, 256]) {
    const s = genreStreams.map((g) => shareWithout(g, size, m));
    curve.units.push(s.reduce((a, x) => a + x.meanUnits, 0) / s.length);
    curve.share.push(s.reduce((a, x) => a + x.share, 0) / s.length);
  }
  return { gamma, safety: shipped.safety, curve };
}

const calibration = await calibrationFor(key.spec, scoring.seeder, tokenizer);
const variants: Array<{ name: string; m: number; model: NullModel }> = [
  { name: 'shipped (raise s2.5, every unit)', m: Infinity, model: calibration.nullModel(gamma) },
  { name: 'units repeated ≥ 3× dropped, refitted', m: 3, model: refitted(3) },
  { name: 'units repeated ≥ 2× dropped, refitted', m: 2, model: refitted(2) },
];
for (const v of variants) console.log(`${v.name}: share ${v.model.curve.share.map((s) => s.toFixed(4)).join(' ')} at units ${v.model.curve.units.map((n) => n.toFixed(0)).join(' ')}`);

/** Calibrated p over the units of a text whose multiplicity (among positions [from, to) of `stream`) is < m. */
function pValue(model: NullModel, m: number, stream: ArrayLike<number>, from: number, to: number, ids: ArrayLike<number>, green: ArrayLike<number>): number {
  const count = multiplicities(stream, from, to);
  let n = 0;
  let g = 0;
  for (let u = 0; u < ids.length; u++) {
    if ((count.get(ids[u]) ?? 1) >= m) continue;
    n++;
    g += green[u];
  }
  return calibratedPValue(model, g, n);
}

const corpora = loadEvalCorpora();
const windows = await scoreCorpora(key.spec, corpora, { lengths: LENGTH_BINS, maxWindows: () => 20000 });
const pairs = new Map<string, Float64Array>();
for (const c of corpora) pairs.set(c.name, streamPairs(scoring, (await streamFor(c, key.spec)).ids));
const texts = await watermarkedTexts(key.spec, { delta: 2, length: 200, count: Number(values.power) });
const scored = texts.map((t) => ({ score: scoreIds(scoring, t.ids), units: positionUnitIds(scoring.seeder, t.ids) }));

console.log(`\n## ${key.name}: false-alarm cells (rate > α; beyond sampling error) and block-test power at 200 tokens, δ = 2, α = 1e-4\n`);
console.log('| method | 1e-2 | 1e-3 | power |');
console.log('|---|---|---|---|');
for (const v of variants) {
  const over = [0, 0];
  const beyond = [0, 0];
  const cells = [0, 0];
  for (const c of corpora) {
    for (const length of LENGTH_BINS) {
      const ws = windows.filter((w) => w.corpus === c.name && w.length === length);
      const ps = ws.map((w) => pValue(v.model, v.m, pairs.get(c.name)!, w.start + contextWidth, w.start + length, w.unitPairs, w.unitGreen));
      [1e-2, 1e-3].forEach((a, i) => {
        if (ws.length < 1 / a) return;
        const r = falseAlarmRate(ps, a);
        cells[i]++;
        if (r.rate > a) over[i]++;
        if (r.excessP < 0.01) beyond[i]++;
      });
    }
  }
  const power = scored.filter(({ score, units }) => pValue(v.model, v.m, units, 0, units.length, score.units.id, score.units.green) <= 1e-4).length / scored.length;
  console.log(`| ${v.name} | ${over[0]} (${beyond[0]}) of ${cells[0]} | ${over[1]} (${beyond[1]}) of ${cells[1]} | ${(100 * power).toFixed(0)}% |`);
}

// Where the evidence sits: green share of the watermarked texts' units by class.
const classes = new Map<string, { units: number; green: number }>();
const add = (name: string, g: number) => {
  const c = classes.get(name) ?? { units: 0, green: 0 };
  c.units++;
  c.green += g;
  classes.set(name, c);
};
const frequencyClass = (f: number) => (f === 0 ? '0' : f < 3 ? '1–2' : f < 20 ? '3–19' : f < 100 ? '20–99' : '≥ 100');
for (const { score, units } of scored) {
  const count = multiplicities(units, 0, units.length);
  for (let u = 0; u < score.units.numUnits; u++) {
    const id = score.units.id[u];
    const g = score.units.green[u];
    const target = id % TARGET_SPAN;
    // A self-anchored unit has the seed a window of the target alone would give it.
    const window = new Array<number>(scoring.seeder.contextWidth).fill(target);
    const self = scoring.seeder.selfSalt && Math.floor(id / TARGET_SPAN) === scoring.seeder.seed32(window, window.length);
    add(self ? 'self-anchored' : 'other units', g);
    add(`sample chunk frequency ${frequencyClass(chunkFrequency.get(id) ?? 0)}`, g);
    add(`multiplicity in the text ${Math.min(3, count.get(id) ?? 1)}${(count.get(id) ?? 1) >= 3 ? '+' : ''}`, g);
  }
}
console.log(`\n## Green share of units in ${scored.length} watermarked texts, by class\n`);
console.log('| class | units per text | green share |');
console.log('|---|---|---|');
for (const [name, c] of [...classes].sort(([a], [b]) => a.localeCompare(b))) console.log(`| ${name} | ${(c.units / scored.length).toFixed(1)} | ${(c.green / c.units).toFixed(3)} |`);
