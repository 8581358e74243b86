/**
 * Ownership and 13F extraction speed, beside the HTML reader's, on one core.
 *
 * - XML reader: every ownership and 13F XML document of the corpus to the element tree (parse/xml).
 * - Ownership and 13F records: those documents parsed and extracted (forms/), as `extract` does.
 * - A large information table: the corpus's 77-row 13F table repeated to 20,000 rows (the size of a large
 *   manager's report), read and extracted.
 * - HTML reader: every HTML document of the corpus to the page model (parse/html), for comparison.
 *
 * Run: npx tsx bench/xml-forms.ts [rounds=5]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFiling, type ParsedSubmissionDocument } from '../src/forms/extract-filing.js';
import { detectDocumentKind, parseDocument } from '../src/parse/parse-document.js';
import { decodeText } from '../src/parse/sgml/decode-text.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { parseXmlDocument } from '../src/parse/xml/parse-xml.js';
import { sharedRoot } from '../test/shared-files.js';
import { corpusSubmissions } from './corpus.js';

const rounds = Number(process.argv[2] ?? 5);

const xmlDocuments: { name: string; type: string | null; text: string }[] = [];
const htmlDocuments: string[] = [];
const inputs = corpusSubmissions();
inputs.push({ name: 'xml/form4-sample.xml', bytes: readFileSync(join(sharedRoot, 'corpus', 'xml', 'form4-sample.xml')) });
for (const { name, bytes } of inputs) {
  for (const document of parseSubmission(bytes).documents) {
    if (document.encoding === 'uuencode') continue;
    const text = decodeText(document.body).text;
    const kind = detectDocumentKind(text, document);
    if (kind === 'xml' && /<(?:\w+:)?(?:ownershipDocument|edgarSubmission|informationTable)[\s>]/.test(text.slice(0, 4096)))
      xmlDocuments.push({ name, type: document.type, text });
    else if (kind === 'html') htmlDocuments.push(text);
  }
}

/** The 77-row table of the corpus's 2025 13F, its rows repeated to `rows`. */
function largeTable(rows: number): string {
  const nc = readFileSync(join(sharedRoot, 'corpus', 'nc', '0001951757-25-000093.nc'), 'utf8');
  const open = nc.indexOf('<ns1:infoTable>');
  const close = nc.lastIndexOf('</ns1:infoTable>') + '</ns1:infoTable>'.length;
  const body = nc.slice(open, close);
  const each = body.split('<ns1:infoTable>').filter((part) => part.trim() !== '');
  const out: string[] = [];
  for (let i = 0; out.length < rows; i++) out.push(`<ns1:infoTable>${each[i % each.length]}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ns1:informationTable xmlns:ns1="http://www.sec.gov/edgar/document/thirteenf/informationtable">${out.join('')}</ns1:informationTable>\n`;
}

function best(run: () => void): number {
  run();
  let fastest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return fastest;
}

const mbps = (chars: number, seconds: number) => `${(chars / 1e6 / seconds).toFixed(0)} MB/s`;
const size = (chars: number) => `${(chars / 1e6).toFixed(2)} MB`;

const xmlChars = xmlDocuments.reduce((sum, document) => sum + document.text.length, 0);
// Small documents: repeat the set so each round reads several MB.
const repeat = Math.max(1, Math.ceil(5e6 / xmlChars));
const readSeconds = best(() => {
  for (let i = 0; i < repeat; i++) for (const { text } of xmlDocuments) parseXmlDocument(text);
});
console.log(
  `XML reader: ${xmlDocuments.length} ownership and 13F documents of the corpus, ${size(xmlChars)} (×${repeat}); ${mbps(xmlChars * repeat, readSeconds)}`,
);

const asDocument = (text: string, type: string | null, sequence: number): ParsedSubmissionDocument => ({
  sequence,
  type,
  filename: null,
  description: null,
  model: null,
  xml: parseXmlDocument(text),
});
const extractSeconds = best(() => {
  for (let i = 0; i < repeat; i++)
    for (const { text, type } of xmlDocuments) extractFiling({ header: null, documents: [asDocument(text, type, 1)] });
});
console.log(`Ownership and 13F records (read + extract): ${mbps(xmlChars * repeat, extractSeconds)}`);

const large = largeTable(20_000);
const largeSeconds = best(() => {
  extractFiling({ header: null, documents: [asDocument(large, 'INFORMATION TABLE', 2)] });
});
const largeReadSeconds = best(() => {
  parseXmlDocument(large);
});
console.log(
  `13F information table of 20,000 rows, ${size(large.length)}: read ${mbps(large.length, largeReadSeconds)}, read + extract ${mbps(large.length, largeSeconds)} (${(largeSeconds * 1000).toFixed(0)} ms)`,
);

const textForm = readFileSync(join(sharedRoot, 'corpus', 'submissions', '0001094891-00-000193.txt'));
const textDocuments = parseSubmission(textForm);
const body = decodeText(textDocuments.documents[0]?.body ?? new Uint8Array()).text;
const textSeconds = best(() => {
  for (let i = 0; i < 200; i++)
    extractFiling({
      header: textDocuments.header,
      documents: [{ sequence: 1, type: '4', filename: null, description: null, model: parseDocument(body, 'text') }],
    });
});
console.log(`Text-form Form 4 of 2000 (legacy-ASCII model + extract): ${mbps(body.length * 200, textSeconds)}`);

const htmlChars = htmlDocuments.reduce((sum, text) => sum + text.length, 0);
const htmlSeconds = best(() => {
  for (const text of htmlDocuments) parseDocument(text, 'html');
});
console.log(
  `HTML reader (for comparison): ${htmlDocuments.length} HTML documents of the corpus, ${size(htmlChars)}; ${mbps(htmlChars, htmlSeconds)}`,
);
