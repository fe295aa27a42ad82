// A page served with `Content-Security-Policy: default-src 'none'` still gets scanned (the content
// script and its UI must not depend on inline styles/scripts or page-origin workers).
import { expect, postVerdicts, test } from './fixtures';
import { waitForScanComplete } from './harness';

test("a page with CSP default-src 'none' is still scanned", async ({ page, ext, server }) => {
  const res = await page.goto(server.url('/csp'));
  expect(res?.headers()['content-security-policy']).toBe("default-src 'none'");
  const { state } = await waitForScanComplete(ext, page);
  expect(state?.blocksScored).toBeGreaterThan(0);
  const verdicts = (await postVerdicts(page, 'article.post')).flat();
  expect(verdicts.length).toBeGreaterThanOrEqual(4);
  expect(verdicts.every((v) => ['watermarked', 'not-detected', 'too-short'].includes(v))).toBe(true);
  expect(await postVerdicts(page, 'article[data-kind=human]')).not.toContainEqual(expect.arrayContaining(['watermarked']));
});
