// Test-only: a key-set document with Unigram keys, its vectors taken from unigram.json so that what the
// document claims comes from the reference, not from our own scorer.
import { loadUnigramCases } from './unigram-vectors.test-util';

export interface UnigramKeyFields {
  kid: string;
  watermarkKey: string | number;
  fraction: number;
  vocabSize: number;
  encoding?: string;
  testVectors?: Array<{ ids: number[]; numTokensScored: number; numGreenTokens: number }>;
}

export function unigramKey(k: UnigramKeyFields): Record<string, unknown> {
  return {
    kid: k.kid,
    scheme: 'unigram',
    implementation: 'unigram-watermark',
    watermarkKey: k.watermarkKey,
    fraction: k.fraction,
    vocabSize: k.vocabSize,
    tokenizer: { encoding: k.encoding ?? 'gpt2' },
    ...(k.testVectors ? { testVectors: k.testVectors } : {}),
  };
}

export function unigramDocument(keys: Record<string, unknown>[]): string {
  return JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'org.example.unigram',
    name: 'Unigram test keys',
    publisher: { name: 'Example' },
    version: 1,
    issued: '2026-11-01T00:00:00Z',
    keys,
  });
}

/** Test vectors for a key from the reference's own cases: numGreenTokens = ones in its greenMask. */
export function referenceVectorsFor(watermarkKey: string, fraction: number, vocabSize: number) {
  return loadUnigramCases()
    .filter((c) => c.config.watermarkKey === watermarkKey && c.config.fraction === fraction && c.config.vocabSize === vocabSize)
    .map((c) => ({ ids: c.ids, numTokensScored: c.ids.length, numGreenTokens: [...c.expected.greenMask].filter((x) => x === '1').length }));
}
