/**
 * One document of a submission file as Markdown (real tables as GitHub tables), with the pure library alone.
 *
 *   npx tsx examples/render-markdown.ts ../shared/seed/hanaro-6k-2002-12.txt 1
 */
import { readFileSync } from 'node:fs';
import { decodeDocumentText, detectDocumentKind, parseDocument, parseSubmission, renderMarkdown } from 'edgarkit';

const [file = 'filing.txt', which = '1'] = process.argv.slice(2);
const submission = parseSubmission(readFileSync(file));
const document =
  submission.documents.find((candidate) => String(candidate.sequence ?? '') === which || candidate.type === which) ??
  submission.documents[Number(which) - 1];
if (!document) throw new Error(`${file} has no document ${which}`);
const { text } = decodeDocumentText(document);
const kind = detectDocumentKind(text, document);
if (kind !== 'html' && kind !== 'text') throw new Error(`${file}: document ${which} is ${kind}, not a readable document`);
console.log(renderMarkdown(parseDocument(text, kind)));
