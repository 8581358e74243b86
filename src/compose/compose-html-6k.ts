import { writtenDate } from './ascii-text.js';
import type { ComposedDocument } from './compose-ascii-6k.js';
import type { Compose6KRecord, Exhibit6KInput, Signature6K } from './record-6k.js';
import {
  addressLines,
  byText,
  COVER,
  datedSentences,
  exhibitLabel,
  exhibitText,
  fileNumberLine,
  furnishingParagraphs,
  listEnding,
  monthLine,
  paragraph,
  signatureSections,
  withEnding,
} from './wording-6k.js';

const MARKED = '&#9746;';
const EMPTY = '&#9744;';
const GAP = '&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;';
const PAGE_BREAK = '<hr style="page-break-after: always">';

/**
 * Text for an EDGAR HTML document: `&`, `<`, `>` escaped and every character outside printable ASCII written as
 * a numeric character reference, so the file itself is plain ASCII and nothing is lost.
 */
export function escapeEdgarHtml(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '&') out += '&amp;';
    else if (char === '<') out += '&lt;';
    else if (char === '>') out += '&gt;';
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else if (code === 0x0a || code === 0x09) out += ' ';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += '';
    else out += `&#${code};`;
  }
  return out;
}

const e = escapeEdgarHtml;

/**
 * The 6-K primary document in EDGAR HTML: the tags and attributes of the Filer Manual's HTML 3.2/4.0 subset only
 * (`html head title body p b br table tr td th hr`, `align`, `valign`, `width`, `style` for page breaks), no script,
 * no links, no images, nothing outside the document. Check boxes are ☒/☐ written as character references beside
 * their labels, which is how edgarkit's reader (and most filings since 2010) write them. Text keeps every character.
 */
export function composeHtml6K(record: Compose6KRecord): ComposedDocument {
  const out: string[] = [];
  const centred = (html: string) => out.push(`<p align="center">${html}</p>`);
  out.push('<html>', '<head>', `<title>Form ${e(record.form)}</title>`, '</head>', '<body>');
  centred(`<b>FORM ${e(record.form)}</b>`);
  centred(`<b>${e(COVER.commission)}</b>`);
  centred(e(COVER.washington));
  centred(`<b>${e(COVER.title)}</b>`);
  for (const line of COVER.pursuant) centred(e(line));
  centred(e(monthLine(record)));
  const fileNumber = fileNumberLine(record);
  if (fileNumber) centred(e(fileNumber));
  centred(`<b>${e(record.registrant.replace(/\s+/g, ' ').trim())}</b>`);
  centred(e(COVER.nameLabel));
  // One paragraph per line: the reader joins a <br> broken paragraph into running text.
  if (record.address !== null) for (const line of addressLines(record.address, 60)) centred(e(line));
  centred(e(COVER.addressLabel));
  out.push(`<p>${e(paragraph(COVER.annualReport))}</p>`);
  centred(
    `Form 20-F ${record.annualReportForm === '20-F' ? MARKED : EMPTY}${GAP}Form 40-F ${record.annualReportForm === '40-F' ? MARKED : EMPTY}`,
  );
  for (const [answer, text] of [
    [record.paperUnderRule101b1, COVER.rule101b1],
    [record.paperUnderRule101b7, COVER.rule101b7],
  ] as const) {
    if (answer !== null) out.push(`<p>${e(paragraph(text))} ${answer ? MARKED : EMPTY}</p>`);
  }
  if (record.furnishesUnderRule12g32b !== null) {
    out.push(`<p>${e(paragraph(COVER.rule12g32b))}</p>`);
    centred(`Yes ${record.furnishesUnderRule12g32b ? MARKED : EMPTY}${GAP}No ${record.furnishesUnderRule12g32b ? EMPTY : MARKED}`);
    if (record.rule12g32bFileNumber !== null) out.push(`<p>${e(paragraph(COVER.fileNumber82))} ${e(record.rule12g32bFileNumber)}</p>`);
  }

  const furnishing = furnishingParagraphs(record);
  if (furnishing.length > 0 || record.exhibits.length > 0) {
    out.push(PAGE_BREAK);
    for (const text of furnishing) out.push(`<p>${e(text)}</p>`);
    if (record.exhibits.length > 0) out.push(...exhibitTable(record.exhibits, false));
    for (const text of datedSentences(record.exhibits)) out.push(`<p>${e(text)}</p>`);
  }

  if (record.signatures.length > 0) {
    out.push(PAGE_BREAK);
    centred('<b>SIGNATURES</b>');
    for (const section of signatureSections(record.signatures)) {
      out.push(`<p>${e(paragraph(COVER.signatures))}</p>`);
      out.push(...signatureTable(section));
    }
  }

  if (record.exhibits.length > 0) {
    out.push(PAGE_BREAK);
    centred('<b>EXHIBIT INDEX</b>');
    out.push(...exhibitTable(record.exhibits, true));
  }
  out.push('</body>', '</html>');
  return { text: `${out.join('\n')}\n`, problems: [] };
}

function exhibitTable(exhibits: readonly Exhibit6KInput[], index: boolean): string[] {
  const rows: string[] = ['<table width="100%" cellpadding="2" cellspacing="0" border="0">'];
  if (index) rows.push('<tr><th align="left" valign="top" width="20%">Exhibit</th><th align="left" valign="top">Description</th></tr>');
  const defined = new Set<string>();
  exhibits.forEach((exhibit, i) => {
    const text = withEnding(exhibitText(exhibit, defined), index ? '.' : listEnding(i, exhibits.length));
    rows.push(`<tr><td valign="top" width="20%">${e(exhibitLabel(exhibit))}</td><td valign="top">${e(text)}</td></tr>`);
  });
  rows.push('</table>');
  return rows;
}

/** The registrant, then `Date:` beside `By:`, and `Name:`/`Title:` under the signature. */
function signatureTable(section: readonly Signature6K[]): string[] {
  const rows: string[] = ['<table width="100%" cellpadding="2" cellspacing="0" border="0">'];
  const registrant = section[0]?.registrant ?? null;
  if (registrant !== null) rows.push(`<tr><td width="50%"></td><td>${e(registrant)}</td></tr>`);
  for (const signature of section) {
    const date = signature.date === null ? '' : `Date: ${writtenDate(signature.date)}`;
    rows.push(`<tr><td width="50%">${e(date)}</td><td>${e(byText(signature))}</td></tr>`);
    if (signature.name !== null) rows.push(`<tr><td width="50%"></td><td>Name: ${e(signature.name)}</td></tr>`);
    if (signature.title !== null) rows.push(`<tr><td width="50%"></td><td>Title: ${e(signature.title)}</td></tr>`);
  }
  rows.push('</table>');
  return rows;
}
