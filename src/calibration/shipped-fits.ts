// Calibrations fitted ahead of time and shipped (data/reference-sample/fits.json, written by
// scripts/make-shipped-fits.ts): the fits of every key in the bundled key sets and of the reference
// implementations' default keys, and the n-gram allowances of the bundled SynthID table-variant keys, so
// that compiling such a key neither loads the 0.4 MB reference sample and a tokenizer nor spends ~0.2 s
// fitting. Each entry is keyed by calibrationKeyOf or ngramAllowanceKeyOf (what unit identities depend
// on: scheme, seeding or n-gram length and table, hash key, tokenizer, normalizers), and the file records
// the id of the sample the fits were made on; src/calibration/shipped-fits.test.ts refits every entry
// and checks both, so a changed sample or fitting code cannot ship stale fits unnoticed.

export interface ShippedFits {
  format: 'wmlens-shipped-fits';
  version: 1;
  /** referenceSampleId() of data/reference-sample/sample.json when the fits were made. */
  sampleId: string;
  /** Calibration.toJSON() by calibrationKeyOf(spec). */
  fits: Record<string, unknown>;
  /** SynthID table-variant keys' n-gram allowances (StoredNgramAllowance) by ngramAllowanceKeyOf(spec). */
  ngramAllowances: Record<string, unknown>;
}

let shipped: Promise<ShippedFits> | undefined;

/** The shipped fits (a small separate chunk in the bundles; loaded on first use). */
export function loadShippedFits(): Promise<ShippedFits> {
  if (shipped === undefined) {
    shipped = import('../../data/reference-sample/fits.json').then((m) => (m.default ?? m) as ShippedFits);
    shipped.catch(() => {
      shipped = undefined;
    });
  }
  return shipped;
}
