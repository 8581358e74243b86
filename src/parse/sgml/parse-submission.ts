import type { Submission, SubmissionDocument } from '../../model/submission.js';
import { type DecodedText, decodeText } from './decode-text.js';
import { SubmissionParser, type SubmissionParserOptions } from './submission-parser.js';
import { type DecodedAttachment, uudecode } from './uudecode.js';

const utf8 = new TextEncoder();

/** Parses one submission held in memory (bytes, or a string that is encoded as UTF-8 first). */
export function parseSubmission(input: Uint8Array | string, options: SubmissionParserOptions = {}): Submission {
  const parser = new SubmissionParser(options);
  parser.write(typeof input === 'string' ? utf8.encode(input) : input);
  return parser.end();
}

/** A document's body as Unicode text (UTF-8 when valid, else Windows-1252; never fails). */
export function decodeDocumentText(document: SubmissionDocument): DecodedText {
  return decodeText(document.body);
}

/** The exact bytes of a uuencoded document; null when the document is not uuencoded. */
export function decodeAttachment(document: SubmissionDocument): DecodedAttachment | null {
  if (document.encoding !== 'uuencode') return null;
  return uudecode(document.body, document.bodyRange.start);
}
