// Where in a block is the watermark? Scan windows of a geometric grid of lengths at every start,
// keep those significant after the correction for the search (scan-plan.ts), group overlapping
// ones, and inside each group report the maximal-evidence stretch.
//
// Why not simply the union of a group's windows, trimmed to green ends: a long window that merely
// contains a strong span is significant too, so the union runs far past the span on both sides.
// Measured on a 60-unit span (green rate 0.7) in 600 null units, γ = 0.25, 200 trials: the union
// has median IoU 0.20 at alpha 1e-2 (0.34 at 1e-4); this finder 0.93. The group's best window is
// moved, one edge at a time, to the start and end that minimise the exact binomial tail, which
// settles on the span's own edges (extending only over stretches greener than the break-even
// rate), then trimmed to green ends.
import { type NullRate, nullRateAt, planScan, type ScanPlan, windowLogSfFor } from './scan-plan';
import { childOf } from '../cache/child-map';
import { zScore } from './z-score';

export interface Span {
  /** Unit indices, end exclusive. Starts and ends on a green unit. */
  start: number;
  end: number;
  numUnits: number;
  numGreen: number;
  /** z of the span itself against options.gamma: descriptive, not corrected for the search. */
  zScore: number;
  /**
   * Search-corrected p-value of the window that seeded this span (the best grid window in its
   * group): under the null, the chance that any span of the block gets a p-value ≤ t is ≤ t.
   */
  pValue: number;
}

export interface SpanOptions {
  /** False-alarm level for the whole block (0 < alpha < 0.5). */
  alpha: number;
  /** Shortest window searched (default: the shortest that could reach alpha at all). */
  minLength?: number;
  /** γ for the spans' descriptive z (default: the null rate at the span's length). */
  gamma?: number;
}

const MAX_REFINE_PASSES = 6;
// A page's blocks come in hundreds of sizes, and each key has its own rate function: a plan per
// (size, key) seen recently, least recently used evicted (a plan is a few hundred bytes).
const PLAN_CACHE_SIZE = 2048;
// Plans for a constant rate are keyed by value; plans for a rate function by the function itself
// (callers keep one function per null model), so a new function never reuses another's plans. Below
// that, by α, the shortest length and the size: number keys, since building a string id per block
// cost about as much as looking the plan up.
type PlansBySize = Map<number, ScanPlan>;
type PlansByLevel = Map<number, Map<number, PlansBySize>>;
const constantRatePlans = new Map<number, PlansByLevel>();
const functionRatePlans = new WeakMap<(windowLength: number) => number, PlansByLevel>();

const newLevel = (): PlansByLevel => new Map();
const newByMinLength = (): Map<number, PlansBySize> => new Map();
const newBySize = (): PlansBySize => new Map();

function ratePlans(rate: NullRate): PlansByLevel {
  if (typeof rate === 'number') return childOf(constantRatePlans, rate, 64, newLevel);
  let byLevel = functionRatePlans.get(rate);
  if (byLevel === undefined) functionRatePlans.set(rate, (byLevel = newLevel()));
  return byLevel;
}

function cachedPlan(n: number, rate: NullRate, alpha: number, minLength: number): ScanPlan {
  const bySize = childOf(childOf(ratePlans(rate), alpha, 64, newByMinLength), minLength, 64, newBySize);
  let plan = bySize.get(n);
  if (plan === undefined) {
    plan = planScan(n, rate, alpha, minLength);
    if (bySize.size >= PLAN_CACHE_SIZE) bySize.delete(bySize.keys().next().value!);
  } else bySize.delete(n);
  bySize.set(n, plan);
  return plan;
}

/** The significant windows of a block, in parallel arrays, by length then start. */
interface Windows {
  count: number;
  start: number[];
  end: number[];
  logP: number[];
}

/**
 * Whether some window of `length` units holds at least `need` greens, from the greens' positions:
 * exactly when some `need` consecutive greens lie within `length` units. O(greens), not O(units):
 * a block of human text has a quarter of its units green and usually no window to report.
 */
export function someWindowReaches(greenAt: Int32Array, numGreen: number, length: number, need: number): boolean {
  if (need <= 0) return true;
  for (let j = 0; j + need <= numGreen; j++) if (greenAt[j + need - 1] - greenAt[j] < length) return true;
  return false;
}

function significantWindows(prefix: Int32Array, greenAt: Int32Array, plan: ScanPlan): Windows | null {
  const n = plan.numUnits;
  const numGreen = prefix[n];
  let out: Windows | null = null;
  for (let i = 0; i < plan.lengths.length; i++) {
    const l = plan.lengths[i];
    const need = plan.minGreen[i];
    if (!Number.isFinite(need) || !someWindowReaches(greenAt, numGreen, l, need)) continue;
    // logP by green count (from need to l); 1 (never a log-probability) where not yet computed.
    let logPByCount: Float64Array | undefined;
    for (let s = 0; s + l <= n; s++) {
      const k = prefix[s + l] - prefix[s];
      if (k < need) continue;
      if (logPByCount === undefined) logPByCount = new Float64Array(l - need + 1).fill(1);
      let logP = logPByCount[k - need];
      if (logP === 1) {
        logP = plan.logCorrectedP(l, k);
        logPByCount[k - need] = logP;
      }
      out ??= { count: 0, start: [], end: [], logP: [] };
      out.start.push(s);
      out.end.push(s + l);
      out.logP.push(logP);
      out.count++;
    }
  }
  return out;
}

/**
 * Maximal runs of overlapping windows, as unit ranges [start, end), and each window's run. Two units
 * next to each other are in one run when some window holds both, so no sort of the windows is needed.
 */
export function groupOverlapping(numUnits: number, start: readonly number[], end: readonly number[]): { starts: number[]; ends: number[]; groupOf: Int32Array } {
  const covered = new Int32Array(numUnits + 1);
  const joined = new Int32Array(numUnits + 1);
  for (let w = 0; w < start.length; w++) {
    covered[start[w]]++;
    covered[end[w]]--;
    // A window joins units start … end − 1 each to the next one.
    if (end[w] - start[w] >= 2) {
      joined[start[w]]++;
      joined[end[w] - 1]--;
    }
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const groupOfUnit = new Int32Array(numUnits);
  let inWindows = 0;
  let joining = 0;
  let open = false;
  for (let i = 0; i < numUnits; i++) {
    inWindows += covered[i];
    if (!open && inWindows > 0) {
      starts.push(i);
      open = true;
    }
    groupOfUnit[i] = starts.length - 1;
    joining += joined[i];
    if (open && joining === 0) {
      ends.push(i + 1);
      open = false;
    }
  }
  const groupOf = new Int32Array(start.length);
  for (let w = 0; w < start.length; w++) groupOf[w] = groupOfUnit[start[w]];
  return { starts, ends, groupOf };
}

/** Move each edge in turn to where the exact tail of [start, end) is smallest, within [lo, hi). */
function refine(prefix: Int32Array, rate: NullRate, start: number, end: number, lo: number, hi: number): [number, number] {
  const logSf = windowLogSfFor(rate);
  const evidence = (s: number, e: number): number => logSf(prefix[e] - prefix[s], e - s);
  let best = evidence(start, end);
  for (let pass = 0; pass < MAX_REFINE_PASSES; pass++) {
    let moved = false;
    for (let e = start + 1; e <= hi; e++) {
      const v = evidence(start, e);
      if (v < best) {
        best = v;
        end = e;
        moved = true;
      }
    }
    for (let s = lo; s < end; s++) {
      const v = evidence(s, end);
      if (v < best) {
        best = v;
        start = s;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return [start, end];
}

/**
 * Watermarked spans in a block of test units (1 = green), in text order. Each returned span is
 * backed by a grid window whose search-corrected p-value is ≤ alpha, so on unwatermarked text the
 * chance of reporting any span is ≤ alpha. Cost: O(N · number of lengths) for the scan, plus
 * O(N) tail evaluations per refinement pass of each reported span.
 */
export function findSpans(green: ArrayLike<number>, rate: NullRate, options: SpanOptions): Span[] {
  const n = green.length;
  const plan = cachedPlan(n, rate, options.alpha, options.minLength ?? 1);
  if (plan.lengths.length === 0) return [];
  const prefix = new Int32Array(n + 1);
  const greenAt = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i];
    if (green[i]) greenAt[prefix[i + 1]++] = i;
  }
  const windows = significantWindows(prefix, greenAt, plan);
  if (windows === null) return [];
  const { start, end, logP } = windows;
  const groups = groupOverlapping(n, start, end);
  // The windows of each group, together (counting sort by group, windows in their order inside).
  const numGroups = groups.starts.length;
  const firstOf = new Int32Array(numGroups + 1);
  for (let w = 0; w < windows.count; w++) firstOf[groups.groupOf[w] + 1]++;
  for (let g = 0; g < numGroups; g++) firstOf[g + 1] += firstOf[g];
  const members = new Int32Array(windows.count);
  const fill = firstOf.slice(0, numGroups);
  for (let w = 0; w < windows.count; w++) members[fill[groups.groupOf[w]]++] = w;
  // Candidate order: smallest p-value first, then the longer window, then the earlier one.
  const before = (a: number, b: number): boolean =>
    logP[a] < logP[b] || (logP[a] === logP[b] && (end[a] - start[a] > end[b] - start[b] || (end[a] - start[a] === end[b] - start[b] && start[a] < start[b])));
  const done = new Uint8Array(windows.count);

  const spans: Span[] = [];
  for (let g = 0; g < numGroups; g++) {
    const taken: Array<[number, number]> = [];
    // The group's candidates in the order above, each skipped when it overlaps a span already taken:
    // the best one left each time (spans are few, so this is cheaper than sorting every window).
    for (;;) {
      let w = -1;
      for (let m = firstOf[g]; m < firstOf[g + 1]; m++) {
        const c = members[m];
        if (done[c]) continue;
        if (taken.some(([s, e]) => start[c] < e && s < end[c])) {
          done[c] = 1;
          continue;
        }
        if (w < 0 || before(c, w)) w = c;
      }
      if (w < 0) break;
      done[w] = 1;
      // The free stretch around w: inside the group and clear of spans already taken.
      let lo = groups.starts[g];
      let hi = groups.ends[g];
      for (const [s, e] of taken) {
        if (e <= start[w]) lo = Math.max(lo, e);
        if (s >= end[w]) hi = Math.min(hi, s);
      }
      let [s, e] = refine(prefix, rate, start[w], end[w], lo, hi);
      while (s < e && !green[s]) s++;
      while (e > s && !green[e - 1]) e--;
      if (s >= e) continue;
      taken.push([s, e]);
      const numGreen = prefix[e] - prefix[s];
      spans.push({
        start: s,
        end: e,
        numUnits: e - s,
        numGreen,
        zScore: zScore(numGreen, e - s, options.gamma ?? nullRateAt(rate, e - s)),
        pValue: Math.exp(logP[w]),
      });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
