import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { largeAsciiBody } from './large-ascii.js';
import { corpusPath, projectRoot } from './shared-files.js';

const CLI = join(projectRoot, 'bin', 'edgarkit.js');
/**
 * The server's heap: far less than the answers below add up to, were each one a string of its own. (V8's flag caps
 * the render threads too, over their own limit: enough for them to render the document.)
 */
const SERVER_HEAP_MB = 192;

/** A legacy ASCII 6-K of about `mb` MB: paragraphs and column tables (its HTML rendering is about 3.5 times as large). */
function largeSubmission(mb: number): string {
  const body = largeAsciiBody(mb, '');
  const accession = '0009999999-26-000001';
  return [
    `<SEC-DOCUMENT>${accession}.txt : 20260101`,
    `<SEC-HEADER>${accession}.hdr.sgml : 20260101`,
    `ACCESSION NUMBER:\t\t${accession}`,
    'CONFORMED SUBMISSION TYPE:\t6-K',
    'PUBLIC DOCUMENT COUNT:\t\t1',
    'FILED AS OF DATE:\t\t20260101',
    'FILER:',
    '\tCOMPANY DATA:\t',
    '\t\tCOMPANY CONFORMED NAME:\t\t\tLARGE TEST CO',
    '\t\tCENTRAL INDEX KEY:\t\t\t0009999999',
    '</SEC-HEADER>',
    '<DOCUMENT>',
    '<TYPE>6-K',
    '<SEQUENCE>1',
    '<FILENAME>large.txt',
    '<TEXT>',
    body,
    '</TEXT>',
    '</DOCUMENT>',
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}

// Many clients asking at once for a large document's page, its HTML and its text, from a server whose heap is
// capped: before renderings were shared bytes sent in pieces, every page answer was a string of its own (the
// 14 MB rendering inside the page shell, flattened and encoded per request) and the server died out of memory.
describe('edgarkit serve under concurrent requests for a large document', () => {
  it(`answers every one (200, 413 or 503) with a ${SERVER_HEAP_MB} MB heap, and stays up`, { timeout: 480_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'edgarkit-server-memory-'));
    let child: ReturnType<typeof spawn> | null = null;
    try {
      writeFileSync(join(work, 'large.txt'), largeSubmission(4), 'latin1');
      const db = join(work, 'serve.db');
      const ingest = spawnSync(
        process.execPath,
        [CLI, 'ingest', join(work, 'large.txt'), corpusPath('fpi/0000912282-09-000008.txt'), '--db', db, '--workers', '0'],
        { encoding: 'utf8' },
      );
      expect(ingest.status, ingest.stderr).toBe(0);
      const server = spawn(
        process.execPath,
        [`--max-old-space-size=${SERVER_HEAP_MB}`, CLI, 'serve', '--db', db, '--port', '0', '--render-timeout', '60'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = server;
      let stderr = '';
      server.stderr?.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      const url = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        server.stdout?.on('data', (chunk) => {
          stdout += chunk;
          const match = /serving .* at (http:\/\/\S+?)\/?\n/.exec(stdout);
          if (match) resolve(match[1] as string);
        });
        void exited.then(() => reject(new Error(`serve exited before listening: ${stderr}`)));
      });
      const document = `${url}/filings/0009999999-26-000001/documents/1`;
      const api = `${url}/api/filings/0009999999-26-000001/documents/1`;
      const paths = [
        ...Array.from({ length: 16 }, () => document),
        ...Array.from({ length: 12 }, () => `${api}?format=html`),
        ...Array.from({ length: 12 }, () => `${api}?format=text`),
      ];
      const answers = await Promise.all(
        paths.map(async (path) => {
          try {
            const response = await fetch(path, { signal: AbortSignal.timeout(180_000) });
            // Counted as it comes, keeping the first and last bytes only (the client holds no copy either).
            let received = 0;
            let head = Buffer.alloc(0);
            let tail = Buffer.alloc(0);
            for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
              received += chunk.byteLength;
              if (head.length < 300) head = Buffer.concat([head, chunk]).subarray(0, 300);
              tail = Buffer.concat([tail, chunk]).subarray(-200);
            }
            return { path, status: response.status, length: response.headers.get('content-length'), received, head, tail };
          } catch (error) {
            return { path, status: 0, length: null, received: 0, head: Buffer.from(String(error)), tail: Buffer.alloc(0) };
          }
        }),
      );
      const alive = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 50))]);
      expect(alive, `the server died: ${stderr.slice(-2000)}`).toBe(true);
      for (const answer of answers) expect([200, 413, 503], `${answer.path}: ${answer.head}`).toContain(answer.status);
      const served = answers.filter((answer) => answer.status === 200);
      // The point is serving them: most were answered in full, not refused.
      expect(served.length, answers.map((answer) => `${answer.status} ${answer.head.toString().slice(0, 240)}`).join('\n')).toBeGreaterThan(
        answers.length / 2,
      );
      for (const answer of served) {
        if (answer.length !== null) expect(answer.received).toBe(Number(answer.length));
        // The page shows the document's first piece (it is one page, longer than a part); the API gives it whole.
        if (answer.path === document) {
          expect(answer.tail.toString()).toContain('</html>');
          expect(answer.received).toBeGreaterThan(512 * 1024);
          expect(answer.received).toBeLessThan(4 * 1024 * 1024);
        }
        if (answer.path === `${api}?format=html`) expect(answer.received).toBeGreaterThan(10 * 1024 * 1024);
      }
      // And it still answers a normal page at once.
      const normal = await fetch(`${url}/filings/0000912282-09-000008/documents/1`);
      expect(normal.status).toBe(200);
      expect(await normal.text()).toContain('7076991 Canada Inc.');
    } finally {
      child?.kill('SIGKILL');
      rmSync(work, { recursive: true, force: true });
    }
  });
});
