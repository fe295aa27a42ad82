import { describe, expect, it } from 'vitest';
import { base64MaxBytes, base64ToBytes, bytesToBase64 } from './base64';

describe('base64', () => {
  it('round-trips every byte value and large inputs', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect([...base64ToBytes(bytesToBase64(all))]).toEqual([...all]);
    const big = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    const back = base64ToBytes(bytesToBase64(big));
    expect(back.length).toBe(big.length);
    expect(back.every((b, i) => b === big[i])).toBe(true);
    expect(bytesToBase64(new TextEncoder().encode('{"a":"é"}'))).toBe(Buffer.from('{"a":"é"}').toString('base64'));
  });

  it('refuses garbage and bounds the decoded size', () => {
    expect(() => base64ToBytes('not base64!')).toThrow();
    expect(base64MaxBytes(bytesToBase64(new Uint8Array(10)).length)).toBeGreaterThanOrEqual(10);
  });
});
