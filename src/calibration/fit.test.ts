import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../stats/seeded-random';
import { Calibration, parseCalibrationJson } from './calibration';
import { type CalibrationOptions, fitCalibration } from './fit';
import { sharedUnits } from './shared-units';
import { frequentUnits, unitChunkFrequency } from './unit-frequency';

const OPTIONS: CalibrationOptions = { chunkTokens: 50, minChunks: Infinity, shareWindows: [20, 40, 80], combine: 'mean', safety: 2 };

/** Unit ids per position: `repeated` of every 10 positions draw from a few recurring units, the rest are fresh. */
function genre(seed: number, length: number, recurring: number[], repeatedPerTen: number): Float64Array {
  const rand = mulberry32(seed);
  const out = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    out[t] = t % 10 < repeatedPerTen ? recurring[Math.floor(rand() * recurring.length)] : 1e9 + seed * 1e6 + t;
  }
  return out;
}

describe('unitChunkFrequency / frequentUnits', () => {
  it('counts a unit once per chunk, and keeps those in at least minChunks chunks', () => {
    const doc = Float64Array.from([1, 1, 1, 2, NaN, 1, 3, 3, 2]);
    const f = unitChunkFrequency([doc], 3); // chunks [1 1 1] [2 NaN 1] [3 3 2]
    expect(Object.fromEntries(f)).toEqual({ 1: 2, 2: 2, 3: 1 });
    expect(Array.from(frequentUnits([f, new Map([[3, 1]])], 2))).toEqual([1, 2, 3]);
    expect(Array.from(frequentUnits([f], 3))).toEqual([]);
  });
});

describe('sharedUnits', () => {
  it('is 0 when no unit recurs across windows, and grows with recurring units', () => {
    expect(sharedUnits(genre(1, 2000, [], 0), 100, 0, null)!.share).toBe(0);
    const some = sharedUnits(genre(1, 2000, [7, 8, 9], 2), 100, 0, null)!;
    const more = sharedUnits(genre(1, 2000, [7, 8, 9], 5), 100, 0, null)!;
    // Each window holds the 3 recurring units: Σπ² ≈ 3, share ≈ √3 / n̄.
    expect(some.share).toBeCloseTo(Math.sqrt(3) / some.meanUnits, 2);
    expect(more.share).toBeGreaterThan(some.share);
  });

  it('leaves excluded units and the context positions out', () => {
    const units = genre(2, 2000, [7, 8, 9], 3);
    const s = sharedUnits(units, 100, 0, new Set([7, 8, 9]))!;
    expect(s.share).toBe(0);
    expect(sharedUnits(units, 100, 5, null)!.meanUnits).toBeLessThan(sharedUnits(units, 100, 0, null)!.meanUnits);
    expect(sharedUnits(units.subarray(0, 150), 100, 0, null)).toBeNull();
  });
});

describe('fitCalibration', () => {
  const docs = [
    { genre: 'a', units: genre(1, 3000, [1, 2, 3, 4], 2) },
    { genre: 'b', units: genre(2, 3000, [1, 5, 6], 4) },
    { genre: 'c', units: genre(3, 3000, [], 0) },
  ];

  it('measures each held-out genre and averages (or takes the largest) share per window size', () => {
    const mean = fitCalibration(docs, 0, OPTIONS, 'test');
    const max = fitCalibration(docs, 0, { ...OPTIONS, combine: 'max' }, 'test');
    expect(mean.curve.units).toHaveLength(3);
    mean.curve.units.forEach((n, i) => {
      if (i > 0) expect(n).toBeGreaterThan(mean.curve.units[i - 1]);
      expect(max.curve.share[i]).toBeGreaterThan(mean.curve.share[i]);
    });
    expect(mean.excludedUnits).toHaveLength(0);
    expect(mean.sample).toEqual({ id: 'test', documents: 3, tokens: 9000, genres: ['a', 'b', 'c'] });
  });

  it('with exclusion: drops units frequent over all genres, and measures each genre against the others’ list', () => {
    const fit = fitCalibration(docs, 0, { ...OPTIONS, minChunks: 10 }, 'test');
    expect(Array.from(fit.excludedUnits)).toEqual([1, 2, 3, 4, 5, 6]);
    // Genre b's own recurring units 5 and 6 are unknown to the list fitted on a and c: residual share stays.
    const plain = fitCalibration(docs, 0, OPTIONS, 'test');
    expect(fit.curve.share[0]).toBeGreaterThan(0);
    expect(fit.curve.share[0]).toBeLessThan(plain.curve.share[0]);
  });

  it('needs two genres to hold one out', () => {
    expect(() => fitCalibration([docs[0]], 0, OPTIONS, 'x')).toThrow(/two genres/);
  });
});

describe('Calibration JSON', () => {
  const fit = fitCalibration(
    [
      { genre: 'a', units: genre(1, 3000, [1, 2, 3], 3) },
      { genre: 'b', units: genre(2, 3000, [1, 4], 3) },
    ],
    0,
    { ...OPTIONS, minChunks: 5 },
    'sample-1',
  );

  it('round-trips through JSON text', () => {
    const calibration = new Calibration(fit);
    const back = Calibration.fromJSON(JSON.parse(JSON.stringify(calibration)));
    expect(back.fit).toEqual(fit);
    expect(back.isExcluded(1)).toBe(true);
    expect(back.isExcluded(999)).toBe(false);
  });

  it('stores "exclude nothing" as null and reads it back as Infinity', () => {
    const none = new Calibration({ ...fit, options: { ...fit.options, minChunks: Infinity }, excludedUnits: new Float64Array(0) });
    const json = JSON.parse(JSON.stringify(none));
    expect(json.options.minChunks).toBeNull();
    expect(Calibration.fromJSON(json).fit.options.minChunks).toBe(Infinity);
  });

  it('refuses corrupt input rather than changing verdicts silently', () => {
    const good = JSON.parse(JSON.stringify(new Calibration(fit)));
    const broken = [
      null,
      { ...good, format: 'other' },
      { ...good, options: { ...good.options, safety: -1 } },
      { ...good, curve: { units: [5, 3], share: [0.1, 0.1] } },
      { ...good, curve: { units: [5], share: [0.1, 0.2] } },
      { ...good, excludedUnits: [1.5] },
    ];
    for (const b of broken) expect(() => parseCalibrationJson(b)).toThrow(TypeError);
  });
});
