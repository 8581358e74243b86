import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { captureIo } from './capture-io.js';
import { corpusPath, projectRoot } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

const CLI = join(projectRoot, 'bin', 'edgarkit.js');

describe('edgarkit serve', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops on the first %s after a document page was rendered in a worker thread',
    { timeout: 240_000 },
    async (signal) => {
      const db = join(makeTempDir('edgarkit-serve-stop-'), 'serve.db');
      const io = captureIo();
      expect(await runCli(['ingest', corpusPath('fpi/0000912282-09-000008.txt'), '--db', db, '--workers', '0'], io), io.err()).toBe(0);
      const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, by) => resolve({ code, signal: by })),
      );
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
          const match = /serving .* at (http:\/\/\S+)/.exec(stdout);
          if (match) resolve(match[1] as string);
        });
        child.on('exit', () => reject(new Error(`serve exited before listening: ${stderr}`)));
      });
      const page = await fetch(`${url}filings/0000912282-09-000008/documents/1`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('7076991 Canada Inc.');
      const started = Date.now();
      child.kill(signal);
      const result = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
      if (result === null) child.kill('SIGKILL');
      // One signal is enough: the server stops, the worker threads end, the process exits on its own with 0.
      expect(result, `still running 10 s after ${signal}; stderr: ${stderr}`).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(8_000);
    },
  );
});
