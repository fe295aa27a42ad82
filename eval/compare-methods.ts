// The comparison behind the calibration's choice (eval/calibration-notes.md): candidate corrections of
// the units-based binomial, each fitted on the bundled reference sample, scored on the same human windows
// (false alarms) and the same watermarked texts (power at 200 tokens, α = 1e-4).
//
//   npx tsx eval/compare-methods.ts [--keys lefthash/15485863,...] [--power 200] [--detail "raise s2.5"]
//
// Same corpora and caches as eval/false-alarms.ts.
import { parseArgs } from 'node:util';
import { DEFAULT_CALIBRATION_OPTIONS, type ReferenceSample, fitOnSample, loadReferenceSample } from '../src/calibration/reference-sample';
import type { CalibrationOptions } from '../src/calibration/fit';
import { scoreUnitIds } from '../src/calibration/unit-ids';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { scoreIds } from '../src/score/score-ids';
import { evalKeys } from './lib/keys';
import { type Method, betaBinomialMethod, calibrationMethod, unitsMethod } from './lib/methods';
import { loadEvalCorpora, saveColourTables, scoreCorpora } from './lib/pipeline';
import { falseAlarmRate } from './lib/rates';
import { watermarkedTexts } from './lib/watermarked';
import { LENGTH_BINS } from './lib/windows';
import { evalTokenizer } from './lib/tokenizers';

const { values } = parseArgs({
  options: {
    keys: { type: 'string' },
    power: { type: 'string', default: '200' },
    detail: { type: 'string' },
    chars: { type: 'string', default: '1000000' },
  },
});

/** Name → options (over DEFAULT_CALIBRATION_OPTIONS). "excl" = exclusion of frequent units, "raise" = raised null rate. */
export const VARIANTS: Array<[string, Partial<CalibrationOptions>]> = [
  ['excl k3', { minChunks: 3, safety: 0 }],
  ['excl k2', { minChunks: 2, safety: 0 }],
  ['excl k5', { minChunks: 5, safety: 0 }],
  ['excl k3 + raise s3', { minChunks: 3, safety: 3 }],
  ['excl k20 + raise s3', { minChunks: 20, safety: 3 }],
  ['excl k100 + raise s2.5', { minChunks: 100, safety: 2.5 }],
  ['excl k200 + raise s2.5', { minChunks: 200, safety: 2.5 }],
  ['excl k350 + raise s2.5', { minChunks: 350, safety: 2.5 }],
  ['raise s2', { minChunks: Infinity, safety: 2 }],
  ['raise s2.5 (shipped)', { minChunks: Infinity, safety: 2.5 }],
  ['raise s3', { minChunks: Infinity, safety: 3 }],
  ['raise s2 max', { minChunks: Infinity, safety: 2, combine: 'max' }],
];

const corpora = loadEvalCorpora({ maxChars: Number(values.chars) });
const sample: ReferenceSample = await loadReferenceSample();
const powerCount = Number(values.power);

for (const key of evalKeys().filter((k) => values.keys === undefined || values.keys.split(',').includes(k.name))) {
  const scoring = scoringKeyFor(key.spec);
  const tokenizer = await evalTokenizer(key.spec);
  const methods: Method[] = [unitsMethod()];
  for (const [name, o] of VARIANTS) {
    methods.push(calibrationMethod(name, fitOnSample(sample, scoring.seeder, tokenizer, key.spec.detection.normalizers, { ...DEFAULT_CALIBRATION_OPTIONS, ...o })));
  }
  // Beta-binomial whose spread is the fitted per-key shift (one standard deviation, no exclusion).
  methods.push(betaBinomialMethod('beta-binomial (fitted sd)', fitOnSample(sample, scoring.seeder, tokenizer, key.spec.detection.normalizers, { ...DEFAULT_CALIBRATION_OPTIONS, safety: 1 })));

  const windows = await scoreCorpora(key.spec, corpora, { lengths: LENGTH_BINS, maxWindows: () => 20000 });
  saveColourTables();
  const texts = powerCount > 0 ? await watermarkedTexts(key.spec, { delta: 2, length: 200, count: powerCount }) : [];
  const watermarked = texts.map((t) => {
    const s = scoreIds(scoring, t.ids);
    return { ids: scoreUnitIds(s), green: s.units.green };
  });

  console.log(`\n## ${key.name}\n`);
  console.log('| method | cells > α at 1e-2 (beyond sampling error) | at 1e-3 (beyond) | worst cell at 1e-2 | units kept | power at 1e-4, 200 tokens (median p) |');
  console.log('|---|---|---|---|---|---|');
  const cells = corpora.flatMap((c) => LENGTH_BINS.map((length) => ({ corpus: c.name, length, ws: windows.filter((w) => w.corpus === c.name && w.length === length) })));
  for (const m of methods) {
    let over2 = 0;
    let beyond2 = 0;
    let over3 = 0;
    let beyond3 = 0;
    let worst = { ratio: 0, label: '' };
    let kept = 0;
    let keptOf = 0;
    const detail: string[] = [];
    for (const { corpus, length, ws } of cells) {
      const results = ws.map((w) => m.score(w.unitPairs, w.unitGreen, key.spec.gamma));
      results.forEach((r, i) => {
        kept += r.numUnits;
        keptOf += ws[i].unitPairs.length;
      });
      const ps = results.map((r) => r.pValue);
      const r2 = falseAlarmRate(ps, 1e-2);
      const r3 = falseAlarmRate(ps, 1e-3);
      if (r2.rate > 1e-2) over2++;
      if (r2.excessP < 0.01) beyond2++;
      if (r3.rate > 1e-3) over3++;
      if (r3.excessP < 0.01) beyond3++;
      if (r2.rate / 1e-2 > worst.ratio) worst = { ratio: r2.rate / 1e-2, label: `${corpus}/${length}: ${r2.alarms}/${r2.windows}` };
      if (values.detail !== undefined && m.name.startsWith(values.detail)) {
        detail.push(`  ${corpus.padEnd(12)} ${String(length).padStart(4)}  ${r2.alarms}/${r2.windows} (${(100 * r2.rate).toFixed(2)}%) · ${r3.alarms} (${(100 * r3.rate).toFixed(3)}%)`);
      }
    }
    const pw = watermarked.map((x) => m.score(x.ids, x.green, key.spec.gamma).pValue).sort((a, b) => a - b);
    const power = pw.length === 0 ? 'n/a' : `${((100 * pw.filter((p) => p <= 1e-4).length) / pw.length).toFixed(0)}% (${pw[pw.length >> 1].toExponential(1)})`;
    console.log(`| ${m.name} | ${over2} (${beyond2}) | ${over3} (${beyond3}) | ${worst.label} | ${(kept / keptOf).toFixed(2)} | ${power} |`);
    for (const d of detail) console.log(d);
  }
}
