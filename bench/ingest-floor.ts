/**
 * How close the one-core aim ("ingest at ≥ 0.5 of the raw FTS5 text rate") can come while ingest reads HTML with
 * htmlparser2 and keeps what it keeps: on the filing set (test/filing-set.ts), in one process, the CPU of
 *
 * - `fts5`: the raw one-table FTS5 insert of the text ingest indexes (bench/raw-fts5.ts, the aim's limit);
 * - `tokenize`: htmlparser2's parser, with the options edgarkit uses (its skimming tokenizer included) and no
 *   handlers, over every HTML document (the text decoded beforehand, untimed): the least any reading of those
 *   documents with it costs; `stock` the same with htmlparser2's own tokenizer;
 * - `handlers`: the same with handlers that take each tag, attribute and text and do nothing with them;
 * - `originals`: the SHA-256 and the brotli quality-0 copy of every submission, as ingest stores them;
 * - `prepare`: edgarkit's whole preparation (`prepareFiling`), for scale.
 *
 * Ingest costs at least `fts5 + tokenize + originals`, so its rate is at most `fts5 / (fts5 + tokenize +
 * originals)` of the raw FTS5 rate, which is printed as the ceiling. Rounds alternate the parts.
 * Run: npx tsx bench/ingest-floor.ts [--filings 3000] [--rounds 2]
 */
import { parseArgs } from 'node:util';
import { Parser } from 'htmlparser2';
import { HTML_PARSER_OPTIONS } from '../src/parse/html/parse-html-document.js';
import { detectDocumentKind } from '../src/parse/parse-document.js';
import { decodeText } from '../src/parse/sgml/decode-text.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { compressOriginal, prepareFiling, sha256 } from '../src/pipeline/prepare-filing.js';
import { accessionedCorpus } from '../test/filing-set.js';
import { filingSetTexts, insertRawFts5 } from './raw-fts5.js';

const { values } = parseArgs({ options: { filings: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '2' } } });
const count = Number(values.filings);
const corpus = accessionedCorpus();
const files = Array.from({ length: count }, (_, index) => corpus[index % corpus.length] as (typeof corpus)[number]);

/** The HTML documents of one submission, decoded (what the HTML reader is given). */
function htmlDocuments(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (const document of parseSubmission(bytes).documents) {
    if (document.encoding === 'uuencode') continue;
    const text = decodeText(document.body).text;
    if (detectDocumentKind(text, document) === 'html') found.push(text);
  }
  return found;
}
const htmlOfCorpus = corpus.map((file) => htmlDocuments(file.bytes));
const html = Array.from({ length: count }, (_, index) => htmlOfCorpus[index % corpus.length] as string[]);
const htmlBytes = html.flat().reduce((sum, text) => sum + text.length, 0);
const texts = filingSetTexts(count);

function cpuOf(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e6;
}

let sink = 0;
const noHandlers = {};
const nothingDone = {
  onopentag: (name: string, attributes: Record<string, string>) => {
    sink += name.length + Object.keys(attributes).length;
  },
  ontext: (text: string) => {
    sink += text.length;
  },
  onclosetag: (name: string) => {
    sink += name.length;
  },
};
const { Tokenizer: _skimming, ...STOCK_OPTIONS } = HTML_PARSER_OPTIONS;
const parseAll =
  (handlers: object, options: object = HTML_PARSER_OPTIONS) =>
  () => {
    for (const documents of html) {
      for (const text of documents) {
        const parser = new Parser(handlers, options);
        parser.write(text);
        parser.end();
      }
    }
  };

console.log(`${count} filings; ${(htmlBytes / 1e6).toFixed(1)} M characters of HTML documents`);
for (let round = 1; round <= Number(values.rounds); round++) {
  const fts5 = insertRawFts5(texts, '/tmp/edgarkit-ingest-floor.db', 'one', 100).cpuSeconds;
  const stock = cpuOf(parseAll(noHandlers, STOCK_OPTIONS));
  const tokenize = cpuOf(parseAll(noHandlers));
  const handlers = cpuOf(parseAll(nothingDone));
  const originals = cpuOf(() => {
    for (const { bytes } of files) {
      sha256(bytes);
      compressOriginal(bytes);
    }
  });
  const prepare = cpuOf(() => {
    for (const { bytes, name } of files) prepareFiling(bytes, name);
  });
  const floor = fts5 + tokenize + originals;
  console.log(
    `round ${round}: CPU s fts5 ${fts5.toFixed(2)}, tokenize ${tokenize.toFixed(2)} (stock ${stock.toFixed(2)}), handlers ${handlers.toFixed(2)}, originals ${originals.toFixed(2)}, prepare ${prepare.toFixed(2)}; ` +
      `ceiling ${(fts5 / floor).toFixed(2)} of raw FTS5 (${(fts5 / (fts5 + handlers + originals)).toFixed(2)} with handlers); ` +
      `prepare + fts5 gives ${(fts5 / (fts5 + prepare)).toFixed(3)}`,
  );
}
if (sink < 0) console.log(sink);
