#!/usr/bin/env node
// The CLI is written in TypeScript; tsx compiles it on the fly so `npx wmlens` works straight after install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main();
