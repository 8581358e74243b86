import { parseCompactDate } from '../../core/dates.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import { type AccessionNumber, type Cik, parseAccessionNumber, parseCik } from '../../core/identifiers.js';
import { decodeText } from '../sgml/decode-text.js';

/**
 * Which EDGAR index file a text is: `form.idx` and `company.idx` are fixed-width (sorted by form type or by
 * company), `master.idx` is `CIK|Company Name|Form Type|Date Filed|Filename`.
 */
export type IndexFileKind = 'form' | 'company' | 'master';

/** One filing as an index file lists it (a filing with several filers has one row per filer). */
export interface IndexRow {
  /** The form type as written, spaces included (`1-A POS`, `SC 13G/A`). */
  readonly formType: string;
  readonly companyName: string;
  /** Ten digits with leading zeros. */
  readonly cik: Cik;
  /** YYYY-MM-DD (daily indexes write `YYYYMMDD`; it is normalised). */
  readonly dateFiled: string;
  /** The path under `https://www.sec.gov/Archives/`, as written (`edgar/data/1806014/0001140361-20-006155.txt`). */
  readonly fileName: string;
  /** Read from the file name; null when the name holds none (a diagnostic says so). */
  readonly accessionNumber: AccessionNumber | null;
}

export interface IndexFile {
  /** Found from the column header line; null when no header was found. */
  readonly kind: IndexFileKind | null;
  /** The `Key: value` lines of the preamble (`Description`, `Last Data Received`, `Comments`, …). */
  readonly preamble: Readonly<Record<string, string>>;
  /** Empty when an `onRow` callback received the rows instead. */
  readonly rows: readonly IndexRow[];
  readonly rowCount: number;
  /** Byte offsets into the input. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface IndexParserOptions {
  /** Throw an `EdgarSyntaxError` on the first line that cannot be read, instead of reporting it. */
  readonly strict?: boolean;
  /** Receives each row as it is read; rows are then not kept (constant memory for a 50 MB quarterly index). */
  readonly onRow?: (row: IndexRow) => void;
  /** Named in strict-mode errors. */
  readonly source?: string;
}

const LINE_FEED = 0x0a;
const MAX_DIAGNOSTICS = 1000;

/** Where each field starts, read from the column header line (widths differ between years). */
interface Columns {
  readonly formType: number;
  readonly companyName: number;
  readonly cik: number;
  readonly dateFiled: number;
  readonly fileName: number;
}

const State = {
  /** Before the column header: `Key: value` lines and blank lines. */
  Preamble: 0,
  /** After the column header, before the dashed rule. */
  Rule: 1,
  Rows: 2,
} as const;
type State = (typeof State)[keyof typeof State];

// `<rest>  <CIK>  <date>  <file name>` read from the right, so a company name that overflows its column (the
// line then no longer lines up with the header) is still read whole.
const CIK_TOKEN = /^\d{1,10}$/;
const DATE_TOKEN = /^(?:\d{4}-\d{2}-\d{2}|\d{8})$/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const NOT_BLANK = /^\S+$/;

/**
 * `/^(.*?)[ \t]+(\d{1,10})[ \t]+(\d{4}-\d{2}-\d{2}|\d{8})[ \t]+(\S+)$/.exec(text)`, read from the right: the
 * regex's lazy `(.*?)` retries its `[ \t]+` from every blank of a long run, which is quadratic.
 * From the right each field is the token between two runs of spaces or tabs, so there is one way to match.
 */
function fixedWidthTail(text: string): [string, string, string, string, string] | null {
  const isGap = (at: number): boolean => {
    const code = text.charCodeAt(at);
    return code === 0x20 || code === 0x09;
  };
  let end = text.length;
  const tokens: string[] = [];
  let restEnd = 0;
  for (let field = 0; field < 3; field++) {
    let start = end;
    while (start > 0 && !isGap(start - 1)) start--;
    if (start === 0 || start === end) return null;
    tokens.push(text.slice(start, end));
    let gapStart = start;
    while (gapStart > 0 && isGap(gapStart - 1)) gapStart--;
    restEnd = gapStart;
    end = gapStart;
  }
  const [fileName, date, cik] = tokens as [string, string, string];
  const rest = text.slice(0, restEnd);
  if (!NOT_BLANK.test(fileName) || !DATE_TOKEN.test(date) || !CIK_TOKEN.test(cik) || LINE_TERMINATOR.test(rest)) return null;
  return [text, rest, cik, date, fileName];
}
const DASHED_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ACCESSION_IN_NAME = /(\d{10}-?\d{2}-?\d{6})(?:\.txt|\.nc|\.paper)?$/;

/**
 * Push parser for EDGAR index files: `write(chunk)` any number of times, then `end()`. The result is the same
 * whatever the chunking. Lenient: a line that cannot be read becomes a diagnostic and is skipped.
 */
export class IndexParser {
  private readonly options: IndexParserOptions;
  private state: State = State.Preamble;
  private kind: IndexFileKind | null = null;
  private columns: Columns | null = null;
  private readonly preamble: Record<string, string> = {};
  private readonly rows: IndexRow[] = [];
  private rowCount = 0;
  private readonly diagnostics: Diagnostic[] = [];
  private suppressed = 0;
  /** The start of a line not yet ended by a line feed. */
  private carry: Uint8Array = new Uint8Array(0);
  /** Byte offset of `carry[0]` in the whole input. */
  private carryOffset = 0;
  private lineNumber = 0;
  private ended = false;

  constructor(options: IndexParserOptions = {}) {
    this.options = options;
  }

  write(chunk: Uint8Array): void {
    if (this.ended) throw new Error('IndexParser.write() after end()');
    let bytes = chunk;
    let offset = this.carryOffset;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry, 0);
      bytes.set(chunk, this.carry.length);
    }
    let start = 0;
    for (let end = bytes.indexOf(LINE_FEED); end !== -1; end = bytes.indexOf(LINE_FEED, start)) {
      this.line(bytes.subarray(start, end), offset + start);
      start = end + 1;
    }
    offset += start;
    // Copy the tail so a caller may reuse its chunk buffer.
    this.carry = bytes.slice(start);
    this.carryOffset = offset;
  }

  end(): IndexFile {
    if (!this.ended) {
      this.ended = true;
      if (this.carry.length > 0) this.line(this.carry, this.carryOffset);
      this.carry = new Uint8Array(0);
      if (this.state !== State.Rows) {
        this.report(
          'index/no-header',
          'error',
          `Cannot read index: no column header ("Form Type", "Company Name" or "CIK|Company Name|…") followed by a dashed rule was found`,
          this.carryOffset,
        );
      }
      if (this.suppressed > 0) {
        this.diagnostics.push(
          diagnostic('index/too-many-problems', 'warning', `${this.suppressed} more problems not listed`, this.carryOffset),
        );
      }
    }
    return { kind: this.kind, preamble: this.preamble, rows: this.rows, rowCount: this.rowCount, diagnostics: this.diagnostics };
  }

  private line(bytes: Uint8Array, offset: number): void {
    this.lineNumber++;
    // `trimEnd` drops what `/\s+$/` would, without retrying from every blank of a long run.
    const text = decodeText(bytes).text.trimEnd();
    switch (this.state) {
      case State.Preamble:
        this.preambleLine(text);
        return;
      case State.Rule:
        // > | ---------------------------------------------------
        //     ^
        if (/^-{3,}$/.test(text)) this.state = State.Rows;
        else if (text !== '') {
          this.report(
            'index/missing-rule',
            'warning',
            `line ${this.lineNumber}: Expected the dashed rule under the column header, found "${clip(text)}"`,
            offset,
          );
          this.state = State.Rows;
          this.rowLine(text, offset);
        }
        return;
      case State.Rows:
        if (text === '') return;
        this.rowLine(text, offset);
        return;
    }
  }

  private preambleLine(text: string): void {
    // > | Form Type   Company Name        CIK    Date Filed  File Name
    //     ^
    if (text.startsWith('CIK|')) {
      this.kind = 'master';
      this.state = State.Rule;
      return;
    }
    const header = readHeaderColumns(text);
    if (header) {
      this.kind = header.kind;
      this.columns = header.columns;
      this.state = State.Rule;
      return;
    }
    // > | Last Data Received:    Mar 18, 2020
    //     ^
    const colon = text.indexOf(':');
    if (colon > 0) {
      const key = text.slice(0, colon).trim();
      if (key && !(key in this.preamble)) this.preamble[key] = text.slice(colon + 1).trim();
    }
  }

  private rowLine(text: string, offset: number): void {
    const row = this.kind === 'master' ? this.masterRow(text, offset) : this.fixedWidthRow(text, offset);
    if (!row) return;
    this.rowCount++;
    if (this.options.onRow) this.options.onRow(row);
    else this.rows.push(row);
  }

  private masterRow(text: string, offset: number): IndexRow | null {
    // > | 1000045|NICHOLAS FINANCIAL INC|10-Q|2020-02-14|edgar/data/1000045/0001564590-20-004703.txt
    //     ^
    const fields = text.split('|');
    if (fields.length < 5) {
      this.badLine(`expected 5 fields separated by "|", found ${fields.length}`, text, offset);
      return null;
    }
    if (fields.length > 5) {
      this.report(
        'index/extra-separator',
        'warning',
        `line ${this.lineNumber}: Found ${fields.length - 1} "|" where 4 were expected; the extra ones were read as part of the company name`,
        offset,
      );
    }
    const count = fields.length;
    const companyName = fields
      .slice(1, count - 3)
      .join('|')
      .trim();
    return this.makeRow(
      fields[0] as string,
      companyName,
      fields[count - 3] as string,
      fields[count - 2] as string,
      fields[count - 1] as string,
      text,
      offset,
    );
  }

  private fixedWidthRow(text: string, offset: number): IndexRow | null {
    const columns = this.columns as Columns;
    const match = fixedWidthTail(text);
    if (!match) {
      this.badLine('expected a CIK, a date and a file name at the end of the line', text, offset);
      return null;
    }
    const [, rest, cik, date, fileName] = match as unknown as [string, string, string, string, string];
    const restEnd = rest.trimEnd().length;
    if (text.indexOf(cik, restEnd) !== columns.cik || text.lastIndexOf(fileName) !== columns.fileName) {
      this.report(
        'index/ragged-column',
        'warning',
        `line ${this.lineNumber}: Columns do not line up with the header (CIK at column ${text.indexOf(cik, restEnd) + 1}, expected ${columns.cik + 1}); read from the right`,
        offset,
      );
    }
    // Form type and company name share the left part: split at the header's column when a space is there, so a
    // form type with a space in it (`1-A POS`, `SC 13G/A`) stays whole.
    const firstIsForm = this.kind === 'form';
    const split = firstIsForm ? columns.companyName : columns.formType;
    let first: string;
    let second: string;
    if (rest.length > split && /[ \t]/.test(rest.charAt(split - 1)) && !/[ \t]/.test(rest.charAt(split))) {
      first = rest.slice(0, split).trim();
      second = rest.slice(split).trim();
    } else if (rest.trim().length <= split && firstIsForm) {
      first = rest.trim();
      second = '';
    } else {
      // The first field overflowed into the second: split at a run of two or more spaces.
      const runs = [...rest.trim().matchAll(/[ \t]{2,}/g)];
      const run = firstIsForm ? runs[0] : runs[runs.length - 1];
      const trimmed = rest.trim();
      if (run?.index !== undefined) {
        first = trimmed.slice(0, run.index);
        second = trimmed.slice(run.index + run[0].length);
      } else {
        const space = firstIsForm ? trimmed.indexOf(' ') : trimmed.lastIndexOf(' ');
        first = space === -1 ? trimmed : trimmed.slice(0, space);
        second = space === -1 ? '' : trimmed.slice(space + 1);
      }
      this.report(
        'index/ragged-column',
        'warning',
        `line ${this.lineNumber}: ${firstIsForm ? 'Form type' : 'Company name'} runs into the next column; split at the widest gap as "${clip(first)}" and "${clip(second)}"`,
        offset,
      );
    }
    const formType = firstIsForm ? first : second;
    const companyName = firstIsForm ? second : first;
    return this.makeRow(cik, companyName, formType, date, fileName, text, offset);
  }

  private makeRow(
    cikText: string,
    companyName: string,
    formType: string,
    dateText: string,
    fileName: string,
    text: string,
    offset: number,
  ): IndexRow | null {
    const cik = parseCik(cikText);
    if (!cik) {
      this.badLine(`"${clip(cikText)}" is not a CIK`, text, offset);
      return null;
    }
    const dateFiled = readDate(dateText.trim());
    if (!dateFiled) {
      this.badLine(`"${clip(dateText)}" is not a date (YYYY-MM-DD or YYYYMMDD)`, text, offset);
      return null;
    }
    const trimmedForm = formType.trim();
    if (!trimmedForm) {
      this.badLine('the form type is empty', text, offset);
      return null;
    }
    const name = fileName.trim();
    const found = ACCESSION_IN_NAME.exec(name);
    const accessionNumber = found ? parseAccessionNumber(found[1] as string) : null;
    if (!accessionNumber) {
      this.report('index/no-accession', 'warning', `line ${this.lineNumber}: No accession number in file name "${clip(name)}"`, offset);
    }
    return { formType: trimmedForm, companyName: companyName.trim(), cik, dateFiled, fileName: name, accessionNumber };
  }

  private badLine(reason: string, text: string, offset: number): void {
    this.report('index/bad-line', 'error', `line ${this.lineNumber}: Cannot read index row: ${reason}; skipped "${clip(text)}"`, offset);
  }

  private report(code: string, severity: Diagnostic['severity'], message: string, offset: number): void {
    if (this.options.strict && severity === 'error') {
      throw new EdgarSyntaxError(code, message.replace(/^line \d+: /, ''), this.options.source ?? '<index>', offset, this.lineNumber, 1);
    }
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.suppressed++;
      return;
    }
    this.diagnostics.push(diagnostic(code, severity, message, offset));
  }
}

/** Parses a whole index file held in memory. */
export function parseIndex(input: Uint8Array | string, options: IndexParserOptions = {}): IndexFile {
  const parser = new IndexParser(options);
  parser.write(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return parser.end();
}

function readHeaderColumns(text: string): { kind: IndexFileKind; columns: Columns } | null {
  const formType = text.indexOf('Form Type');
  const companyName = text.indexOf('Company Name');
  const cik = text.indexOf('CIK');
  const dateFiled = text.indexOf('Date Filed');
  const fileName = text.search(/File ?Name/);
  if (formType === -1 || companyName === -1 || cik === -1 || dateFiled === -1 || fileName === -1) return null;
  if (!(cik < dateFiled && dateFiled < fileName && Math.max(formType, companyName) < cik)) return null;
  if (formType === 0 && companyName > 0) return { kind: 'form', columns: { formType, companyName, cik, dateFiled, fileName } };
  if (companyName === 0 && formType > 0) return { kind: 'company', columns: { formType, companyName, cik, dateFiled, fileName } };
  return null;
}

function readDate(text: string): string | null {
  if (text.length === 8) return parseCompactDate(text);
  const match = DASHED_DATE.exec(text);
  return match ? parseCompactDate(`${match[1]}${match[2]}${match[3]}`) : null;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
