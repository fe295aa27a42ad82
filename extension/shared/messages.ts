// Every message that crosses a context boundary, defined once: the payload and reply types below, then
// (at the end) the protocol table kind → payload → reply, the kind sets each receiver accepts, a valibot
// schema per payload, and the typed `send()` / handler table every context uses. Receivers parse every
// message against its schema and check its sender (senders.ts) before acting on it.
import * as v from 'valibot';
import type { KeyDetection, KgwKeyDetection, SpanResult, SynthIdKeyDetection, Verdict } from '../../src/detect-types';

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
export type HostRunReply = { ok: true } | { ok: false; missingKeySets: string[] } | { ok: false; error: string };
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
/**
 * background → compute host, when the host was just created (browser start, install): start the
 * Workers and compile these key sets in them now, so the first page finds them ready.
 */
export interface HostWarm {
  kind: 'host/warm';
  target: 'offscreen';
  keySetRefs: string[];
  keySets?: KeySetPayload[];
}
export type HostWarmReply = { ok: true; workers: number } | { ok: false; error: string };
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
export type BackgroundToHost = HostRun | HostCheckText | HostCancel | HostCompile | HostWarm;
export type HostToBackground = HostResults;

/** Reply to `content/detect-blocks`: queued (results follow as `background/detect-results`) or not. */
export type DetectBlocksReply = { ok: true; queued: number } | { ok: false; error: string };
/** Reply to `host/cancel`: how many jobs were dropped. */
export interface HostCancelReply {
  ok: true;
  cancelled: number;
}
/** Reply to `popup/set-keyset-enabled`. */
export interface SetEnabledReply {
  ok: boolean;
}

// ==== the protocol ==================================================================================

/** kind → [payload, reply]. `void`: the receiver does not answer. */
export interface Protocol {
  'content/detect-blocks': [ContentDetectBlocks, DetectBlocksReply];
  'content/check-text': [ContentCheckText, CheckTextReply];
  'content/cancel-page': [ContentCancelPage, { ok: true }];
  'background/detect-results': [BackgroundDetectResults, void];
  'background/check-selection': [BackgroundCheckSelection, { ok: boolean }];
  'background/rescan': [BackgroundRescan, void];
  /** Only the top frame answers (`frameId: 0`). */
  'popup/get-page-state': [PopupGetPageState, PageState];
  'popup/scroll-to-span': [PopupScrollToSpan, ContentAck];
  'popup/scan-now': [PopupScanNow, ContentAck];
  'popup/list-keysets': [PopupListKeySets, ListKeySetsReply];
  'popup/set-keyset-enabled': [PopupSetKeySetEnabled, SetEnabledReply];
  'popup/preview-keyset': [PopupPreviewKeySet, PreviewKeySetReply];
  'popup/add-keyset': [PopupAddKeySet, AddKeySetReply];
  'popup/update-keyset': [PopupUpdateKeySet, UpdateKeySetReply];
  'popup/remove-keyset': [PopupRemoveKeySet, KeySetAck];
  'popup/undo-remove-keyset': [PopupUndoRemoveKeySet, KeySetAck];
  'popup/reset-keysets': [PopupResetKeySets, KeySetAck];
  'popup/export-keyset': [PopupExportKeySet, ExportKeySetReply];
  'host/run': [HostRun, HostRunReply];
  'host/check-text': [HostCheckText, HostCheckTextReply];
  'host/cancel': [HostCancel, HostCancelReply];
  'host/compile': [HostCompile, HostCompileReply];
  'host/warm': [HostWarm, HostWarmReply];
  'host/results': [HostResults, void];
}
export type Kind = keyof Protocol;
export type MessageOf<K extends Kind> = Protocol[K][0];
export type ReplyOf<K extends Kind> = Protocol[K][1];
export type AnyMessage = { [K in Kind]: MessageOf<K> }[Kind];

// Each receiver's kinds, by sender. A receiver accepts a kind only from the sender named here.
export const CONTENT_TO_BACKGROUND = ['content/detect-blocks', 'content/check-text', 'content/cancel-page'] as const satisfies readonly Kind[];
export const BACKGROUND_TO_CONTENT = ['background/detect-results', 'background/check-selection', 'background/rescan'] as const satisfies readonly Kind[];
export const POPUP_TO_CONTENT = ['popup/get-page-state', 'popup/scroll-to-span', 'popup/scan-now'] as const satisfies readonly Kind[];
export const POPUP_TO_BACKGROUND = [
  'popup/list-keysets',
  'popup/set-keyset-enabled',
  'popup/preview-keyset',
  'popup/add-keyset',
  'popup/update-keyset',
  'popup/remove-keyset',
  'popup/undo-remove-keyset',
  'popup/reset-keysets',
  'popup/export-keyset',
] as const satisfies readonly Kind[];
export const BACKGROUND_TO_HOST = ['host/run', 'host/check-text', 'host/cancel', 'host/compile', 'host/warm'] as const satisfies readonly Kind[];
export const HOST_TO_BACKGROUND = ['host/results'] as const satisfies readonly Kind[];

// ---- payload schemas ------------------------------------------------------------------------------
// Bounds are far above what the extension itself sends (blocks ≤ 20,000 chars, batches ≤ 24 blocks,
// documents ≤ 1 MiB); they stop a confused or hostile sender from making a receiver work on anything huge.

/** Longest text in one message (a selection or block, or a key-set document as text). */
export const MAX_WIRE_TEXT = 4 * 1024 * 1024;
const MAX_ITEMS = 4096;
const text = v.pipe(v.string(), v.maxLength(MAX_WIRE_TEXT));
const id = v.pipe(v.string(), v.maxLength(512));
const int = v.pipe(v.number(), v.integer());
const list = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.maxLength(MAX_ITEMS));
/** Statistics may be NaN (z with no tokens), which JSON messaging turns into null. */
const stat = v.pipe(
  v.custom<number | null>((x) => x === null || typeof x === 'number', 'expected a number'),
  v.transform((x) => (x === null ? NaN : x)),
);
const hex64 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

const BlockTextSchema = v.object({ blockId: id, text });
const SpanSchema: v.GenericSchema<unknown, SpanResult> = v.object({ start: int, end: int, zScore: stat, pValue: stat });
const verdict = v.picklist(['watermarked', 'not-detected', 'too-short']);
const KgwDetectionSchema: v.GenericSchema<unknown, KgwKeyDetection> = v.object({
  keySetId: id,
  keySetName: id,
  kid: id,
  numTokensScored: stat,
  numGreenTokens: stat,
  greenFraction: stat,
  zScore: stat,
  pValueNormal: stat,
  pValueHf: v.optional(stat),
  // Unigram keys: the reference's distinct-token z, which the card shows (dropped here, it was not).
  uniqueZScore: v.optional(stat),
  pValue: stat,
  numUnits: stat,
  numGreenUnits: stat,
  verdict,
  spans: list(SpanSchema),
});
// SynthID scores g-values, not green tokens: without its own shape every SynthID result failed the KGW
// one and the whole results message was refused, so pages with SynthID text never finished scanning.
const SynthIdDetectionSchema: v.GenericSchema<unknown, SynthIdKeyDetection> = v.object({
  scheme: v.literal('synthid'),
  keySetId: id,
  keySetName: id,
  kid: id,
  numTokensScored: stat,
  meanScore: v.nullable(v.number()),
  weightedMeanScore: v.nullable(v.number()),
  zScore: stat,
  numUnits: stat,
  pValue: stat,
  verdict,
  spans: list(SpanSchema),
});
const KeyDetectionSchema: v.GenericSchema<unknown, KeyDetection> = v.union([SynthIdDetectionSchema, KgwDetectionSchema]);
const BlockResultSchema: v.GenericSchema<unknown, BlockResult> = v.object({
  blockId: id,
  detections: list(KeyDetectionSchema),
  error: v.optional(text),
});
const KeySetPayloadSchema = v.object({ ref: hex64, document: text });
const KeySetErrorSchema = v.object({ ref: id, error: text });
const KeySetSourceSchema: v.GenericSchema<unknown, KeySetSourceRequest> = v.variant('type', [
  v.object({ type: v.literal('url'), url: text }),
  v.object({ type: v.literal('file'), name: id, base64: text }),
]);
const KeySetCandidateSchema: v.GenericSchema<unknown, KeySetCandidate> = v.object({
  source: v.variant('type', [v.object({ type: v.literal('url'), url: text }), v.object({ type: v.literal('file'), name: id })]),
  document: text,
  etag: v.optional(text),
  lastModified: v.optional(text),
});
const CancelSelectorSchema = v.object({ tabId: int, pageId: v.optional(id), before: v.optional(v.number()) });
const kind = <K extends Kind>(k: K) => v.literal(k);
const keyed = <K extends Kind>(k: K) => v.object({ kind: kind(k), key: id });
const alpha = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

/** The schema of every payload: what a receiver accepts, checked before any handler runs. */
export const SCHEMAS: { [K in Kind]: v.GenericSchema<unknown, MessageOf<K>> } = {
  'content/detect-blocks': v.object({ kind: kind('content/detect-blocks'), pageId: id, blocks: list(BlockTextSchema) }),
  'content/check-text': v.object({ kind: kind('content/check-text'), text }),
  'content/cancel-page': v.object({ kind: kind('content/cancel-page'), pageId: id }),
  'background/detect-results': v.object({ kind: kind('background/detect-results'), pageId: id, results: list(BlockResultSchema) }),
  'background/check-selection': v.object({ kind: kind('background/check-selection'), selectionText: text }),
  'background/rescan': v.object({ kind: kind('background/rescan') }),
  'popup/get-page-state': v.object({ kind: kind('popup/get-page-state') }),
  'popup/scroll-to-span': v.object({ kind: kind('popup/scroll-to-span'), spanId: id }),
  'popup/scan-now': v.object({ kind: kind('popup/scan-now') }),
  'popup/list-keysets': v.object({ kind: kind('popup/list-keysets') }),
  'popup/set-keyset-enabled': v.object({ kind: kind('popup/set-keyset-enabled'), key: id, enabled: v.boolean() }),
  'popup/preview-keyset': v.object({ kind: kind('popup/preview-keyset'), source: KeySetSourceSchema }),
  'popup/add-keyset': v.object({ kind: kind('popup/add-keyset'), candidate: KeySetCandidateSchema, replaceKey: v.optional(id) }),
  'popup/update-keyset': keyed('popup/update-keyset'),
  'popup/remove-keyset': keyed('popup/remove-keyset'),
  'popup/undo-remove-keyset': keyed('popup/undo-remove-keyset'),
  'popup/reset-keysets': v.object({ kind: kind('popup/reset-keysets') }),
  'popup/export-keyset': keyed('popup/export-keyset'),
  'host/run': v.object({
    kind: kind('host/run'),
    target: v.literal('offscreen'),
    job: v.object({
      jobId: id,
      tabId: int,
      frameId: int,
      pageId: id,
      createdAt: v.number(),
      blocks: list(BlockTextSchema),
      keySetRefs: list(hex64),
      keySets: v.optional(list(KeySetPayloadSchema)),
      alpha,
    }),
  }),
  'host/check-text': v.object({
    kind: kind('host/check-text'),
    target: v.literal('offscreen'),
    text,
    keySetRefs: list(hex64),
    keySets: v.optional(list(KeySetPayloadSchema)),
    alpha,
  }),
  'host/cancel': v.object({ kind: kind('host/cancel'), target: v.literal('offscreen'), selector: CancelSelectorSchema }),
  'host/compile': v.object({ kind: kind('host/compile'), target: v.literal('offscreen'), keySet: KeySetPayloadSchema }),
  'host/warm': v.object({
    kind: kind('host/warm'),
    target: v.literal('offscreen'),
    keySetRefs: list(hex64),
    keySets: v.optional(list(KeySetPayloadSchema)),
  }),
  'host/results': v.object({
    kind: kind('host/results'),
    jobId: id,
    tabId: int,
    frameId: int,
    pageId: id,
    results: list(BlockResultSchema),
    keySetErrors: list(KeySetErrorSchema),
    done: v.boolean(),
  }),
};

// ---- receiving ------------------------------------------------------------------------------------

/** The message, if its kind is one of `kinds` and it matches that kind's schema; otherwise null. */
export function parseMessage<K extends Kind>(kinds: readonly K[], raw: unknown): MessageOf<K> | null {
  const k = raw !== null && typeof raw === 'object' ? (raw as { kind?: unknown }).kind : undefined;
  if (typeof k !== 'string' || !(kinds as readonly string[]).includes(k)) return null;
  const r = v.safeParse(SCHEMAS[k as K], raw);
  return r.success ? r.output : null;
}

/** One receiver's handlers, one per kind it accepts; `undefined` means "not answering this one". */
export type HandlerTable<K extends Kind, C> = { [P in K]: (msg: MessageOf<P>, ctx: C) => ReplyOf<P> | Promise<ReplyOf<P>> | undefined };

/**
 * Parse `raw` against the table's kinds and run its handler. Returns undefined (no answer, so another
 * listener or frame may answer) for an unknown kind, a malformed payload, or a handler that declines.
 */
export function dispatch<K extends Kind, C>(kinds: readonly K[], table: HandlerTable<K, C>, raw: unknown, ctx: C): Promise<ReplyOf<K>> | undefined {
  const msg = parseMessage(kinds, raw);
  if (msg === null) return undefined;
  const handler = table[msg.kind as K] as (m: MessageOf<K>, c: C) => ReplyOf<K> | Promise<ReplyOf<K>> | undefined;
  const r = handler(msg, ctx);
  return r === undefined ? undefined : Promise.resolve(r);
}

// ---- sending --------------------------------------------------------------------------------------

/** How a message leaves this context (runtime.sendMessage, tabs.sendMessage to one frame, a direct call). */
export type Transport = (msg: AnyMessage) => Promise<unknown>;

/** Send one message; the reply is typed by its kind. */
export function send<M extends AnyMessage>(transport: Transport, msg: M): Promise<ReplyOf<M['kind']>> {
  return transport(msg) as Promise<ReplyOf<M['kind']>>;
}
