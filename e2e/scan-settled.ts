// When has a page's scan settled? Shared by the Chromium (Playwright) and Firefox (WebDriver BiDi)
// harnesses, which poll the content script's page state and count annotated elements their own way.
import type { PageState } from '../extension/shared/messages';

/**
 * A watch fed one observation per poll: settled when the content script reports every found block
 * scored and is not scanning, at least `minAnnotated` elements are annotated, and that count has
 * stayed the same for `quietMs`.
 */
export function scanSettledWatch(opts: { quietMs: number; minAnnotated: number }): (state: PageState | null, annotated: number) => boolean {
  let lastCount = -1;
  let stableSince = Date.now();
  return (state, annotated) => {
    if (annotated !== lastCount) {
      lastCount = annotated;
      stableSince = Date.now();
    }
    return (
      state !== null &&
      !state.scanning &&
      state.blocksFound > 0 &&
      state.blocksScored >= state.blocksFound &&
      annotated >= opts.minAnnotated &&
      Date.now() - stableSince >= opts.quietMs
    );
  };
}

/**
 * Runs in the page (pass it to evaluate): per element matching `selector`, its text and the text of
 * every Custom Highlight range clipped to it. Self-contained: it is serialized into the page.
 */
export function highlightedTextsInPage(selector: string): { text: string; highlighted: string[] }[] {
  const reg = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
  const ranges: Range[] = [];
  for (const [, hl] of reg ?? []) {
    for (const r of hl) {
      const rr = document.createRange();
      rr.setStart(r.startContainer, r.startOffset);
      rr.setEnd(r.endContainer, r.endOffset);
      ranges.push(rr);
    }
  }
  return [...document.querySelectorAll(selector)].map((el) => {
    const bounds = document.createRange();
    bounds.selectNodeContents(el);
    const highlighted: string[] = [];
    for (const r of ranges) {
      if (!r.intersectsNode(el)) continue;
      const c = r.cloneRange();
      if (c.compareBoundaryPoints(Range.START_TO_START, bounds) < 0) c.setStart(bounds.startContainer, bounds.startOffset);
      if (c.compareBoundaryPoints(Range.END_TO_END, bounds) > 0) c.setEnd(bounds.endContainer, bounds.endOffset);
      const t = c.toString();
      if (t.trim()) highlighted.push(t);
    }
    return { text: el.textContent ?? '', highlighted };
  });
}
