// Playwright fixtures: one Chromium with the built extension per worker (shared by the tests of a file
// run in that worker), its traffic routed through the test server's proxy so every request is logged.
// After the worker's tests, the privacy rules are asserted on the full log (see assertPrivacy).
import { test as base, expect, type Page, type Worker } from '@playwright/test';
import { launchExtension, type ExtensionHandle } from './harness';
import { startServer, type RequestRecord, type TestServer } from './server';
import { keySetTexts } from './keyset-helpers';
import { hfTexts } from './hf-keyset-helpers';
import { humanTexts, watermarkedTexts } from './texts';

export interface BrowserRequest {
  url: string;
  method: string;
  postData: string | null;
  resourceType: string;
}

type WorkerFixtures = {
  server: TestServer;
  ext: ExtensionHandle;
  /** Every request Playwright saw in the extension's browser (pages, frames, service worker). */
  requestLog: BrowserRequest[];
};
type TestFixtures = {
  sw: Worker;
  /** Resets extension storage (settings, key sets) to defaults before the test. */
  freshState: void;
};

/** Distinctive snippets of every fixture text: no request may carry any of them. */
export function pageTextMarkers(): string[] {
  const texts = [
    ...humanTexts().texts,
    ...humanTexts().short,
    ...watermarkedTexts().map((w) => w.text),
    ...keySetTexts().items.map((w) => w.text),
    ...hfTexts().items.map((w) => w.text),
  ];
  const out = new Set<string>();
  for (const t of texts) {
    const words = t.split(/\s+/).filter(Boolean);
    for (let i = 0; i + 4 <= words.length; i += 8) out.add(words.slice(i, i + 4).join(' '));
  }
  return [...out];
}

function carriesText(s: string, markers: string[]): string | undefined {
  if (!s) return undefined;
  let decoded = s;
  try {
    decoded = decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    // keep raw
  }
  const hay = decoded.toLowerCase();
  return markers.find((m) => hay.includes(m.toLowerCase()));
}

export function assertPrivacy(serverLog: RequestRecord[], browserLog: BrowserRequest[], origin: string): void {
  const markers = pageTextMarkers();
  const offHost = serverLog.filter((r) => r.violation).map((r) => `${r.method} ${r.url}`);
  expect(offHost, 'requests to hosts other than the test server').toEqual([]);
  const pwOffHost = browserLog
    .filter((r) => /^(https?|wss?):/.test(r.url) && !r.url.startsWith(origin + '/'))
    .map((r) => `${r.method} ${r.url}`);
  expect(pwOffHost, 'requests (seen by Playwright) to hosts other than the test server').toEqual([]);
  const leaks = [
    ...serverLog.map((r) => ({ where: `${r.method} ${r.url}`, hit: carriesText(r.url, markers) ?? carriesText(r.body, markers) })),
    ...browserLog.map((r) => ({ where: `${r.method} ${r.url}`, hit: carriesText(r.url, markers) ?? carriesText(r.postData ?? '', markers) })),
  ].filter((x) => x.hit);
  expect(leaks, 'requests carrying page text').toEqual([]);
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  requestLog: [async ({}, use) => use([]), { scope: 'worker' }],
  ext: [
    async ({ server, requestLog }, use) => {
      const ext = await launchExtension({ proxy: server.proxy });
      ext.context.on('request', (r) =>
        requestLog.push({ url: r.url(), method: r.method(), postData: r.postData(), resourceType: r.resourceType() }),
      );
      await use(ext);
      await ext.close();
      // Privacy holds for everything this browser did during the worker's tests.
      assertPrivacy(server.log, requestLog, server.origin);
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  sw: async ({ ext }, use) => use(await ext.sw()),
  freshState: [
    async ({ ext }, use) => {
      const sw = await ext.sw();
      const hadSettings = await sw.evaluate(async () => {
        // Test instrumentation installed in the shared service worker by earlier tests (content-helpers'
        // synthetic detector) must not leak into this one.
        const t = (globalThis as unknown as { __contentTest?: { specs: unknown[]; log: unknown[] } }).__contentTest;
        if (t) {
          t.specs = [];
          t.log = [];
        }
        const had = 'settings' in (await chrome.storage.local.get('settings'));
        await chrome.storage.local.clear();
        return had;
      });
      // A settings change makes the background broadcast a re-scan (debounced 100 ms); let it pass
      // before this test opens pages.
      if (hadSettings) await new Promise((r) => setTimeout(r, 300));
      await use();
    },
    { auto: true },
  ],
  // Pages open in the shared extension context and are closed after each test.
  page: async ({ ext }, use) => {
    const page = await ext.context.newPage();
    await use(page);
    await page.close();
  },
});

export { expect };

export async function openPopup(ext: ExtensionHandle, tabId: number): Promise<Page> {
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(ext.popupUrl(tabId));
  return popup;
}

/** `data-wmlens` verdicts of a post (the article itself or any block inside it). */
export async function postVerdicts(page: Page, postSelector: string): Promise<string[][]> {
  return page.$$eval(postSelector, (posts) =>
    posts.map((p) =>
      [p, ...p.querySelectorAll('[data-wmlens]')]
        .map((e) => e.getAttribute('data-wmlens'))
        .filter((v): v is string => v !== null),
    ),
  );
}

/** Posts that have no annotated block yet. */
export async function unannotatedPosts(page: Page): Promise<string[]> {
  return page.$$eval('article.post', (posts) =>
    posts.filter((p) => !p.matches('[data-wmlens]') && !p.querySelector('[data-wmlens]')).map((p) => p.id),
  );
}
