// What the token-level span studies (eval/span-headroom.ts, eval/compare-span-relief.ts) start from: a
// key with its hash key 15485863 (the bundled one), its scoring key, its calibration and null rate by
// window length, and a human corpus as the key tokenizes it.
import type { Calibration } from '../../src/calibration/calibration';
import { nullGreenRate } from '../../src/calibration/null-model';
import { calibrationFor } from '../../src/calibration/reference-sample';
import { scoringKeyFor } from '../../src/detector/scoring-key-for';
import type { ScoringKey } from '../../src/score/scoring-key';
import type { Corpus } from './corpora';
import { type EvalKey, evalKey } from './keys';
import { streamFor } from './pipeline';
import { evalTokenizer } from './tokenizers';

export interface SpanStudyKey {
  key: EvalKey;
  gamma: number;
  scoring: ScoringKey;
  calibration: Calibration;
  /** The calibrated null green rate of a window of this many units. */
  rate: (windowLength: number) => number;
  /** The corpus's token ids. */
  human: Int32Array;
}

export async function spanStudyKey(seeding: 'lefthash' | 'selfhash', corpus: Corpus): Promise<SpanStudyKey> {
  const key = evalKey(seeding, 15485863);
  const gamma = key.spec.gamma;
  const scoring = scoringKeyFor(key.spec);
  const calibration = await calibrationFor(key.spec, scoring.seeder, await evalTokenizer(key.spec));
  const model = calibration.nullModel(gamma);
  const rate = (l: number): number => nullGreenRate(model, l);
  const human = (await streamFor(corpus, key.spec)).ids;
  return { key, gamma, scoring, calibration, rate, human };
}
