/**
 * Hand-built document models for the renderer tests (test support only, no renderer imports it).
 * Spans are real: every block's text is appended to one source string and its span points there.
 */
import type { Span } from '../core/span.js';
import type { Alignment, Block, ChoiceOption, DocumentModel, Page, Table, TableCell, TableRow } from '../model/document.js';

export class SourceBuilder {
  private readonly parts: string[] = [];
  private length = 0;

  /** Appends `text` and a newline; returns the span of `text`. */
  add(text: string): Span {
    const start = this.length;
    this.parts.push(text, '\n');
    this.length += text.length + 1;
    return { start, end: start + text.length };
  }

  get offset(): number {
    return this.length;
  }

  toString(): string {
    return this.parts.join('');
  }
}

export interface CellSpec {
  readonly text: string;
  readonly colspan?: number;
  readonly rowspan?: number;
  readonly align?: Alignment;
}

export function cell(source: SourceBuilder, spec: string | CellSpec): TableCell {
  const value: CellSpec = typeof spec === 'string' ? { text: spec } : spec;
  return {
    text: value.text,
    colspan: value.colspan ?? 1,
    rowspan: value.rowspan ?? 1,
    align: value.align ?? null,
    span: source.add(value.text),
  };
}

export function row(source: SourceBuilder, cells: readonly (string | CellSpec)[]): TableRow {
  const start = source.offset;
  const built = cells.map((spec) => cell(source, spec));
  return { cells: built, span: { start, end: source.offset } };
}

export function table(
  source: SourceBuilder,
  parts: {
    caption?: string;
    header?: readonly (readonly (string | CellSpec)[])[];
    rows: readonly (readonly (string | CellSpec)[])[];
    footnotes?: readonly string[];
    columnCount: number;
  },
): Table {
  const start = source.offset;
  if (parts.caption !== undefined) source.add(parts.caption);
  const headerRows = (parts.header ?? []).map((cells) => row(source, cells));
  const rows = parts.rows.map((cells) => row(source, cells));
  for (const footnote of parts.footnotes ?? []) source.add(footnote);
  return {
    kind: 'table',
    origin: 'tagged',
    caption: parts.caption ?? null,
    headerRows,
    rows,
    footnotes: parts.footnotes ?? [],
    columnCount: parts.columnCount,
    span: { start, end: source.offset },
  };
}

export function choice(source: SourceBuilder, options: readonly [label: string, marked: boolean][]): Block {
  const start = source.offset;
  const built: ChoiceOption[] = options.map(([label, marked]) => {
    const span = source.add(label);
    return { label, marked, span, markSpan: marked ? source.add('X') : null };
  });
  return { kind: 'choice', options: built, span: { start, end: source.offset } };
}

export function page(source: SourceBuilder, number: number, label: string | null, blocks: (s: SourceBuilder) => Block[]): Page {
  const start = source.offset;
  const built = blocks(source);
  if (label !== null) source.add(label);
  return { number, label, blocks: built, span: { start, end: source.offset } };
}

export function documentOf(source: SourceBuilder, pages: readonly Page[]): DocumentModel {
  return { kind: 'document', sourceFormat: 'text', source: source.toString(), pages, diagnostics: [] };
}

export const COVER_TEXT =
  'Indicate by check mark whether the registrant files or will file annual reports under cover of Form 20-F or Form 40-F.';
export const EXHIBIT_TEXT =
  'a notice regarding the resolution of the board of directors of Hanaro Telecom, Inc. to pay an interim dividend for the fiscal year 2002, dated December 20, 2002';
export const SCRIPT = '<script>alert(1)</script>';

/**
 * Four pages: 1 a cover page (centred heading, paragraph, choice); 2 an exhibit index (header row,
 * long description); 3 a financial table (two header rows, `$` and `(1,234)` cells, a footnote);
 * 4 untrusted text (`<script>`, `|`, Markdown specials), a list, preformatted text, a rule.
 */
export function sampleDocument(): DocumentModel {
  const s = new SourceBuilder();
  const pages = [
    page(s, 1, null, (src) => [
      { kind: 'heading', level: 1, text: 'FORM 6-K', align: 'center', span: src.add('FORM 6-K') },
      { kind: 'paragraph', text: COVER_TEXT, align: null, span: src.add(COVER_TEXT) },
      choice(src, [
        ['Form 20-F', true],
        ['Form 40-F', false],
      ]),
    ]),
    page(s, 2, '2', (src) => [
      { kind: 'heading', level: 2, text: 'EXHIBIT INDEX', align: 'center', span: src.add('EXHIBIT INDEX') },
      table(src, {
        header: [['Exhibit', 'Description']],
        rows: [
          ['Exhibit 99.1:', EXHIBIT_TEXT],
          ['Exhibit 99.2:', 'a press release'],
        ],
        columnCount: 2,
      }),
    ]),
    page(s, 3, 'F-2', (src) => [
      table(src, {
        caption: 'CONSOLIDATED STATEMENTS OF INCOME',
        header: [
          ['', { text: 'Year ended December 31', colspan: 2, align: 'center' }],
          ['', '2002', '2001'],
        ],
        rows: [
          ['Revenue', '$ 1,234,567', '$ 987,654'],
          ['Operating loss', '(1,234)', '(56)'],
          ['Net income (loss)', '$ (1,234)', '$ 789'],
        ],
        footnotes: ['(1) Restated; see Note 2.'],
        columnCount: 3,
      }),
    ]),
    page(s, 4, '4', (src) => [
      { kind: 'paragraph', text: SCRIPT, align: null, span: src.add(SCRIPT) },
      table(src, {
        rows: [
          [SCRIPT, 'a | b'],
          ['C:\\path', '1 * 2 _x_'],
        ],
        columnCount: 2,
      }),
      {
        kind: 'list',
        ordered: false,
        items: [
          { text: '# not a heading', span: src.add('# not a heading') },
          { text: '1. not a number', span: src.add('1. not a number') },
        ],
        span: { start: 0, end: 0 },
      },
      { kind: 'preformatted', text: '  a ```b``` c\n    indented', span: src.add('  a ```b``` c\n    indented') },
      { kind: 'rule', span: src.add('-----') },
    ]),
  ];
  return documentOf(s, pages);
}
