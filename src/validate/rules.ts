/**
 * The rules `edgarkit validate` checks, with their severity: `error` where EDGAR would suspend the submission,
 * `warning` where the Filer Manual asks for something EDGAR accepts anyway (or where the rule is not confirmed).
 * Sources: SEC, EDGAR Filer Manual Volume II (ASCII and HTML documents, submission structure, file names);
 * SEC, EDGARLink Online XML Technical Specification (conformedName pattern); see ../shared/docs/edgar-formats.md.
 */
export const RULES = {
  'ascii/invalid-character': {
    severity: 'error',
    summary: 'An ASCII document holds a character other than printable ASCII, tab, line feed, carriage return or form feed',
  },
  'ascii/line-too-long': { severity: 'warning', summary: 'A line of an ASCII document is longer than 80 characters (132 inside <TABLE>)' },
  'ascii/unclosed-table': { severity: 'warning', summary: 'A <TABLE> of an ASCII document is never closed' },
  'html/invalid-character': {
    severity: 'error',
    summary: 'An HTML document holds a character outside ASCII that is not written as a character reference',
  },
  'html/script': { severity: 'error', summary: 'An HTML document holds a <script> or a javascript: URL' },
  'html/active-content': {
    severity: 'error',
    summary: 'An HTML document holds active content: an event attribute, an applet, object, embed, frame, form or refresh',
  },
  'html/external-reference': {
    severity: 'error',
    summary: 'An HTML document loads something from outside the submission (image, style sheet, base, CSS url())',
  },
  'html/external-link': { severity: 'warning', summary: 'A hyperlink leaves the submission for a site other than sec.gov' },
  'html/missing-reference': { severity: 'error', summary: 'An image or link names a document the submission does not carry' },
  'html/tag-not-permitted': { severity: 'warning', summary: "A tag outside the Filer Manual's HTML list" },
  'sub/no-documents': { severity: 'error', summary: 'The submission holds no document' },
  'sub/document-count': { severity: 'error', summary: 'PUBLIC DOCUMENT COUNT disagrees with the documents the submission holds' },
  'sub/sequence': { severity: 'error', summary: 'Document sequence numbers are missing, repeated or out of order (they run 1, 2, 3, …)' },
  'sub/missing-type': { severity: 'error', summary: 'A document has no <TYPE>' },
  'sub/primary-type': { severity: 'error', summary: "The first document's type is not the submission type" },
  'sub/type-not-allowed': { severity: 'error', summary: 'A document type that the submission type does not permit' },
  'sub/missing-filename': {
    severity: 'warning',
    summary: 'A document has no <FILENAME> (EDGARLink Online requires one; 1990s filings have none)',
  },
  'sub/filename': {
    severity: 'error',
    summary: "A file name breaks EDGAR's rules (32 characters, letters/digits/._-, permitted extension)",
  },
  'sub/duplicate-filename': { severity: 'error', summary: 'Two documents have the same file name' },
  'sub/empty-document': { severity: 'error', summary: 'A document has nothing in it' },
  'sub/too-large': { severity: 'error', summary: 'The submission is larger than EDGAR accepts' },
  'sub/pdf-only': { severity: 'warning', summary: 'A PDF (an unofficial copy) has no official ASCII or HTML document of the same type' },
  'sub/container': {
    severity: 'warning',
    summary: 'The SGML container was repaired to be read (unclosed document, stray text, bad header line, …)',
  },
  'uu/not-encoded': { severity: 'error', summary: 'A binary document (PDF, image, ZIP) is not uuencoded' },
  'uu/missing-end': { severity: 'error', summary: 'A uuencoded document has no "end" line' },
  'uu/bad-line': {
    severity: 'error',
    summary: 'A uuencoded line is shorter than its length character says, or holds characters outside uuencode',
  },
  'uu/name-mismatch': { severity: 'warning', summary: 'The name on the "begin" line differs from <FILENAME>' },
} as const;

export type RuleCode = keyof typeof RULES;
