import { describe, expect, it } from 'vitest';
import { buildBlockText, endBoundary, rangeBoundaries, rangePieces, startBoundary, type BlockText, type Para, type TextRun } from './block-text';

// Nodes are labels; `src` keeps each node's data so tests can cut the source text at a boundary.
function run(node: string, data: string, mode: TextRun<string>['mode'] = 'normal'): TextRun<string> {
  return { node, data, mode };
}
function para(items: Para<string>['items'], gap: 1 | 2 = 2): Para<string> {
  return { items, gap };
}
const BR = { br: true } as const;

/** The source text between two boundaries, reading node data in the order given. */
function sourceBetween(bt: BlockText<string>, start: number, end: number, nodes: Record<string, string>): string {
  const r = rangeBoundaries(bt, start, end);
  if (!r) return '';
  const order = Object.keys(nodes);
  const a = order.indexOf(r.start.node);
  const b = order.indexOf(r.end.node);
  if (a === b) return nodes[r.start.node].slice(r.start.offset, r.end.offset);
  let out = nodes[r.start.node].slice(r.start.offset);
  for (let i = a + 1; i < b; i++) out += nodes[order[i]];
  return out + nodes[r.end.node].slice(0, r.end.offset);
}

describe('buildBlockText', () => {
  it('keeps a plain paragraph as one identity segment', () => {
    const bt = buildBlockText([para([run('a', 'Hello there, world.')])]);
    expect(bt.text).toBe('Hello there, world.');
    expect(bt.segments).toEqual([{ start: 0, end: 19, kind: 'copy', node: 'a', nodeStart: 0, nodeEnd: 19 }]);
    expect(bt.truncated).toBe(false);
  });

  it('collapses source whitespace like CSS and trims line edges', () => {
    const bt = buildBlockText([para([run('a', '\n    Hello\n    there  '), run('b', '  big\tworld \n')])]);
    expect(bt.text).toBe('Hello there big world');
  });

  it('collapses a space that spans two nodes into one', () => {
    const bt = buildBlockText([para([run('a', 'one '), run('b', ' two')])]);
    expect(bt.text).toBe('one two');
    // The kept space is a's; b's leading space vanishes.
    expect(startBoundary(bt, 3)).toEqual({ node: 'a', offset: 3 });
    expect(startBoundary(bt, 4)).toEqual({ node: 'b', offset: 1 });
  });

  it('joins paragraphs with innerText-like separators', () => {
    const bt = buildBlockText([para([run('a', 'First para.')], 2), para([run('b', 'Item one')], 1), para([run('c', 'Item two')])]);
    expect(bt.text).toBe('First para.\n\nItem one\nItem two');
  });

  it('skips empty paragraphs without doubling separators', () => {
    const bt = buildBlockText([para([run('a', 'One.')]), para([run('x', '   \n ')]), para([]), para([run('b', 'Two.')])]);
    expect(bt.text).toBe('One.\n\nTwo.');
  });

  it('turns <br> into a newline and drops spaces around it', () => {
    const bt = buildBlockText([para([BR, run('a', 'Line one. '), BR, run('b', ' Line two.'), BR])]);
    expect(bt.text).toBe('Line one.\nLine two.');
  });

  it('keeps pre text verbatim and pre-line newlines', () => {
    expect(buildBlockText([para([run('a', '  a  b\n c', 'pre')])]).text).toBe('  a  b\n c');
    expect(buildBlockText([para([run('a', 'one  two \n  three\n\nfour', 'pre-line')])]).text).toBe('one two\nthree\n\nfour');
  });

  it('keeps non-breaking and other non-collapsible spaces', () => {
    expect(buildBlockText([para([run('a', 'a\u00a0\u00a0b\u2003c')])]).text).toBe('a\u00a0\u00a0b\u2003c');
  });

  it('truncates at a word boundary and says so', () => {
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const bt = buildBlockText([para([run('a', words)])], 50);
    expect(bt.truncated).toBe(true);
    expect(bt.text.length).toBeLessThanOrEqual(50);
    expect(words.startsWith(bt.text)).toBe(true);
    expect(words.charAt(bt.text.length)).toBe(' ');
    const last = bt.segments[bt.segments.length - 1];
    expect(last.end).toBe(bt.text.length);
    expect(last.nodeEnd).toBe(bt.text.length);
  });

  it('reads only the front of a huge text node', () => {
    const huge = 'lorem ipsum '.repeat(200_000);
    const bt = buildBlockText([para([run('a', huge)])], 20_000);
    expect(bt.truncated).toBe(true);
    expect(bt.text.length).toBeLessThanOrEqual(20_000);
    expect(bt.text.length).toBeGreaterThan(19_700);
  });

  it('does not mark a text that exactly fits as truncated', () => {
    expect(buildBlockText([para([run('a', 'abcd')])], 4)).toMatchObject({ text: 'abcd', truncated: false });
  });
});

describe('boundaries', () => {
  const nodes = {
    a: '\n  The first paragraph has\n  some ',
    b: 'emphasis',
    c: ' in it.  ',
    d: 'Second paragraph\tends here.',
  };
  const bt = buildBlockText([
    para([run('a', nodes.a), run('b', nodes.b), run('c', nodes.c)]),
    para([run('d', nodes.d)]),
  ]);

  it('builds the expected text', () => {
    expect(bt.text).toBe('The first paragraph has some emphasis in it.\n\nSecond paragraph ends here.');
  });

  it('maps every word back to its source', () => {
    for (const word of ['The', 'first', 'has', 'some', 'emphasis', 'in', 'it.', 'Second', 'paragraph', 'here.']) {
      const at = bt.text.lastIndexOf(word);
      expect(sourceBetween(bt, at, at + word.length, nodes)).toBe(word);
    }
  });

  it('maps a span across nodes and paragraphs', () => {
    const s = bt.text.indexOf('some');
    const e = bt.text.indexOf('Second') + 'Second'.length;
    expect(sourceBetween(bt, s, e, nodes)).toBe('some emphasis in it.  Second');
  });

  it('maps a collapsed whitespace run to its whole source run', () => {
    const i = bt.text.indexOf('paragraph ends') + 'paragraph'.length;
    expect(startBoundary(bt, i)).toEqual({ node: 'd', offset: 16 });
    expect(endBoundary(bt, i + 1)).toEqual({ node: 'd', offset: 17 });
  });

  it('skips separators at span edges', () => {
    const sep = bt.text.indexOf('\n');
    expect(startBoundary(bt, sep)).toEqual({ node: 'd', offset: 0 });
    expect(endBoundary(bt, sep + 2)).toEqual({ node: 'c', offset: nodes.c.indexOf('.') + 3 - 2 });
    const r = rangeBoundaries(bt, sep - 3, sep + 3);
    expect(r && [r.start.node, r.end.node]).toEqual(['c', 'd']);
  });

  it('returns null for empty or out-of-range spans', () => {
    expect(rangeBoundaries(bt, 5, 5)).toBeNull();
    expect(rangeBoundaries(bt, 44, 46)).toBeNull();
    expect(rangeBoundaries(bt, -10, 3)).toEqual({ start: { node: 'a', offset: 3 }, end: { node: 'a', offset: 6 } });
    const end = rangeBoundaries(bt, bt.text.length - 5, bt.text.length + 100);
    expect(end?.end).toEqual({ node: 'd', offset: nodes.d.length });
  });
});

describe('paragraph gaps', () => {
  it('takes the gap from the last paragraph that had text', () => {
    const bt = buildBlockText([para([run('a', 'Item.')], 1), para([run('x', ' ')], 2), para([run('b', 'Next.')])]);
    expect(bt.text).toBe('Item.\nNext.');
  });
});

describe('rangePieces', () => {
  it('splits a span where the tree changes and keeps exact outer edges', () => {
    const bt = buildBlockText([para([run('L1', 'light one '), run('S1', 'shadow one '), run('S2', 'shadow two '), run('L2', 'light two')])]);
    const group = (n: string) => n[0];
    const s = bt.text.indexOf('one');
    const e = bt.text.indexOf('light two') + 5;
    expect(rangePieces(bt, s, e, group)).toEqual([
      { start: { node: 'L1', offset: 6 }, end: { node: 'L1', offset: 10 } },
      { start: { node: 'S1', offset: 0 }, end: { node: 'S2', offset: 11 } },
      { start: { node: 'L2', offset: 0 }, end: { node: 'L2', offset: 5 } },
    ]);
    expect(rangePieces(bt, s, s + 3, group)).toEqual([{ start: { node: 'L1', offset: 6 }, end: { node: 'L1', offset: 9 } }]);
    expect(rangePieces(bt, 3, 3, group)).toEqual([]);
  });
});

describe('buildBlockText fast path', () => {
  // A seeded generator, so a failure reproduces.
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }
  const PIECES = ['word', 'a', 'Ünïcödé', ' ', ' ', ' ', '  ', '\n', '\t', ' \n ', '.', 'longerwordhere'];

  it('builds the same text, segments and truncation as the general loop', () => {
    const rand = rng(7);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    for (let trial = 0; trial < 3000; trial++) {
      const paras: Para<string>[] = [];
      let node = 0;
      for (let p = 1 + Math.floor(rand() * 3); p > 0; p--) {
        const items: Para<string>['items'] = [];
        for (let k = 1 + Math.floor(rand() * 4); k > 0; k--) {
          if (rand() < 0.1) {
            items.push(BR);
            continue;
          }
          let data = '';
          for (let w = Math.floor(rand() * 8); w > 0; w--) data += pick(PIECES);
          if (data.length > 0) items.push(run(`n${node++}`, data, rand() < 0.85 ? 'normal' : pick(['pre', 'pre-line'] as const)));
        }
        paras.push(para(items, rand() < 0.5 ? 1 : 2));
      }
      // Limits small enough to cut inside, at and just past a word or space.
      const max = rand() < 0.5 ? Infinity : 1 + Math.floor(rand() * 60);
      expect(buildBlockText(paras, max)).toEqual(buildBlockText(paras, max, { fastPath: false }));
    }
  });
});
