import { encodeRendered, type RenderRequest, renderStoredDocument } from './render-stored-document.js';

/**
 * A made-up submission of a legacy ASCII document (paragraphs, a column table, two pages) and an HTML one (a
 * table, a list): enough to run every step a document page takes through the parsers and renderers.
 */
function sampleSubmission(): Uint8Array {
  const row = (label: string, a: number, b: number) => `${label.padEnd(30)}${String(a).padStart(12)}${String(b).padStart(12)}`;
  const text = [
    'REPORT OF FOREIGN PRIVATE ISSUER',
    '',
    'The company reports its results for the quarter. Revenue grew, and the board declared a dividend.',
    '',
    '<TABLE>',
    '<CAPTION>Results</CAPTION>',
    '<S>                           <C>         <C>',
    ...Array.from({ length: 12 }, (_, index) => row(`Line ${index}`, index * 1234, index * 99)),
    '</TABLE>',
    '<PAGE>',
    'SIGNATURES',
    '',
    'Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused this report',
    'to be signed on its behalf by the undersigned, thereunto duly authorized.',
  ].join('\n');
  const cells = Array.from({ length: 12 }, (_, index) => `<tr><td>Line ${index}</td><td>${index * 1234}</td><td>(${index})</td></tr>`);
  const html = `<html><head><title>Exhibit</title></head><body><h1>Press release</h1><p>The company <b>reports</b> its results.</p><table>${cells.join('')}</table><ul><li>One</li><li>Two</li></ul><p style="page-break-before:always">Page two.</p></body></html>`;
  const document = (sequence: number, type: string, filename: string, body: string) =>
    ['<DOCUMENT>', `<TYPE>${type}`, `<SEQUENCE>${sequence}`, `<FILENAME>${filename}`, '<TEXT>', body, '</TEXT>', '</DOCUMENT>'].join('\n');
  const submission = [
    '<SEC-DOCUMENT>0000000000-00-000000.txt : 20000101',
    '<SEC-HEADER>0000000000-00-000000.hdr.sgml : 20000101',
    'ACCESSION NUMBER:\t\t0000000000-00-000000',
    'CONFORMED SUBMISSION TYPE:\t6-K',
    'PUBLIC DOCUMENT COUNT:\t\t2',
    'FILED AS OF DATE:\t\t20000101',
    '</SEC-HEADER>',
    document(1, '6-K', 'report.txt', text),
    document(2, 'EX-99.1', 'exhibit.htm', html),
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
  return new TextEncoder().encode(submission);
}

/** The renders a server asks for most: a document page's fragment, and the API's text. */
const REQUESTS: readonly RenderRequest[] = [{ format: 'html', fragment: true, includeText: false }, { format: 'text' }];

/**
 * Renders the sample a few times, so that a new render thread has compiled the parsers and renderers before its
 * first request (the first renders of a thread run several times slower than later ones). Returns the renders made.
 */
export function warmUpRenders(rounds = 5): number {
  const bytes = sampleSubmission();
  let made = 0;
  for (let round = 0; round < rounds; round++) {
    for (const which of ['1', '2']) {
      for (const request of REQUESTS) {
        const rendered = encodeRendered(renderStoredDocument(bytes, which, request));
        if (rendered.kind === 'model' && rendered.body !== null) made++;
      }
    }
  }
  return made;
}
