import { decodeHTML } from 'entities';
import type { Block, DocumentModel, ListBlock } from '../model/document.js';
import { findDate, MONTH_PATTERN } from './dates.js';
import { type DocumentLine, documentLines, lineSpan } from './document-lines.js';
import type { FieldSpan } from './field.js';

/** A regulator or exchange named for an exhibit: `KOSDAQ` (its defined short name) with its full name when given. */
export interface Regulator {
  readonly name: string;
  readonly fullName: string | null;
}

/** An exhibit as an exhibit index lists it: number, description, date, regulators or exchanges, each with its span. */
export interface ListedExhibit {
  /** As the index writes it: `99.1` (without `Exhibit`, `EX-` or a trailing `:`). */
  readonly number: string;
  /**
   * False when the report lists the item without an exhibit number ("Materials contained in this report: 1. …");
   * `number` is then its place in the list.
   */
  readonly numbered: boolean;
  /** What the exhibit is, without the "filed with …" clause. */
  readonly description: string;
  /** The date the report gives for it (YYYY-MM-DD): "dated …", "issued on …", "filed with … on …". */
  readonly date: string | null;
  readonly filedWith: readonly Regulator[];
  /** The whole entry as written (wrapped lines joined). */
  readonly text: string;
  readonly span: FieldSpan;
}

/** A mention of an attached document without an exhibit number ("AEGON's press release, dated …, is included as appendix"). */
export interface UnnumberedMention {
  readonly description: string;
  readonly date: string | null;
  readonly span: FieldSpan;
}

/** Where an entry was found; a formal index outranks a list in the body, which outranks a sentence. */
const RANK = { sentence: 1, list: 2, index: 3 } as const;
type Rank = (typeof RANK)[keyof typeof RANK];

interface Entry extends ListedExhibit {
  readonly rank: Rank;
  readonly order: number;
}

const NUM = String.raw`(\d{1,3}(?:\.\d{1,3}){0,2}(?![\d.]\d)(?:\.?[A-Za-z](?![A-Za-z]))?|[A-Z](?![A-Za-z]))`;
/** `Exhibit 99.1: …`, `Ex. 99.1 – …`, `EX-99.1 …`, `Exhibit No. 99.1 …`. */
const PREFIXED = new RegExp(
  String.raw`^(?:Exhibit|Exh\.|Ex\.|EX-)\s*(?:No\.?\s*|Number\s*)?${NUM}\**\s*(?:[:–—-]\s*|\.\s+|\s+)(\S.*)$`,
  'i',
);
/** `99.1  Press release …` (inside an exhibit list only). */
const DOTTED = /^(\d{1,3}\.\d{1,3}[a-z]?)\**\s*[:.–—-]?\s+(["“'(]?[A-Z0-9].*)$/;
/** `1  March 31, 2009 Q3 Interim Financials` (under an "Exhibit No." header only). */
const ORDINAL = /^(\d{1,3})\.?\**\s*[:.–—-]?\s+(["“]?[A-Z].*)$/;
/** Headings and header rows that open a formal exhibit index. */
const INDEX_HEADING =
  /^(?:\([a-z]\)\s*)?(?:exhibit\s+index|index\s+(?:to|of)\s+exhibits|list\s+of\s+exhibits|exhibits?\s+list|item\s+19\.?\s+(?:financial\s+statements\s+and\s+)?exhibits|exhibits?)\b\s*:?(?:\s+\d{1,4})?$|^exhibits?(?:\s+(?:no\.?|number|#))?\s+(?:description|document|title|exhibit|name)\b/i;
/** Lines that announce a list of what the report furnishes. */
const LIST_TRIGGER =
  /\bexhibits?\b|materials?\s+contained\s+in\s+this\s+report|furnishing\s+under\s+(?:the\s+)?cover\s+of\s+form|the\s+following\s+(?:documents?|materials?|press\s+releases?)\b/i;
const MATERIALS_ITEM = /^(\d{1,2})[.)]\s+(["“]?[A-Z].*)$/;
const MATERIALS_TRIGGER = /^(?:materials?|documents?|information)\s+(?:contained|included|furnished)\s+in\s+this\s+(?:report|form)/i;
/** A page number cell at the end of a table-of-contents row. */
const TRAILING_PAGE = /\s{2,}(?:[A-Z]-)?\d{1,4}$/;
const SIGNATURES = /^signatures?$/i;

/** What TRAILING_PAGE needs before it is tried: it scans every run of blanks of the row. */
function endsWithDigit(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 48 && last <= 57;
}

const ATTACH_VERB = '(?:attached|furnished|filed|included|enclosed|submitted)';
const SENTENCE_AS_EXHIBIT = new RegExp(
  String.raw`\b${ATTACH_VERB}\s+(?:herewith\s+|hereto\s+|herein\s+)?as\s+Exhibits?\s+${NUM}(?:\s+and\s+(?:Exhibit\s+)?${NUM})?\s*(?:to\s+this\s+(?:report|Report\s+on\s+Form\s+6-K|Form\s+6-K)\s*)?,?\s+(?:is|are)\s+(.+)$`,
  'i',
);
const SENTENCE_COPY_OF = new RegExp(
  String.raw`\bA\s+copy\s+of\s+(?:the\s+|this\s+|such\s+|said\s+)?(?!which\b)((?:(?!\.\s+[A-Z]).){1,200}?)\s+(?:is|are)\s+${ATTACH_VERB}\s+(?:herewith\s+|hereto\s+|herein\s+)?as\s+Exhibit\s+${NUM}`,
  'i',
);
const SENTENCE_COPY_OF_WHICH = new RegExp(
  String.raw`^.*\b(?:an?|the)\s+([^,]+?),\s+a\s+copy\s+of\s+which\s+is\s+${ATTACH_VERB}\s+(?:herewith\s+|hereto\s+|herein\s+)?as\s+Exhibit\s+${NUM}`,
  'i',
);
/** "The financial statements … listed below are attached hereto as Exhibit 99.1." (the subject opens a sentence; case matters). */
const SENTENCE_SUBJECT = new RegExp(
  String.raw`(?:^|[.!?]\s+)((?:The|This|These|Our|Its)\s+(?:(?!\.\s+[A-Z]).){3,200}?)\s+(?:(?:listed|set\s+forth|described)\s+below\s+)?(?:is|are)\s+${ATTACH_VERB}\s+(?:herewith\s+|hereto\s+|herein\s+)?as\s+Exhibit\s+${NUM}`,
);
const DATE_TEXT = String.raw`(?:${MONTH_PATTERN}\s+\d{1,2}(?:st|nd|rd|th)?\s*,?\s*\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH_PATTERN}\s*,?\s*\d{4})`;
const UNNUMBERED = new RegExp(
  String.raw`^(.{3,200}?,\s+dated\s+${DATE_TEXT}),?\s+(?:is|are)\s+(?:included|attached|furnished|enclosed)\s+(?:as\s+(?:an?\s+)?(?:appendix|annex|attachment)|herewith|hereto)`,
  'i',
);
const LEADING_ON_DATE = new RegExp(String.raw`^On\s+(${DATE_TEXT})\s*,`, 'i');

/**
 * The exhibits a document lists: exhibit index tables and lines (`Exhibit 99.1: …`, `99.1  …` under an
 * "Exhibit Index" or after a line that announces exhibits, wrapped lines joined), unnumbered "Materials contained
 * in this report" lists, and sentences ("Attached herewith as Exhibit 99.1 is a press release, dated …"). The same
 * number listed twice keeps the formal index's description and the fullest details of both.
 */
export function extractExhibitList(model: DocumentModel, document: number): ListedExhibit[] {
  return findExhibits(model, document).listed;
}

/**
 * The listed exhibits and the unnumbered mentions of attached material.
 * One scan over the document's lines: the open context (index, list, materials), the lines it has left and `add`'s
 * ordering are state shared by every line pattern, so it is not split into per-pattern functions.
 */
export function findExhibits(model: DocumentModel, document: number): { listed: ListedExhibit[]; unnumbered: UnnumberedMention[] } {
  const lines = documentLines(model);
  const found = new Map<string, Entry>();
  const unnumbered: UnnumberedMention[] = [];
  let order = 0;
  const add = (entry: Omit<Entry, 'order'>) => {
    const key = entry.number.toUpperCase();
    const previous = found.get(key);
    if (!previous) {
      found.set(key, { ...entry, order: order++ });
      return;
    }
    const [better, other] = entry.rank > previous.rank ? [entry, previous] : [previous, entry];
    found.set(key, {
      ...better,
      // A formal index gives the order; otherwise the first mention does.
      order: entry.rank > previous.rank ? order++ : previous.order,
      date: better.date ?? other.date,
      filedWith: better.filedWith.length > 0 ? better.filedWith : other.filedWith,
      description: better.description || other.description,
    });
  };

  let context: 'index' | 'list' | 'materials' | null = null;
  let ttl = 0;
  let ordinalAllowed = false;
  const read = new Set<Block>();
  // A block's lines come one after another: the block of the line before is the common case of one read already.
  let lastRead: Block | null = null;
  const open = (kind: 'index' | 'list' | 'materials', lines: number) => {
    context = kind;
    ttl = lines;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as DocumentLine;
    if (ttl > 0) ttl--;
    else {
      context = null;
      ordinalAllowed = false;
    }
    const text = line.text;
    if (text.length <= 10 && SIGNATURES.test(text)) {
      context = null;
      ttl = 0;
      continue;
    }
    if (line.block.kind === 'list' && context === 'materials') {
      const list = line.block as ListBlock;
      const index = list.items.findIndex((item) => item.span.start === line.start && item.span.end === line.end);
      if (index !== -1) {
        add({ ...describe(String(index + 1), text, lineSpan(line, document)), numbered: false, rank: RANK.list });
        ttl = 2;
        continue;
      }
    }
    // "1. English translation of …" written as paragraphs under "Materials Contained in this Report".
    const item = context === 'materials' && line.block.kind !== 'list' ? MATERIALS_ITEM.exec(text) : null;
    if (item) {
      add({ ...describe(item[1] as string, item[2] as string, lineSpan(line, document)), numbered: false, rank: RANK.list });
      ttl = 2;
      continue;
    }
    const isTable = line.block.kind === 'table';
    const columns = isTable && model.sourceFormat === 'html' ? columnWise(model, line) : null;
    if (columns) {
      for (const entry of columns)
        add({
          ...describe(entry.number, entry.text, lineSpan(line, document)),
          numbered: true,
          rank: context === 'index' ? RANK.index : RANK.list,
        });
      if (context !== null) ttl = Math.max(ttl, 3);
      continue;
    }
    const entryText = isTable && endsWithDigit(text) ? text.replace(TRAILING_PAGE, '') : text;
    const prefixed = PREFIXED.exec(entryText);
    const inList = context === 'index' || context === 'list';
    const dotted = !prefixed && inList ? DOTTED.exec(entryText) : null;
    const ordinal = !prefixed && !dotted && context === 'index' && ordinalAllowed ? ORDINAL.exec(entryText) : null;
    const match = prefixed ?? dotted ?? ordinal;
    if (match && !/^\d{4}$/.test(match[1] as string)) {
      // Wrapped entries (legacy ASCII): the following lines of the same paragraph that start no entry of their own.
      const parts = [match[2] as string];
      let last = line;
      if (!isTable) {
        while (i + 1 < lines.length) {
          const next = lines[i + 1] as DocumentLine;
          if (
            next.block !== line.block ||
            PREFIXED.test(next.text) ||
            DOTTED.test(next.text) ||
            (ordinalAllowed && ORDINAL.test(next.text))
          )
            break;
          parts.push(next.text);
          last = next;
          i++;
        }
      }
      const span: FieldSpan = { document, page: line.page, start: line.start, end: last.end };
      const number = (match[1] as string).replace(/\.$/, '').toUpperCase();
      add({ ...describe(number, parts.join(' '), span), numbered: true, rank: context === 'index' ? RANK.index : RANK.list });
      if (context !== null) ttl = Math.max(ttl, 3);
      continue;
    }
    if (INDEX_HEADING.test(text)) {
      open('index', 6);
      ordinalAllowed =
        /^exhibits?(?:\s+(?:no\.?|number|#))?\s+(?:description|document|title|exhibit|name)\b/i.test(text) ||
        /exhibit\s+(?:no\.?|number)/i.test(text);
      continue;
    }
    if (MATERIALS_TRIGGER.test(text)) {
      open('materials', 3);
      continue;
    }
    const block = line.block;
    if (
      (block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'preformatted') &&
      block !== lastRead &&
      !read.has(block)
    ) {
      read.add(block);
      lastRead = block;
      const sentence = fromSentence(block.text, { document, page: line.page, start: block.span.start, end: block.span.end });
      for (const found of sentence ?? []) {
        if ('number' in found) add(found);
        else unnumbered.push(found);
      }
    }
    if (
      context !== 'index' &&
      text.length >= 6 &&
      (context === 'materials' || listCanMatter(lines, i)) &&
      TRIGGER_WORDS.test(text) &&
      LIST_TRIGGER.test(text)
    )
      open('list', 3);
  }
  // Where the document has a formal index, a number only running text mentions is not one of its exhibits.
  const hasIndex = [...found.values()].some((entry) => entry.rank === RANK.index);
  const listed = [...found.values()]
    .filter((entry) => !hasIndex || entry.rank !== RANK.sentence)
    .sort((a, b) => a.order - b.order)
    .map(({ rank: _rank, order: _order, ...entry }) => entry);
  return { listed: shareDefinedNames(listed), unnumbered };
}

/**
 * Whether opening a list at line `at` (for its next three lines) can change anything, from a context that is not
 * "materials": a list only lets a line start an entry with its number ("99.1 …", or numbers a column apart) and
 * keeps itself open past an entry ("Exhibit 99.1 …"), so with no line of the three that starts with a digit or an
 * "E", the lines read the same with or without it and the list has closed when the fourth comes. The trigger
 * patterns, which scan the whole line, are then not run.
 */
function listCanMatter(lines: readonly DocumentLine[], at: number): boolean {
  const end = Math.min(lines.length, at + 4);
  for (let j = at + 1; j < end; j++) {
    const first = (lines[j] as DocumentLine).text.charCodeAt(0);
    if ((first >= 48 && first <= 57) || first === 69 || first === 101) return true;
  }
  return false;
}

const COLUMN_NUMBERS = /^\d{1,3}(?:\.\d{1,3})?\s+\d/;
const NUMBERS_CELL = /^\d{1,3}(?:\.\d{1,3})?(?:\s+\d{1,3}(?:\.\d{1,3})?)+$/;

/**
 * A column-wise index row: one cell holds the numbers ("99.1⏎99.2"), the next the descriptions, one per line of
 * the cell (`<br>`, a paragraph each). Null unless the numbers and the lines pair one to one.
 */
function columnWise(model: DocumentModel, line: DocumentLine): { number: string; text: string }[] | null {
  if (line.block.kind !== 'table' || !COLUMN_NUMBERS.test(line.text)) return null;
  const row = [...line.block.headerRows, ...line.block.rows].find(
    (candidate) => candidate.span.start === line.start && candidate.span.end === line.end,
  );
  const cells = (row?.cells ?? []).filter((cell) => cell.text.trim() !== '');
  const first = cells[0];
  const second = cells[1];
  if (!first || !second || !NUMBERS_CELL.test(first.text.trim())) return null;
  const numbers = first.text.trim().split(/\s+/);
  const html = model.source.slice(second.span.start, second.span.end);
  if (html.length > 20_000) return null;
  const pieces = html
    .split(/<br\s*\/?>|<\/p\s*>|<\/div\s*>/i)
    .map((piece) =>
      decodeHTML(piece.replace(/<[^>]*>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((piece) => piece !== '');
  if (pieces.length !== numbers.length) return null;
  return numbers.map((number, index) => ({ number, text: pieces[index] as string }));
}

/** Cheap first looks before the longer expressions. */
const TRIGGER_WORDS = /xhibit|aterial|urnishing|ollowing/i;
const SENTENCE_WORDS = /xhibit|ppendix|nnex/i;
const AS_EXHIBIT = /as\s+exhibit/i;

/** An exhibit named in running text (a whole paragraph). */
function fromSentence(paragraph: string, span: FieldSpan): (Omit<Entry, 'order'> | UnnumberedMention)[] | null {
  if (paragraph.length > 3000 || !SENTENCE_WORDS.test(paragraph)) return null;
  const text = paragraph.replace(/\s+/g, ' ').trim();
  const onDate = LEADING_ON_DATE.exec(text);
  // The four sentence patterns all read "as Exhibit": without it only an unnumbered mention is left to look for.
  const namesExhibit = AS_EXHIBIT.test(text);
  const asExhibit = namesExhibit ? SENTENCE_AS_EXHIBIT.exec(text) : null;
  if (asExhibit) {
    // "Attached as Exhibit 99.1 and Exhibit 99.2 are the …": both exhibits are what the sentence names.
    const description = withoutArticle(trimClause(firstSentence(asExhibit[3] as string)));
    return [asExhibit[1], asExhibit[2]]
      .filter((number): number is string => number !== undefined)
      .map((number) => ({ ...describe(number.toUpperCase(), description, span), text, numbered: true, rank: RANK.sentence }));
  }
  const copy = namesExhibit ? (SENTENCE_COPY_OF_WHICH.exec(text) ?? SENTENCE_COPY_OF.exec(text)) : null;
  if (copy) {
    const described = describe((copy[2] as string).toUpperCase(), withoutArticle((copy[1] as string).trim()), span);
    const date = described.date ?? (onDate ? (findDate(onDate[1] as string)?.iso ?? null) : null);
    return [{ ...described, date, text, numbered: true, rank: RANK.sentence }];
  }
  const subject = namesExhibit ? SENTENCE_SUBJECT.exec(text) : null;
  if (subject) {
    const described = describe((subject[2] as string).toUpperCase(), withoutArticle((subject[1] as string).trim()), span);
    return [{ ...described, text, numbered: true, rank: RANK.sentence }];
  }
  const mention = UNNUMBERED.exec(text);
  if (mention) {
    const description = (mention[1] as string).trim();
    return [{ description, date: dateOf(description), span }];
  }
  return null;
}

/** "a press release, dated …" in a sentence names the exhibit "press release, dated …": the article is the sentence's. */
function withoutArticle(text: string): string {
  return text.replace(/^(?:a|an|the|this|these)\s+(?=\S)/i, '');
}

/** The text up to the end of its first sentence (a period before a capitalised word, or the end); an abbreviation keeps its period. */
function firstSentence(text: string): string {
  const end = /\.(?=\s+[A-Z][a-z]|\s*$)/.exec(text);
  if (!end) return text;
  const upto = text.slice(0, end.index + 1);
  return ABBREVIATION_END.test(upto) ? upto : text.slice(0, end.index);
}

/** "a press release, dated …, whereby Acergy announced …" → "a press release, dated …". */
function trimClause(text: string): string {
  return text.replace(/,\s+(?:whereby|which|in\s+which|pursuant\s+to\s+which|under\s+which)\b.*$/i, '').trim();
}

const FILED_WITH = /,?\s*(?:as\s+)?\b(?:filed|submitted|reported)\s+(?:by\s+the\s+(?:registrant|company)\s+)?(?:with|to)\s+/gi;

/** The patterns of `repeatedNumber`, by number: the same few numbers (99.1, 99.2 …) come back in document after document. */
const REPEATED_NUMBER = new Map<string, RegExp>();

/** "Exhibit 99.1 " (or "Ex. No. 99.1: ") opening an index cell that repeats the number. */
function repeatedNumber(number: string): RegExp {
  let pattern = REPEATED_NUMBER.get(number);
  if (!pattern) {
    pattern = new RegExp(`^(?:exhibit|ex\\.?)\\s*(?:no\\.?\\s*)?${number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[:.–—-]?\\s+`, 'i');
    if (REPEATED_NUMBER.size >= 500) REPEATED_NUMBER.clear();
    REPEATED_NUMBER.set(number, pattern);
  }
  return pattern;
}

export function describe(number: string, raw: string, span: FieldSpan): Omit<ListedExhibit, 'numbered'> {
  const text = raw.replace(/\s+/g, ' ').trim();
  // An index cell that repeats the number ("Exhibit 99.1 Press release …") and a closing "Filed herewith." are not the description.
  let description = text
    .replace(/^(?:description|document|title)\s*:?\s+/i, '')
    .replace(repeatedNumber(number), '')
    .replace(/[.;,]?\s*\(?(?:filed|furnished|submitted|attached)\s+herewith\)?\.?$/i, '');
  let date: string | null = null;
  const filedWith: Regulator[] = [];
  const clauses = findFiledWith(description);
  for (const clause of clauses) {
    for (const regulator of clause.regulators) if (!filedWith.some((known) => known.name === regulator.name)) filedWith.push(regulator);
    date ??= clause.date;
  }
  // A clause set off by a comma ("…, filed with X and Y, with respect to …"; "…, filed with X on DATE.") leaves the
  // description for filedWith and date; one that runs on ("… filed with X as part of …") is part of the wording.
  // A provenance phrase ("…, as filed with X on DATE", "…, submitted by the registrant to X") stays.
  for (const clause of [...clauses].reverse()) {
    const provenance = /^,?\s*as\b|\bby\s+the\s+(?:registrant|company)\b/i.test(clause.lead);
    if (!provenance && /^,/.test(clause.lead) && /^\s*(?:[,;.]|$)/.test(clause.rest))
      description = `${description.slice(0, clause.start)}${description.slice(clause.end)}`;
  }
  description = description
    .replace(/\s+,/g, ',')
    .replace(/\s*[;,]\s*(?:and|or)?\s*$/i, '')
    .trim();
  if (/\.$/.test(description) && !ABBREVIATION_END.test(description)) description = description.slice(0, -1).trim();
  date ??= dateOf(description);
  return { number, description, date, filedWith, text, span };
}

/** "dated …", "issued … on …", "submitted … on …", or a date that opens the description. */
function dateOf(description: string): string | null {
  const subjectAt = description.search(SUBJECT);
  for (const dated of description.matchAll(/\bdated\s*:?\s*/gi)) {
    const after = dated.index + dated[0].length;
    const found = findDate(description.slice(after, after + 40));
    if (found?.index !== 0) continue;
    if (datesItsSubject(description, subjectAt, dated.index, after + found.length)) continue;
    return found.iso;
  }
  const asOf = AS_OF.exec(description);
  if (asOf) return findDate(asOf[1] as string)?.iso ?? null;
  const issued = ISSUED_ON.exec(description);
  if (issued) return findDate(issued[1] as string)?.iso ?? null;
  const leading = findDate(description.slice(0, 30));
  if (leading && leading.index === 0) return leading.iso;
  return null;
}

/** What an exhibit is about: "… with respect to an amendment to a Special Collective Agreement dated …". */
const SUBJECT = /\b(?:with\s+respect\s+to|regarding|relating\s+to|concerning|in\s+connection\s+with|amendments?\s+to)\b/i;

/**
 * A "dated …" inside what the exhibit is about, run on without a comma and followed by more of it, dates the thing it
 * is about ("… an amendment to a Special Collective Agreement dated December 5, 2006, Between Bezeq and …"), not the
 * exhibit; one set off by a comma, or closing the description, dates the exhibit ("… with respect to a lawsuit, dated
 * July 13, 2010"; "Press Release Regarding First Quarter 2009 Earnings dated June 16, 2009").
 */
function datesItsSubject(description: string, subjectAt: number, datedAt: number, dateEnd: number): boolean {
  if (subjectAt === -1 || subjectAt >= datedAt) return false;
  if (/,\s*$/.test(description.slice(Math.max(0, datedAt - 8), datedAt))) return false;
  return /[A-Za-z0-9]/.test(description.slice(dateEnd, dateEnd + 8));
}

/** A final period that belongs to an abbreviation: `S.A.`, `N.V.`, `Inc.`, `Ltd.`. */
const ABBREVIATION_END = /(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Ltd|Co|Corp|Bros|No|Jr|Sr|Ph\.D|etc)\.)$/;

const ISSUED_ON = new RegExp(
  String.raw`\b(?:issued|released|published|submitted|announced|approved|adopted)\b[^;]{0,120}?\bon\s+(${DATE_TEXT})`,
  'i',
);
/** "Articles of Association … as of February 23, 2010": the date the document speaks as of. */
const AS_OF = new RegExp(String.raw`\bas\s+of\s+(${DATE_TEXT})\s*$`, 'i');
const ON_DATE = new RegExp(String.raw`^\s*on\s+(${DATE_TEXT})`, 'i');

/**
 * The "filed with X and Y on DATE" clause (outside parentheses): where it starts, the regulators it names, its
 * date, and the text after it (", with respect to …", " - …"), which stays in the description.
 */
function findFiledWith(
  text: string,
): { start: number; end: number; lead: string; regulators: Regulator[]; date: string | null; rest: string }[] {
  const clauses: { start: number; end: number; lead: string; regulators: Regulator[]; date: string | null; rest: string }[] = [];
  let depth = 0;
  let counted = 0;
  for (const match of text.matchAll(FILED_WITH)) {
    // Parenthesis depth at the match, counted on from the last match (one pass over the text).
    for (; counted < match.index; counted++) {
      if (text[counted] === '(') depth++;
      else if (text[counted] === ')' && depth > 0) depth--;
    }
    if (depth > 0) continue;
    const after = match.index + match[0].length;
    const names = readRegulators(text.slice(after));
    if (names.regulators.length === 0) continue;
    let rest = text.slice(after + names.length);
    let date: string | null = null;
    const on = ON_DATE.exec(rest);
    if (on) {
      date = findDate(on[1] as string)?.iso ?? null;
      rest = rest.slice(on[0].length);
    }
    clauses.push({ start: match.index, end: text.length - rest.length, lead: match[0], regulators: names.regulators, date, rest });
  }
  return clauses;
}

const FIRST_NAME_LEAD = /^(?:the\s+)?/i;
const NEXT_NAME_LEAD = /^(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?=[A-Z])/i;
const NAME_WORDS = /^[A-Z][\w.'’&-]*(?:(?:\s+(?:of|the|de|du|des|la|for|&|für|voor|van))*\s+[A-Z][\w.'’&-]*)*/;
const DEFINED_AFTER = /^\s*\(\s*(?:the\s+)?["“”']+([^"“”')]+)["“”']+\s*\)/;

/** Names of regulators: capitalised words joined by `,` and `and`, each possibly defining a short name `("KOSDAQ")`. */
function readRegulators(text: string): { regulators: Regulator[]; length: number } {
  const regulators: Regulator[] = [];
  let at = 0;
  for (;;) {
    const lead = (regulators.length === 0 ? FIRST_NAME_LEAD : NEXT_NAME_LEAD).exec(text.slice(at));
    if (!lead) break;
    const name = readName(text.slice(at + lead[0].length));
    if (!name) break;
    regulators.push(name.regulator);
    at += lead[0].length + name.length;
  }
  return { regulators, length: at };
}

/** An officer of a regulator ("the Director-General of the Kanto Local Finance Bureau"): the regulator is named after it. */
const OFFICER = /^(?:Director-General|Director|Commissioner|Registrar|Secretary)\s+of\s+(?:the\s+)?(?=[A-Z])/;
/** "… Bureau of the Ministry of Finance of Japan": the body the regulator belongs to is not its name. */
const PARENT_BODY = /\s+of\s+the\s+Ministry\b.*$/;

function readName(text: string): { regulator: Regulator; length: number } | null {
  const officer = OFFICER.exec(text);
  if (officer) {
    const inner = readName(text.slice(officer[0].length));
    return inner ? { regulator: inner.regulator, length: officer[0].length + inner.length } : null;
  }
  const words = NAME_WORDS.exec(text);
  if (!words) return null;
  const whole = words[0].replace(/[.,]+$/, '');
  const value = whole.replace(PARENT_BODY, '');
  const length = whole.length;
  const defined = DEFINED_AFTER.exec(text.slice(length));
  if (defined) return { regulator: { name: (defined[1] as string).trim(), fullName: value }, length: length + defined[0].length };
  if (value === '') return null;
  return { regulator: { name: value, fullName: null }, length };
}

/** A short name defined once (`… Market ("KOSDAQ")`) gives its full name to every other use in the document. */
function shareDefinedNames<T extends ListedExhibit>(exhibits: T[]): T[] {
  const defined = new Map<string, string>();
  for (const exhibit of exhibits)
    for (const regulator of exhibit.filedWith) if (regulator.fullName) defined.set(regulator.name, regulator.fullName);
  return exhibits.map((exhibit) => ({
    ...exhibit,
    filedWith: exhibit.filedWith.map((regulator) =>
      regulator.fullName === null && defined.has(regulator.name)
        ? { name: regulator.name, fullName: defined.get(regulator.name) ?? null }
        : regulator,
    ),
  }));
}
