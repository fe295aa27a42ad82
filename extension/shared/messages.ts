// Every message that crosses a context boundary, named by direction (sender/purpose). Listeners switch on
// `kind` and check the sender; nothing else travels between contexts.
import type { KeyDetection } from '../../src/detect-types';

/** One readable text block of a page, identified by the content script. */
export interface BlockText {
  blockId: string;
  text: string;
}

export interface BlockResult {
  blockId: string;
  detections: KeyDetection[];
  /** Set when the block could not be scored (the page keeps working). */
  error?: string;
}

// content script → background
export interface ContentDetectBlocks {
  kind: 'content/detect-blocks';
  /** Changes on navigation, so late results for an old page are dropped. */
  pageId: string;
  blocks: BlockText[];
}
export interface ContentCheckText {
  kind: 'content/check-text';
  text: string;
}
export interface ContentCancelPage {
  kind: 'content/cancel-page';
  pageId: string;
}

// background → content script
export interface BackgroundDetectResults {
  kind: 'background/detect-results';
  pageId: string;
  results: BlockResult[];
}
export interface BackgroundCheckSelection {
  kind: 'background/check-selection';
  /** What the browser reported as selected; the content script prefers its own live Selection. */
  selectionText: string;
}
export interface BackgroundRescan {
  kind: 'background/rescan';
}

// popup → content script (via tabs.sendMessage)
export interface PopupGetPageState {
  kind: 'popup/get-page-state';
}
export interface PopupScrollToSpan {
  kind: 'popup/scroll-to-span';
  spanId: string;
}
export interface PopupScanNow {
  kind: 'popup/scan-now';
}

/** What the content script reports to the popup. */
export interface PageState {
  url: string;
  scanning: boolean;
  blocksFound: number;
  blocksScored: number;
  blocksFlagged: number;
  blocksTooShort: number;
  flaggedSpans: FlaggedSpan[];
  /** Number of (block, key) tests that ran, for the page-level correction. */
  testsRun: number;
  autoScanEnabled: boolean;
  error?: string;
}
export interface FlaggedSpan {
  spanId: string;
  excerpt: string;
  keySetName: string;
  kid: string;
  zScore: number;
  pValue: number;
}

export type ContentToBackground = ContentDetectBlocks | ContentCheckText | ContentCancelPage;
export type BackgroundToContent = BackgroundDetectResults | BackgroundCheckSelection | BackgroundRescan;
export type PopupToContent = PopupGetPageState | PopupScrollToSpan | PopupScanNow;
