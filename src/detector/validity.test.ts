// The calibrated p-value's promise on text that carries no watermark: P(p ≤ α) ≤ α. Uniform random ids
// are the null the exact binomial over independent units is built for; human text (with its frequent
// units) is the evaluation's job.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseKeySetDocument } from '../keyset/parse';
import { scoreIds } from '../score/score-ids';
import { binomialSf } from '../stats/binomial-tail';
import { mulberry32 } from '../stats/seeded-random';
import { scoringKeyFor } from './scoring-key-for';
import { kgwKeyOf } from '../keyset/kgw-key';

const bundled = parseKeySetDocument(readFileSync(resolve(__dirname, '../../public/keysets/reference-defaults.json')));
const SEQUENCES = 3000;
const LENGTH = 16;

describe.each(['lmw-lefthash', 'lmw-selfhash'])('calibrated p-value on uniform random ids, %s', (kid) => {
  const spec = kgwKeyOf(bundled.keys.find((k) => k.kid === kid)!);
  const key = scoringKeyFor(spec);
  const rand = mulberry32(kid === 'lmw-lefthash' ? 11 : 12);
  const pValues: number[] = [];
  for (let s = 0; s < SEQUENCES; s++) {
    const ids = Array.from({ length: LENGTH }, () => Math.floor(rand() * (spec.vocabSize - 1)));
    const { units } = scoreIds(key, ids);
    pValues.push(binomialSf(units.numGreenUnits, units.numUnits, spec.gamma));
  }

  it.each([0.1, 0.01, 0.001])('share with p ≤ %f stays at or below α (within 3 standard errors)', (alpha) => {
    const share = pValues.filter((p) => p <= alpha).length / SEQUENCES;
    expect(share).toBeLessThanOrEqual(alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / SEQUENCES));
  });

  it('is not trivially conservative: the share at α = 0.1 is a real fraction of α', () => {
    const share = pValues.filter((p) => p <= 0.1).length / SEQUENCES;
    expect(share).toBeGreaterThan(0.03);
  });
});
