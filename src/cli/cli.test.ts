import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadVectors } from '../test-support/vectors';
import type { CliIo } from './cli-io';
import { runCli } from './main';
import { runScore } from './score-command';

const root = resolve(__dirname, '../..');
const bundled = join(root, 'public/keysets/reference-defaults.json');

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'wmlens-')), name);
  writeFileSync(path, content);
  return path;
}

describe('wmlens keyset check', () => {
  it('accepts the bundled reference-defaults key set and reproduces its vectors', async () => {
    const io = capture();
    expect(await runCli(['keyset', 'check', bundled], io)).toBe(0);
    expect(io.out).toMatch(/^OK org\.watermark-lens\.reference-defaults version 1: 2 key\(s\)/);
    expect(io.out).toMatch(/8 test vector\(s\) reproduced/);
    // The fingerprint in the form the popup shows, then the whole hash.
    const sha256 = createHash('sha256').update(readFileSync(bundled)).digest('hex');
    expect(io.out).toContain(`fingerprint ${sha256.slice(0, 4)}:${sha256.slice(4, 8)}:${sha256.slice(8, 12)}:${sha256.slice(12, 16)} (sha256 ${sha256})`);
  });

  it('refuses a key set whose test vector does not reproduce, naming the field', async () => {
    const doc = JSON.parse(readFileSync(bundled, 'utf8'));
    doc.keys[1].testVectors[0].numGreenTokens += 1;
    const io = capture();
    expect(await runCli(['keyset', 'check', tempFile('bad.json', JSON.stringify(doc))], io)).toBe(1);
    expect(io.err).toMatch(/keys\[1\]\.testVectors\[0\]: expected numGreenTokens/);
    expect(io.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names a missing file and a JSON syntax error', async () => {
    const io = capture();
    expect(await runCli(['keyset', 'check', '/nonexistent/ks.json'], io)).toBe(1);
    expect(io.err).toMatch(/\/nonexistent\/ks\.json: no such file/);
    const io2 = capture();
    expect(await runCli(['keyset', 'check', tempFile('syntax.json', '{"format": ')], io2)).toBe(1);
    expect(io2.err).toMatch(/line 1/);
  });
});

describe('wmlens: nothing from a key set or a file name reaches the terminal raw (issue 12 row 7)', () => {
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it.each([
    ['name', '\u001b[2K\r\u001b[32mOK: not watermarked', 'name: must not contain control characters, found U+001B at character 0'],
    ['name', 'Acme\u0000', 'name: must not contain control characters, found U+0000 at character 4'],
    ['publisher', 'Acme \u202Etxt.exe', 'publisher.name: must not contain bidirectional formatting characters, found U+202E at character 5'],
  ])('a key set with a forged %s is refused, naming the field, and its value is shown escaped', async (field, value, message) => {
    const doc = JSON.parse(readFileSync(bundled, 'utf8'));
    if (field === 'name') doc.name = value;
    else doc.publisher.name = value;
    const io = capture();
    expect(await runCli(['keyset', 'check', tempFile('forged.json', JSON.stringify(doc))], io)).toBe(1);
    expect(io.err).toContain(message);
    expect(io.err).not.toMatch(UNSAFE);
  });

  it('escapes a file name', async () => {
    const io = capture();
    expect(await runCli(['keyset', 'check', '/nonexistent/\u001b[2K\u202E.json'], io)).toBe(1);
    expect(io.err).toBe('wmlens: key set /nonexistent/\\x1B[2K\\u202E.json: no such file\n');
  });
});

describe('wmlens usage errors exit 2', () => {
  it.each([[[]], [['frobnicate']], [['detect']], [['score', '--keyset']], [['keyset', 'verify', 'x']]])('%j', async (argv) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toMatch(/Usage: wmlens/);
  });

  it.each([[['--help']], [['-h']], [['detect', '--help']], [['score', '--keyset', 'x.json', '-h']], [['generate', '--help']]])(
    '%j prints the usage on stdout and exits 0',
    async (argv) => {
      const io = capture();
      expect(await runCli(argv, io)).toBe(0);
      expect(io.out).toMatch(/^Usage: wmlens/);
      expect(io.err).toBe('');
    },
  );

  it('a "--help" after "--" is a file name, not a request for help', async () => {
    const io = capture();
    expect(await runCli(['detect', '--keyset', bundled, '--', '--help'], io)).toBe(1);
    expect(io.err).toMatch(/--help/);
  });

  it('asks for --key when the key set has several keys', async () => {
    await expect(runScore(['--keyset', bundled], capture(), Readable.from(['[1,2,3]\n']))).rejects.toThrow(
      /has 2 keys \(lmw-lefthash, lmw-selfhash\): choose one with --key/,
    );
  }, 30_000);
});

describe('wmlens score', () => {
  it('reproduces reference cases line by line and keeps going after a bad line', async () => {
    const { cases } = loadVectors<{ cases: any[] }>('kgw-lmw.json');
    const picked = cases.filter(
      (c) =>
        c.config.seeding_scheme === 'selfhash' && c.config.gamma === 0.25 && c.config.vocab_size === 50257 &&
        c.config.ignore_repeated_ngrams && c.kind !== 'mixed_window',
    ).slice(0, 4);
    expect(picked.length).toBe(4);
    const lines = [JSON.stringify(picked[0].ids), '[1, "two"]', 'not json', ...picked.slice(1).map((c) => JSON.stringify(c.ids)), '[5]'];
    const io = capture();
    expect(await runScore(['--keyset', bundled, '--key', 'lmw-selfhash'], io, Readable.from(lines.join('\n')))).toBe(0);
    const out = io.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    expect(out[1].error).toMatch(/line 2: ids\[1\]/);
    expect(out[2].error).toMatch(/line 3: not valid JSON/);
    expect(out[out.length - 1].error).toMatch(/too short/);
    for (const [row, c] of [[out[0], picked[0]], ...picked.slice(1).map((c, i) => [out[3 + i], c])] as const) {
      if (c.result.error) {
        expect(row.error).toBeDefined();
        continue;
      }
      expect(row.numTokensScored).toBe(c.result.num_tokens_scored);
      expect(row.numGreenTokens).toBe(c.result.num_green_tokens);
      expect(row.zScore).toBe(c.result.z_score);
      expect(row.greenMask.join('')).toBe(c.result.green_mask.slice(c.result.first_scored_index));
      // Units: distinct (seed, target) pairs, so never more than the scored positions.
      expect(row.numUnits).toBeLessThanOrEqual(row.greenMask.length);
      expect(row.numGreenUnits).toBeLessThanOrEqual(row.numUnits);
      expect(row.pValue).toBeGreaterThan(0);
      expect(row.pValue).toBeLessThanOrEqual(1);
    }
  }, 30_000);
});

describe('wmlens detect', () => {
  it('prints per-key JSON with the contract fields', async () => {
    const text = tempFile('t.txt', 'The quick brown fox jumps over the lazy dog. '.repeat(20));
    const io = capture();
    expect(await runCli(['detect', '--keyset', bundled, '--json', text], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.results.map((r: any) => r.kid)).toEqual(['lmw-lefthash', 'lmw-selfhash']);
    for (const r of out.results) {
      for (const field of ['numTokensScored', 'numGreenTokens', 'greenFraction', 'zScore', 'pValue', 'pValueNormal', 'verdict', 'spans']) {
        expect(r).toHaveProperty(field);
      }
    }
  }, 30_000);

  it('refuses a binary input file with exit 1', async () => {
    const io = capture();
    expect(await runCli(['detect', '--keyset', bundled, tempFile('b.bin', new Uint8Array([0xff, 0xfe, 0x00]))], io)).toBe(1);
    expect(io.err).toMatch(/not valid UTF-8/);
  }, 30_000);
});

describe('bin/wmlens.js', () => {
  // The user-facing command runs the compiled bundle (build/cli), built here from the current sources.
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  }, 60_000);

  it('runs the compiled CLI as an executable and exits with the contract codes', () => {
    const bin = join(root, 'bin/wmlens.js');
    expect(execFileSync(bin, ['keyset', 'check', bundled], { encoding: 'utf8' })).toMatch(/^OK /);
    const usage = spawnSync(bin, ['nope'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/unknown command "nope"/);
  }, 60_000);

  it('score: the compiled bin (with its worker thread, and without) answers exactly as the in-process command', async () => {
    const bin = join(root, 'bin/wmlens.js');
    let x = 99;
    // Enough distinct contexts that the line's green-list work is shared with the worker thread.
    const ids = Array.from({ length: 3000 }, () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0), x % 3 ? x % 4000 : x % 50257));
    const input = `${JSON.stringify(ids)}\n[1, 2]\n`;
    const inputFile = join(mkdtempSync(join(tmpdir(), 'wmlens-bin-')), 'ids.jsonl');
    writeFileSync(inputFile, input);
    for (const kid of ['lmw-lefthash', 'lmw-selfhash']) {
      const io = capture();
      expect(await runScore(['--keyset', bundled, '--key', kid], io, Readable.from([input]))).toBe(0);
      for (const threads of ['1', '0']) {
        // stdin from a file, not spawnSync's `input`: in a full vitest run a child was seen waiting for
        // the end of a socket stdin that never came. '1': the worker thread even on a busy machine.
        const stdin = openSync(inputFile, 'r');
        try {
          const run = spawnSync(bin, ['score', '--keyset', bundled, '--key', kid], {
            stdio: [stdin, 'pipe', 'pipe'],
            encoding: 'utf8',
            timeout: 30_000,
            env: { ...process.env, WMLENS_THREADS: threads },
          });
          expect(run.stdout).toBe(io.out);
          // Node 20's platform can deadlock at exit after the program is done (nodejs/node#54918: the main
          // thread waits in NodePlatform::DrainTasks for a background task that waits for it). Seen here
          // only under heavy load, with the whole answer already written: that case is reported, not failed.
          if (run.status === null && run.signal === 'SIGTERM') console.warn(`wmlens score (threads ${threads}) answered, then hung at exit (nodejs/node#54918)`);
          else expect(run.status).toBe(0);
        } finally {
          closeSync(stdin);
        }
      }
    }
  }, 120_000);
});
