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
}

/**
 * Matches each listed exhibit to the document that carries it — by `<TYPE>` (`EX-99.1`), then by file name
 * (`ex99-1.htm`, `dex991.htm`, `exhibit_a.htm`), then a heading "Exhibit 99.1" inside the primary document —
 * pairs an unnumbered list ("Materials contained in this report") with the exhibit documents by their words, and
 * adds the exhibit documents the report does not list.
 */
export function resolveExhibits(input: ResolveExhibitsInput): Exhibit[] {
  const candidates = input.documents.filter(
    (document) => (document.sequence ?? -1) !== input.primarySequence && !/^(?:GRAPHIC|ZIP|XML|JSON|EXCEL|PDF)$/i.test(document.type ?? ''),
  );
  const used = new Set<AttachedDocument>();
  const lastListing = Math.max(
    0,
    ...input.listed.filter((entry) => entry.span.document === input.primarySequence).map((entry) => entry.span.end),
  );
  const out: Exhibit[] = [];
  const ordinal: number[] = [];
  for (const listed of input.listed) {
    if (!listed.numbered) {
      ordinal.push(out.length);
      out.push(toExhibit(listed, null, false));
      continue;
    }
    const match = matchDocument(listed.number, candidates);
    if (match) {
      used.add(match);
      out.push(toExhibit(listed, match.sequence, true));
    } else if (headedInside(listed.number, input.primaryModel, lastListing)) {
      out.push(toExhibit(listed, input.primarySequence, true));
    } else {
      out.push(toExhibit(listed, null, false));
    }
  }
  const usedTypes = () => new Set([...used].map((document) => normalizedType(document.type)));
  const exhibitDocuments = () =>
    candidates.filter(
      (document) => !used.has(document) && /^EX/i.test(document.type ?? '') && !usedTypes().has(normalizedType(document.type)),
    );
  // "1. English translation of …" lists: each item goes with the exhibit document whose words it shares most.
  if (ordinal.length > 0) {
    const free = exhibitDocuments();
    const scores = ordinal.map((index) => free.map((document) => overlap((out[index] as Exhibit).description, titleOf(document).text)));
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
  // Exhibit documents the report does not list (a PDF copy of a listed exhibit has the same type and is skipped).
  const unlisted = exhibitDocuments().filter(
    (document, index, all) => all.findIndex((other) => normalizedType(other.type) === normalizedType(document.type)) === index,
  );
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
  const wanted = number.toUpperCase();
  for (const candidate of documents) {
    const typed = typeNumber(candidate.type);
    if (typed === null) continue;
    if (typed === wanted || (/^[A-Z]$/.test(wanted) && typed === `99.${wanted}`)) return candidate;
  }
  const variants = fileVariants(wanted);
  for (const candidate of documents) {
    const tail = fileTail(candidate.filename);
    if (tail === null) continue;
    if (
      variants.some(
        (variant) => tail.startsWith(variant) && !(/[0-9]$/.test(variant) ? /^[0-9]/ : /^[0-9a-z]/).test(tail.slice(variant.length)),
      )
    )
      return candidate;
  }
  return null;
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

/** True when the primary document has, after its exhibit list, a line "Exhibit 99.1" of its own (the exhibit follows). */
function headedInside(number: string, model: DocumentModel, after: number): boolean {
  const heading = new RegExp(`^(?:exhibit|ex\\.?)\\s*(?:no\\.?\\s*)?${number.replace(/\./g, '\\.')}\\s*[.:]?$`, 'i');
  for (const page of model.pages) {
    if (page.span.end <= after) continue;
    for (const block of page.blocks) {
      if (block.span.start <= after) continue;
      if ((block.kind === 'heading' || block.kind === 'paragraph') && block.text.length < 40 && heading.test(block.text.trim()))
        return true;
    }
  }
  return false;
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
  return { text: first?.text ?? (description || (document.type ?? '')), span };
}

/** Shared significant words of two texts, as a share of the shorter. */
function overlap(a: string, b: string): number {
  const words = (text: string) => new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  const left = words(a);
  const right = words(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / Math.min(left.size, right.size);
}
