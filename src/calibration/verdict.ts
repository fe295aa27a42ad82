// The verdict from the calibrated layer. Two length thresholds, both in counted units:
//  - below minUnitsForAlpha even an all-green text could not reach α (no test is possible at all);
//  - below minUnitsToTell a text half of whose units are green — twice γ, about what a δ = 2 watermark
//    gives (measured with the stand-in model: 42–48% green) — would still not reach α, so a negative
//    result says little (measured lefthash power at α = 1e-4: 17% at 50 tokens, 64% at 100; the length is
//    67 units there). Such a block is "too short to tell" rather than "not detected"
//    (eval/calibration-notes.md §7).
// A text below minUnitsToTell whose p-value does reach α is still reported as watermarked: the
// false-alarm guarantee is about p ≤ α, whatever the length.
import type { Verdict } from '../detect-types';
import { type NullModel, calibratedPValue, minUnitsForAlpha } from './null-model';
import { childOf } from '../cache/child-map';

/** Green share of the "typical watermarked text" behind minUnitsToTell. */
export const TELLING_GREEN_SHARE = 0.5;

/**
 * The fewest units from which on a text with TELLING_GREEN_SHARE of its units green reaches p ≤ alpha
 * (checked over a few consecutive lengths, since the tail is not monotone in n when g is rounded).
 */
export function minUnitsToTell(model: NullModel, alpha: number, tellingShare = TELLING_GREEN_SHARE): number {
  const floor = minUnitsForAlpha(model, alpha);
  const reaches = (n: number) => calibratedPValue(model, Math.ceil(tellingShare * n), n) <= alpha;
  for (let n = floor; n < 100_000; n++) {
    let all = true;
    for (let k = n; k < n + 4 && all; k++) all = reaches(k);
    if (all) return n;
  }
  return Infinity;
}

interface Thresholds {
  toTell: number;
  forAlpha: number;
}

const cache = new Map<string, Thresholds>();
// In front of it, per model object (a calibration keeps one per γ, and every block asks with it): the
// string id above, with the whole share curve in it, cost more than the rest of the verdict. An entry
// is used only while the model still holds the same γ, safety and curve it was made with.
const byModel = new WeakMap<NullModel, { gamma: number; safety: number; curve: NullModel['curve']; byLevel: Map<number, Map<number, Thresholds>> }>();

const newByShare = (): Map<number, Thresholds> => new Map();

function thresholds(model: NullModel, alpha: number, tellingShare: number): Thresholds {
  let own = byModel.get(model);
  if (own === undefined || own.gamma !== model.gamma || own.safety !== model.safety || own.curve !== model.curve) {
    own = { gamma: model.gamma, safety: model.safety, curve: model.curve, byLevel: new Map() };
    byModel.set(model, own);
  }
  const byShare = childOf(own.byLevel, alpha, 256, newByShare);
  let t = byShare.get(tellingShare);
  if (t === undefined) {
    t = sharedThresholds(model, alpha, tellingShare);
    byShare.set(tellingShare, t);
  }
  return t;
}

function sharedThresholds(model: NullModel, alpha: number, tellingShare: number): Thresholds {
  const id = `${model.gamma}|${model.safety}|${model.curve.units.join(',')}|${model.curve.share.join(',')}|${alpha}|${tellingShare}`;
  let t = cache.get(id);
  if (t === undefined) {
    t = { toTell: minUnitsToTell(model, alpha, tellingShare), forAlpha: minUnitsForAlpha(model, alpha) };
    if (cache.size > 256) cache.clear();
    cache.set(id, t);
  }
  return t;
}

/**
 * `blockShare`: the share of α the whole-block test runs at when α is split with the span search
 * (block-test.ts); the length thresholds are those of the whole-block test at that level.
 * `tellingShare`: the green share of a typical watermarked text under this scheme (default: KGW's).
 */
export function calibratedVerdict(model: NullModel, pValue: number, numUnits: number, alpha: number, blockShare = 1, tellingShare = TELLING_GREEN_SHARE): Verdict {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(blockShare > 0 && blockShare <= 1)) throw new RangeError(`blockShare must be in (0, 1], got ${blockShare}`);
  const { toTell, forAlpha } = thresholds(model, alpha * blockShare, tellingShare);
  if (numUnits >= forAlpha && pValue <= alpha) return 'watermarked';
  return numUnits < toTell ? 'too-short' : 'not-detected';
}
