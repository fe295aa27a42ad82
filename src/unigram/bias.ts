// The generation side of Unigram-Watermark (gptwm.py GPTWatermarkLogitsWarper): +δ (`strength`) to the
// logit of every token in the key's fixed green list, whatever the history.
import type { LogitBias } from '../generate/logit-bias';
import { type UnigramGreenMask, isGreen } from './green-mask';

export class UnigramBias implements LogitBias {
  constructor(
    private readonly mask: UnigramGreenMask,
    readonly delta: number,
  ) {
    if (!Number.isFinite(delta)) throw new RangeError(`UnigramBias: delta must be finite, got ${delta}`);
  }

  apply(_history: ArrayLike<number>, candidates: ArrayLike<number>, logits: Float64Array): number[] {
    if (candidates.length !== logits.length) throw new RangeError('UnigramBias: candidates and logits differ in length');
    const favoured: number[] = [];
    for (let i = 0; i < candidates.length; i++) {
      if (isGreen(this.mask, candidates[i])) {
        logits[i] += this.delta;
        favoured.push(i);
      }
    }
    return favoured;
  }
}
