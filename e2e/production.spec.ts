// The production build (dist-production/, `npm run build:production`) on a page with watermarked posts:
// a page script finds no verdict, no flagged range and no key-set name anywhere, and the background has
// no test hook.
// Every other e2e test loads the test build, which adds exactly those (extension/shared/build-flags.d.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { launchExtension, pageState, PRODUCTION_DIST, ROOT, tabIdOf } from './harness';

const BUNDLED = JSON.parse(readFileSync(join(ROOT, 'public', 'keysets', 'reference-defaults.json'), 'utf8')) as { id: string; name: string };

test('production build: a page script finds no verdict and no key-set name', async ({ server }) => {
  const ext = await launchExtension({ dist: PRODUCTION_DIST, proxy: server.proxy });
  try {
    const sw = await ext.sw();
    expect(await sw.evaluate(() => ['__wmlensTest', '__wmlensPool'].filter((k) => k in globalThis))).toEqual([]);

    const page = await ext.context.newPage();
    await page.goto(server.url('/thread-static'));
    const tabId = await tabIdOf(ext, page);
    // Scanned and flagged (asked the way the popup asks), so there was something to leak.
    await expect
      .poll(async () => {
        const s = await pageState(ext, tabId);
        return s && !s.scanning && s.blocksFound > 0 && s.blocksScored >= s.blocksFound ? s.blocksFlagged : -1;
      }, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const state = (await pageState(ext, tabId))!;
    expect(state.flaggedSpans.map((f) => f.keySetName)).toContain(BUNDLED.name);

    const seen = await page.evaluate(() => {
      const attrs: string[] = [];
      const texts: string[] = [];
      const openRoots: string[] = [];
      const visit = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          for (const a of el.attributes) attrs.push(`${el.localName}[${a.name}=${a.value}]`);
          if (el.shadowRoot) {
            openRoots.push(el.localName);
            visit(el.shadowRoot);
          }
        }
      };
      visit(document);
      texts.push(document.documentElement.textContent ?? '');
      const host = document.querySelector('wmlens-ui');
      const registry = (CSS as unknown as { highlights?: Map<string, unknown> }).highlights;
      return {
        highlights: registry ? [...registry.keys()] : [],
        sheets: [...document.adoptedStyleSheets.flatMap((sh) => [...sh.cssRules].map((r) => r.cssText)), ...[...document.querySelectorAll('style')].map((e) => e.textContent ?? '')].filter((t) =>
          t.includes('wmlens'),
        ),
        attrs,
        text: texts.join('\n'),
        openRoots,
        host: host ? { exists: true, shadowRoot: host.shadowRoot !== null, children: host.childNodes.length } : null,
      };
    });
    // What a page can see: the badge host element exists (zero-size, no attributes but its inline
    // style), and its shadow root is closed.
    expect(seen.host).toEqual({ exists: true, shadowRoot: false, children: 0 });
    expect(seen.openRoots).toEqual([]);
    // Flagged text is painted inside the closed root: no Custom Highlight (CSS.highlights is shared with
    // page scripts and would list every flagged range) and no style sheet in the page.
    expect(seen.highlights).toEqual([]);
    expect(seen.sheets).toEqual([]);
    // What it cannot: any verdict attribute, any attribute naming the extension, any key-set name or id.
    expect(seen.attrs.filter((a) => /wmlens/i.test(a) && !a.startsWith('wmlens-ui[style='))).toEqual([]);
    for (const needle of [BUNDLED.name, BUNDLED.id, 'Watermark match', 'consistent with']) {
      expect(seen.text.includes(needle), `page text contains “${needle}”`).toBe(false);
      expect(seen.attrs.filter((a) => a.includes(needle)), `attributes containing “${needle}”`).toEqual([]);
    }
    await page.close();
  } finally {
    await ext.close();
  }
});
