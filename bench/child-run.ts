import { spawn } from 'node:child_process';

/**
 * The child's peak RSS (threads included), CPU time (every thread) and its main thread's CPU time (Linux: from
 * /proc; absent elsewhere), written to stderr as it exits.
 */
const REPORT_USAGE = `data:text/javascript,import{readFileSync}from"node:fs";process.on("exit",()=>{const u=process.resourceUsage();let m=-1;try{const s=readFileSync("/proc/self/task/"+process.pid+"/stat","latin1").split(") ")[1].split(" ");m=(Number(s[11])+Number(s[12]))*10000}catch{}process.stderr.write("peak-rss-kb "+u.maxRSS+" cpu-us "+(u.userCPUTime+u.systemCPUTime)+" main-cpu-us "+m+"\\n")})`;

export interface ChildRun {
  readonly seconds: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly peakRssMb: number;
  /** CPU time of the process, every thread: on a shared machine, the cost where wall time is not. */
  readonly cpuSeconds: number;
  /** CPU time of the main thread alone (NaN where /proc is not there): what bounds scaling with worker threads. */
  readonly mainCpuSeconds: number;
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
      const usage = /peak-rss-kb (\d+) cpu-us (\d+) main-cpu-us (-?\d+)/.exec(stderr);
      done({
        seconds,
        stdout,
        stderr,
        peakRssMb: usage ? Number(usage[1]) / 1024 : Number.NaN,
        cpuSeconds: usage ? Number(usage[2]) / 1e6 : Number.NaN,
        mainCpuSeconds: usage && Number(usage[3]) >= 0 ? Number(usage[3]) / 1e6 : Number.NaN,
      });
    });
  });
}
