// Helpers for the key-set subscription e2e tests: the fixture key set (a key not in the bundled
// defaults) and text watermarked under it, variants of the document, a page showing that text, and the
// background's subscription functions called through the test hook (the same ones the popup reaches).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { KeySetInfo, KeySetSourceRequest } from '../extension/shared/messages';
import type { ExtensionHandle } from './harness';
import { esc, page as pageHtml } from './pages';
import type { TestServer } from './server';
import { humanTexts } from './texts';

export const KEYSETS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'keysets');

/** The exact bytes of e2e/fixtures/keysets/e2e-keyset.json (version 1). */
export const KEYSET_BYTES: Buffer = readFileSync(join(KEYSETS_DIR, 'e2e-keyset.json'));
export const KEYSET = JSON.parse(KEYSET_BYTES.toString('utf8'));
export const KEYSET_NAME: string = KEYSET.name;

export interface KeySetTexts {
  keySetId: string;
  kid: string;
  items: { seed: number; text: string }[];
}
export function keySetTexts(): KeySetTexts {
  return JSON.parse(readFileSync(join(KEYSETS_DIR, 'e2e-texts.json'), 'utf8')) as KeySetTexts;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
/** As the popup shows it: the first 16 hex digits in groups of four. */
export function shortFingerprint(bytes: Uint8Array | string): string {
  return sha256(bytes).slice(0, 16).replace(/(.{4})(?!$)/g, '$1:');
}

/** The fixture document with top-level fields changed (new bytes, so a new fingerprint). */
export function variant(over: Record<string, unknown>): string {
  return JSON.stringify({ ...KEYSET, ...over }, null, 1);
}
/** The fixture document with its key's fields changed. */
export function keyVariant(over: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return variant({ ...top, keys: [{ ...KEYSET.keys[0], ...over }] });
}
/** A test vector that the core will not reproduce. */
export function brokenVectors(): unknown[] {
  const [v0, ...rest] = KEYSET.keys[0].testVectors;
  return [{ ...v0, numGreenTokens: v0.numGreenTokens + 1 }, ...rest];
}

/** A forum page: one post watermarked under the fixture key, one hand-written post. */
export function serveKeySetPage(server: TestServer, path = '/ks-thread'): string {
  const wm = keySetTexts().items[0].text;
  const human = humanTexts().texts[2];
  const post = (id: string, kind: string, text: string) =>
    `<article class="post" id="${id}" data-kind="${kind}"><div class="post-body"><p>${esc(text)}</p></div></article>`;
  const html = pageHtml({ title: 'Key-set subscription thread', body: `<section id="posts">${post('wm', 'watermarked', wm)}\n${post('human', 'human', human)}</section>` });
  server.route(path, (_req, res) => {
    // A cookie for this host: key-set requests to the same host must not carry it.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'set-cookie': 'session=e2e-secret; Path=/; SameSite=Lax' });
    res.end(html);
  });
  return server.url(path);
}

/** Verdicts of the post watermarked under the fixture key (the post itself or blocks inside it). */
export async function wmPostVerdicts(page: Page): Promise<string[]> {
  return page.$$eval('#wm, #wm [data-wmlens]', (els) => els.map((e) => e.getAttribute('data-wmlens')).filter((v): v is string => v !== null));
}

/** The background's test hook (extension/background/index.ts), as the service worker sees it. */
export type Hook = {
  listKeySets(): Promise<KeySetInfo[]>;
  checkText(text: string): Promise<{ detections: { keySetName: string; kid: string; verdict: string }[]; error?: string }>;
  keysets: {
    preview(s: KeySetSourceRequest): Promise<{ ok: boolean; error?: string }>;
    add(s: KeySetSourceRequest): Promise<{ ok: boolean; error?: string; key?: string; message?: string }>;
    update(key: string): Promise<{ ok: boolean; outcome?: string; message?: string; error?: string }>;
    remove(key: string): Promise<{ ok: boolean }>;
    active(): Promise<string[]>;
    setFetchTimeoutMs(ms: number): void;
    alarm(): Promise<{ name: string; periodInMinutes?: number } | undefined>;
    expiryAlarm(): Promise<{ name: string; scheduledTime: number } | undefined>;
  };
};
// One sw.evaluate per call: the extension's CSP forbids eval, so functions can't be passed in generically.

export async function addByUrl(ext: ExtensionHandle, url: string) {
  const sw = await ext.sw();
  return sw.evaluate((u) => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.keysets.add({ type: 'url', url: u }), url);
}
export async function previewUrl(ext: ExtensionHandle, url: string) {
  const sw = await ext.sw();
  return sw.evaluate((u) => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.keysets.preview({ type: 'url', url: u }), url);
}
export async function updateNow(ext: ExtensionHandle, key: string) {
  const sw = await ext.sw();
  return sw.evaluate((k) => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.keysets.update(k), key);
}
export async function listKeySets(ext: ExtensionHandle): Promise<KeySetInfo[]> {
  const sw = await ext.sw();
  return sw.evaluate(() => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.listKeySets());
}
export async function activeKeySets(ext: ExtensionHandle): Promise<string[]> {
  const sw = await ext.sw();
  return sw.evaluate(() => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.keysets.active());
}
export async function setFetchTimeout(ext: ExtensionHandle, ms: number): Promise<void> {
  const sw = await ext.sw();
  await sw.evaluate((m) => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.keysets.setFetchTimeoutMs(m), ms);
}
export async function updateAlarm(ext: ExtensionHandle) {
  const sw = await ext.sw();
  return sw.evaluate(() => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.keysets.alarm());
}

export async function storedKeySets(ext: ExtensionHandle): Promise<{ key: string; document?: string; version?: number; ref?: string }[]> {
  const sw = await ext.sw();
  return sw.evaluate(async () => ((await chrome.storage.local.get('keysets')).keysets as { records?: [] } | undefined)?.records ?? []);
}

/** The fixture key's detection of `text` under the enabled key sets (undefined: not scored under it). */
export async function detectUnderFixtureKey(ext: ExtensionHandle, text: string): Promise<{ verdict: string; keySetName: string } | undefined> {
  const sw = await ext.sw();
  const r = await sw.evaluate((t) => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.checkText(t), text);
  return r.detections.find((d) => d.kid === KEYSET.keys[0].kid);
}

export async function expiryAlarm(ext: ExtensionHandle) {
  const sw = await ext.sw();
  return sw.evaluate(() => (globalThis as unknown as { __wmlensTest: Hook }).__wmlensTest.keysets.expiryAlarm());
}
