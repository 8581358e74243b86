import type { Composed6K } from './compose-6k.js';
import { base64 } from './encodings.js';

/** Options of the EDGARLink Online submission XML: the filer's CIK and CCC (never stored), live or test, and the notification e-mail. */
export interface EdgarLinkOptions {
  /** The filer's CIK and CCC, read from the environment at compose time; never stored. Placeholders when absent. */
  readonly cik?: string | null;
  readonly ccc?: string | null;
  /** `TEST` unless asked otherwise: a test filing is checked by EDGAR and never disseminated. */
  readonly liveTestFlag?: 'LIVE' | 'TEST';
  /** An address EDGAR notifies of acceptance or suspension. */
  readonly notificationEmail?: string | null;
}

export const PLACEHOLDER_CCC = 'XXXXXXXX';

/**
 * What the generated XML says about its own sources. Written into the file, and repeated in the report of the
 * compose command, so nobody mistakes the unconfirmed parts for SEC's word.
 */
export const EDGARLINK_NOTES = [
  'Written by edgarkit from what is known of SEC\'s "EDGARLink Online XML Technical Specification"; the',
  'specification could not be consulted when this was written. Check it against the current specification',
  '(and submit with liveTestFlag TEST first) before a live filing.',
  "Confirmed from SEC's published schema types (eis_Common.xsd) and from disseminated submissions:",
  '  - the edgarSubmission / headerData / submissionType / filerInfo / liveTestFlag / flags / filer shape',
  '    (as in Form 13F submissions), liveTestFlag LIVE|TEST, the three flags as true|false;',
  '  - filer credentials as cik (1-10 digits) and ccc (exactly 8 characters);',
  '  - documents / document with conformedName (at most 32 characters, letters, digits, ._-, extensions',
  '    htm txt pdf xml jpg gif fil xsd), conformedDocumentType, description (at most 255), contents;',
  '  - periodOfReport written MM-DD-YYYY.',
  'UNCONFIRMED:',
  '  - the root namespace of a 6-K submission (written here as http://www.sec.gov/edgar/sixk) and whether',
  '    the document elements belong to the common namespace (http://www.sec.gov/edgar/common);',
  '  - whether the credentials element is called filerCredentials (as in Schedule 13D/G and Form 144)',
  '    or credentials (as in Form 13F) for this submission type;',
  '  - whether contents must be one line of base64 or may be broken into lines (written in lines of 76);',
  '  - that a 6-K takes periodOfReport and no further header fields (file number, SROs, co-registrants).',
];

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The EDGARLink Online XML submission of a composed 6-K: header data (submission type, test or live, the filer's
 * credentials, the period) and every document base64-encoded. The access codes come from the caller (the CLI
 * reads EDGARKIT_FILER_CIK / EDGARKIT_FILER_CCC); without them the file carries marked placeholders.
 */
export function composeEdgarLinkXml(composed: Composed6K, options: EdgarLinkOptions = {}): string {
  const cik = options.cik && /^\d{1,10}$/.test(options.cik.trim()) ? options.cik.trim().padStart(10, '0') : null;
  const ccc = options.ccc && options.ccc.length === 8 ? options.ccc : null;
  const period = composed.header.periodOfReport;
  const lines: string[] = [
    '<?xml version="1.0" encoding="US-ASCII"?>',
    '<!--',
    ...EDGARLINK_NOTES.map((note) => `  ${note}`),
    ...(cik === null || ccc === null
      ? [
          "  PLACEHOLDERS: cik 0000000000 and ccc XXXXXXXX below stand for the filer's access codes; set",
          '  EDGARKIT_FILER_CIK and EDGARKIT_FILER_CCC when composing, or fill them in by hand.',
        ]
      : []),
    '-->',
    '<edgarSubmission xmlns="http://www.sec.gov/edgar/sixk" xmlns:com="http://www.sec.gov/edgar/common">',
    '  <headerData>',
    `    <submissionType>${xmlText(composed.header.submissionType)}</submissionType>`,
    '    <filerInfo>',
    `      <liveTestFlag>${options.liveTestFlag ?? 'TEST'}</liveTestFlag>`,
    '      <flags>',
    '        <confirmingCopyFlag>false</confirmingCopyFlag>',
    '        <returnCopyFlag>false</returnCopyFlag>',
    '        <overrideInternetFlag>false</overrideInternetFlag>',
    '      </flags>',
    '      <filer>',
    '        <filerCredentials>',
    `          <cik>${cik ?? '0000000000'}</cik>${cik === null ? '<!-- PLACEHOLDER: the filer CIK -->' : ''}`,
    `          <ccc>${ccc === null ? 'XXXXXXXX' : xmlText(ccc)}</ccc>${ccc === null ? '<!-- PLACEHOLDER: the filer CCC -->' : ''}`,
    '        </filerCredentials>',
    '      </filer>',
  ];
  if (options.notificationEmail)
    lines.push(
      '      <notifications>',
      `        <notificationEmailAddress>${xmlText(options.notificationEmail)}</notificationEmailAddress>`,
      '      </notifications>',
    );
  lines.push(
    `      <periodOfReport>${period.slice(4, 6)}-${period.slice(6, 8)}-${period.slice(0, 4)}</periodOfReport>`,
    '    </filerInfo>',
    '  </headerData>',
    '  <documents>',
  );
  for (const document of composed.documents) {
    lines.push(
      '    <document>',
      `      <conformedName>${xmlText(document.filename)}</conformedName>`,
      `      <conformedDocumentType>${xmlText(document.type)}</conformedDocumentType>`,
      `      <description>${xmlText(document.description.slice(0, 255))}</description>`,
      `      <contents>${base64(document.bytes, 76)}</contents>`,
      '    </document>',
    );
  }
  lines.push('  </documents>', '</edgarSubmission>');
  return `${lines.join('\n')}\n`;
}
