// KeySpec (the document's view of a key) → ScoringKey (what the scorer runs on).
import type { KgwKeySpec as KeySpec } from '../keyset/types';
import { greenOracleFor } from '../score/green-oracle';
import type { ScoringKey } from '../score/scoring-key';
import { type Seeder, hfSeeder, legacySimple1Seeder, lmwSeeder } from '../seeding/seeder';

function seederFor(spec: KeySpec): Seeder {
  switch (spec.implementation) {
    case 'lm-watermarking':
      return lmwSeeder({ ...spec.lmwScheme, hashKey: spec.hashKey });
    case 'lm-watermarking-legacy':
      return legacySimple1Seeder(spec.hashKey);
    case 'hf-transformers':
      return hfSeeder({ seeding: spec.seeding, contextWidth: spec.contextWidth, hashKey: spec.hashKey });
  }
}

export function scoringKeyFor(spec: KeySpec): ScoringKey {
  return {
    flavour: spec.implementation === 'hf-transformers' ? 'hf-transformers' : 'lm-watermarking',
    seeder: seederFor(spec),
    oracle: greenOracleFor(spec.vocabSize, spec.gamma, spec.selectGreenTokens),
    gamma: spec.gamma,
    ignoreRepeatedNgrams: spec.detection.ignoreRepeatedNgrams,
    bosTokenId: spec.bosTokenId,
  };
}
