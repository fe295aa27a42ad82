// The contexts human text meets most, per key: whose green lists (or single answers) a compute host
// builds ahead of any page, while it is idle after a start (worker/prebuild.ts). Counted on the bundled
// reference sample (data/reference-sample, the calibration's human text) by a build-time script
// (scripts/make-frequent-contexts.ts) and shipped as frequent-contexts.json, so no start tokenizes the
// sample again; the tests recount them from the sample and compare.
//
// What is worth building depends on how the core caches a key's contexts (src/score/green-oracle.ts):
// a one-previous-token context recurs with many targets, so the core builds its whole list (a bitset)
// at first sight; a self-salted or wider context is met with one target almost always (selfhash's seed
// is fixed by the anchor, the scored token itself, and the window's min-hash token), so the core keeps
// single (seed, target) answers. The counts follow the same split: seeds by frequency for the first,
// (seed, target) pairs by frequency for the second.
import { calibrationKeyOf } from '../../../src/calibration/reference-sample';
import { firstScoredPosition } from '../../../src/seeding/seeder';
import type { KgwKeySpec } from '../../../src/keyset/types';
import { contextsRecur } from '../../../src/score/score-ids';
import type { Seeder } from '../../../src/seeding/seeder';

export interface FrequentContexts {
  /** Seeds whose whole green list is built, most frequent first. */
  bitsets: number[];
  /** (seed, target) pairs whose single answer is computed, flattened, most frequent first. */
  answers: number[];
}

export interface FrequentContextsFile {
  format: 'wmlens-frequent-contexts';
  /** referenceSampleId() of the sample counted. */
  sampleId: string;
  /** By calibrationKeyOf(spec): the same identity as a key's units (seeding, salt, tokenizer, normalizers). */
  keys: Record<string, FrequentContexts>;
}

/**
 * The `limit` most frequent contexts of `docs` (token ids, as the key tokenizes and normalizes) under
 * `seeder`, each counted once per position scored, ties in order of first occurrence.
 */
export function countFrequentContexts(seeder: Seeder, docs: ReadonlyArray<ArrayLike<number>>, limit: number): FrequentContexts {
  const recur = contextsRecur(seeder);
  // Keyed by seed, or by seed · 2^21 + target (exact below 2^53; larger targets are never cached as pairs).
  const counts = new Map<number, number>();
  for (const ids of docs) {
    for (let t = firstScoredPosition(seeder); t < ids.length; t++) {
      const target = ids[t];
      const seed = seeder.seed32(ids, seeder.selfSalt ? t + 1 : t);
      if (!recur && !(target >>> 0 === target && target < 2 ** 21)) continue;
      const key = recur ? seed : seed * 2 ** 21 + target;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  // Array.prototype.sort is stable: equal counts stay in first-occurrence (Map insertion) order.
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([k]) => k);
  if (recur) return { bitsets: top, answers: [] };
  return { bitsets: [], answers: top.flatMap((k) => [Math.floor(k / 2 ** 21), k % 2 ** 21]) };
}

/** The shipped contexts of a key, or undefined when none were counted for its units (or the file is malformed). */
export function frequentContextsFor(file: FrequentContextsFile | undefined, spec: KgwKeySpec): FrequentContexts | undefined {
  const c = file?.format === 'wmlens-frequent-contexts' ? file.keys[calibrationKeyOf(spec)] : undefined;
  if (c === undefined || !Array.isArray(c.bitsets) || !Array.isArray(c.answers) || c.answers.length % 2 !== 0) return undefined;
  return c;
}
