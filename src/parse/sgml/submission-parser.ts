import {
  ascii,
  concatBytes,
  indexOfAsciiIgnoreCase,
  indexOfByte,
  indexOfBytes,
  indexOfByteWithin,
  isWhitespaceByte,
  latin1,
  startsWithAsciiIgnoreCase,
} from '../../core/bytes.js';
import { type Diagnostic, diagnostic } from '../../core/diagnostic.js';
import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import type {
  BodyWrapper,
  HeaderNode,
  Submission,
  SubmissionDocument,
  SubmissionFormat,
  SubmissionHeader,
} from '../../model/submission.js';
import { readHeaderLines, readHeaderTags } from './header-tree.js';
import { typeHeader } from './typed-header.js';
import { findUuencodeBegin } from './uudecode.js';
import { readWholeNumber } from './whole-number.js';

/** Options of the parser: strict mode, the source name for messages, and the header size limit. */
export interface SubmissionParserOptions {
  /** Fail on the first repaired problem with `file:line:col: message` instead of returning diagnostics. */
  readonly strict?: boolean;
  /** A name for the input in error messages (usually its path). */
  readonly source?: string;
  /** A header larger than this is cut off and reported (default 64 MiB); headers of real filings are far smaller. */
  readonly maxHeaderBytes?: number;
}

// Markers searched with the native byte scan.
const TEXT_CLOSE = ascii('</TEXT>');
// Node's byte search is many times faster for a short needle (under 7 bytes: a memchr for its first byte) whose first
// byte is uncommon in bodies than for `DOCUMENT>` itself: bodies are scanned for `UMENT>` (a capital U is rarer in
// filings than the M of `MENT>`, 14 GB/s against 3 on the corpus) and the match is checked backwards.
const UMENT_GT = ascii('UMENT>');
const DOCUMENT_OPEN = ascii('<DOCUMENT>');
const SUBMISSION_CLOSE = ascii('</SUBMISSION>');
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const LESS_THAN = 0x3c;
const GREATER_THAN = 0x3e;
const SLASH = 0x2f;

const PEM_BEGIN = '-----BEGIN PRIVACY-ENHANCED MESSAGE-----';
const PEM_END = '-----END PRIVACY-ENHANCED MESSAGE-----';
/** Bytes needed to tell which opening tag or envelope a submission starts with. */
const LOOKAHEAD = PEM_BEGIN.length;
const EMPTY = new Uint8Array(0);
/** A bounded search over at most this many bytes runs as a loop (a native call and a view cost more). */
const SHORT_RANGE = 256;
/** Bytes kept back when a body is flushed, so a marker split across two chunks is still found. */
const MARKER_MARGIN = 64;
/** A `<DOCUMENT>` preamble longer than this has lost its `<TEXT>`. */
const MAX_META_BYTES = 64 * 1024;
/** The longest `<SEC-DOCUMENT>`/`<SEC-HEADER>` line read as one (real ones are under 60 bytes). */
const MAX_ENVELOPE_LINE = 4096;
/** The longest privacy-enhanced-message preamble (key lines) looked through for the submission. */
const MAX_ENVELOPE = 64 * 1024;
/** Bytes past the preamble window that its last tag may be checked against (`</SEC-DOCUMENT>`, CRLF after `<TEXT>`). */
const META_LOOKAHEAD = 16;

// Parser states, as small integers in one loop (the style of htmlparser2's tokenizer).
const START = 0;
const HEADER = 1;
const DISSEMINATION_HEADER = 2;
const BETWEEN_DOCUMENTS = 3;
const DOCUMENT_META = 4;
const BODY = 5;
const AFTER_BODY = 6;
const BARE = 7;
const DONE = 8;
type State = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

interface ByteSearch {
  /** The search started here (absolute); -1 before the first. */
  from: number;
  /** What it found (absolute), or -1. */
  at: number;
  /** The end of the input when it ran: with `at` -1, no such byte is in [from, scannedTo). */
  scannedTo: number;
}

interface OpenDocument {
  start: number;
  fields: { key: string; value: string }[];
  bodyStart: number;
  bodyEnd: number;
}

/**
 * A push parser for one EDGAR submission: complete submission `.txt` (any era, PEM envelope or not),
 * dissemination `.nc`, header-only `.hdr.sgml`, documents without a header, or a bare document.
 *
 * Feed it bytes in chunks of any size with `write()`, then call `end()`; the result is the same whatever the
 * chunking. Boundaries are found with native byte search, text is decoded only for the header and the
 * document preambles, and bodies stay bytes (views of the input when it came in one chunk).
 */
export class SubmissionParser {
  readonly #options: SubmissionParserOptions;
  readonly #diagnostics: Diagnostic[] = [];

  // The unconsumed input: `#data[0]` is absolute offset `#base`; valid bytes end at `#length` (relative).
  #data: Uint8Array = EMPTY;
  /** `#data[0, #length)`: what searches may see (never the unused capacity past it), made once per append. */
  #haystack: Uint8Array = EMPTY;
  #owned = false;
  #base = 0;
  #length = 0;
  /** Absolute offset of the next unread byte. */
  #cursor = 0;
  /** Absolute offset before which no byte is needed any more. */
  #keepFrom = 0;

  #state: State = START;
  #format: SubmissionFormat | null = null;
  #privacyEnhanced = false;
  #envelopeNodes: HeaderNode[] = [];
  #headerTree: HeaderNode[] | null = null;
  #headerStart = 0;
  /** The byte before the header (-1 for none), kept because the buffer may have let it go by the header's end. */
  #headerPrecedingByte = -1;
  #headerOpener = 'SEC-HEADER';
  /** False for a header saved without its `<SEC-HEADER>` line: then the end of input is its natural end. */
  #headerHasOpener = true;
  #documents: SubmissionDocument[] = [];
  #open: OpenDocument | null = null;
  #bodyParts: Uint8Array[] = [];
  /** Absolute offset from which the current body is still in `#data` (earlier parts were flushed). */
  #bodyPartStart = 0;
  #scanFrom = 0;
  #strayReported = false;
  /** Inside stray content between documents, looking for the next `<DOCUMENT>` at a line start. */
  #inStray = false;
  /** Inside the `-----END PRIVACY-ENHANCED MESSAGE-----` line. */
  #inPemEnd = false;
  // The preamble of the open document read so far: its fields, its findings (reported once it is complete) and
  // where reading resumes.
  #metaFields: { key: string; value: string }[] = [];
  #metaFindings: Diagnostic[] = [];
  #metaAt = 0;
  #ended = false;

  constructor(options: SubmissionParserOptions = {}) {
    this.#options = options;
  }

  write(chunk: Uint8Array): void {
    if (this.#ended) throw new Error('SubmissionParser.write() called after end()');
    if (chunk.length === 0) return;
    this.#append(chunk);
    this.#pump(false);
  }

  end(): Submission {
    if (this.#ended) throw new Error('SubmissionParser.end() called twice');
    this.#ended = true;
    this.#pump(true);
    return this.#finish();
  }

  /**
   * Bytes of input the parser holds on to, not counting document bodies already handed out: what a stream costs
   * beyond its documents. It stays near the largest of a chunk, a preamble window and a body part (1 MiB).
   */
  get bufferedBytes(): number {
    const keepFrom = this.#options.strict ? this.#base : Math.min(this.#keepFrom, this.#cursor);
    return this.#length - Math.max(0, keepFrom - this.#base);
  }

  // ---- input buffer ----------------------------------------------------------------------------------------

  #append(chunk: Uint8Array): void {
    if (this.#length === 0 && !this.#owned) {
      // First chunk: borrow it, so a whole-file parse never copies.
      // A plain Uint8Array view: its subarrays are much cheaper to make than Buffer slices.
      this.#data = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      this.#length = chunk.length;
      this.#haystack = this.#data;
      return;
    }
    const keepFrom = this.#options.strict ? this.#base : Math.min(this.#keepFrom, this.#cursor);
    const keepRelative = keepFrom - this.#base;
    const live = this.#length - keepRelative;
    if (this.#owned && this.#length + chunk.length <= this.#data.length) {
      this.#data.set(chunk, this.#length);
      this.#length += chunk.length;
      this.#haystack = this.#data.subarray(0, this.#length);
      return;
    }
    // Grow into a new buffer; never move bytes inside the old one, since documents may hold views of it.
    const capacity = Math.max(64 * 1024, (live + chunk.length) * 2);
    const next = new Uint8Array(capacity);
    next.set(this.#data.subarray(keepRelative, this.#length), 0);
    next.set(chunk, live);
    this.#data = next;
    this.#owned = true;
    this.#base = keepFrom;
    this.#length = live + chunk.length;
    this.#haystack = this.#data.subarray(0, this.#length);
  }

  /** Absolute end of the bytes received so far. */
  get #end(): number {
    return this.#base + this.#length;
  }

  #byte(absolute: number): number {
    return this.#data[absolute - this.#base] ?? -1;
  }

  /** Absolute offset of `needle` wholly inside [from, to), or -1. */
  #find(needle: Uint8Array, fromAbsolute: number, toAbsolute = this.#end): number {
    const from = Math.max(0, fromAbsolute - this.#base);
    if (toAbsolute < this.#end) {
      // The native search has no end bound: a search for a marker that is not in a short range would otherwise
      // read on to the end of the input (a second scan of every later body).
      const to = toAbsolute - this.#base;
      if (to - from < needle.length) return -1;
      if (to - from <= SHORT_RANGE) {
        const at = indexWithin(this.#haystack, needle, from, to);
        return at === -1 ? -1 : at + this.#base;
      }
      const within = indexOfBytes(this.#haystack.subarray(from, to), needle);
      return within === -1 ? -1 : within + from + this.#base;
    }
    const at = indexOfBytes(this.#haystack, needle, from);
    if (at === -1 || at + needle.length > toAbsolute - this.#base) return -1;
    return at + this.#base;
  }

  #startsWith(absolute: number, text: string): boolean {
    const at = absolute - this.#base;
    if (at < 0 || at + text.length > this.#length) return false;
    return startsWithAsciiIgnoreCase(this.#data, at, text);
  }

  #view(startAbsolute: number, endAbsolute: number): Uint8Array {
    return this.#data.subarray(startAbsolute - this.#base, endAbsolute - this.#base);
  }

  #report(code: string, severity: Diagnostic['severity'], message: string, offset: number): void {
    this.#diagnostics.push(diagnostic(code, severity, message, offset));
  }

  /**
   * Absolute offset of the end of the line that starts at or after `from`, or -1 when it is not complete yet.
   * A line ends at LF, at CRLF (the offset of the LF) or at a bare CR (dissemination files of some filer agents
   * have no LF at all). A CR that is the last byte received may yet be followed by its LF, so it is not an end.
   */
  #lineEnd(from: number): number {
    const lf = this.#nextByte(this.#lf, NEWLINE, from);
    // Only a CR before the LF matters: the search for it stops there, so a file of LF lines is not scanned for CR to
    // its end.
    const cr = this.#nextByte(this.#cr, CARRIAGE_RETURN, from, lf === -1 ? this.#end : lf);
    if (cr === -1 || (lf !== -1 && lf < cr)) return lf;
    if (cr + 1 >= this.#end) return -1;
    return this.#byte(cr + 1) === NEWLINE ? cr + 1 : cr;
  }

  /**
   * The end of an envelope line (`<SEC-DOCUMENT>…`) that starts at `at`, or -1 to wait for input. Such a line
   * is short; one longer than `MAX_ENVELOPE_LINE` is cut there, so a stream never waits on it without end.
   */
  #boundedLineEnd(at: number, final: boolean): number {
    const limit = at + MAX_ENVELOPE_LINE;
    let lineEnd = this.#lineEnd(at);
    // A tag after the value on the same line starts the next line (a file with no line ends at all).
    const valueStart = this.#nextByte(this.#gt, GREATER_THAN, at) + 1;
    const stop = lineEnd === -1 ? Math.min(this.#end, limit) : Math.min(lineEnd, limit);
    for (let next = valueStart; next > 0 && next < stop; next++) {
      if (this.#byte(next) === LESS_THAN) {
        lineEnd = next;
        break;
      }
    }
    if (lineEnd !== -1 && lineEnd <= limit) return lineEnd;
    if (this.#end > limit) return limit;
    return final ? this.#end : -1;
  }

  // Where the last searches for LF and CR left off. Without them every tag of a file with no LF would scan to the
  // end of the input again (quadratic): a search from inside a range already searched reuses its answer.
  readonly #lf: ByteSearch = { from: -1, at: -1, scannedTo: -1 };
  readonly #cr: ByteSearch = { from: -1, at: -1, scannedTo: -1 };
  readonly #gt: ByteSearch = { from: -1, at: -1, scannedTo: -1 };

  /** Absolute offset of the first `value` in [from, limit) of the bytes received so far, or -1. */
  #nextByte(search: ByteSearch, value: number, from: number, limit = this.#end): number {
    let scanFrom = from;
    if (search.from !== -1 && from >= search.from) {
      if (search.at !== -1) {
        if (from <= search.at) return search.at < limit ? search.at : -1;
      } else if (from <= search.scannedTo) {
        if (search.scannedTo >= limit) return -1;
        scanFrom = search.scannedTo;
      }
    }
    const relativeFrom = Math.max(0, scanFrom - this.#base);
    const found =
      limit >= this.#end
        ? indexOfByte(this.#haystack, value, relativeFrom)
        : indexOfByteWithin(this.#haystack, value, relativeFrom, limit - this.#base);
    if (scanFrom === from) search.from = from;
    search.at = found === -1 ? -1 : found + this.#base;
    // With nothing found, [search.from, scannedTo) is known to hold no such byte.
    search.scannedTo = Math.min(limit, this.#end);
    return search.at;
  }

  // ---- the state loop ----------------------------------------------------------------------------------------

  #pump(final: boolean): void {
    let progressed = true;
    while (progressed && this.#state !== DONE) {
      switch (this.#state) {
        case START:
          progressed = this.#readStart(final);
          break;
        case HEADER:
          progressed = this.#readHeader(final);
          break;
        case DISSEMINATION_HEADER:
          progressed = this.#readDisseminationHeader(final);
          break;
        case BETWEEN_DOCUMENTS:
          progressed = this.#readBetweenDocuments(final);
          break;
        case DOCUMENT_META:
          progressed = this.#readDocumentMeta(final);
          break;
        case BODY:
          progressed = this.#readBody(final);
          break;
        case AFTER_BODY:
          progressed = this.#readAfterBody(final);
          break;
        case BARE:
          progressed = this.#readBare(final);
          break;
      }
    }
    if (
      this.#state !== START &&
      this.#state !== HEADER &&
      this.#state !== DISSEMINATION_HEADER &&
      this.#state !== DOCUMENT_META &&
      this.#state !== BODY &&
      this.#state !== BARE
    ) {
      this.#keepFrom = this.#cursor;
    }
  }

  #skipWhitespace(): void {
    while (this.#cursor < this.#end && isWhitespaceByte(this.#byte(this.#cursor))) this.#cursor++;
  }

  /**
   * Before anything: an envelope or an opening tag decides the format.
   * > | -----BEGIN PRIVACY-ENHANCED MESSAGE-----
   * > | <SEC-DOCUMENT>0001011438-98-000429.txt : 19990101
   *     ^
   * One state of the parser's state machine: it decides what the input starts with (envelope, `<SEC-DOCUMENT>`,
   * header, bare document) and sets `#state` and `#cursor` for each case; split, every case would need both.
   */
  #readStart(final: boolean): boolean {
    // A byte-order mark is not content.
    if (this.#cursor === 0 && this.#byte(0) === 0xef && this.#byte(1) === 0xbb && this.#byte(2) === 0xbf) this.#cursor = 3;
    this.#skipWhitespace();
    if (this.#end - this.#cursor < LOOKAHEAD && !final) return false;
    const at = this.#cursor;
    if (at >= this.#end) {
      this.#state = DONE;
      return true;
    }
    if (this.#startsWith(at, PEM_BEGIN)) {
      // The envelope's key lines run to a blank line; the submission starts at the next line that opens a tag.
      const afterLf = this.#find(ascii('\n<'), at, at + MAX_ENVELOPE);
      const afterCr = this.#find(ascii('\r<'), at, at + MAX_ENVELOPE);
      const tagLine = afterLf === -1 || (afterCr !== -1 && afterCr < afterLf) ? afterCr : afterLf;
      if (tagLine === -1) {
        if (!final && this.#end < at + MAX_ENVELOPE) return false;
        this.#report('sgml/no-content', 'error', 'The privacy-enhanced message envelope holds no submission', at);
        this.#cursor = this.#end;
        this.#state = DONE;
        return true;
      }
      this.#privacyEnhanced = true;
      this.#cursor = tagLine + 1;
      return true;
    }
    for (const opener of ['SEC-DOCUMENT', 'IMS-DOCUMENT'] as const) {
      if (this.#startsWith(at, `<${opener}>`)) {
        const end = this.#boundedLineEnd(at, final);
        if (end === -1) return false;
        this.#envelopeNodes.push({ key: opener, value: this.#text(at + opener.length + 2, end).trim(), children: [], offset: at });
        this.#format = 'complete-submission';
        this.#cursor = end;
        return true;
      }
    }
    for (const opener of ['SEC-HEADER', 'IMS-HEADER'] as const) {
      if (this.#startsWith(at, `<${opener}>`)) {
        const end = this.#boundedLineEnd(at, final);
        if (end === -1) return false;
        this.#envelopeNodes.push({ key: opener, value: this.#text(at + opener.length + 2, end).trim(), children: [], offset: at });
        this.#format ??= 'complete-submission';
        this.#headerOpener = opener;
        this.#headerStart = end;
        this.#headerPrecedingByte = this.#byte(end - 1);
        this.#keepFrom = end;
        this.#cursor = end;
        this.#state = HEADER;
        return true;
      }
    }
    if (this.#startsWith(at, '<SUBMISSION>')) {
      this.#format = 'dissemination';
      this.#headerStart = at + '<SUBMISSION>'.length;
      this.#keepFrom = this.#headerStart;
      this.#cursor = this.#headerStart;
      this.#state = DISSEMINATION_HEADER;
      return true;
    }
    if (this.#startsWith(at, '<DOCUMENT>')) {
      this.#format ??= 'documents-only';
      this.#state = BETWEEN_DOCUMENTS;
      return true;
    }
    if (
      this.#startsWith(at, '<ACCEPTANCE-DATETIME>') ||
      this.#startsWith(at, '<PRIVATE-TO-PUBLIC>') ||
      this.#startsWith(at, 'ACCESSION NUMBER:')
    ) {
      // A header saved without its <SEC-HEADER> line (as EDGAR's header pages show it).
      this.#format ??= 'complete-submission';
      this.#headerHasOpener = false;
      this.#headerStart = at;
      this.#headerPrecedingByte = this.#byte(at - 1);
      this.#keepFrom = at;
      this.#state = HEADER;
      return true;
    }
    if (this.#format !== null) {
      // An envelope line was seen, then something unexpected: go looking for documents.
      this.#state = BETWEEN_DOCUMENTS;
      return true;
    }
    // No SGML container at all: the whole input is one document (like the seed, a primary document on its own).
    this.#format = 'bare-document';
    this.#open = { start: 0, fields: [], bodyStart: 0, bodyEnd: 0 };
    this.#bodyPartStart = 0;
    this.#keepFrom = 0;
    this.#state = BARE;
    return true;
  }

  /**
   * The `KEY:<tabs>value` header, up to its closing tag.
   * > | FILED AS OF DATE:		19981231
   * > | </SEC-HEADER>
   *     ^
   */
  #readHeader(final: boolean): boolean {
    const closeTag = ascii(`</${this.#headerOpener}>`);
    const searchFrom = Math.max(this.#headerStart, this.#scanFrom);
    // The header must end by `cap`; what lies beyond is judged the same whole or chunked.
    const maxHeader = this.#options.maxHeaderBytes ?? 64 * 1024 * 1024;
    const cap = this.#headerStart + maxHeader;
    let closeAt = this.#find(closeTag, searchFrom);
    if (closeAt > cap) closeAt = -1;
    let documentAt = this.#findDocumentAtLineStart(searchFrom, closeAt === -1 ? this.#end : closeAt);
    if (documentAt > cap) documentAt = -1;
    let headerEnd: number;
    let resumeAt: number;
    if (documentAt !== -1) {
      // Repair: a missing close tag (or a lower-case one) before the first document.
      const lowerClose = indexOfAsciiIgnoreCase(
        this.#data.subarray(0, this.#length),
        `</${this.#headerOpener}>`,
        this.#headerStart - this.#base,
        documentAt - this.#base,
      );
      if (lowerClose !== -1) {
        headerEnd = lowerClose + this.#base;
        this.#report('sgml/lowercase-tag', 'warning', `Read "</${this.#headerOpener}>" written in another letter case`, headerEnd);
      } else {
        headerEnd = documentAt;
        this.#report(
          'sgml/unclosed-header',
          'warning',
          `The header has no "</${this.#headerOpener}>"; it was ended at the first <DOCUMENT>`,
          documentAt,
        );
      }
      resumeAt = documentAt;
    } else if (closeAt !== -1) {
      headerEnd = closeAt;
      resumeAt = closeAt + closeTag.length;
    } else if (this.#end >= cap + MARKER_MARGIN) {
      this.#report(
        'sgml/header-too-large',
        'error',
        `The header is larger than ${maxHeader} bytes; the rest was skipped`,
        this.#headerStart,
      );
      headerEnd = cap;
      resumeAt = cap;
    } else if (!final) {
      this.#scanFrom = Math.max(this.#headerStart, this.#end - MARKER_MARGIN);
      return false;
    } else {
      const lowerClose = indexOfAsciiIgnoreCase(
        this.#data.subarray(0, this.#length),
        `</${this.#headerOpener}>`,
        this.#headerStart - this.#base,
      );
      if (lowerClose !== -1) {
        headerEnd = lowerClose + this.#base;
        resumeAt = headerEnd + closeTag.length;
        this.#report('sgml/lowercase-tag', 'warning', `Read "</${this.#headerOpener}>" written in another letter case`, headerEnd);
      } else {
        headerEnd = this.#end;
        resumeAt = this.#end;
        if (this.#headerHasOpener) {
          this.#report('sgml/truncated', 'error', `The input ends inside the header (no "</${this.#headerOpener}>")`, this.#end);
        }
      }
    }
    this.#headerTree = readHeaderLines(
      this.#data,
      this.#headerStart - this.#base,
      headerEnd - this.#base,
      this.#diagnostics,
      this.#base,
      this.#headerPrecedingByte,
    );
    this.#cursor = resumeAt;
    this.#scanFrom = 0;
    this.#state = BETWEEN_DOCUMENTS;
    return true;
  }

  /**
   * The nested tags of a dissemination header, up to the first document.
   * > | <FILING-DATE>20010102
   * > | <DOCUMENT>
   *     ^
   */
  #readDisseminationHeader(final: boolean): boolean {
    const searchFrom = Math.max(this.#headerStart, this.#scanFrom);
    const maxHeader = this.#options.maxHeaderBytes ?? 64 * 1024 * 1024;
    const cap = this.#headerStart + maxHeader;
    let documentAt = this.#find(DOCUMENT_OPEN, searchFrom);
    if (documentAt > cap) documentAt = -1;
    let closeAt = this.#find(SUBMISSION_CLOSE, searchFrom, documentAt === -1 ? this.#end : documentAt);
    if (closeAt > cap) closeAt = -1;
    let headerEnd: number;
    if (closeAt !== -1) headerEnd = closeAt;
    else if (documentAt !== -1) headerEnd = documentAt;
    else if (this.#end >= cap + MARKER_MARGIN) {
      // A stream must not hold a header without end; the rest is read as stray content.
      this.#report(
        'sgml/header-too-large',
        'error',
        `The header is larger than ${maxHeader} bytes; the rest was skipped`,
        this.#headerStart,
      );
      headerEnd = cap;
    } else if (!final) {
      this.#scanFrom = Math.max(this.#headerStart, this.#end - MARKER_MARGIN);
      return false;
    } else {
      headerEnd = this.#end;
      this.#report('sgml/truncated', 'error', 'The input ends inside the <SUBMISSION> header', this.#end);
    }
    this.#headerTree = readHeaderTags(this.#data, this.#headerStart - this.#base, headerEnd - this.#base, this.#diagnostics, this.#base);
    this.#cursor = headerEnd;
    this.#scanFrom = 0;
    this.#state = BETWEEN_DOCUMENTS;
    return true;
  }

  /** A `<DOCUMENT>` that opens a line (so one quoted inside running text is not taken for a boundary). */
  #findDocumentAtLineStart(from: number, to: number): number {
    let at = this.#find(DOCUMENT_OPEN, from, to);
    while (at !== -1) {
      // At the header's first byte, the byte before is the one kept when the header began: the buffer may have let
      // it go since (a header that starts on a tag, after an envelope line cut at its limit).
      const before = this.#state === HEADER && at === this.#headerStart ? this.#headerPrecedingByte : this.#byte(at - 1);
      if (at === 0 || before === NEWLINE || before === CARRIAGE_RETURN || before === GREATER_THAN) return at;
      at = this.#find(DOCUMENT_OPEN, at + 1, to);
    }
    return -1;
  }

  /**
   * Between documents: the next `<DOCUMENT>`, or the closing tags of the container.
   * > | </DOCUMENT>
   * > | <DOCUMENT>
   *     ^
   */
  #readBetweenDocuments(final: boolean): boolean {
    if (this.#inStray) return this.#skipStray(this.#cursor, final);
    if (this.#inPemEnd) return this.#skipPemEnd(this.#cursor, final);
    this.#skipWhitespace();
    const at = this.#cursor;
    if (at >= this.#end) {
      if (final) this.#state = DONE;
      return final;
    }
    if (this.#end - at < LOOKAHEAD && !final) return false;
    if (this.#byte(at) === LESS_THAN) {
      if (this.#startsWith(at, '<DOCUMENT>')) {
        this.#open = { start: at, fields: [], bodyStart: -1, bodyEnd: -1 };
        this.#cursor = at + '<DOCUMENT>'.length;
        this.#metaFields = [];
        this.#metaFindings = [];
        this.#metaAt = this.#cursor;
        this.#keepFrom = this.#cursor;
        this.#state = DOCUMENT_META;
        return true;
      }
      for (const closing of ['</SEC-DOCUMENT>', '</IMS-DOCUMENT>', '</SUBMISSION>']) {
        if (this.#startsWith(at, closing)) {
          this.#cursor = at + closing.length;
          return true;
        }
      }
      if (this.#startsWith(at, '</DOCUMENT>')) {
        this.#report('sgml/stray-close-tag', 'warning', 'Ignored a "</DOCUMENT>" with no open document', at);
        this.#cursor = at + '</DOCUMENT>'.length;
        return true;
      }
    }
    if (this.#startsWith(at, PEM_END)) {
      this.#inPemEnd = true;
      return this.#skipPemEnd(at, final);
    }
    // Stray content: skip to the next document, saying so once.
    if (!this.#strayReported) {
      this.#report('sgml/stray-content', 'warning', 'Skipped text outside any <DOCUMENT>', at);
      this.#strayReported = true;
    }
    this.#inStray = true;
    return this.#skipStray(at, final);
  }

  /** The envelope's end line, from `at` to its line end (which may come in a later chunk). */
  #skipPemEnd(at: number, final: boolean): boolean {
    const lineEnd = this.#lineEnd(at);
    if (lineEnd !== -1) {
      this.#inPemEnd = false;
      this.#cursor = lineEnd + 1;
      return true;
    }
    if (final) {
      this.#inPemEnd = false;
      this.#cursor = this.#end;
      return true;
    }
    // Nothing of the line is kept but a last CR, whose LF may be next.
    this.#cursor = Math.max(at, this.#byte(this.#end - 1) === CARRIAGE_RETURN ? this.#end - 1 : this.#end);
    return false;
  }

  /**
   * Stray text from `at`: on to the next `<DOCUMENT>` that opens a line. Waiting for input does not end the skip
   * (a chunk boundary inside the text must not make a mid-line tag look like the start of a document).
   */
  #skipStray(at: number, final: boolean): boolean {
    const next = this.#findDocumentAtLineStart(at + 1, this.#end);
    if (next !== -1) {
      this.#inStray = false;
      this.#cursor = next;
      return true;
    }
    if (final) {
      this.#inStray = false;
      this.#cursor = this.#end;
      this.#state = DONE;
      return true;
    }
    // Keep a margin in case "<DOCUMENT>" (and the byte before it) is split across chunks; every match starting
    // before the new cursor lies wholly within what was searched.
    this.#cursor = Math.max(at, this.#end - MARKER_MARGIN);
    return false;
  }

  /**
   * The `<TYPE>`, `<SEQUENCE>`, `<FILENAME>`, `<DESCRIPTION>` … fields up to `<TEXT>`.
   * > | <TYPE>8-K
   * > | <TEXT>
   *     ^
   *
   * The preamble is read only within its first `MAX_META_BYTES`, and every decision depends only on the bytes
   * there (plus a few of look-ahead) and on whether the input goes on past them: so a whole parse and any
   * chunking agree, and a stream never holds more than the window. Fields already read are kept between calls.
   * One loop over the fields, kept whole because every exit (wait for input, close at the window, close without text,
   * reach `<TEXT>`) must record `#metaAt` and the findings the same way through `#keepMetaFindings` and `#metaIncomplete`; split, each
   * part would repeat that.
   */
  #readDocumentMeta(final: boolean): boolean {
    const open = this.#open as OpenDocument;
    const fields = this.#metaFields;
    const limit = this.#cursor + MAX_META_BYTES;
    // Enough input has arrived to decide everything inside the window, whatever comes later.
    const windowFull = this.#end >= limit + META_LOOKAHEAD;
    // The input ends before the window does: read to its end.
    const shortFinal = final && !windowFull;
    const end = shortFinal ? this.#end : Math.min(this.#end, limit);
    let at = this.#metaAt;
    for (;;) {
      while (at < end && isWhitespaceByte(this.#byte(at))) at++;
      if (at >= end || (this.#end - at < 16 && !final)) {
        if (!shortFinal) return this.#metaIncomplete(at, windowFull);
        this.#keepMetaFindings();
        this.#report('sgml/truncated', 'error', 'The input ends inside a <DOCUMENT> before its <TEXT>', this.#end);
        return this.#closeDocumentWithoutBody(fields, this.#end, this.#end);
      }
      if (this.#byte(at) !== LESS_THAN) {
        // Text before <TEXT> that is not a field: keep it as an unnamed field rather than lose it.
        let lineEnd = this.#lineEnd(at);
        if (lineEnd === -1 || lineEnd >= end) {
          if (!shortFinal) return this.#metaIncomplete(at, windowFull);
          lineEnd = lineEnd === -1 ? this.#end : lineEnd;
        }
        this.#metaFindings.push(
          diagnostic('sgml/stray-content', 'warning', 'Kept a line between <DOCUMENT> and <TEXT> that is not a <TAG>', at),
        );
        fields.push({ key: '', value: this.#text(at, lineEnd).trim() });
        at = lineEnd;
        continue;
      }
      // Which tag this is, told by its second byte before any comparison of the whole tag.
      const second = this.#byte(at + 1) | 0x20;
      if (second === 0x74 /* t */ && this.#startsWith(at, '<TEXT>')) {
        let bodyStart = at + '<TEXT>'.length;
        if (!final && this.#end - bodyStart < 2) return this.#metaIncomplete(at, windowFull);
        if (this.#byte(bodyStart) === CARRIAGE_RETURN && this.#byte(bodyStart + 1) === NEWLINE) bodyStart += 2;
        else if (this.#byte(bodyStart) === NEWLINE) bodyStart += 1;
        if (!this.#byteIsUpperCase(at + 1))
          this.#metaFindings.push(diagnostic('sgml/lowercase-tag', 'warning', 'Read "<TEXT>" written in another letter case', at));
        this.#keepMetaFindings();
        open.fields = fields;
        open.bodyStart = bodyStart;
        this.#bodyParts = [];
        this.#bodyPartStart = bodyStart;
        this.#scanFrom = bodyStart;
        this.#cursor = bodyStart;
        this.#keepFrom = bodyStart;
        this.#state = BODY;
        return true;
      }
      if (second === 0x2f /* / */ && this.#startsWith(at, '</DOCUMENT>')) {
        this.#keepMetaFindings();
        this.#report('sgml/missing-text', 'warning', 'A <DOCUMENT> has no <TEXT>', at);
        return this.#closeDocumentWithoutBody(fields, at, at + '</DOCUMENT>'.length);
      }
      if (
        (second === 0x64 /* d */ && this.#startsWith(at, '<DOCUMENT>')) ||
        (second === 0x2f && (this.#startsWith(at, '</SEC-DOCUMENT>') || this.#startsWith(at, '</SUBMISSION>')))
      ) {
        this.#keepMetaFindings();
        this.#report('sgml/unclosed-document', 'warning', 'A <DOCUMENT> has no <TEXT> and no </DOCUMENT>', at);
        return this.#closeDocumentWithoutBody(fields, at, at);
      }
      let close = this.#nextByte(this.#gt, GREATER_THAN, at);
      if (close >= end) close = -1;
      let lineEnd = this.#lineEnd(at);
      if (lineEnd >= end) lineEnd = -1;
      if (close === -1 || (lineEnd !== -1 && close > lineEnd)) {
        if (lineEnd === -1) {
          if (!shortFinal) return this.#metaIncomplete(at, windowFull);
          lineEnd = this.#end;
        }
        this.#metaFindings.push(diagnostic('sgml/unclosed-tag', 'warning', 'Kept a broken tag line between <DOCUMENT> and <TEXT>', at));
        fields.push({ key: '', value: this.#text(at, lineEnd).trim() });
        at = lineEnd;
        continue;
      }
      // The value runs to the end of the line or the next tag (dissemination files put several on a line).
      let valueEnd = close + 1;
      while (valueEnd < end) {
        const byte = this.#byte(valueEnd);
        if (byte === NEWLINE || byte === CARRIAGE_RETURN || byte === LESS_THAN) break;
        valueEnd++;
      }
      if (valueEnd >= end && !shortFinal) return this.#metaIncomplete(at, windowFull);
      fields.push({ key: this.#text(at + 1, close).trim(), value: this.#text(close + 1, valueEnd).trim() });
      at = valueEnd;
    }
  }

  /** The preamble's findings, reported once the preamble is read (a wait for input must not report them twice). */
  #keepMetaFindings(): void {
    if (this.#metaFindings.length === 0) return;
    this.#diagnostics.push(...this.#metaFindings);
    this.#metaFindings = [];
  }

  /** A field does not end inside the window: wait for input, or (window full) close the document here. */
  #metaIncomplete(at: number, windowFull: boolean): boolean {
    this.#metaAt = at;
    if (!windowFull) return false;
    this.#keepMetaFindings();
    return this.#metaWithoutText(this.#metaFields, at);
  }

  /** Latin-1 text of [start, end) (absolute), with no view made for it. */
  #text(startAbsolute: number, endAbsolute: number): string {
    return latin1(this.#data, startAbsolute - this.#base, endAbsolute - this.#base);
  }

  #byteIsUpperCase(absolute: number): boolean {
    const byte = this.#byte(absolute);
    return byte >= 0x41 && byte <= 0x5a;
  }

  #metaWithoutText(fields: { key: string; value: string }[], at: number): boolean {
    this.#report('sgml/missing-text', 'error', `No <TEXT> within ${MAX_META_BYTES} bytes of <DOCUMENT>`, at);
    return this.#closeDocumentWithoutBody(fields, at, at);
  }

  #closeDocumentWithoutBody(fields: { key: string; value: string }[], bodyAt: number, resumeAt: number): boolean {
    const open = this.#open as OpenDocument;
    open.fields = fields;
    open.bodyStart = bodyAt;
    open.bodyEnd = bodyAt;
    this.#bodyParts = [];
    this.#bodyPartStart = bodyAt;
    this.#finishDocument(resumeAt, new Uint8Array(0));
    this.#cursor = resumeAt;
    this.#state = BETWEEN_DOCUMENTS;
    return true;
  }

  /**
   * The body, up to `</TEXT>`; a container tag met first means `</TEXT>` is missing.
   * > | </TABLE>
   * > | </TEXT>
   *     ^
   */
  #readBody(final: boolean): boolean {
    // One scan for the next container tag; `</TEXT>` is then looked for just before it. A body is scanned once.
    const boundary = this.#findContainerTag(this.#scanFrom, this.#end);
    if (boundary !== -1 || final) this.#rejoinBody();
    const open = this.#open as OpenDocument;
    if (boundary !== -1) {
      const tailFrom = Math.max(this.#bodyPartStart, boundary - MARKER_MARGIN);
      let textClose = this.#findLast(TEXT_CLOSE, tailFrom, boundary);
      // Rare: more than a margin of junk between </TEXT> and the next tag.
      if (textClose === -1) textClose = this.#findLast(TEXT_CLOSE, this.#bodyPartStart, boundary);
      if (textClose !== -1) {
        this.#pendingBody = this.#takeBody(textClose);
        open.bodyEnd = textClose;
        this.#cursor = textClose + TEXT_CLOSE.length;
        this.#state = AFTER_BODY;
        return true;
      }
      // `</TEXT>` is missing, or written in another letter case.
      const lower = indexOfAsciiIgnoreCase(this.#data.subarray(0, this.#length), '</TEXT>', tailFrom - this.#base, boundary - this.#base);
      let bodyEnd = boundary;
      if (lower !== -1) {
        bodyEnd = lower + this.#base;
        this.#report('sgml/lowercase-tag', 'warning', 'Read "</TEXT>" written in another letter case', bodyEnd);
      } else {
        this.#report('sgml/unclosed-text', 'warning', 'A document body has no "</TEXT>"; it was ended at the next container tag', boundary);
      }
      this.#pendingBody = this.#takeBody(bodyEnd);
      open.bodyEnd = bodyEnd;
      this.#cursor = lower !== -1 ? bodyEnd + TEXT_CLOSE.length : boundary;
      this.#state = AFTER_BODY;
      return true;
    }
    if (final) {
      let bodyEnd = this.#findLast(TEXT_CLOSE, this.#bodyPartStart, this.#end);
      if (bodyEnd !== -1 && this.#trimTrailingClosers(this.#end) <= bodyEnd + TEXT_CLOSE.length + 2) {
        // `</TEXT>` is there; only `</DOCUMENT>` is missing at the very end.
        this.#pendingBody = this.#takeBody(bodyEnd);
        open.bodyEnd = bodyEnd;
        this.#cursor = bodyEnd + TEXT_CLOSE.length;
        this.#state = AFTER_BODY;
        return true;
      }
      this.#report('sgml/truncated', 'error', 'The input ends inside a document body (no "</TEXT>")', this.#end);
      bodyEnd = this.#trimTrailingClosers(this.#end);
      this.#pendingBody = this.#takeBody(bodyEnd);
      open.bodyEnd = bodyEnd;
      this.#cursor = this.#end;
      this.#state = AFTER_BODY;
      return true;
    }
    // Not found yet: hand the body over in parts so a huge body does not keep the whole input alive twice.
    const flushTo = this.#end - MARKER_MARGIN;
    if (flushTo - this.#bodyPartStart > 1024 * 1024) {
      this.#bodyParts.push(this.#view(this.#bodyPartStart, flushTo).slice());
      this.#bodyPartStart = flushTo;
      this.#keepFrom = flushTo;
      // The buffer keeps from the lower of `#keepFrom` and `#cursor`: the cursor, still at the body's start, would
      // otherwise hold the whole body there besides its parts.
      this.#cursor = flushTo;
    }
    this.#scanFrom = Math.max(this.#bodyPartStart, this.#end - MARKER_MARGIN + 16);
    return false;
  }

  /**
   * Once its end is in sight, a body handed over in parts is joined again, so that `</TEXT>` and the closers of a
   * truncated end are looked for back from the boundary as far as a whole parse looks (they may lie in a part already
   * handed over). The join is the copy `#takeBody` would make anyway.
   */
  #rejoinBody(): void {
    if (this.#bodyParts.length === 0) return;
    const joined = concatBytes([...this.#bodyParts, this.#view(this.#bodyPartStart, this.#end)]);
    // A new buffer, as `#append` makes: documents may hold views of the old one.
    this.#data = joined;
    this.#haystack = joined;
    this.#owned = true;
    this.#base = (this.#open as OpenDocument).bodyStart;
    this.#length = joined.length;
    this.#bodyParts = [];
    this.#bodyPartStart = this.#base;
  }

  /** The last `needle` wholly inside [from, to), or -1. */
  #findLast(needle: Uint8Array, fromAbsolute: number, toAbsolute: number): number {
    if (toAbsolute - fromAbsolute <= SHORT_RANGE) {
      const at = lastIndexWithin(this.#haystack, needle, fromAbsolute - this.#base, toAbsolute - this.#base);
      return at === -1 ? -1 : at + this.#base;
    }
    let found = -1;
    let at = this.#find(needle, fromAbsolute, toAbsolute);
    while (at !== -1) {
      found = at;
      at = this.#find(needle, at + 1, toAbsolute);
    }
    return found;
  }

  /** The next `</DOCUMENT>`, `</SEC-DOCUMENT>`, `</SUBMISSION>` or line-opening `<DOCUMENT>` in [from, to). */
  #findContainerTag(from: number, to: number): number {
    let ument = this.#find(UMENT_GT, from + 3, to);
    while (ument !== -1) {
      const at = ument - 3;
      if (this.#byte(at) === 0x44 /* D */ && this.#byte(at + 1) === 0x4f && this.#byte(at + 2) === 0x43) {
        const lt = this.#byte(at - 1);
        if (lt === SLASH && this.#byte(at - 2) === LESS_THAN) return at - 2;
        if (lt === LESS_THAN) {
          const before = this.#byte(at - 2);
          if (at - 1 === this.#open?.bodyStart || before === NEWLINE || before === CARRIAGE_RETURN) return at - 1;
        }
        if (lt === 0x2d /* - */ && (this.#startsWith(at - 6, '</SEC-') || this.#startsWith(at - 6, '</IMS-'))) return at - 6;
      }
      ument = this.#find(UMENT_GT, ument + 1, to);
    }
    return -1;
  }

  /** At a truncated end, container closers and the envelope's end line are not body. */
  #trimTrailingClosers(end: number): number {
    let at = end;
    while (at > this.#bodyPartStart && isWhitespaceByte(this.#byte(at - 1))) at--;
    const tail = this.#text(Math.max(this.#bodyPartStart, at - 96), at);
    const match = /(?:<\/(?:SEC-DOCUMENT|IMS-DOCUMENT|SUBMISSION)>\s*)?(?:-----END PRIVACY-ENHANCED MESSAGE-----\s*)?$/i.exec(tail);
    return match && match[0].length > 0 ? at - match[0].length : end;
  }

  #pendingBody: Uint8Array = EMPTY;

  #takeBody(endAbsolute: number): Uint8Array {
    const last = this.#view(this.#bodyPartStart, endAbsolute);
    if (this.#bodyParts.length === 0) return last;
    const body = concatBytes([...this.#bodyParts, last]);
    this.#bodyParts = [];
    return body;
  }

  /**
   * After `</TEXT>`: expect `</DOCUMENT>`.
   * > | </TEXT>
   * > | </DOCUMENT>
   *     ^
   */
  #readAfterBody(final: boolean): boolean {
    this.#skipWhitespace();
    const at = this.#cursor;
    if (this.#end - at < '</DOCUMENT>'.length && !final) return false;
    let resumeAt = at;
    if (this.#startsWith(at, '</DOCUMENT>')) {
      resumeAt = at + '</DOCUMENT>'.length;
    } else if (at < this.#end || this.#open) {
      const hasBodyEnd = this.#diagnostics.at(-1)?.code === 'sgml/truncated';
      if (!hasBodyEnd) this.#report('sgml/unclosed-document', 'warning', 'A <DOCUMENT> has no "</DOCUMENT>"', at);
    }
    this.#finishDocument(resumeAt, this.#pendingBody);
    this.#pendingBody = EMPTY;
    this.#cursor = resumeAt;
    this.#state = BETWEEN_DOCUMENTS;
    return true;
  }

  /** A bare document: everything is body. */
  #readBare(final: boolean): boolean {
    if (!final) {
      const flushTo = this.#end;
      if (flushTo - this.#bodyPartStart > 1024 * 1024) {
        this.#bodyParts.push(this.#view(this.#bodyPartStart, flushTo).slice());
        this.#bodyPartStart = flushTo;
        this.#keepFrom = flushTo;
        this.#cursor = flushTo;
      }
      return false;
    }
    const open = this.#open as OpenDocument;
    open.bodyEnd = this.#end;
    this.#report('sgml/bare-document', 'info', 'No SGML container: the input was read as one bare document', 0);
    this.#finishDocument(this.#end, this.#takeBody(this.#end));
    this.#cursor = this.#end;
    this.#state = DONE;
    return true;
  }

  #finishDocument(endAbsolute: number, rawBody: Uint8Array): void {
    const open = this.#open as OpenDocument;
    this.#open = null;
    let type: string | null = null;
    let sequence: number | null = null;
    let filename: string | null = null;
    let description: string | null = null;
    for (const field of open.fields) {
      switch (field.key.toUpperCase()) {
        case 'TYPE':
          type = field.value || null;
          break;
        case 'SEQUENCE':
          {
            const read = readWholeNumber(field.value);
            if ('value' in read) sequence = read.value;
            else {
              const shown = field.value.length > 40 ? `${field.value.slice(0, 40)}…` : field.value;
              this.#report('sgml/bad-sequence', 'warning', `<SEQUENCE> "${shown}" ${read.reason}`, open.start);
            }
          }
          break;
        case 'FILENAME':
          filename = field.value || null;
          break;
        case 'DESCRIPTION':
          description = field.value || null;
          break;
      }
    }
    let body = rawBody;
    let bodyStart = open.bodyStart;
    let wrapper: BodyWrapper | null = null;
    const unwrapped = unwrapBody(body);
    if (unwrapped) {
      wrapper = unwrapped.wrapper;
      body = body.subarray(unwrapped.start, unwrapped.end);
      bodyStart += unwrapped.start;
      if (!unwrapped.closed) {
        this.#report('sgml/unclosed-wrapper', 'warning', `A <${wrapper}> body has no "</${wrapper}>"`, bodyStart + body.length);
      }
    }
    const begin = findUuencodeBegin(body);
    this.#documents.push({
      type,
      sequence,
      filename,
      description,
      fields: open.fields,
      range: { start: open.start, end: endAbsolute },
      bodyRange: { start: bodyStart, end: bodyStart + body.length },
      body,
      wrapper,
      encoding: begin ? 'uuencode' : 'text',
      encodedFilename: begin ? begin.filename : null,
    });
  }

  // ---- result ----------------------------------------------------------------------------------------------

  #finish(): Submission {
    const envelope = this.#envelopeNodes;
    let header: SubmissionHeader | null = null;
    if (this.#headerTree !== null || envelope.length > 0) {
      header = typeHeader([...envelope, ...(this.#headerTree ?? [])], this.#diagnostics);
    }
    let format = this.#format ?? 'bare-document';
    if (this.#byteLengthSeen() === 0) {
      this.#report('sgml/empty', 'error', 'The input is empty', 0);
    } else if (header !== null && this.#documents.length === 0 && format !== 'bare-document') {
      format = 'header-only';
    }
    this.#checkDocuments(header);
    const submission: Submission = {
      format,
      privacyEnhanced: this.#privacyEnhanced,
      header,
      documents: this.#documents,
      diagnostics: this.#diagnostics,
      byteLength: this.#end,
    };
    if (this.#options.strict) {
      const problem = this.#diagnostics.find((found) => found.severity !== 'info');
      if (problem) {
        throw EdgarSyntaxError.fromDiagnostic(problem, this.#options.source ?? '<input>', this.#data.subarray(0, this.#length));
      }
    }
    return submission;
  }

  #byteLengthSeen(): number {
    return this.#end;
  }

  #checkDocuments(header: SubmissionHeader | null): void {
    const seen = new Map<number, number>();
    for (const document of this.#documents) {
      if (document.sequence === null) continue;
      const count = (seen.get(document.sequence) ?? 0) + 1;
      seen.set(document.sequence, count);
      if (count === 2) {
        this.#report(
          'sgml/duplicate-sequence',
          'warning',
          `More than one document has <SEQUENCE> ${document.sequence}`,
          document.range.start,
        );
      }
    }
    const expected = header?.publicDocumentCount;
    if (expected != null && this.#documents.length > 0 && expected !== this.#documents.length) {
      // Common in real dissemination (the count and the documents sent differ), so only noted.
      this.#report(
        'sgml/document-count-mismatch',
        'info',
        `PUBLIC DOCUMENT COUNT says ${expected} but ${this.#documents.length} <DOCUMENT> blocks were found`,
        this.#documents[0]?.range.start ?? 0,
      );
    }
  }
}

const WRAPPERS: readonly BodyWrapper[] = ['PDF', 'XML', 'XBRL'];

/** `needle` wholly inside `bytes[from, to)`, first from the start: a loop, for ranges too short for a native call. */
function indexWithin(bytes: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const first = needle[0] as number;
  const last = Math.min(to, bytes.length) - needle.length;
  for (let at = Math.max(0, from); at <= last; at++) {
    if (bytes[at] !== first) continue;
    let k = 1;
    while (k < needle.length && bytes[at + k] === needle[k]) k++;
    if (k === needle.length) return at;
  }
  return -1;
}

/** The last `needle` wholly inside `bytes[from, to)`, or -1. */
function lastIndexWithin(bytes: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const first = needle[0] as number;
  const start = Math.max(0, from);
  for (let at = Math.min(to, bytes.length) - needle.length; at >= start; at--) {
    if (bytes[at] !== first) continue;
    let k = 1;
    while (k < needle.length && bytes[at + k] === needle[k]) k++;
    if (k === needle.length) return at;
  }
  return -1;
}

/** `<PDF>`, `<XML>`, `<XBRL>` around a body: the range inside, and whether the closing tag was there. */
function unwrapBody(body: Uint8Array): { wrapper: BodyWrapper; start: number; end: number; closed: boolean } | null {
  let at = 0;
  while (at < body.length && isWhitespaceByte(body[at] as number)) at++;
  if (body[at] !== LESS_THAN) return null;
  for (const wrapper of WRAPPERS) {
    const opener = `<${wrapper}>`;
    if (!startsWithAsciiIgnoreCase(body, at, opener)) continue;
    let start = at + opener.length;
    if (body[start] === CARRIAGE_RETURN && body[start + 1] === NEWLINE) start += 2;
    else if (body[start] === NEWLINE) start += 1;
    const tailFrom = Math.max(start, body.length - 256);
    const closeAt = indexOfAsciiIgnoreCase(body, `</${wrapper}>`, tailFrom);
    if (closeAt === -1) return { wrapper, start, end: body.length, closed: false };
    return { wrapper, start, end: closeAt, closed: true };
  }
  return null;
}
