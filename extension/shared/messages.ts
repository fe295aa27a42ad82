// Every message that crosses a context boundary, named by direction (sender/purpose). Listeners switch on
// `kind` and check the sender; nothing else travels between contexts.
import type { KeyDetection, Verdict } from '../../src/detect-types';

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
  /** Blocks longer than the scoring limit, scored on their first part only. */
  blocksTruncated?: number;
  /** The last "Check selection" result on this page, so the popup can show it too. */
  lastSelectionCheck?: SelectionCheckState;
  /** Longest synchronous stretch of content-script work on this page so far (ms; tests and bench). */
  longestTaskMs?: number;
}
export interface SelectionCheckState {
  excerpt: string;
  /** null: nothing could be scored (see `error`). */
  verdict: Verdict | null;
  detections: KeyDetection[];
  error?: string;
  /** ms since epoch. */
  at: number;
}
/** Reply to `popup/scroll-to-span` and `popup/scan-now`. */
export interface ContentAck {
  ok: boolean;
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

/** Reply to `content/check-text` (the same pipeline as blocks, answered directly). */
export interface CheckTextReply {
  detections: KeyDetection[];
  /** Set when nothing could be scored (no key set enabled, compute host failed, …). */
  error?: string;
}

// popup → background
export interface PopupListKeySets {
  kind: 'popup/list-keysets';
}
export interface PopupSetKeySetEnabled {
  kind: 'popup/set-keyset-enabled';
  /** `KeySetInfo.key`. */
  key: string;
  enabled: boolean;
}
export type KeySetStatus = 'ok' | 'unchecked' | 'error' | 'expired' | 'disabled';
/** A key set as the popup lists it. */
export interface KeySetInfo {
  /** Stable store key, e.g. "bundled:keysets/reference-defaults.json" or "url:https://…". */
  key: string;
  source: 'bundled' | 'url' | 'file';
  url?: string;
  id?: string;
  name: string;
  publisher?: string;
  version?: number;
  issued?: string;
  expires?: string;
  numKeys?: number;
  /** Shortened SHA-256 of the exact document bytes. */
  fingerprint?: string;
  enabled: boolean;
  status: KeySetStatus;
  error?: string;
  lastCheck?: number;
}
export interface ListKeySetsReply {
  keySets: KeySetInfo[];
}

// background ↔ compute host (Chrome: the offscreen document; Firefox: in-process, same shapes).
// Messages to the offscreen document carry `target: 'offscreen'` so other extension pages ignore them.
/** A key-set document as the Worker receives it; `ref` is the SHA-256 (hex) of its bytes. */
export interface KeySetPayload {
  ref: string;
  document: string;
}
export interface ComputeJob {
  jobId: string;
  tabId: number;
  frameId: number;
  pageId: string;
  /** ms since epoch; navigation cancels jobs created before it. */
  createdAt: number;
  blocks: BlockText[];
  keySetRefs: string[];
  /** Documents for refs the host may not have yet (the host keeps every document it was given). */
  keySets?: KeySetPayload[];
  alpha: number;
}
export interface HostRun {
  kind: 'host/run';
  target: 'offscreen';
  job: ComputeJob;
}
export type HostRunReply = { ok: true } | { ok: false; missingKeySets: string[] };
export interface HostCheckText {
  kind: 'host/check-text';
  target: 'offscreen';
  text: string;
  keySetRefs: string[];
  keySets?: KeySetPayload[];
  alpha: number;
}
export type HostCheckTextReply =
  | { ok: true; detections: KeyDetection[]; keySetErrors: KeySetError[] }
  | { ok: false; missingKeySets: string[] }
  | { ok: false; error: string };
export interface HostCancel {
  kind: 'host/cancel';
  target: 'offscreen';
  selector: CancelSelector;
}
export interface CancelSelector {
  tabId: number;
  pageId?: string;
  /** Only jobs created before this time (ms since epoch). */
  before?: number;
}
export interface HostCompile {
  kind: 'host/compile';
  target: 'offscreen';
  keySet: KeySetPayload;
}
export type HostCompileReply =
  | { ok: true; meta: { id: string; name: string; version: number; fingerprint: string } }
  | { ok: false; error: string };
export interface KeySetError {
  ref: string;
  error: string;
}
/** compute host → background: one finished batch of a job. */
export interface HostResults {
  kind: 'host/results';
  jobId: string;
  tabId: number;
  frameId: number;
  pageId: string;
  results: BlockResult[];
  /** Key sets that failed to compile (their keys are missing from these results). */
  keySetErrors: KeySetError[];
  /** Last batch of the job. */
  done: boolean;
}

export type PopupToBackground = PopupListKeySets | PopupSetKeySetEnabled;
export type BackgroundToHost = HostRun | HostCheckText | HostCancel | HostCompile;
export type HostToBackground = HostResults;
