// How results show on the page, driven by a synthetic detector answer for chosen phrases (so this runs
// before real watermarked fixture texts exist; thread.spec.ts and mixed.spec.ts cover real ones):
// highlights cover exactly the reported spans (across inline markup, inside a multi-paragraph block,
// in a shadow root), one badge per flagged block with an accessible card, the popup's page state and
// scroll-to-span, the highlight style setting, and a strict-CSP page.
import type { Page } from '@playwright/test';
import type { PageState } from '../extension/shared/messages';
import { expect, test } from './fixtures';
import { highlightedTexts, pageState, tabIdOf, waitForScanComplete, type ExtensionHandle } from './harness';
import { instrumentDetector, middleSentence, sendToPage, serveContentFixtures, setSettings } from './content-helpers';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const MIXED = middleSentence(1);
const INLINE = 'emphasised words and a link';
const SHADOW = middleSentence(5);
const FAR = middleSentence(6);

test.beforeEach(({ server }) => {
  serveContentFixtures(server);
  serveContentFixtures(server, { prefix: 'content-csp', headers: { 'content-security-policy': "default-src 'none'" } });
});

async function openScanned(page: Page, ext: ExtensionHandle, url: string): Promise<number> {
  await instrumentDetector(ext, [{ phrase: MIXED }, { phrase: INLINE }, { phrase: SHADOW }, { phrase: FAR, keySetName: 'Other keys', kid: 'other-7' }]);
  await page.goto(url);
  await waitForScanComplete(ext, page, { minAnnotated: 4 });
  return tabIdOf(ext, page);
}

function badges(page: Page) {
  return page.locator('wmlens-ui').getByRole('button', { name: /Watermark match/ });
}

test('highlights cover exactly the flagged spans, not whole blocks', async ({ page, ext, server }) => {
  await openScanned(page, ext, server.url('/content/render'));
  await expect(page.locator('#mixed-body')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#inline-p')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#shadow-p')).toHaveAttribute('data-wmlens', 'watermarked');
  await expect(page.locator('#human-p')).toHaveAttribute('data-wmlens', /^(not-detected|too-short)$/);
  const texts = (await highlightedTexts(page)).map(norm).sort();
  expect(texts).toEqual([FAR, INLINE, MIXED, SHADOW].map(norm).sort());
  const names = await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()]);
  expect(names).toEqual(['wmlens-underline']);
});

test('the overlay paints a box over every visible line of every flagged span, and nothing else', async ({ page, ext, server }) => {
  await openScanned(page, ext, server.url('/content/render'));
  // The ranges (the test build's CSS.highlights mirror) against the boxes painted in the overlay.
  const check = () =>
    page.evaluate(() => {
      const key = (r: DOMRect) => [r.left, r.top, r.width, r.height].map((x) => Math.round(x)).join(',');
      const vw = document.documentElement.clientWidth;
      const vh = window.innerHeight;
      const lines: string[] = [];
      for (const [, hl] of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights) {
        for (const r of hl) for (const rect of r.getClientRects()) if (rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < vh && rect.left < vw) lines.push(key(rect));
      }
      const boxes = [...document.querySelector('wmlens-ui')!.shadowRoot!.querySelectorAll<HTMLElement>('.hl:not([hidden])')]
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.bottom > 0 && r.top < vh)
        .map(key);
      return { lines: lines.sort(), boxes: boxes.sort() };
    });
  await expect.poll(async () => (await check()).lines.length).toBeGreaterThan(0);
  await expect.poll(check).toEqual(expect.objectContaining({ boxes: (await check()).lines }));
  // Scrolling the document moves boxes with the text (they live at document coordinates).
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => {
    const c = await check();
    return c.boxes.join(' ') === c.lines.join(' ');
  }).toBe(true);
});

test('a badge per flagged block opens an accessible card with the scores', async ({ page, ext, server }) => {
  await openScanned(page, ext, server.url('/content/render'));
  // One badge per flagged block.
  await expect(badges(page)).toHaveCount(4);
  // The UI lives in a zero-size host after <body>; the page's own layout is untouched.
  const host = await page.evaluate(() => {
    const h = document.querySelector('wmlens-ui')!;
    const r = h.getBoundingClientRect();
    return { parent: h.parentElement?.localName, w: r.width, h: r.height, bodyChildren: [...document.body.children].map((c) => c.localName) };
  });
  expect(host).toEqual({ parent: 'html', w: 0, h: 0, bodyChildren: ['main'] });

  // The badge sits at the block's top-right corner.
  const block = await page.locator('#inline-p').boundingBox();
  const badge = badges(page).filter({ hasText: 'W' });
  const boxes = await Promise.all((await badge.all()).map((b) => b.boundingBox()));
  expect(boxes.some((b) => b && block && Math.abs(b.y - block.y) < 30 && Math.abs(b.x - (block.x + block.width)) < 40)).toBe(true);

  // Keyboard: focus opens the card, it describes the badge, Escape closes it.
  const first = badges(page).first();
  await first.focus();
  const card = page.locator('wmlens-ui').getByRole('tooltip');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Synthetic test keys');
  await expect(card).toContainText('synthetic-1');
  await expect(card).toContainText('Tokens scored (T)180');
  await expect(card).toContainText('Green tokens (G)96 (53.3%)');
  await expect(card).toContainText('z-score8.66');
  await expect(card).toContainText('p-value1 × 10⁻⁷');
  await expect(card).toContainText('about 1 in 10 million for unwatermarked text');
  await expect(card).toContainText('It does not say whether a person or an AI wrote the text');
  expect(await card.textContent()).not.toMatch(/AI-written|human-written/i);
  const describedBy = await first.getAttribute('aria-describedby');
  expect(await card.getAttribute('id')).toBe(describedBy);
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(first).toHaveAttribute('aria-expanded', 'false');

  // Hover opens it too, and the pointer can move onto the card. (A focused badge keeps its card open.)
  await first.evaluate((el) => (el as HTMLElement).blur());
  await first.hover();
  await expect(card).toBeVisible();
  await card.hover();
  await page.waitForTimeout(400);
  await expect(card).toBeVisible();
  await page.mouse.move(5, 5);
  await expect(card).toBeHidden();
});

test('the card follows the colour scheme', async ({ page, ext, server }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openScanned(page, ext, server.url('/content/render'));
  await badges(page).first().focus();
  const card = page.locator('wmlens-ui').getByRole('tooltip');
  await expect(card).toBeVisible();
  const dark = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(dark).toBe('rgb(37, 38, 43)');
  expect(light).toBe('rgb(255, 255, 255)');
});

test('the popup state lists flagged spans by strength, and scroll-to-span brings one into view', async ({ page, ext, server }) => {
  const tabId = await openScanned(page, ext, server.url('/content/render'));
  const state = (await pageState(ext, tabId)) as PageState;
  expect(state).toMatchObject({ scanning: false, blocksFlagged: 4, autoScanEnabled: true });
  expect(state.blocksFound).toBeGreaterThanOrEqual(5);
  expect(state.testsRun).toBeGreaterThanOrEqual(state.blocksScored);
  const excerpts = state.flaggedSpans.map((s) => norm(s.excerpt));
  expect(excerpts).toHaveLength(4);
  for (const phrase of [FAR, INLINE, MIXED, SHADOW]) expect(excerpts.some((e) => e.startsWith(norm(phrase).slice(0, 40)))).toBe(true);
  // Strongest first (all synthetic spans are equally strong here; the order must still be by p then z).
  const ps = state.flaggedSpans.map((s) => s.pValue);
  expect(ps).toEqual([...ps].sort((a, b) => a - b));
  const far = state.flaggedSpans.find((s) => s.kid === 'other-7')!;
  expect(far).toMatchObject({ keySetName: 'Other keys', zScore: 8.25, pValue: 3.1e-9 });

  await page.evaluate(() => window.scrollTo(0, 0));
  const before = await page.evaluate(() => window.scrollY);
  expect(await sendToPage(ext, tabId, { kind: 'popup/scroll-to-span', spanId: far.spanId })).toEqual({ ok: true });
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 500);
  const inView = await page.locator('#far-p').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  expect(inView).toBe(true);
  await expect(page.locator('wmlens-ui .ring')).toBeVisible();
  await expect(page.locator('wmlens-ui .ring')).toBeHidden({ timeout: 5000 });
  expect(await sendToPage(ext, tabId, { kind: 'popup/scroll-to-span', spanId: 'nope/0' })).toMatchObject({ ok: false });
});

test('the highlight style setting switches highlights without a reload', async ({ page, ext, server }) => {
  await openScanned(page, ext, server.url('/content/render'));
  await setSettings(ext, { highlightStyle: 'background' });
  const names = () => page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()]);
  await expect.poll(names).toEqual(['wmlens-background']);
  await waitForScanComplete(ext, page, { minAnnotated: 4 });
  await expect.poll(async () => (await highlightedTexts(page)).length).toBe(4);
});

test("results show on a page with CSP default-src 'none'", async ({ page, ext, server }) => {
  await openScanned(page, ext, server.url('/content-csp/render'));
  await expect(page.locator('#mixed-body')).toHaveAttribute('data-wmlens', 'watermarked');
  expect((await highlightedTexts(page)).map(norm)).toContain(norm(MIXED));
  // The UI sheet applies under CSP: the badge is laid out by it, and so are the highlight boxes painted
  // in the overlay. The page itself gets no style sheet (it would tell the page something was flagged).
  const badge = badges(page).first();
  await expect(badge).toBeVisible();
  const size = await badge.evaluate((el) => [getComputedStyle(el).width, getComputedStyle(el).borderRadius]);
  expect(size).toEqual(['22px', '11px']);
  const box = page.locator('wmlens-ui .hl.underline:not([hidden])').first();
  await expect(box).toBeAttached();
  expect(await box.evaluate((el) => [getComputedStyle(el).position, getComputedStyle(el).pointerEvents, getComputedStyle(el).backgroundSize])).toEqual([
    'absolute',
    'none',
    '100% 2px',
  ]);
  const ours = await page.evaluate(() =>
    [...document.adoptedStyleSheets.flatMap((sh) => [...sh.cssRules].map((r) => r.cssText)), ...[...document.querySelectorAll('style')].map((e) => e.textContent ?? '')].filter((t) =>
      t.includes('wmlens'),
    ),
  );
  expect(ours).toEqual([]);
});
