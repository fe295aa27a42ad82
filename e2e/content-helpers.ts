// Helpers for the content-script e2e tests (content-*.spec.ts): fixture pages from
// e2e/fixtures/content/ (templates filled with the hand-written human texts), settings, a log of the
// detect requests the background received, and a synthetic detector result for chosen phrases, so the
// highlight/badge/card/popup path is tested before real watermarked fixture texts exist.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { ExtensionHandle } from './harness';
import { esc } from './pages';
import type { TestServer } from './server';
import { humanTexts, watermarkedTexts } from './texts';

export const CONTENT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'content');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * `{{text:N}}` → human text N; `{{text:N:a}}`/`{{text:N:b}}` → its first/second half (split at a space);
 * `{{short:N}}`; `{{wm:N}}` (and halves) → watermarked fixture text N, if it exists.
 */
export function fillTemplate(html: string): string {
  const h = humanTexts();
  const wm = watermarkedTexts().map((w) => w.text);
  return html.replace(/\{\{(text|short|wm):(\d+)(?::([ab]))?\}\}/g, (_m, kind: string, n: string, half?: string) => {
    const t = (kind === 'text' ? h.texts : kind === 'short' ? h.short : wm)[Number(n)] ?? '';
    if (!half) return esc(t);
    const mid = t.indexOf(' ', Math.floor(t.length / 2));
    return esc(half === 'a' ? t.slice(0, mid) : t.slice(mid + 1));
  });
}

/**
 * Serve every file of e2e/fixtures/content: pages at /<prefix>/<name>, others at /content/static/<file>.
 * `headers` go on the pages (e.g. a strict CSP under another prefix).
 */
export function serveContentFixtures(server: TestServer, opts: { prefix?: string; headers?: Record<string, string> } = {}): void {
  const prefix = opts.prefix ?? 'content';
  for (const file of readdirSync(CONTENT_DIR)) {
    const ext = extname(file);
    const isPage = ext === '.html';
    const path = isPage ? `/${prefix}/${file.slice(0, -ext.length)}` : `/content/static/${file}`;
    const headers = isPage ? (opts.headers ?? {}) : {};
    server.route(path, (_req, res) => {
      const raw = readFileSync(join(CONTENT_DIR, file), 'utf8');
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers });
      res.end(ext === '.html' ? fillTemplate(raw) : raw);
    });
  }
}

export async function setSettings(ext: ExtensionHandle, patch: Record<string, unknown>): Promise<void> {
  const sw = await ext.sw();
  await sw.evaluate(async (p) => {
    const cur = ((await chrome.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
    await chrome.storage.local.set({ settings: { ...cur, ...p } });
  }, patch);
}

export interface LoggedRequest {
  pageId: string;
  blocks: { blockId: string; length: number; head: string }[];
}

export interface FakeSpec {
  /** Blocks containing this phrase get a synthetic "watermarked" result with a span over the phrase. */
  phrase: string;
  keySetName?: string;
  kid?: string;
}

/**
 * In the service worker: log every content/detect-blocks request, and answer blocks containing one of
 * the phrases with a synthetic watermarked result before the real detector can (the real answer for
 * those blocks arrives later and is ignored, as any second answer is).
 */
export async function instrumentDetector(ext: ExtensionHandle, fakes: FakeSpec[] = []): Promise<void> {
  const sw = await ext.sw();
  // After the fixture's storage reset the background re-creates its key-set records on first use and
  // then broadcasts background/rescan; let that happen before the page loads, so a test sees one scan.
  await sw.evaluate(async () => {
    await (globalThis as unknown as { __wmlensTest: { listKeySets(): Promise<unknown> } }).__wmlensTest.listKeySets();
    await new Promise((r) => setTimeout(r, 300));
  });
  await sw.evaluate((specs) => {
    type G = { __contentTest?: { log: LoggedRequestInner[]; specs: typeof specs; installed: boolean } };
    type LoggedRequestInner = { pageId: string; blocks: { blockId: string; length: number; head: string }[] };
    const g = globalThis as unknown as G;
    g.__contentTest ??= { log: [], specs: [], installed: false };
    const state = g.__contentTest;
    state.log = [];
    state.specs = specs;
    if (state.installed) return;
    state.installed = true;
    type Tap = (msg: { pageId: string; blocks: { blockId: string; text: string }[] }, from: { tabId: number; frameId: number }) => void;
    const hooks = (globalThis as unknown as { __wmlensTest: { tapDetectBlocks(tap: Tap): void } }).__wmlensTest;
    // Content scripts send their blocks on a port; the router shows each accepted batch to this tap.
    hooks.tapDetectBlocks((msg, sender) => {
      state.log.push({ pageId: msg.pageId, blocks: msg.blocks.map((b) => ({ blockId: b.blockId, length: b.text.length, head: b.text.slice(0, 60) })) });
      const results = [];
      for (const b of msg.blocks) {
        for (const spec of state.specs) {
          const at = b.text.indexOf(spec.phrase);
          if (at < 0) continue;
          const span = { start: at, end: at + spec.phrase.length, zScore: 8.25, pValue: 3.1e-9 };
          results.push({
            blockId: b.blockId,
            detections: [
              {
                keySetId: 'test.synthetic', keySetName: spec.keySetName ?? 'Synthetic test keys', kid: spec.kid ?? 'synthetic-1',
                numTokensScored: 180, numGreenTokens: 96, greenFraction: 96 / 180, zScore: 8.66, pValueNormal: 2.3e-18,
                pValue: 1e-7, numUnits: 170, numGreenUnits: 90, verdict: 'watermarked', spans: [span],
              },
            ],
          });
          break;
        }
      }
      if (results.length > 0) {
        void chrome.tabs.sendMessage(sender.tabId, { kind: 'background/detect-results', pageId: msg.pageId, results }, { frameId: sender.frameId });
      }
    });
  }, fakes);
}

export async function detectLog(ext: ExtensionHandle): Promise<LoggedRequest[]> {
  const sw = await ext.sw();
  return sw.evaluate(() => (globalThis as unknown as { __contentTest?: { log: LoggedRequest[] } }).__contentTest?.log ?? []);
}

/** Every element (light DOM and open shadow roots) with a data-wmlens attribute: its id/tag and verdict. */
export async function annotated(page: Page): Promise<{ id: string; verdict: string }[]> {
  return page.evaluate(() => {
    const out: { id: string; verdict: string }[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        const v = el.getAttribute('data-wmlens');
        if (v !== null) out.push({ id: el.id || el.localName, verdict: v });
        if (el.shadowRoot) visit(el.shadowRoot);
      }
    };
    visit(document);
    return out;
  });
}

/** The extension's UI shadow root content: badges and cards. */
export function ui(page: Page) {
  return page.locator('wmlens-ui');
}

/** Send a message to the page's top-frame content script, as the popup does. */
export async function sendToPage<T>(ext: ExtensionHandle, tabId: number, msg: unknown): Promise<T | null> {
  const sw = await ext.sw();
  return sw.evaluate(
    async ([id, m]) => {
      try {
        return ((await chrome.tabs.sendMessage(id as number, m, { frameId: 0 })) as T) ?? null;
      } catch {
        return null;
      }
    },
    [tabId, msg] as const,
  );
}

/** The first sentence of human text `n` after its first sentence (a phrase in the middle of a post). */
export function middleSentence(n: number): string {
  const t = humanTexts().texts[n];
  const sentences = t.match(/[^.!?]+[.!?]+/g) ?? [t];
  return sentences[1].trim();
}
