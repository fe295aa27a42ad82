// Writes data/reference-sample/fits.json: the calibration of every key in public/keysets/*.json, and of
// the same keys without normalizers (the reference detector as the speed protocol runs it, normalizers=[]),
// fitted on the bundled reference sample exactly as compileKeySet would fit them. Rerun after changing
// the sample, the fitting code or a bundled key set; src/calibration/shipped-fits.test.ts fails until then.
//
//   npx tsx scripts/make-shipped-fits.ts
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrationKeyOf, fitOnSample, loadReferenceSample, referenceSampleId } from '../src/calibration/reference-sample';
import type { ShippedFits } from '../src/calibration/shipped-fits';
import { scoringKeyFor } from '../src/detector/scoring-key-for';
import { parseKeySetDocument } from '../src/keyset/parse';
import { isKgwKey } from '../src/keyset/kgw-key';
import type { KgwKeySpec as KeySpec } from '../src/keyset/types';
import { tokenizerFor } from '../src/detector/tokenizer-for';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The keys whose fits are shipped (one per distinct calibration key). */
export function shippedFitKeys(): KeySpec[] {
  const dir = join(root, 'public/keysets');
  const specs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => parseKeySetDocument(readFileSync(join(dir, f))).keys.filter(isKgwKey));
  const withoutNormalizers = specs.map((spec) => ({ ...spec, detection: { ...spec.detection, normalizers: [] } }) as KeySpec);
  const byKey = new Map<string, KeySpec>();
  for (const spec of [...specs, ...withoutNormalizers]) if (!byKey.has(calibrationKeyOf(spec))) byKey.set(calibrationKeyOf(spec), spec);
  return [...byKey.values()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sample = await loadReferenceSample();
  const out: ShippedFits = { format: 'wmlens-shipped-fits', version: 1, sampleId: referenceSampleId(sample), fits: {} };
  for (const spec of shippedFitKeys()) {
    const tokenizer = await tokenizerFor(spec.tokenizer, spec.kid, undefined);
    out.fits[calibrationKeyOf(spec)] = fitOnSample(sample, scoringKeyFor(spec).seeder, tokenizer, spec.detection.normalizers).toJSON();
  }
  const path = join(root, 'data/reference-sample/fits.json');
  writeFileSync(path, JSON.stringify(out, null, 1) + '\n');
  console.log(`wrote ${path}: ${Object.keys(out.fits).length} fits`);
}
