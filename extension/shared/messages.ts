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
  /** Flags shown are corrected for all tests on the page (Holm), at family-wise α. */
  pageCorrection?: boolean;
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
/** Where a key set comes from when the user adds one. File bytes travel as base64 (messages are JSON). */
export type KeySetSourceRequest = { type: 'url'; url: string } | { type: 'file'; name: string; base64: string };
/** Fetch (or read) and fully validate a key set, store nothing: the popup shows the result to confirm. */
export interface PopupPreviewKeySet {
  kind: 'popup/preview-keyset';
  source: KeySetSourceRequest;
}
/** Store a previewed key set. The background validates the document again before storing it. */
export interface PopupAddKeySet {
  kind: 'popup/add-keyset';
  candidate: KeySetCandidate;
  /** Apply it as an update of this existing record instead (same id; the update rules apply). */
  replaceKey?: string;
}
export interface PopupUpdateKeySet {
  kind: 'popup/update-keyset';
  key: string;
}
export interface PopupRemoveKeySet {
  kind: 'popup/remove-keyset';
  key: string;
}
export interface PopupUndoRemoveKeySet {
  kind: 'popup/undo-remove-keyset';
  key: string;
}
/** Bundled defaults back (enabled); subscriptions are kept. */
export interface PopupResetKeySets {
  kind: 'popup/reset-keysets';
}
export interface PopupExportKeySet {
  kind: 'popup/export-keyset';
  key: string;
}

export type KeySetStatus = 'ok' | 'unchecked' | 'updated' | 'update-failed' | 'error' | 'expired' | 'disabled';
/** A key set as the popup lists it. */
export interface KeySetInfo {
  /** Stable store key, e.g. "bundled:keysets/reference-defaults.json" or "url:https://…". */
  key: string;
  source: 'bundled' | 'url' | 'file';
  url?: string;
  fileName?: string;
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
  /** Why the set is unusable ('error'), or why the last update was not applied ('update-failed'). */
  error?: string;
  /** ms since epoch: last time the source was asked. */
  lastCheck?: number;
  /** ms since epoch: when the stored document was last replaced by an update. */
  lastUpdated?: number;
  previousVersion?: number;
  /** Detection uses it now. */
  usable: boolean;
}
export interface ListKeySetsReply {
  keySets: KeySetInfo[];
}

/** What the popup shows before the user confirms an add. */
export interface KeySetPreview {
  id: string;
  name: string;
  publisher: string;
  publisherUrl?: string;
  version: number;
  issued: string;
  expires?: string;
  expired: boolean;
  numKeys: number;
  /** e.g. "kgw lm-watermarking lefthash (γ 0.25)", one per key. */
  schemes: string[];
  tokenizers: string[];
  /** Tokenizer files (Hugging Face tokenizer.json) the keys need, downloaded and verified by now. */
  tokenizerFiles?: TokenizerNeed[];
  /** SHA-256 hex of the exact bytes, and its short form. */
  sha256: string;
  fingerprint: string;
  sizeBytes: number;
}
/** A tokenizer file a key set names (design §3.1), as the popup describes it. */
export interface TokenizerNeed {
  /** As the key set names it, e.g. "Qwen/Qwen2.5-1.5B-Instruct". */
  name: string;
  sha256: string;
  url: string;
  /** Host of `url` ("huggingface.co"); '' for a path the extension cannot download from. */
  host: string;
  /** Already in the extension's store (verified). */
  stored: boolean;
  /** Bytes of the stored file. */
  sizeBytes?: number;
  /** Host-permission pattern to ask for before it can be downloaded; absent if it cannot be. */
  origin?: string;
  permitted?: boolean;
}
/** A validated document on its way from preview to add. */
export interface KeySetCandidate {
  source: { type: 'url'; url: string } | { type: 'file'; name: string };
  /** The document text (strict UTF-8 decode of the exact bytes, BOM kept, so it re-encodes to them). */
  document: string;
  etag?: string;
  lastModified?: string;
}
/** An existing record with the same store key or the same key-set id. */
export interface DuplicateInfo {
  key: string;
  name: string;
  source: KeySetInfo['source'];
  version?: number;
  /** What the popup can offer instead of adding: fetch it again, or apply this document to it. */
  offer: 'update' | 'replace' | 'none';
}
export type PreviewKeySetReply =
  | { ok: true; preview: KeySetPreview; candidate: KeySetCandidate; duplicate?: DuplicateInfo }
  /**
   * `tokenizerPermission`: the key set is fine so far but needs tokenizer files from origins the
   * extension may not read yet; the popup asks for them during a click and previews again.
   */
  | { ok: false; error: string; tokenizerPermission?: TokenizerNeed[] };
export type AddKeySetReply = { ok: true; key: string; message: string } | { ok: false; error: string; duplicate?: DuplicateInfo };
export type UpdateOutcome = 'updated' | 'unchanged' | 'failed';
export type UpdateKeySetReply = { ok: true; outcome: UpdateOutcome; message: string } | { ok: false; error: string };
export type ExportKeySetReply = { ok: true; fileName: string; document: string } | { ok: false; error: string };
/** Reply to remove, undo and reset. */
export interface KeySetAck {
  ok: boolean;
  error?: string;
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

export type PopupToBackground =
  | PopupListKeySets
  | PopupSetKeySetEnabled
  | PopupPreviewKeySet
  | PopupAddKeySet
  | PopupUpdateKeySet
  | PopupRemoveKeySet
  | PopupUndoRemoveKeySet
  | PopupResetKeySets
  | PopupExportKeySet;
export type BackgroundToHost = HostRun | HostCheckText | HostCancel | HostCompile;
export type HostToBackground = HostResults;
