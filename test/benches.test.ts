import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, sharedRoot } from './shared-files.js';
import { makeTempDir } from './store-conformance.js';

/** Runs a bench script as a developer would (`node --import tsx bench/…`); resolves with its output, whatever the exit. */
function runBench(script: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', script), ...args], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

// The speed benchmarks run here on a tiny input so they cannot rot: each must finish and print its figures. No
// timing is asserted (the machine is shared); what is checked is that every measurement happened and counted
// the work it was given. They spawn the built CLI (`npm test` builds first).
describe('benchmark scripts on a tiny input', () => {
  it('edgar-json-facts reads a small companyfacts document four ways', async () => {
    const run = await runBench('edgar-json-facts.ts', ['1', '4']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('400 facts; best of 1');
    for (const name of [
      'JSON.parse',
      'parseExactJson',
      'yaml parseDocument',
      'readEdgarJsonFacts (exact + zod + rows)',
      'one value past a double',
    ])
      expect(run.stdout).toMatch(new RegExp(`${name.replace(/[()+]/g, '\\$&')}.* s +[\\d.]+ MB/s`));
  }, 300_000);

  it('raw-fts5 inserts the filing set text into one table and into the schema’s two', async () => {
    const dir = makeTempDir('edgarkit-bench-');
    for (const tables of ['one', 'schema']) {
      const run = await runBench('raw-fts5.ts', ['--filings', '4', '--tables', tables, '--db', join(dir, 'raw.db')]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout.trim()) as { tables: string; documents: number; textBytes: number; seconds: number };
      expect(result.tables).toBe(tables);
      expect(result.documents).toBeGreaterThanOrEqual(4);
      expect(result.textBytes).toBeGreaterThan(10_000);
      expect(result.seconds).toBeGreaterThan(0);
    }
  }, 360_000);

  it('ingest-ratio ingests the set from a folder and a .tar.gz with 0 and 1 workers, each beside raw FTS5', async () => {
    const run = await runBench('ingest-ratio.ts', [
      '--filings',
      '5',
      '--workers',
      '0,1',
      '--archive',
      '--dir',
      join(makeTempDir('edgarkit-bench-'), 'ratio'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/raw FTS5 [\d.]+ MB of text: one table [\d.]+ MB\/s/);
    for (const input of ['folder', 'tar.gz']) {
      for (const workers of [0, 1])
        expect(run.stdout).toMatch(new RegExp(`ingest ${input} --workers ${workers}: .* of raw FTS5 \\(one table\\)`));
    }
  }, 360_000);

  it('container-ratio measures lazy, eager, tar and parse --jsonl against the scan', async () => {
    const run = await runBench('container-ratio.ts', [
      '--mb',
      '1',
      '--tar',
      join(makeTempDir('edgarkit-bench-'), 'container', 'submissions.tar'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const mode of ['lazy', 'eager', 'tar-lazy', 'jsonl']) expect(run.stdout).toMatch(new RegExp(`round 1 ${mode}: .*ratio [\\d.]+`));
  }, 360_000);

  it('tar-reader reads a .tar and a .tar.gz with tar-stream and the reader, beside the scan', async () => {
    const run = await runBench('tar-reader.ts', ['--mb', '1', '--rounds', '1', '--dir', join(makeTempDir('edgarkit-bench-'), 'tar')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const archive of ['.tar', '.tar.gz'])
      for (const way of ['scan', 'tar-stream', 'tar-reader'])
        expect(run.stdout).toMatch(new RegExp(`\\${archive} all rounds ${way} +CPU [\\d.]+ s, \\d+ MB/s; ratio to scan by CPU [\\d.]+`));
  }, 360_000);

  it('container-startup splits Node start, module loading and work at a size', async () => {
    const run = await runBench('container-startup.ts', [
      '--sizes',
      '1',
      '--rounds',
      '1',
      '--dir',
      join(makeTempDir('edgarkit-bench-'), 'startup'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\d+ MB: node -e 0 [\d.]+ s CPU; scan [\d.]+ s/);
    expect(run.stdout).toMatch(/import -?[\d.]+ s over node; lazy [\d.]+ s, ratio [\d.]+ .*; jsonl [\d.]+ s, ratio [\d.]+/);
  }, 360_000);

  it('feed-ingest ingests a .nc.tar.gz of dissemination files beside gunzip', async () => {
    const run = await runBench('feed-ingest.ts', [
      '--filings',
      '3',
      '--workers',
      '0',
      '--dir',
      join(makeTempDir('edgarkit-bench-'), 'feed'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/round 1: gunzip [\d.]+ MB\/s/);
    expect(run.stdout).toMatch(/ingest --workers 0: .* of gunzip/);
  }, 360_000);

  it('part-render renders a middle part old, first and later, on two small legacy ASCII documents', async () => {
    // This checkout stands in for the old one: what is checked is that every run happened and rendered the part.
    // Heap figures are differences of two readings and may come out just below zero (a model freed late).
    const run = await runBench('part-render.ts', ['--rounds', '1', '--mb', '2', '--old', projectRoot]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const mode of ['old', 'first', 'later'])
      expect(
        run.stdout.match(
          new RegExp(
            `parts \\(skeleton [\\d.]+ MB\\) \\| ${mode} \\| \\d+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| -?[\\d.]+ \\| -?[\\d.]+ \\| \\d+ \\| (?!0\\.00)[\\d.]+ \\|`,
            'g',
          ),
        ),
      ).toHaveLength(2);
  }, 360_000);

  it('part-skeleton-sweep checks the parts of the corpus’s 6-Ks read alone', async () => {
    const run = await runBench('part-skeleton-sweep.ts', [join(sharedRoot, 'corpus', 'fpi'), '--sizes', '2000']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /\d+ filings, [1-9]\d* legacy ASCII documents; part sizes 2000: [1-9]\d* skeletons, (\d+) parts, \1 read alone .* 0 mismatches/,
    );
  }, 360_000);
  it('prepared-digest prints one stable digest per submission, and says which inputs are not filings', async () => {
    const inputs = [join(sharedRoot, 'seed'), join(sharedRoot, 'corpus', 'fpi')];
    const first = await runBench('prepared-digest.ts', inputs);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    const digests = lines.filter((line) => /\t[0-9a-f]{64}$/.test(line));
    expect(digests.length).toBeGreaterThan(60);
    // The one corpus/fpi input that is not a submission (a filing-index page) is named, not digested.
    expect(lines.filter((line) => line.includes('\tnot read: not an EDGAR filing'))).toHaveLength(1);
    expect(lines).toHaveLength(digests.length + 1);
    // The same inputs digest the same way again: what two checkouts are compared by.
    expect((await runBench('prepared-digest.ts', inputs)).stdout).toBe(first.stdout);
  }, 360_000);
  it('ingest-floor measures raw FTS5, htmlparser2 alone, the originals and the whole preparation, and the ceiling they give', async () => {
    const run = await runBench('ingest-floor.ts', ['--filings', '6', '--rounds', '1']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^6 filings; [\d.]+ M characters of HTML documents$/m);
    const round =
      /round 1: CPU s fts5 ([\d.]+), tokenize ([\d.]+) \(stock ([\d.]+)\), handlers ([\d.]+), originals ([\d.]+), prepare ([\d.]+); ceiling (0\.\d+|1\.00) of raw FTS5/.exec(
        run.stdout,
      );
    expect(round, run.stdout).not.toBeNull();
  }, 360_000);
});
