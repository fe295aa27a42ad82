// Unigram-Watermark rows of `npm run bench`: building a key's mask (SeedSequence → PCG64 → shuffle,
// once per key and process) and scoring throughput (bit lookups plus the calibrated decision).
import { performance } from 'node:perf_hooks';
import { loadReferenceSample } from '../src/calibration/reference-sample';
import { loadTokenizer } from '../src/tokenize/tokenizer';
import { unigramCalibration } from '../src/unigram/calibration';
import { decideUnigram } from '../src/unigram/decide';
import { unigramGreenMask } from '../src/unigram/green-mask';
import type { BenchRow } from './rng-bench';

export async function runUnigramBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const vocabSize of [50257, 262144, 1 << 20]) {
    const start = performance.now();
    await unigramGreenMask({ watermarkKey: BigInt(vocabSize), fraction: 0.5, vocabSize });
    rows.push({ name: `unigram mask build, V = ${vocabSize}`, value: performance.now() - start, unit: 'ms', note: 'once per key' });
  }
  const mask = await unigramGreenMask({ watermarkKey: 0n, fraction: 0.5, vocabSize: 50257 });
  const calibration = unigramCalibration(await loadReferenceSample(), await loadTokenizer('gpt2'), []);
  let x = 12345;
  const texts = Array.from({ length: 200 }, () => Array.from({ length: 300 }, () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 50257));
  const start = performance.now();
  for (const ids of texts) decideUnigram({ mask, fraction: 0.5, calibration }, ids, 1e-4);
  const seconds = (performance.now() - start) / 1000;
  rows.push({ name: 'unigram score + calibrated decision', value: (200 * 300) / seconds, unit: 'tokens/s', note: '300-token texts, span search included' });
  return rows;
}
