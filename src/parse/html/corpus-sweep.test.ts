/**
 * Corpus sweep: every HTML document body in ../shared/corpus (html/, fpi/, submissions/, nc/)
 * parses without throwing, with spans inside the source. Prints, per document and in total,
 * tables found against `<table` tags, diagnostics, and the speed.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus } from '../../../test/shared-files.js';
import type { DocumentModel } from '../../model/document.js';
import { parseHtmlDocument } from './parse-html-document.js';

interface CorpusDocument {
  readonly id: string;
  readonly body: string;
}

/** The HTML bodies of a corpus file: each `<TEXT>`…`</TEXT>` that is HTML, or the whole file. */
function htmlBodies(folder: string, name: string): CorpusDocument[] {
  const text = readCorpus(`${folder}/${name}`).toString('latin1');
  const found: CorpusDocument[] = [];
  const add = (label: string, body: string): void => {
    const head = body.slice(0, 4000);
    if (/^\s*begin [0-7]{3} /.test(head)) return; // uuencoded
    if (!/<(?:html|body|div|p|table|font)[\s>]/i.test(head)) return;
    found.push({ id: `${folder}/${name}#${label}`, body });
  };
  if (!text.includes('<TEXT>')) {
    add(name, text);
    return found;
  }
  let index = 0;
  for (let at = text.indexOf('<TEXT>'); at !== -1; at = text.indexOf('<TEXT>', at + 6)) {
    const end = text.indexOf('</TEXT>', at);
    const nameAt = text.lastIndexOf('<FILENAME>', at);
    const filename = nameAt === -1 ? `${index}` : (text.slice(nameAt + 10, text.indexOf('\n', nameAt)).split('<')[0] ?? '').trim();
    add(filename, text.slice(at + 6, end === -1 ? text.length : end));
    index++;
    if (end === -1) break;
  }
  return found;
}

function countTableTags(html: string): number {
  let count = 0;
  for (const needle of ['<table', '<TABLE', '<Table']) {
    for (let at = html.indexOf(needle); at !== -1; at = html.indexOf(needle, at + 1)) {
      const next = html.charCodeAt(at + needle.length);
      if (next === 0x3e || next === 0x20 || next === 0x0a || next === 0x0d || next === 0x09) count++;
    }
  }
  return count;
}

function checkSpans(model: DocumentModel): void {
  const length = model.source.length;
  for (const page of model.pages) {
    expect(page.span.start).toBeLessThanOrEqual(page.span.end);
    expect(page.span.end).toBeLessThanOrEqual(length);
    for (const block of page.blocks) {
      expect(block.span.start).toBeGreaterThanOrEqual(0);
      expect(block.span.end).toBeLessThanOrEqual(length);
    }
  }
}

const documents: CorpusDocument[] = [];
for (const folder of ['html', 'fpi', 'submissions', 'nc']) {
  for (const name of readdirSync(corpusPath(folder)).sort()) {
    if (/\.(?:txt|nc|html)$/.test(name)) documents.push(...htmlBodies(folder, name));
  }
}

describe('corpus sweep', () => {
  it('finds the HTML documents', () => {
    expect(documents.length).toBeGreaterThan(100);
  });

  it('parses every HTML document body without throwing', () => {
    let tables = 0;
    let tableTags = 0;
    let bytes = 0;
    let milliseconds = 0;
    const diagnostics = new Map<string, number>();
    const lines: string[] = [];
    for (const document of documents) {
      const started = performance.now();
      const model = parseHtmlDocument(document.body);
      milliseconds += performance.now() - started;
      bytes += document.body.length;
      checkSpans(model);
      const found = model.pages.reduce((count, page) => count + page.blocks.filter((block) => block.kind === 'table').length, 0);
      const tags = countTableTags(document.body);
      tables += found;
      tableTags += tags;
      for (const diagnostic of model.diagnostics) diagnostics.set(diagnostic.code, (diagnostics.get(diagnostic.code) ?? 0) + 1);
      lines.push(`${document.id}: ${model.pages.length} pages, ${found} tables / ${tags} <table> tags`);
    }
    console.log(lines.join('\n'));
    console.log(
      `HTML sweep: ${documents.length} documents, ${(bytes / 1e6).toFixed(1)} MB, ` +
        `${tables} tables found / ${tableTags} <table> tags (the rest: layout tables, bullet lists, check-box rows, empty tables), ` +
        `diagnostics ${JSON.stringify(Object.fromEntries(diagnostics))}, ${(bytes / 1e6 / (milliseconds / 1e3)).toFixed(1)} MB/s (first pass, cold)`,
    );
    expect(tables).toBeGreaterThan(0);
  });
});
