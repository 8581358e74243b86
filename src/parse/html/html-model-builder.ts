/**
 * The streaming half of the HTML reader: htmlparser2 callbacks in, page flow out.
 *
 * Two stacks run side by side. `frames` mirrors htmlparser2's open elements (which it keeps
 * balanced: every open gets a close, implied or at the end) and carries what is inherited —
 * hidden, bold, alignment, font. `containers` holds what is being built: the page flow at the
 * bottom, then tables, cells, lists and list items as they open. Text goes into the innermost
 * container that takes text, as pieces of an inline run; a block-level tag ends the run.
 *
 *   > | <div>Form 20-F <font face="Wingdings">x</font></div>
 *            ^^^^^^^^^^ piece                 ^ piece '☒'    ^ run ends: paragraph or choice
 */

import type { Parser } from 'htmlparser2';
import { imageMark as imageMarkOf } from '../../core/check-marks.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import type { Block, ListBlock, ListItem } from '../../model/document.js';
import { type CellDraft, finishTable, spanAttribute, type TableDraft } from './build-table.js';
import { CLEANABLE_CHARACTERS, cleanText, FONT_TEXT, hasC1Controls, mapSymbolFont } from './clean-text.js';
import { collectAttribute, type ElementAttributes, emptyAttributes, type Frame, openFrame, rootFrame } from './element-style.js';
import {
  hasMarkCharacter,
  MARK_CHARACTERS,
  newRun,
  PIECE_BLANK,
  PIECE_BOLD,
  PIECE_BREAK,
  PIECE_EXACT,
  PIECE_UNDERLINE,
  type Run,
  runToBlocks,
} from './inline-run.js';
import { type Item, itemsText, type PageBreak } from './items.js';
import { pageNumberLabel } from './paginate.js';

/** Elements that end the inline run before and after them. */
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'listing',
  'main',
  'nav',
  'ol',
  'p',
  'page',
  'plaintext',
  'pre',
  'section',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'xmp',
  'document',
  'text',
]);

/**
 * Every element name the builder and `openFrame` compare against, as the one (internalized) string of each: a name
 * the parser has just sliced is swapped for it once, so the set look-ups and the `switch` cases after compare it by
 * identity rather than character by character.
 */
const KNOWN_NAMES = new Map<string, string>(
  [
    ...BLOCK_ELEMENTS,
    ...['br', 'img', 'tr', 'td', 'th', 'thead', 'caption', 'ul', 'ol', 'dir', 'menu', 'li'],
    ...['b', 'strong', 'u', 'ins', 'font', 'span', 'a', 'i', 'sup', 'sub', 'small', 'o:p'],
    ...['head', 'script', 'style', 'title', 'noscript', 'template', 'ix:header', 'object'],
  ].map((name) => [name, name]),
);

const ROLE_TABLE = 1;
const ROLE_ROW = 2;
const ROLE_CELL = 3;
const ROLE_HEAD = 4;
const ROLE_CAPTION = 5;
const ROLE_LIST = 6;
const ROLE_ITEM = 7;

/** An `<hr>` narrower than this (in percent) is a decorative rule, not a page break. */
const RULE_MAX_WIDTH = 75;

/** A container that takes text: the page flow, a cell, a list item or a caption. */
interface TextContainer {
  readonly type: 'flow' | 'cell' | 'item' | 'caption';
  items: Item[];
  run: Run | null;
}

interface FlowContainer extends TextContainer {
  readonly type: 'flow';
}

/** A cell's draft is its container: one object a cell. */
type CellContainer = CellDraft;

interface ItemContainer extends TextContainer {
  readonly type: 'item';
  readonly start: number;
}

interface CaptionContainer extends TextContainer {
  readonly type: 'caption';
}

interface TableContainer {
  readonly type: 'table';
  readonly table: TableDraft;
}

interface ListContainer {
  readonly type: 'list';
  readonly ordered: boolean;
  readonly items: ListItem[];
  readonly start: number;
}

type Container = FlowContainer | CellContainer | ItemContainer | CaptionContainer | TableContainer | ListContainer;

/** Names of check-box images: `ballotx.jpg`, `check.gif`, `uncheck.gif`, `box_checked.png`… (the check-mark vocabulary). */
function imageMark(attributes: Readonly<ElementAttributes>): string | null {
  return imageMarkOf(attributes.src ?? '', attributes.alt ?? '');
}

/** Characters that need cleaning (see `cleanText`) or may be part of a check box (see `hasMarkCharacter`). */
const SPECIAL_CHARACTER = new RegExp(`[${CLEANABLE_CHARACTERS}${MARK_CHARACTERS}]`);

/** White space only (ASCII white space and no-break spaces). */
function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x20 && code !== 0xa0) return false;
  }
  return true;
}

/** Adds a list, joined to a list of the same kind right before it (bullets set one table each). */
function appendList(items: Item[], list: ListBlock): void {
  const last = items[items.length - 1];
  if (last !== undefined && last.kind === 'list' && last.ordered === list.ordered) {
    // The builder made both lists, so their item arrays are its own to extend.
    const joined = last.items as ListItem[];
    for (const item of list.items) joined.push(item);
    items[items.length - 1] = { ...last, items: joined, span: { start: last.span.start, end: list.span.end } };
    return;
  }
  items.push(list);
}

export interface HtmlModelBuilderOptions {
  /**
   * Read the whole document as preformatted text: for legacy ASCII in an HTML wrapper, whose
   * `<TABLE>`/`<CAPTION>` markers are not HTML tables.
   */
  readonly preformatted?: boolean;
}

export class HtmlModelBuilder {
  private parser: Parser | null = null;
  /** Open elements' frames, `frames[0]` the document's; entries past `depth` are kept for reuse. */
  private readonly frames: Frame[];
  private depth = 0;
  private top: Frame;
  private readonly legacy: boolean;
  private readonly flow: FlowContainer = { type: 'flow', items: [], run: null };
  private readonly containers: Container[] = [this.flow];
  private target: TextContainer = this.flow;
  private readonly diagnostics: Diagnostic[] = [];
  private sawC1 = false;
  /** The open tag being read: its name (null when none), start and the attributes read so far. */
  private pendingName: string | null = null;
  private pendingStart = 0;
  private readonly pendingAttributes: ElementAttributes = emptyAttributes();

  constructor(options: HtmlModelBuilderOptions = {}) {
    const root = rootFrame();
    this.legacy = options.preformatted === true;
    root.pre = this.legacy;
    this.frames = [root];
    this.top = root;
  }

  onparserinit(parser: Parser): void {
    this.parser = parser;
  }

  private get start(): number {
    return this.parser?.startIndex ?? 0;
  }

  /** End (exclusive) of the current event. */
  private get end(): number {
    return (this.parser?.endIndex ?? -1) + 1;
  }

  /**
   * End (exclusive) of the current closing event. Elements still open at the end of the input are
   * closed by an event with no extent, whose `startIndex` and `endIndex` are both the input's length.
   */
  private get closeEnd(): number {
    const parser = this.parser;
    if (parser === null) return 0;
    return parser.startIndex === parser.endIndex ? parser.endIndex : parser.endIndex + 1;
  }

  // An open tag arrives as its name, then its attributes one by one; the element is opened when the
  // next event comes (a void element's is its immediate close). htmlparser2 then builds no attribute
  // object per tag, which is a tenth of its time.

  onopentagname(name: string): void {
    if (this.pendingName !== null) this.openPending();
    this.pendingName = KNOWN_NAMES.get(name) ?? name;
    this.pendingStart = this.start;
    const attributes = this.pendingAttributes;
    attributes.style = undefined;
    attributes.align = undefined;
    attributes.face = undefined;
    attributes.width = undefined;
    attributes.colspan = undefined;
    attributes.rowspan = undefined;
    attributes.src = undefined;
    attributes.alt = undefined;
  }

  onattribute(name: string, value: string): void {
    if (this.pendingName !== null) collectAttribute(this.pendingAttributes, name, value);
  }

  private openPending(): void {
    const name = this.pendingName as string;
    this.pendingName = null;
    this.openElement(name, this.pendingAttributes, this.pendingStart);
  }

  /**
   * One dispatch on the element's name: the cases share the frame just opened and the builder's open-run state, so it
   * stays one switch rather than split per element.
   */
  private openElement(name: string, attributes: Readonly<ElementAttributes>, start: number): void {
    const parent = this.top;
    const depth = ++this.depth;
    let frame = this.frames[depth];
    if (frame === undefined) {
      frame = rootFrame();
      this.frames.push(frame);
    }
    openFrame(frame, parent, name, attributes, start);
    this.top = frame;
    if (frame.hidden) return;
    if (BLOCK_ELEMENTS.has(name)) this.endRun();
    if (frame.breakBefore) this.pageBreak(start);
    if (this.legacy && name !== 'br' && name !== 'page') return;
    switch (name) {
      case 'br':
        this.lineBreak(start, this.end);
        break;
      case 'hr':
        this.horizontalRule(frame, start, this.end);
        break;
      case 'img':
        this.image(attributes, start, this.end);
        break;
      case 'page':
        this.pageBreak(start);
        break;
      case 'table':
        this.push({ type: 'table', table: { rows: [], row: null, inHead: false, caption: null, start, end: start } });
        frame.role = ROLE_TABLE;
        break;
      case 'tr': {
        const table = this.openTable();
        if (table === null) break;
        this.endRow(table, start);
        table.row = { cells: [], header: table.inHead, start, end: start };
        frame.role = ROLE_ROW;
        break;
      }
      case 'td':
      case 'th': {
        const table = this.openTable();
        if (table === null) break;
        if (table.row === null) table.row = { cells: [], header: table.inHead, start, end: start };
        const cell: CellDraft = {
          type: 'cell',
          items: [],
          run: null,
          header: name === 'th' || table.inHead,
          colspan: spanAttribute(attributes.colspan),
          rowspan: spanAttribute(attributes.rowspan),
          align: frame.align,
          bordered: frame.bordered,
          start,
          end: start,
        };
        this.push(cell);
        frame.role = ROLE_CELL;
        break;
      }
      case 'thead': {
        const table = this.openTable();
        if (table === null) break;
        table.inHead = true;
        frame.role = ROLE_HEAD;
        break;
      }
      case 'caption':
        if (this.openTable() === null) break;
        this.push({ type: 'caption', items: [], run: null });
        frame.role = ROLE_CAPTION;
        break;
      case 'ul':
      case 'ol':
      case 'dir':
      case 'menu':
        this.push({ type: 'list', ordered: name === 'ol', items: [], start });
        frame.role = ROLE_LIST;
        break;
      case 'li': {
        const top = this.containers[this.containers.length - 1];
        if (top?.type !== 'list') break;
        this.push({ type: 'item', items: [], run: null, start });
        frame.role = ROLE_ITEM;
        break;
      }
    }
  }

  onclosetag(_name: string, isImplied: boolean): void {
    if (this.pendingName !== null) this.openPending();
    if (this.depth === 0) return;
    const frame = this.frames[this.depth] as Frame;
    this.top = this.frames[--this.depth] as Frame;
    if (frame.hidden) return;
    const end = this.closeEnd;
    if (BLOCK_ELEMENTS.has(frame.name)) this.endRun();
    switch (frame.role) {
      case ROLE_TABLE:
        if (isImplied) {
          this.diagnostics.push(
            diagnostic(
              'html/unclosed-table',
              'warning',
              `<table> opened at offset ${frame.start} has no </table>; closed at offset ${end}`,
              frame.start,
            ),
          );
        }
        this.closeTable(end);
        break;
      case ROLE_ROW: {
        const table = this.openTable();
        if (table !== null) this.endRow(table, end);
        break;
      }
      case ROLE_CELL:
        this.closeCell(end);
        break;
      case ROLE_HEAD: {
        const table = this.openTable();
        if (table !== null) table.inHead = false;
        break;
      }
      case ROLE_CAPTION:
        this.closeCaption();
        break;
      case ROLE_LIST:
        this.closeList(end);
        break;
      case ROLE_ITEM:
        this.closeItem(end);
        break;
    }
    if (frame.breakAfter) this.pageBreak(end);
  }

  ontext(data: string): void {
    if (this.pendingName !== null) this.openPending();
    const frame = this.top;
    if (frame.hidden) return;
    const start = this.start;
    const end = this.end;
    // Most text is plain: one scan says whether it needs cleaning or may hold a check box.
    let text = data;
    let blank = isBlank(data);
    let markCharacter = false;
    if (!blank && SPECIAL_CHARACTER.test(data)) {
      text = cleanText(data);
      if (text !== data) {
        blank = isBlank(text);
        if (!this.sawC1 && hasC1Controls(data)) {
          this.sawC1 = true;
          this.diagnostics.push(
            diagnostic('html/windows-1252-characters', 'info', 'Raw C1 control characters read as their Windows-1252 characters', start),
          );
        }
      }
      markCharacter = hasMarkCharacter(text);
    }
    if (!blank && frame.font !== FONT_TEXT) {
      text = mapSymbolFont(text, frame.font);
      markCharacter = hasMarkCharacter(text);
    }
    if (text === '') return;
    const container = this.target;
    let run = container.run;
    if (run === null && blank && !frame.pre && !frame.underline) return;
    let flags = 0;
    if (frame.bold) flags |= PIECE_BOLD;
    if (frame.underline) flags |= PIECE_UNDERLINE;
    if (blank) flags |= PIECE_BLANK;
    if (end - start === text.length && text === data) flags |= PIECE_EXACT;
    if (run === null) {
      run = newRun(frame.align, frame.heading, frame.pre, { text, start, end, flags });
      container.run = run;
    } else {
      // Text the tokenizer hands over in pieces that meet (a run of `<` that open no tag comes one character at a
      // time) is one piece: the same joined text and offsets, without an object per character.
      const pieces = run.pieces;
      const last = pieces[pieces.length - 1];
      if (last !== undefined && flags & PIECE_EXACT && last.flags === flags && last.end === start) {
        pieces[pieces.length - 1] = { text: last.text + text, start: last.start, end, flags };
      } else {
        pieces.push({ text, start, end, flags });
      }
    }
    if (frame.underline) run.maybeChoice = true;
    if (!blank) {
      run.hasText = true;
      if (markCharacter) run.maybeChoice = true;
    }
  }

  /** Ends the document: the flow cut into pages happens in the caller. */
  finish(): { flow: readonly (Block | PageBreak)[]; diagnostics: Diagnostic[] } {
    if (this.pendingName !== null) this.openPending();
    while (this.containers.length > 1) {
      const top = this.containers[this.containers.length - 1] as Container;
      const end = this.closeEnd;
      if (top.type === 'table') this.closeTable(end);
      else if (top.type === 'cell') this.closeCell(end);
      else if (top.type === 'list') this.closeList(end);
      else if (top.type === 'item') this.closeItem(end);
      else this.closeCaption();
    }
    this.endRun();
    return { flow: this.flow.items as (Block | PageBreak)[], diagnostics: this.diagnostics };
  }

  // Containers

  private push(container: Container): void {
    this.containers.push(container);
    if (container.type !== 'table' && container.type !== 'list') this.target = container;
  }

  private pop(): Container | undefined {
    if (this.containers.length <= 1) return undefined;
    const container = this.containers.pop();
    for (let index = this.containers.length - 1; index >= 0; index--) {
      const below = this.containers[index] as Container;
      if (below.type !== 'table' && below.type !== 'list') {
        this.target = below;
        break;
      }
    }
    return container;
  }

  /** The table whose rows and cells are open right now, if the innermost container is one. */
  private openTable(): TableDraft | null {
    const top = this.containers[this.containers.length - 1];
    return top?.type === 'table' ? top.table : null;
  }

  /** Adds finished items to the innermost text container (runs of the page flow are read at once). */
  private emit(items: readonly Item[]): void {
    const container = this.target;
    for (const item of items) {
      if (item.kind === 'run' && container.type === 'flow') runToBlocks(item, container.items as Block[]);
      else if (item.kind === 'list') appendList(container.items, item);
      else container.items.push(item);
    }
  }

  /** Ends the inline run of the innermost text container. */
  private endRun(): void {
    const container = this.target;
    const run = container.run;
    if (run === null) return;
    container.run = null;
    if (!run.hasText && !run.maybeChoice) return;
    if (container.type === 'flow') runToBlocks(run, container.items as Block[]);
    // A cell's or item's first item makes its array, of one (`push` on an empty one makes room for 16).
    else if (container.items.length === 0) container.items = [run];
    else container.items.push(run);
  }

  private endRow(table: TableDraft, end: number): void {
    const row = table.row;
    if (row === null) return;
    row.end = Math.max(end, row.start);
    table.rows.push(row);
    table.row = null;
  }

  private closeCell(end: number): void {
    this.endRun();
    const top = this.containers[this.containers.length - 1];
    if (top?.type !== 'cell') return;
    this.pop();
    top.end = Math.max(end, top.start);
    const table = this.openTable();
    if (table === null) return;
    if (table.row === null) table.row = { cells: [], header: table.inHead, start: top.start, end };
    table.row.cells.push(top);
    table.row.end = Math.max(table.row.end, top.end);
  }

  private closeTable(end: number): void {
    // Cells and rows left open are closed with the table.
    for (;;) {
      const top = this.containers[this.containers.length - 1];
      if (top === undefined || top.type === 'flow') return;
      if (top.type === 'table') break;
      if (top.type === 'cell') this.closeCell(end);
      else if (top.type === 'list') this.closeList(end);
      else if (top.type === 'item') this.closeItem(end);
      else this.closeCaption();
    }
    const container = this.pop() as TableContainer;
    const table = container.table;
    this.endRow(table, end);
    table.end = Math.max(end, table.start);
    this.endRun();
    this.emit(finishTable(table));
  }

  private closeCaption(): void {
    this.endRun();
    const top = this.containers[this.containers.length - 1];
    if (top?.type !== 'caption') return;
    this.pop();
    const table = this.openTable();
    const text = itemsText(top.items);
    if (table !== null && text !== '') table.caption = table.caption === null ? text : `${table.caption} ${text}`;
  }

  private closeItem(end: number): void {
    this.endRun();
    const top = this.containers[this.containers.length - 1];
    if (top?.type !== 'item') return;
    this.pop();
    const list = this.containers[this.containers.length - 1];
    if (list?.type !== 'list') return;
    const own = top.items.filter((item) => item.kind !== 'list');
    const text = itemsText(own);
    if (text !== '') list.items.push({ text, span: { start: top.start, end: Math.max(end, top.start) } });
    // A nested list's items follow the item they were in.
    for (const item of top.items) if (item.kind === 'list') for (const nested of item.items) list.items.push(nested);
  }

  private closeList(end: number): void {
    this.endRun();
    for (;;) {
      const top = this.containers[this.containers.length - 1];
      if (top === undefined || top.type === 'flow') return;
      if (top.type === 'list') break;
      if (top.type === 'item') this.closeItem(end);
      else if (top.type === 'cell') this.closeCell(end);
      else if (top.type === 'table') this.closeTable(end);
      else this.closeCaption();
    }
    const list = this.pop() as ListContainer;
    if (list.items.length === 0) return;
    this.emit([{ kind: 'list', ordered: list.ordered, items: list.items, span: { start: list.start, end: Math.max(end, list.start) } }]);
  }

  // Markers

  private lineBreak(start: number, end: number): void {
    const run = this.target.run;
    if (run !== null) run.pieces.push({ text: '', start, end, flags: PIECE_BREAK });
  }

  private pageBreak(offset: number): void {
    const container = this.target;
    if (container.type === 'item' || container.type === 'caption') return;
    this.endRun();
    container.items.push({ kind: 'page-break', offset });
  }

  /**
   * `<hr>`: a page break when it carries a page-break style (handled with the style), follows a
   * page-number line, or spans (nearly) the full width — the way EDGAR HTML marks pages; a narrow
   * rule, or one inside a table or list, is a `Rule` block.
   */
  private horizontalRule(frame: Frame, start: number, end: number): void {
    if (frame.breakBefore || frame.breakAfter) return;
    const container = this.target;
    const inFlow = container.type === 'flow' && this.containers.length === 1;
    if (inFlow) {
      const last = container.items[container.items.length - 1];
      const afterPageNumber = last !== undefined && last.kind === 'paragraph' && pageNumberLabel(last.text) !== null;
      if (afterPageNumber || frame.widthPercent === -1 || frame.widthPercent >= RULE_MAX_WIDTH) {
        this.pageBreak(start);
        return;
      }
    }
    this.endRun();
    container.items.push({ kind: 'rule', span: { start, end } });
  }

  private image(attributes: Readonly<ElementAttributes>, start: number, end: number): void {
    const mark = imageMark(attributes);
    if (mark === null) return;
    const container = this.target;
    const piece = { text: mark, start, end, flags: 0 };
    let run = container.run;
    if (run === null) {
      run = newRun(this.top.align, this.top.heading, this.top.pre, piece);
      container.run = run;
    } else {
      run.pieces.push(piece);
    }
    run.hasText = true;
    run.maybeChoice = true;
  }
}
