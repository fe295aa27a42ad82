// Unigram-Watermark's calibrated pValue on human text and its power, at test size (the full tables come
// from eval/unigram-false-alarms.ts and eval/unigram-power.ts; eval/unigram-notes.md has the figures):
//  - false alarms: windows of 32/128/400 tokens from the devDependency corpora and, when present, the
//    held-out local ones (Python source, Vim docs, man pages, package READMEs), for three keys including one whose green list happens
//    to hold many frequent tokens (key −1: the reference's own unidetect z-test flags ~9% of SOTU windows
//    at α = 1e-2 under it); the calibrated pValue stays within sampling error of ≤ α in every cell;
//  - power: 400-token watermarked texts (δ = 2, fraction 0.5, stand-in n-gram model) are flagged at 1e-4.
import { describe, expect, it } from 'vitest';
import { loadReferenceSample } from '../src/calibration/reference-sample';
import { standInModel } from '../src/cli/generate-command';
import { generate } from '../src/generate/generate';
import { STAND_IN_SAMPLING } from '../src/generate/training';
import { binomialSf } from '../src/stats/binomial-tail';
import { loadTokenizer } from '../src/tokenize/tokenizer';
import { UnigramBias } from '../src/unigram/bias';
import { unigramCalibration } from '../src/unigram/calibration';
import { decideUnigram } from '../src/unigram/decide';
import { unigramGreenMask } from '../src/unigram/green-mask';
import { loadEvalCorpora } from './lib/pipeline';
import { unigramFalseAlarms } from './lib/unigram-windows';
import { tokenizeCorpus } from './lib/windows';

const ALPHAS = [1e-2, 1e-3];
const LENGTHS = [32, 128, 400];

/** Not significantly above α: P(X ≥ alarms | windows, α) ≥ 0.001. */
function withinSamplingError(alarms: number, windows: number, alpha: number): boolean {
  return binomialSf(alarms, windows, alpha) >= 1e-3;
}

describe('Unigram calibrated pValue', async () => {
  const tokenizer = await loadTokenizer('gpt2');
  const calibration = unigramCalibration(await loadReferenceSample(), tokenizer, []);

  it.each([[0n], [-1n], [42n]])('key %s: false alarms ≤ α per corpus × length on human text', async (key) => {
    const fraction = 0.5;
    const mask = await unigramGreenMask({ watermarkKey: key, fraction, vocabSize: 50257 });
    const streams = loadEvalCorpora({ maxChars: 150_000 }).map((c) => tokenizeCorpus(c, tokenizer, []));
    let windows = 0;
    let referenceAlarms = 0;
    let referenceExcessCells = 0;
    for (const stream of streams) {
      for (const cell of unigramFalseAlarms(stream, mask, fraction, calibration, LENGTHS, ALPHAS)) {
        windows += cell.windows;
        referenceAlarms += cell.referenceUnique[0];
        if (!withinSamplingError(cell.referenceUnique[0], cell.windows, ALPHAS[0])) referenceExcessCells++;
        ALPHAS.forEach((alpha, i) => {
          const what = `${stream.corpus}, ${cell.length} tokens, α ${alpha}: ${cell.calibrated[i]}/${cell.windows}`;
          expect(withinSamplingError(cell.calibrated[i], cell.windows, alpha), what).toBe(true);
        });
      }
    }
    expect(windows).toBeGreaterThan(3000);
    // The reference's own test is what needed calibrating: it is not held to α here, only reported.
    console.log(`key ${key}: reference unidetect z-test flags ${referenceAlarms}/${windows} windows at α 1e-2`);
    // Key −1's list holds many frequent tokens: there the uncalibrated test is far above α in some cells.
    if (key === -1n) expect(referenceExcessCells).toBeGreaterThan(0);
  });

  it('flags 400-token watermarked text (δ = 2, fraction ½) at α = 1e-4', async () => {
    const mask = await unigramGreenMask({ watermarkKey: 0n, fraction: 0.5, vocabSize: 50257 });
    const model = standInModel(tokenizer);
    const count = 20;
    let flagged = 0;
    for (let seed = 0; seed < count; seed++) {
      const { ids } = generate({ model, tokenizer, length: 400, seed, ...STAND_IN_SAMPLING }, new UnigramBias(mask, 2));
      if (decideUnigram({ mask, fraction: 0.5, calibration }, ids, 1e-4).decision.pValue <= 1e-4) flagged++;
    }
    expect(flagged / count).toBeGreaterThanOrEqual(0.85);
  });
});
