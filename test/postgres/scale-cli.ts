import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../shared-files.js';

/**
 * The compiled CLI for the scale commands, as a child process: `bin/edgarkit.js` once src/cli/main.ts registers
 * them, else the stand-in `test/postgres/edgarkit-scale.mjs` (the same commands from dist/, without the others).
 */
let script: string | undefined;

export function scaleCliScript(): string {
  if (script) return script;
  if (!existsSync(join(projectRoot, 'dist', 'cli', 'scale-commands.js'))) {
    throw new Error('dist/cli/scale-commands.js is missing: build first (npm run build; npm test does it)');
  }
  const bin = join(projectRoot, 'bin', 'edgarkit.js');
  const probe = spawnSync(process.execPath, [bin, 'worker', '--help'], { encoding: 'utf8', timeout: 30_000 });
  script = probe.status === 0 && probe.stdout.includes('--concurrency') ? bin : join(projectRoot, 'test', 'postgres', 'edgarkit-scale.mjs');
  return script;
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function spawnScaleCli(args: readonly string[]): ChildProcess & { output: Promise<CliRun> } {
  const child = spawn(process.execPath, [scaleCliScript(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const output = new Promise<CliRun>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return Object.assign(child, { output });
}

export function runScaleCli(args: readonly string[]): Promise<CliRun> {
  return spawnScaleCli(args).output;
}
