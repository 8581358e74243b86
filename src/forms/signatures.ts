import type { DocumentModel } from '../model/document.js';
import { findDate } from './dates.js';
import { type DocumentLine, documentLines, lineSpan } from './document-lines.js';
import type { Field, FieldSpan } from './field.js';

/** A signature block: registrant, date, name and title of who signed, each with its span. */
export interface SignatureBlock {
  readonly registrant: Field<string | null>;
  /** The signature as written: `/s/ Kyu June Hwang`, `“Terrance G. Owen”`, or the typed name when there is no `/s/`. */
  readonly signature: Field<string | null>;
  readonly name: Field<string | null>;
  readonly title: Field<string | null>;
  /** YYYY-MM-DD. */
  readonly date: Field<string | null>;
  readonly span: FieldSpan;
}

const HEADING = /^\s*signatures?\s*(?::\s*)?$/i;
const PURSUANT = /pursuant to the requirements of|hereby certifies that it meets all of the requirements/i;
const ON_BEHALF = /on its behalf|duly authori[sz]ed/i;
const REGISTRANT_LABEL = /^\(?\s*registrant\s*\)?$/i;
const LABEL_ALONE = /^(By|Name|Title|Date|Dated|Its)\s*:?$/i;
/** `Label:` anywhere in a cell. */
const LABEL = /\b(Date|Dated|By|Name|Title|Its)\s*:\s*/gi;
/** A label without a colon, opening a cell: `By /s/ …`, `Name  David Cole`, `Date 8 February 2010`. */
const BARE_LABEL = /^(Date|Dated|By|Name|Title)\s+(?=[^\sa-z:])/;
const SIGNED = /^(?:\/s\/|s\/b\/|\/S\/)\s*(.*)$/;
const STOP = /^(?:exhibit\s+index|index\s+to\s+exhibits|exhibits?\s+(?:no\.?|number)\b|(?:exhibit|ex\.?)\s*\d[\d.]*\s*[:.]?$)/i;
const MAX_SECTION_LINES = 60;

type Label = 'date' | 'by' | 'name' | 'title';

interface Cell {
  readonly text: string;
  readonly index: number;
}

interface Part {
  readonly label: Label | null;
  readonly value: string;
  readonly index: number;
}

interface OpenBlock {
  signature: Field<string | null>;
  name: Field<string | null>;
  /** True while the name is only read off the signature (`/s/ BOAZ TAL`); a typed name line replaces it. */
  provisional: boolean;
  title: Field<string | null>;
  date: Field<string | null>;
  first: DocumentLine;
  last: DocumentLine;
}

/**
 * The signature blocks of a document, section by section: each `SIGNATURE(S)` heading (or "Pursuant to the
 * requirements of …" paragraph without one) opens a section, whose registrant line is followed by `By: /s/ …`,
 * `Name:`, `Title:` and `Date:` in any layout — side by side, stacked, with or without colons, a label on one line
 * and its value on the next, or no labels at all (`/s/ name`, typed name, title). A date of the section goes to the
 * blocks that give none. Works on the lines of ASCII and HTML documents alike.
 */
export function extractSignatures(model: DocumentModel, document: number): SignatureBlock[] {
  const from = firstSignatureOffset(model);
  if (from === null) return [];
  const lines = documentLines(model, model.pages, { from });
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i] as DocumentLine).text;
    if (HEADING.test(text)) starts.push(i);
    else if (
      PURSUANT.test(text) &&
      ON_BEHALF.test(blockText(lines[i] as DocumentLine)) &&
      !starts.some((start) => i - start <= 3 && i > start)
    ) {
      // An ASCII paragraph comes line by line: only its first line opens a section.
      const previous = lines[i - 1];
      if (!previous || previous.block !== (lines[i] as DocumentLine).block) starts.push(i);
    }
  }
  const blocks: SignatureBlock[] = [];
  starts.forEach((start, index) => {
    const end = Math.min(starts[index + 1] ?? lines.length, start + MAX_SECTION_LINES);
    blocks.push(...readSection(lines.slice(start, end), document));
  });
  return blocks;
}

/** Where the first signature section may start (a cheap look at short blocks and "Pursuant" paragraphs). */
function firstSignatureOffset(model: DocumentModel): number | null {
  for (const page of model.pages) {
    for (const block of page.blocks) {
      if (block.kind !== 'heading' && block.kind !== 'paragraph' && block.kind !== 'preformatted') continue;
      const text = block.text;
      if ((text.length < 20 && HEADING.test(text)) || (text.length < 1500 && PURSUANT.test(text) && ON_BEHALF.test(text)))
        return block.span.start;
    }
  }
  return null;
}

function blockText(line: DocumentLine): string {
  const block = line.block;
  return block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'preformatted' ? block.text : line.text;
}

/**
 * One pass over the section's lines: `apply` and `unlabelled` read and change the same open block, pending label,
 * line date and registrant, so it is kept whole rather than split into functions that would pass that state around.
 */
function readSection(lines: readonly DocumentLine[], document: number): SignatureBlock[] {
  const blocks: SignatureBlock[] = [];
  const sectionDates: Field<string | null>[] = [];
  let pursuantDate: Field<string | null> = { value: null, span: null };
  let registrant: Field<string | null> = { value: null, span: null };
  let current: OpenBlock | null = null;
  let pending: Label | null = null;
  const startPage = lines[0]?.page ?? 1;
  const finished: OpenBlock[] = [];
  const close = () => {
    if (current) finished.push(current);
    current = null;
  };
  const open = (line: DocumentLine, signature: Field<string | null>) => {
    close();
    const signed = signature.value === null ? null : nameOfSignature(signature.value);
    current = {
      signature,
      name: signed ? { value: signed, span: signature.span } : { value: null, span: null },
      provisional: signed !== null,
      title: { value: null, span: null },
      date: { value: null, span: null },
      first: line,
      last: line,
    };
    return current;
  };
  const span = (line: DocumentLine, index: number, length: number) => lineSpan(line, document, { index, length });
  /** Nothing of the block follows line `index`: the section ends, or a date, an exhibit list or a page break comes next. */
  const endsSection = (index: number): boolean => {
    const next = lines[index + 1];
    const line = lines[index] as DocumentLine;
    return !next || next.page !== line.page || STOP.test(next.text) || /^(?:Date|Dated)\b/i.test(next.text) || HEADING.test(next.text);
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DocumentLine;
    const text = line.text;
    if (i === 0 && HEADING.test(text)) continue;
    if (i > 0 && STOP.test(text)) break;
    if (line.page !== startPage && (finished.length > 0 || current !== null)) break;
    if (/^[-_=*]+$/.test(text)) continue;
    const whole = blockText(line);
    if (PURSUANT.test(whole) || (whole.length > 160 && !hasLabel(whole))) {
      if (finished.length > 0 || current !== null) break;
      const date = /\bon\s+(.{6,30}?\d{4})/i.exec(whole);
      const found = date ? findDate(date[1] as string) : null;
      // The date may stand on a later line of the paragraph than this one: the span is the paragraph's.
      if (found && pursuantDate.value === null)
        pursuantDate = { value: found.iso, span: { document, page: line.page, start: line.block.span.start, end: line.block.span.end } };
      continue;
    }
    const cells = splitCells(text);
    const lineHasBy = cells.some((cell) => /^By\b/i.test(cell.text) || /\bBy\s*:/i.test(cell.text));
    let lineDate: Field<string | null> | null = null;
    for (const cell of cells) {
      const parts = labelled(cell);
      if (parts.length === 0) {
        if (pending) {
          apply(pending, cell.text, cell.index);
          pending = null;
          continue;
        }
        unlabelled(cell);
        continue;
      }
      for (const part of parts) {
        if (part.value.trim() === '') {
          pending = part.label;
          continue;
        }
        pending = null;
        apply(part.label as Label, part.value, part.index);
      }
    }

    function apply(label: Label, raw: string, index: number): void {
      const value = raw.trim();
      const at = span(line, index + (raw.length - raw.trimStart().length), value.length);
      switch (label) {
        case 'date': {
          const found = findDate(value);
          const date: Field<string | null> = { value: found?.iso ?? null, span: at };
          if (date.value !== null) sectionDates.push(date);
          if (lineHasBy) lineDate = date;
          else if (current && current.date.value === null) {
            current.date = date;
            current.last = line;
          }
          break;
        }
        case 'by': {
          const signature = cleanSignature(value);
          const block = open(line, { value: signature, span: signature === null ? null : at });
          if (signature === null) pending = 'by';
          if (lineDate) block.date = lineDate;
          break;
        }
        case 'name':
          if (!current) break;
          current.name = { value: value, span: at };
          current.provisional = false;
          current.last = line;
          break;
        case 'title':
          if (!current) break;
          current.title = { value: value, span: at };
          current.last = line;
          break;
      }
    }

    function unlabelled(cell: Cell): void {
      const value = cell.text.trim();
      if (value === '' || REGISTRANT_LABEL.test(value)) return;
      const at = span(line, cell.index, value.length);
      const signed = SIGNED.exec(value);
      if (signed) {
        const signature = cleanSignature(value);
        if (current && current.signature.value === null) {
          current.signature = { value: signature, span: at };
          if (current.name.value === null && signature) {
            current.name = { value: nameOfSignature(signature), span: at };
            current.provisional = true;
          }
          current.last = line;
        } else {
          const block = open(line, { value: signature, span: at });
          if (lineDate) block.date = lineDate;
        }
        return;
      }
      if (!current) {
        // A wrapped line of the "Pursuant to …" paragraph ("1934, the registrant has duly caused …") is not a name.
        if (
          registrant.value === null &&
          finished.length === 0 &&
          /[A-Za-z]/.test(value) &&
          value.length <= 120 &&
          !/duly\s+caused|on\s+its\s+behalf|thereunto|undersigned/i.test(value)
        ) {
          const name = value.replace(/\s*\(\s*registrant\s*\)\s*$/i, '').trim();
          registrant = { value: name, span: span(line, cell.index, name.length) };
        }
        return;
      }
      const block: OpenBlock = current;
      const runTogether = block.provisional && block.title.value === null ? splitNameTitle(value, block.name.value) : null;
      if (block.provisional && sameName(value, block.name.value)) {
        // "Steven L. Sinn," with the title on the next line: the comma is the sentence's, not the name's.
        const typed = withoutClosingComma(value);
        block.name = { value: typed, span: span(line, cell.index, typed.length) };
        block.provisional = false;
      } else if (runTogether) {
        // "Craig Blackwood Vice President, Finance": the typed name and the title on one line.
        block.name = { value: runTogether.name, span: span(line, cell.index, runTogether.name.length) };
        block.title = {
          value: runTogether.title,
          span: span(line, cell.index + value.length - runTogether.title.length, runTogether.title.length),
        };
        block.provisional = false;
      } else if (block.name.value === null && value.length <= 60 && !/\d/.test(value)) {
        block.name = { value, span: at };
      } else if (block.title.value === null) {
        const title = /^\((.+)\)$/.exec(value)?.[1] ?? value;
        block.title = { value: title, span: at };
        block.provisional = false;
      } else if (
        lines[i - 1] === block.last &&
        (continuesTitle(block.title.value, value) || (block.signature.value !== null && endsSection(i) && titleTail(value)))
      ) {
        // Only the line right under the title continues it (a footnote further down is not part of it).
        const span = block.title.span;
        block.title = {
          value: `${block.title.value} ${value}`,
          span: span && span.page === line.page ? { ...span, start: Math.min(span.start, at.start), end: Math.max(span.end, at.end) } : at,
        };
      } else return;
      block.last = line;
    }
  }
  close();
  const sectionDate = sectionDates.find((date) => date.value !== null) ?? (pursuantDate.value !== null ? pursuantDate : null);
  for (const block of finished) {
    const date = block.date.value !== null ? block.date : (sectionDate ?? block.date);
    blocks.push({
      registrant,
      signature: block.signature,
      name: block.name,
      title: block.title,
      date,
      span: { document, page: block.first.page, start: block.first.start, end: Math.max(block.first.end, block.last.end) },
    });
  }
  return blocks;
}

/** "Craig Blackwood Vice President, Finance" after "/s/ Craig Blackwood": the name, then the title. */
function splitNameTitle(value: string, name: string | null): { name: string; title: string } | null {
  if (name === null) return null;
  const words = name.split(/\s+/).length;
  const parts = value.split(/\s+/);
  if (parts.length <= words) return null;
  const head = parts.slice(0, words).join(' ');
  const title = parts.slice(words).join(' ');
  return sameName(head, name) && /^[A-Z]/.test(title) ? { name: head, title } : null;
}

/** A short line of words that can end a title wrapped over lines ("Group Finance"). */
function titleTail(value: string): boolean {
  // A line ending in a colon is a label ("Attention:"), not the rest of a title.
  return (
    value.length <= 60 &&
    /^[A-Z]/.test(value) &&
    !/\d/.test(value) &&
    !/:$/.test(value) &&
    !/^(?:\/s\/|By\b|Date|Dated|Name|Title)/i.test(value)
  );
}

function hasLabel(text: string): boolean {
  return /\b(?:Date|Dated|By|Name|Title)\s*:/i.test(text);
}

/** A line split at runs of two or more spaces (table cells, ASCII columns), with each piece's place in the line. */
function splitCells(text: string): Cell[] {
  const cells: Cell[] = [];
  const pattern = /\S(?:.*?\S)?(?=\s{2,}|$)/g;
  for (const match of text.matchAll(pattern)) cells.push({ text: match[0], index: match.index });
  // A label alone ("Name:", "By") takes the next cell as its value.
  const merged: Cell[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as Cell;
    const next = cells[i + 1];
    if (LABEL_ALONE.test(cell.text) && next && !LABEL_ALONE.test(next.text) && !/^\s*(?:Date|Dated|By|Name|Title)\s*:/i.test(next.text)) {
      merged.push({ text: text.slice(cell.index, next.index + next.text.length), index: cell.index });
      i++;
    } else merged.push(cell);
  }
  return merged;
}

/** `Date: December 27, 2002`, `Name: X Title: Y`, `By /s/ X`, `Name  David Cole` → labelled parts (index into the line). */
function labelled(cell: Cell): Part[] {
  const found: { label: Label; at: number; valueAt: number }[] = [];
  const bare = BARE_LABEL.exec(cell.text);
  if (bare) found.push({ label: normalize(bare[1] as string), at: 0, valueAt: bare[0].length });
  for (const match of cell.text.matchAll(LABEL)) {
    if (bare && match.index === 0) continue;
    found.push({ label: normalize(match[1] as string), at: match.index, valueAt: match.index + match[0].length });
  }
  const alone = LABEL_ALONE.exec(cell.text);
  if (found.length === 0 && alone) return [{ label: normalize(alone[1] as string), value: '', index: cell.index + cell.text.length }];
  found.sort((a, b) => a.at - b.at);
  return found.map((entry, index) => {
    const end = index + 1 < found.length ? (found[index + 1] as { at: number }).at : cell.text.length;
    return { label: entry.label, value: cell.text.slice(entry.valueAt, end).trimEnd(), index: cell.index + entry.valueAt };
  });
}

function normalize(label: string): Label {
  const lower = label.toLowerCase();
  if (lower === 'dated') return 'date';
  if (lower === 'its') return 'title';
  return lower as Label;
}

/** `/s/Eli Holtzman ____` → `/s/ Eli Holtzman`; an empty or underscore-only line → null. */
function cleanSignature(raw: string): string | null {
  const value = stripTrailingBlank(raw).trim();
  if (value === '' || /^[_\-\s]+$/.test(value)) return null;
  // As written ("/S/" keeps its case), with one space after the "/s/" mark and none inside the quotes.
  return value
    .replace(/^\/(s)\/\s*/i, '/$1/ ')
    .replace(/^([“"])\s+/, '$1')
    .replace(/\s+([”"])$/, '$1');
}

/**
 * `raw` without a trailing signature line: a run of three or more spaces and underscores, or underscores alone.
 * A backwards scan, because `/[\s_]{3,}$/` retries from every character of a long run (quadratic time).
 */
function stripTrailingBlank(raw: string): string {
  let end = raw.length;
  while (end > 0 && isBlankOrUnderscore(raw.charCodeAt(end - 1))) end--;
  if (raw.length - end >= 3) return raw.slice(0, end);
  let underscores = raw.length;
  while (underscores > 0 && raw.charCodeAt(underscores - 1) === 0x5f) underscores--;
  return raw.slice(0, underscores);
}

function isBlankOrUnderscore(code: number): boolean {
  return code === 0x5f || /\s/.test(String.fromCharCode(code));
}

function nameOfSignature(signature: string): string {
  return signature
    .replace(/^(?:\/s\/|s\/b\/)\s*/i, '')
    .replace(/^["“”']+|["“”']+$/g, '')
    .trim();
}

function sameName(a: string, b: string | null): boolean {
  if (b === null) return false;
  const key = (name: string) => name.toLowerCase().replace(/[^a-z\u00c0-\u024f]+/g, '');
  return key(a) === key(b);
}

/** A title wrapped over lines: "Executive Vice President and" + "General Counsel", "Director and Senior Executive" + "Officer". */
function continuesTitle(title: string, next: string): boolean {
  if (/^(?:Date|Dated|By|Name|Title)\b/i.test(next) || next.length > 80) return false;
  if (/(?:\b(?:and|of|the|for|to|in)|[,&–-])$/i.test(title)) return true;
  if (/^[a-z(]/.test(next)) return true;
  return /^[A-Z][a-z]{2,11}\.?$/.test(next) && !/\.$/.test(title);
}

/** `value` without a comma or semicolon that ends it (and the spaces before it): a scan, not a regex that could backtrack. */
function withoutClosingComma(value: string): string {
  const last = value.charCodeAt(value.length - 1);
  if (last !== 0x2c && last !== 0x3b) return value;
  return value.slice(0, -1).trimEnd();
}
