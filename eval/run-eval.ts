// `npm run eval`: the evaluation report (eval/report.md) and its SVG plots (eval/plots/), from the
// measurement library (eval/lib) and the detector exactly as shipped (detect(), the calibrated layer).
//
//   npm run eval                 full run (≈ 1 MB of text per corpus, 100 texts per power cell), writes
//                                eval/report.md and eval/plots/*.svg
//   npm run eval -- --quick      small run for development, written to eval/.cache/quick/ instead
//   npm run eval -- --out DIR    write report.md and plots/ into DIR
//
// Deterministic: fixed corpora slices, fixed seeds (listed in the report); only the timings, the date and
// the bench numbers (read from bench/results/latest.json when present) change between runs. Full run on
// 2 cores: ≈ 15 min cold (clean clone) plus ≈ 25 min for the SynthID and Unigram sections (their
// false-alarm cells and generated texts are cached in eval/.cache/ too), ≈ 8 min with eval/.cache/ warm
// (the KGW false alarms; the SynthID/Unigram sections take seconds warm); --quick ≈ 2 min warm. Colours and generated texts are cached in eval/.cache/ (git-ignored), which
// changes run time, never results.
//
// This file runs the measurements; eval/report/ turns them into the report: format.ts (numbers, tables),
// figures.ts (the plots), markdown.ts (report.md text); eval/lib/run-settings.ts holds the sizes and seeds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SPAN_SEARCH_ALPHA_SHARE } from '../src/calibration/block-test';
import { minUnitsForAlpha, nullGreenRate } from '../src/calibration/null-model';
import { calibrationFor } from '../src/calibration/reference-sample';
import { minUnitsToTell } from '../src/calibration/verdict';
import { compileKeySet, detect } from '../src/detect';
import type { KgwKeyDetection } from '../src/detect-types';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { loadBrown } from './lib/corpora';
import { type FalseAlarmCell, measureFalseAlarms } from './lib/false-alarms';
import { bundledKeySetBytes, DEFAULT_HASH_KEY, type EvalKey, evalKey, evalKeys } from './lib/keys';
import { EVAL_DIR, loadEvalCorpora, saveColourTables, streamFor } from './lib/pipeline';
import { type PowerCell, measurePower } from './lib/power';
import { ALPHAS } from './lib/rates';
import { evalConfig, openModelConfig, POWER_DELTAS, POWER_LENGTHS, REPORT_ALPHA, ROBUST_LENGTH, SCHEME_SPAN_CORPUS, SEEDS, SPAN_DELTAS, SPAN_SHARES, SPAN_TOTAL } from './lib/run-settings';
import { type IdBlock, measureSpans, mixedBlocks, mixedIdBlocks, spanIou } from './lib/spans';
import { watermarkedTexts } from './lib/watermarked';
import { LENGTH_BINS } from './lib/windows';
import { binomialSf } from '../src/stats/binomial-tail';
import { writeFigures } from './report/figures';
import { alphaLabel } from './report/format';
import { evalReport } from './report/markdown';
import type { BenchResults, FalseSpanRow, Machine, SpanRow, ThresholdRow } from './report/results';
import {
  median,
  type PowerCheck,
  powerWithModel,
  robustness,
  type RobustnessRow,
  type SpanSettingRow,
  spanSettingRow,
  trainOnCorpus,
  wordList,
} from './report/sections';
import { PAGE_TRANSFORMS, wordReplacementTransform } from './report/transforms';
import { measureOpenModels, openModelSection } from './report/open-model-section';
import { measureScheme, schemeKeyNumbers, schemeSectionLines, type SchemeRunSettings } from './report/scheme-section';
import { evalTokenizer } from './lib/tokenizers';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const QUICK = values.quick ?? false;
const OUT_DIR = values.out ?? (QUICK ? join(EVAL_DIR, '.cache', 'quick') : EVAL_DIR);
const PLOT_DIR = join(OUT_DIR, 'plots');

// Settings (sizes, seeds, lengths) live in eval/lib/run-settings.ts: the report quotes them.
const CONFIG = evalConfig(QUICK);

const started = Date.now();
const timings: Array<[string, number]> = [];
async function timed<T>(name: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = Date.now();
  const r = await f();
  timings.push([name, (Date.now() - t0) / 1000]);
  console.error(`[eval] ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

// ---------------------------------------------------------------------------------------------------
// Run

const machine: Machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
};

const corpora = await timed('load corpora', () => loadEvalCorpora({ maxChars: CONFIG.chars }));
const keys: EvalKey[] = evalKeys();
const defaultLeft = evalKey('lefthash', DEFAULT_HASH_KEY);
const defaultSelf = evalKey('selfhash', DEFAULT_HASH_KEY);
const mainKeys = [defaultLeft, defaultSelf];

// 1. False alarms on human text.
const cells: FalseAlarmCell[] = await timed('false alarms', () =>
  measureFalseAlarms(keys, corpora, { lengths: LENGTH_BINS, maxWindows: () => CONFIG.maxWindows, alphas: ALPHAS }),
);
saveColourTables();

// 2. Power (default stand-in model, trained on data/human-sample).
const power: PowerCell[] = [];
await timed('power', async () => {
  for (const key of mainKeys) {
    // δ = 2 is the case the quality bar is about: more texts there; δ = 1 and 4 bracket it.
    for (const delta of POWER_DELTAS) {
      const count = delta === 2 ? CONFIG.powerCount : Math.round(CONFIG.powerCount / 2);
      power.push(...(await measurePower(key, { lengths: POWER_LENGTHS, deltas: [delta], count, alphas: ALPHAS, firstSeed: SEEDS.power })));
    }
  }
});

// 2b. Power with a stand-in model trained on the Brown corpus (another genre altogether).
const compiled = new Map<string, Awaited<ReturnType<typeof compileKeySet>>>();
for (const key of keys) compiled.set(key.name, await compileKeySet(key.document));
const otherModelPower: PowerCheck[] = await timed('power, Brown-trained model', async () => {
  const tokenizer = await evalTokenizer(defaultLeft.spec);
  const model = trainOnCorpus(loadBrown({ maxChars: CONFIG.brownTrainChars }), tokenizer);
  return mainKeys.map((key) =>
    powerWithModel(key.name, key.spec, compiled.get(key.name)!, model, tokenizer, { length: 200, delta: 2, count: CONFIG.otherModelCount, firstSeed: SEEDS.otherModel, alpha: REPORT_ALPHA }),
  );
});

// 3. Spans: one watermarked passage inside e-mail text, through detect() on the decoded text.
const human = corpora.find((c) => c.name === 'email') ?? corpora[0];
const spanRows: SpanRow[] = [];
const falseSpans: FalseSpanRow[] = [];
await timed('spans', async () => {
  for (const key of mainKeys) {
    const keySet = compiled.get(key.name)!;
    const tokenizer = await evalTokenizer(key.spec);
    const stream = await streamFor(human, key.spec);
    for (const delta of SPAN_DELTAS) {
      for (const share of SPAN_SHARES) {
        const blocks = await mixedBlocks(key.spec, tokenizer, stream.ids, { totalTokens: SPAN_TOTAL, share, count: CONFIG.spanCount, delta, firstSeed: SEEDS.spans });
        const s = measureSpans(blocks, keySet, REPORT_ALPHA);
        // IoU per block, undetected = 0 (measureSpans keeps only the detected ones).
        const ious = blocks.map((b) => {
          const [d] = detect(b.text, [keySet], { alpha: REPORT_ALPHA });
          return d.verdict === 'watermarked' ? spanIou(d.spans, b.start, b.end) : 0;
        });
        const looser = ALPHAS.filter((a) => a !== REPORT_ALPHA).map((alpha) => {
          const ds = blocks.map((b) => detect(b.text, [keySet], { alpha })[0]);
          return {
            alpha,
            detected: ds.filter((d) => d.verdict === 'watermarked').length / blocks.length,
            medianIou: median(ds.map((d, i) => (d.verdict === 'watermarked' ? spanIou(d.spans, blocks[i].start, blocks[i].end) : 0))),
          };
        });
        const oracle =
          blocks.filter((b) => {
            const [d] = detect(b.text.slice(b.start, b.end), [keySet], { alpha: REPORT_ALPHA }) as KgwKeyDetection[];
            return binomialSf(d.numGreenUnits, d.numUnits, key.spec.gamma) <= REPORT_ALPHA;
          }).length / blocks.length;
        spanRows.push({ key: key.name, delta, share, blocks: s.blocks, detected: s.detected, ious, looser, oracle });
      }
    }
    // Pure human blocks of 600 tokens (more of them: false flags are rare).
    const humanBlocks = await mixedBlocks(key.spec, tokenizer, stream.ids, { totalTokens: SPAN_TOTAL, share: 0, count: CONFIG.spanCount * 4, delta: 2 });
    const flagged: Record<string, number> = {};
    let withSpans = 0;
    for (const alpha of ALPHAS) {
      let n = 0;
      for (const b of humanBlocks) {
        const [d] = detect(b.text, [keySet], { alpha });
        if (d.verdict === 'watermarked') n++;
        if (alpha === REPORT_ALPHA && d.spans.length > 0) withSpans++;
      }
      flagged[alphaLabel(alpha)] = n;
    }
    falseSpans.push({ key: key.name, blocks: humanBlocks.length, flagged, withSpans });
  }
});

// 3b. Span search settings: share of α given to the span search, on identical token-level blocks.
const settingRows: SpanSettingRow[] = await timed('span settings', async () => {
  const rows: SpanSettingRow[] = [];
  for (const key of mainKeys) {
    const scoring = scoringKeyFor(key.spec);
    const tokenizer = await evalTokenizer(key.spec);
    const calibration = await calibrationFor(key.spec, scoring.seeder, tokenizer);
    const stream = await streamFor(human, key.spec);
    const mixed: Array<{ share: number; blocks: IdBlock[] }> = [];
    for (const share of SPAN_SHARES) {
      mixed.push({ share, blocks: await mixedIdBlocks(key.spec, stream.ids, { totalTokens: SPAN_TOTAL, share, count: CONFIG.settingsCount, delta: 2, firstSeed: SEEDS.spans }) });
    }
    const pure = (await watermarkedTexts(key.spec, { delta: 2, length: 200, count: CONFIG.settingsCount, firstSeed: SEEDS.settingsPure })).map((t) => t.ids);
    for (const spanShare of [0, 0.25, 0.5, 0.75]) rows.push(spanSettingRow(key.name, scoring, calibration, key.spec.gamma, spanShare, mixed, pure, REPORT_ALPHA));
  }
  return rows;
});

// 4. Robustness.
const robustRows: RobustnessRow[] = await timed('robustness', async () => {
  const vocabulary = wordList(corpora.find((c) => c.name === 'brown') ?? corpora[0]);
  const transforms = [...PAGE_TRANSFORMS, ...[0.1, 0.2, 0.3].map((s) => wordReplacementTransform(s, vocabulary))];
  const rows: RobustnessRow[] = [];
  for (const key of mainKeys) {
    const texts = await watermarkedTexts(key.spec, { delta: 2, length: ROBUST_LENGTH, count: CONFIG.robustCount, firstSeed: SEEDS.robustness });
    rows.push(...robustness(key.name, compiled.get(key.name)!, texts, transforms, REPORT_ALPHA));
  }
  return rows;
});
saveColourTables();

// 4b. detect() throughput on the bundled key set (both keys per text), on the robustness texts:
// a first pass with a freshly compiled key set (green lists computed as met) and a second, warm pass.
const detectSpeed = await timed('detect() speed', async () => {
  const t0 = performance.now();
  const keySet = await compileKeySet(bundledKeySetBytes());
  const compileMs = performance.now() - t0;
  const texts = [
    ...(await watermarkedTexts(defaultLeft.spec, { delta: 2, length: ROBUST_LENGTH, count: CONFIG.robustCount, firstSeed: SEEDS.robustness })),
    ...(await watermarkedTexts(defaultSelf.spec, { delta: 2, length: ROBUST_LENGTH, count: CONFIG.robustCount, firstSeed: SEEDS.robustness })),
  ];
  const pass = () => {
    const t = performance.now();
    let tokens = 0;
    for (const x of texts) tokens += detect(x.text, [keySet])[0].numTokensScored;
    return { ms: performance.now() - t, tokens };
  };
  const cold = pass();
  const warm = pass();
  return { compileMs, keys: keySet.keys.length, texts: texts.length, tokens: cold.tokens, coldMs: cold.ms, warmMs: warm.ms };
});

// 5. Thresholds (from the fitted calibration of the default keys).
const thresholdRows: ThresholdRow[] = [];
for (const key of mainKeys) {
  const scoring = scoringKeyFor(key.spec);
  const tokenizer = await evalTokenizer(key.spec);
  const calibration = await calibrationFor(key.spec, scoring.seeder, tokenizer);
  const model = calibration.nullModel(key.spec.gamma);
  const h = cells.filter((c) => c.key === key.name && c.length === 200 && !c.heldOut);
  const unitsPerTokenHuman = h.reduce((s, c) => s + c.meanUnits * c.windows, 0) / Math.max(1, h.reduce((s, c) => s + c.windows, 0)) / 200;
  const w = power.find((p) => p.key === key.name && p.length === 200 && p.delta === 2);
  for (const alpha of ALPHAS) {
    const blockAlpha = alpha * (1 - SPAN_SEARCH_ALPHA_SHARE);
    thresholdRows.push({
      key: key.name,
      alpha,
      nullRateAt200: nullGreenRate(model, Math.round(unitsPerTokenHuman * 200)),
      forAlpha: minUnitsForAlpha(model, blockAlpha),
      toTell: minUnitsToTell(model, blockAlpha),
      unitsPerTokenHuman,
      unitsPerTokenWatermarked: w === undefined ? NaN : w.meanUnits / 200,
    });
  }
}

// 6. Speed (from the bench, when it has been run on this machine).
const benchFile = join(EVAL_DIR, '..', 'bench', 'results', 'latest.json');
const bench = existsSync(benchFile)
  ? (JSON.parse(readFileSync(benchFile, 'utf8')) as BenchResults)
  : null;

// ---------------------------------------------------------------------------------------------------
// Plots and report

const plots = await timed('plots', () => writeFigures(PLOT_DIR, { keys, mainKeys, defaultLeft, cells, power, spanRows, robustRows }));

// SynthID-Text and Unigram-Watermark (their own keys and calibrations; eval/report/scheme-section.ts):
// measured here, placed by evalReport.
const schemeSettings: SchemeRunSettings = {
  maxWindows: CONFIG.maxWindows,
  // SynthID's tournament makes the stand-in ~3 ms/token under load: fewer texts than KGW's (generated
  // texts are cached in eval/.cache/scheme-texts/).
  powerCount: CONFIG.schemePowerCount,
  spanCount: CONFIG.schemeSpanCount,
  robustCount: CONFIG.schemeRobustCount,
  seeds: SEEDS,
  spanShares: SPAN_SHARES,
  spanTotal: SPAN_TOTAL,
  robustLength: ROBUST_LENGTH,
  reportAlpha: REPORT_ALPHA,
  spanCorpus: SCHEME_SPAN_CORPUS,
  transforms: [...PAGE_TRANSFORMS, ...[0.1, 0.2, 0.3].map((s) => wordReplacementTransform(s, wordList(corpora.find((c) => c.name === 'brown') ?? corpora[0])))],
};
const schemeData = [];
for (const scheme of ['synthid', 'unigram'] as const) {
  const data = await timed(scheme, () => measureScheme(scheme, corpora, schemeSettings));
  timings.push(...data.timings.map(([n, t]): [string, number] => [`  ${scheme}: ${n}`, t]));
  schemeData.push(data);
}
const [synthidLines, unigramLines] = schemeData.map((d) => schemeSectionLines(d, schemeSettings));
const schemeKeyLines = schemeData.map((d) => schemeKeyNumbers(d, schemeSettings));
// KGW keys with open models' tokenizer.json files (Llama-3, Qwen3): measured here, placed by evalReport.
const openModelLines = await timed('open-model tokenizers', async () => openModelSection(await measureOpenModels(corpora, openModelConfig(QUICK), console.error), openModelConfig(QUICK), power));
// Run time and date taken once everything is measured (the SynthID and Unigram sections included).
const runtime = (Date.now() - started) / 1000;
const date = new Date().toISOString().slice(0, 10);
const report = evalReport({
  quick: QUICK,
  config: CONFIG,
  date,
  runtime,
  machine,
  outDir: OUT_DIR,
  plotDir: PLOT_DIR,
  plots,
  keys,
  mainKeys,
  defaultLeft,
  corpora,
  human,
  cells,
  power,
  otherModelPower,
  spanRows,
  falseSpans,
  settingRows,
  robustRows,
  detectSpeed,
  thresholdRows,
  bench,
  synthidLines,
  unigramLines,
  schemeKeyLines,
  openModelLines,
  timings,
});

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'report.md'), report);
mkdirSync(join(EVAL_DIR, '.cache'), { recursive: true });
writeFileSync(
  join(EVAL_DIR, '.cache', `eval-data${QUICK ? '-quick' : ''}.json`),
  `${JSON.stringify({ cells: cells.map((c) => ({ ...c })), schemes: schemeData, power, otherModelPower, spanRows, falseSpans, settingRows, robustRows, thresholdRows, timings }, null, 1)}\n`,
);
console.error(`[eval] wrote ${join(OUT_DIR, 'report.md')} and ${Object.keys(plots).length} plots in ${(runtime / 60).toFixed(1)} min`);
