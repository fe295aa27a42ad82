// Cooperative time slicing: long work runs in slices of a few milliseconds and gives the page its
// main thread back in between, so no task the extension causes gets near the 50 ms long-task mark.
import { yieldToTasks } from '../shared/yield-to-tasks';

/**
 * Slices stay well below 50 ms: one slice's checks are coarse (every 32 nodes, every found block), and
 * a forced layout or a garbage collection (the walk of a page with 100,000 elements allocates a
 * wrapper and a computed style object for each: scavenges of 20-70 ms) may land in it. The hop
 * between slices is cheap when it is a plain task (see yieldBetweenSlices), so slices need not be long.
 */
export const SLICE_MS = 12;

export class TimeSlicer {
  private sliceStart = 0;
  constructor(
    private readonly budgetMs = SLICE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sliceStart = this.now();
  }

  /** Start a fresh slice (after yielding). */
  begin(): void {
    this.sliceStart = this.now();
  }

  readonly shouldYield = (): boolean => this.now() - this.sliceStart >= this.budgetMs;
}

interface SchedulerWithYield {
  yield?: () => Promise<void>;
}

function hasSchedulerYield(): boolean {
  return typeof (globalThis as { scheduler?: SchedulerWithYield }).scheduler?.yield === 'function';
}

/** Let the page run: `scheduler.yield()` keeps our place in line where it exists, else a macrotask. */
export function yieldToMain(): Promise<void> {
  if (hasSchedulerYield()) return (globalThis as { scheduler: Required<SchedulerWithYield> }).scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** If a frame never comes (the tab was hidden meanwhile), go on after this long. */
const FRAME_WAIT_MS = 100;

/**
 * Yield until just after the next rendering update. Slices then start with style and layout clean, so
 * the computed styles and boxes a walk reads do not force the page's pending recalculation into the
 * extension's task (on a page that mutates every frame that recalculation can cost 100 ms). Hidden
 * tabs render no frames and just yield.
 */
export function yieldAfterFrame(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function' || typeof document === 'undefined' || document.visibilityState !== 'visible') {
    return yieldToMain();
  }
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(go, FRAME_WAIT_MS);
    requestAnimationFrame(() => setTimeout(go, 0));
  });
}

/**
 * DOM changes that may leave the page's style or layout dirty: its own mutations (they reach the
 * observer, observer.ts, before our next task). The extension's own writes (a verdict attribute on a
 * block in the test build, badges and boxes inside its overlay, an out-of-flow host with nothing in the
 * page's flow depending on it) dirty only the overlay's subtree: the next read lays out just that.
 */
let pageChanges = 0;
export function notePageChanges(): void {
  pageChanges++;
}

/**
 * At most this long of back-to-back slices before one waits for a rendering update again. A wait costs
 * up to a frame (on a busy machine frames come late, up to FRAME_WAIT_MS), and what it guards against
 * is rare (changes no observer sees) and only moves layout the page would do anyway into our task.
 */
export const FRAME_AT_LEAST_EVERY_MS = 200;
let lastFrameYield = -Infinity;

/**
 * Between walk slices. Waiting for a rendering update after every slice left most of each frame
 * idle (a 500-post page took 1.6 s to walk for 0.3 s of work). The wait is only needed when the
 * page's layout may be dirty: so the next slice starts after a yield when the page did not change the
 * DOM meanwhile, and after a frame when it did, and at least every FRAME_AT_LEAST_EVERY_MS (changes no
 * observer sees: closed shadow roots, animations).
 *
 * That yield keeps the walk's place ahead of the page's queued tasks (`scheduler.yield()`); the frame
 * wait, at least every FRAME_AT_LEAST_EVERY_MS, lets them all run. Behind them (a plain task), every
 * arriving answer and its showing went first, and the walk of a 500-post page was spread over 300 ms
 * for 70 ms of work while the detector waited for its blocks: ahead, that page is read in one go
 * (bench:page `--dist`, same rounds: "other texts" 0.54 → 0.48 s, the same page again 0.39 → 0.34 s;
 * letting the queue through every 100 ms instead kept half of that). Input and rendering still go
 * first; a page's own timers and messages wait for at most that long of walking. Where
 * `scheduler.yield()` is missing, a plain task, not a timer chain (clamped to 4 ms a step).
 */
export async function yieldBetweenSlices(now: () => number = () => performance.now()): Promise<void> {
  if (now() - lastFrameYield < FRAME_AT_LEAST_EVERY_MS) {
    const seen = pageChanges;
    await (hasSchedulerYield() ? yieldToMain() : yieldToTasks());
    if (pageChanges === seen) return;
  }
  await yieldAfterFrame();
  lastFrameYield = now();
}

/**
 * Run `step` until it reports done, one slice at a time. `step` returns true when finished and must
 * return (false) soon after `shouldYield()` turns true. `cancelled` stops between slices.
 */
export async function runSliced(
  step: (shouldYield: () => boolean) => boolean,
  options: { slicer?: TimeSlicer; cancelled?: () => boolean; yielder?: () => Promise<void> } = {},
): Promise<boolean> {
  const slicer = options.slicer ?? new TimeSlicer();
  const yielder = options.yielder ?? yieldAfterFrame;
  for (;;) {
    if (options.cancelled?.()) return false;
    slicer.begin();
    if (step(slicer.shouldYield)) return true;
    await yielder();
  }
}
