import { describe, expect, it } from 'vitest';
import { childOf } from './child-map';

describe('childOf', () => {
  it('makes a child once per key and returns the same one after', () => {
    const m = new Map<number, Map<number, string>>();
    const a = childOf(m, 1, 4, () => new Map<number, string>());
    a.set(7, 'x');
    expect(childOf(m, 1, 4, () => new Map<number, string>()).get(7)).toBe('x');
    expect(m.size).toBe(1);
  });

  it('empties a level that reached its bound before adding another key', () => {
    const m = new Map<number, string>();
    for (let k = 0; k < 3; k++) childOf(m, k, 3, () => `v${k}`);
    expect([...m.keys()]).toEqual([0, 1, 2]);
    // A present key does not count against the bound.
    expect(childOf(m, 2, 3, () => 'other')).toBe('v2');
    expect(childOf(m, 9, 3, () => 'v9')).toBe('v9');
    expect([...m.entries()]).toEqual([[9, 'v9']]);
  });
});
