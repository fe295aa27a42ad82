// Builds ScoringKeys from the reference vectors' `config` objects (kgw-lmw.json, kgw-hf.json).
import { hfSeeder, lmwSeeder } from '../seeding/seeder';
import { GreenOracle } from './green-oracle';
import type { ScoringKey } from './scoring-key';

export interface LmwCaseConfig {
  seeding_scheme: string;
  parsed: { prf_type: string; context_width: number; self_salt: boolean; hash_key: number | string };
  gamma: number;
  vocab_size: number;
  bos_token_id: number | null;
  ignore_repeated_ngrams: boolean;
  select_green_tokens?: boolean;
  window_size?: string;
}

export interface HfCaseConfig {
  seeding_scheme: 'lefthash' | 'selfhash';
  context_width: number;
  greenlist_ratio: number;
  hashing_key: number | string;
  vocab_size: number;
  bos_token_id: number | null;
  ignore_repeated_ngrams: boolean;
}

const oracles = new Map<string, GreenOracle>();
function oracle(vocabSize: number, gamma: number, selectGreenTokens: boolean): GreenOracle {
  const id = `${vocabSize}:${gamma}:${selectGreenTokens}`;
  if (!oracles.has(id)) oracles.set(id, new GreenOracle(vocabSize, gamma, selectGreenTokens));
  return oracles.get(id)!;
}

export function lmwCaseKey(config: LmwCaseConfig): ScoringKey {
  return {
    flavour: 'lm-watermarking',
    seeder: lmwSeeder({
      prfType: config.parsed.prf_type as never,
      contextWidth: config.parsed.context_width,
      selfSalt: config.parsed.self_salt,
      hashKey: BigInt(config.parsed.hash_key),
    }),
    oracle: oracle(config.vocab_size, config.gamma, config.select_green_tokens ?? true),
    gamma: config.gamma,
    ignoreRepeatedNgrams: config.ignore_repeated_ngrams,
    bosTokenId: config.bos_token_id,
  };
}

export function hfCaseKey(config: HfCaseConfig): ScoringKey {
  return {
    flavour: 'hf-transformers',
    seeder: hfSeeder({
      seeding: config.seeding_scheme,
      contextWidth: config.context_width,
      hashKey: BigInt(config.hashing_key),
    }),
    oracle: oracle(config.vocab_size, config.greenlist_ratio, true),
    gamma: config.greenlist_ratio,
    ignoreRepeatedNgrams: config.ignore_repeated_ngrams,
    bosTokenId: config.bos_token_id,
  };
}

/** The reference's mask string: '.' unscored, then '1'/'0' per scored position. */
export function maskString(firstScoredIndex: number, greenMask: Uint8Array): string {
  return '.'.repeat(firstScoredIndex) + Array.from(greenMask).join('');
}
