import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';
import { runSliced, TimeSlicer, yieldBetweenSlices } from './slicer';

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after a quiet period', () => {
    const fn = vi.fn();
    const d = debounce(fn, 100, 1000);
    d();
    vi.advanceTimersByTime(50);
    d();
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('still runs every maxWait under a constant stream', () => {
    const fn = vi.fn();
    const d = debounce(fn, 100, 500);
    for (let t = 0; t < 2000; t += 20) {
      d();
      vi.advanceTimersByTime(20);
    }
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('flushes and cancels', () => {
    const fn = vi.fn();
    const d = debounce(fn, 100, 500);
    d();
    expect(d.pending).toBe(true);
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    d();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('runSliced', () => {
  it('yields whenever the slice budget is used, and finishes', async () => {
    let clock = 0;
    const slicer = new TimeSlicer(8, () => clock);
    let work = 100;
    let yields = 0;
    const done = await runSliced(
      (shouldYield) => {
        while (work > 0) {
          work--;
          clock += 1;
          if (shouldYield()) return false;
        }
        return true;
      },
      { slicer, yielder: async () => void yields++ },
    );
    expect(done).toBe(true);
    expect(yields).toBe(12);
  });

  it('stops when cancelled', async () => {
    let n = 0;
    const done = await runSliced(() => false, { cancelled: () => ++n > 3, yielder: async () => undefined });
    expect(done).toBe(false);
  });
});

describe('yieldBetweenSlices', () => {
  it('keeps the walk ahead of queued tasks with scheduler.yield between frame waits, else a plain task', async () => {
    const g = globalThis as { scheduler?: { yield: () => Promise<void> } };
    const before = g.scheduler;
    let yields = 0;
    g.scheduler = { yield: async () => void yields++ };
    try {
      const t = 1_000_000;
      await yieldBetweenSlices(() => t); // a frame wait (none yet in this module): no rAF here, so a yield
      const afterFrame = yields;
      await yieldBetweenSlices(() => t + 10);
      await yieldBetweenSlices(() => t + 20);
      expect(yields - afterFrame).toBe(2);
      delete g.scheduler;
      await yieldBetweenSlices(() => t + 30); // a plain task (MessageChannel), not scheduler.yield
      expect(yields - afterFrame).toBe(2);
    } finally {
      if (before) g.scheduler = before;
      else delete g.scheduler;
    }
  });
});
