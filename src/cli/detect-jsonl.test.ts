import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDetect } from './detect-command';

const root = resolve(__dirname, '../..');
const KEYSETS = {
  kgw: join(root, 'public/keysets/reference-defaults.json'),
  synthid: join(root, 'public/keysets/synthid-docs-example.json'),
};
const HUMAN = 'It was a bright cold day in April, and the clocks were striking thirteen. Winston Smith, his chin nuzzled into his breast in an effort to escape the vile wind, slipped quickly through the glass doors.';

async function jsonl(keyset: string, lines: string[], extra: string[] = []) {
  let out = '';
  let err = '';
  const code = await runDetect(['--keyset', keyset, '--jsonl', ...extra], { stdout: (t) => (out += t), stderr: (t) => (err += t) }, Readable.from(lines.map((l) => `${l}\n`)));
  return { code, err, lines: out.trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('wmlens detect --jsonl', () => {
  it.each(Object.entries(KEYSETS))('%s: one line out per line in, ids kept, errors per line', async (_scheme, keyset) => {
    const { code, lines } = await jsonl(keyset, [
      JSON.stringify({ id: 'a', text: HUMAN }),
      '',
      'not json',
      JSON.stringify({ id: 7, text: 42 }),
      JSON.stringify({ id: { nested: true }, text: HUMAN.slice(0, 60) }),
    ]);
    expect(code).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['a', null, 7, { nested: true }]);
    expect(lines[0].results.length).toBeGreaterThan(0);
    for (const r of lines[0].results) expect(['not-detected', 'too-short']).toContain(r.verdict);
    expect(lines[1].error).toMatch(/^line 3: not valid JSON/);
    expect(lines[2].error).toMatch(/^line 4: "text" must be a string, got number/);
    expect(lines[3].results.length).toBe(lines[0].results.length);
  });

  it('gives the same per-key objects as detect --json', async () => {
    const { lines } = await jsonl(KEYSETS.synthid, [JSON.stringify({ id: 1, text: HUMAN })]);
    let out = '';
    const stdin = Readable.from([HUMAN]);
    await runDetect(['--keyset', KEYSETS.synthid, '--json'], { stdout: (t) => (out += t), stderr: () => {} }, stdin);
    expect(lines[0].results).toEqual(JSON.parse(out).results);
    expect(lines[0].results[0]).toMatchObject({ scheme: 'synthid', kid: 'synthid-hf-docs' });
    expect(Object.keys(lines[0].results[0])).toEqual(expect.arrayContaining(['numTokensScored', 'meanScore', 'weightedMeanScore', 'zScore', 'pValue', 'verdict', 'spans']));
  });

  it('refuses --json together with --jsonl', async () => {
    await expect(jsonl(KEYSETS.kgw, [], ['--json'])).rejects.toThrow(/exclusive/);
  });
});
