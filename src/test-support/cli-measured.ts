// Child process for CLI tests that measure: runs `wmlens ARGS…` in this process (stdin is this
// process's stdin) and prints, as one JSON line, the exit code, the captured output (stdout cut to its
// first 2,000 characters), the wall time and the process's peak resident memory (Node and tsx included).
import { runCli } from '../cli/main';

let out = '';
let err = '';
const t0 = performance.now();
const code = await runCli(process.argv.slice(2), { stdout: (t) => void (out += t), stderr: (t) => void (err += t) });
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ code, out: out.slice(0, 2000), outLines: out.split('\n').length - 1, err, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
