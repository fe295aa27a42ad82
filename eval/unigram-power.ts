// Unigram-Watermark power on the stand-in model's text: watermarked with δ on the key's fixed green list,
// scored by the calibrated pValue (distinct tokens) and by the reference's z-tests at the same α.
// Usage: npx tsx eval/unigram-power.ts [count]
import { loadReferenceSample } from '../src/calibration/reference-sample';
import { standInModel } from '../src/cli/generate-command';
import { generate } from '../src/generate/generate';
import { STAND_IN_SAMPLING } from '../src/generate/training';
import { normalSf } from '../src/stats/normal-tail';
import { loadTokenizer } from '../src/tokenize/tokenizer';
import { UnigramBias } from '../src/unigram/bias';
import { UNIGRAM_CALIBRATION_OPTIONS, unigramCalibration } from '../src/unigram/calibration';
import { decideUnigram } from '../src/unigram/decide';
import { unigramGreenMask } from '../src/unigram/green-mask';

const count = Number(process.argv[2] ?? 40);
const tokenizer = await loadTokenizer('gpt2');
const model = standInModel(tokenizer);
const calibration = unigramCalibration(await loadReferenceSample(), tokenizer, [], { ...UNIGRAM_CALIBRATION_OPTIONS, ...JSON.parse(process.env.UNIGRAM_CAL ?? '{}') });
for (const [fraction, delta] of [[0.5, 2], [0.25, 2], [0.5, 1]] as const) {
  const mask = await unigramGreenMask({ watermarkKey: 0n, fraction, vocabSize: 50257 });
  for (const length of [100, 200, 400]) {
    const alpha = 1e-4;
    let cal = 0;
    let refZ = 0;
    let refU = 0;
    for (let seed = 0; seed < count; seed++) {
      const { ids } = generate({ model, tokenizer, length, seed, ...STAND_IN_SAMPLING }, new UnigramBias(mask, delta));
      const { score, decision } = decideUnigram({ mask, fraction, calibration }, ids, alpha);
      if (decision.pValue <= alpha) cal++;
      if (normalSf(score.zScore) <= alpha) refZ++;
      if (normalSf(score.uniqueZScore) <= alpha) refU++;
    }
    console.log(`f ${fraction} δ ${delta} L ${length}: flagged at α=1e-4 — calibrated ${cal}/${count}, reference z ${refZ}/${count}, reference unique z ${refU}/${count}`);
  }
}
