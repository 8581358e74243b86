import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, seedPath } from '../../test/shared-files.js';
import { FORM_6K_SCHEMA } from '../compose/schema-6k.js';
import { readBack6K } from '../validate/round-trip.js';
import { registerComposeCommand } from './compose-command.js';
import { type CliIo, type ExitCode, UserError } from './io.js';
import { registerValidateCommand } from './validate-command.js';

const dir = mkdtempSync(join(tmpdir(), 'edgarkit-compose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const testdata = join(projectRoot, 'testdata', 'compose');
const golden = JSON.parse(readFileSync(join(projectRoot, 'testdata', 'golden', 'forms', 'hanaro-6k-2002-12.json'), 'utf8')) as Record<
  string,
  unknown
>;
delete golden._comment;

/** Runs `edgarkit <args>` with the compose commands only, as main.ts would (user errors become messages and code 2). */
async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: new PassThrough(),
    env,
  };
  let code: ExitCode = 0;
  const program = new Command('edgarkit')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  const setExit = (exit: ExitCode) => {
    code = exit;
  };
  registerComposeCommand(program, io, setExit);
  registerValidateCommand(program, io, setExit);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (error instanceof UserError) {
      stderr += `edgarkit: ${error.message}\n`;
      return { code: error.exitCode, stdout, stderr };
    }
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
    throw error;
  }
  return { code, stdout, stderr };
}

describe('edgarkit compose', () => {
  it('prints the JSON Schema of the record', async () => {
    const result = await run(['compose', '--schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(FORM_6K_SCHEMA)));
  });

  it('writes the seed as ASCII: the document and the submission, listed; the submission reads back as the seed', async () => {
    const out = join(dir, 'seed');
    const result = await run(['compose', '6-k', join(testdata, 'hanaro-6k.yaml'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Wrote 2 files:\n  ${join(out, 'form6-k.txt')}  6-K, document 1, 3,447 bytes\n  ${join(out, 'submission.txt')}  complete submission (SGML header + 1 document), as EDGAR disseminates it\n` +
        'Validation: 0 errors, 0 warnings; read back: the same record\n',
    );
    expect(readdirSync(out).sort()).toEqual(['form6-k.txt', 'submission.txt']);
    expect(readBack6K(readFileSync(join(out, 'submission.txt')))).toEqual(golden);
    // The document is the seed's text, but for the seed's first <PAGE> and one row of its exhibit index.
    const seed = readFileSync(seedPath(), 'latin1');
    const text = readFileSync(join(out, 'form6-k.txt'), 'latin1');
    expect(text.split('\n').slice(0, 78)).toEqual(seed.split('\n').slice(1, 79));
  });

  it('writes an HTML 6-K with attached exhibits, a PDF copy and an image, and the EDGARLink XML with the codes from the environment', async () => {
    const out = join(dir, 'nordic');
    const result = await run(
      ['compose', '6-k', join(testdata, 'example', 'nordic-6k.yaml'), '--out', out, '--format', 'html', '--submission', 'xml'],
      {
        EDGARKIT_FILER_CIK: '1234567',
        EDGARKIT_FILER_CCC: 'x1y2z3@#',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('EDGARLink Online XML (TEST), 5 documents');
    expect(result.stdout).toContain("The XML holds the filer's CCC");
    expect(readdirSync(out).sort()).toEqual(['ex99-1.htm', 'ex99-1.pdf', 'ex99-2.txt', 'form6-k.htm', 'logo.gif', 'submission.xml']);
    const xml = readFileSync(join(out, 'submission.xml'), 'utf8');
    expect(xml).toContain('<cik>0001234567</cik>');
    expect(xml).toContain('<ccc>x1y2z3@#</ccc>');
    expect(readFileSync(join(out, 'logo.gif'))).toEqual(readFileSync(join(testdata, 'example', 'logo.gif')));
  });

  it('names each missing or malformed field with its line, writes nothing, and exits 1', async () => {
    const input = join(dir, 'bad.yaml');
    writeFileSync(
      input,
      'form: 6-K\nreportMonth: December 2002\nregistrant: X Ltd.\nannualReportForm: 20-F\nexhibits:\n  - number: "99.1"\n    description: a notice\n    file: missing.htm\nsignatures: []\n',
    );
    const out = join(dir, 'bad-out');
    const first = await run(['compose', '6-k', input, '--out', out]);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe(
      `${input}:2:1: reportMonth must be a month YYYY-MM, like 2002-12; found "December 2002"\n1 problem in ${input}; nothing was written\n`,
    );
    writeFileSync(input, readFileSync(input, 'utf8').replace('December 2002', '2002-12'));
    const second = await run(['compose', '6-k', input, '--out', out]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${input}:9:1: signatures is empty: a 6-K is signed on behalf of the registrant (warning)\n`);
    expect(second.stderr).toContain(`${input}:8:5: exhibits[0].file: cannot read "missing.htm" (looked in ${dir})\n`);
    expect(() => readdirSync(out)).toThrow();
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await run(['compose', '8-k', 'x.yaml', '--out', dir])).code).toBe(2);
    expect((await run(['compose', '6-k', join(testdata, 'hanaro-6k.yaml')])).stderr).toBe('edgarkit: Say where to write: --out DIR\n');
    expect((await run(['compose', '6-k', join(dir, 'nope.yaml'), '--out', dir])).code).toBe(2);
    const format = await run(['compose', '6-k', 'x', '--out', dir, '--format', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("argument 'pdf' is invalid. Allowed choices are ascii, html.");
  });
});

describe('edgarkit validate', () => {
  it('prints each finding at its place and exits 1 when a rule EDGAR enforces is broken', async () => {
    const result = await run(['validate', join(projectRoot, 'testdata', 'malformed', 'broken-6k.txt')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${join(projectRoot, 'testdata', 'malformed', 'broken-6k.txt')}:27:1: error html/script: Remove the <script>`,
    );
    expect(result.stdout.trim().split('\n').at(-1)).toBe(
      `${join(projectRoot, 'testdata', 'malformed', 'broken-6k.txt')}: 15 errors, 6 warnings`,
    );
  });

  it('exits 0 for the seed, and gives JSON with totals per rule for a folder', async () => {
    expect((await run(['validate', seedPath()])).code).toBe(0);
    const result = await run(['validate', join(projectRoot, 'testdata', 'malformed'), '--json']);
    const json = JSON.parse(result.stdout) as { files: unknown[]; totals: { errors: number; byRule: Record<string, number> } };
    expect(json.files).toHaveLength(1);
    expect(json.totals.errors).toBe(15);
    expect(json.totals.byRule['html/active-content']).toBe(2);
    expect(result.code).toBe(1);
  });

  it('says when the input is not there (exit 2)', async () => {
    const result = await run(['validate', join(dir, 'nothing.txt')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read');
  });
});
