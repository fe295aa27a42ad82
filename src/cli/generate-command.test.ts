import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io';
import { InputError, UsageError } from './errors';
import { readHumanSample, runGenerate } from './generate-command';

const root = resolve(__dirname, '../..');
const bundled = join(root, 'public/keysets/reference-defaults.json');

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe('wmlens generate, synthid keys', () => {
  const example = join(root, 'public/keysets/synthid-docs-example.json');
  it('--json: tournament-sampled text with its synthid detection; no δ; deterministic per seed', async () => {
    const argv = ['--keyset', example, '--key', 'synthid-text-docs', '--tokens', '80', '--seed', '4', '--json'];
    const io = capture();
    expect(await runGenerate(argv, io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out).toMatchObject({ kid: 'synthid-text-docs', seed: 4, tokens: 80, roundTrips: true });
    expect(out).not.toHaveProperty('delta');
    expect(out.ids).toHaveLength(80);
    expect(out.detection).toMatchObject({ scheme: 'synthid', kid: 'synthid-text-docs' });
    expect(out.detection.meanScore).toBeGreaterThan(0.5);
    const again = capture();
    await runGenerate(argv, again);
    expect(again.out).toBe(io.out);
  });

  it('refuses --delta and greedy decoding', async () => {
    await expect(runGenerate(['--keyset', example, '--key', 'synthid-hf-docs', '--delta', '2'], capture())).rejects.toThrow(UsageError);
    await expect(runGenerate(['--keyset', example, '--key', 'synthid-hf-docs', '--temperature', '0'], capture())).rejects.toThrow(/temperature > 0/);
  });
});

describe('wmlens generate', () => {
  it('--json: the text, its ids and the detection under the key; the same seed gives the same text', async () => {
    const argv = ['--keyset', bundled, '--key', 'lmw-lefthash', '--tokens', '150', '--seed', '13', '--json'];
    const io = capture();
    expect(await runGenerate(argv, io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out).toMatchObject({ kid: 'lmw-lefthash', delta: 2, seed: 13, tokens: 150, roundTrips: true, promptIds: [] });
    expect(out.ids).toHaveLength(150);
    expect(out.detection.kid).toBe('lmw-lefthash');
    expect(out.detection.verdict).toBe('watermarked');
    expect(out.detection.zScore).toBeGreaterThan(4);

    const again = capture();
    await runGenerate(argv, again);
    expect(again.out).toBe(io.out);
    const plain = capture();
    expect(await runGenerate(argv.slice(0, -1), plain)).toBe(0);
    expect(plain.out).toBe(`${out.text}\n`);
  });

  it('continues a prompt, given as the detector will see it', async () => {
    const io = capture();
    await runGenerate(['--keyset', bundled, '--key', 'lmw-selfhash', '--tokens', '20', '--prompt', '  The  Congress ', '--json'], io);
    const out = JSON.parse(io.out);
    expect(out.prompt).toBe('The Congress');
    expect(out.text.startsWith('The Congress')).toBe(true);
    expect(out.ids).toHaveLength(20);
  });

  it('--delta 0 gives the unbiased model text, not flagged', async () => {
    const io = capture();
    await runGenerate(['--keyset', bundled, '--key', 'lmw-lefthash', '--tokens', '150', '--seed', '12', '--delta', '0', '--json'], io);
    expect(JSON.parse(io.out).detection.verdict).toBe('not-detected');
  });

  it.each([
    [[]],
    [['--keyset', bundled, '--key', 'lmw-lefthash', '--tokens', '0']],
    [['--keyset', bundled, '--key', 'lmw-lefthash', '--tokens', '2.5']],
    [['--keyset', bundled, '--key', 'lmw-lefthash', '--delta', 'x']],
    [['--keyset', bundled, '--key', 'lmw-lefthash', '--seed=-1']],
    [['--keyset', bundled, '--key', 'nope']],
    [['--keyset', bundled]], // two keys: --key is needed
    [['--keyset', bundled, '--key', 'lmw-lefthash', 'extra']],
  ])('usage error: %j', async (argv) => {
    await expect(runGenerate(argv, capture())).rejects.toBeInstanceOf(UsageError);
  });

  it('bad input: a missing key set file or human sample', async () => {
    await expect(runGenerate(['--keyset', '/nonexistent/ks.json', '--key', 'k'], capture())).rejects.toBeInstanceOf(InputError);
    expect(() => readHumanSample('/nonexistent/')).toThrow(InputError);
  });

  it('reads the bundled human sample', () => {
    const files = readHumanSample();
    expect(files.length).toBeGreaterThan(30);
    expect(files.every((f) => f.paragraphs.length > 0 && f.paragraphs.every((p) => !p.includes('\n')))).toBe(true);
  });
});
