// Unigram-Watermark false alarms on human text, per corpus × length × key, at α = 1e-2, 1e-3, 1e-4:
// the calibrated pValue beside the plain binomial over distinct tokens and the reference's unidetect
// z-test. Usage: npx tsx eval/unigram-false-alarms.ts [maxCharsPerCorpus]
import { loadReferenceSample } from '../src/calibration/reference-sample';
import { loadTokenizer } from '../src/tokenize/tokenizer';
import { UNIGRAM_CALIBRATION_OPTIONS, unigramCalibration } from '../src/unigram/calibration';
import { unigramGreenMask } from '../src/unigram/green-mask';
import { loadEvalCorpora } from './lib/pipeline';
import { unigramFalseAlarms } from './lib/unigram-windows';
import { tokenizeCorpus } from './lib/windows';

const maxChars = Number(process.argv[2] ?? 400_000);
const LENGTHS = [16, 32, 64, 128, 200, 400, 1000];
const ALPHAS = [1e-2, 1e-3, 1e-4];
const KEYS: Array<[bigint, number]> = [
  [0n, 0.5], [42n, 0.5], [15485863n, 0.5], [-1n, 0.5], [7919n, 0.5],
  [0n, 0.25], [42n, 0.25], [15485863n, 0.25], [0n, 0.1],
];

const tokenizer = await loadTokenizer('gpt2');
const calibration = unigramCalibration(await loadReferenceSample(), tokenizer, [], { ...UNIGRAM_CALIBRATION_OPTIONS, ...JSON.parse(process.env.UNIGRAM_CAL ?? '{}') });
console.log('share curve', JSON.stringify(calibration.fit.curve));
const streams = loadEvalCorpora({ maxChars }).map((c) => tokenizeCorpus(c, tokenizer, []));
const totals = new Map<string, { windows: number; cal: number[]; plain: number[]; ref: number[] }>();
for (const [key, fraction] of KEYS) {
  const mask = await unigramGreenMask({ watermarkKey: key, fraction, vocabSize: 50257 });
  for (const stream of streams) {
    for (const c of unigramFalseAlarms(stream, mask, fraction, calibration, LENGTHS, ALPHAS)) {
      const rate = (k: number) => (c.windows ? (k / c.windows).toExponential(1) : '-');
      console.log(
        `key ${key} f ${fraction} ${c.corpus.padEnd(12)} L ${String(c.length).padStart(4)} n ${String(c.windows).padStart(5)} ` +
          `meanZu ${c.meanUniqueZ.toFixed(2).padStart(6)} | cal ${c.calibrated.map(rate).join(' ')} | plain ${c.plainBinomial.map(rate).join(' ')} | refU ${c.referenceUnique.map(rate).join(' ')}`,
      );
      const t = totals.get(`${c.length}`) ?? { windows: 0, cal: [0, 0, 0], plain: [0, 0, 0], ref: [0, 0, 0] };
      t.windows += c.windows;
      c.calibrated.forEach((x, i) => (t.cal[i] += x));
      c.plainBinomial.forEach((x, i) => (t.plain[i] += x));
      c.referenceUnique.forEach((x, i) => (t.ref[i] += x));
      totals.set(`${c.length}`, t);
    }
  }
}
for (const [length, t] of totals) {
  const r = (xs: number[]) => xs.map((x) => (x / t.windows).toExponential(1)).join(' ');
  console.log(`pooled L ${length.padStart(4)} n ${t.windows} | cal ${r(t.cal)} | plain ${r(t.plain)} | refU ${r(t.ref)}`);
}
