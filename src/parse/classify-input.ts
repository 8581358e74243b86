/**
 * Tells an EDGAR filing from anything else, from the first bytes of a file: a complete submission, a
 * dissemination (`.nc`) file, a header file, or a bare EDGAR document (a form cover, or EDGAR's document markup
 * such as `<PAGE>`, `<DOCUMENT>`/`<TYPE>`, or an EDGAR XML document) is a filing; a README, a TSV, an index, an
 * EDGAR index web page, an image or random bytes is not, and the reason says what it looks like instead.
 */

import { latin1 } from '../core/bytes.js';

export type InputClass =
  | { readonly filing: true; readonly kind: 'submission' | 'header' | 'document' }
  | { readonly filing: false; readonly reason: string };

/** How much of the start of an input is read to classify it. */
export const CLASSIFY_HEAD_BYTES = 64 * 1024;
/** The first bytes, where a submission's container tag is looked for before the whole head. */
const QUICK_HEAD_BYTES = 1024;

const MAGIC: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (or an Office document)' },
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Office document' },
  // "SQLite format 3\0": never read a database (not even the one being written) as a filing.
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00], what: 'a SQLite database' },
  // Its -wal and -journal files by their magic; a -shm file (and a zeroed journal) starts with NUL bytes: binary.
  { bytes: [0x37, 0x7f, 0x06, 0x82], what: 'a SQLite write-ahead log' },
  { bytes: [0x37, 0x7f, 0x06, 0x83], what: 'a SQLite write-ahead log' },
  { bytes: [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7], what: 'a SQLite rollback journal' },
];

/** SGML container markers of complete submissions, dissemination files and PEM-wrapped filings. */
const CONTAINER = /^[ \t]*(?:<(?:SEC-DOCUMENT|SEC-HEADER|SUBMISSION|IMS-HEADER|IMS-DOCUMENT)>|-----BEGIN PRIVACY-ENHANCED MESSAGE-----)/im;
/** A `<DOCUMENT>` wrapper with its `<TYPE>` line: a document cut out of a submission. */
const DOCUMENT_WRAPPER = /^[ \t]*<DOCUMENT>\s*<TYPE>/im;
/** Header fields of a header file (`.hdr.sgml` or the header of a complete submission saved alone). */
const HEADER_FIELDS = /^\s*(?:ACCESSION NUMBER|CONFORMED SUBMISSION TYPE):/im;
/** EDGAR's XML document roots: ownership (3/4/5), EDGARLink submissions, 13F information tables, XBRL. */
const EDGAR_XML_ROOT =
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w-]+:)?(?:ownershipDocument|edgarSubmission|informationTable|xbrl)\b/;
/** Legacy ASCII document markup: a `<PAGE>` line, or a `<TABLE>` block with `<S>`/`<C>` column markers. */
const LEGACY_MARKUP = /^[ \t]*<PAGE>[ \t]*\r?$|^[ \t]*<TABLE>[^\n]*\n(?:[^\n]*\n){0,40}?[ \t]*<[SC]>/im;
/** A form cover: the Commission's name and a form or schedule named on it. */
const COMMISSION = /SECURITIES\s+AND\s+EXCHANGE\s+COMMISSION/i;
const FORM_NAME =
  /\b(?:FORM|SCHEDULE)\s+(?:\d{1,3}[A-Z]?(?:-[A-Z0-9]{1,4})*|[A-Z]{1,2}-\d{1,2}[A-Z]?|N-[A-Z0-9-]+|1[03]-[KDQ]|20-F|40-F|6-K|8-K|13[DG])\b/i;
/** EDGAR's own web pages about a filing, and its index files: not filings. */
const FILING_INDEX_PAGE = /<title>\s*EDGAR Filing Documents for|id="formDiv"/i;
const INDEX_FILE = /^Description:\s+.*Index|^Form Type\s+Company Name\s+CIK\s+Date Filed|^CIK\|Company Name\|Form Type\|Date Filed/im;

/** Classifies an input from its first bytes (at most CLASSIFY_HEAD_BYTES are read). */
export function classifyInput(bytes: Uint8Array): InputClass {
  const head = bytes.subarray(0, CLASSIFY_HEAD_BYTES);
  for (const { bytes: magic, what } of MAGIC) {
    if (head.length >= magic.length && magic.every((byte, index) => head[index] === byte)) return notFiling(`${what}, not a filing`);
  }
  if (isBinary(head)) return notFiling('binary data, not text');
  // A submission says so in its first line or two: a container tag found in the first kilobyte is found at the same
  // place in the whole head, and the head need not be decoded (64 KiB for each member of a feed archive).
  const start = latin1(head, 0, Math.min(head.length, QUICK_HEAD_BYTES));
  if (start.trim() !== '' && CONTAINER.test(start)) return { filing: true, kind: 'submission' };
  const text = latin1(head);
  if (text.trim() === '') return notFiling(bytes.length === 0 ? 'an empty file' : 'only white space');
  if (CONTAINER.test(text)) return { filing: true, kind: 'submission' };
  if (DOCUMENT_WRAPPER.test(text)) return { filing: true, kind: 'document' };
  if (FILING_INDEX_PAGE.test(text)) return notFiling("an EDGAR filing-index web page (the filing's documents are listed there, not held)");
  if (INDEX_FILE.test(text))
    return notFiling('an EDGAR full-index file (form.idx, company.idx, master.idx): read it with "edgarkit fetch index"');
  if (HEADER_FIELDS.test(text)) return { filing: true, kind: 'header' };
  if (EDGAR_XML_ROOT.test(text)) return { filing: true, kind: 'document' };
  if (LEGACY_MARKUP.test(text)) return { filing: true, kind: 'document' };
  const html = /<(?:html|body)\b/i.test(text) || /^\s*<[a-z!]/i.test(text);
  const words = html ? text.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|&#160;/gi, ' ') : text;
  if (COMMISSION.test(words) && FORM_NAME.test(words)) return { filing: true, kind: 'document' };
  if (/^\s*<\?xml/.test(text)) return notFiling('XML that is not an EDGAR document (no ownership, EDGARLink, 13F or XBRL root)');
  if (html) return notFiling('an HTML page with no EDGAR form cover');
  return notFiling('plain text with no EDGAR markup or form cover');
}

function notFiling(reason: string): InputClass {
  return { filing: false, reason };
}

/** A control character that text does not hold (tab, line breaks, vertical tab, form feed and escape are text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this finds.
const CONTROL = /[\x01-\x08\x0e-\x1a\x1c-\x1f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this counts.
const CONTROLS = /[\x01-\x08\x0e-\x1a\x1c-\x1f]/g;

/**
 * NUL bytes, or many control characters: not text of any encoding EDGAR accepts. The first 8 KiB are searched by
 * native code (one Latin-1 string, a NUL search, one regular expression); a loop over them in JavaScript ran in the
 * interpreter through the first members of an archive whenever the optimiser's thread was slow to compile it (up
 * to 110 ms of a 200 MB tar's parse on a busy machine).
 */
function isBinary(head: Uint8Array): boolean {
  const length = Math.min(head.length, 8192);
  if (length === 0) return false;
  const text = latin1(head, 0, length);
  if (text.indexOf('\0') !== -1) return true;
  if (!CONTROL.test(text)) return false;
  return (text.match(CONTROLS) as RegExpMatchArray).length / length > 0.1;
}
