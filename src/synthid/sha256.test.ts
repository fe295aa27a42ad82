import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { sha256, toHex } from './sha256';

it('matches node:crypto for lengths around the block and padding boundaries', () => {
  for (const length of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 4096 * 8]) {
    const data = new Uint8Array(length);
    for (let i = 0; i < length; i++) data[i] = (i * 131 + 7) & 0xff;
    expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
  }
});
