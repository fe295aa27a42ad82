// The entry bundled into build/cli/wmlens.mjs (scripts/build-cli.mjs), which bin/wmlens.js runs.
import { main } from './main';

await main();
