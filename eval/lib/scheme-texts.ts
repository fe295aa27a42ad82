// Watermarked texts for SynthID and Unigram keys from the stand-in n-gram model (src/generate), made as
// `wmlens generate` makes them: SynthID's tournament (top 40, at the sampling temperature; the strength
// is set by the temperature, as the reference has no δ) and Unigram's +δ on its fixed green list (top-p 1,
// temperature 0.8). Deterministic in (key, strength, length, seed); kept in eval/.cache/scheme-texts/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { standInModel } from '../../src/cli/generate-command';
import { generate } from '../../src/generate/generate';
import { STAND_IN_SAMPLING } from '../../src/generate/training';
import { SynthIdTournament } from '../../src/synthid/tournament';
import { UnigramBias } from '../../src/unigram/bias';
import { CACHE_DIR } from './pipeline';
import type { CompiledSchemeKey } from './scheme-keys';

export interface SchemeText {
  seed: number;
  ids: number[];
  text: string;
}

/**
 * SynthID: the sampling temperature (the reference's deployments sample at 0.7–1.0; the stand-in's
 * default is 0.8; a lower temperature leaves the tournament less entropy to work with: a weaker mark).
 * Unigram: δ (the reference's default `strength` is 2).
 */
export interface Strength {
  label: string;
  temperature?: number;
  delta?: number;
}

function cacheFile(key: CompiledSchemeKey, strength: Strength, length: number, seed: number): string {
  const id = createHash('sha256').update(key.key.document).digest('hex').slice(0, 16);
  return join(CACHE_DIR, 'scheme-texts', `${id}-T${strength.temperature ?? STAND_IN_SAMPLING.temperature}-d${strength.delta ?? 0}-L${length}-s${seed}.json`);
}

export function schemeTexts(key: CompiledSchemeKey, strength: Strength, options: { length: number; count: number; firstSeed: number }): SchemeText[] {
  const synthid = key.keySet.synthidKeys[0];
  const unigram = key.keySet.unigramKeys?.[0];
  const tokenizer = (synthid ?? unigram)!.tokenizer;
  const model = standInModel(tokenizer);
  const out: SchemeText[] = [];
  for (let i = 0; i < options.count; i++) {
    const seed = options.firstSeed + i;
    const file = cacheFile(key, strength, options.length, seed);
    if (existsSync(file)) {
      out.push(JSON.parse(readFileSync(file, 'utf8')) as SchemeText);
      continue;
    }
    const temperature = strength.temperature ?? STAND_IN_SAMPLING.temperature;
    const common = { model, tokenizer, length: options.length, seed, temperature };
    const result =
      synthid !== undefined
        ? generate({ ...common, topP: 1, normalizers: synthid.spec.detection.normalizers }, new SynthIdTournament(synthid.scorer, { temperature }))
        : generate({ ...common, topP: STAND_IN_SAMPLING.topP, normalizers: unigram!.spec.detection.normalizers }, new UnigramBias(unigram!.mask, strength.delta ?? 2));
    const text: SchemeText = { seed, ids: result.ids, text: result.text };
    mkdirSync(join(CACHE_DIR, 'scheme-texts'), { recursive: true });
    writeFileSync(file, JSON.stringify(text));
    out.push(text);
  }
  return out;
}
