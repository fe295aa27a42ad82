// User settings, kept in storage.local under one key. Every context reads them through this module.
import browser from 'webextension-polyfill';

export type HighlightStyle = 'underline' | 'background';

export interface Settings {
  /** Scan http(s) pages automatically as they load and change. */
  autoScan: boolean;
  /** Hostnames (e.g. "forum.example") where nothing is scanned automatically. */
  disabledSites: string[];
  /** False-alarm level per block and key. */
  alpha: number;
  /**
   * Holm's correction over every test on the page: at most α chance of any false flag on the whole
   * page, however many paragraphs it has (instead of α per paragraph and key).
   */
  pageCorrection: boolean;
  highlightStyle: HighlightStyle;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  autoScan: true,
  disabledSites: [],
  alpha: 1e-4,
  pageCorrection: false,
  highlightStyle: 'underline',
});

/** The α levels the popup offers. */
export const ALPHA_CHOICES: readonly number[] = [1e-3, 1e-4, 1e-6];

export const SETTINGS_KEY = 'settings';

/** Fill gaps and drop garbage from whatever is stored (older versions, manual edits). */
export function normalizeSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, disabledSites: [] };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.autoScan === 'boolean') s.autoScan = r.autoScan;
  if (Array.isArray(r.disabledSites)) {
    s.disabledSites = [...new Set(r.disabledSites.filter((x): x is string => typeof x === 'string' && x.length > 0))];
  }
  if (typeof r.alpha === 'number' && Number.isFinite(r.alpha) && r.alpha > 0 && r.alpha < 1) s.alpha = r.alpha;
  if (typeof r.pageCorrection === 'boolean') s.pageCorrection = r.pageCorrection;
  if (r.highlightStyle === 'underline' || r.highlightStyle === 'background') s.highlightStyle = r.highlightStyle;
  return s;
}

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return normalizeSettings(got[SETTINGS_KEY]);
}

// Saves from one context run one at a time: each is a read-modify-write, and two interleaved ones (a
// user flipping two switches in quick succession) would otherwise lose the first change.
let saving: Promise<unknown> = Promise.resolve();

/** Merge `patch` into the stored settings and return the result. */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const run = saving
    .catch(() => undefined)
    .then(async () => {
      const next = normalizeSettings({ ...(await loadSettings()), ...patch });
      await browser.storage.local.set({ [SETTINGS_KEY]: next });
      return next;
    });
  saving = run;
  return run;
}

/** Call `cb` with the new settings whenever they change (in any context). Returns an unsubscribe function. */
export function onSettingsChanged(cb: (next: Settings, prev: Settings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    const change = changes[SETTINGS_KEY];
    cb(normalizeSettings(change.newValue), normalizeSettings(change.oldValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** The hostname a per-site switch applies to, or null for URLs that are not http(s) pages. */
export function siteOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether the per-site switch allows scanning `url` (ignores `autoScan`; check that separately). */
export function isSiteEnabled(settings: Settings, url: string | undefined): boolean {
  const site = siteOf(url);
  if (site === null) return false;
  return !settings.disabledSites.includes(site);
}

/** Whether pages at `url` should be scanned automatically. */
export function shouldAutoScan(settings: Settings, url: string | undefined): boolean {
  return settings.autoScan && isSiteEnabled(settings, url);
}

/** Settings with the per-site switch for `url`'s host set to `enabled`. */
export function withSiteEnabled(settings: Settings, url: string, enabled: boolean): Settings {
  const site = siteOf(url);
  if (site === null) return settings;
  const rest = settings.disabledSites.filter((s) => s !== site);
  return { ...settings, disabledSites: enabled ? rest : [...rest, site] };
}
