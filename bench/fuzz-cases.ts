/**
 * The fuzz harness's inputs and pipeline (bench/fuzz.ts runs them; bench/fuzz-digest.ts digests their outputs): every
 * case is made from (seed, case number) alone.
 */
import { extractFiling } from '../src/forms/extract-filing.js';
import { detectDocumentKind, parseDocument, xmlText } from '../src/parse/parse-document.js';
import { decodeText } from '../src/parse/sgml/decode-text.js';
import { decodeAttachment, parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { renderHtml, renderJson, renderMarkdown, renderText } from '../src/render/index.js';
import { corpusSubmissions } from './corpus.js';

/** mulberry32: a small seeded generator, so a case can be made again from its number. */
export function random(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus = corpusSubmissions();

const PIECES = [
  '<DOCUMENT>',
  '</DOCUMENT>',
  '<TEXT>',
  '</TEXT>',
  '<TYPE>6-K',
  '<SEQUENCE>99999999999999999999',
  '<FILENAME>a.htm',
  '</SEC-HEADER>',
  '<SUBMISSION>',
  '</SUBMISSION>',
  '<PAGE>',
  '<TABLE>',
  '</TABLE>',
  '<CAPTION>',
  '<S>',
  '<C>',
  '<FN>',
  '<table>',
  '<tr>',
  '<td>',
  '</td>',
  '</tr>',
  '</table>',
  '<div>',
  '</div>',
  '<p>',
  '<br>',
  '<hr>',
  '<font face="Wingdings">x</font>',
  '<div style="display:none">',
  '<span style="page-break-before:always">',
  '&nbsp;',
  '&#9746;',
  '&amp;',
  '<![CDATA[',
  ']]>',
  '<',
  '>',
  '\r',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '$',
  '(',
  ')',
  '%',
  '.',
  '-',
  '_',
  '|',
  '[X]',
  '[ ]',
  'Form 20-F',
  'Yes',
  'No',
  'X',
  'begin 644 a.jpg\n',
  'M86)C\n',
  'end\n',
  'SIGNATURES',
  'By: /s/ Name',
  'Exhibit 99.1',
  'PUBLIC DOCUMENT COUNT:\t1e400\n',
  'ACCESSION NUMBER:\t',
  'FILER:\n',
  '\tCOMPANY DATA:\n',
  '-----END PRIVACY-ENHANCED MESSAGE-----',
];

/** A hostile body of about `size` bytes, and the file name it is filed under (which decides how it is read). */
export function hostileBody(kind: number, size: number, next: () => number): { body: string; filename: string } {
  const repeat = (unit: string): string => unit.repeat(Math.max(1, Math.floor(size / unit.length)));
  switch (kind) {
    case 0:
      return { body: repeat('<table><tr><td>'), filename: 'a.htm' };
    case 1:
      return { body: `${repeat('<div>').slice(0, size / 2)}x${repeat('</span>').slice(0, size / 2)}`, filename: 'a.htm' };
    case 2:
      return { body: `<p>a${' '.repeat(size)}b</p>`, filename: 'a.htm' };
    case 3:
      return { body: `a${' '.repeat(size)}b\n`, filename: 'a.txt' };
    case 4:
      return { body: `<TABLE>\n<S>${' '.repeat(size / 2)}<C>\nx${' '.repeat(size / 2)}1\n</TABLE>\n`, filename: 'a.txt' };
    case 5:
      return { body: repeat('word '), filename: 'a.txt' };
    case 6:
      return { body: 'x'.repeat(size), filename: next() < 0.5 ? 'a.txt' : 'a.htm' };
    case 7:
      return { body: repeat('<'), filename: next() < 0.5 ? 'a.xml' : 'a.htm' };
    case 8:
      return { body: repeat('<![CDATA['), filename: 'a.xml' };
    case 9:
      return { body: repeat('<div '), filename: 'a.htm' };
    case 10:
      return { body: repeat('<PAGE>\n'), filename: 'a.txt' };
    case 11:
      return { body: `<TABLE>\n<S> <C> <C>\n${repeat('$ ( 1 , 2 ) % \n')}</TABLE>\n`, filename: 'a.txt' };
    case 12:
      return { body: `<table>${repeat('<tr><td>$</td><td>(1,234</td><td>)%</td></tr>')}</table>`, filename: 'a.htm' };
    case 13:
      return { body: repeat('line of text ending in a hyphen-\n'), filename: 'a.txt' };
    case 14:
      return { body: repeat('&#'), filename: 'a.htm' };
    case 15:
      return { body: `<pre>${' '.repeat(size)}x</pre>`, filename: 'a.htm' };
    case 16:
      return { body: repeat('<svg/>'), filename: 'a.htm' };
    case 17:
      return { body: `<div>Form 20-F${' '.repeat(size / 2)}:${' '.repeat(size / 2)}x</div>`, filename: 'a.htm' };
    case 18:
      return { body: `Page ${' '.repeat(size)}x\n`, filename: 'a.txt' };
    case 19:
      return { body: repeat('[ '), filename: 'a.txt' };
    case 20:
      return { body: repeat('\t \u00a0'), filename: next() < 0.5 ? 'a.txt' : 'a.htm' };
    case 21:
      return { body: repeat('<td>'), filename: 'a.htm' };
    case 22:
      return { body: repeat('"'), filename: 'a.htm' };
    default:
      return { body: repeat('By: /s/ '), filename: 'a.txt' };
  }
}
export const HOSTILE_BODIES = 24;

export function submissionOf(body: string, filename: string, form = '6-K'): string {
  return `<SEC-DOCUMENT>0000000000-01-000001.txt : 20010101\n<SEC-HEADER>0000000000-01-000001.hdr.sgml : 20010101\nACCESSION NUMBER:\t\t0000000000-01-000001\nCONFORMED SUBMISSION TYPE:\t${form}\nPUBLIC DOCUMENT COUNT:\t\t1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>${form}\n<SEQUENCE>1\n<FILENAME>${filename}\n<TEXT>\n${body}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n`;
}

/** Whole-submission hostile shapes: no LF, CR only, many documents, huge header values. */
export function hostileSubmission(kind: number, size: number, next: () => number): Buffer {
  const base = corpus[Math.floor(next() * corpus.length)]?.bytes ?? Buffer.alloc(0);
  switch (kind) {
    case 0:
      return Buffer.from(base.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1');
    case 1:
      return Buffer.from(base.toString('latin1').replace(/\r?\n/g, ''), 'latin1');
    case 2: {
      const one = '<DOCUMENT>\n<TYPE>EX-99\n<SEQUENCE>1\n<FILENAME>e.txt\n<TEXT>\nx\n</TEXT>\n</DOCUMENT>\n';
      return Buffer.from(`<SEC-DOCUMENT>x\n${one.repeat(Math.max(1, Math.floor(size / one.length)))}`, 'latin1');
    }
    case 3:
      return Buffer.from(
        `<SEC-HEADER>\nCOMPANY CONFORMED NAME:${' '.repeat(size)}x\nSTANDARD INDUSTRIAL CLASSIFICATION:\ta${' '.repeat(size / 2)}b\n</SEC-HEADER>\n`,
        'latin1',
      );
    case 4:
      return Buffer.from(`<SUBMISSION>\n${'<A>\n'.repeat(size / 8)}${'</B>\n'.repeat(size / 10)}`, 'latin1');
    case 5:
      return Buffer.from(`<DOCUMENT>${'<TYPE>x'.repeat(size / 7)}`, 'latin1');
    default:
      return Buffer.from(`<SEC-HEADER>\n${'<x\n'.repeat(size / 3)}</SEC-HEADER>\n`, 'latin1');
  }
}
export const HOSTILE_SUBMISSIONS = 7;

function mutatedCorpus(next: () => number): Buffer {
  const source = corpus[Math.floor(next() * corpus.length)]?.bytes ?? Buffer.alloc(0);
  // Mostly a window of the file (fast cases, many of them), sometimes the whole of it.
  let bytes: Buffer;
  if (next() < 0.03) bytes = Buffer.from(source);
  else {
    const length = Math.floor(next() * 64 * 1024);
    const start = next() < 0.5 ? 0 : Math.floor(next() * Math.max(1, source.length - length));
    bytes = Buffer.from(source.subarray(start, start + length));
  }
  const edits = 1 + Math.floor(next() * 8);
  for (let edit = 0; edit < edits; edit++) {
    const at = Math.floor(next() * (bytes.length + 1));
    const choice = next();
    if (choice < 0.3 && bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = Math.floor(next() * 256);
    else if (choice < 0.6)
      bytes = Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from(PIECES[Math.floor(next() * PIECES.length)] as string, 'latin1'),
        bytes.subarray(at),
      ]);
    else if (choice < 0.7) bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + Math.floor(next() * 4096))]);
    else if (choice < 0.8) {
      const from = Math.floor(next() * bytes.length);
      const piece = bytes.subarray(from, from + Math.floor(next() * 8192));
      bytes = Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);
    } else if (choice < 0.9) {
      const run = Buffer.alloc(Math.floor(next() * 20_000), [0x20, 0x0d, 0x3c, 0x09, 0x2d][Math.floor(next() * 5)] as number);
      bytes = Buffer.concat([bytes.subarray(0, at), run, bytes.subarray(at)]);
    } else {
      const text = bytes.toString('latin1');
      bytes = Buffer.from(next() < 0.5 ? text.replace(/\r?\n/g, '\r') : text.replace(/\r?\n/g, '\r\n'), 'latin1');
    }
  }
  return bytes;
}

/** The input of case `index`, and what kind of case it is. */
export function makeCase(seed: number, index: number): { kind: string; bytes: Buffer } {
  const next = random(seed * 1_000_003 + index);
  const pick = next();
  if (pick < 0.96) return { kind: 'mutated-corpus', bytes: mutatedCorpus(next) };
  const size = Math.floor(1000 + next() ** 3 * 900_000);
  if (pick < 0.99) {
    const kind = Math.floor(next() * HOSTILE_BODIES);
    const { body, filename } = hostileBody(kind, size, next);
    const bare = next() < 0.2;
    return { kind: `hostile-body-${kind}${bare ? '-bare' : ''}`, bytes: Buffer.from(bare ? body : submissionOf(body, filename), 'latin1') };
  }
  const kind = Math.floor(next() * HOSTILE_SUBMISSIONS);
  return { kind: `hostile-submission-${kind}`, bytes: hostileSubmission(kind, size, next) };
}

export interface Timing {
  parse: number;
  model: number;
  render: number;
  extract: number;
}

/** Every stage a filing goes through, timed. */
export function runCase(bytes: Buffer, emit?: (what: string, output: string) => void): Timing {
  const timing: Timing = { parse: 0, model: 0, render: 0, extract: 0 };
  let started = performance.now();
  const submission = parseSubmission(bytes);
  timing.parse = performance.now() - started;
  const documents = [];
  for (const document of submission.documents) {
    started = performance.now();
    if (document.encoding === 'uuencode') {
      decodeAttachment(document);
      timing.model += performance.now() - started;
      documents.push({
        sequence: document.sequence,
        type: document.type,
        filename: document.filename,
        description: document.description,
        model: null,
      });
      continue;
    }
    const text = decodeText(document.body).text;
    const kind = detectDocumentKind(text, document);
    const model = kind === 'html' || kind === 'text' ? parseDocument(text, kind) : null;
    if (kind === 'xml') xmlText(text);
    timing.model += performance.now() - started;
    if (model) {
      started = performance.now();
      const plain = renderText(model);
      const markdown = renderMarkdown(model);
      const html = renderHtml(model);
      const json = renderJson(model);
      if (emit) {
        emit('text', plain);
        emit('markdown', markdown);
        emit('html', html);
        emit('json', json);
        emit('model', JSON.stringify(model));
      }
      timing.render += performance.now() - started;
    }
    documents.push({
      sequence: document.sequence,
      type: document.type,
      filename: document.filename,
      description: document.description,
      model,
    });
  }
  started = performance.now();
  const records = extractFiling({ header: submission.header, documents });
  emit?.('parse', JSON.stringify({ header: submission.header, diagnostics: submission.diagnostics }));
  emit?.('extract', JSON.stringify(records));
  timing.extract = performance.now() - started;
  return timing;
}
