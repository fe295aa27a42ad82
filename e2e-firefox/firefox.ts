// Real Firefox (Debian's firefox-esr) with the built extension from dist/, driven over WebDriver BiDi by
// puppeteer-core. The unpacked dist/ is installed as a temporary add-on (BiDi webExtension.install), the
// way about:debugging loads it; nothing is mocked.
//
// Two things the harness sets, neither of which changes how the extension behaves:
// - `extensions.webextensions.uuids` pins the add-on's moz-extension:// UUID (Firefox otherwise picks a
//   random one per profile), so tests can open the popup page by URL.
// - `--remote-allow-system-access`: Firefox's BiDi agent refuses to navigate a tab to a non-web scheme
//   (moz-extension://) without it. It only widens what the remote agent may do.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Browser as WebExtBrowser } from 'webextension-polyfill';
import type { PageState } from '../extension/shared/messages';
import { GECKO_ID } from '../manifest.config.ts';
import { scanSettledWatch } from '../e2e/scan-settled';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const EXT_UUID = '2d9a6f3e-5b1c-4c7e-9f0a-7e1d3c5b9a42';
export const EXT_ORIGIN = `moz-extension://${EXT_UUID}`;
export const POPUP_PATH = 'extension/popup/index.html';

/** The extension-page global (Firefox's `browser`), for code evaluated in moz-extension:// pages. */
declare const browser: WebExtBrowser;

/** The background event page's test hook (extension/background/index.ts). */
export interface BackgroundHook {
  ready: boolean;
  checkSelection(tabId: number, frameId: number, selectionText: string): Promise<{ ok: boolean; error?: string }>;
}

export interface FirefoxHandle {
  browser: Browser;
  version: string;
  /** An extension page (the popup document, opened in a tab) used to call extension APIs. */
  control: Page;
  /** `JavaScript error:` lines (uncaught errors, unhandled rejections) from the extension's own scripts. */
  extensionErrors: string[];
  openExtensionPage(path: string): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
  pageState(tabId: number): Promise<PageState | null>;
  close(): Promise<void>;
}

/**
 * tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(…)`; functions passed to
 * evaluate() are serialized with it, so every page gets a no-op `__name` first.
 */
export async function evaluate<A extends unknown[], R>(page: Page, fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
  await page.evaluate('globalThis.__name ??= (f) => f; 0');
  return page.evaluate(fn as (...a: unknown[]) => R | Promise<R>, ...args) as Promise<R>;
}

/** Poll `check` until it returns a value other than undefined/false (a wait-for-condition, not a sleep). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function launchFirefox(
  opts: {
    dist?: string;
    log?: boolean;
    /** How long the event page may sit idle before Firefox suspends it (Firefox's default: 30 s). */
    backgroundIdleMs?: number;
    /** More Firefox preferences (a test that needs one says why). */
    prefs?: Record<string, unknown>;
    /** Accept any TLS certificate (WebDriver's acceptInsecureCerts): for a local https server. */
    acceptInsecureCerts?: boolean;
  } = {},
): Promise<FirefoxHandle> {
  const dist = opts.dist ?? DIST;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist}/manifest.json not found: run \`npm run build\` first`);
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: apt-get install firefox-esr (or set FIREFOX_PATH)`);
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXT_UUID }),
      // The browser console goes to stdout, where the extension's errors are collected.
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
      ...(opts.backgroundIdleMs ? { 'extensions.background.idle.timeout': opts.backgroundIdleMs } : {}),
      ...opts.prefs,
    },
    ...(opts.acceptInsecureCerts ? { acceptInsecureCerts: true } : {}),
  });
  const extensionErrors: string[] = [];
  // Uncaught errors and unhandled rejections are printed to stderr as `JavaScript error: <url>, line N: …`;
  // console output to stdout.
  for (const stream of [firefox.process()?.stdout, firefox.process()?.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString('utf8')).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (opts.log ?? process.env.WMLENS_FIREFOX_LOG) process.stdout.write(`[firefox] ${line}\n`);
        if (line.startsWith('JavaScript error:') && line.includes(EXT_ORIGIN)) extensionErrors.push(line);
      }
    });
  }

  try {
    const id = await firefox.installExtension(dist);
    if (id !== GECKO_ID) throw new Error(`installed add-on has id ${id}, expected ${GECKO_ID}`);
    const version = await firefox.version();

    async function openExtensionPage(path: string): Promise<Page> {
      const url = `${EXT_ORIGIN}/${path}`;
      const page = await firefox.newPage();
      // The tab switches to the extension process; puppeteer may report that as a detached frame or never
      // see the load event, so wait for the document itself instead.
      page.goto(url).catch(() => undefined);
      await waitFor(`${url} to load`, () =>
        page.evaluate((u) => location.href === u && document.readyState === 'complete', url),
      );
      return page;
    }

    const control = await openExtensionPage(POPUP_PATH);

    return {
      browser: firefox,
      version,
      control,
      extensionErrors,
      openExtensionPage,
      async tabIdOf(page) {
        const url = page.url();
        const ids = await evaluate(control, async (u) => (await browser.tabs.query({})).filter((t) => t.url === u).map((t) => t.id!), url);
        if (ids.length !== 1) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
        return ids[0];
      },
      pageState(tabId) {
        return evaluate(
          control,
          async (id) => {
            try {
              return ((await browser.tabs.sendMessage(id, { kind: 'popup/get-page-state' }, { frameId: 0 })) as PageState | undefined) ?? null;
            } catch {
              return null;
            }
          },
          tabId,
        );
      },
      async close() {
        await firefox.close();
      },
    };
  } catch (e) {
    await firefox.close();
    throw e;
  }
}

/**
 * Wait until the page's scan has settled: every found block scored, not scanning, at least
 * `minAnnotated` annotated elements, and that count unchanged for `quietMs`.
 */
export async function waitForScanComplete(
  ff: FirefoxHandle,
  page: Page,
  opts: { timeoutMs?: number; quietMs?: number; minAnnotated?: number } = {},
): Promise<PageState> {
  const tabId = await ff.tabIdOf(page);
  const quiet = opts.quietMs ?? 400;
  const settled = scanSettledWatch({ quietMs: quiet, minAnnotated: opts.minAnnotated ?? 1 });
  return waitFor(
    `the scan of ${page.url()} to finish`,
    async () => {
      const [state, annotated] = await Promise.all([
        ff.pageState(tabId),
        page.evaluate(() => document.querySelectorAll('[data-wmlens]').length),
      ]);
      return settled(state, annotated) ? state! : undefined;
    },
    opts.timeoutMs ?? 30_000,
  );
}
