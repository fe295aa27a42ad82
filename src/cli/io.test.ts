import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors';
import { readInputFile, readStdin } from './io';

const root = resolve(__dirname, '../..');
const MiB = 1024 * 1024;

function tempFile(content: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wmlens-io-')), 'f');
  writeFileSync(path, content);
  return path;
}

/** `wmlens ARGS` in a child process that reports its exit code, output, time and peak RSS. */
function measured(args: string[], stdin?: string | number) {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/test-support/cli-measured.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * MiB,
    stdio: [stdin === undefined ? 'ignore' : typeof stdin === 'number' ? stdin : 'pipe', 'pipe', 'pipe'],
    ...(typeof stdin === 'string' ? { input: stdin } : {}),
  });
  if (child.status !== 0) throw new Error(`child failed (${child.status ?? child.signal}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as { code: number; out: string; outLines: number; err: string; ms: number; maxRssMiB: number };
}

describe('readInputFile: a streamed size cap (issue 12 row 8)', () => {
  it('reads a file of exactly the cap and refuses one byte more', () => {
    expect(readInputFile(tempFile(new Uint8Array(MiB).fill(65)), 'key set', MiB)).toHaveLength(MiB);
    const over = tempFile(new Uint8Array(MiB + 1));
    expect(() => readInputFile(over, 'key set', MiB)).toThrow(
      new InputError(`key set ${over}: larger than 1 MiB (1048576 bytes), the most this input may be`),
    );
    expect(readInputFile(tempFile(new Uint8Array(0)), 'input', 10)).toHaveLength(0);
  });

  it('stops reading /dev/zero at the cap', () => {
    expect(() => readInputFile('/dev/zero', 'key set', MiB)).toThrow(/^key set \/dev\/zero: larger than 1 MiB/);
  });

  it('keeps the messages for a missing file and a directory', () => {
    expect(() => readInputFile('/nonexistent/x', 'key set', MiB)).toThrow('key set /nonexistent/x: no such file');
    expect(() => readInputFile(tmpdir(), 'input', MiB)).toThrow(`input ${tmpdir()}: is a directory`);
  });

  it('readStdin stops at the cap', async () => {
    const endless = Readable.from((function* () {
      for (;;) yield Buffer.alloc(64 * 1024);
    })());
    await expect(readStdin(MiB, endless)).rejects.toThrow('stdin: larger than 1 MiB (1048576 bytes), the most this input may be');
    expect((await readStdin(MiB, Readable.from([Buffer.from('ab'), Buffer.from('c')]))).toString()).toBe('abc');
  });

  it('`wmlens keyset check /dev/zero` and `wmlens detect < /dev/zero` are refused quickly in bounded memory', () => {
    // The old code read all of /dev/zero first (3.7 GB RSS before it was stopped).
    const keyset = measured(['keyset', 'check', '/dev/zero']);
    expect(keyset.code).toBe(1);
    expect(keyset.err).toBe('wmlens: key set /dev/zero: larger than 1 MiB (1048576 bytes), the most this input may be\n');
    expect(keyset.ms).toBeLessThan(2000);
    expect(keyset.maxRssMiB).toBeLessThan(256);
    const zero = openSync('/dev/zero', 'r');
    try {
      const detect = measured(['detect', '--keyset', join(root, 'public/keysets/reference-defaults.json'), '-'], zero);
      expect(detect.code).toBe(1);
      expect(detect.err).toBe('wmlens: stdin: larger than 16 MiB (16777216 bytes), the most this input may be\n');
      expect(detect.maxRssMiB).toBeLessThan(256);
    } finally {
      closeSync(zero);
    }
  }, 60_000);
});
