// Issue 13: at which length the shipped calibrated pValue reaches 90% power for a key, on both stand-in
// models (SOTU-trained default, Brown-trained), δ = 2, α = 1e-4; beside it the units binomial at γ with no
// allowance (not a valid test: it shows what the independent units carry at all).
//
//   npx tsx eval/power-by-length.ts [--key selfhash/15485863] [--count 60] [--lengths 200,250,300]
import { parseArgs } from 'node:util';
import { decideBlock } from '../src/calibration/block-test';
import { calibrationFor } from '../src/calibration/reference-sample';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { generateWatermarked } from '../src/generate/generate';
import { STAND_IN_SAMPLING } from '../src/generate/training';
import { scoreIds } from '../src/score/score-ids';
import { binomialSf } from '../src/stats/binomial-tail';
import { loadBrown } from './lib/corpora';
import { evalKeys } from './lib/keys';
import { watermarkedTexts } from './lib/watermarked';
import { trainOnCorpus } from './report/sections';
import { evalTokenizer } from './lib/tokenizers';

const { values } = parseArgs({ options: { key: { type: 'string', default: 'selfhash/15485863' }, count: { type: 'string', default: '60' }, lengths: { type: 'string', default: '200,250,300' } } });
const key = evalKeys().find((k) => k.name === values.key);
if (key === undefined) throw new Error(`unknown key ${values.key}`);
const count = Number(values.count);
const alpha = 1e-4;
const scoring = scoringKeyFor(key.spec);
const gamma = key.spec.gamma;
const tokenizer = await evalTokenizer(key.spec);
const calibration = await calibrationFor(key.spec, scoring.seeder, tokenizer);
const model = calibration.nullModel(gamma);
const brown = trainOnCorpus(loadBrown({ maxChars: 400_000 }), tokenizer);

console.log(`\n## ${key.name}: power at δ = 2, α = 1e-4, ${count} texts per cell: calibrated pValue (units binomial at γ, invalid)\n`);
console.log('| tokens | SOTU-trained | Brown-trained |');
console.log('|---|---|---|');
for (const length of values.lengths.split(',').map(Number)) {
  const sotu = (await watermarkedTexts(key.spec, { delta: 2, length, count })).map((t) => t.ids);
  const other: number[][] = [];
  for (let i = 0; i < count; i++) {
    other.push(generateWatermarked({ key: key.spec, model: brown, tokenizer, length, delta: 2, seed: 20000 + i, temperature: STAND_IN_SAMPLING.temperature, topP: STAND_IN_SAMPLING.topP }).ids);
  }
  const power = (texts: number[][]) => {
    let cal = 0;
    let raw = 0;
    for (const ids of texts) {
      const units = calibration.apply(scoreIds(scoring, ids), gamma);
      if (decideBlock(model, units, alpha).pValue <= alpha) cal++;
      if (binomialSf(units.numGreenUnits, units.numUnits, gamma) <= alpha) raw++;
    }
    return `${Math.round((100 * cal) / texts.length)}% (${Math.round((100 * raw) / texts.length)}%)`;
  };
  console.log(`| ${length} | ${power(sotu)} | ${power(other)} |`);
}
