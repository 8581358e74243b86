import { type Diagnostic, diagnostic } from '../core/diagnostic.js';
import type { DocumentModel } from '../model/document.js';
import { type AttachedDocument, type Exhibit, resolveExhibits } from './attached-exhibits.js';
import { findDate } from './dates.js';
import { type DocumentLine, documentLines, lineSpan } from './document-lines.js';
import { findExhibits } from './exhibit-index.js';
import type { Field } from './field.js';
import { findSections, type Section } from './sections.js';
import { extractSignatures, type SignatureBlock } from './signatures.js';

/** A class of securities registered under Section 12(b), and the exchange it trades on. */
export interface RegisteredSecurity {
  readonly title: string;
  readonly exchange: string | null;
  readonly tradingSymbol: string | null;
}

/** The cover page of a Form 20-F or 40-F (annual reports and registrations of foreign private issuers). */
export interface Form20FRecord {
  readonly form: '20-F' | '20-F/A' | '40-F' | '40-F/A';
  /** YYYY-MM-DD. */
  readonly fiscalYearEnd: Field<string | null>;
  readonly commissionFileNumber: Field<string | null>;
  readonly registrant: Field<string | null>;
  /** The English translation of the registrant's name, when one is given. */
  readonly registrantEnglishName: Field<string | null>;
  readonly jurisdiction: Field<string | null>;
  readonly address: Field<string | null>;
  readonly securities12b: readonly RegisteredSecurity[];
  readonly securities12g: readonly string[];
  /** The outstanding-shares statement as written: `1,350,523,905` after its label, or the sentence that gives the number. */
  readonly sharesOutstanding: Field<string | null>;
  /** Marked filer-status boxes: `Large accelerated filer`, `Emerging growth company`, … */
  readonly filerStatus: readonly string[];
  /** The marked accounting basis: `U.S. GAAP`, `IFRS`, `Other`. */
  readonly accountingBasis: Field<'U.S. GAAP' | 'IFRS' | 'Other' | null>;
  /** The items (20-F: with sub-items such as 3.D where headed) found in the document, in order, with their spans. */
  readonly sections: readonly Section[];
  /** The form's items the document has no heading for. */
  readonly sectionsNotFound: readonly string[];
  /** The exhibits Item 19 lists, matched to the documents of the submission. */
  readonly exhibits: readonly Exhibit[];
  readonly signatures: readonly SignatureBlock[];
  readonly diagnostics: readonly Diagnostic[];
}

const LABEL_LIKE = /^\(.*\)$|^[-=_]+$/;
const EXACT_NAME = /^\(?\s*exact\s+name\s+of\s+(?:the\s+)?registrant/i;
const TRANSLATION = /^\(?\s*translation\s+of\s+(?:the\s+)?registrant/i;
const JURISDICTION = /^\(?\s*(?:jurisdiction|province\s+or\s+other\s+jurisdiction)\s+of\s+incorporation/i;
const ADDRESS = /^\(?\s*address\s+(?:and\s+telephone\s+number\s+)?of\s+(?:the\s+)?(?:registrant'?s?\s+)?principal\s+executive\s+offices?/i;
const NOT_APPLICABLE = /^(?:not\s+applicable|n\/?a|none)\.?$/i;

/** The cover: the first lines of the first pages (a legacy-ASCII 20-F may come as one long page). */
function cover(model: DocumentModel): DocumentLine[] {
  return documentLines(model, model.pages.slice(0, 4), { limit: 250 });
}

function lineAbove(lines: readonly DocumentLine[], labelIndex: number, document: number): Field<string | null> {
  for (let i = labelIndex - 1; i >= Math.max(0, labelIndex - 3); i--) {
    const line = lines[i] as DocumentLine;
    if (/^[-=_]+$/.test(line.text)) continue;
    if (LABEL_LIKE.test(line.text) || line.choice) return { value: null, span: null };
    if (NOT_APPLICABLE.test(line.text)) return { value: null, span: lineSpan(line, document) };
    return { value: line.text.replace(/\s+/g, ' ').trim(), span: lineSpan(line, document) };
  }
  return { value: null, span: null };
}

/**
 * Reads a 20-F's or 40-F's cover, its exhibit index and its signatures. `documents` are the submission's, for the exhibits.
 * Kept as one function: a straight run down the cover, one short step per field in the cover's order, sharing
 * `lines`, `find` and `diagnostics`; split into helpers it would read no easier.
 */
export function extract20F(
  model: DocumentModel,
  formType: string | null,
  document = 1,
  documents: readonly AttachedDocument[] = [],
): Form20FRecord {
  const diagnostics: Diagnostic[] = [];
  const lines = cover(model);
  const headingForm = lines
    .slice(0, 40)
    .map((line) => /\bFORM\s+(20-F|40-F)(\/A)?\b/i.exec(line.text))
    .find(Boolean);
  const base = /40-F/i.test(formType ?? '') || headingForm?.[1]?.toUpperCase() === '40-F' ? '40-F' : '20-F';
  const amended = /\/A$/i.test(formType ?? '') || Boolean(headingForm?.[2]);
  const form = `${base}${amended ? '/A' : ''}` as Form20FRecord['form'];
  const find = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line.text));

  let fiscalYearEnd: Field<string | null> = { value: null, span: null };
  const fiscalIndex = find(/for\s+the\s+fiscal\s+year\s+ended/i);
  if (fiscalIndex !== -1) {
    const text = lines
      .slice(fiscalIndex, fiscalIndex + 2)
      .map((line) => line.text)
      .join(' ');
    const date = findDate(text.slice(text.search(/ended/i)));
    if (date) fiscalYearEnd = { value: date.iso, span: lineSpan(lines[fiscalIndex] as DocumentLine, document) };
  }
  if (fiscalYearEnd.value === null)
    diagnostics.push(diagnostic('f20f/missing-fiscal-year-end', 'warning', 'No "For the fiscal year ended" date on the cover', 0));

  let commissionFileNumber: Field<string | null> = { value: null, span: null };
  const fileIndex = find(/commission\s+file\s+(?:number|no\.?)/i);
  if (fileIndex !== -1) {
    const line = lines[fileIndex] as DocumentLine;
    const match = /commission\s+file\s+(?:number|no\.?)\s*(?::\s*)?((?:\d{1,3}\s*-\s*)?\d{4,6}(?:\s*-\s*\d{1,3})?)\b/i.exec(
      `${line.text} ${lines[fileIndex + 1]?.text ?? ''}`,
    );
    if (match) commissionFileNumber = { value: (match[1] as string).replace(/\s+/g, ''), span: lineSpan(line, document) };
  }

  const exactIndex = find(EXACT_NAME);
  const registrant = exactIndex === -1 ? { value: null, span: null } : lineAbove(lines, exactIndex, document);
  if (registrant.value === null)
    diagnostics.push(diagnostic('f20f/missing-registrant', 'warning', 'No registrant name above "(Exact name of Registrant …)"', 0));
  const translationIndex = find(TRANSLATION);
  const registrantEnglishName =
    translationIndex === -1 || translationIndex === exactIndex + 1
      ? { value: null, span: null }
      : lineAbove(lines, translationIndex, document);
  // A translation label right under the name label, with no line of its own, gives no translation.
  const english =
    registrantEnglishName.value !== null && registrantEnglishName.value === registrant.value && translationIndex - exactIndex <= 2
      ? { value: null, span: null }
      : registrantEnglishName;
  const jurisdictionIndex = find(JURISDICTION);
  const jurisdiction = jurisdictionIndex === -1 ? { value: null, span: null } : lineAbove(lines, jurisdictionIndex, document);
  const addressIndex = find(ADDRESS);
  let address: Field<string | null> = { value: null, span: null };
  if (addressIndex !== -1) {
    const parts: DocumentLine[] = [];
    for (let i = addressIndex - 1; i >= Math.max(0, addressIndex - 6); i--) {
      const line = lines[i] as DocumentLine;
      if (/^[-=_]+$/.test(line.text)) continue;
      if (LABEL_LIKE.test(line.text) || line.choice) break;
      parts.unshift(line);
    }
    if (parts.length > 0) {
      const value = parts
        .map((line) => line.text.trim())
        .reduce((joined, piece) => (joined === '' ? piece : /[,;]$/.test(joined) ? `${joined} ${piece}` : `${joined}, ${piece}`), '');
      const first = parts[0] as DocumentLine;
      const last = parts.at(-1) as DocumentLine;
      address = { value, span: { document, page: first.page, start: first.start, end: last.end } };
    }
  }

  const securities12b: RegisteredSecurity[] = [];
  const securities12g: string[] = [];
  const index12b = find(/section\s+12\s*\(b\)\s+of\s+the\s+act/i);
  const index12g = find(/section\s+12\s*\(g\)\s+of\s+the\s+act/i);
  if (index12b !== -1) {
    const end = index12g > index12b ? index12g : Math.min(lines.length, index12b + 12);
    for (const line of lines.slice(index12b + 1, end)) {
      if (
        /title\s+of\s+each\s+class|name\s+of\s+each\s+exchange|trading\s+symbol|^[-=_\s]+$/i.test(line.text) ||
        NOT_APPLICABLE.test(line.text)
      )
        continue;
      if (/^(?:securities|indicate|number\s+of)/i.test(line.text)) break;
      const cells = line.text.split(/\s{2,}/).filter((cell) => !/^[-_=]+$/.test(cell));
      if (cells.length === 0 || NOT_APPLICABLE.test(cells[0] as string)) continue;
      securities12b.push({
        title: cells[0] as string,
        exchange: cells.length >= 3 ? (cells[2] as string) : (cells[1] ?? null),
        tradingSymbol: cells.length >= 3 ? (cells[1] as string) : null,
      });
    }
  }
  if (index12g !== -1) {
    for (const line of lines.slice(index12g + 1, index12g + 6)) {
      if (/^(?:securities|indicate)/i.test(line.text)) break;
      if (/^[-=_]+$/.test(line.text) || /^\(title of class\)$/i.test(line.text)) continue;
      if (NOT_APPLICABLE.test(line.text)) break;
      securities12g.push(line.text);
    }
  }

  let sharesOutstanding: Field<string | null> = { value: null, span: null };
  const sharesIndex = find(/outstanding\s+shares|shares\s+outstanding/i);
  if (sharesIndex !== -1) {
    for (const line of lines.slice(sharesIndex, sharesIndex + 4)) {
      const match = /(\d{1,3}(?:[,.]\d{3})+|\d{5,})\s*([A-Za-z][^.]*)?/.exec(line.text.replace(/^.*?:\s*(?=\d)/, ''));
      if (match && !/20\d\d$/.test(match[1] as string)) {
        sharesOutstanding = {
          value: line.text
            .replace(/^.*?:\s*(?=\d)/, '')
            .replace(/\s+/g, ' ')
            .trim(),
          span: lineSpan(line, document),
        };
        break;
      }
    }
  }

  const filerStatus: string[] = [];
  let accountingBasis: Field<'U.S. GAAP' | 'IFRS' | 'Other' | null> = { value: null, span: null };
  for (const line of lines) {
    if (!line.choice) continue;
    for (const option of line.choice.options) {
      if (!option.marked) continue;
      if (/accelerated filer|emerging growth company|shell company/i.test(option.label))
        filerStatus.push(option.label.replace(/\s+/g, ' ').trim());
      else if (/u\.?s\.?\s+gaap/i.test(option.label)) accountingBasis = { value: 'U.S. GAAP', span: lineSpan(line, document) };
      else if (/international\s+financial\s+reporting|ifrs/i.test(option.label))
        accountingBasis = { value: 'IFRS', span: lineSpan(line, document) };
      else if (/^other$/i.test(option.label.trim())) accountingBasis = { value: 'Other', span: lineSpan(line, document) };
    }
  }

  const found = findExhibits(model, document);
  const exhibits = resolveExhibits({ listed: found.listed, documents, primaryModel: model, primarySequence: document });
  const signatures = extractSignatures(model, document);
  if (signatures.length === 0) diagnostics.push(diagnostic('f20f/missing-signature', 'warning', 'No signature block was found', 0));
  const sections = findSections(model, base, document);
  diagnostics.push(...sections.diagnostics);

  return {
    form,
    fiscalYearEnd,
    commissionFileNumber,
    registrant,
    registrantEnglishName: english,
    jurisdiction,
    address,
    securities12b,
    securities12g,
    sharesOutstanding,
    filerStatus,
    accountingBasis,
    sections: sections.sections,
    sectionsNotFound: sections.notFound,
    exhibits,
    signatures,
    diagnostics,
  };
}
