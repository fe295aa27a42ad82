// Shared by demo and bench: build the extension (unless --no-build) so they always run the current code.
import { spawnSync } from 'node:child_process';
import { ROOT } from '../e2e/harness';

export function buildExtension(argv: string[] = process.argv): void {
  if (argv.includes('--no-build')) return;
  const t0 = Date.now();
  // The test build (WMLENS_E2E=1) into dist/, where launchExtension loads it from: the harness reads the
  // page-state hooks and data-wmlens marks that only the test build has.
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, WMLENS_E2E: '1' } });
  if (r.status !== 0) throw new Error('build failed');
  console.log(`built the test build into dist/ in ${Date.now() - t0} ms`);
}

export function argValue(name: string, argv: string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}
