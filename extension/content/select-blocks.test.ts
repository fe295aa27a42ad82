import { describe, expect, it } from 'vitest';
import { classifyElement, MAX_GROUP_CHARS } from './block-rules';
import { buildBlockText } from './block-text';
import { BlockSelector, type TreeAdapter } from './select-blocks';

// A tiny fake DOM: elements with a tag, optional attributes/style, and children; strings are text nodes.
interface FakeText {
  text: string;
  ws?: 'normal' | 'pre' | 'pre-line';
}
interface FakeEl {
  tag: string;
  attrs: Record<string, string>;
  kids: FakeNode[];
  shadow?: FakeNode[];
}
type FakeNode = FakeEl | FakeText;

function h(tag: string, attrs: Record<string, string> | FakeNode | string = {}, ...kids: (FakeNode | string)[]): FakeEl {
  if (typeof attrs === 'string' || 'tag' in attrs || 'text' in attrs) {
    kids.unshift(attrs as FakeNode | string);
    attrs = {};
  }
  return { tag, attrs: attrs as Record<string, string>, kids: kids.map((k) => (typeof k === 'string' ? { text: k } : k)) };
}

const INLINE = new Set(['span', 'a', 'em', 'strong', 'b', 'i', 'code', 'br', 'small', 'x-inline']);
const DISPLAY: Record<string, string> = { li: 'list-item', td: 'table-cell', th: 'table-cell', table: 'table', tbody: 'table-row-group', tr: 'table-row' };

const fake: TreeAdapter<FakeNode, FakeEl> = {
  asElement: (n) => ('tag' in n ? n : null),
  textOf: (n) => ('text' in n ? { data: n.text, mode: n.ws ?? 'normal' } : null),
  whiteSpaceOf: () => 'normal',
  tagOf: (e) => e.tag,
  firstChild: (e) => (e.shadow ?? e.kids)[0] ?? null,
  nextChild: (n, e) => {
    const kids = e.shadow ?? e.kids;
    return kids[kids.indexOf(n) + 1] ?? null;
  },
  classify: (e) =>
    classifyElement({
      tag: e.tag,
      role: e.attrs.role ?? null,
      display: e.attrs.display ?? DISPLAY[e.tag] ?? (INLINE.has(e.tag) ? 'inline' : 'block'),
      visibility: e.attrs.visibility ?? 'visible',
      hidden: 'hidden' in e.attrs,
      ariaHidden: e.attrs['aria-hidden'] === 'true',
      editable: e.attrs.contenteditable === 'true',
      clipped: false,
      // The real adapter knows its own UI by identity (own-ui.ts); the fake marks it with a pseudo-attribute.
      ours: 'own-ui' in e.attrs,
    }),
};

function select(root: FakeEl, sliceEvery = Infinity) {
  const found: { el: FakeEl; text: string }[] = [];
  const structural: FakeEl[] = [];
  const sel = new BlockSelector(fake, root, (b) => found.push({ el: b.el, text: buildBlockText(b.paras).text }), {
    onStructural: (el) => structural.push(el),
  });
  let calls = 0;
  let n = 0;
  while (!sel.run(() => ++n % sliceEvery === 0)) calls++;
  return { found, structural, calls, byText: found.map((f) => f.text) };
}

const LONG = 'This sentence is long enough to count as a readable paragraph of prose.';

describe('BlockSelector', () => {
  it('reads a forum thread as one block per post, paragraphs joined', () => {
    const post1 = h('div', { class: 'post' }, h('p', 'Human paragraph one.'), h('p', 'Second paragraph here.'));
    const post2 = h('div', { class: 'post' }, h('p', LONG));
    const thread = h('div', { class: 'thread' }, post1, post2);
    const { found, structural } = select(h('body', thread));
    expect(found.map((f) => f.el)).toEqual([post1, post2.kids[0]]);
    expect(found[0].text).toBe('Human paragraph one.\n\nSecond paragraph here.');
    expect(structural).toContain(thread);
  });

  it('puts the verdict of a one-paragraph post on the paragraph', () => {
    const p1 = h('p', LONG);
    const p2 = h('p', 'other');
    const posts = h('section', h('article', h('header', 'meta'), h('div', { class: 'post-body' }, p1)), h('article', h('div', p2)));
    const { found } = select(h('body', posts));
    expect(found.map((f) => f.el)).toEqual([p1, p2]);
  });

  it('reads a post with author line and content as the content block', () => {
    const content = h('div', { class: 'content' }, h('p', LONG), h('p', LONG));
    const post = h('article', h('div', { class: 'author' }, 'Alice'), content);
    const { found } = select(h('body', h('main', post, h('article', h('div', 'Bob'), h('div', h('p', LONG))))));
    expect(found[0].el.tag).toBe('div');
    expect(found[0].el).toBe(post.kids[0]);
    expect(found[1].el).toBe(content);
    expect(found.map((f) => f.text)).toContain(`${LONG}\n\n${LONG}`);
  });

  it('keeps lists and quotes inside their post', () => {
    const post = h('div', h('p', 'Intro:'), h('ul', h('li', 'first item'), h('li', 'second item')), h('blockquote', h('p', 'quoted')), 'tail text');
    const { found } = select(h('body', h('div', post, h('div', h('p', LONG)))));
    expect(found[0].el).toBe(post);
    expect(found[0].text).toBe('Intro:\n\nfirst item\nsecond item\nquoted\n\ntail text');
  });

  it('reads a lone paragraph, inline markup and <br> as one text', () => {
    const p = h('p', 'Some ', h('em', 'emphasised'), ' text', h('br'), 'and a ', h('a', { href: '#' }, 'link'), '.');
    const { found } = select(h('body', h('div', p, h('div', h('p', LONG)))));
    expect(found[0]).toEqual({ el: p, text: 'Some emphasised text\nand a link.' });
  });

  it('skips chrome, code, hidden and editable parts', () => {
    const p = h('p', 'Run ', h('code', 'ls -la'), ' to see', h('span', { hidden: '' }, ' SECRET'), ' files.');
    const body = h(
      'body',
      h('nav', h('ul', h('li', 'Home'), h('li', 'About'))),
      h('header', h('p', 'Site title')),
      h('div', { role: 'navigation' }, h('p', 'menu')),
      h('div', p, h('pre', 'code block'), h('div', h('p', LONG))),
      h('div', { 'aria-hidden': 'true' }, h('p', 'decorative')),
      h('div', { display: 'none' }, h('p', 'hidden')),
      h('div', { contenteditable: 'true' }, h('p', 'draft')),
      h('textarea', 'typed'),
      h('script', 'var x'),
      h('div', { 'own-ui': '' }, h('p', 'our badge')),
    );
    const all = select(body).byText.join('|');
    expect(all).toContain('Run to see files.');
    for (const bad of ['Home', 'Site title', 'menu', 'code block', 'ls -la', 'SECRET', 'decorative', 'hidden', 'draft', 'typed', 'var x', 'our badge']) {
      expect(all).not.toContain(bad);
    }
  });

  it('reads table cells one by one', () => {
    const table = h('table', h('tbody', h('tr', h('td', 'Name'), h('td', LONG)), h('tr', h('td', 'Other'), h('td', h('p', 'a'), h('p', 'b')))));
    const { byText } = select(h('body', table));
    expect(byText).toEqual(['Name', LONG, 'Other', 'a\n\nb']);
  });

  it('walks shadow roots and slots through the adapter', () => {
    const host = h('x-post', { display: 'block' });
    host.shadow = [h('div', h('p', 'shadow paragraph'), h('p', 'second'))];
    const { byText } = select(h('body', h('div', host, h('div', h('p', LONG)))));
    expect(byText).toContain('shadow paragraph\n\nsecond');
  });

  it('treats an inline element wrapping blocks as transparent', () => {
    const inner = h('div', h('p', 'card text'), h('p', 'more'));
    const { found } = select(h('body', h('div', h('a', { href: '#' }, inner), h('div', h('p', LONG)))));
    expect(found[0]).toEqual({ el: inner, text: 'card text\n\nmore' });
  });

  it('never nests blocks: every text is reported once', () => {
    const tree = h(
      'body',
      h('div', h('div', h('p', 'one'), h('p', 'two')), h('p', 'three'), h('div', h('div', h('p', 'four')), h('span', 'loose'))),
    );
    const { byText } = select(tree);
    expect(byText).toEqual(['one\n\ntwo', 'three', 'four']);
  });

  it('reads a page of bare paragraphs as one body', () => {
    const body = h('body', h('p', 'a'), h('p', 'b'));
    expect(select(body).found).toEqual([{ el: body, text: 'a\n\nb' }]);
  });

  it('demotes a very long body to its paragraphs', () => {
    const para = 'word '.repeat(1000);
    const article = h('article', ...Array.from({ length: Math.ceil(MAX_GROUP_CHARS / 5000) + 1 }, () => h('p', para)));
    const { found } = select(h('body', article));
    expect(found.length).toBe(article.kids.length);
    expect(found.every((f) => f.el.tag === 'p')).toBe(true);
  });

  it('hands out a too-long body’s paragraphs as soon as it is too long, not when it ends', () => {
    const para = 'word '.repeat(1000);
    const paras = Array.from({ length: Math.ceil(MAX_GROUP_CHARS / 5000) * 10 }, () => h('p', para));
    const article = h('article', ...paras, h('span', 'loose text after the paragraphs'));
    let classified = 0;
    const counting = { ...fake, classify: (e: FakeEl) => (classified++, fake.classify(e)) };
    const found: FakeEl[] = [];
    let classifiedAtFirst = -1;
    const sel = new BlockSelector(counting, h('body', article), (b) => {
      if (found.length === 0) classifiedAtFirst = classified;
      found.push(b.el);
    });
    while (!sel.run(() => false));
    expect(found).toEqual(paras);
    expect(classifiedAtFirst).toBeLessThan(paras.length / 2);
  });

  it('streams posts before the walk finishes and resumes across slices', () => {
    const posts = Array.from({ length: 200 }, (_, i) => h('div', h('p', `post ${i} ${LONG}`)));
    const thread = h('div', ...posts);
    const seen: number[] = [];
    const found: FakeEl[] = [];
    const sel = new BlockSelector(fake, h('body', thread), (b) => found.push(b.el));
    let n = 0;
    while (!sel.run(() => ++n % 3 === 0)) seen.push(found.length);
    expect(found).toEqual(posts.map((p) => p.kids[0]));
    expect(seen.some((k) => k > 0 && k < 200)).toBe(true);
  });

  it('handles 100,000 tiny elements and deep nesting without recursion', () => {
    const many = h('div', ...Array.from({ length: 100_000 }, (_, i) => h('div', `x${i}`)));
    let deep: FakeEl = h('p', LONG);
    for (let i = 0; i < 20_000; i++) deep = h('div', deep);
    const { found } = select(h('body', many, deep));
    expect(found.some((f) => f.text === LONG)).toBe(true);
  });

  it('reads an inline root as a block and ignores a skipped root', () => {
    const span = h('span', LONG);
    expect(select(span).found).toEqual([{ el: span, text: LONG }]);
    expect(select(h('nav', h('p', LONG))).found).toEqual([]);
  });
});

describe('BlockSelector pacing', () => {
  it('hands out a demoted body’s blocks one per time check', () => {
    const para = 'word '.repeat(100);
    const paras = Array.from({ length: Math.ceil(MAX_GROUP_CHARS / 500) + 5 }, () => h('p', para));
    const found: FakeEl[] = [];
    const sel = new BlockSelector(fake, h('body', h('article', ...paras)), (b) => found.push(b.el));
    // The slice ends as soon as one block was read: each run() call may deliver at most one.
    const perCall: number[] = [];
    for (let calls = 0; calls < 10_000; calls++) {
      const before = found.length;
      const done = sel.run(() => found.length > before);
      perCall.push(found.length - before);
      if (done) break;
    }
    expect(found).toEqual(paras);
    expect(Math.max(...perCall)).toBe(1);
  });
});
