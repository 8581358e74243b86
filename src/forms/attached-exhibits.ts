import type { DocumentModel } from '../model/document.js';
import { type DocumentLine, documentLines, lineSpan } from './document-lines.js';
import { describe, type ListedExhibit, type Regulator, type UnnumberedMention } from './exhibit-index.js';
import type { FieldSpan } from './field.js';

/** What the extractors need to know about the documents of a submission, to match exhibits to them. */
export interface AttachedDocument {
  readonly sequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  /** The document parsed, when it is text (used to read an unlisted exhibit's title). */
  readonly model?: DocumentModel | null;
}

/** An exhibit of a filing: what the report lists, and whether this submission carries it. */
export interface Exhibit {
  /** As the report writes it (`99.1`, `A`); for an exhibit the report does not list, from its `<TYPE>` (`EX-99.1` → `99.1`). */
  readonly number: string;
  readonly description: string;
  /** YYYY-MM-DD. */
  readonly date: string | null;
  readonly filedWith: readonly Regulator[];
  /** True when this submission carries it: a `<DOCUMENT>` of its own, or a part of the primary document headed "Exhibit 99.1". */
  readonly attached: boolean;
  /** The `<SEQUENCE>` of the document that is (or holds) the exhibit. */
  readonly documentSequence: number | null;
  /** Where the report lists it; for an unlisted exhibit, the title of its own document. */
  readonly span: FieldSpan;
}

export interface ResolveExhibitsInput {
  readonly listed: readonly ListedExhibit[];
  readonly unnumbered?: readonly UnnumberedMention[];
  /** Every document of the submission (empty for a bare document). */
  readonly documents: readonly AttachedDocument[];
  readonly primaryModel: DocumentModel;
  readonly primarySequence: number;
  /** The form prints exhibits after its list when it carries no exhibit documents (6-K): a long tail is the exhibits. */
  readonly printedAfterList?: boolean;
}

/**
 * Matches each listed exhibit to the document that carries it — by `<TYPE>` (`EX-99.1`), then by file name
 * (`ex99-1.htm`, `dex991.htm`, `exhibit_a.htm`), then a heading "Exhibit 99.1" inside the primary document —
 * pairs an unnumbered list ("Materials contained in this report") with the exhibit documents by their words, and
 * adds the exhibit documents the report does not list.
 * One function because its steps (match the listed exhibits, pair the unnumbered items by words, add the unlisted
 * exhibit documents) share the `used` set: a document taken by one step must not be taken by the next, which is why
 * it is not split.
 */
export function resolveExhibits(input: ResolveExhibitsInput): Exhibit[] {
  const candidates = input.documents.filter(
    (document) => (document.sequence ?? -1) !== input.primarySequence && !/^(?:GRAPHIC|ZIP|XML|JSON|EXCEL|PDF)$/i.test(document.type ?? ''),
  );
  const match = documentMatcher(candidates);
  const used = new Set<AttachedDocument>();
  let lastListing = 0;
  for (const entry of input.listed) if (entry.span.document === input.primarySequence) lastListing = Math.max(lastListing, entry.span.end);
  const headings = exhibitHeadings(input.primaryModel, lastListing);
  // A submission without exhibit documents whose 6-K runs on for pages after its exhibit list prints the listed
  // exhibits in the 6-K itself, headed or not.
  const printedAfter =
    input.printedAfterList === true &&
    !candidates.some((document) => /^EX-?99(?:\.\d+)?$|^EX-?\d+(?:\.\d+)?$/i.test(document.type ?? '')) &&
    textAfter(input.primaryModel, lastListing) >= PRINTED_EXHIBIT_CHARS;
  const out: Exhibit[] = [];
  const ordinal: number[] = [];
  for (const listed of input.listed) {
    if (!listed.numbered) {
      ordinal.push(out.length);
      out.push(toExhibit(listed, null, false));
      continue;
    }
    const found = match(listed.number);
    if (found) {
      used.add(found);
      out.push(toExhibit(listed, found.sequence, true));
    } else if (headings.has(listed.number.toLowerCase()) || printedAfter) {
      out.push(toExhibit(listed, input.primarySequence, true));
    } else {
      out.push(toExhibit(listed, null, false));
    }
  }
  // Exhibit documents not yet matched, whose type no matched document has (one pass, one set: linear in documents).
  const exhibitDocuments = () => {
    const usedTypes = new Set([...used].map((document) => normalizedType(document.type)));
    return candidates.filter(
      (document) => !used.has(document) && /^EX/i.test(document.type ?? '') && !usedTypes.has(normalizedType(document.type)),
    );
  };
  // "1. English translation of …" lists: each item goes with the exhibit document whose words it shares most.
  // The pairing compares every item with every document, so it is bounded; beyond the bound items stay unpaired.
  if (ordinal.length > 0) {
    const free = exhibitDocuments();
    if (ordinal.length * free.length <= MAX_PAIRINGS) pairByWords(ordinal, free, out, used);
  }
  // Items of a "Materials contained in this report" list in a submission that carries no exhibit document are
  // the report's own content (printed in the 6-K itself), not exhibits.
  const hasExhibitDocument = candidates.some((document) => /^EX/i.test(document.type ?? ''));
  if (!hasExhibitDocument && ordinal.length > 0) {
    const items = new Set(ordinal);
    const kept = out.filter((exhibit, index) => !items.has(index) || exhibit.attached);
    out.length = 0;
    out.push(...kept);
  }
  // Exhibit documents the report does not list (a PDF copy of a listed exhibit has the same type and is skipped).
  // A document of a type already seen in another format (`.pdf` beside `.htm`) is a copy; in the same format
  // (two `EX-99.CERT` certificates) it is an exhibit of its own.
  const firstFormat = new Map<string, string>();
  const unlisted = exhibitDocuments().filter((document) => {
    const type = normalizedType(document.type);
    const format = extensionOf(document.filename);
    const first = firstFormat.get(type);
    if (first === undefined) firstFormat.set(type, format);
    return first === undefined || first === format;
  });
  const mentions = input.unnumbered ?? [];
  for (const document of unlisted) {
    const number = typeNumber(document.type) ?? String(document.sequence ?? '');
    const mention = unlisted.length === 1 && mentions.length === 1 ? mentions[0] : undefined;
    if (mention) {
      out.push({
        number,
        description: mention.description,
        date: mention.date,
        filedWith: [],
        attached: true,
        documentSequence: document.sequence,
        span: mention.span,
      });
      continue;
    }
    const title = titleOf(document);
    const described = describe(number, title.text, title.span);
    out.push({
      number,
      description: described.description,
      date: described.date,
      filedWith: [],
      attached: true,
      documentSequence: document.sequence,
      span: title.span,
    });
  }
  return out;
}

/** Items × documents compared when pairing an unnumbered list with the exhibit documents (real lists: a handful). */
const MAX_PAIRINGS = 4096;

/** Pairs unnumbered list items with exhibit documents, best word overlap first. */
function pairByWords(ordinal: readonly number[], free: readonly AttachedDocument[], out: Exhibit[], used: Set<AttachedDocument>): void {
  const documentWords = free.map((document) => significantWords(titleOf(document).text));
  const scores = ordinal.map((index) => {
    const itemWords = significantWords((out[index] as Exhibit).description);
    return documentWords.map((words) => overlap(itemWords, words));
  });
  const pairedItems = new Set<number>();
  const pairedDocuments = new Set<number>();
  for (let round = 0; round < Math.min(ordinal.length, free.length); round++) {
    let best: { item: number; column: number; score: number } | null = null;
    for (let item = 0; item < ordinal.length; item++) {
      if (pairedItems.has(item)) continue;
      for (let column = 0; column < free.length; column++) {
        if (pairedDocuments.has(column)) continue;
        const score = scores[item]?.[column] ?? 0;
        if (best === null || score > best.score) best = { item, column, score };
      }
    }
    if (best === null) break;
    pairedItems.add(best.item);
    pairedDocuments.add(best.column);
    const chosen = free[best.column] as AttachedDocument;
    used.add(chosen);
    const index = ordinal[best.item] as number;
    const exhibit = out[index] as Exhibit;
    out[index] = { ...exhibit, number: typeNumber(chosen.type) ?? exhibit.number, attached: true, documentSequence: chosen.sequence };
  }
}

function toExhibit(listed: ListedExhibit, sequence: number | null, attached: boolean): Exhibit {
  return {
    number: listed.number,
    description: listed.description,
    date: listed.date,
    filedWith: listed.filedWith,
    attached,
    documentSequence: sequence,
    span: listed.span,
  };
}

function extensionOf(filename: string | null): string {
  return /\.([a-z0-9]{2,4})$/i.exec(filename ?? '')?.[1]?.toLowerCase() ?? '';
}

function normalizedType(type: string | null): string {
  return (type ?? '').toUpperCase().replace(/\s+/g, '');
}

/** `EX-99.1` → `99.1`; `EX-99` → `99`. */
function typeNumber(type: string | null): string | null {
  const match = /^EX-?\s*(.+)$/i.exec((type ?? '').trim());
  return match ? (match[1] as string).toUpperCase() : null;
}

/** The `<DOCUMENT>` that is exhibit `number`: by type (`EX-99.1`, `EX-99.A` for `A`) first, then by file name (`ex99-1.htm`, `dex991.htm`). */
export function matchDocument<T extends AttachedDocument>(number: string, documents: readonly T[]): T | null {
  return documentMatcher(documents)(number);
}

/** Longest file-name prefix indexed for matching (exhibit numbers written in a file name are far shorter). */
const MAX_PREFIX = 32;

/**
 * `matchDocument` for many numbers against the same documents: the documents are indexed once (types, and the
 * prefixes of their file names' exhibit tails that end where a number can end), so each look-up costs the number's
 * few variants, not a scan of every document.
 */
export function documentMatcher<T extends AttachedDocument>(documents: readonly T[]): (number: string) => T | null {
  const byType = new Map<string, number>();
  const byPrefix = new Map<string, number>();
  const tails: (string | null)[] = [];
  documents.forEach((candidate, index) => {
    const typed = typeNumber(candidate.type);
    if (typed !== null && !byType.has(typed)) byType.set(typed, index);
    const tail = fileTail(candidate.filename);
    tails.push(tail);
    if (tail === null) return;
    for (let length = 1; length <= Math.min(tail.length, MAX_PREFIX); length++) {
      const prefix = tail.slice(0, length);
      if (!byPrefix.has(prefix) && endsNumber(prefix, tail.slice(length))) byPrefix.set(prefix, index);
    }
  });
  return (number) => {
    const wanted = number.toUpperCase();
    const typed = Math.min(
      byType.get(wanted) ?? Number.POSITIVE_INFINITY,
      /^[A-Z]$/.test(wanted) ? (byType.get(`99.${wanted}`) ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY,
    );
    if (typed !== Number.POSITIVE_INFINITY) return documents[typed] ?? null;
    let found = Number.POSITIVE_INFINITY;
    for (const variant of fileVariants(wanted)) {
      if (variant.length <= MAX_PREFIX) {
        found = Math.min(found, byPrefix.get(variant) ?? Number.POSITIVE_INFINITY);
        continue;
      }
      const index = tails.findIndex((tail) => tail?.startsWith(variant) && endsNumber(variant, tail.slice(variant.length)));
      if (index !== -1) found = Math.min(found, index);
    }
    return found === Number.POSITIVE_INFINITY ? null : (documents[found] ?? null);
  };
}

/** `variant` is a whole number at the start of a file-name tail: `991` in `991.htm` or `991a`, not in `9910`. */
function endsNumber(variant: string, rest: string): boolean {
  return !(/[0-9]$/.test(variant) ? /^[0-9]/ : /^[0-9a-z]/).test(rest);
}

/** How file names write exhibit `99.1`: `991`, `99-1`, `99_1`, `9901`, `99d1`, `99point1`. */
function fileVariants(number: string): string[] {
  const lower = number.toLowerCase();
  const parts = lower.split('.');
  if (parts.length === 1) return [lower];
  const [major, ...minor] = parts as [string, ...string[]];
  const rest = minor.join('');
  return [
    `${major}${rest}`,
    `${major}-${minor.join('-')}`,
    `${major}_${minor.join('_')}`,
    `${major}.${minor.join('.')}`,
    `${major}0${rest}`,
    `${major}d${rest}`,
    `${major}point${rest}`,
  ].filter((variant, index, all) => all.indexOf(variant) === index);
}

/** What follows the last `ex`/`exh`/`exhibit` in a file name, without its extension: `ss58197_ex9901.htm` → `9901`. */
function fileTail(filename: string | null): string | null {
  if (!filename) return null;
  const base = filename.toLowerCase().replace(/\.[a-z0-9]{2,4}$/, '');
  const match = /(?:^|[^a-z])?ex(?:hibit|h)?[-_ ]?(?=[0-9a-z])/g;
  let tail: string | null = null;
  for (const found of base.matchAll(match)) tail = base.slice(found.index + found[0].length);
  return tail;
}

/** Characters of text after the exhibit list that make a document carry its exhibits (a signature block is far less). */
const PRINTED_EXHIBIT_CHARS = 3000;

/** Characters of block text after offset `after` (stops counting at the bound). */
function textAfter(model: DocumentModel, after: number): number {
  let total = 0;
  for (const page of model.pages) {
    if (page.span.end <= after) continue;
    for (const block of page.blocks) {
      if (block.span.start <= after) continue;
      if (block.kind === 'paragraph' || block.kind === 'heading' || block.kind === 'preformatted') total += block.text.length;
      else if (block.kind === 'list') for (const item of block.items) total += item.text.length;
      if (total >= PRINTED_EXHIBIT_CHARS) return total;
    }
  }
  return total;
}

const EXHIBIT_HEADING = /^(?:exhibit|ex\.?)\s*(.*)$/i;

/**
 * The exhibit numbers that head a part of the primary document after its exhibit list ("Exhibit 99.1" on a short
 * line of its own: the exhibit follows), lower-cased; read once for all the listed numbers.
 */
function exhibitHeadings(model: DocumentModel, after: number): Set<string> {
  const numbers = new Set<string>();
  for (const page of model.pages) {
    if (page.span.end <= after) continue;
    for (const block of page.blocks) {
      if (block.span.start <= after) continue;
      if ((block.kind !== 'heading' && block.kind !== 'paragraph') || block.text.length >= 40) continue;
      const rest = EXHIBIT_HEADING.exec(block.text.trim())?.[1];
      if (rest === undefined) continue;
      for (const body of [rest, rest.replace(/^no\.?\s*/i, '')]) {
        const bare = body.replace(/\s*[.:]?$/, '');
        numbers.add(bare.toLowerCase());
        numbers.add(body.trimEnd().toLowerCase());
      }
    }
  }
  return numbers;
}

/** An exhibit document's own title: its `<DESCRIPTION>` when that says more than the type, else its first line that is not "Exhibit 99.1". */
function titleOf(document: AttachedDocument): { text: string; span: FieldSpan } {
  const sequence = document.sequence ?? 0;
  const lines: DocumentLine[] = document.model ? documentLines(document.model, document.model.pages.slice(0, 1), { limit: 12 }) : [];
  const first = lines.find(
    (line) =>
      !/^(?:exhibit|ex\.?)\s*(?:no\.?\s*)?[\d.a-z-]*\s*[.:]?$/i.test(line.text) && /[A-Za-z]{3}/.test(line.text) && line.text.length < 300,
  );
  const description = (document.description ?? '').trim();
  const span = first ? lineSpan(first, sequence) : { document: sequence, page: 1, start: 0, end: 0 };
  if (description !== '' && normalizedType(description) !== normalizedType(document.type) && !/^EX-?\d/i.test(description))
    return { text: description, span };
  // A title set as two headings ("Form 52-109F2" ⏎ "Certification of interim filings …") is one title.
  const next = first ? lines[lines.indexOf(first) + 1] : undefined;
  const twoHeadings =
    first?.block.kind === 'heading' &&
    next?.block.kind === 'heading' &&
    next.block !== first.block &&
    first.text.length + next.text.length < 200;
  const text = twoHeadings && next ? `${first.text} ${next.text}` : first?.text;
  return { text: text ?? (description || (document.type ?? '')), span };
}

function significantWords(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
}

/** Shared significant words of two texts, as a share of the shorter. */
function overlap(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / Math.min(left.size, right.size);
}
