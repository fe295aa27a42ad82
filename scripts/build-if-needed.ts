// Shared by demo and bench: build the extension (unless --no-build) so they always run the current code.
import { spawnSync } from 'node:child_process';
import { ROOT } from '../e2e/harness';

export function buildExtension(argv: string[] = process.argv): void {
  if (argv.includes('--no-build')) return;
  const t0 = Date.now();
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
  console.log(`built dist/ in ${Date.now() - t0} ms`);
}

export function argValue(name: string, argv: string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}
