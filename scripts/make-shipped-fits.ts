// Writes data/reference-sample/fits.json: the calibration of every key in public/keysets/*.json, and of
// the same keys without normalizers (the reference detector as the speed protocol runs it, normalizers=[]),
// fitted on the bundled reference sample exactly as compileKeySet would fit them; and the n-gram
// allowance of every bundled SynthID key whose test is the exact tail (as declared, normalizers and all).
// Rerun after changing the sample, the fitting code or a bundled key set;
// src/calibration/shipped-fits.test.ts fails until then.
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
import type { KeySpec as AnyKeySpec, KgwKeySpec as KeySpec, SynthIdKeySpec } from '../src/keyset/types';
import { scorerForSpec, usesNgramAllowance } from '../src/synthid/compile-key';
import { ngramAllowanceKeyOf, ngramShareCurve, type StoredNgramAllowance } from '../src/synthid/ngram-allowance';
import { tokenizerFor } from '../src/detector/tokenizer-for';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function bundledKeys(): AnyKeySpec[] {
  const dir = join(root, 'public/keysets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => parseKeySetDocument(readFileSync(join(dir, f))).keys);
}

/** The SynthID keys whose n-gram allowances are shipped (one per distinct allowance key). */
export function shippedAllowanceKeys(): SynthIdKeySpec[] {
  const byKey = new Map<string, SynthIdKeySpec>();
  for (const spec of bundledKeys()) {
    if (spec.scheme !== 'synthid' || !usesNgramAllowance(spec, scorerForSpec(spec))) continue;
    if (!byKey.has(ngramAllowanceKeyOf(spec))) byKey.set(ngramAllowanceKeyOf(spec), spec);
  }
  return [...byKey.values()];
}

/** The keys whose fits are shipped (one per distinct calibration key). */
export function shippedFitKeys(): KeySpec[] {
  const specs = bundledKeys().filter(isKgwKey);
  const withoutNormalizers = specs.map((spec) => ({ ...spec, detection: { ...spec.detection, normalizers: [] } }) as KeySpec);
  const byKey = new Map<string, KeySpec>();
  for (const spec of [...specs, ...withoutNormalizers]) if (!byKey.has(calibrationKeyOf(spec))) byKey.set(calibrationKeyOf(spec), spec);
  return [...byKey.values()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sample = await loadReferenceSample();
  const sampleId = referenceSampleId(sample);
  const out: ShippedFits = { format: 'wmlens-shipped-fits', version: 1, sampleId, fits: {}, ngramAllowances: {} };
  for (const spec of shippedFitKeys()) {
    const tokenizer = await tokenizerFor(spec.tokenizer, spec.kid, undefined);
    out.fits[calibrationKeyOf(spec)] = fitOnSample(sample, scoringKeyFor(spec).seeder, tokenizer, spec.detection.normalizers).toJSON();
  }
  for (const spec of shippedAllowanceKeys()) {
    const tokenizer = await tokenizerFor(spec.tokenizer, spec.kid, undefined);
    const curve = ngramShareCurve(sample, tokenizer, spec.detection.normalizers, spec.ngramLen, spec.samplingTableSize!);
    out.ngramAllowances[ngramAllowanceKeyOf(spec)] = { format: 'wmlens-ngram-allowance', version: 1, sampleId, curve } satisfies StoredNgramAllowance;
  }
  const path = join(root, 'data/reference-sample/fits.json');
  writeFileSync(path, JSON.stringify(out, null, 1) + '\n');
  console.log(`wrote ${path}: ${Object.keys(out.fits).length} fits, ${Object.keys(out.ngramAllowances).length} n-gram allowances`);
}
