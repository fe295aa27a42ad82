import { describe, expect, it } from 'vitest';
import { TwoGenerationMap } from './two-generation-map';

describe('TwoGenerationMap', () => {
  it('keeps every entry used within the last `capacity` insertions', () => {
    const map = new TwoGenerationMap<number, string>(3);
    for (const k of [1, 2, 3]) map.set(k, `v${k}`);
    map.set(4, 'v4'); // young {1,2,3} ages; young = {4}
    expect(map.get(1)).toBe('v1'); // promoted back to young
    for (const k of [5, 6]) map.set(k, `v${k}`); // young {4,1,5} ages at 6; old {2,3} dropped
    expect(map.get(2)).toBeUndefined();
    expect(map.get(3)).toBeUndefined();
    expect([1, 4, 5, 6].map((k) => map.get(k))).toEqual(['v1', 'v4', 'v5', 'v6']);
  });

  it('never holds more than twice its capacity', () => {
    const map = new TwoGenerationMap<number, number>(10);
    for (let k = 0; k < 1000; k++) map.set(k, k);
    let held = 0;
    for (let k = 0; k < 1000; k++) if (map.get(k) !== undefined) held++;
    expect(held).toBeLessThanOrEqual(20);
    expect(map.get(999)).toBe(999);
  });
});
