/**
 * Section and 8-K item extraction speed beside the reader that makes their input: the corpus's 20-Fs and 8-Ks
 * (and the hand-made 10-K and 10-Q of testdata/sections) read to the document model, then their sections or items
 * found, on one core. MB are characters of the document's text.
 * Run: npx tsx bench/sections.ts [rounds=5]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract8K } from '../src/forms/form-8k.js';
import { findSections } from '../src/forms/sections.js';
import type { DocumentModel } from '../src/model/document.js';
import type { SectionForm } from '../src/model/report-sections.js';
import { detectDocumentKind, parseDocument } from '../src/parse/parse-document.js';
import { decodeText } from '../src/parse/sgml/decode-text.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { projectRoot, sharedRoot } from '../test/shared-files.js';

const rounds = Number(process.argv[2] ?? 5);
const corpus = (name: string) => readFileSync(join(sharedRoot, 'corpus', name));
const fixture = (name: string) => readFileSync(join(projectRoot, 'testdata', 'sections', name));

interface Input {
  readonly name: string;
  readonly task: SectionForm | '8-K';
  readonly text: string;
  readonly kind: 'text' | 'html';
}

function primary(name: string, bytes: Uint8Array, task: Input['task']): Input {
  const document = parseSubmission(bytes).documents[0];
  if (!document) throw new Error(`${name}: no document`);
  const text = decodeText(document.body).text;
  const kind = detectDocumentKind(text, document);
  if (kind !== 'text' && kind !== 'html') throw new Error(`${name}: not a text or HTML document`);
  return { name, task, text, kind };
}

const inputs: Input[] = [
  primary('20-F 2001 (legacy ASCII)', corpus('html/20-f-0000928385-01-500187.html'), '20-F'),
  primary('20-F 2021 (HTML)', corpus('html/20-f-0001062993-21-003193.html'), '20-F'),
  primary('10-K (hand-made, ASCII)', fixture('10-k-legacy.txt'), '10-K'),
  primary('10-Q (hand-made, HTML)', fixture('10-q.htm'), '10-Q'),
  primary('8-K 3M 2024', corpus('submissions/0000066740-24-000023.txt'), '8-K'),
  primary('8-K 1895 Bancorp 2024', corpus('submissions/0000943374-24-000509.txt'), '8-K'),
  primary('8-K Acorn 2025 (.nc)', corpus('nc/0001493152-25-001317.nc'), '8-K'),
  primary('8-K Aames 1998', corpus('submissions/0001011438-98-000429.txt'), '8-K'),
];

function extract(input: Input, model: DocumentModel): void {
  if (input.task === '8-K') extract8K({ model });
  else findSections(model, input.task);
}

function time(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return best;
}

let totalChars = 0;
let totalRead = 0;
let totalFind = 0;
for (const input of inputs) {
  // Small documents are repeated so that each timing covers at least 2 MB.
  const repeat = Math.max(1, Math.ceil(2_000_000 / input.text.length));
  const model = parseDocument(input.text, input.kind);
  extract(input, model);
  const read = time(() => {
    for (let i = 0; i < repeat; i++) parseDocument(input.text, input.kind);
  });
  const find = time(() => {
    for (let i = 0; i < repeat; i++) extract(input, model);
  });
  const mb = (input.text.length * repeat) / 1e6;
  totalChars += mb;
  totalRead += read;
  totalFind += find;
  console.log(
    `${input.name.padEnd(28)} ${(input.text.length / 1e6).toFixed(2)} MB  reader ${(mb / read).toFixed(0).padStart(4)} MB/s  ${input.task === '8-K' ? 'items   ' : 'sections'} ${(mb / find).toFixed(0).padStart(4)} MB/s`,
  );
}
console.log(
  `all: reader ${(totalChars / totalRead).toFixed(0)} MB/s, extraction ${(totalChars / totalFind).toFixed(0)} MB/s (the 8-K includes its cover, exhibits and signatures; best of ${rounds})`,
);
