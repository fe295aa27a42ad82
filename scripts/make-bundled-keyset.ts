// Writes public/keysets/reference-defaults.json: the reference implementations' published default keys,
// with test vectors copied from the reference's own outputs (../shared/vectors/kgw-lmw.json), so the
// bundled set proves on import that our scorer reproduces the reference.
//
//   npx tsx scripts/make-bundled-keyset.ts
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { loadVectors } from '../src/test-support/vectors';

interface LmwCase {
  case_id: string;
  ids: number[];
  config: {
    parsed: { prf_type: string; context_width: number; self_salt: boolean; hash_key: number | string };
    gamma: number;
    vocab_size: number;
    bos_token_id: number;
    ignore_repeated_ngrams: boolean;
    select_green_tokens?: boolean;
    window_size?: unknown;
  };
  result: { num_tokens_scored?: number; num_green_tokens?: number; error?: string };
}

const HASH_KEY = 15485863;
const GAMMA = 0.25;
const VOCAB_SIZE = 50257;
const BOS_TOKEN_ID = 50256;

// Per key: watermarked, human, uniform random, and a leading-BOS edge case. Matched by the parsed
// scheme, so `ff-anchored_minhash_prf-4-True-15485863` cases count as selfhash.
const KEYS = [
  {
    kid: 'lmw-lefthash',
    seeding: 'lefthash',
    parsed: { prf_type: 'additive_prf', context_width: 1, self_salt: false },
    caseIds: [
      'lmw-shared-0006-lefthash-g0.25-v50257-wm2.0-ign1',
      'lmw-shared-0004-lefthash-g0.25-v50257-human200-ign1',
      'lmw-shared-0000-lefthash-g0.25-v50257-rand50-ign1',
      'lmw-shared-0296-edge-bos-lead-lefthash-ign1',
    ],
  },
  {
    kid: 'lmw-selfhash',
    seeding: 'selfhash',
    parsed: { prf_type: 'anchored_minhash_prf', context_width: 4, self_salt: true },
    caseIds: [
      'lmw-shared-0066-selfhash-g0.25-v50257-wm2.0-ign1',
      'lmw-shared-0184-ff-anchored_minhash_prf-4-True-15485863-g0.25-v50257-human200-ign1',
      'lmw-shared-0060-selfhash-g0.25-v50257-rand50-ign1',
      'lmw-shared-0298-edge-bos-lead-selfhash-ign1',
    ],
  },
];

function pickCase(cases: Map<string, LmwCase>, caseId: string, parsed: (typeof KEYS)[number]['parsed']): LmwCase {
  const c = cases.get(caseId);
  if (c === undefined) throw new Error(`${caseId}: not in kgw-lmw.json`);
  const cfg = c.config;
  const matches =
    cfg.parsed.prf_type === parsed.prf_type &&
    cfg.parsed.context_width === parsed.context_width &&
    cfg.parsed.self_salt === parsed.self_salt &&
    String(cfg.parsed.hash_key) === String(HASH_KEY) &&
    cfg.gamma === GAMMA &&
    cfg.vocab_size === VOCAB_SIZE &&
    cfg.bos_token_id === BOS_TOKEN_ID &&
    cfg.ignore_repeated_ngrams === true &&
    (cfg.select_green_tokens ?? true) === true &&
    cfg.window_size === undefined &&
    c.result.error === undefined;
  if (!matches) throw new Error(`${caseId}: its config or result does not match the key it was picked for`);
  return c;
}

function buildKeySet(): unknown {
  const cases = new Map(loadVectors<{ cases: LmwCase[] }>('kgw-lmw.json').cases.map((c) => [c.case_id, c]));
  return {
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'org.watermark-lens.reference-defaults',
    name: 'Reference implementations: default keys',
    publisher: { name: 'Watermark Lens (bundled)' },
    version: 1,
    issued: '2026-11-29T00:00:00Z',
    keys: KEYS.map(({ kid, seeding, parsed, caseIds }) => ({
      kid,
      scheme: 'kgw',
      implementation: 'lm-watermarking',
      seeding,
      hashKey: HASH_KEY,
      gamma: GAMMA,
      vocabSize: VOCAB_SIZE,
      selectGreenTokens: true,
      rng: 'torch-cpu',
      tokenizer: { encoding: 'gpt2' },
      bosTokenId: BOS_TOKEN_ID,
      // ["unicode"] is the reference detector's default; the vectors are token ids, so it does not affect them.
      detection: { ignoreRepeatedNgrams: true, normalizers: ['unicode'] },
      testVectors: caseIds.map((caseId) => {
        const c = pickCase(cases, caseId, parsed);
        return { ids: c.ids, numTokensScored: c.result.num_tokens_scored, numGreenTokens: c.result.num_green_tokens };
      }),
    })),
  };
}

/** Pretty-printed, but with each array of numbers on one line so a 200-token vector stays one line. */
function format(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /\[\n\s*(-?\d[\d.eE+-]*(?:,\n\s*-?\d[\d.eE+-]*)*)\n\s*\]/g,
    (_, items: string) => `[${items.split(/,\n\s*/).join(', ')}]`,
  );
  if (!isDeepStrictEqual(JSON.parse(text), value)) throw new Error('formatting changed the key set');
  return `${text}\n`;
}

const out = resolve(dirname(fileURLToPath(import.meta.url)), '../public/keysets/reference-defaults.json');
writeFileSync(out, format(buildKeySet()));
console.log(`wrote ${out}`);
