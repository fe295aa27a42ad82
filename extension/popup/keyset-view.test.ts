import { describe, expect, it } from 'vitest';
import { formatBytes, formatInstant, formatMegabytes, sourceText, statusText, timeAgo, tokenizerNeedText } from './keyset-view';

describe('key-set wording', () => {
  it('names every status', () => {
    expect(statusText({ status: 'ok', source: 'url' })).toBe('up to date');
    expect(statusText({ status: 'ok', source: 'bundled' })).toBe('in use');
    expect(statusText({ status: 'unchecked', source: 'file' })).toBe('not checked yet');
    expect(statusText({ status: 'updated', source: 'url', version: 3, previousVersion: 2 })).toBe('updated: v2 → v3');
    expect(statusText({ status: 'update-failed', source: 'url', version: 2 })).toBe('update failed, still using v2');
    expect(statusText({ status: 'error', source: 'url' })).toBe('error: not used');
    expect(statusText({ status: 'expired', source: 'url' })).toBe('expired: not used');
    expect(statusText({ status: 'disabled', source: 'url' })).toBe('disabled');
  });

  it('formats times, instants, sources and sizes', () => {
    const now = Date.parse('2027-01-10T12:00:00Z');
    expect(timeAgo(undefined, now)).toBeUndefined();
    expect(timeAgo(now - 10_000, now)).toBe('just now');
    expect(timeAgo(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(timeAgo(now - 3 * 3600_000, now)).toBe('3 h ago');
    expect(timeAgo(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(timeAgo(now - 40 * 86_400_000, now)).toBe('2026-12-01');
    expect(formatInstant('2026-11-01T00:00:00Z')).toBe('2026-11-01 00:00 UTC');
    expect(formatInstant('2026-11-01T02:00:00+02:00')).toBe('2026-11-01 00:00 UTC');
    expect(formatInstant(undefined)).toBe('—');
    expect(sourceText({ source: 'url', url: 'https://k.example/a.json' })).toBe('https://k.example/a.json');
    expect(sourceText({ source: 'file', fileName: 'a.json' })).toBe('from file a.json');
    expect(sourceText({ source: 'bundled' })).toBe('bundled with Watermark Lens');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2400)).toBe('2 KiB');
    expect(formatBytes(3 << 20)).toBe('3.0 MiB');
  });
});

describe('tokenizer-file wording', () => {
  it('names the tokenizer, its size in decimal megabytes as downloads are announced, and its host', () => {
    expect(tokenizerNeedText({ name: 'Qwen/Qwen2.5-1.5B-Instruct', sizeBytes: 5_400_000, host: 'huggingface.co' })).toBe(
      'the Qwen/Qwen2.5-1.5B-Instruct tokenizer, 5.4 MB, from huggingface.co',
    );
    expect(tokenizerNeedText({ name: 'Qwen/Qwen3-0.6B', sizeBytes: 11_422_654, host: '127.0.0.1:8123' })).toBe('the Qwen/Qwen3-0.6B tokenizer, 11.4 MB, from 127.0.0.1:8123');
    // Not downloaded yet (no size), or a path the extension cannot download from (no host).
    expect(tokenizerNeedText({ name: 'X', host: 'tok.example' })).toBe('the X tokenizer, from tok.example');
    expect(tokenizerNeedText({ name: 'X', sizeBytes: 900, host: '' })).toBe('the X tokenizer, 900 bytes');
    expect(formatMegabytes(64_000)).toBe('64 kB');
  });
});
