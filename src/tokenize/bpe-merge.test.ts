import { beforeAll, describe, expect, it } from 'vitest';
import { BytePairMerger, LINEAR_MERGE_LIMIT } from './bpe-merge';
import { loadEncodingRanks } from './encodings';
import { Vocabulary } from './vocabulary';

function parts(merger: BytePairMerger, bytes: Uint8Array, forceHeap: boolean): number[][] {
  const count = merger.merge(bytes, bytes.length, forceHeap);
  return Array.from({ length: count }, (_, k) => [merger.partStart[k], merger.partStart[k + 1], merger.partRank[k]]);
}

describe.each(['gpt2', 'cl100k_base'] as const)('%s byte pair merge', (name) => {
  let vocab: Vocabulary;
  beforeAll(async () => {
    vocab = new Vocabulary((await loadEncodingRanks(name)).bpe_ranks);
  });

  it('gives the same parts with the heap as with tiktoken’s rescan', () => {
    // Few distinct bytes → many mergeable pairs and many equal-rank ties.
    const alphabet = new TextEncoder().encode(' aaabnet\n-=é');
    let seed = 7;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) / 16777216;
    const scan = new BytePairMerger(vocab);
    const heap = new BytePairMerger(vocab);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(random() * LINEAR_MERGE_LIMIT);
      const bytes = Uint8Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]);
      expect(parts(heap, bytes, true)).toEqual(parts(scan, bytes, false));
    }
  });

  it('tiles the piece with tokens whose bytes are the parts', () => {
    const bytes = new TextEncoder().encode('  antidisestablishmentarianism==== ');
    const merger = new BytePairMerger(vocab);
    for (const forceHeap of [false, true]) {
      const result = parts(merger, bytes, forceHeap);
      expect(result[0][0]).toBe(0);
      expect(result.at(-1)![1]).toBe(bytes.length);
      for (const [start, end, rank] of result) expect(vocab.rankOf(bytes, start, end)).toBe(rank);
    }
  });

  it('merges pieces longer than the scan limit', () => {
    const bytes = new TextEncoder().encode('ab'.repeat(LINEAR_MERGE_LIMIT * 4));
    const merger = new BytePairMerger(vocab);
    const result = parts(merger, bytes, false);
    expect(result.length).toBeLessThanOrEqual(bytes.length / 2);
    for (let k = 0; k < result.length; k++) {
      const [start, end, rank] = result[k];
      expect(start).toBe(k === 0 ? 0 : result[k - 1][1]);
      expect(vocab.rankOf(bytes, start, end)).toBe(rank);
    }
    expect(result.at(-1)![1]).toBe(bytes.length);
  });
});
