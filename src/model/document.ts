import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';

/**
 * One document as a reader sees it, from legacy ASCII or HTML alike: pages of blocks.
 * Every span is a character range into `source`, the text the model was built from.
 */
export interface DocumentModel {
  readonly kind: 'document';
  /** What the source was: legacy ASCII (`text`) or HTML / inline XBRL (`html`). */
  readonly sourceFormat: 'text' | 'html';
  /** The exact text that every `span` points into. */
  readonly source: string;
  readonly pages: readonly Page[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A page of a document: its blocks in reading order, and its printed page number when one was recognised. */
export interface Page {
  /** 1-based position of the page in the document. */
  readonly number: number;
  /** The page number printed at the foot of the page, when one was recognised (e.g. `"3"`, `"F-2"`). */
  readonly label: string | null;
  readonly blocks: readonly Block[];
  readonly span: Span;
}

/** One block of a page, told apart by `kind`. */
export type Block = Heading | Paragraph | ListBlock | Table | Choice | Preformatted | Rule;

/** The horizontal alignment of a table cell or heading. */
export type Alignment = 'left' | 'center' | 'right';

/** A heading, level 1 being the most prominent. */
export interface Heading {
  readonly kind: 'heading';
  /** 1 is the most prominent. */
  readonly level: 1 | 2 | 3 | 4 | 5 | 6;
  readonly text: string;
  readonly align: Alignment | null;
  readonly span: Span;
}

/** Running text, reflowed: hard line wraps joined with spaces, hyphenated breaks joined where they are breaks. */
export interface Paragraph {
  readonly kind: 'paragraph';
  readonly text: string;
  readonly align: Alignment | null;
  readonly span: Span;
}

/** A bulleted or numbered list. */
export interface ListBlock {
  readonly kind: 'list';
  readonly ordered: boolean;
  readonly items: readonly ListItem[];
  readonly span: Span;
}

/** One item of a list. */
export interface ListItem {
  readonly text: string;
  readonly span: Span;
}

/** A real table: rows of cells, from legacy `<TABLE>`/`<S>`/`<C>` markup, space-aligned columns or HTML. */
export interface Table {
  readonly kind: 'table';
  /** Where the table came from: `<TABLE>` markers, space alignment alone, or HTML `<table>`. */
  readonly origin: 'tagged' | 'aligned' | 'html';
  /** A title line above the column headers (`<CAPTION>` text that is not a column header), if any. */
  readonly caption: string | null;
  /** Column header rows, already merged where a header was wrapped over several lines. */
  readonly headerRows: readonly TableRow[];
  readonly rows: readonly TableRow[];
  /** `<FN>` footnotes (ASCII) or footnote rows under the table (HTML). */
  readonly footnotes: readonly string[];
  readonly columnCount: number;
  readonly span: Span;
}

/** One row of a table. */
export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly span: Span;
}

/** One cell of a table, with the columns it spans. */
export interface TableCell {
  /** Clean text: wrapped lines joined; `$`, `%`, `(`…`)` kept with the number they belong to. */
  readonly text: string;
  readonly colspan: number;
  readonly rowspan: number;
  readonly align: Alignment | null;
  readonly span: Span;
}

/**
 * A cover-page device: labels with a check mark under, over or beside some of them
 * (`Form 20-F  X   Form 40-F` over `---` lines; `Yes [ ] No [X]`; `☒`/`☐`).
 */
export interface Choice {
  readonly kind: 'choice';
  readonly options: readonly ChoiceOption[];
  readonly span: Span;
}

/** One option of a cover-page check box question, marked or not. */
export interface ChoiceOption {
  readonly label: string;
  readonly marked: boolean;
  /** The label's place in the source. */
  readonly span: Span;
  /** The mark's place in the source, when marked. */
  readonly markSpan: Span | null;
}

/** Text whose layout carries meaning and that could not be said better as a table or paragraph. */
export interface Preformatted {
  readonly kind: 'preformatted';
  readonly text: string;
  readonly span: Span;
}

/** A horizontal rule: an ASCII line of `-`, `=` or `_`, or HTML `<hr>` that is not a page break. */
export interface Rule {
  readonly kind: 'rule';
  readonly span: Span;
}
