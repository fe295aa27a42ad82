// `npm run demo`: build the extension, serve the forum-like demo page on 127.0.0.1, open it in Chromium
// with the extension loaded, wait until every block is annotated, and save screenshots (page, popup).
// Options: --no-build, --out DIR (default demo-output/), --headed (needs a display), --keep-open.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchExtension, ROOT, tabIdOf, waitForScanComplete } from '../e2e/harness';
import { startServer } from '../e2e/server';
import { argValue, buildExtension } from './build-if-needed';

async function main(): Promise<void> {
  buildExtension();
  const outDir = resolve(argValue('--out') ?? join(ROOT, 'demo-output'));
  mkdirSync(outDir, { recursive: true });
  const server = await startServer();
  const headed = process.argv.includes('--headed');
  const ext = await launchExtension({ proxy: server.proxy, headless: !headed, nameShim: true, viewport: { width: 1200, height: 1000 } });
  try {
    const page = await ext.context.newPage();
    const t0 = Date.now();
    await page.goto(server.url('/demo'));
    let { state, ms } = await waitForScanComplete(ext, page, { timeoutMs: 60_000 });
    // Posts the page adds after load ("load more") are part of the demo too.
    if (await page.locator('#later-posts').count()) {
      await page.locator('html[data-appended=true]').waitFor({ state: 'attached', timeout: 10_000 });
      ({ state } = await waitForScanComplete(ext, page, { timeoutMs: 60_000 }));
      await page.waitForFunction(
        () => [...document.querySelectorAll('article.post')].every((a) => a.matches('[data-wmlens]') || a.querySelector('[data-wmlens]')),
        undefined,
        { timeout: 15_000 },
      );
    }
    ms = Date.now() - t0;
    await page.waitForTimeout(300); // let highlights and badges paint
    const shot = join(outDir, 'watermark-lens-demo.png');
    await page.screenshot({ path: shot, fullPage: true });

    const tabId = await tabIdOf(ext, page);
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: 720 });
    await popup.goto(ext.popupUrl(tabId));
    await popup.getByTestId('summary').waitFor();
    await popup.waitForTimeout(300);
    const popupShot = join(outDir, 'watermark-lens-demo-popup.png');
    await popup.screenshot({ path: popupShot, fullPage: true });
    await popup.close();

    const verdicts = await page.$$eval('[data-wmlens]', (els) => els.map((e) => e.getAttribute('data-wmlens')));
    const count = (v: string) => verdicts.filter((x) => x === v).length;
    console.log(
      `demo page ${server.url('/demo')}: ${verdicts.length} blocks annotated in ${ms} ms — ` +
        `${count('watermarked')} watermarked, ${count('not-detected')} not detected, ${count('too-short')} too short` +
        (state ? ` (${state.testsRun} tests)` : ''),
    );
    console.log(`screenshot: ${shot}`);
    console.log(`popup screenshot: ${popupShot}`);
    if (process.argv.includes('--keep-open')) {
      console.log('browser left open; press Ctrl+C to quit');
      await new Promise(() => {});
    }
  } finally {
    await ext.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
