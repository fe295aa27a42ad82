// A fitted calibration at work: which of a text's units count, and the calibrated p-value over them.
// Also its serialised form, so the extension can persist a fit instead of refitting it.
import type { ReferenceScore } from '../score/score-ids';
import type { CalibrationFit, CalibrationOptions } from './fit';
import { type NullModel, type ShareCurve, calibratedPValue, nullGreenRate } from './null-model';
import { scoreUnitIds } from './unit-ids';

/** The calibrated layer's view of one scored text. */
export interface CalibratedUnits {
  /** Units that count: independent, and not frequent in human text. */
  numUnits: number;
  numGreenUnits: number;
  /** Colours of the counted units, in text order (what spans are searched over). */
  green: Uint8Array;
  /** For each counted unit, its index into the score's greenMask (scored positions). */
  position: Int32Array;
  /** The null green rate the p-value was computed at (γ plus the allowance for this many units). */
  nullGreenRate: number;
  pValue: number;
}

export class Calibration {
  private readonly excluded: Set<number>;
  // One model object per γ: the span search caches its scan plans by the model's rate function.
  private readonly models = new Map<number, NullModel>();

  constructor(readonly fit: CalibrationFit) {
    this.excluded = new Set(fit.excludedUnits);
  }

  get numExcludedUnits(): number {
    return this.excluded.size;
  }

  isExcluded(unitId: number): boolean {
    return this.excluded.has(unitId);
  }

  nullModel(gamma: number): NullModel {
    let model = this.models.get(gamma);
    if (model === undefined) {
      model = { gamma, safety: this.fit.options.safety, curve: this.fit.curve };
      this.models.set(gamma, model);
    }
    return model;
  }

  /** The counted units of a score (its unit identities come with it) and their calibrated p-value. */
  apply(score: ReferenceScore, gamma: number): CalibratedUnits {
    return this.scoreUnits(scoreUnitIds(score), score.units.green, score.units.position, gamma);
  }

  /**
   * The same from units already identified: ids, colours and positions in text order (the evaluation
   * scores many windows this way, through the very code detect() uses).
   */
  scoreUnits(unitIds: ArrayLike<number>, unitGreen: ArrayLike<number>, unitPosition: ArrayLike<number> | null, gamma: number): CalibratedUnits {
    // Straight into typed arrays of the largest size, viewed to the units kept (no growing arrays).
    const green = new Uint8Array(unitIds.length);
    const position = new Int32Array(unitIds.length);
    const excluded = this.excluded.size > 0 ? this.excluded : null;
    let numUnits = 0;
    let numGreenUnits = 0;
    for (let u = 0; u < unitIds.length; u++) {
      if (excluded !== null && excluded.has(unitIds[u])) continue;
      green[numUnits] = unitGreen[u];
      position[numUnits] = unitPosition === null ? u : unitPosition[u];
      numGreenUnits += unitGreen[u];
      numUnits++;
    }
    const model = this.nullModel(gamma);
    return {
      numUnits,
      numGreenUnits,
      green: green.subarray(0, numUnits),
      position: position.subarray(0, numUnits),
      nullGreenRate: nullGreenRate(model, numUnits),
      pValue: calibratedPValue(model, numGreenUnits, numUnits),
    };
  }

  /** Plain JSON (unit ids are integers below 2^53, exact in JSON). */
  toJSON(): CalibrationJson {
    const { fit } = this;
    return {
      ...fit,
      // JSON has no Infinity: "exclude nothing" is stored as null.
      options: { ...fit.options, minChunks: Number.isFinite(fit.options.minChunks) ? fit.options.minChunks : null },
      excludedUnits: Array.from(fit.excludedUnits),
    };
  }

  static fromJSON(value: unknown): Calibration {
    return new Calibration(parseCalibrationJson(value));
  }
}

export type CalibrationJson = Omit<CalibrationFit, 'excludedUnits' | 'options'> & {
  options: Omit<CalibrationOptions, 'minChunks'> & { minChunks: number | null };
  excludedUnits: number[];
};

function fail(what: string): never {
  throw new TypeError(`calibration: ${what}`);
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'number' && Number.isFinite(x));
}

/** Checks a stored calibration before use: a corrupt one must not silently change verdicts. */
export function parseCalibrationJson(value: unknown): CalibrationFit {
  if (typeof value !== 'object' || value === null) fail('not an object');
  const v = value as Record<string, unknown>;
  if (v.format !== 'wmlens-calibration' || v.version !== 1) fail('unknown format or version');
  const options = v.options as CalibrationJson['options'] | undefined;
  if (
    typeof options !== 'object' ||
    options === null ||
    !(typeof options.safety === 'number' && options.safety >= 0) ||
    !(typeof options.chunkTokens === 'number' && options.chunkTokens >= 1) ||
    !(options.minChunks === null || (typeof options.minChunks === 'number' && options.minChunks >= 1)) ||
    !isNumberArray(options.shareWindows) ||
    (options.combine !== 'mean' && options.combine !== 'max')
  ) {
    fail('bad options');
  }
  const sample = v.sample as CalibrationFit['sample'] | undefined;
  if (typeof sample !== 'object' || sample === null || typeof sample.id !== 'string') fail('bad sample description');
  const curve = v.curve as ShareCurve | undefined;
  if (
    typeof curve !== 'object' ||
    curve === null ||
    !isNumberArray(curve.units) ||
    !isNumberArray(curve.share) ||
    curve.units.length !== curve.share.length ||
    curve.units.some((n, i) => n <= 0 || (i > 0 && n <= curve.units[i - 1])) ||
    curve.share.some((s) => s < 0 || s > 1)
  ) {
    fail('bad share curve');
  }
  const excluded = v.excludedUnits;
  if (!isNumberArray(excluded) || excluded.some((u) => !Number.isSafeInteger(u) || u < 0)) fail('bad excluded units');
  return {
    format: 'wmlens-calibration',
    version: 1,
    options: { ...options, minChunks: options.minChunks ?? Infinity, shareWindows: [...options.shareWindows] },
    sample: { ...sample, genres: [...(sample.genres ?? [])] },
    excludedUnits: Float64Array.from(excluded).sort(),
    curve: { units: [...curve.units], share: [...curve.share] },
  };
}
