// detect() and `wmlens score` report the calibrated layer from each compiled key's fitted calibration,
// while the reference layer stays exactly scoreIds' numbers.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPAN_SEARCH_ALPHA_SHARE, decideBlock } from '../calibration/block-test';
import { calibrationKeyOf } from '../calibration/reference-sample';
import { scoreLine } from '../cli/score-command';
import { compileKeySet, detect } from '../detect';
import { applyNormalizers } from '../normalize/index';
import { scoreIds } from '../score/score-ids';
import { binomialSf } from '../stats/binomial-tail';
import type { KgwKeyDetection } from '../detect-types';

const bundledBytes = readFileSync(resolve(__dirname, '../../public/keysets/reference-defaults.json'));

// Public domain (Lincoln, Second Inaugural Address, 1865).
const HUMAN =
  'Fellow-Countrymen: At this second appearing to take the oath of the Presidential office there is less occasion ' +
  'for an extended address than there was at the first. Then a statement somewhat in detail of a course to be ' +
  'pursued seemed fitting and proper. Now, at the expiration of four years, during which public declarations have ' +
  'been constantly called forth on every point and phase of the great contest which still absorbs the attention ' +
  'and engrosses the energies of the nation, little that is new could be presented.';

describe('the calibrated layer in detect()', () => {
  it('every compiled key carries its fitted calibration', async () => {
    const keySet = await compileKeySet(bundledBytes);
    for (const key of keySet.keys) {
      expect(key.calibration.fit.sample.genres.length).toBeGreaterThanOrEqual(2);
      expect(key.calibration.nullModel(key.spec.gamma).gamma).toBe(key.spec.gamma);
    }
  });

  it('reports pValue, numUnits, numGreenUnits and the verdict from the calibration; the reference layer is untouched', async () => {
    const keySet = await compileKeySet(bundledBytes);
    const results = detect(HUMAN, [keySet]) as KgwKeyDetection[];
    for (const [i, key] of keySet.keys.entries()) {
      const r = results[i];
      const ids = key.tokenizer.encode(applyNormalizers(HUMAN, key.spec.detection.normalizers).text).ids;
      const score = scoreIds(key.scoring, ids);
      const units = key.calibration.apply(score, key.spec.gamma);
      const decision = decideBlock(key.calibration.nullModel(key.spec.gamma), units, 1e-4);
      expect(r).toMatchObject({
        numTokensScored: score.numTokensScored,
        numGreenTokens: score.numGreenTokens,
        zScore: score.zScore,
        pValueNormal: score.pValueNormal,
        pValue: decision.pValue,
        numUnits: units.numUnits,
        numGreenUnits: units.numGreenUnits,
        verdict: decision.verdict,
      });
      // Human text: no span stands out, so the block's own test decides, at its share of α.
      expect(decision.spans).toEqual([]);
      expect(r.pValue).toBeCloseTo(Math.min(1, units.pValue / (1 - SPAN_SEARCH_ALPHA_SHARE)), 12);
      // The allowance only ever costs evidence.
      expect(units.pValue).toBeGreaterThanOrEqual(binomialSf(r.numGreenUnits, r.numUnits, key.spec.gamma));
    }
  });

  it('`wmlens score` lines carry the same calibrated numbers', async () => {
    const keySet = await compileKeySet(bundledBytes);
    const key = keySet.keys[1];
    const ids = Array.from(key.tokenizer.encode(HUMAN).ids);
    const line = scoreLine(key, ids, null);
    const score = scoreIds(key.scoring, ids);
    const units = key.calibration.apply(score, key.spec.gamma);
    const { pValue } = decideBlock(key.calibration.nullModel(key.spec.gamma), units, 1e-4);
    expect(line).toMatchObject({ pValue, numUnits: units.numUnits, numGreenUnits: units.numGreenUnits });
    expect(line.numTokensScored).toBe(score.numTokensScored);
  });

  it('accepts calibrations stored from an earlier compile', async () => {
    const first = await compileKeySet(bundledBytes);
    const stored = Object.fromEntries(first.keys.map((k) => [calibrationKeyOf(k.spec), JSON.parse(JSON.stringify(k.calibration))]));
    const second = await compileKeySet(bundledBytes, { storedCalibrations: stored });
    for (const [i, key] of second.keys.entries()) expect(key.calibration.fit).toEqual(first.keys[i].calibration.fit);
  });
});
