// A Unigram key ready to score: its green mask (built once per key and process, cached by the
// parameters it depends on), tokenizer and calibrated null.
import type { Calibration } from '../calibration/calibration';
import { loadReferenceSample } from '../calibration/reference-sample';
import type { UnigramKeySpec } from '../keyset/types';
import type { Tokenizer } from '../tokenize/types';
import { type UnigramGreenMask, unigramGreenMask } from './green-mask';
import { unigramCalibration } from './calibration';

export interface CompiledUnigramKey {
  readonly spec: UnigramKeySpec;
  readonly mask: UnigramGreenMask;
  readonly tokenizer: Tokenizer;
  readonly calibration: Calibration;
}

// A mask is up to 128 KiB packed and ~0.2 s to shuffle at 2^20 ids: worth keeping, but bounded.
const MAX_CACHED_MASKS = 64;
const masks = new Map<string, Promise<UnigramGreenMask>>();

/** The key's mask, shuffled on first use and then shared by every key set naming the same parameters. */
export function maskFor(spec: Pick<UnigramKeySpec, 'watermarkKey' | 'fraction' | 'vocabSize'>): Promise<UnigramGreenMask> {
  const id = `${spec.watermarkKey}|${spec.fraction}|${spec.vocabSize}`;
  let mask = masks.get(id);
  if (mask === undefined) {
    if (masks.size >= MAX_CACHED_MASKS) masks.delete(masks.keys().next().value!);
    mask = unigramGreenMask(spec);
    masks.set(id, mask);
    mask.catch(() => masks.delete(id));
  }
  return mask;
}

/** `fitTokenizer` is what fits the calibration: the key's tokenizer, or a loader when it was compiled for ids only. */
export async function compileUnigramKey(
  spec: UnigramKeySpec,
  tokenizer: Tokenizer,
  fitTokenizer: Tokenizer | (() => Promise<Tokenizer>) = tokenizer,
): Promise<CompiledUnigramKey> {
  const [mask, sample] = await Promise.all([maskFor(spec), loadReferenceSample()]);
  const fitWith = typeof fitTokenizer === 'function' ? await fitTokenizer() : fitTokenizer;
  return { spec, mask, tokenizer, calibration: unigramCalibration(sample, fitWith, spec.detection.normalizers) };
}
