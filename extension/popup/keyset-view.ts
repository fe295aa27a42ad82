// Wording and small formatting for the popup's key-set manager (pure; unit-tested).
import type { KeySetInfo, TokenizerNeed } from '../shared/messages';

/** The status shown beside a key set. */
export function statusText(k: Pick<KeySetInfo, 'status' | 'source' | 'version' | 'previousVersion'>): string {
  switch (k.status) {
    case 'ok':
      return k.source === 'url' ? 'up to date' : 'in use';
    case 'unchecked':
      return 'not checked yet';
    case 'updated':
      return k.previousVersion !== undefined && k.version !== undefined ? `updated: v${k.previousVersion} → v${k.version}` : 'updated';
    case 'update-failed':
      return k.version !== undefined ? `update failed, still using v${k.version}` : 'update failed, still using the last good copy';
    case 'error':
      return 'error: not used';
    case 'expired':
      return 'expired: not used';
    case 'disabled':
      return 'disabled';
  }
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" (then a date). */
export function timeAgo(t: number | undefined, now: number): string | undefined {
  if (t === undefined) return undefined;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 36) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d < 14) return `${d} days ago`;
  return new Date(t).toISOString().slice(0, 10);
}

/** ISO date-time → "2026-11-01 00:00 UTC" (the document's own instant, no locale guessing). */
export function formatInstant(iso: string | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Where a key set comes from, in words. */
export function sourceText(k: Pick<KeySetInfo, 'source' | 'url' | 'fileName'>): string {
  if (k.source === 'bundled') return 'bundled with Watermark Lens';
  if (k.source === 'url') return k.url ?? 'address';
  return `from file ${k.fileName ?? ''}`.trim();
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} bytes`;
}

export const MAX_FILE_BYTES = 1024 * 1024;
export const UNDO_SECONDS = 10;

/** Tokenizer files are announced in decimal megabytes, as download sizes usually are ("5.4 MB"). */
export function formatMegabytes(n: number): string {
  return n >= 100_000 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1000 ? `${Math.round(n / 1000)} kB` : `${n} bytes`;
}

/** e.g. "the Qwen/Qwen2.5-1.5B-Instruct tokenizer, 7.0 MB, from huggingface.co". */
export function tokenizerNeedText(n: Pick<TokenizerNeed, 'name' | 'sizeBytes' | 'host'>): string {
  const size = n.sizeBytes === undefined ? '' : `, ${formatMegabytes(n.sizeBytes)}`;
  const from = n.host === '' ? '' : `, from ${n.host}`;
  return `the ${n.name} tokenizer${size}${from}`;
}
