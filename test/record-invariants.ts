import { decodeHTML } from 'entities';
import type { Exhibit } from '../src/forms/attached-exhibits.js';
import type { FilingRecords, ParsedSubmissionDocument } from '../src/forms/extract-filing.js';
import type { Field, FieldSpan } from '../src/forms/field.js';
import type { Section } from '../src/forms/sections.js';
import type { XbrlFact } from '../src/model/xbrl-fact.js';
import { fieldsOf, saysValue, textAt } from './form-spans.js';

/**
 * The invariants every form record keeps on every input, whatever the form and whoever wrote the filing; written
 * independently of the readers (their own words: tags dropped, entities decoded, letters and digits compared). Each
 * check returns the broken ones as lines `path: what is wrong`, so a sweep can count and list them.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A document's text at a span as a reader sees it: for HTML, tags dropped and entities decoded. */
export function shownText(document: ParsedSubmissionDocument | undefined, span: FieldSpan): string | null {
  if (!document) return null;
  if (document.xml) return document.xml.source.slice(span.start, span.end);
  const model = document.model;
  if (!model) return null;
  const raw = model.source.slice(span.start, span.end);
  return model.sourceFormat === 'html' ? decodeHTML(raw.replace(/<[^>]*>/g, ' ')) : raw;
}

/** Lower-case letters and digits only: what two spellings of one text share. */
export function letters(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Words of lower-case letters and digits, one space between them. */
function words(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Does the text write this date (`YYYY-MM-DD`): "March 8, 2024", "8 March 2024", "3/8/24", "2024-03-08", "March 8th, 2024"? */
export function writesDate(text: string, iso: string): boolean {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const said = words(text);
  const name = MONTHS[month - 1] as string;
  const yearPattern = `(?:${year}|${String(year).slice(2)})`;
  const patterns = [
    `\\b${name}[a-z]* 0?${day}(?:st|nd|rd|th)? ${year}\\b`,
    `\\b0?${day}(?:st|nd|rd|th)?(?: day)?(?: of)? ${name}[a-z]* ${year}\\b`,
    `\\b0?${month} 0?${day} ${yearPattern}\\b`,
    `\\b${year} 0?${month} 0?${day}\\b`,
    `\\b0?${day} 0?${month} ${year}\\b`,
  ];
  return patterns.some((pattern) => new RegExp(pattern).test(said));
}

/** Does the text name this month (`YYYY-MM`): its name (or a misspelling of it that keeps its first two letters) and its year, or a date in it? */
export function writesMonth(text: string, yearMonth: string): boolean {
  const [year, month] = yearMonth.split('-').map(Number) as [number, number];
  const said = words(text);
  const name = MONTHS[month - 1] as string;
  if (new RegExp(`\\b${name.slice(0, 2)}[a-z]*\\b.*\\b${year}\\b`).test(said)) return true;
  return new RegExp(`\\b0?${month} \\d{1,2} (?:${year}|${String(year).slice(2)})\\b|\\b${year} 0?${month}\\b`).test(said);
}

/** Values that are a short name for what the filing writes out. */
const ALIASES: Readonly<Record<string, string>> = { IFRS: 'International Financial Reporting Standards' };

/** Does the text write this number (commas, a currency sign, a sign, trailing zeros of decimals aside)? */
export function writesNumber(text: string, value: number): boolean {
  for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?|\.\d+/g)) {
    if (Number(match[0].replace(/,/g, '')) === Math.abs(value)) return true;
  }
  return false;
}

/**
 * Is a value what the text at its span says? Strings: their letters and digits stand in the text's, in order
 * (the span may hold the label too: "Commission File Number: 000-21742"); dates and months: the text writes that
 * day or month; numbers: the text writes the number; booleans: XML says 1/true/0/false, a text form's mark is there.
 */
export function sourceSays(text: string, value: unknown, xml: boolean): boolean {
  if (xml) return saysValue(text, value, true);
  if (typeof value === 'string' && ALIASES[value] && letters(text).includes(letters(ALIASES[value] as string))) return true;
  if (typeof value === 'number') return writesNumber(text, value);
  if (typeof value === 'boolean') return true; // a text form's mark may be an image: checked by the caller
  if (typeof value !== 'string') return false;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return writesDate(text, value);
  if (/^\d{4}-\d{2}$/.test(value)) return writesMonth(text, value);
  const wanted = letters(value);
  return wanted === '' || letters(text).includes(wanted);
}

export interface SweepInput {
  readonly name: string;
  readonly result: FilingRecords;
  readonly documents: readonly ParsedSubmissionDocument[];
}

function documentOf(documents: readonly ParsedSubmissionDocument[], number: number): ParsedSubmissionDocument | undefined {
  return documents.find((candidate, index) => (candidate.sequence ?? index + 1) === number);
}

function lengthOf(document: ParsedSubmissionDocument | undefined): number {
  if (!document) return -1;
  return document.model?.source.length ?? document.xml?.source.length ?? 0;
}

function insideDocument(documents: readonly ParsedSubmissionDocument[], span: FieldSpan): boolean {
  const length = lengthOf(documentOf(documents, span.document));
  return span.start >= 0 && span.end >= span.start && span.end <= length && span.page >= 1;
}

/** Every field with a span shows its value's source text there; a value read from nowhere has no span. */
export function fieldInvariants({ name, result, documents }: SweepInput): string[] {
  const broken: string[] = [];
  const diagnostics = [...(result.record?.diagnostics ?? []), ...result.diagnostics];
  for (const { path, field } of fieldsOf(result.record)) {
    if (!field.span) continue;
    if (!insideDocument(documents, field.span)) {
      broken.push(`${name}: ${path} ${JSON.stringify(field.span)} is outside its document`);
      continue;
    }
    if (field.value === null) {
      // A place that was found but not read: a diagnostic must say why.
      const last = path.split('.').pop() as string;
      if (!diagnostics.some((found) => found.message.includes(last) || /unreadable/.test(found.code)))
        broken.push(`${name}: ${path} is null at a span with no diagnostic saying why`);
      continue;
    }
    const document = documentOf(documents, field.span.document);
    const xml = Boolean(document?.xml);
    const text = xml ? (textAt(documents, field.span)?.text ?? null) : shownText(document, field.span);
    if (text === null) {
      broken.push(`${name}: ${path} points at document ${field.span.document}, which has no text`);
      continue;
    }
    // A text form's table cell may wrap onto the lines below it: read it joined as well.
    const joined =
      !xml && (result.record as { source?: string } | null)?.source === 'text' ? textAt(documents, field.span)?.text : undefined;
    if (field.value === true && !xml && field.span.end === field.span.start) broken.push(`${name}: ${path} is marked at an empty span`);
    else if (!sourceSays(text, field.value, xml) && !(joined !== undefined && sourceSays(joined, field.value, false)))
      broken.push(
        `${name}: ${path} = ${JSON.stringify(field.value)} but its span shows "${text.replace(/\s+/g, ' ').trim().slice(0, 120)}"`,
      );
  }
  return broken;
}

/** An exhibit listed in the report: its span shows its number or the words of its description. */
export function exhibitInvariants({ name, result, documents }: SweepInput): string[] {
  const record = result.record as { exhibits?: readonly Exhibit[] } | null;
  const broken: string[] = [];
  for (const [index, exhibit] of (record?.exhibits ?? []).entries()) {
    const path = `exhibits.${index}`;
    if (!insideDocument(documents, exhibit.span)) {
      broken.push(`${name}: ${path} ${JSON.stringify(exhibit.span)} is outside its document`);
      continue;
    }
    if (exhibit.span.start === exhibit.span.end) continue; // an unlisted document, pointed at as a whole
    // An exhibit the report does not list is pointed at by its own document's title; its description is the <DESCRIPTION>.
    const own = documentOf(documents, exhibit.span.document);
    if (exhibit.span.document === exhibit.documentSequence && /^EX-/i.test(own?.type ?? '')) continue;
    const text = shownText(documentOf(documents, exhibit.span.document), exhibit.span) ?? '';
    const shown = new Set(words(text).split(' '));
    const described = words(exhibit.description)
      .split(' ')
      .filter((word) => word !== '');
    const missingWords = described.filter((word) => !shown.has(word));
    // Words compared one by one (a clause the description leaves out may stand between them), or letters run
    // together (a drop capital set apart by markup: "<b>E</b>nglish").
    if (
      missingWords.length > 0 &&
      !letters(text).includes(letters(exhibit.description)) &&
      !letters(text).includes(letters(exhibit.number))
    )
      broken.push(
        `${name}: ${path} "${exhibit.number} ${exhibit.description}" is not what its span shows: "${text.replace(/\s+/g, ' ').trim().slice(0, 120)}"`,
      );
  }
  return broken;
}

/** Sections: inside their document, in document order, not overlapping, each starting with its heading. */
export function sectionInvariants(
  name: string,
  sections: readonly Section[],
  documents: readonly ParsedSubmissionDocument[],
  path = 'sections',
): string[] {
  const broken: string[] = [];
  let previousEnd = -1;
  for (const [index, section] of sections.entries()) {
    const at = `${path}.${index} (${section.key})`;
    if (!insideDocument(documents, section.span)) {
      broken.push(`${name}: ${at} ${JSON.stringify(section.span)} is outside its document`);
      continue;
    }
    if (section.span.start < previousEnd)
      broken.push(`${name}: ${at} starts at ${section.span.start}, before the previous section ends (${previousEnd})`);
    if (section.span.end <= section.span.start) broken.push(`${name}: ${at} is empty`);
    previousEnd = section.span.end;
    const text = shownText(documentOf(documents, section.span.document), section.span) ?? '';
    if (!words(text).startsWith(words(section.heading)))
      broken.push(
        `${name}: ${at} does not start with its heading "${section.heading}": "${text.replace(/\s+/g, ' ').trim().slice(0, 80)}"`,
      );
    for (const sub of section.subsections) {
      if (sub.span.start < section.span.start || sub.span.end > section.span.end)
        broken.push(`${name}: ${at} sub-item ${sub.key} ${JSON.stringify(sub.span)} is outside its item ${JSON.stringify(section.span)}`);
    }
    broken.push(...sectionInvariants(name, section.subsections, documents, `${at}.subsections`));
  }
  return broken;
}

interface ItemLike {
  readonly number: string | null;
  readonly heading: Field<string | null>;
  readonly span: FieldSpan | null;
}

/** 8-K items: each item's span lies inside its document, starts with its heading and overlaps no other item's. */
export function itemInvariants(name: string, items: readonly ItemLike[], documents: readonly ParsedSubmissionDocument[]): string[] {
  const broken: string[] = [];
  let previousEnd = -1;
  for (const [index, item] of items.entries()) {
    const at = `items.${index} (${item.number})`;
    if (!item.span) continue;
    if (!insideDocument(documents, item.span)) {
      broken.push(`${name}: ${at} ${JSON.stringify(item.span)} is outside its document`);
      continue;
    }
    if (item.span.start < previousEnd) broken.push(`${name}: ${at} overlaps the item before it`);
    previousEnd = item.span.end;
    const text = shownText(documentOf(documents, item.span.document), item.span) ?? '';
    if (item.heading.value !== null && !words(text).startsWith(words(item.heading.value)))
      broken.push(
        `${name}: ${at} does not start with its heading "${item.heading.value}": "${text.replace(/\s+/g, ' ').trim().slice(0, 80)}"`,
      );
  }
  return broken;
}

/** Every invariant of a filing's record, whatever its form. */
export function recordInvariants(input: SweepInput): string[] {
  const record = input.result.record as Record<string, unknown> | null;
  const broken = [...fieldInvariants(input), ...exhibitInvariants(input)];
  if (record && Array.isArray(record.sections))
    broken.push(...sectionInvariants(input.name, record.sections as Section[], input.documents));
  if (record && Array.isArray(record.items)) broken.push(...itemInvariants(input.name, record.items as ItemLike[], input.documents));
  return broken;
}

/** What an inline fact's span of XHTML shows: tags dropped, entities decoded, white space collapsed. */
export function shownXhtml(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** XBRL facts: an inline fact's span shows its text; a value that could not be read (not nil) is null with a diagnostic. */
export function factInvariants(
  name: string,
  facts: readonly XbrlFact[],
  diagnosticCount: number,
  textOf: (document: number) => string | null,
): string[] {
  const broken: string[] = [];
  for (const [index, fact] of facts.entries()) {
    const at = `${name}: fact ${index} ${fact.concept}`;
    if (fact.span) {
      const text = textOf(fact.span.document);
      if (text === null || fact.span.start < 0 || fact.span.end > text.length || fact.span.end < fact.span.start)
        broken.push(`${at} ${JSON.stringify(fact.span)} is outside its document`);
      else if (shownXhtml(text.slice(fact.span.start, fact.span.end)) !== fact.text.replace(/\s+/g, ' ').trim())
        broken.push(
          `${at} shows "${shownXhtml(text.slice(fact.span.start, fact.span.end)).slice(0, 80)}" at its span, not "${fact.text.slice(0, 80)}"`,
        );
    } else if (fact.source === 'inline') broken.push(`${at} is an inline fact without a span`);
    if (fact.value === null && !fact.nil && diagnosticCount === 0) broken.push(`${at} has no value and no diagnostic says why`);
    if (fact.kind === 'numeric' && fact.value !== null && !/^-?\d+(?:\.\d+)?$/.test(fact.value))
      broken.push(`${at} numeric value "${fact.value}" is not a decimal number`);
  }
  return broken;
}
