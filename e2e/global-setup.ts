import { assertBuilt } from './harness';

export default function globalSetup(): void {
  assertBuilt();
}
