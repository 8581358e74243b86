import { spawn } from 'node:child_process';

/** The child's peak RSS (threads included) and CPU time (every thread), written to stderr as it exits. */
const REPORT_USAGE = `data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("peak-rss-kb "+u.maxRSS+" cpu-us "+(u.userCPUTime+u.systemCPUTime)+"\\n")})`;

export interface ChildRun {
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssMb: number;
  /** CPU time of the process, every thread: on a shared machine, the cost where wall time is not. */
  readonly cpuSeconds: number;
}

/** Runs `node <args>` in `cwd`, timed from spawn to exit; rejects when it exits with anything but 0. */
export function runNode(args: readonly string[], cwd: string): Promise<ChildRun> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', REPORT_USAGE, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', fail);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return fail(new Error(`${args.join(' ')} exited ${code}:\n${stderr}`));
      const usage = /peak-rss-kb (\d+) cpu-us (\d+)/.exec(stderr);
      done({
        seconds,
        stdout,
        stderr,
        peakRssMb: usage ? Number(usage[1]) / 1024 : Number.NaN,
        cpuSeconds: usage ? Number(usage[2]) / 1e6 : Number.NaN,
      });
    });
  });
}
