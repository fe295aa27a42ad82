import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors';

/**
 * Text given to `detect` (a file or stdin). Far more than any page or document one would check, and small
 * enough that reading it cannot exhaust memory; the key-set cap is MAX_DOCUMENT_BYTES (1 MiB).
 */
export const MAX_TEXT_INPUT_BYTES = 16 * 1024 * 1024;

const CHUNK_BYTES = 64 * 1024;

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function tooLarge(where: string, maxBytes: number): InputError {
  return new InputError(`${where}: larger than ${sizeText(maxBytes)} (${maxBytes} bytes), the most this input may be`);
}

/**
 * A file's bytes, read in chunks and abandoned as soon as they exceed `maxBytes`: the size a file claims
 * means nothing for /dev/zero, a FIFO or a file that grows, and reading first and checking after let
 * `keyset check /dev/zero` reach 3.7 GB.
 */
export function readInputFile(path: string, what: string, maxBytes: number): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw tooLarge(`${what} ${path}`, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new InputError(`${what} ${path}: ${reason}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** All of a stream (stdin), refused as soon as it exceeds `maxBytes`. */
export async function readStdin(maxBytes: number, input: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    total += bytes.length;
    // Leaving the loop early destroys the stream: nothing more is read.
    if (total > maxBytes) throw tooLarge('stdin', maxBytes);
  }
  return Buffer.concat(chunks, total);
}

/** Text input: strict UTF-8, so a binary file is refused instead of scored as mojibake. */
export function decodeText(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${where}: not valid UTF-8 text`);
  }
}
