import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { datasetPath, FPI_DATASET, readArchiveMembers } from '../../test/dataset-archive.js';
import { sharedRoot } from '../../test/shared-files.js';
import { imageMark, mapSymbolFontText, type SymbolFontName, symbolFontOf, textMark } from '../core/check-marks.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling } from './extract-filing.js';
import type { FieldSpan } from './field.js';
import type { Form6KRecord } from './form-6k.js';

/** The symbol font in effect at `offset` of an HTML source: the innermost `<font face>` / `font-family` still open there. */
function fontAt(source: string, offset: number): SymbolFontName | null {
  const from = Math.max(0, offset - 4000);
  const stack: (SymbolFontName | null)[] = [];
  for (const tag of source.slice(from, offset).matchAll(/<(\/?)([a-z]+)\b([^>]*)>/gi)) {
    const name = (tag[2] as string).toLowerCase();
    if (!['font', 'span', 'p', 'div', 'td'].includes(name)) continue;
    if (tag[1]) stack.pop();
    else {
      const face = /(?:face\s*=\s*["']?([^"'>]*)|font-family\s*:\s*([^;"']*))/i.exec(tag[3] as string);
      stack.push(face ? symbolFontOf((face[1] ?? face[2] ?? '') as string) : (stack.at(-1) ?? null));
    }
  }
  return stack.at(-1) ?? null;
}

/**
 * Reads the marks in a span of a document's source on its own: for HTML the visible characters (tags dropped,
 * entities decoded, symbol-font letters drawn as the font draws them, check-box images by name), for ASCII the
 * text itself; then each word through the vocabulary's `textMark`.
 */
function readBoxes(source: string, html: boolean, span: FieldSpan): { marked: number; empty: number } {
  const raw = source.slice(span.start, span.end);
  let text = raw;
  if (html) {
    let font = fontAt(source, span.start);
    const fonts: (SymbolFontName | null)[] = [];
    text = '';
    let at = 0;
    for (const tag of raw.matchAll(/<(\/?)([a-z]+)\b([^>]*)>/gi)) {
      text += mapSymbolFontText(decodeHTML(raw.slice(at, tag.index)), font);
      at = tag.index + tag[0].length;
      const name = (tag[2] as string).toLowerCase();
      if (name === 'img') {
        const src = /src\s*=\s*["']?([^"'\s>]*)/i.exec(tag[3] as string)?.[1] ?? '';
        const alt = /alt\s*=\s*["']([^"']*)/i.exec(tag[3] as string)?.[1] ?? '';
        text += ` ${imageMark(src, alt) ?? ''} `;
      } else if (['font', 'span'].includes(name)) {
        if (tag[1]) font = fonts.pop() ?? null;
        else {
          fonts.push(font);
          const face = /(?:face\s*=\s*["']?([^"'>]*)|font-family\s*:\s*([^;"']*))/i.exec(tag[3] as string);
          if (face) font = symbolFontOf((face[1] ?? face[2] ?? '') as string);
        }
      } else text += ' ';
    }
    text += mapSymbolFontText(decodeHTML(raw.slice(at)), font);
  }
  // Characters the HTML parser drops (soft hyphens, zero-width spaces) draw nothing.
  text = text.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '');
  let marked = 0;
  let empty = 0;
  for (const word of text.split(/[\s\u00a0]+/)) {
    // Brackets are boxes of their own; a leader after a label ("40-F.....X....") is the label's answer place.
    for (const piece of word.split(/(?<=-F|Yes|No)(?=\.)/i).flatMap((part) => part.match(/\[[^\]]*\]|[^[\]]+/g) ?? [])) {
      const mark = textMark(piece) ?? textMark(piece.replace(/^[:;,]+|[:;,.]+$/g, ''));
      if (mark?.marked) marked++;
      else if (mark && !mark.weak) empty++;
    }
  }
  return { marked, empty };
}

async function sixKs(): Promise<{ name: string; bytes: Buffer }[]> {
  const out: { name: string; bytes: Buffer }[] = [];
  const fpi = join(sharedRoot, 'corpus', 'fpi');
  for (const name of readdirSync(fpi).sort())
    if (/^\d{10}-\d{2}-\d{6}\.txt$/.test(name)) out.push({ name, bytes: readFileSync(join(fpi, name)) });
  for (const [name, bytes] of await readArchiveMembers(datasetPath(FPI_DATASET))) if (name.endsWith('.txt')) out.push({ name, bytes });
  return out;
}

describe('the check-mark vocabulary', () => {
  it('reads every answered check box of the corpus and data set 6-K covers the way the cover reader answered it', async () => {
    const disagreements: string[] = [];
    let boxes = 0;
    for (const { name, bytes } of await sixKs()) {
      const submission = parseSubmission(bytes);
      if (!/^6-K/i.test(submission.header?.formType ?? '')) continue;
      const documents = parseSubmissionDocuments(submission);
      const record = extractFiling({ header: submission.header, documents }).record as Form6KRecord;
      const primary = documents.find((document) => document.model !== null)?.model;
      if (!primary) continue;
      const html = primary.sourceFormat === 'html';
      // A "No" answer points at the marked No box; a one-box question's "not checked" at its empty box.
      const afterNo = (span: FieldSpan | null) =>
        span !== null &&
        /\bNo\b[\s.:_]*$/i.test(primary.source.slice(Math.max(0, span.start - 1000), span.start).replace(/<[^>]*>|&nbsp;|&#160;/gi, ' '));
      const answers = [
        ['annualReportForm', true, record.annualReportForm.span],
        ['furnishesUnderRule12g32b', true, record.furnishesUnderRule12g32b.span],
        [
          'paperUnderRule101b1',
          record.paperUnderRule101b1.value === true || afterNo(record.paperUnderRule101b1.span),
          record.paperUnderRule101b1.span,
        ],
        [
          'paperUnderRule101b7',
          record.paperUnderRule101b7.value === true || afterNo(record.paperUnderRule101b7.span),
          record.paperUnderRule101b7.span,
        ],
      ] as const;
      for (const [field, shouldBeMarked, span] of answers) {
        const value = record[field].value;
        if (value === null || span === null) continue;
        boxes++;
        const read = readBoxes(primary.source, html, span);
        // A marked answer points at a box the vocabulary reads as marked; an unmarked one at no marked box.
        if (shouldBeMarked ? read.marked === 0 : read.marked > 0)
          disagreements.push(
            `${name} ${field}=${String(value)}: ${JSON.stringify(primary.source.slice(span.start, span.end).slice(0, 160))}`,
          );
      }
    }
    console.log(`check boxes read twice: ${boxes}`);
    expect(boxes).toBeGreaterThan(1500);
    expect(disagreements).toEqual([]);
  }, 300_000);
});
