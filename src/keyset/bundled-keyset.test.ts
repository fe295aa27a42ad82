// The bundled key set must carry the reference's own outputs, untouched, for cases whose detector
// configuration is exactly the key's.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import { parseKeySetDocument } from './parse';
import { kgwKeyOf } from './kgw-key';

const bundledPath = resolve(dirname(fileURLToPath(import.meta.url)), '../../public/keysets/reference-defaults.json');

interface LmwCase {
  case_id: string;
  kind: string;
  ids: number[];
  config: Record<string, any>;
  result: Record<string, any>;
}

const CASES: Record<string, { parsed: object; caseIds: string[] }> = {
  'lmw-lefthash': {
    parsed: { prf_type: 'additive_prf', context_width: 1, self_salt: false, hash_key: 15485863 },
    caseIds: [
      'lmw-shared-0006-lefthash-g0.25-v50257-wm2.0-ign1',
      'lmw-shared-0004-lefthash-g0.25-v50257-human200-ign1',
      'lmw-shared-0000-lefthash-g0.25-v50257-rand50-ign1',
      'lmw-shared-0296-edge-bos-lead-lefthash-ign1',
    ],
  },
  'lmw-selfhash': {
    parsed: { prf_type: 'anchored_minhash_prf', context_width: 4, self_salt: true, hash_key: 15485863 },
    caseIds: [
      'lmw-shared-0066-selfhash-g0.25-v50257-wm2.0-ign1',
      'lmw-shared-0184-ff-anchored_minhash_prf-4-True-15485863-g0.25-v50257-human200-ign1',
      'lmw-shared-0060-selfhash-g0.25-v50257-rand50-ign1',
      'lmw-shared-0298-edge-bos-lead-selfhash-ign1',
    ],
  },
};

describe('public/keysets/reference-defaults.json', () => {
  const bytes = new Uint8Array(readFileSync(bundledPath));
  const keySet = parseKeySetDocument(bytes);
  const cases = new Map(loadVectors<{ cases: LmwCase[] }>('kgw-lmw.json').cases.map((c) => [c.case_id, c]));

  it('parses as the reference defaults', () => {
    expect(keySet).toMatchObject({
      id: 'org.watermark-lens.reference-defaults',
      version: 1,
      publisher: { name: 'Watermark Lens (bundled)' },
    });
    expect(keySet).not.toHaveProperty('expires');
    expect(keySet.keys.map((k) => [k.kid, kgwKeyOf(k).seeding])).toEqual([
      ['lmw-lefthash', 'lefthash'],
      ['lmw-selfhash', 'selfhash'],
    ]);
    for (const key of keySet.keys) {
      expect(key).toMatchObject({
        implementation: 'lm-watermarking',
        hashKey: 15485863n,
        gamma: 0.25,
        vocabSize: 50257,
        selectGreenTokens: true,
        rng: 'torch-cpu',
        tokenizer: { encoding: 'gpt2' },
        bosTokenId: 50256,
        detection: { ignoreRepeatedNgrams: true, normalizers: ['unicode'] },
      });
    }
  });

  it.each(Object.keys(CASES))('%s carries the reference outputs of cases with exactly its configuration', (kid) => {
    const key = keySet.keys.find((k) => k.kid === kid)!;
    const { parsed, caseIds } = CASES[kid];
    const expected = caseIds.map((id) => {
      const c = cases.get(id)!;
      expect(c, id).toBeDefined();
      expect(c.config).toMatchObject({
        parsed,
        gamma: 0.25,
        vocab_size: 50257,
        bos_token_id: 50256,
        ignore_repeated_ngrams: true,
        select_green_tokens: true,
      });
      expect(c.config).not.toHaveProperty('window_size');
      expect(c.result).not.toHaveProperty('error');
      return { ids: c.ids, numTokensScored: c.result.num_tokens_scored, numGreenTokens: c.result.num_green_tokens };
    });
    expect(key.testVectors).toEqual(expected);
    // A mix of inputs, so a scorer cannot pass on one kind of text only.
    expect(caseIds.map((id) => cases.get(id)!.kind)).toEqual(['watermarked', 'human', 'random_uniform', 'edge']);
  });
});
