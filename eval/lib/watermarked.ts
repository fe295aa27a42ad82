// Watermarked test texts from the n-gram stand-in model (src/generate; it stands in for an LLM since no
// model weights can be downloaded here), with the key's own seeding and green lists. Texts are
// deterministic in (key, δ, length, seed) and can be kept in eval/.cache/ between runs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { standInModel } from '../../src/cli/generate-command';
import { generateWatermarked } from '../../src/generate/generate';
import { STAND_IN_SAMPLING } from '../../src/generate/training';
import type { KgwKeySpec as KeySpec } from '../../src/keyset/types';
import { evalTokenizer, evalTokenizerId } from './tokenizers';
import { CACHE_DIR } from './pipeline';

export interface WatermarkedText {
  seed: number;
  ids: number[];
  text: string;
}

export interface WatermarkedOptions {
  delta: number;
  length: number;
  count: number;
  /** First seed; text i uses firstSeed + i. */
  firstSeed?: number;
  /** Keep texts in eval/.cache/ (default true). */
  cache?: boolean;
}

function cacheFile(spec: KeySpec, delta: number, length: number, seed: number): string {
  const id = `${spec.implementation}-${spec.seeding}-${spec.hashKey}-${spec.gamma}-${spec.vocabSize}-${evalTokenizerId(spec)}`;
  return join(CACHE_DIR, 'watermarked', `${id}-d${delta}-L${length}-s${seed}.json`);
}

export async function watermarkedTexts(spec: KeySpec, options: WatermarkedOptions): Promise<WatermarkedText[]> {
  const tokenizer = await evalTokenizer(spec);
  const model = standInModel(tokenizer);
  const useCache = options.cache ?? true;
  const out: WatermarkedText[] = [];
  for (let i = 0; i < options.count; i++) {
    const seed = (options.firstSeed ?? 0) + i;
    const file = cacheFile(spec, options.delta, options.length, seed);
    if (useCache && existsSync(file)) {
      out.push(JSON.parse(readFileSync(file, 'utf8')) as WatermarkedText);
      continue;
    }
    const result = generateWatermarked({
      key: spec,
      model,
      tokenizer,
      length: options.length,
      delta: options.delta,
      seed,
      temperature: STAND_IN_SAMPLING.temperature,
      topP: STAND_IN_SAMPLING.topP,
    });
    const text: WatermarkedText = { seed, ids: result.ids, text: result.text };
    if (useCache) {
      mkdirSync(join(CACHE_DIR, 'watermarked'), { recursive: true });
      writeFileSync(file, JSON.stringify(text));
    }
    out.push(text);
  }
  return out;
}
