// The built extension loads: service worker up, manifest as built, bundled key sets listed, popup page
// renders without script errors.
import { expect, test } from './fixtures';

test('service worker starts with the test hook and the bundled key sets', async ({ sw }) => {
  const info = await sw.evaluate(async () => {
    const hook = (globalThis as unknown as { __wmlensTest?: { ready?: boolean; listKeySets(): Promise<unknown[]> } }).__wmlensTest;
    const m = chrome.runtime.getManifest();
    return {
      ready: hook?.ready === true,
      name: m.name,
      mv: m.manifest_version,
      keySets: (await hook?.listKeySets()) ?? [],
      perms: m.permissions,
    };
  });
  expect(info.ready).toBe(true);
  expect(info.name).toBe('Watermark Lens');
  expect(info.mv).toBe(3);
  expect(info.perms).toEqual(expect.arrayContaining(['storage', 'contextMenus', 'offscreen']));
  expect(info.keySets).toEqual(
    expect.arrayContaining([expect.objectContaining({ key: 'bundled:keysets/reference-defaults.json', enabled: true })]),
  );
});

test('popup page opens without script errors', async ({ ext }) => {
  const popup = await ext.context.newPage();
  const errors: string[] = [];
  popup.on('pageerror', (e) => errors.push(e.message));
  await popup.goto(ext.popupUrl());
  await expect(popup.getByRole('heading', { name: 'Watermark Lens' })).toBeVisible();
  expect(errors).toEqual([]);
  await popup.close();
});
