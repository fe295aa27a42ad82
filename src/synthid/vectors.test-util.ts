// Test-only: synthid.json cases (../shared/vectors/README.md §6) and the scorer each case describes.
import { loadVectors } from '../test-support/vectors';
import { type SynthIdParams, makeScorer, type SynthIdScorer, tableFromSeed } from './params';

export interface SynthIdCase {
  name: string;
  config: {
    variant: 'hash' | 'table';
    ngramLen: number;
    keys: string[];
    contextHistorySize: number;
    eosTokenId: number | null;
    samplingTableSize?: number;
    samplingTableSeed?: number;
  };
  vocabSize: number;
  ids: number[];
  expected: {
    gValues: string[];
    repetitionMask: string;
    eosMask: string;
    mask: string;
    numScored: number;
    meanScore: number | null;
    weightedMeanScore: number | null;
    samplingTableOnes?: number;
    samplingTableSha256?: string;
    hashIv?: string;
  };
}

export function loadSynthIdCases(): SynthIdCase[] {
  return loadVectors<{ cases: SynthIdCase[] }>('synthid.json').cases;
}

export function paramsOfCase(c: SynthIdCase): SynthIdParams {
  const { config } = c;
  const base = {
    ngramLen: config.ngramLen,
    keys: config.keys.map((k) => BigInt(k)),
    contextHistorySize: config.contextHistorySize,
    eosTokenId: config.eosTokenId,
  };
  if (config.variant === 'hash') return { variant: 'synthid-text', ...base };
  return {
    variant: 'hf-transformers',
    ...base,
    table: tableFromSeed(config.samplingTableSize!, BigInt(config.samplingTableSeed!)),
  };
}

export function scorerOfCase(c: SynthIdCase): SynthIdScorer {
  return makeScorer(paramsOfCase(c));
}
