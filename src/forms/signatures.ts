import type { DocumentModel } from '../model/document.js';
import { findDate } from './dates.js';
import { type DocumentLine, documentLines, lineSpan } from './document-lines.js';
import type { Field, FieldSpan } from './field.js';

export interface SignatureBlock {
  readonly registrant: Field<string | null>;
  /** The signature as written: `/s/ Kyu June Hwang`. */
  readonly signature: Field<string | null>;
  readonly name: Field<string | null>;
  readonly title: Field<string | null>;
  /** YYYY-MM-DD. */
  readonly date: Field<string | null>;
  readonly span: FieldSpan;
}

const HEADING = /^\s*signatures?\s*$/i;
const LABEL = /\b(Date|Dated|By|Name|Title|Its)\s*:\s*/gi;
const PURSUANT = /pursuant to the requirements of/i;
const REGISTRANT_LABEL = /^\(?\s*registrant\s*\)?$/i;

interface Labelled {
  readonly label: string;
  readonly value: string;
  readonly index: number;
}

/** Splits `Date: December 27, 2002     By: /s/ Kyu June Hwang` into its labelled parts. */
function labelled(text: string): Labelled[] {
  const found: { label: string; at: number; valueAt: number }[] = [];
  for (const match of text.matchAll(LABEL)) found.push({ label: (match[1] as string).toLowerCase(), at: match.index, valueAt: match.index + match[0].length });
  return found.map((entry, index) => {
    const end = index + 1 < found.length ? (found[index + 1] as { at: number }).at : text.length;
    const raw = text.slice(entry.valueAt, end);
    const value = raw.replace(/\s+$/, '');
    return { label: entry.label === 'dated' ? 'date' : entry.label === 'its' ? 'title' : entry.label, value, index: entry.valueAt };
  });
}

/**
 * The signature blocks of a document: after a `SIGNATURE(S)` heading (or the "Pursuant to the requirements of"
 * paragraph), the registrant line, then `By: /s/ …`, `Name:`, `Title:` and `Date:` in any layout, side by side or
 * stacked. Works on the lines of ASCII and HTML documents alike.
 */
export function extractSignatures(model: DocumentModel, document: number): SignatureBlock[] {
  const lines = documentLines(model);
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (HEADING.test((lines[i] as DocumentLine).text)) {
      start = i;
      break;
    }
  }
  if (start === -1) start = lines.findIndex((line) => PURSUANT.test(line.text) && /signed on its behalf/i.test(line.text));
  if (start === -1) return [];
  const region = lines.slice(start + 1, start + 60);
  const blocks: SignatureBlock[] = [];
  let registrant: Field<string | null> = { value: null, span: null };
  let date: Field<string | null> = { value: null, span: null };
  let current: { signature: Field<string | null>; name: Field<string | null>; title: Field<string | null>; date: Field<string | null>; first: DocumentLine; last: DocumentLine } | null = null;
  const close = () => {
    if (!current) return;
    const span: FieldSpan = { document, page: current.first.page, start: current.first.start, end: current.last.end };
    blocks.push({ registrant, signature: current.signature, name: current.name, title: current.title, date: current.date.value ? current.date : date, span });
    current = null;
  };
  // The "Pursuant to the requirements …" paragraph is skipped whole (in ASCII its lines come one by one).
  let skipBlock = PURSUANT.test((lines[start] as DocumentLine).text) ? (lines[start] as DocumentLine).block : null;
  for (let i = 0; i < region.length; i++) {
    const line = region[i] as DocumentLine;
    if (HEADING.test(line.text) || /^exhibit\s+index$/i.test(line.text)) break;
    if (PURSUANT.test(line.text)) {
      skipBlock = line.block;
      continue;
    }
    if (line.block === skipBlock || /^[-_=]+$/.test(line.text)) continue;
    const parts = labelled(line.text);
    if (parts.length === 0) {
      const slash = /\/s\/\s*(.+)$/i.exec(line.text);
      if (slash && current) {
        current.signature = { value: `/s/ ${(slash[1] as string).trim()}`, span: lineSpan(line, document, { index: slash.index, length: slash[0].length }) };
        current.last = line;
        continue;
      }
      // A line of its own before any "By:" is the registrant (the next may say "(Registrant)").
      if (!current && registrant.value === null && /[A-Za-z]/.test(line.text) && line.text.length <= 120 && !REGISTRANT_LABEL.test(line.text)) {
        registrant = { value: line.text.replace(/\s+/g, ' ').trim(), span: lineSpan(line, document) };
        continue;
      }
      if (current && current.name.value === null && /^[A-Z][A-Za-z.'\- ]+$/.test(line.text) && line.text.length < 60) {
        current.name = { value: line.text.trim(), span: lineSpan(line, document) };
        current.last = line;
        continue;
      }
      if (current && current.title.value === null && current.name.value !== null && line.text.length < 80) {
        current.title = { value: line.text.trim(), span: lineSpan(line, document) };
        current.last = line;
      }
      continue;
    }
    for (const part of parts) {
      const span = lineSpan(line, document, { index: part.index, length: part.value.length });
      switch (part.label) {
        case 'date': {
          const found = findDate(part.value);
          const value: Field<string | null> = { value: found?.iso ?? null, span };
          if (current) current.date = value;
          else date = value;
          break;
        }
        case 'by': {
          close();
          const signature = part.value.trim();
          current = {
            signature: { value: signature === '' || /^_+$/.test(signature) ? null : signature.replace(/^\/s\/\s*/i, '/s/ '), span },
            name: { value: null, span: null },
            title: { value: null, span: null },
            date: { value: null, span: null },
            first: line,
            last: line,
          };
          const signed = /^\/s\/\s*(.+)$/i.exec(signature);
          if (signed) current.name = { value: (signed[1] as string).trim(), span };
          break;
        }
        case 'name':
          if (current) {
            current.name = { value: part.value.trim(), span };
            current.last = line;
          }
          break;
        case 'title':
          if (current) {
            current.title = { value: part.value.trim(), span };
            current.last = line;
          }
          break;
      }
    }
  }
  close();
  return blocks;
}
