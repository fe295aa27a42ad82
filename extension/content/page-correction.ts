// The page-level correction (design §4, "many tests on one page"): each paragraph × key is a test at
// α, so a page of 500 posts under two key sets runs 1,000 of them. With the correction on, a key's
// match stands only if it survives Holm's step-down over every test on the page, which keeps the chance
// of any false flag on the whole page at α. Pure.
import type { KeyDetection } from '../../src/detect-types';
import { holm } from '../../src/stats/verdict';

/**
 * The detections (by identity) that survive Holm at family-wise level `alpha` over `tests`: one list
 * of detections per distinct text on the page (the same text twice is one test per key).
 */
export function holmSurvivors(tests: ReadonlyArray<readonly KeyDetection[]>, alpha: number): Set<KeyDetection> {
  const all = tests.flat();
  const reject = holm(
    all.map((d) => d.pValue),
    alpha,
  );
  const out = new Set<KeyDetection>();
  all.forEach((d, i) => {
    if (reject[i] && d.verdict === 'watermarked') out.add(d);
  });
  return out;
}

/** A block's detections as the corrected page shows them: a match that did not survive is not one. */
export function correctedDetections(detections: readonly KeyDetection[], survivors: ReadonlySet<KeyDetection>): KeyDetection[] {
  return detections.map((d) => (d.verdict === 'watermarked' && !survivors.has(d) ? { ...d, verdict: 'not-detected', spans: [] } : d));
}
