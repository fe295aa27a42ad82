// Parity with the reference detectors on every case of ../shared/vectors (and any held-back set
// pointed to by WMLENS_VECTORS_DIR): masks, T and G exactly, z and the normal tail to 1e-12 relative.
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { parseWindowSize, winMax } from '../stats/winmax';
import { countedGreenVector } from './counted-units';
import { scoreIds } from './score-ids';
import { TooShortError } from './too-short';
import { type HfCaseConfig, type LmwCaseConfig, hfCaseKey, lmwCaseKey, maskString } from './vector-keys.test-util';
import type { ScoringKey } from './scoring-key';

interface Case<C> {
  case_id: string;
  kind: string;
  ids: number[];
  config: C;
  result: Record<string, any>;
}

function relClose(actual: number, expected: number): void {
  if (expected === 0 || !Number.isFinite(expected)) {
    expect(actual).toBe(expected);
  } else {
    expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(1e-12);
  }
}

function checkCase(key: ScoringKey, c: Case<unknown>, pValueField: 'p_value' | 'p_value_exact_normal_sf'): void {
  if (c.result.error) {
    expect(() => scoreIds(key, c.ids)).toThrow(TooShortError);
    return;
  }
  const score = scoreIds(key, c.ids);
  expect(maskString(score.firstScoredIndex, score.greenMask)).toBe(c.result.green_mask);
  expect(score.bosStripped).toBe(c.result.bos_stripped);
  expect(score.firstScoredIndex).toBe(c.result.first_scored_index);
  if (c.kind === 'mixed_window') {
    // WinMax over this scorer's own counted vector: the whole pipeline, not just the window arithmetic.
    const config = c.config as LmwCaseConfig;
    const win = winMax(countedGreenVector(score), config.gamma, parseWindowSize(config.window_size!));
    expect(win.numTokensScored).toBe(c.result.num_tokens_scored);
    expect(win.numGreenTokens).toBe(c.result.num_green_tokens);
    expect(win.zScore).toBe(c.result.z_score);
    relClose(win.pValueNormal, c.result.p_value);
    return;
  }
  expect(score.numTokensScored).toBe(c.result.num_tokens_scored);
  expect(score.numGreenTokens).toBe(c.result.num_green_tokens);
  expect(score.greenFraction).toBe(c.result.green_fraction);
  expect(score.zScore).toBe(c.result.z_score);
  relClose(score.pValueNormal, c.result[pValueField]);
}

describe('lm-watermarking detector parity (kgw-lmw.json)', () => {
  const { cases } = loadVectors<{ cases: Case<LmwCaseConfig>[] }>('kgw-lmw.json');
  it.each(cases.map((c) => [c.case_id, c] as const))('%s', (_id, c) => {
    checkCase(lmwCaseKey(c.config), c, 'p_value');
    if (!c.result.error && c.result.repeat_positions && c.kind !== 'mixed_window') {
      const score = scoreIds(lmwCaseKey(c.config), c.ids);
      const repeats: number[] = [];
      score.counted.forEach((v, w) => v === 0 && repeats.push(w + score.firstScoredIndex));
      expect(repeats).toEqual(c.result.repeat_positions);
    }
  });
});

describe('HF transformers detector parity (kgw-hf.json)', () => {
  const { cases } = loadVectors<{ cases: Case<HfCaseConfig>[] }>('kgw-hf.json');
  it.each(cases.map((c) => [c.case_id, c] as const))('%s', (_id, c) => {
    const key = hfCaseKey(c.config);
    checkCase(key, c, 'p_value_exact_normal_sf');
    if (!c.result.error) expect(scoreIds(key, c.ids).pValueHf).toBe(c.result.p_value);
  });
});
