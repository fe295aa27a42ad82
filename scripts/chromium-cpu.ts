// CPU time of one Chromium instance's threads, read from Linux /proc (bench:page --cpu). Wall time of a
// step on a loaded 2-core machine says little about its cost: the Workers' own "batch ms" were 4-8x
// their CPU time while other engineers' jobs held the cores. A snapshot before and after a page,
// per process kind and thread name, shows which part of the browser actually spent the CPU.
import { readdirSync, readFileSync } from 'node:fs';

/** Thread CPU ms keyed "process kind / thread name" (e.g. "extension / DedicatedWorker thread"). */
export type CpuSnapshot = Map<string, number>;

const TICK_MS = 10; // USER_HZ is 100 on Linux

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process or thread ended meanwhile
  }
}

/** Fields after the "(comm)" of a /proc stat line (comm may contain spaces and parentheses). */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function kindOf(cmdline: string): string {
  // Chromium rewrites its children's command lines into one space-separated string.
  const args = cmdline.split(/[\0 ]/);
  const type = args.find((a) => a.startsWith('--type='))?.slice(7);
  if (type === undefined) return 'browser';
  if (type === 'renderer') return args.includes('--extension-process') ? 'extension' : 'renderer';
  return type;
}

/**
 * The CPU time so far of every thread of the browser whose profile is `userDataDir` and of its
 * descendants (renderers, GPU, utility processes); undefined off Linux.
 */
export function cpuSnapshot(userDataDir: string): CpuSnapshot | undefined {
  if (process.platform !== 'linux') return undefined;
  const parent = new Map<number, number>();
  let root: number | undefined;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (stat === undefined) continue;
    parent.set(pid, Number(statFields(stat)[1]));
    const cmd = read(`/proc/${pid}/cmdline`);
    if (cmd !== undefined && cmd.includes(`--user-data-dir=${userDataDir}`) && !cmd.includes('--type=')) root = pid;
  }
  if (root === undefined) return new Map();
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 16; p = parent.get(p), hops++) {
      if (p === root) return true;
    }
    return false;
  };
  const out: CpuSnapshot = new Map();
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    const kind = kindOf(read(`/proc/${pid}/cmdline`) ?? '');
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      const comm = read(`/proc/${pid}/task/${tid}/comm`)?.trim();
      if (stat === undefined || comm === undefined) continue;
      const f = statFields(stat);
      // Per-thread keys would not survive a restart of a Worker; the sum per kind and name does.
      const key = `${kind} / ${comm}`;
      out.set(key, (out.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) * TICK_MS);
    }
  }
  return out;
}

/** CPU ms spent between two snapshots, largest first (threads that ended in between are not counted). */
export function cpuDelta(before: CpuSnapshot, after: CpuSnapshot): [string, number][] {
  const rows: [string, number][] = [];
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    if (d > 0) rows.push([k, d]);
  }
  return rows.sort((a, b) => b[1] - a[1]);
}
