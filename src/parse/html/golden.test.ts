/**
 * Golden tests: real HTML and inline XBRL filings from ../shared/corpus against expectations in
 * testdata/golden/html/, written by reading the filings (never by copying the parser's output).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, readCorpus } from '../../../test/shared-files.js';
import type { Block, Choice, DocumentModel, Table } from '../../model/document.js';
import { parseHtmlDocument } from './parse-html-document.js';

const goldenDirectory = join(projectRoot, 'testdata', 'golden', 'html');

/**
 * The body of one document of a submission file: the text between `<TEXT>` and `</TEXT>` of the
 * document named `filename` (or of the first document). A file without `<TEXT>` is returned whole.
 * (The real SGML reader lives in src/parse/sgml; tests slice with indexOf to stay independent.)
 */
function documentBody(file: string, filename?: string): string {
  let from = 0;
  if (filename !== undefined) {
    const at = file.indexOf(`<FILENAME>${filename}`);
    if (at === -1) throw new Error(`no document ${filename}`);
    from = at;
  }
  const start = file.indexOf('<TEXT>', from);
  if (start === -1) return file;
  const end = file.indexOf('</TEXT>', start);
  return file.slice(start + '<TEXT>'.length, end === -1 ? file.length : end);
}

/** Corpus files are read as Latin-1: one character per byte, so nothing is lost before the parser. */
function corpusText(relative: string): string {
  return readCorpus(relative).toString('latin1');
}

interface BlockExpectation {
  kind?: Block['kind'];
  level?: number;
  text?: string;
}

interface OptionExpectation {
  label: string;
  marked: boolean;
  labelSource?: string;
  markSource?: string;
}

interface TableExpectation {
  find: string;
  columnCount?: number;
  headerRows?: string[][];
  rowsInclude?: string[][];
  firstCellRowspan?: number;
}

interface Golden {
  about: string;
  source: string;
  document?: string;
  pageCount?: number;
  pageLabels?: (string | null)[];
  tableCount?: number;
  blocks?: BlockExpectation[];
  choices?: { options: OptionExpectation[] }[];
  tables?: TableExpectation[];
  absent?: string[];
}

function allBlocks(model: DocumentModel): Block[] {
  return model.pages.flatMap((page) => [...page.blocks]);
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
    case 'preformatted':
      return block.text;
    case 'list':
      return block.items.map((item) => item.text).join('\n');
    case 'table':
      return [...block.headerRows, ...block.rows].map((row) => row.cells.map((cell) => cell.text).join('\t')).join('\n');
    case 'choice':
      return block.options.map((option) => option.label).join('\n');
    case 'rule':
      return '';
  }
}

function matchesBlock(block: Block, expected: BlockExpectation): boolean {
  if (expected.kind !== undefined && block.kind !== expected.kind) return false;
  if (expected.level !== undefined && (block.kind !== 'heading' || block.level !== expected.level)) return false;
  if (expected.text !== undefined) {
    if (block.kind !== 'heading' && block.kind !== 'paragraph' && block.kind !== 'preformatted') return false;
    if (block.text !== expected.text) return false;
  }
  return true;
}

function matchesChoice(choice: Choice, expected: { options: OptionExpectation[] }): boolean {
  if (choice.options.length !== expected.options.length) return false;
  return expected.options.every((option, index) => choice.options[index]?.label === option.label);
}

const goldens = readdirSync(goldenDirectory)
  .filter((name) => name.endsWith('.json') && name !== 'fpi-6k-covers.json')
  .map((name) => ({ name, golden: JSON.parse(readFileSync(join(goldenDirectory, name), 'utf8')) as Golden }));

describe.each(goldens)('golden $name', ({ golden }) => {
  const source = documentBody(corpusText(golden.source), golden.document);
  const model = parseHtmlDocument(source);
  const blocks = allBlocks(model);

  it('keeps the exact input as source and every span inside it', () => {
    expect(model.source).toBe(source);
    expect(model.sourceFormat).toBe('html');
    let previousEnd = 0;
    for (const page of model.pages) {
      expect(page.span.start).toBeGreaterThanOrEqual(previousEnd);
      expect(page.span.end).toBeLessThanOrEqual(source.length);
      previousEnd = page.span.end;
      for (const block of page.blocks) {
        expect(block.span.start).toBeGreaterThanOrEqual(0);
        expect(block.span.end).toBeLessThanOrEqual(source.length);
        expect(block.span.start).toBeLessThanOrEqual(block.span.end);
      }
    }
  });

  if (golden.pageCount !== undefined) {
    it('has the pages of the filing', () => {
      expect(model.pages.length).toBe(golden.pageCount);
      if (golden.pageLabels !== undefined) expect(model.pages.map((page) => page.label)).toEqual(golden.pageLabels);
    });
  }

  if (golden.blocks !== undefined) {
    const expected = golden.blocks;
    it('has the blocks read from the filing, in order', () => {
      let at = 0;
      for (const wanted of expected) {
        const found = blocks.findIndex((block, index) => index >= at && matchesBlock(block, wanted));
        expect(found, `block ${JSON.stringify(wanted)} after block ${at}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    });
  }

  if (golden.choices !== undefined) {
    const expected = golden.choices;
    it('reads the check boxes', () => {
      const choices = blocks.filter((block): block is Choice => block.kind === 'choice');
      let at = 0;
      for (const wanted of expected) {
        const found = choices.findIndex((choice, index) => index >= at && matchesChoice(choice, wanted));
        expect(found, `choice ${JSON.stringify(wanted.options.map((option) => option.label))}`).toBeGreaterThanOrEqual(0);
        const choice = choices[found] as Choice;
        wanted.options.forEach((option, index) => {
          const actual = choice.options[index];
          expect(actual?.marked, option.label).toBe(option.marked);
          if (option.labelSource !== undefined && actual !== undefined) {
            expect(source.slice(actual.span.start, actual.span.end)).toBe(option.labelSource);
          }
          if (option.markSource !== undefined) {
            const span = actual?.markSpan;
            expect(span, `mark of ${option.label}`).not.toBeNull();
            if (span) expect(source.slice(span.start, span.end)).toBe(option.markSource);
          }
        });
        at = found + 1;
      }
    });
  }

  if (golden.tableCount !== undefined) {
    it('has the tables of the filing', () => {
      expect(blocks.filter((block) => block.kind === 'table').length).toBe(golden.tableCount);
    });
  }

  for (const wanted of golden.tables ?? []) {
    it(`puts the cells of the table with "${wanted.find}" where they belong`, () => {
      const table = blocks.find(
        (block): block is Table =>
          block.kind === 'table' && [...block.headerRows, ...block.rows].some((row) => row.cells.some((cell) => cell.text === wanted.find)),
      );
      expect(table, `a table with a cell "${wanted.find}"`).toBeDefined();
      if (table === undefined) return;
      if (wanted.columnCount !== undefined) expect(table.columnCount).toBe(wanted.columnCount);
      if (wanted.headerRows !== undefined) {
        expect(table.headerRows.map((row) => row.cells.map((cell) => cell.text))).toEqual(wanted.headerRows);
      }
      if (wanted.firstCellRowspan !== undefined) expect(table.headerRows[0]?.cells[0]?.rowspan).toBe(wanted.firstCellRowspan);
      const rows = [...table.headerRows, ...table.rows].map((row) => row.cells.map((cell) => cell.text));
      for (const row of wanted.rowsInclude ?? []) expect(rows).toContainEqual(row);
      for (const row of [...table.headerRows, ...table.rows]) {
        let width = 0;
        for (const cell of row.cells) width += cell.colspan;
        expect(width).toBeLessThanOrEqual(table.columnCount);
      }
    });
  }

  if (golden.absent !== undefined) {
    const absent = golden.absent;
    it('leaves hidden content and markup out of the text', () => {
      const text = blocks.map(blockText).join('\n');
      for (const needle of absent) expect(text.includes(needle), JSON.stringify(needle)).toBe(false);
    });
  }
});

interface Cover {
  file: string;
  annualReportForm: string | null;
  yesNo: string | null;
  how: string;
}

const covers = (JSON.parse(readFileSync(join(goldenDirectory, 'fpi-6k-covers.json'), 'utf8')) as { covers: Cover[] }).covers;

describe('Form 6-K covers in corpus/fpi', () => {
  it.each(covers)('$file: $annualReportForm, $yesNo ($how)', (cover) => {
    const model = parseHtmlDocument(documentBody(corpusText(cover.file)));
    const choices = allBlocks(model).filter((block): block is Choice => block.kind === 'choice');
    const annual = choices.find((choice) => choice.options.some((option) => /^Form (?:20|40)-F$/.test(option.label)));
    const yesNo = choices.find(
      (choice) =>
        choice.options.some((option) => /^yes$/i.test(option.label)) && choice.options.some((option) => /^no$/i.test(option.label)),
    );
    if (cover.annualReportForm === null) {
      expect(annual).toBeUndefined();
    } else {
      expect(annual, 'a Form 20-F / Form 40-F choice').toBeDefined();
      expect(annual?.options.filter((option) => option.marked).map((option) => option.label)).toEqual([cover.annualReportForm]);
      expect(annual?.options.map((option) => option.label).sort()).toEqual(['Form 20-F', 'Form 40-F']);
    }
    if (cover.yesNo === null) {
      expect(yesNo).toBeUndefined();
    } else {
      expect(yesNo, 'a Yes / No choice').toBeDefined();
      expect(yesNo?.options.filter((option) => option.marked).map((option) => option.label)).toEqual([cover.yesNo]);
    }
  });
});
