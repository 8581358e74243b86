import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './shared-files.js';

// The load benchmark on a tiny set for a few seconds (bench/server-stress.ts --smoke), through the built CLI: no
// timing is asserted, only that every answer is of the right kind (no 500, normal pages 200, broad queries 200 or
// 400, hostile documents 200, 413 or 503) and the server lives through it.
describe('bench/server-stress.ts --smoke', () => {
  it('serves hostile documents and broad queries beside normal pages with answers of the right kind', { timeout: 480_000 }, async () => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(projectRoot, 'bench', 'server-stress.ts'), '--smoke'],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output).toBe(0);
    expect(output).toMatch(/normal pages: \d+ requests, p99 [\d.]+ ms/);
    expect(output).toMatch(/hostile: all +\d+/);
    expect(output).not.toMatch(/answers of the wrong kind/);
  });
});
