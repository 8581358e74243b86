import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { DocumentModel } from '../model/document.js';
import { titleWords } from '../model/form-8k-items.js';
import { REPORT_SECTIONS, type SectionDefinition, type SectionForm, type SectionValues } from '../model/report-sections.js';
import { type DocumentLine, documentLines } from './document-lines.js';
import type { FieldSpan } from './field.js';
import {
  documentEnd,
  findItemLines,
  headingStart,
  headingText,
  type ItemLine,
  longestIncreasing,
  restStartsWithTitle,
} from './item-headings.js';

/** A section of a report: an item (or a 20-F sub-item) with the span of its text, from its heading to the next. */
export interface Section extends SectionValues {
  /** From the first character of the heading to the next section's heading (or the signatures, or the end). */
  readonly span: FieldSpan;
  /** A 20-F item's sub-items that are headed in the document (3.D Risk Factors); empty otherwise. */
  readonly subsections: readonly Section[];
}

export interface FoundSections {
  readonly form: SectionForm;
  /** In document order; they do not overlap. */
  readonly sections: readonly Section[];
  /** The keys of the form's items that have no heading in the document (sub-items are not listed). */
  readonly notFound: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

interface Found {
  readonly definition: SectionDefinition;
  readonly line: DocumentLine;
  readonly heading: string;
}

/**
 * The sections of a 10-K, 10-Q, 20-F or 40-F document, found from its headings ("ITEM 1A. RISK FACTORS",
 * "Item 3.D Risk factors", "PART II — Item 1."), legacy ASCII and HTML alike. Table-of-contents entries are told
 * from headings (see `findItemLines`); among the rest, the headings kept are the longest run in the form's order,
 * so a stray "Item 8" in running text cannot cut a section short. A section the document does not head is listed
 * in `notFound`, never guessed.
 */
export function findSections(model: DocumentModel, form: SectionForm, document = 1): FoundSections {
  const lines = documentLines(model);
  const { items, signatures } = findItemLines(lines);
  const definitions = REPORT_SECTIONS[form];
  const top = definitions.filter((definition) => definition.sub === null);
  const found = form === '40-F' ? findByTitle(lines, top) : findItems(items, form, top);
  const end = documentEnd(model);
  const sections = found.map((entry, position): Section => {
    const next = found[position + 1];
    const start = headingStart(entry.line);
    const stop = next ? headingStart(next.line) : signatureAfter(signatures, start, end);
    return {
      key: entry.definition.key,
      item: entry.definition.item,
      sub: null,
      part: entry.definition.part,
      title: entry.definition.title,
      heading: entry.heading,
      span: { document, page: entry.line.page, start, end: stop },
      subsections: [],
    };
  });
  const withSubs =
    form === '20-F'
      ? sections.map((section) => ({ ...section, subsections: findSubItems(lines, items, section, definitions, document) }))
      : sections;
  const have = new Set(sections.map((section) => section.key));
  const notFound = top.filter((definition) => !have.has(definition.key)).map((definition) => definition.key);
  const diagnostics: Diagnostic[] = [];
  if (sections.length === 0)
    diagnostics.push(diagnostic('sections/none-found', 'warning', `No ${form} item headings were found in the document`, 0));
  else if (notFound.length > 0)
    diagnostics.push(
      diagnostic(
        'sections/not-found',
        'info',
        `sections: no heading for ${form} item${notFound.length > 1 ? 's' : ''} ${notFound.join(', ')}`,
        0,
      ),
    );
  return { form, sections: withSubs, notFound, diagnostics };
}

function signatureAfter(signatures: readonly DocumentLine[], start: number, end: number): number {
  for (const line of signatures) if (line.start > start) return headingStart(line);
  return end;
}

/** The definition an item line names in `form`, or undefined. */
function definitionOf(item: ItemLine, form: SectionForm, top: readonly SectionDefinition[]): SectionDefinition | undefined {
  if (item.number.includes('.')) return undefined;
  const withLetter = item.letter ? `${item.number}${item.letter}` : item.number;
  if (form === '10-Q') {
    const part = item.part ?? 'I';
    return (
      top.find((definition) => definition.part === part && definition.item === withLetter) ??
      (item.ownPart ? undefined : top.find((definition) => definition.item === withLetter))
    );
  }
  // "Item 3.D" is a 20-F sub-item, not an item; "Item 16.A" is item 16A where the form has no 16.A.
  if (item.letter && item.dottedLetter && form === '20-F' && REPORT_SECTIONS['20-F'].some((d) => d.key === `${item.number}.${item.letter}`))
    return undefined;
  return top.find((definition) => definition.item === withLetter);
}

/** A heading rather than a mention: a short line, or one whose text after the number starts with the title. */
function headingLike(item: ItemLine, definition: SectionDefinition): boolean {
  if (item.line.text.length <= 200) return true;
  return [definition.title, ...(definition.aliases ?? [])].some((title) => restStartsWithTitle(item.rest, title, titleWords));
}

function findItems(items: readonly ItemLine[], form: SectionForm, top: readonly SectionDefinition[]): Found[] {
  const order = new Map(top.map((definition, position) => [definition, position]));
  const candidates: { item: ItemLine; definition: SectionDefinition }[] = [];
  for (const item of items) {
    if (item.toc) continue;
    const definition = definitionOf(item, form, top);
    if (definition && headingLike(item, definition)) candidates.push({ item, definition });
  }
  const kept = longestIncreasing(candidates.map((candidate) => order.get(candidate.definition) as number));
  return kept.map((position) => {
    const { item, definition } = candidates[position] as (typeof candidates)[number];
    return { definition, line: item.line, heading: headingText(item, definition.title) };
  });
}

const ENUMERATOR = /^(?:\(?[A-Za-z0-9]{1,3}[.)]|\([a-z0-9]{1,3}\))\s+/;

/** A 40-F heads its disclosures by title alone: short heading lines whose words are a title's, first of each. */
function findByTitle(lines: readonly DocumentLine[], top: readonly SectionDefinition[]): Found[] {
  const byWords = new Map<string, SectionDefinition>();
  for (const definition of top)
    for (const title of [definition.title, ...(definition.aliases ?? [])]) byWords.set(titleWords(title), definition);
  const seen = new Set<SectionDefinition>();
  const found: Found[] = [];
  for (const line of lines) {
    if (line.text.length > 100 || line.block.kind === 'list' || line.choice) continue;
    const definition = byWords.get(titleWords(line.text.replace(ENUMERATOR, '')));
    if (!definition || seen.has(definition)) continue;
    seen.add(definition);
    found.push({ definition, line, heading: line.text.replace(/\s+/g, ' ').trim() });
  }
  return found;
}

/** Title words with a plural "s" dropped: "Statements by Experts" heads "Statement by Experts". */
function looseWords(text: string): string {
  return titleWords(text).replace(/(\w{3,})s\b/g, '$1');
}

const SUB_LINE = /^(?:(\d{1,2})\s?\.?\s?([A-K])|([A-K])\s?[.)])(?![A-Za-z0-9])\s*[.:)\-–—]*\s*/;

/**
 * A 20-F item's sub-items, where the document heads them: "Item 3.D", "3.D Risk Factors", "D. Risk Factors", or a
 * heading that is the sub-item's title alone ("Risk factors") inside its item.
 */
function findSubItems(
  lines: readonly DocumentLine[],
  items: readonly ItemLine[],
  section: Section,
  definitions: readonly SectionDefinition[],
  document: number,
): Section[] {
  const subs = definitions.filter((definition) => definition.sub !== null && definition.item === section.item);
  if (subs.length === 0) return [];
  const byLetter = new Map(subs.map((definition) => [definition.sub as string, definition]));
  const byTitle = new Map<string, SectionDefinition>();
  for (const definition of subs)
    for (const title of [definition.title, ...(definition.aliases ?? [])]) byTitle.set(looseWords(title), definition);
  const candidates: { line: DocumentLine; definition: SectionDefinition; heading: string }[] = [];
  const seen = new Set<SectionDefinition>();
  const explicit = new Map(
    items.filter((item) => !item.toc && item.letter && item.number === section.item).map((item) => [item.line, item]),
  );
  for (let index = firstLineAfter(lines, section.span.start); index < lines.length; index++) {
    const line = lines[index] as DocumentLine;
    if (line.start >= section.span.end) break;
    if (line.text.length > 200 || line.choice) continue;
    let definition: SectionDefinition | undefined;
    const item = explicit.get(line);
    if (item) definition = byLetter.get(item.letter as string);
    else {
      const match = SUB_LINE.exec(line.text.trim());
      if (match && (!match[1] || match[1] === section.item)) {
        const letter = (match[2] ?? match[3]) as string;
        const candidate = byLetter.get(letter);
        const rest = line.text.trim().slice(match[0].length);
        if (candidate && [candidate.title, ...(candidate.aliases ?? [])].some((title) => restStartsWithTitle(rest, title, looseWords)))
          definition = candidate;
      } else if (line.block.kind !== 'table' && line.text.length <= 100) definition = byTitle.get(looseWords(line.text));
    }
    if (!definition || seen.has(definition)) continue;
    seen.add(definition);
    candidates.push({ line, definition, heading: line.text.replace(/\s+/g, ' ').trim() });
  }
  const kept = longestIncreasing(candidates.map((candidate) => subs.indexOf(candidate.definition))).map(
    (position) => candidates[position] as (typeof candidates)[number],
  );
  return kept.map((entry, position) => ({
    key: entry.definition.key,
    item: entry.definition.item,
    sub: entry.definition.sub,
    part: entry.definition.part,
    title: entry.definition.title,
    heading: entry.heading,
    span: {
      document,
      page: entry.line.page,
      start: headingStart(entry.line),
      end: kept[position + 1] ? headingStart((kept[position + 1] as (typeof kept)[number]).line) : section.span.end,
    },
    subsections: [],
  }));
}

/** The index of the first line that starts after `offset` (lines are in document order). */
function firstLineAfter(lines: readonly DocumentLine[], offset: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((lines[middle] as DocumentLine).start <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The section a reader names: `1A`, `Item 1A`, `item 7a`, `3.D`, `3D`, `II-1A`, `Part II Item 1A`, `undertaking`.
 * A 10-Q item number without its part names the one section of that number if there is one. Returns the section,
 * or the reason none is chosen (unknown, not found, or ambiguous), for the caller's message.
 */
export function chooseSection(
  found: FoundSections,
  wanted: string,
): { readonly section: Section } | { readonly section: null; readonly reason: string } {
  const all = found.sections.flatMap((section) => [section, ...section.subsections]);
  const cleaned = wanted
    .trim()
    .toUpperCase()
    .replace(/^PART\s+(IV|I{1,3})\s*[,.\-–—]?\s*(?:ITEM\s*)?/, '$1-')
    .replace(/^ITEM\s*/, '')
    .replace(/\s+/g, '');
  const exact = all.filter((section) => section.key.toUpperCase() === cleaned);
  if (exact.length === 1) return { section: exact[0] as Section };
  const loose = all.filter((section) => {
    const key = section.key.toUpperCase();
    return key.replace('.', '') === cleaned.replace('.', '') || key.replace(/^(?:I|II)-/, '') === cleaned;
  });
  if (loose.length === 1) return { section: loose[0] as Section };
  const available = all.map((section) => section.key).join(', ') || 'none';
  if (loose.length > 1)
    return { section: null, reason: `Section "${wanted}" is ambiguous: ${loose.map((section) => section.key).join(' or ')}` };
  const known = REPORT_SECTIONS[found.form].some(
    (definition) => definition.key.toUpperCase() === cleaned || definition.key.toUpperCase().replace(/^(?:I|II)-/, '') === cleaned,
  );
  return {
    section: null,
    reason: known
      ? `Section ${wanted} of this ${found.form} was not found: the document has no heading for it (sections found: ${available})`
      : `Form ${found.form} has no section "${wanted}" (sections found: ${available})`,
  };
}
