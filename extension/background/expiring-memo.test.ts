import { describe, expect, it } from 'vitest';
import { ExpiringMemo } from './expiring-memo';

function counter(validUntil = Infinity) {
  let loads = 0;
  const load = async () => ({ value: ++loads, validUntil });
  return { load, loads: () => loads };
}

describe('ExpiringMemo', () => {
  it('loads once and serves the same value until invalidated', async () => {
    const c = counter();
    const memo = new ExpiringMemo(c.load);
    expect(await memo.get()).toBe(1);
    expect(await memo.get()).toBe(1);
    memo.invalidate();
    expect(await memo.get()).toBe(2);
    expect(c.loads()).toBe(2);
  });

  it('shares one load between callers that ask while it runs', async () => {
    const c = counter();
    const memo = new ExpiringMemo(c.load);
    const [a, b] = await Promise.all([memo.get(), memo.get()]);
    expect([a, b, c.loads()]).toEqual([1, 1, 1]);
  });

  it('loads again once the value’s own expiry has passed', async () => {
    let now = 1000;
    const c = counter(2000);
    const memo = new ExpiringMemo(c.load, () => now);
    expect(await memo.get()).toBe(1);
    now = 1999;
    expect(await memo.get()).toBe(1);
    now = 2000;
    expect(await memo.get()).toBe(2);
  });

  it('does not keep a value whose source changed while it was loading', async () => {
    let release!: () => void;
    let loads = 0;
    const memo = new ExpiringMemo(async () => {
      const n = ++loads;
      if (n === 1) await new Promise<void>((r) => (release = r));
      return { value: n, validUntil: Infinity };
    });
    const first = memo.get();
    memo.invalidate();
    const second = memo.get();
    release();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(await memo.get()).toBe(2);
  });

  it('forgets a failed load', async () => {
    let fail = true;
    const memo = new ExpiringMemo(async () => {
      if (fail) throw new Error('storage unavailable');
      return { value: 'ok', validUntil: Infinity };
    });
    await expect(memo.get()).rejects.toThrow('storage unavailable');
    fail = false;
    expect(await memo.get()).toBe('ok');
  });
});
