import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SYNC_HASH_MAX_BYTES, keySetFingerprint, shortFingerprint } from './fingerprint';

describe('keySetFingerprint', () => {
  it('is the SHA-256 of the exact bytes', async () => {
    const text = '{"format": "watermark-keyset", "name": "Café ☕"}\n';
    const expected = createHash('sha256').update(text, 'utf8').digest('hex');
    const fromBytes = await keySetFingerprint(new TextEncoder().encode(text));
    const fromString = await keySetFingerprint(text);
    expect(fromBytes.sha256).toBe(expected);
    expect(fromString).toEqual(fromBytes);
  });

  it('matches the well-known digest of "abc" and shortens it to four groups of four', async () => {
    const fp = await keySetFingerprint('abc');
    expect(fp.sha256).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(fp.short).toBe('ba78:16bf:8f01:cfea');
    expect(shortFingerprint(fp.sha256)).toBe(fp.short);
  });

  it('changes with any byte, whitespace included', async () => {
    expect((await keySetFingerprint('{}')).sha256).not.toBe((await keySetFingerprint('{} ')).sha256);
  });

  it('hashes only the viewed bytes of a subarray', async () => {
    const buffer = new TextEncoder().encode('xxabcxx');
    expect((await keySetFingerprint(buffer.subarray(2, 5))).sha256).toBe(
      createHash('sha256').update('abc').digest('hex'),
    );
  });

  it('gives the same digest on both sides of the JavaScript / WebCrypto size threshold', async () => {
    for (const size of [0, 55, 56, 63, 64, 65, SYNC_HASH_MAX_BYTES - 1, SYNC_HASH_MAX_BYTES, SYNC_HASH_MAX_BYTES + 1, 3 * SYNC_HASH_MAX_BYTES]) {
      const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 131 + 7) & 255);
      expect((await keySetFingerprint(bytes)).sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
