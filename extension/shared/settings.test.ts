import { beforeEach, describe, expect, it, vi } from 'vitest';

// A tiny storage.local stand-in behind the polyfill's default export.
const store: Record<string, unknown> = {};
const listeners: ((changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void)[] = [];
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      local: {
        get: async (key: string) => (key in store ? { [key]: structuredClone(store[key]) } : {}),
        set: async (items: Record<string, unknown>) => {
          for (const [k, v] of Object.entries(items)) {
            const oldValue = store[k];
            store[k] = structuredClone(v);
            for (const l of listeners) l({ [k]: { oldValue, newValue: structuredClone(v) } }, 'local');
          }
        },
      },
      onChanged: {
        addListener: (l: (typeof listeners)[number]) => listeners.push(l),
        removeListener: (l: (typeof listeners)[number]) => listeners.splice(listeners.indexOf(l), 1),
      },
    },
  },
}));

const s = await import('./settings');

describe('settings', () => {
  beforeEach(() => {
    for (const k of Object.keys(store)) delete store[k];
  });

  it('defaults: auto scan on, alpha 1e-4', async () => {
    expect(await s.loadSettings()).toEqual({ autoScan: true, disabledSites: [], alpha: 1e-4, pageCorrection: false, highlightStyle: 'underline' });
  });

  it('saves patches and reports changes', async () => {
    const seen: number[] = [];
    const off = s.onSettingsChanged((n) => seen.push(n.alpha));
    await s.saveSettings({ alpha: 1e-6 });
    await s.saveSettings({ autoScan: false });
    off();
    expect(await s.loadSettings()).toMatchObject({ alpha: 1e-6, autoScan: false });
    expect(seen).toEqual([1e-6, 1e-6]);
  });

  it('keeps every change when saves overlap (no lost read-modify-write)', async () => {
    const saves = [
      s.saveSettings({ autoScan: false }),
      s.saveSettings({ disabledSites: ['forum.example'] }),
      s.saveSettings({ alpha: 1e-6 }),
      s.saveSettings({ highlightStyle: 'background' }),
      s.saveSettings({ pageCorrection: true }),
    ];
    const results = await Promise.all(saves);
    const all = { autoScan: false, disabledSites: ['forum.example'], alpha: 1e-6, pageCorrection: true, highlightStyle: 'background' };
    expect(results[4]).toEqual(all);
    expect(await s.loadSettings()).toEqual(all);
  });

  it('a failed save does not block the ones after it', async () => {
    await expect(s.saveSettings({ alpha: 1e-6 }).then(() => s.saveSettings({ get alpha(): number { throw new Error('boom'); } }))).rejects.toThrow('boom');
    expect(await s.saveSettings({ autoScan: false })).toMatchObject({ alpha: 1e-6, autoScan: false });
  });

  it('normalizes garbage', () => {
    expect(s.normalizeSettings({ alpha: 5, autoScan: 'yes', disabledSites: ['a', 3, 'a'], highlightStyle: 'blink', pageCorrection: 1 })).toEqual(
      s.normalizeSettings({ disabledSites: ['a'] }),
    );
  });

  it('per-site switch by hostname; only http(s) pages are sites', () => {
    const base = s.normalizeSettings({});
    const off = s.withSiteEnabled(base, 'https://Forum.example/t/1', false);
    expect(off.disabledSites).toEqual(['forum.example']);
    expect(s.isSiteEnabled(off, 'http://forum.example/other')).toBe(false);
    expect(s.isSiteEnabled(off, 'https://other.example/')).toBe(true);
    expect(s.isSiteEnabled(base, 'chrome://extensions')).toBe(false);
    expect(s.shouldAutoScan({ ...base, autoScan: false }, 'https://other.example/')).toBe(false);
    expect(s.withSiteEnabled(off, 'https://forum.example/', true).disabledSites).toEqual([]);
  });
});
