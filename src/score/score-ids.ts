// Reference-layer scoring of a token sequence: the green mask, T, G, z and the normal tail exactly as
// lm-watermarking's WatermarkDetector (or HF's) computes them (spec §4), plus the independent test
// units of the calibrated layer (design §4): each distinct (seed, target) pair counts once, which also
// counts a self-anchored selfhash position once per token.
import type { ReferenceCounts } from '../detect-types';
import { normalSf } from '../stats/normal-tail';
import { hfPValue, zScore as referenceZScore } from '../stats/z-score';
import { firstOccurrences } from './ngram-index';
import type { ScoringKey } from './scoring-key';
import { TooShortError } from './too-short';
import { unitId } from './unit-id';

export interface ReferenceScore extends ReferenceCounts {
  bosStripped: boolean;
  /** Index into the ids given of the first scored token. */
  firstScoredIndex: number;
  /** One entry per scored position (0 red, 1 green), repeated n-grams included, as the reference's mask. */
  greenMask: Uint8Array;
  /** 1 where the position counts toward T: every position, or only first occurrences when ignoring repeats. */
  counted: Uint8Array;
  units: TestUnits;
}

export interface TestUnits {
  numUnits: number;
  numGreenUnits: number;
  /** Colour of each unit, in order of first occurrence. */
  green: Uint8Array;
  /** Scored-position index (into greenMask) where each unit first occurs. */
  position: Int32Array;
  /** Each unit's identity (unit-id.ts); NaN for a target too large to pack. */
  id: Float64Array;
}

export function scoreIds(key: ScoringKey, input: ArrayLike<number>): ReferenceScore {
  const bosStripped = key.bosTokenId !== null && input.length > 0 && input[0] === key.bosTokenId;
  const ids = bosStripped ? Array.prototype.slice.call(input, 1) as number[] : input;
  const { contextWidth: h, selfSalt } = key.seeder;
  if (ids.length - h < 1) throw new TooShortError(ids.length, h);

  const n = h + 1 - (selfSalt ? 1 : 0);
  const first = firstOccurrences(ids, n);
  const windows = first.length;
  const greenMask = new Uint8Array(windows);
  const counted = new Uint8Array(windows);
  const seeds = new Uint32Array(windows);
  // With one token of context every context recurs in ordinary text; wider contexts rarely do.
  const recurs = !selfSalt && h === 1;
  const countAll = key.flavour === 'hf-transformers' || !key.ignoreRepeatedNgrams;

  let numGreenTokens = 0;
  for (let w = 0; w < windows; w++) {
    const target = n - 1 + w;
    const f = first[w];
    if (f === w) {
      // Self-salted: the PRF input ends with the scored token itself; otherwise it ends just before it.
      const seed = key.seeder.seed32(ids, selfSalt ? target + 1 : target);
      seeds[w] = seed;
      greenMask[w] = key.oracle.isGreen(seed, ids[target], recurs) ? 1 : 0;
      counted[w] = 1;
    } else {
      seeds[w] = seeds[f];
      greenMask[w] = greenMask[f];
      counted[w] = countAll ? 1 : 0;
    }
    if (counted[w]) numGreenTokens += greenMask[w];
  }

  let numTokensScored = 0;
  for (let w = 0; w < windows; w++) numTokensScored += counted[w];
  const z = referenceZScore(numGreenTokens, numTokensScored, key.gamma);
  const score: ReferenceScore = {
    bosStripped,
    firstScoredIndex: (bosStripped ? 1 : 0) + n - 1,
    greenMask,
    counted,
    numTokensScored,
    numGreenTokens,
    greenFraction: numGreenTokens / numTokensScored,
    zScore: z,
    pValueNormal: normalSf(z),
    units: independentUnits(ids, n, seeds, greenMask),
  };
  if (key.flavour === 'hf-transformers') score.pValueHf = hfPValue(z);
  return score;
}

function independentUnits(ids: ArrayLike<number>, n: number, seeds: Uint32Array, greenMask: Uint8Array): TestUnits {
  const seen = new Set<number | string>();
  const green: number[] = [];
  const position: number[] = [];
  const id: number[] = [];
  for (let w = 0; w < seeds.length; w++) {
    const target = ids[n - 1 + w];
    const packed = unitId(seeds[w], target);
    const unit = Number.isNaN(packed) ? `${seeds[w]}:${target}` : packed;
    if (seen.has(unit)) continue;
    seen.add(unit);
    green.push(greenMask[w]);
    position.push(w);
    id.push(packed);
  }
  let numGreenUnits = 0;
  for (const g of green) numGreenUnits += g;
  return {
    numUnits: green.length,
    numGreenUnits,
    green: Uint8Array.from(green),
    position: Int32Array.from(position),
    id: Float64Array.from(id),
  };
}
