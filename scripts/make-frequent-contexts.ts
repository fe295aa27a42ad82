// Writes extension/shared/compute/frequent-contexts.json: for every KGW key of the bundled key sets
// (public/keysets/*.json), the contexts of the bundled reference sample met most often, whose green
// lists (or single answers) the extension's compute host builds while idle after a start
// (extension/worker/prebuild.ts). Rerun after changing the sample, a bundled key set or the limits;
// extension/shared/compute/frequent-contexts.test.ts fails until then.
//
//   npx tsx scripts/make-frequent-contexts.ts
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrationKeyOf, loadReferenceSample, referenceSampleId, tokenizeSample } from '../src/calibration/reference-sample';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { tokenizerFor } from '../src/detector/tokenizer-for';
import { isKgwKey } from '../src/keyset/kgw-key';
import { parseKeySetDocument } from '../src/keyset/parse';
import type { KgwKeySpec } from '../src/keyset/types';
import { countFrequentContexts, type FrequentContextsFile } from '../extension/shared/compute/frequent-contexts';
import { contextsRecur } from '../src/score/score-ids';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * How many contexts per key. Measured in Node on the 500-post bench page (2026-12-07): the sample's
 * 1,024 most frequent previous tokens are 24% of the page's 1,487 lefthash lists (2,048: 39%), and 7%
 * of the lists of 500 Brown-corpus paragraphs or e-mails (2,048: 14%); a list costs ≈ 0.06–0.15 ms to
 * build. Selfhash pairs pay less: the 2,048 most frequent are 11% of the page's 3,352 answers (4,096:
 * 17%; Brown and e-mail 2–5%), each ≈ 0.027 ms, so only the most frequent few hundred are built.
 */
export const LIST_CONTEXTS = 1024;
export const ANSWER_CONTEXTS = 512;

/** The bundled KGW keys, one per distinct unit identity (calibrationKeyOf). */
export function frequentContextKeys(): KgwKeySpec[] {
  const dir = join(root, 'public/keysets');
  const byKey = new Map<string, KgwKeySpec>();
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    for (const spec of parseKeySetDocument(readFileSync(join(dir, f))).keys.filter(isKgwKey)) {
      if (!byKey.has(calibrationKeyOf(spec))) byKey.set(calibrationKeyOf(spec), spec);
    }
  }
  return [...byKey.values()];
}

/** The file's content, counted now from the sample. */
export async function countShippedContexts(): Promise<FrequentContextsFile> {
  const sample = await loadReferenceSample();
  const out: FrequentContextsFile = { format: 'wmlens-frequent-contexts', sampleId: referenceSampleId(sample), keys: {} };
  for (const spec of frequentContextKeys()) {
    const seeder = scoringKeyFor(spec).seeder;
    const tokenizer = await tokenizerFor(spec.tokenizer, spec.kid, undefined);
    const docs = tokenizeSample(sample, tokenizer, spec.detection.normalizers).map((d) => d.ids);
    out.keys[calibrationKeyOf(spec)] = countFrequentContexts(seeder, docs, contextsRecur(seeder) ? LIST_CONTEXTS : ANSWER_CONTEXTS);
  }
  return out;
}

export const FREQUENT_CONTEXTS_PATH = join(root, 'extension/shared/compute/frequent-contexts.json');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = await countShippedContexts();
  writeFileSync(FREQUENT_CONTEXTS_PATH, JSON.stringify(out) + '\n');
  console.log(`wrote ${FREQUENT_CONTEXTS_PATH}: ${Object.keys(out.keys).length} keys`);
}
