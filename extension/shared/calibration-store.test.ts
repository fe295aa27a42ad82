// The Worker's store of fitted calibrations (fake-indexeddb: the same API in memory).
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationKeyOf } from '../../src/calibration/reference-sample';
import { compileKeySet } from '../../src/detect';
import { ngramAllowanceKeyOf } from '../../src/synthid/ngram-allowance';
import { readStoredCalibrations, storeCalibrations } from './calibration-store';

// The bundled key set under another hash key (so without its test vectors): its fits are not shipped,
// so compiling it fits them.
const bundled = JSON.parse(readFileSync(resolve(__dirname, '../../public/keysets/reference-defaults.json'), 'utf8'));
const doc = JSON.stringify({ ...bundled, keys: bundled.keys.map(({ testVectors: _, ...k }: Record<string, unknown>) => ({ ...k, hashKey: 4242 })) });

describe('calibration store', () => {
  it('stores a compiled set’s fits once, by calibration key, and hands them back for the next compile', async () => {
    expect(await readStoredCalibrations()).toEqual({});
    const set = await compileKeySet(doc, { tokenizers: false });
    expect(set.keys.map((k) => k.spec.hashKey)).toEqual([4242n, 4242n]);
    await storeCalibrations(set, {});
    const stored = await readStoredCalibrations();
    expect(Object.keys(stored).sort()).toEqual(set.keys.map((k) => calibrationKeyOf(k.spec)).sort());
    for (const k of set.keys) expect(stored[calibrationKeyOf(k.spec)]).toEqual(k.calibration.toJSON());
    // The next compile is given them and ends up with the very same calibrations.
    const again = await compileKeySet(doc, { tokenizers: false, storedCalibrations: stored });
    again.keys.forEach((k, i) => expect(k.calibration.toJSON()).toEqual(set.keys[i].calibration.toJSON()));
    // Already stored: nothing is rewritten.
    await storeCalibrations(again, stored);
    expect(await readStoredCalibrations()).toEqual(stored);
  }, 60_000);

  it('keeps a SynthID table key’s n-gram allowance beside the KGW fits', async () => {
    const example = readFileSync(resolve(__dirname, '../../public/keysets/synthid-docs-example.json'), 'utf8');
    const before = await readStoredCalibrations();
    const set = await compileKeySet(example, { tokenizers: false });
    const [hf] = set.synthidKeys.filter((k) => k.allowance !== undefined);
    expect(hf.spec.implementation).toBe('hf-transformers');
    expect(set.synthidKeys.filter((k) => k.allowance !== undefined)).toHaveLength(1);
    await storeCalibrations(set, before);
    const stored = await readStoredCalibrations();
    expect(stored[ngramAllowanceKeyOf(hf.spec)]).toEqual(hf.allowance);
    const again = await compileKeySet(example, { tokenizers: false, storedCalibrations: stored });
    expect(again.synthidKeys.find((k) => k.spec.kid === hf.spec.kid)!.test.exact!.allowance).toEqual(hf.allowance!.curve);
  }, 60_000);
});
