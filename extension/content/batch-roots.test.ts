import { describe, expect, it } from 'vitest';
import { takeBatch } from './batch';
import { coalesceRoots, reduceRoots, rootsForChange, type TreeUp } from './dirty-roots';

describe('takeBatch', () => {
  const items = (lens: number[]) => lens.map((n, i) => ({ id: i, text: 'x'.repeat(n) }));

  it('caps blocks and characters per batch', () => {
    const q = items([10, 10, 10, 10, 10]);
    expect(takeBatch(q, 2, 1000).map((b) => b.id)).toEqual([0, 1]);
    expect(takeBatch(q, 10, 25).map((b) => b.id)).toEqual([2, 3]);
    expect(q.map((b) => b.id)).toEqual([4]);
  });

  it('always takes at least one, even if oversized', () => {
    const q = items([100, 1]);
    expect(takeBatch(q, 10, 50).map((b) => b.id)).toEqual([0]);
    expect(takeBatch(q, 10, 50).map((b) => b.id)).toEqual([1]);
    expect(takeBatch(q)).toEqual([]);
  });
});

// Tree: html > body > thread(structural) > post1 > p1 ; post2 ; body > single(not structural) > p
const parent: Record<string, string | null> = {
  html: null, body: 'html', thread: 'body', post1: 'thread', p1: 'post1', t1: 'p1', post2: 'thread', single: 'body', sp: 'single',
};
const tree: TreeUp<string> = { parentOf: (n) => parent[n] ?? null, isStructural: (n) => n === 'thread' || n === 'body' };

describe('rootsForChange', () => {
  it('re-reads added children alone under a structural parent', () => {
    expect(rootsForChange(tree, 'thread', ['post3'])).toEqual(['post3']);
  });
  it('re-reads the structural child containing the change', () => {
    expect(rootsForChange(tree, 't1')).toEqual(['post1']);
    expect(rootsForChange(tree, 'p1')).toEqual(['post1']);
    expect(rootsForChange(tree, 'sp')).toEqual(['single']);
  });
  it('re-reads the whole page without a structural ancestor', () => {
    expect(rootsForChange({ ...tree, isStructural: () => false }, 't1')).toBeNull();
  });
});

describe('coalesceRoots', () => {
  const up = (n: string) => parent[n] ?? null;
  it('drops duplicates and nested roots', () => {
    expect(coalesceRoots(['p1', 'post1', 't1', 'post2', 'post1'], up)).toEqual(['post1', 'post2']);
  });
});

describe('reduceRoots', () => {
  const up = (n: string) => parent[n] ?? null;
  it('lifts many roots to their common container', () => {
    expect(reduceRoots(['post1', 'post2', 'sp'], up, 2)).toEqual(['thread', 'single']);
    expect(reduceRoots(['post1', 'post2', 'sp'], up, 1)).toEqual(['body']);
    expect(reduceRoots(['t1', 'post2'], up, 5)).toEqual(['t1', 'post2']);
  });
  it('gives up when even the top is over the cap', () => {
    expect(reduceRoots(['x', 'y', 'z'], () => null, 2)).toBeNull();
  });
  it('drops roots no longer in the document before lifting (a list that adds and removes items every frame)', () => {
    // Removed items are the tops of their own detached trees: kept, they could never be lifted together.
    const removed = Array.from({ length: 50 }, (_, i) => `gone${i}`);
    const live = (n: string) => !n.startsWith('gone');
    expect(reduceRoots([...removed, 'post1', 'post2'], up, 2, live)).toEqual(['post1', 'post2']);
    expect(reduceRoots([...removed, 'post1', 'post2'], up, 2)).toBeNull();
    expect(reduceRoots(removed, up, 2, live)).toEqual([]);
  });
});
