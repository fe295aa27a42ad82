// Issue 13 item 3 for SynthID, the shipped change: the exact block tail (U-fold law of the enumerated
// per-unit law) with a fixed-key allowance — the null per-unit mean raised by safety · σ · share(U), share
// from the reference sample's n-gram identities, each genre held out (as KGW). Compares, on the same
// human windows and stand-in texts: the bounds (min of Bennett and Chernoff; `current` here is what
// detect() reports for keys compiled without an allowance) against the exact tail at several safeties.
// The exact tail here is a direct convolution (slow, independent of src/synthid/exact-tail.ts).
//
//   [SAFETIES=0,1,1.5,2,2.5] [KEYNAME=synthid-hf-docs] npx tsx eval/synthid-allowance.ts --chars 400000
// Findings: eval/synthid-notes.md ("Shipped: the exact tail").
import { parseArgs } from 'node:util';
import { SPAN_SEARCH_ALPHA_SHARE } from '../src/calibration/block-test';
import { findSpans } from '../src/stats/spans';
import { computePositions } from '../src/synthid/g-values';
import { blockPValue, decideSynthId, EXACT_TAIL_MIN_UNITS, synthIdTest, type SynthIdTest, unitTableSize } from '../src/synthid/statistics';
import { independentUnits } from '../src/synthid/units';
import { binomialSf } from '../src/stats/binomial-tail';
import { loadEvalCorpora } from './lib/pipeline';
import { compileSchemeKey, synthIdEvalKeys, synthIdKeyOf } from './lib/scheme-keys';
import { schemeTexts } from './lib/scheme-texts';
import { ExactTail } from './lib/synthid-direct-tail';
import { tokenizeCorpus, windowStarts } from './lib/windows';

const { values } = parseArgs({ options: { chars: { type: 'string', default: '300000' }, 'power-count': { type: 'string', default: '60' } } });
const ALPHAS = [1e-2, 1e-3, 1e-4];
const LENGTHS = (process.env.LENGTHS ?? "16,32,64,128,200,400").split(",").map(Number);



import { shareAt } from '../src/calibration/null-model';
import { loadReferenceSample } from '../src/calibration/reference-sample';
import { ngramShareCurve } from '../src/synthid/ngram-allowance';

const SAFETIES = (process.env.SAFETIES ?? '0,1,1.5,2,2.5').split(',').map(Number);
function pvals(test: SynthIdTest, exact: ExactTail, curve: { units: number[]; share: number[] }, ids: ArrayLike<number>, alpha: number, shipped: SynthIdTest | null = null) {
  const positions = computePositions(test.scorer, ids);
  const units = independentUnits(positions, test.weights, unitTableSize(test.scorer));
  let t = 0;
  for (const v of units.value) t += v;
  const s = SPAN_SEARCH_ALPHA_SHARE;
  const above = Uint8Array.from(units.value, (v) => (v > test.law.mean + 1e-9 * test.law.max ? 1 : 0));
  const found = units.numUnits > 0 ? findSpans(above, test.law.aboveMeanRate, { alpha: s * alpha }) : [];
  let span = 1;
  for (const f of found) span = Math.min(span, f.pValue / s);
  const sigma = Math.sqrt(test.law.variance);
  const bounds = decideSynthId(test, positions, alpha).pValue;
  const exactP = SAFETIES.map((safety) => {
    // As shipped: short texts keep the bounds (statistics.ts EXACT_TAIL_MIN_UNITS), unless MIN_UNITS=0.
    if (units.numUnits < MIN_UNITS) return bounds;
    const eps = safety * sigma * shareAt(curve, units.numUnits);
    const block = Math.exp(exact.logSf(t - units.numUnits * eps, units.numUnits));
    return Math.min(1, block / (1 - s), span);
  });
  return { current: bounds, exact: exactP, shipped: shipped === null ? NaN : decideSynthId(shipped, positions, alpha).pValue };
}
const MIN_UNITS = Number(process.env.MIN_UNITS ?? EXACT_TAIL_MIN_UNITS);
const corpora = loadEvalCorpora({ maxChars: Number(values.chars) });
const keys = synthIdEvalKeys().filter((k) => k.name === (process.env.KEYNAME ?? 'synthid-hf-docs') || k.name === 'synthid-hf-wide');
const sample = await loadReferenceSample();
for (const key of keys) {
  const compiled = await compileSchemeKey(key);
  const compiledKey = synthIdKeyOf(compiled);
  // The bounds: the key's test without an allowance.
  const k = { ...compiledKey, test: synthIdTest(compiledKey.scorer, compiledKey.spec.score) };
  const n = k.scorer.params.ngramLen;
  const curve = ngramShareCurve(sample, k.tokenizer, k.spec.detection.normalizers, n, k.spec.samplingTableSize!);
  console.log(`\n## ${key.name}; law var ${k.test.law.variance.toFixed(3)}; share ${curve.share.map((x) => x.toFixed(4)).join(' ')} at units ${curve.units.map((x) => x.toFixed(0)).join(' ')}`);
  const exact = new ExactTail(k.test);
  const cols = ['current', ...SAFETIES.map((x) => `exact s${x}`)];
  const over = cols.map(() => ALPHAS.map(() => [0, 0, 0, 0]));
  const pooled = cols.map(() => [0, 0]);
  let pooledN = 0;
  let mismatches = 0;
  for (const corpus of corpora) {
    const stream = tokenizeCorpus(corpus, k.tokenizer, k.spec.detection.normalizers);
    for (const length of LENGTHS) {
      const starts = windowStarts(stream.ids.length, length, 20000);
      const alarms = cols.map(() => ALPHAS.map(() => 0));
      for (const st of starts) {
        const r = pvals(k.test, exact, curve, stream.ids.subarray(st, st + length), 1e-4, compiledKey.test);
        const i25 = SAFETIES.indexOf(2.5);
        if (i25 >= 0 && Math.abs(r.shipped - r.exact[i25]) > 1e-9 * Math.max(r.shipped, 1e-300) + 1e-12) mismatches++;
        const ps = [r.current, ...r.exact];
        ps.forEach((p, c) => ALPHAS.forEach((a, i) => { if (p <= a) alarms[c][i]++; }));
      }
      pooledN += starts.length;
      cols.forEach((_, c) => {
        pooled[c][0] += alarms[c][0]; pooled[c][1] += alarms[c][1];
        ALPHAS.forEach((a, i) => {
          if (starts.length < 1 / a) return;
          if (alarms[c][i] / starts.length > a) { over[c][i][corpus.heldOut ? 1 : 0]++; if (c > 0) console.error(`  ${cols[c]} ${corpus.name}/${length} at ${a}: ${alarms[c][i]}/${starts.length}`); }
          if (binomialSf(alarms[c][i], starts.length, a) < 0.01) over[c][i][2]++;
        });
      });
    }
  }
  console.log(`(shipped detect() pValue differs from "exact s2.5" here in ${mismatches} windows)`);
  console.log('| method | cells > α 1e-2 dev·held (beyond) | 1e-3 | 1e-4 | pooled 1e-2 · 1e-3 |');
  cols.forEach((name, c) => console.log(`| ${name} | ${ALPHAS.map((_, i) => `${over[c][i][0]}·${over[c][i][1]} (${over[c][i][2]})`).join(' | ')} | ${((100 * pooled[c][0]) / pooledN).toFixed(3)}% · ${((100 * pooled[c][1]) / pooledN).toFixed(4)}% |`));
  if (!key.isDefault) continue;
  for (const length of [100, 200, 400]) {
    const texts = schemeTexts(compiled, { label: 'T = 0.8', temperature: 0.8 }, { length, count: Number(values['power-count']), firstSeed: 0 });
    const hits = cols.map(() => ALPHAS.map(() => 0));
    for (const t of texts) {
      const r = pvals(k.test, exact, curve, t.ids, 1e-4);
      [r.current, ...r.exact].forEach((p, c) => ALPHAS.forEach((a, i) => { if (p <= a) hits[c][i]++; }));
    }
    console.log(`power ${length} tokens (${texts.length}): ` + cols.map((name, c) => `${name} ${hits[c].map((h) => Math.round((100 * h) / texts.length) + '%').join('/')}`).join('; '));
  }
}
