import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { DocumentModel } from '../model/document.js';
import {
  FORM_8K_CURRENT_NUMBERING_FROM,
  type Form8KItemDefinition,
  type Form8KItemValues,
  form8KItem,
  form8KItemsTitled,
  form8KItemTitle,
  titleWords,
} from '../model/form-8k-items.js';
import { type AttachedDocument, type Exhibit, resolveExhibits } from './attached-exhibits.js';
import { readCoverBasics } from './cover-basics.js';
import { type DocumentLine, documentLines } from './document-lines.js';
import { findExhibits } from './exhibit-index.js';
import type { Field, FieldSpan } from './field.js';
import { documentEnd, findItemLines, headingStart, headingText, type ItemLine, restStartsWithTitle } from './item-headings.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

/** An item an 8-K reports, from its header, its body or both. */
export interface Form8KItem extends Form8KItemValues {
  /** The body's heading for the item as written ("Item 2.02 Results of Operations and Financial Condition."). */
  readonly heading: Field<string | null>;
  /** The item's text: from its heading to the next item's heading, the signatures or the end of the document. */
  readonly span: FieldSpan | null;
}

/** The EX-99 document that carries the earnings release an Item 2.02 (or, before 2004, Item 12) furnishes. */
export interface EarningsRelease {
  readonly documentSequence: number | null;
  readonly type: string | null;
  readonly filename: string | null;
  readonly description: string | null;
  /** Where the item's text names the exhibit ("… attached as Exhibit 99.1"), when it does. */
  readonly mention: Field<string | null>;
}

/** A Form 8-K (current report): the items it reports, the text of each, the earnings release, exhibits, signatures. */
export interface Form8KRecord {
  readonly form: '8-K' | '8-K/A';
  readonly registrant: Field<string | null>;
  /** YYYY-MM-DD: the date of report (date of the earliest event reported). */
  readonly periodOfReport: Field<string | null>;
  /** In the document's order; items only the header lists come after, in the header's order. */
  readonly items: readonly Form8KItem[];
  /** Null when no Item 2.02 / Item 12 is reported, or no EX-99 document carries the release (then a diagnostic says so). */
  readonly earningsRelease: EarningsRelease | null;
  readonly exhibits: readonly Exhibit[];
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface Form8KInput {
  readonly model: DocumentModel;
  readonly document?: number;
  readonly formType?: string | null;
  /** The header's ITEM INFORMATION / ITEMS values as written; empty for a bare document or an empty header. */
  readonly headerItems?: readonly string[];
  /** YYYY-MM-DD, the header's filing date: tells which numbering a header's item title belongs to. */
  readonly filedAt?: string | null;
  readonly documents?: readonly AttachedDocument[];
}

type Numbering = 'current' | 'legacy';

interface BodyItem {
  readonly definition: Form8KItemDefinition;
  readonly line: ItemLine;
  readonly span: FieldSpan;
}

/**
 * Reads an 8-K: the items from the header (numbers such as `2.02` or `5`, or titles such as "Other Events") and
 * from the document's item headings ("Item 2.02 Results of Operations …", legacy "Item 5. Other Events"), each
 * named with its official title and given the span of its text; where header and body disagree, a diagnostic
 * says which item is missing from which. Pure: the caller parses.
 */
export function extract8K(input: Form8KInput): Form8KRecord {
  const document = input.document ?? 1;
  const diagnostics: Diagnostic[] = [];
  const { model } = input;
  const lines = documentLines(model);
  const body = bodyItems(model, lines, document);
  const bodyNumbering: Numbering | null = body[0]?.definition.numbering ?? null;
  const filedAt = input.filedAt ?? null;
  const numbering: Numbering | null =
    bodyNumbering ?? (filedAt === null ? null : filedAt >= FORM_8K_CURRENT_NUMBERING_FROM ? 'current' : 'legacy');

  const items: Form8KItem[] = body.map(({ definition, line, span }) => ({
    number: definition.number,
    numbering: definition.numbering,
    title: form8KItemTitle(definition, filedAt),
    inHeader: false,
    headerText: null,
    inBody: true,
    heading: {
      value: headingText(line, definition.title),
      span: { document, page: line.line.page, start: line.line.start, end: line.line.end },
    },
    span,
  }));
  const headerItems = input.headerItems ?? [];
  for (const written of headerItems) {
    const definition = headerDefinition(written, numbering, diagnostics);
    const match = definition
      ? items.find((item) => item.number === definition.number && item.numbering === definition.numbering)
      : undefined;
    if (match) {
      const index = items.indexOf(match);
      items[index] = { ...match, inHeader: true, headerText: match.headerText ?? written };
      continue;
    }
    items.push({
      number: definition?.number ?? null,
      numbering: definition?.numbering ?? null,
      title: definition ? form8KItemTitle(definition, filedAt) : null,
      inHeader: true,
      headerText: written,
      inBody: false,
      heading: { value: null, span: null },
      span: null,
    });
    diagnostics.push(
      diagnostic(
        'f8k/item-not-in-body',
        'warning',
        `items: the header lists ${describe(definition, written)} but the document has no heading for it`,
        0,
      ),
    );
  }
  if (headerItems.length > 0)
    for (const item of items)
      if (!item.inHeader)
        diagnostics.push(
          diagnostic(
            'f8k/item-not-in-header',
            'info',
            `items: the document heads Item ${item.number} (${item.title}) but the header does not list it`,
            0,
          ),
        );
  if (headerItems.length === 0 && items.length > 0)
    diagnostics.push(
      diagnostic('f8k/no-header-items', 'info', "items: the header lists no items; they are read from the document's headings", 0),
    );
  if (items.length === 0)
    diagnostics.push(diagnostic('f8k/no-items', 'warning', 'items: neither the header nor the document names an item', 0));

  const earningsRelease = findEarningsRelease(items, lines, input.documents ?? [], document, diagnostics);
  const basics = readCoverBasics(model, document);
  const signatures = extractSignatures(model, document);
  const signed = signatures.find((block) => block.registrant.value !== null)?.registrant;
  const found = findExhibits(model, document);
  return {
    form: /\/A$/i.test(input.formType ?? '') ? '8-K/A' : '8-K',
    registrant: basics.registrant.value === null && signed ? signed : basics.registrant,
    periodOfReport: basics.periodOfReport,
    items,
    earningsRelease,
    exhibits: resolveExhibits({ listed: found.listed, documents: input.documents ?? [], primaryModel: model, primarySequence: document }),
    signatures,
    diagnostics,
  };
}

function describe(definition: Form8KItemDefinition | undefined, written: string): string {
  return definition ? `Item ${definition.number} (${definition.title})` : `"${written}"`;
}

/**
 * The item a header value names: a number (`2.02`, `5`) or a title (`Other Events`). A title both numberings share
 * is given the numbering of the body's headings, else of the filing date; with neither, the number is unknown.
 */
function headerDefinition(written: string, numbering: Numbering | null, diagnostics: Diagnostic[]): Form8KItemDefinition | undefined {
  const text = written.trim().replace(/^item\s+/i, '');
  if (/^\d{1,2}(?:\.\d{2})?$/.test(text)) {
    const number = text.includes('.') ? text : String(Number(text));
    const definition = form8KItem(number);
    if (!definition)
      diagnostics.push(diagnostic('f8k/unknown-item', 'warning', `items: the header's item "${written}" is no item of Form 8-K`, 0));
    return definition;
  }
  const titled = form8KItemsTitled(text);
  const chosen = titled.filter((definition) => numbering === null || definition.numbering === numbering);
  if (chosen.length === 1) return chosen[0];
  if (titled.length === 0)
    diagnostics.push(diagnostic('f8k/unknown-item', 'warning', `items: the header's item "${written}" names no item of Form 8-K`, 0));
  else
    diagnostics.push(
      diagnostic(
        'f8k/item-number-unknown',
        'info',
        `items: the header's item "${written}" is Item ${titled.map((definition) => definition.number).join(' or Item ')}; neither the document nor a filing date tells which`,
        0,
      ),
    );
  return undefined;
}

/** The document's item headings, first of each number, with the span of each item's text. */
function bodyItems(model: DocumentModel, lines: readonly DocumentLine[], document: number): BodyItem[] {
  const { items, signatures } = findItemLines(lines);
  const kept: { definition: Form8KItemDefinition; line: ItemLine }[] = [];
  const seen = new Set<Form8KItemDefinition>();
  for (const line of items) {
    if (line.toc || line.letter) continue;
    const definition = form8KItem(line.number);
    if (!definition || seen.has(definition)) continue;
    // A long line is a heading only when its text starts with the item's title (a run-in heading).
    const titles = [definition.title, ...(definition.aliases ?? []), ...(definition.earlier ? [definition.earlier.title] : [])];
    if (line.line.text.length > 200 && !titles.some((title) => restStartsWithTitle(line.rest, title, titleWords))) continue;
    // One numbering per document: a stray "Item 5" in a 2024 filing is a mention, not a legacy item.
    if (kept.length > 0 && (kept[0] as (typeof kept)[number]).definition.numbering !== definition.numbering) continue;
    seen.add(definition);
    kept.push({ definition, line });
  }
  const end = documentEnd(model);
  return kept.map(({ definition, line }, position) => {
    const start = headingStart(line.line);
    const following = kept[position + 1];
    const next = following ? headingStart(following.line.line) : undefined;
    const signature = signatures.find((candidate) => candidate.start > start)?.start;
    const stop = Math.min(next ?? end, signature ?? end);
    return { definition, line, span: { document, page: line.line.page, start, end: stop } };
  });
}

const EXHIBIT_MENTION = /\bExhibits?\s+(?:No\.?\s*)?(99(?:\.\d{1,3})?)\b/i;

/**
 * The earnings release of an Item 2.02 (Item 12 before August 2004): the EX-99 exhibit its text names ("… as
 * Exhibit 99.1"), else the only EX-99 document of the submission. With several EX-99 documents and no mention,
 * or none at all, the release is not named (a diagnostic says why).
 */
function findEarningsRelease(
  items: readonly Form8KItem[],
  lines: readonly DocumentLine[],
  documents: readonly AttachedDocument[],
  document: number,
  diagnostics: Diagnostic[],
): EarningsRelease | null {
  const results = items.find(
    (item) => (item.number === '2.02' && item.numbering === 'current') || (item.number === '12' && item.numbering === 'legacy'),
  );
  if (!results) return null;
  let mention: Field<string | null> = { value: null, span: null };
  if (results.span) {
    const { start, end } = results.span;
    for (const line of lines) {
      if (line.start < start || line.start >= end) continue;
      const match = EXHIBIT_MENTION.exec(line.text);
      if (match) {
        mention = { value: match[1] as string, span: { document, page: line.page, start: line.start, end: line.end } };
        break;
      }
    }
  }
  const exhibits = documents.filter((candidate) => /^EX-99/i.test(candidate.type ?? ''));
  const named = mention.value
    ? (exhibits.find((candidate) => (candidate.type ?? '').toUpperCase() === `EX-${mention.value}`) ??
      (mention.value === '99' ? exhibits[0] : undefined))
    : undefined;
  const chosen = named ?? (mention.value === null && exhibits.length === 1 ? exhibits[0] : undefined);
  if (!chosen) {
    diagnostics.push(
      diagnostic(
        'f8k/no-earnings-release',
        'info',
        `earningsRelease: Item ${results.number} is reported but ${
          exhibits.length === 0
            ? 'the submission has no EX-99 document'
            : mention.value
              ? `no document is Exhibit ${mention.value}`
              : 'its text names no Exhibit 99 and the submission has several'
        }`,
        0,
      ),
    );
    return null;
  }
  return {
    documentSequence: chosen.sequence,
    type: chosen.type,
    filename: chosen.filename,
    description: chosen.description,
    mention,
  };
}
