import { stat } from 'node:fs/promises';
import { readSubmissions } from '../io/read-submissions.js';
import { documentOutput, openDocument } from '../pipeline/open-document.js';
import { listDocuments } from '../pipeline/read-filing.js';
import type { RenderFormat } from '../render/index.js';
import { type CliIo, EXIT, type ExitCode, UserError } from './io.js';

export interface RenderCommandOptions {
  readonly doc?: string;
  readonly format: RenderFormat;
  readonly page?: number;
}

/** `edgarkit render <file>`: one document of a submission as text, Markdown, HTML or JSON. */
export async function runRenderCommand(input: string, options: RenderCommandOptions, io: CliIo): Promise<ExitCode> {
  if (input !== '-') await stat(input).catch(() => Promise.reject(new UserError(`Cannot read ${input}: no such file or directory`)));
  let seen = 0;
  for await (const entry of readSubmissions(input, {}, io.stdin)) {
    seen++;
    if (seen > 1) throw new UserError(`${input} holds more than one submission; render reads one file`);
    if (!entry.ok) throw new UserError(`${entry.source}: ${entry.error.message}`);
    const read = openDocument(entry.submission, options.doc);
    if (!read) throw new UserError(`${input} has no document ${options.doc ?? ''}; it has: ${listDocuments(entry.submission) || 'none'}`);
    const output = documentOutput(read, options.format, options.page);
    if (!output.ok) throw new UserError(output.reason);
    io.stdout.write(output.text);
  }
  if (seen === 0) throw new UserError(`No submission in ${input}`);
  return EXIT.ok;
}
