// Trailing debounce with a ceiling: bursts of calls run `fn` once after `waitMs` of quiet, but a stream
// that never goes quiet (infinite scroll, a page that mutates constantly) still runs it every `maxWaitMs`.

export interface Debounced {
  (): void;
  /** Run now if something is pending. */
  flush(): void;
  cancel(): void;
  readonly pending: boolean;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export function debounce(fn: () => void, waitMs: number, maxWaitMs: number, timers: Timers = realTimers): Debounced {
  let timer: unknown = null;
  let firstCall = 0;
  let pending = false;

  const fire = () => {
    timer = null;
    if (!pending) return;
    pending = false;
    fn();
  };

  const d = (() => {
    const now = timers.now();
    if (!pending) firstCall = now;
    pending = true;
    if (timer !== null) timers.clearTimeout(timer);
    const due = Math.min(waitMs, Math.max(0, firstCall + maxWaitMs - now));
    timer = timers.setTimeout(fire, due);
  }) as Debounced;
  d.flush = () => {
    if (timer !== null) timers.clearTimeout(timer);
    fire();
  };
  d.cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    pending = false;
  };
  Object.defineProperty(d, 'pending', { get: () => pending });
  return d;
}
