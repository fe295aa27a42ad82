// HTML for the fixture pages the e2e server renders (forum thread, mixed post, selection, hostile,
// bench, demo). Every string goes through `esc`; pages never inline scripts (so CSP variants work).
import { demoThread, fixtureThread, humanFiller, humanTexts, watermarkedTexts, type ThreadPost, type WatermarkedText } from './texts';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type PostKind = 'human' | 'watermarked' | 'mixed' | 'short';

export interface Post {
  kind: PostKind;
  author: string;
  /** Paragraph texts; a mixed post is one paragraph with line breaks (one block). */
  paragraphs: string[];
  /** For mixed posts: the watermarked middle part, to assert on the highlighted text. */
  watermarkedPart?: string;
  /** Fixture id (posts.json), shown as data-fixture-id. */
  fixtureId?: string;
  appendLater?: boolean;
}

/**
 * A posts.json entry as a page post. Posts below the content script's 40-character minimum are never
 * scanned, so a too-short fixture that short is replaced by a verified longer one from human.json
 * (`short`: above the minimum, still too few tokens for any bundled key).
 */
function fromThreadPost(p: ThreadPost, i: number, shortIndex: () => number): Post {
  const author = p.author ?? AUTHORS[i % AUTHORS.length];
  const base = { author, fixtureId: p.id, appendLater: p.appendLater };
  switch (p.kind) {
    case 'mixed':
      return {
        ...base,
        kind: 'mixed',
        paragraphs: p.paragraphs ?? [p.text],
        watermarkedPart: p.watermarkedRange ? p.text.slice(p.watermarkedRange.start, p.watermarkedRange.end) : undefined,
      };
    case 'too-short':
      return { ...base, kind: 'short', paragraphs: [p.text.length >= 40 ? p.text : humanTexts().short[shortIndex()]] };
    default:
      return { ...base, kind: p.kind, paragraphs: [p.text] };
  }
}

function fromThread(posts: ThreadPost[]): { posts: Post[]; later: Post[] } {
  let shorts = 0;
  const all = posts.map((p, i) => fromThreadPost(p, i, () => shorts++ % humanTexts().short.length));
  return { posts: all.filter((p) => !p.appendLater), later: all.filter((p) => p.appendLater) };
}

const AUTHORS = ['marigold', 'tom_r', 'quietbee', 'halfpint', 'ossian', 'westerly', 'pennyroyal', 'kitecat', 'dunlin', 'bramble'];

function postHtml(p: Post, i: number): string {
  const body =
    p.kind === 'mixed'
      ? `<p>${p.paragraphs.map(esc).join('<br><br>')}</p>`
      : p.paragraphs.map((t) => `<p>${esc(t)}</p>`).join('\n');
  const fid = p.fixtureId ? ` data-fixture-id="${esc(p.fixtureId)}"` : '';
  return `<article class="post" id="post-${i + 1}" data-kind="${p.kind}"${fid}>
  <header class="post-meta"><span class="avatar" aria-hidden="true">${esc(p.author[0].toUpperCase())}</span>
    <span class="author">${esc(p.author)}</span> <time>${1 + (i % 28)} Nov</time> <a class="permalink" href="#post-${i + 1}">#${i + 1}</a></header>
  <div class="post-body">${body}</div>
  <footer class="post-actions"><button type="button">Reply</button> <button type="button">Quote</button></footer>
</article>`;
}

export function page(opts: { title: string; body: string; scripts?: string[]; lang?: string }): string {
  return `<!doctype html>
<html lang="${opts.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
<link rel="stylesheet" href="/static/forum.css">
</head>
<body>
<header class="site"><nav aria-label="Breadcrumb"><a href="/">Village Forum</a> › <a href="/">General chat</a></nav>
<form class="search" role="search"><input type="search" name="q" placeholder="Search the forum"></form></header>
<main id="thread">
<h1>${esc(opts.title)}</h1>
${opts.body}
</main>
<footer class="site"><p>Village Forum · be kind · <a href="/">rules</a></p></footer>
${(opts.scripts ?? []).map((s) => `<script src="${esc(s)}" defer></script>`).join('\n')}
</body>
</html>
`;
}

export function threadPosts(): { posts: Post[]; later: Post[] } {
  const fixture = fixtureThread();
  if (fixture) return fromThread(fixture);
  const human = humanTexts();
  const wm = watermarkedTexts();
  const posts: Post[] = [];
  const later: Post[] = [];
  const h = human.texts;
  let a = 0;
  const author = () => AUTHORS[a++ % AUTHORS.length];
  // Alternate human and watermarked posts; one short post; two posts (one of each kind) arrive later.
  posts.push({ kind: 'human', author: author(), paragraphs: [h[0]] });
  if (wm[0]) posts.push({ kind: 'watermarked', author: author(), paragraphs: [wm[0].text] });
  posts.push({ kind: 'human', author: author(), paragraphs: [h[1]] });
  if (wm[1]) posts.push({ kind: 'watermarked', author: author(), paragraphs: [wm[1].text] });
  posts.push({ kind: 'short', author: author(), paragraphs: [human.short[0]] });
  posts.push({ kind: 'human', author: author(), paragraphs: [h[2]] });
  if (wm[2]) posts.push({ kind: 'watermarked', author: author(), paragraphs: [wm[2].text] });
  posts.push({ kind: 'human', author: author(), paragraphs: [h[3]] });
  later.push({ kind: 'human', author: author(), paragraphs: [h[4]] });
  if (wm[3] ?? wm[0]) later.push({ kind: 'watermarked', author: author(), paragraphs: [(wm[3] ?? wm[0]).text] });
  return { posts, later };
}

function laterTemplate(later: Post[], offset: number): string {
  if (!later.length) return '';
  return `<template id="later-posts">${later.map((p, i) => postHtml(p, offset + i)).join('\n')}</template>`;
}

/** The forum thread: human, watermarked and short posts; more posts appended 2 s after load. */
export function threadPage(opts: { title?: string; appendLater?: boolean } = {}): string {
  const { posts, later } = threadPosts();
  return page({
    title: opts.title ?? 'Anyone else noticed the new posting guidelines?',
    body: `<section id="posts">${posts.map(postHtml).join('\n')}</section>\n${
      opts.appendLater === false ? '' : laterTemplate(later, posts.length)
    }`,
    scripts: opts.appendLater === false ? [] : ['/static/append-later.js'],
  });
}

export function mixedPost(wm: WatermarkedText | undefined): Post {
  const h = humanTexts().texts;
  const parts = [h[5], wm?.text ?? h[6], h[7]];
  return { kind: 'mixed', author: 'westerly', paragraphs: parts, watermarkedPart: wm?.text };
}

/** The mixed post of the fixture thread (posts.json), or one composed from the loose texts. */
export function mixedFixture(): Post {
  const m = fixtureThread()?.find((p) => p.kind === 'mixed' && p.paragraphs?.length === 3);
  return m ? fromThreadPost(m, 0, () => 0) : mixedPost(watermarkedTexts()[0]);
}

export function mixedPage(): string {
  const h = humanTexts().texts;
  const post = mixedFixture();
  return page({
    title: 'Mixed post',
    body: `<section id="posts">${[{ kind: 'human', author: 'marigold', paragraphs: [h[8]] } as Post, post].map(postHtml).join('\n')}</section>`,
  });
}

/** A page for the selection check: scanning may be off; the test selects text in #target. */
export function selectionPage(): string {
  const wm = watermarkedTexts()[1] ?? watermarkedTexts()[0];
  const h = humanTexts().texts;
  return page({
    title: 'Selection check',
    body: `<section id="posts">${postHtml({ kind: wm ? 'watermarked' : 'human', author: 'dunlin', paragraphs: [wm?.text ?? h[9]] }, 0)}
<div id="target-wrap">${postHtml({ kind: 'human', author: 'ossian', paragraphs: [h[10]] }, 1)}</div></section>`,
  });
}

/** 100,000 tiny elements, one 2 MB paragraph, 10 s of DOM churn (static/churn.js), and a few normal posts. */
export function hostilePage(): string {
  const h = humanTexts().texts;
  const tiny: string[] = [];
  for (let i = 0; i < 1000; i++) {
    tiny.push(`<div class="tiny">${'<span>ok</span>'.repeat(100)}</div>`);
  }
  const filler = humanFiller(2000, 7).join(' ');
  let huge = filler;
  while (huge.length < 2_000_000) huge += ' ' + filler;
  huge = huge.slice(0, 2_000_000);
  const posts: Post[] = [
    { kind: 'human', author: 'kitecat', paragraphs: [h[0]] },
    { kind: 'human', author: 'bramble', paragraphs: [h[1]] },
  ];
  return page({
    title: 'Hostile page',
    body: `<section id="posts">${posts.map(postHtml).join('\n')}</section>
<section id="tiny">${tiny.join('')}</section>
<section id="huge"><p id="huge-paragraph">${esc(huge)}</p></section>
<section id="churn" aria-live="off"></section>`,
    scripts: ['/static/churn.js'],
  });
}

/** N posts: human filler (drawn with `seed`) with a watermarked post every fifth when fixture texts exist. */
export function benchPage(n: number, seed = 42): string {
  const posts = benchPosts(n, seed);
  return page({ title: `Bench thread (${n} posts)`, body: `<section id="posts">${posts.map(postHtml).join('\n')}</section>` });
}

/** The bench page's posts (scripts/profile-detect.ts scores the same texts in Node). */
export function benchPosts(n: number, seed = 42): Post[] {
  const filler = humanFiller(n, seed);
  const wm = watermarkedTexts();
  return filler.map((t, i) =>
    wm.length > 0 && i % 5 === 2
      ? { kind: 'watermarked', author: AUTHORS[i % AUTHORS.length], paragraphs: [wm[(i / 5) % wm.length | 0].text] }
      : { kind: 'human', author: AUTHORS[i % AUTHORS.length], paragraphs: [t] },
  );
}

/** The demo: a forum thread mixing human and watermarked posts (demo/posts.json), one of them mixed. */
export function demoPage(): string {
  const thread = demoThread();
  if (thread) {
    const { posts, later } = fromThread(thread);
    return page({
      title: 'Demo: what did the new model write?',
      body: `<section id="posts">${posts.map(postHtml).join('\n')}</section>\n${laterTemplate(later, posts.length)}`,
      scripts: later.length ? ['/static/append-later.js'] : [],
    });
  }
  const h = humanTexts().texts;
  const wm = watermarkedTexts();
  const posts: Post[] = [];
  let w = 0;
  for (let i = 0; i < 8; i++) {
    posts.push({ kind: 'human', author: AUTHORS[i % AUTHORS.length], paragraphs: [h[i]] });
    if (i % 2 === 0 && wm[w]) posts.push({ kind: 'watermarked', author: AUTHORS[(i + 3) % AUTHORS.length], paragraphs: [wm[w++].text] });
  }
  posts.splice(3, 0, mixedPost(wm[w]));
  const note = wm.length
    ? ''
    : '<p class="notice" role="note">No watermarked fixture texts yet (e2e/fixtures/texts/watermarked.json); every post here is human-written, so nothing should be flagged.</p>';
  return page({ title: 'Demo: what did the new model write?', body: `${note}<section id="posts">${posts.map(postHtml).join('\n')}</section>` });
}

export function indexPage(routes: string[]): string {
  return page({
    title: 'Watermark Lens fixtures',
    body: `<ul>${routes.map((r) => `<li><a href="${esc(r)}">${esc(r)}</a></li>`).join('')}</ul>`,
  });
}
