/**
 * Document model speed: legacy ASCII and HTML documents of the corpus to the model, and to Markdown, on one core.
 * Run: npx tsx bench/documents.ts [rounds=5]
 */
import { detectDocumentKind, parseDocument } from '../src/parse/parse-document.js';
import { decodeText } from '../src/parse/sgml/decode-text.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { renderMarkdown } from '../src/render/render-markdown.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedRoot } from '../test/shared-files.js';
import { corpusSubmissions } from './corpus.js';

const rounds = Number(process.argv[2] ?? 5);
const documents: { kind: 'text' | 'html'; text: string }[] = [];
const inputs = corpusSubmissions().map((entry) => entry.bytes);
// Primary documents saved on their own (the 2001 legacy-ASCII 20-F among them) and the seed.
for (const name of readdirSync(join(sharedRoot, 'corpus', 'html'))) inputs.push(readFileSync(join(sharedRoot, 'corpus', 'html', name)));
inputs.push(readFileSync(join(sharedRoot, 'seed', 'hanaro-6k-2002-12.txt')));
for (const bytes of inputs) {
  for (const document of parseSubmission(bytes).documents) {
    if (document.encoding === 'uuencode') continue;
    const text = decodeText(document.body).text;
    const kind = detectDocumentKind(text, document);
    // Legacy ASCII in an HTML wrapper is read by the ASCII reader: count it there.
    if (kind === 'html' && /<S>\s*\n/.test(text.slice(0, 200_000)) && parseDocument(text, 'html').sourceFormat === 'text') {
      documents.push({ kind: 'text', text });
      continue;
    }
    if (kind === 'text' || kind === 'html') documents.push({ kind, text });
  }
}

for (const kind of ['text', 'html'] as const) {
  const set = documents.filter((document) => document.kind === kind);
  const chars = set.reduce((sum, document) => sum + document.text.length, 0);
  for (const { text } of set) renderMarkdown(parseDocument(text, kind)); // warm-up
  let best = Number.POSITIVE_INFINITY;
  let bestWithMarkdown = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    let started = process.hrtime.bigint();
    const models = set.map(({ text }) => parseDocument(text, kind));
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
    started = process.hrtime.bigint();
    for (const model of models) renderMarkdown(model);
    bestWithMarkdown = Math.min(bestWithMarkdown, best + Number(process.hrtime.bigint() - started) / 1e9);
  }
  const label = kind === 'text' ? 'legacy ASCII' : 'HTML';
  console.log(
    `${label}: ${set.length} documents, ${(chars / 1e6).toFixed(1)} MB; to the model ${(chars / 1e6 / best).toFixed(0)} MB/s; to Markdown ${(chars / 1e6 / bestWithMarkdown).toFixed(0)} MB/s (best of ${rounds})`,
  );
}
