import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce';
import { runSliced, TimeSlicer } from './slicer';

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
