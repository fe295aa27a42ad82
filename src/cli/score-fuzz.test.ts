// Issue 12's fuzz cases for `wmlens score`, run as the CLI in a child process that measures itself:
// each hostile line gets a clear error line, and the run stays within bounded time and memory.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const bundled = join(root, 'public/keysets/reference-defaults.json');

function score(stdin: string | Buffer | number) {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/test-support/cli-measured.ts'), 'score', '--keyset', bundled, '--key', 'lmw-selfhash'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      stdio: [typeof stdin === 'number' ? stdin : 'pipe', 'pipe', 'pipe'],
      ...(typeof stdin === 'number' ? {} : { input: stdin }),
    },
  );
  if (child.status !== 0) throw new Error(`child failed (${child.status ?? child.signal}): ${child.stderr}`);
  const m = JSON.parse(child.stdout.trim().split('\n').pop()!) as { code: number; out: string; err: string; ms: number; maxRssMiB: number };
  return { ...m, lines: m.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('wmlens score on hostile lines', () => {
  it('answers [1e400], a 100,000-deep array and lines of 10^6 ids with clear errors, and scores the next line', () => {
    const lines = [
      '[1e400]',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      JSON.stringify(new Array(1_000_000).fill(7)), // 2 MB
      JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => i % 50257)), // 5.9 MB
      '[1, 2, 3, 4, 5, 6, 7, 8]',
    ];
    const m = score(lines.join('\n'));
    expect(m.code).toBe(0);
    expect(m.err).toBe('');
    expect(m.lines.map((l) => l.error ?? 'scored')).toEqual([
      'line 1: ids[0]: 1e400 is not a finite number (expected a non-negative integer token id)',
      'line 2: ids[0]: expected a non-negative integer token id, got an array',
      'line 3: more than 100000 ids on one line; wmlens score takes at most 100000 per line',
      'line 4: longer than 4 MiB; wmlens score takes at most 100000 ids per line',
      'scored',
    ]);
    expect(m.lines[4].numTokensScored).toBe(5); // selfhash has a context of 4 ids: the first 3 are not scored
    // Most of the time is compiling the key set (~1–3 s); the old code ran past 70 s on 10^6 ids.
    expect(m.ms).toBeLessThan(15_000);
    expect(m.maxRssMiB).toBeLessThan(256);
  }, 120_000);

  it('refuses a 128 MiB line without newlines (as from /dev/zero) in bounded memory', () => {
    const m = score(Buffer.alloc(128 * 1024 * 1024));
    expect(m.lines).toEqual([{ error: 'line 1: longer than 4 MiB; wmlens score takes at most 100000 ids per line' }]);
    expect(m.maxRssMiB).toBeLessThan(256);
  }, 120_000);
});
