// Which answered blocks' results stand and how they are shown: each block straight from its detections,
// or, with the page-level correction on (page-correction.ts), only the matches that survive Holm over
// every test on the page, re-decided once per burst of results. The scanner hands over each answer.
import type { KeyDetection } from '../../src/detect-types';
import { holmSurvivors, sameRanges, shownResult, testsPerText } from './page-correction';
import type { RenderedBlock } from './renderer';
import { measured } from './task-meter';

/** The parts of a scanner's block record the display reads and writes. */
export interface DisplayedBlock extends RenderedBlock {
  text: string;
  hash: string;
  status: 'queued' | 'done' | 'error';
}

export interface ResultDisplayDeps<B extends DisplayedBlock> {
  /** Every block the scanner holds. */
  blocks(): Iterable<B>;
  /** `b` is still the scanner's record for its element (not replaced or dropped meanwhile). */
  isCurrent(b: B): boolean;
  show(b: B): void;
  /** What is shown changed as a whole (popup progress, idle waiters). */
  onChanged(): void;
}

export class ResultDisplay<B extends DisplayedBlock> {
  /** Family-wise α of the page-level correction, or null when each test stands at its own α. */
  private alpha: number | null = null;
  private pending = false;
  /** Results arrived since the last correction pass: shown by that pass, whatever it decides. */
  private readonly awaiting = new Set<B>();

  constructor(private readonly deps: ResultDisplayDeps<B>) {}

  /** Turn the page-level (Holm) correction on at family-wise level `alpha`, or off (null). */
  setCorrection(alpha: number | null): void {
    if (alpha === this.alpha) return;
    this.alpha = alpha;
    if (alpha === null) {
      for (const b of this.deps.blocks()) if (b.status === 'done') this.display(b, null);
      this.deps.onChanged();
    } else this.schedule();
  }

  /** `b` was just answered (status done, detections set). */
  answered(b: B): void {
    if (this.alpha === null) this.display(b, null, true);
    else {
      // Shown once the correction has seen it: a flag that Holm may withdraw a moment later would flicker.
      this.awaiting.add(b);
      this.schedule();
    }
  }

  /** `b` left the scanner: a pending pass must not show it. */
  forget(b: B): void {
    this.awaiting.delete(b);
  }

  /** The scanner dropped every block. */
  clear(): void {
    this.awaiting.clear();
  }

  /**
   * Show `b` as its detections say, matches limited to `survivors` when the correction is on.
   * Unless `force`, a block whose verdict and ranges did not change is left as it is.
   */
  private display(b: B, survivors: ReadonlySet<KeyDetection> | null, force = false): void {
    const { verdict, ranges } = shownResult(b.detections, survivors, b.text.length);
    if (!force && verdict === b.verdict && sameRanges(ranges, b.ranges)) return;
    b.verdict = verdict;
    b.ranges = ranges;
    this.deps.show(b);
  }

  /** Holm over every distinct text on the page, once per burst of results (its own task). */
  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.correct();
    }, 0);
  }

  private readonly correct = measured('page correction', (): void => {
    const alpha = this.alpha;
    const fresh = new Set(this.awaiting);
    this.awaiting.clear();
    if (alpha === null) {
      for (const b of fresh) if (b.status === 'done' && this.deps.isCurrent(b)) this.display(b, null, true);
      return;
    }
    const answered: B[] = [];
    for (const b of this.deps.blocks()) if (b.status === 'done' && b.el.isConnected) answered.push(b);
    const survivors = holmSurvivors(testsPerText(answered), alpha);
    for (const b of this.deps.blocks()) if (b.status === 'done') this.display(b, survivors, fresh.has(b));
    this.deps.onChanged();
  });
}
