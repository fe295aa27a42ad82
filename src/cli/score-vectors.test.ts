// The path outside checkers take: a key-set document written from a reference case's config, compiled,
// then `wmlens score` line scoring. Every shared case must come out identical (masks, T, G, z exactly;
// the normal tail to 1e-12), errors included; window cases through --window.
import { describe, expect, it } from 'vitest';
import { compileKeySet, type CompiledKey } from '../detect';
import { loadVectors } from '../test-support/vectors';
import { parseWindowSize } from '../stats/winmax';
import { scoreLine } from './score-command';

interface Case {
  case_id: string;
  kind: string;
  ids: number[];
  config: Record<string, any>;
  result: Record<string, any>;
}

function documentFor(impl: 'lmw' | 'hf', config: Record<string, any>): string {
  const common = {
    kid: 'k',
    scheme: 'kgw',
    gamma: impl === 'lmw' ? config.gamma : config.greenlist_ratio,
    vocabSize: config.vocab_size,
    rng: 'torch-cpu',
    tokenizer: { encoding: 'gpt2' },
    bosTokenId: config.bos_token_id,
  };
  const key =
    impl === 'lmw'
      ? {
          ...common,
          implementation: 'lm-watermarking',
          seeding: config.seeding_scheme,
          hashKey: String(config.parsed.hash_key),
          selectGreenTokens: config.select_green_tokens ?? true,
          detection: { ignoreRepeatedNgrams: config.ignore_repeated_ngrams, normalizers: [] },
        }
      : {
          ...common,
          implementation: 'hf-transformers',
          seeding: config.seeding_scheme,
          contextWidth: config.context_width,
          hashKey: String(config.hashing_key),
          // The reference ignores the flag (README §4), so the key set must say false.
          detection: { ignoreRepeatedNgrams: false, normalizers: [] },
        };
  return JSON.stringify({
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'vectors',
    name: 'vectors',
    publisher: { name: 'test' },
    version: 1,
    issued: '2026-01-01T00:00:00Z',
    keys: [key],
  });
}

const compiled = new Map<string, Promise<CompiledKey>>();
function keyFor(impl: 'lmw' | 'hf', config: Record<string, any>): Promise<CompiledKey> {
  const doc = documentFor(impl, config);
  if (!compiled.has(doc)) compiled.set(doc, compileKeySet(doc).then((ks) => ks.keys[0]));
  return compiled.get(doc)!;
}

function expectClose(actual: unknown, expected: number): void {
  expect(typeof actual).toBe('number');
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThanOrEqual(1e-12);
}

describe.each([
  ['lmw', 'kgw-lmw.json', 'p_value'],
  ['hf', 'kgw-hf.json', 'p_value_exact_normal_sf'],
] as const)('wmlens score on %s reference cases', (impl, file, pField) => {
  const { cases } = loadVectors<{ cases: Case[] }>(file);
  it.each(cases.map((c) => [c.case_id, c] as const))('%s', async (_id, c) => {
    const key = await keyFor(impl, c.config);
    const window = c.kind === 'mixed_window' ? parseWindowSize(c.config.window_size) : null;
    if (c.result.error) {
      expect(() => scoreLine(key, c.ids, window)).toThrow(/too short/);
      return;
    }
    const out = scoreLine(key, c.ids, window);
    expect(out.numTokensScored).toBe(c.result.num_tokens_scored);
    expect(out.numGreenTokens).toBe(c.result.num_green_tokens);
    expect(out.zScore).toBe(c.result.z_score);
    expectClose(out.pValueNormal, c.result[pField]);
    if (impl === 'hf') expect(out.pValueHf).toBe(c.result.p_value);
    expect((out.greenMask as number[]).join('')).toBe(c.result.green_mask.slice(c.result.first_scored_index));
  });
});
