import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertBuilt, DIST } from './harness';

export default function globalSetup(): void {
  assertBuilt();
  // The suite drives the extension through the test build's hooks; a production build in dist/ would
  // fail every test with a confusing timeout instead of this message.
  const assets = join(DIST, 'assets');
  const hooked = readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes('__wmlensTest'));
  if (!hooked) throw new Error(`${DIST} is a production build: run \`npm run build:e2e\` (WMLENS_E2E=1) before the e2e tests`);
}
