import type { DocumentModel, Table } from '../model/document.js';
import { findDate } from './dates.js';
import { documentLines, lineSpan } from './document-lines.js';
import type { FieldSpan } from './field.js';

/** A regulator or exchange named for an exhibit: `KOSDAQ` (its defined short name) with its full name when given. */
export interface Regulator {
  readonly name: string;
  readonly fullName: string | null;
}

export interface ListedExhibit {
  /** As the index writes it: `99.1`. */
  readonly number: string;
  /** What the exhibit is, without the "filed with … on …" tail. */
  readonly description: string;
  /** The date the index gives for it (YYYY-MM-DD), if any. */
  readonly date: string | null;
  readonly filedWith: readonly Regulator[];
  /** The whole entry as written. */
  readonly text: string;
  readonly span: FieldSpan;
}

const NUMBER_CELL = /^(?:Exhibit|Ex\.?)?\s*(?:No\.?\s*)?(\d{1,3}(?:\.\d{1,3})*(?:\.?[A-Za-z])?|[A-Z](?:-\d+)?)\s*[:.–—-]?$/i;
const EXHIBIT_LINE = /^(?:Exhibit|Ex\.)\s*(?:No\.?\s*)?(\d{1,3}(?:\.\d{1,3})*(?:\.?[A-Za-z])?)\s*[:.–—-]?\s+(.+)$/i;
const FILED_WITH = /,?\s*(?:as\s+)?(?:filed|submitted|reported)\s+(?:with|to)\s+(.+?)(?:\s+on\s+(.+?))?\s*[;.]?\s*(?:and)?\s*$/i;
const DEFINED_NAME = /^(.*?)\s*\(\s*(?:the\s+)?["“”']+([^"“”')]+)["“”']+\s*\)\s*$/i;

/**
 * The exhibits a document lists, from exhibit tables (`Exhibit 99.1:` | description) and from lines that start
 * `Exhibit 99.1 …`. The same number listed twice (a furnishing list and an exhibit index) is kept once, with
 * the fullest details.
 */
export function extractExhibitList(model: DocumentModel, document: number): ListedExhibit[] {
  const found = new Map<string, ListedExhibit>();
  const add = (exhibit: ListedExhibit) => {
    const previous = found.get(exhibit.number);
    if (!previous) {
      found.set(exhibit.number, exhibit);
      return;
    }
    found.set(exhibit.number, {
      ...previous,
      date: previous.date ?? exhibit.date,
      filedWith: previous.filedWith.length > 0 ? previous.filedWith : exhibit.filedWith,
      description: previous.description || exhibit.description,
    });
  };
  for (const page of model.pages) {
    for (const block of page.blocks) {
      if (block.kind === 'table') for (const exhibit of fromTable(block, page.number, document)) add(exhibit);
    }
  }
  for (const line of documentLines(model)) {
    if (line.block.kind === 'table') continue;
    const match = EXHIBIT_LINE.exec(line.text);
    if (!match) continue;
    const number = normalizeNumber(match[1] as string);
    if (!/\d/.test(number)) continue;
    add(describe(number, match[2] as string, lineSpan(line, document)));
  }
  return shareDefinedNames([...found.values()]);
}

function fromTable(table: Table, page: number, document: number): ListedExhibit[] {
  const out: ListedExhibit[] = [];
  for (const row of table.rows) {
    const cells = row.cells.map((cell) => cell.text.trim()).filter((text) => text !== '');
    if (cells.length < 2) continue;
    const match = NUMBER_CELL.exec(cells[0] as string);
    if (!match) continue;
    const number = normalizeNumber(match[1] as string);
    if (!/\d/.test(number)) continue;
    out.push(describe(number, cells.slice(1).join(' '), { document, page, start: row.span.start, end: row.span.end }));
  }
  return out;
}

function normalizeNumber(text: string): string {
  return text.replace(/\.$/, '');
}

function describe(number: string, raw: string, span: FieldSpan): ListedExhibit {
  const text = raw.replace(/\s+/g, ' ').trim();
  let description = text.replace(/[;.]?\s*(?:and)?\s*$/i, '');
  let date: string | null = null;
  let filedWith: Regulator[] = [];
  const filed = FILED_WITH.exec(text);
  if (filed && filed.index > 0) {
    description = text.slice(0, filed.index).trim();
    filedWith = splitRegulators(filed[1] as string);
    if (filed[2]) date = findDate(filed[2])?.iso ?? null;
  }
  if (date === null) {
    const dated = /\bdated\s+(.+)$/i.exec(description);
    if (dated) date = findDate(dated[1] as string)?.iso ?? null;
  }
  return { number, description, date, filedWith, text, span };
}

function splitRegulators(text: string): Regulator[] {
  return text
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/i)
    .map((part) => part.replace(/^the\s+/i, '').trim())
    .filter((part) => part !== '')
    .map((part) => {
      const defined = DEFINED_NAME.exec(part);
      if (defined) return { name: (defined[2] as string).trim(), fullName: (defined[1] as string).replace(/^the\s+/i, '').trim() || null };
      return { name: part, fullName: null };
    });
}

/** A short name defined once (`… Market ("KOSDAQ")`) gives its full name to every other use in the document. */
function shareDefinedNames(exhibits: ListedExhibit[]): ListedExhibit[] {
  const defined = new Map<string, string>();
  for (const exhibit of exhibits) for (const regulator of exhibit.filedWith) if (regulator.fullName) defined.set(regulator.name, regulator.fullName);
  return exhibits.map((exhibit) => ({
    ...exhibit,
    filedWith: exhibit.filedWith.map((regulator) => (regulator.fullName === null && defined.has(regulator.name) ? { name: regulator.name, fullName: defined.get(regulator.name) ?? null } : regulator)),
  }));
}
