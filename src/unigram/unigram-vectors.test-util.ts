// Test-only: the unigram.json case schema (../shared/vectors/README.md §7) and its loader.
import { loadVectors } from '../test-support/vectors';

export interface UnigramCase {
  name: string;
  config: { fraction: number; vocabSize: number; watermarkKey: string };
  ids: number[];
  expected: {
    greenCount: number;
    maskSha256: string;
    firstGreen: number[];
    zScore: number;
    uniqueZScore: number;
    alpha: number;
    tau: number;
    dynamicFlag: boolean;
    greenMask: string;
  };
}

export function loadUnigramCases(): UnigramCase[] {
  return loadVectors<{ cases: UnigramCase[] }>('unigram.json').cases;
}
