// The Unigram-Watermark section of the evaluation report: false alarms of the calibrated pValue (as
// detect() reports it) on the report's corpora, per corpus × length × key, beside the reference's
// `unidetect` z-test, and power at 100/200/400 tokens on the stand-in model's text. The detailed write-up
// and the settings tried are in eval/unigram-notes.md.
import { loadReferenceSample } from '../../src/calibration/reference-sample';
import { standInModel } from '../../src/cli/generate-command';
import { generate } from '../../src/generate/generate';
import { STAND_IN_SAMPLING } from '../../src/generate/training';
import { binomialSf } from '../../src/stats/binomial-tail';
import { normalSf } from '../../src/stats/normal-tail';
import { loadTokenizer } from '../../src/tokenize/tokenizer';
import { UnigramBias } from '../../src/unigram/bias';
import { UNIGRAM_CALIBRATION_OPTIONS, unigramCalibration } from '../../src/unigram/calibration';
import { decideUnigram } from '../../src/unigram/decide';
import { unigramGreenMask } from '../../src/unigram/green-mask';
import { EXCESS_LEVEL } from '../lib/false-alarms';
import type { LoadedCorpus } from '../lib/pipeline';
import { type UnigramAlarmCell, unigramFalseAlarms } from '../lib/unigram-windows';
import { LENGTH_BINS, tokenizeCorpus } from '../lib/windows';

const ALPHAS = [1e-2, 1e-3, 1e-4];
/** The bundled-style default (0, ½) and others, including one whose list holds many frequent tokens (−1). */
const KEYS: Array<[bigint, number]> = [[0n, 0.5], [42n, 0.5], [-1n, 0.5], [15485863n, 0.25]];
const POWER_LENGTHS = [100, 200, 400];

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
const pct = (x: number) => `${(100 * x).toFixed(x < 0.01 ? 2 : 1)}%`;

export async function unigramSection(corpora: readonly LoadedCorpus[], opts: { maxWindows: number; powerCount: number }): Promise<string[]> {
  const tokenizer = await loadTokenizer('gpt2');
  const calibration = unigramCalibration(await loadReferenceSample(), tokenizer, []);
  const streams = corpora.map((c) => tokenizeCorpus(c, tokenizer, []));
  const faRows: string[][] = [];
  for (const [key, fraction] of KEYS) {
    const mask = await unigramGreenMask({ watermarkKey: key, fraction, vocabSize: 50257 });
    const cells: UnigramAlarmCell[] = streams.flatMap((s) => unigramFalseAlarms(s, mask, fraction, calibration, LENGTH_BINS, ALPHAS, opts.maxWindows));
    ALPHAS.forEach((alpha, i) => {
      const excess = (pick: (c: UnigramAlarmCell) => number) => cells.filter((c) => c.windows > 0 && binomialSf(pick(c), c.windows, alpha) < EXCESS_LEVEL).length;
      const worst = (pick: (c: UnigramAlarmCell) => number) => Math.max(...cells.filter((c) => c.windows >= 100).map((c) => pick(c) / c.windows));
      const windows = cells.reduce((n, c) => n + c.windows, 0);
      const pooled = (pick: (c: UnigramAlarmCell) => number) => cells.reduce((n, c) => n + pick(c), 0) / windows;
      faRows.push([
        `${key} (fraction ${fraction})`,
        String(alpha),
        `${pct(pooled((c) => c.calibrated[i]))} · ${pct(worst((c) => c.calibrated[i]))} · ${excess((c) => c.calibrated[i])}`,
        `${pct(pooled((c) => c.referenceUnique[i]))} · ${pct(worst((c) => c.referenceUnique[i]))} · ${excess((c) => c.referenceUnique[i])}`,
      ]);
    });
  }

  const model = standInModel(tokenizer);
  const powerRows: string[][] = [];
  for (const fraction of [0.5, 0.25]) {
    const mask = await unigramGreenMask({ watermarkKey: 0n, fraction, vocabSize: 50257 });
    for (const length of POWER_LENGTHS) {
      let cal = 0;
      let refZ = 0;
      let refU = 0;
      for (let seed = 0; seed < opts.powerCount; seed++) {
        const { ids } = generate({ model, tokenizer, length, seed, ...STAND_IN_SAMPLING }, new UnigramBias(mask, 2));
        const { score, decision } = decideUnigram({ mask, fraction, calibration }, ids, 1e-4);
        cal += decision.pValue <= 1e-4 ? 1 : 0;
        refZ += normalSf(score.zScore) <= 1e-4 ? 1 : 0;
        refU += normalSf(score.uniqueZScore) <= 1e-4 ? 1 : 0;
      }
      const n = opts.powerCount;
      powerRows.push([String(fraction), String(length), pct(cal / n), pct(refZ / n), pct(refU / n)]);
    }
  }

  return [
    '## Unigram-Watermark',
    '',
    `Keys over gpt2 (V = 50257); windows of ${LENGTH_BINS.join(', ')} tokens from the corpora of section 1 (at most ${opts.maxWindows} per cell). ` +
      `Calibrated pValue: distinct tokens, tokens in ≥ ${UNIGRAM_CALIBRATION_OPTIONS.minChunks} reference-sample chunks not counted, null rate raised by ${UNIGRAM_CALIBRATION_OPTIONS.safety} sd of the per-key shift (src/unigram/calibration.ts; eval/unigram-notes.md). ` +
      `Each cell: pooled rate · worst cell with ≥ 100 windows · cells above α beyond sampling error (P(≥ alarms | α) < ${EXCESS_LEVEL}, as in section 1).`,
    '',
    table(['key', 'α', 'calibrated pValue', 'reference unidetect z-test'], faRows),
    '',
    `Power at α = 1e-4, δ = 2, key 0, ${opts.powerCount} texts of the stand-in model per cell (the reference's tests beside it; they are not valid at α for a fixed key, see above):`,
    '',
    table(['fraction', 'tokens', 'calibrated pValue', 'reference detect z', 'reference unidetect z'], powerRows),
    '',
  ];
}
