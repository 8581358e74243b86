import { stat } from 'node:fs/promises';
import { readSubmissions } from '../io/read-submissions.js';
import { detectDocumentKind, parseDocument } from '../parse/parse-document.js';
import { decodeText } from '../parse/sgml/decode-text.js';
import { type RenderFormat, renderDocument } from '../render/index.js';
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
    const documents = entry.submission.documents;
    const wanted = options.doc?.toUpperCase();
    const document =
      wanted === undefined
        ? documents[0]
        : (documents.find((candidate) => String(candidate.sequence ?? '') === wanted) ?? documents.find((candidate) => (candidate.type ?? '').toUpperCase() === wanted));
    if (!document) {
      const available = documents.map((candidate) => `${candidate.sequence ?? '-'} ${candidate.type ?? '-'}`).join(', ');
      throw new UserError(`${input} has no document ${options.doc ?? ''}; it has: ${available || 'none'}`);
    }
    if (document.encoding === 'uuencode') {
      throw new UserError(`Document ${document.sequence ?? ''} (${document.filename ?? document.type ?? 'attachment'}) is a uuencoded binary; use "edgarkit parse --extract-attachments DIR"`);
    }
    const text = decodeText(document.body).text;
    const kind = detectDocumentKind(text, document);
    if (kind === 'xml') {
      io.stdout.write(text);
      return EXIT.ok;
    }
    const model = parseDocument(text, kind === 'html' ? 'html' : 'text');
    try {
      io.stdout.write(renderDocument(model, options.format, options.page !== undefined ? { page: options.page } : {}));
    } catch (error) {
      if (error instanceof RangeError) throw new UserError(error.message);
      throw error;
    }
  }
  if (seen === 0) throw new UserError(`No submission in ${input}`);
  return EXIT.ok;
}
