// Test-only helper (Node): the hash encoding the reference vectors use for permutations and green lists.
import { createHash } from 'node:crypto';

/** SHA-256 (lower-case hex) over the values as consecutive little-endian signed int64. */
export function sha256LeInt64(values: ArrayLike<number>): string {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeBigInt64LE(BigInt(values[i]), i * 8);
  return createHash('sha256').update(bytes).digest('hex');
}
