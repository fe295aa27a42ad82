// Reference-layer scoring of a token sequence: the green mask, T, G, z and the normal tail exactly as
// lm-watermarking's WatermarkDetector (or HF's) computes them (spec §4), plus the independent test
// units of the calibrated layer (design §4): each distinct (seed, target) pair counts once, which also
// counts a self-anchored selfhash position once per token.
import type { ReferenceCounts } from '../detect-types';
import { normalSf } from '../stats/normal-tail';
import { hfPValue, zScore as referenceZScore } from '../stats/z-score';
import { firstOccurrences } from './ngram-index';
import type { ScoringKey } from './scoring-key';
import type { Seeder } from '../seeding/seeder';
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

/**
 * Answers computed ahead for this very input (green-work.ts): slots[t] is the entry of `answers` (1 green,
 * 0 red) for the pair scored at index t of the ids after a leading BOS is dropped, or -1 to ask the oracle.
 */
export interface PlannedAnswers {
  slots: Int32Array;
  answers: Uint8Array;
}

/**
 * Whether this seeder's contexts recur in ordinary text (one token of context, not self-salted), so the
 * oracle builds a context's whole green list at first sight; wider or self-salted contexts rarely
 * recur, and single (seed, target) answers are kept instead.
 */
export function contextsRecur(seeder: Pick<Seeder, 'contextWidth' | 'selfSalt'>): boolean {
  return !seeder.selfSalt && seeder.contextWidth === 1;
}

export function scoreIds(key: ScoringKey, input: ArrayLike<number>, planned?: PlannedAnswers): ReferenceScore {
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
  const recurs = contextsRecur(key.seeder);
  const countAll = key.flavour === 'hf-transformers' || !key.ignoreRepeatedNgrams;

  const slots = planned !== undefined && planned.slots.length === ids.length ? planned.slots : null;
  let numGreenTokens = 0;
  for (let w = 0; w < windows; w++) {
    const target = n - 1 + w;
    const f = first[w];
    if (f === w) {
      // Self-salted: the PRF input ends with the scored token itself; otherwise it ends just before it.
      const seed = key.seeder.seed32(ids, selfSalt ? target + 1 : target);
      seeds[w] = seed;
      const slot = slots === null ? -1 : slots[target];
      greenMask[w] = slot >= 0 ? planned!.answers[slot] : key.oracle.isGreen(seed, ids[target], recurs) ? 1 : 0;
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

// Odd, drawn per process: which slot a unit takes cannot be steered by the input.
const SLOT_MULTIPLIER = (Math.random() * 2 ** 32) | 1;

let scratchTable = new Int32Array(0);
let scratchSeed = new Uint32Array(0);
let scratchTarget = new Int32Array(0);

function independentUnits(ids: ArrayLike<number>, n: number, seeds: Uint32Array, greenMask: Uint8Array): TestUnits {
  const windows = seeds.length;
  // Units seen, in an open-addressing table of (seed, target) (slot = unit index + 1, 0 empty) at least
  // twice the windows' count; a target that cannot be packed (unitId NaN) is told apart by a string.
  const bits = Math.max(4, Math.ceil(Math.log2(2 * windows + 1)));
  const mask = (1 << bits) - 1;
  // The table and each unit's (seed, target) are scratch, reused from call to call; the results are
  // views of arrays of the windows' size (no copies).
  if (scratchTable.length <= mask) scratchTable = new Int32Array(mask + 1);
  else scratchTable.fill(0, 0, mask + 1);
  if (scratchSeed.length < windows) {
    scratchSeed = new Uint32Array(Math.max(windows, 2 * scratchSeed.length));
    scratchTarget = new Int32Array(scratchSeed.length);
  }
  const table = scratchTable;
  const unitSeed = scratchSeed;
  const unitTarget = scratchTarget;
  let odd: Set<string> | null = null;
  const green = new Uint8Array(windows);
  const position = new Int32Array(windows);
  const id = new Float64Array(windows);
  let units = 0;
  for (let w = 0; w < windows; w++) {
    const seed = seeds[w];
    const target = ids[n - 1 + w];
    const packed = unitId(seed, target);
    if (Number.isNaN(packed)) {
      const key = `${seed}:${target}`;
      odd ??= new Set();
      if (odd.has(key)) continue;
      odd.add(key);
    } else {
      // target is an integer in [0, 2^21) here
      let slot = Math.imul((seed + Math.imul(target, 0x9e3779b1)) | 0, SLOT_MULTIPLIER) >>> (32 - bits);
      let unit = table[slot] - 1;
      while (unit >= 0 && !(unitSeed[unit] === seed && unitTarget[unit] === target)) {
        slot = (slot + 1) & mask;
        unit = table[slot] - 1;
      }
      if (unit >= 0) continue;
      table[slot] = units + 1;
      unitSeed[units] = seed;
      unitTarget[units] = target;
    }
    green[units] = greenMask[w];
    position[units] = w;
    id[units] = packed;
    units++;
  }
  let numGreenUnits = 0;
  for (let u = 0; u < units; u++) numGreenUnits += green[u];
  return {
    numUnits: units,
    numGreenUnits,
    green: green.subarray(0, units),
    position: position.subarray(0, units),
    id: id.subarray(0, units),
  };
}
