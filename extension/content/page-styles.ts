// The only CSS the extension puts into pages: how highlighted ranges look, and the outline fallback
// where the Custom Highlight API is missing. Adopted as a constructable stylesheet, which page CSP
// does not block (a <style> element is only the last resort). Pages get it once per document or
// shadow root that holds flagged text, because ::highlight rules do not cross shadow boundaries.
import type { HighlightStyle } from '../shared/settings';
import { markOwnUi } from './own-ui';

export const HIGHLIGHT_NAMES: Record<HighlightStyle, string> = {
  underline: 'wmlens-underline',
  background: 'wmlens-background',
};
/** A brief emphasis for the span the popup scrolled to. */
export const FOCUS_HIGHLIGHT = 'wmlens-focus';

export function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof (globalThis as { Highlight?: unknown }).Highlight === 'function';
}

function pageCss(highlights: boolean): string {
  const rules = [
    `::highlight(${HIGHLIGHT_NAMES.underline}) { text-decoration: underline wavy #d9480f; text-decoration-thickness: 2px; text-underline-offset: 3px; }`,
    `::highlight(${HIGHLIGHT_NAMES.background}) { background-color: rgba(255, 196, 0, 0.38); }`,
    `::highlight(${FOCUS_HIGHLIGHT}) { background-color: rgba(255, 140, 0, 0.55); }`,
    '@media (prefers-color-scheme: dark) {',
    `  ::highlight(${HIGHLIGHT_NAMES.underline}) { text-decoration-color: #ffa94d; }`,
    `  ::highlight(${HIGHLIGHT_NAMES.background}) { background-color: rgba(255, 196, 0, 0.3); }`,
    '}',
  ];
  if (!highlights && __WMLENS_E2E__) {
    // Without highlights the test build outlines the whole flagged block (it has the verdict attribute;
    // the production build puts nothing on page elements, so there the badge alone marks the block).
    // Chromium and Firefox ≥ 142 have the Highlight API, so this is a fallback for other browsers.
    rules.push('[data-wmlens="watermarked"] { outline: 2px dashed #d9480f !important; outline-offset: 2px !important; }');
  }
  return rules.join('\n');
}

const adopted = new WeakSet<Document | ShadowRoot>();
let sheet: CSSStyleSheet | null = null;

/** Make the highlight styles apply inside `root` (a document or shadow root). Idempotent. */
export function ensurePageStyles(root: Document | ShadowRoot): void {
  if (adopted.has(root)) return;
  adopted.add(root);
  const css = pageCss(supportsHighlights());
  try {
    sheet ??= makeSheet(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  } catch {
    // Firefox content scripts cannot always adopt a sheet constructed in their own compartment.
  }
  const style = document.createElement('style');
  markOwnUi(style);
  style.textContent = css;
  (root instanceof Document ? root.head ?? root.documentElement : root).append(style);
}

function makeSheet(css: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
}
