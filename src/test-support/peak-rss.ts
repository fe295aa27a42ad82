// Peak resident memory of this process since it was exec'd, in MiB. Not resourceUsage().maxRSS: on
// Linux that figure survives execve, so a child spawned by a 500 MiB vitest worker reports the
// worker's size before it has allocated anything. VmHWM belongs to the address space, which exec
// replaces, so it counts only what this program touched.
import { readFileSync } from 'node:fs';

export function peakRssMiB(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  if (m === null) throw new Error('no VmHWM in /proc/self/status');
  return Number(m[1]) / 1024;
}
