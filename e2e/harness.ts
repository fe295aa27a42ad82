// Launching Chromium with the built extension, shared by the Playwright fixtures, the demo and the bench.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import type { PageState } from '../extension/shared/messages';
import { highlightedTextsInPage, scanSettledWatch } from './scan-settled';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The test build (`npm run build:e2e`), which every e2e test but one loads. */
export const DIST = join(ROOT, 'dist');
/** The production build (`npm run build:production`): e2e/production.spec.ts. */
export const PRODUCTION_DIST = join(ROOT, 'dist-production');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const POPUP_PATH = 'extension/popup/index.html';

/**
 * Chromium keeps only the last --disable-features switch, so ours must repeat Playwright's own list
 * (playwright-core 1.65 chromiumSwitches) and add what stops the remaining background traffic:
 * autofill's form-type queries to content-autofill.googleapis.com.
 */
const DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // ours
  'AutofillServerCommunication',
  'Translate',
];

/**
 * The omnibox's WebUI popups (Chromium 156), which a fresh browser loads in two extra renderers at
 * start-up: ≈ 0.6 s of CPU on this 2-core machine, landing in the first page's load → annotated
 * window when a test navigates straight after launch. A headless browser has no omnibox, and a reader
 * who types the first address has had them loaded before the page starts; `bench:page
 * --browser-ui-preloads` keeps them, for the figure with them competing (docs/benchmarks.md).
 */
const BROWSER_UI_PRELOADS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export interface ExtensionHandle {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  /** The live service worker (it may have been restarted since launch). */
  sw(): Promise<Worker>;
  popupUrl(tabId?: number): string;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export function assertBuilt(dist = DIST): void {
  if (!existsSync(join(dist, 'manifest.json'))) {
    throw new Error(`${dist}/manifest.json not found: run \`npm run ${dist === PRODUCTION_DIST ? 'build:production' : 'build:e2e'}\` first`);
  }
}

export async function launchExtension(
  opts: {
    dist?: string;
    proxy?: string;
    userDataDir?: string;
    headless?: boolean;
    viewport?: { width: number; height: number };
    /** Set when the caller runs under tsx (demo, bench): see NAME_SHIM. */
    nameShim?: boolean;
    /** Keep the browser's omnibox popups loading at start-up (BROWSER_UI_PRELOADS). */
    browserUiPreloads?: boolean;
  } = {},
): Promise<ExtensionHandle> {
  const dist = opts.dist ?? DIST;
  assertBuilt(dist);
  const userDataDir = opts.userDataDir ?? (await mkdtemp(join(tmpdir(), 'wmlens-profile-')));
  const args = [
    `--disable-extensions-except=${dist}`,
    `--load-extension=${dist}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    `--disable-features=${[...DISABLED_FEATURES, ...(opts.browserUiPreloads ? [] : BROWSER_UI_PRELOADS)].join(',')}`,
  ];
  if (opts.proxy) {
    // Everything the browser fetches goes through the test server's logging proxy, loopback included;
    // the component updater (which ignores --disable-component-update for on-demand installs) is pointed
    // at the test server's /__browser/ path instead of update.googleapis.com.
    args.push(
      `--proxy-server=${opts.proxy}`,
      '--proxy-bypass-list=<-loopback>',
      `--component-updater=url-source=${opts.proxy}/__browser/component-updater`,
    );
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    args,
    viewport: opts.viewport ?? { width: 1280, height: 900 },
  });
  let sw = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  sw ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(sw.url()).host;

  // Scripts run with tsx (demo, bench) wrap named functions in esbuild's `__name(…)`, which Playwright
  // then serializes into evaluate() calls; give every context a no-op `__name`.
  const NAME_SHIM = opts.nameShim ? 'globalThis.__name ??= (f) => f; 0' : '0';
  if (opts.nameShim) await context.addInitScript(NAME_SHIM);

  async function liveSw(): Promise<Worker> {
    const w = await findSw();
    await w.evaluate(NAME_SHIM);
    return w;
  }

  async function findSw(): Promise<Worker> {
    const current = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    for (const w of current.reverse()) {
      try {
        await w.evaluate(() => 1);
        return w;
      } catch {
        // stopped; try the next or wake it
      }
    }
    // Wake the service worker by opening an extension page that messages it.
    const waiter = context.waitForEvent('serviceworker', { timeout: 20_000 });
    const p = await context.newPage();
    await p.goto(`chrome-extension://${extensionId}/${POPUP_PATH}`);
    const w = await waiter;
    await p.close();
    return w;
  }

  return {
    context,
    extensionId,
    userDataDir,
    sw: liveSw,
    popupUrl: (tabId) => `chrome-extension://${extensionId}/${POPUP_PATH}${tabId === undefined ? '' : `?tabId=${tabId}`}`,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile && !opts.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The tab id of `page`. tab.url is hidden without the "tabs" permission, so the page gets a random
 * marker in its sessionStorage and every tab is asked (via scripting) whether it holds it.
 */
export async function tabIdOf(ext: ExtensionHandle, page: Page): Promise<number> {
  const marker = `wmlens-e2e-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((m) => sessionStorage.setItem('__wmlensE2eTab', m), marker);
  const sw = await ext.sw();
  const id = await sw.evaluate(async (m) => {
    for (const t of await chrome.tabs.query({})) {
      if (t.id === undefined) continue;
      try {
        const [r] = await chrome.scripting.executeScript({
          target: { tabId: t.id },
          func: () => sessionStorage.getItem('__wmlensE2eTab'),
        });
        if (r?.result === m) return t.id;
      } catch {
        // not scriptable (extension page, about:blank)
      }
    }
    return -1;
  }, marker);
  if (id < 0) throw new Error(`no tab found for ${page.url()}`);
  return id;
}

/** Ask the page's content script (top frame) for its state, as the popup does. */
export async function pageState(ext: ExtensionHandle, tabId: number): Promise<PageState | null> {
  const sw = await ext.sw();
  return sw.evaluate(async (id) => {
    try {
      return (await chrome.tabs.sendMessage(id, { kind: 'popup/get-page-state' }, { frameId: 0 })) ?? null;
    } catch {
      return null;
    }
  }, tabId);
}

/**
 * Wait until the page's scan has settled: the content script reports every found block scored and is not
 * scanning, and the number of annotated elements stayed the same for `quietMs`.
 */
export async function waitForScanComplete(
  ext: ExtensionHandle,
  page: Page,
  opts: { timeoutMs?: number; quietMs?: number; minAnnotated?: number } = {},
): Promise<{ state: PageState | null; annotated: number; ms: number }> {
  const t0 = Date.now();
  const timeout = opts.timeoutMs ?? 30_000;
  const quiet = opts.quietMs ?? 400;
  const tabId = await tabIdOf(ext, page);
  const settled = scanSettledWatch({ quietMs: quiet, minAnnotated: opts.minAnnotated ?? 1 });
  for (;;) {
    const [state, annotated] = await Promise.all([
      pageState(ext, tabId),
      page.evaluate(() => document.querySelectorAll('[data-wmlens]').length),
    ]);
    const done = settled(state, annotated);
    if (done) return { state, annotated, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeout) {
      throw new Error(`scan did not finish in ${timeout} ms (state ${JSON.stringify(state && { ...state, flaggedSpans: state.flaggedSpans.length })}, annotated ${annotated})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Text of every range in every CSS custom highlight on the page. */
export async function highlightedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const reg = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    if (!reg) return out;
    for (const [, hl] of reg) {
      for (const r of hl) {
        if (r instanceof Range) out.push(r.toString());
        else {
          const rr = document.createRange();
          rr.setStart(r.startContainer, r.startOffset);
          rr.setEnd(r.endContainer, r.endOffset);
          out.push(rr.toString());
        }
      }
    }
    return out;
  });
}

/** Per element matching `selector`: the text of every highlight range clipped to that element. */
export async function highlightedTextsIn(page: Page, selector: string): Promise<{ text: string; highlighted: string[] }[]> {
  return page.evaluate(highlightedTextsInPage, selector);
}

/**
 * Per element matching `selector`: its textContent and the highlighted stretches as merged
 * [start, end) offsets into that textContent (what Range.toString() counts; <br> adds nothing).
 */
export async function highlightOffsetsIn(page: Page, selector: string): Promise<{ text: string; ranges: [number, number][] }[]> {
  return page.evaluate((sel) => {
    const reg = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
    const all: AbstractRange[] = [];
    for (const [, hl] of reg ?? []) for (const r of hl) all.push(r);
    return [...document.querySelectorAll(sel)].map((el) => {
      const bounds = document.createRange();
      bounds.selectNodeContents(el);
      const offset = (node: Node, off: number) => {
        const r = document.createRange();
        r.setStart(bounds.startContainer, bounds.startOffset);
        r.setEnd(node, off);
        return r.toString().length;
      };
      const ranges: [number, number][] = [];
      for (const a of all) {
        const r = document.createRange();
        r.setStart(a.startContainer, a.startOffset);
        r.setEnd(a.endContainer, a.endOffset);
        if (!r.intersectsNode(el)) continue;
        if (r.compareBoundaryPoints(Range.START_TO_START, bounds) < 0) r.setStart(bounds.startContainer, bounds.startOffset);
        if (r.compareBoundaryPoints(Range.END_TO_END, bounds) > 0) r.setEnd(bounds.endContainer, bounds.endOffset);
        const s = offset(r.startContainer, r.startOffset);
        const e = offset(r.endContainer, r.endOffset);
        if (e > s) ranges.push([s, e]);
      }
      ranges.sort((x, y) => x[0] - y[0]);
      const merged: [number, number][] = [];
      for (const r of ranges) {
        const last = merged[merged.length - 1];
        if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
        else merged.push([...r]);
      }
      return { text: el.textContent ?? '', ranges: merged };
    });
  }, selector);
}

/** Intersection over union of merged ranges `got` with the range `want`. */
export function iou(got: [number, number][], want: [number, number]): number {
  let inter = 0;
  let covered = 0;
  for (const [s, e] of got) {
    covered += e - s;
    inter += Math.max(0, Math.min(e, want[1]) - Math.max(s, want[0]));
  }
  const union = covered + (want[1] - want[0]) - inter;
  return union === 0 ? 0 : inter / union;
}
