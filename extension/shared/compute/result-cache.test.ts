import { describe, expect, it } from 'vitest';
import type { KeyDetection } from '../../../src/detect-types';
import { ResultCache } from './result-cache';

const D = (kid: string) => [{ kid } as KeyDetection];

describe('ResultCache', () => {
  it('answers only the same key sets, α and text', () => {
    const c = new ResultCache();
    c.set(['r1', 'r2'], 1e-4, 'some text', D('a'));
    expect(c.get(['r1', 'r2'], 1e-4, 'some text')).toEqual(D('a'));
    expect(c.get(['r1'], 1e-4, 'some text')).toBeUndefined();
    expect(c.get(['r1', 'r2'], 1e-3, 'some text')).toBeUndefined();
    expect(c.get(['r1', 'r2'], 1e-4, 'some text ')).toBeUndefined();
  });

  it('drops the least recently used beyond its count and character bounds', () => {
    const c = new ResultCache(2, 1000);
    c.set(['r'], 0.1, 'a', D('a'));
    c.set(['r'], 0.1, 'b', D('b'));
    c.get(['r'], 0.1, 'a'); // a is now the most recent
    c.set(['r'], 0.1, 'c', D('c'));
    expect(c.get(['r'], 0.1, 'b')).toBeUndefined();
    expect(c.get(['r'], 0.1, 'a')).toEqual(D('a'));
    expect(c.size).toBe(2);

    const small = new ResultCache(100, 40);
    small.set(['r'], 0.1, 'x'.repeat(20), D('x'));
    small.set(['r'], 0.1, 'y'.repeat(20), D('y'));
    expect(small.size).toBe(1);
    expect(small.get(['r'], 0.1, 'y'.repeat(20))).toEqual(D('y'));
    // A text bigger than the whole bound is not kept at all.
    small.set(['r'], 0.1, 'z'.repeat(100), D('z'));
    expect(small.get(['r'], 0.1, 'z'.repeat(100))).toBeUndefined();
    expect(small.size).toBe(1);
  });
});
