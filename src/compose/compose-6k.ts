import { toAscii } from './ascii-text.js';
import { composeAscii6K } from './compose-ascii-6k.js';
import { composeHtml6K, escapeEdgarHtml } from './compose-html-6k.js';
import { encodeText, uuencode } from './encodings.js';
import { conformName, exhibitBaseName, fileNameProblem } from './file-names.js';
import type { Compose6KRecord } from './record-6k.js';
import type { ComposeProblem } from './wording-6k.js';

/** The primary document's format: legacy ASCII laid out like the seed, or EDGAR-compliant HTML. */
export type ComposeFormat = 'ascii' | 'html';

/** The files an input names (exhibits' `file`, `pdf`, `graphics`), by the path as the input writes it. */
export type ComposeSources = ReadonlyMap<string, Uint8Array>;

/** How `compose6K` writes: the primary document's format, the exhibits' source bytes, the filer CIK and the filing date. */
export interface Compose6KOptions {
  /** The primary document's format (default `ascii`). */
  readonly format?: ComposeFormat;
  readonly sources?: ComposeSources;
  /** The filer's CIK for the header (never stored; a placeholder when not given). */
  readonly filerCik?: string | null;
  /** YYYY-MM-DD for FILED AS OF DATE (default: the latest signature date, else the end of the report month). */
  readonly filedAt?: string;
}

/** One document of the composed submission. */
export interface ComposedSubmissionDocument {
  readonly sequence: number;
  readonly type: string;
  readonly filename: string;
  readonly description: string;
  /** The document's own bytes (for the EDGARLink XML and for writing to disk). */
  readonly bytes: Uint8Array;
  /** What goes between `<TEXT>` and `</TEXT>` in the submission file. */
  readonly body: string;
}

/**
 * What `compose6K` gives: the documents, the complete submission text, its header values and the problems found.
 *
 * @example
 * ```ts
 * const composed = compose6K(record, { format: 'html' });
 * if (composed.ok) writeFileSync('6k.txt', composed.submissionTxt);
 * ```
 */
export interface Composed6K {
  /** False when a problem of severity `error` stopped the composition; `documents` is then empty. */
  readonly ok: boolean;
  readonly format: ComposeFormat;
  /** The primary document's text. */
  readonly primary: string;
  readonly documents: readonly ComposedSubmissionDocument[];
  /** The complete submission file as EDGAR disseminates it (SGML header + documents). */
  readonly submissionTxt: string;
  readonly problems: readonly ComposeProblem[];
  readonly header: SubmissionHeaderValues;
}

/** The SGML header values of a composed submission. */
export interface SubmissionHeaderValues {
  readonly submissionType: '6-K' | '6-K/A';
  /** Not known before EDGAR accepts the filing: `0000000000-YY-000000` marks it as unassigned. */
  readonly accessionNumber: string;
  readonly filerCik: string;
  /** YYYYMMDD. */
  readonly periodOfReport: string;
  readonly filedAt: string;
}

/** The CIK written when none is given: ten zeros (no filer has it). */
export const PLACEHOLDER_CIK = '0000000000';

const decoder = new TextDecoder('utf-8');

/**
 * A complete 6-K submission from a record: the primary document (ASCII or HTML), each attached exhibit as an
 * `EX-…` document from its source (text made ASCII, HTML with non-ASCII characters as references), unofficial PDF
 * copies and images uuencoded, file names that keep EDGAR's rules, sequence numbers in order, and the submission
 * file with its SGML header. Pure: the caller reads the sources and the filer's CIK.
 * Kept in one function because documents are numbered as they are added: the primary document, the exhibits with
 * their PDF copies, then the images go into one list in that order, beside one `problems` list; split, both would be
 * passed around.
 */
export function compose6K(record: Compose6KRecord, options: Compose6KOptions = {}): Composed6K {
  const format = options.format ?? 'ascii';
  const sources = options.sources ?? new Map<string, Uint8Array>();
  const primaryDocument = format === 'ascii' ? composeAscii6K(record) : composeHtml6K(record);
  const problems: ComposeProblem[] = [...primaryDocument.problems];
  const formSlug = record.form === '6-K/A' ? 'form6-ka' : 'form6-k';
  const documents: ComposedSubmissionDocument[] = [];
  const add = (document: Omit<ComposedSubmissionDocument, 'sequence'>) => documents.push({ ...document, sequence: documents.length + 1 });
  add({
    type: record.form,
    filename: `${formSlug}.${format === 'ascii' ? 'txt' : 'htm'}`,
    description: `FORM ${record.form}`,
    bytes: encodeText(primaryDocument.text),
    body: primaryDocument.text,
  });

  const source = (path: string, field: string): Uint8Array | null => {
    const bytes = sources.get(path);
    if (!bytes) problems.push({ path: field, severity: 'error', message: `${field}: cannot read "${path}"` });
    return bytes ?? null;
  };
  const graphics: { path: string; field: string }[] = [];
  record.exhibits.forEach((exhibit, index) => {
    if (!exhibit.attached || !exhibit.file) return;
    const field = `exhibits[${index}].file`;
    const type = `EX-${exhibit.number}`;
    const html = /\.html?$/i.test(exhibit.file);
    const bytes = source(exhibit.file, field);
    const base = exhibitBaseName(exhibit.number);
    if (bytes) {
      const text = decoder.decode(bytes);
      let body: string;
      if (html) body = htmlToAscii(text);
      else {
        const converted = toAscii(text.replace(/\r\n?/g, '\n'));
        if (converted.changed.length > 0)
          problems.push({
            path: field,
            severity: 'warning',
            message: `${field}: ASCII documents take plain ASCII only, so ${converted.changed
              .slice(0, 5)
              .map((change) => `"${change.from}" became "${change.to}"`)
              .join(', ')} in "${exhibit.file}" (give it as HTML to keep them)`,
          });
        body = converted.text;
      }
      if (!body.endsWith('\n')) body += '\n';
      const structural = /^<\/?(?:TEXT|DOCUMENT|SEC-DOCUMENT|SUBMISSION)>/im.exec(body);
      if (structural)
        problems.push({
          path: field,
          severity: 'error',
          message: `${field}: "${exhibit.file}" contains the line ${structural[0]}, which would end the document early; remove it`,
        });
      add({ type, filename: `${base}.${html ? 'htm' : 'txt'}`, description: `EXHIBIT ${exhibit.number}`, bytes: encodeText(body), body });
    }
    if (exhibit.pdf) {
      const pdf = source(exhibit.pdf, `exhibits[${index}].pdf`);
      if (pdf) {
        const filename = `${base}.pdf`;
        add({
          type,
          filename,
          description: `EXHIBIT ${exhibit.number} (UNOFFICIAL PDF COPY)`,
          bytes: pdf,
          body: `<PDF>\n${uuencode(pdf, filename)}</PDF>\n`,
        });
      }
    }
    for (const path of exhibit.graphics ?? []) graphics.push({ path, field: `exhibits[${index}].graphics` });
  });
  for (const { path, field } of graphics) {
    const bytes = source(path, field);
    const wanted = path.split(/[\\/]/).pop() ?? path;
    const filename = conformName(path);
    if (filename !== wanted) {
      problems.push({
        path: field,
        severity: 'error',
        message: `${field}: "${wanted}" is not an EDGAR file name (${fileNameProblem(wanted) ?? 'it must be lower case'}); rename the image to "${filename}" and refer to it by that name`,
      });
      continue;
    }
    if (bytes) add({ type: 'GRAPHIC', filename, description: 'GRAPHIC', bytes, body: uuencode(bytes, filename) });
  }
  const names = new Set<string>();
  for (const document of documents) {
    const problem = fileNameProblem(document.filename);
    if (problem) problems.push({ path: 'exhibits', severity: 'error', message: `Document ${document.sequence}: ${problem}` });
    if (names.has(document.filename.toLowerCase()))
      problems.push({
        path: 'exhibits',
        severity: 'error',
        message: `Two documents would be named "${document.filename}"; rename one of the images`,
      });
    names.add(document.filename.toLowerCase());
  }

  const header = headerValues(record, options);
  const ok = !problems.some((problem) => problem.severity === 'error');
  return {
    ok,
    format,
    primary: primaryDocument.text,
    documents: ok ? documents : [],
    submissionTxt: ok ? submissionText(record, header, documents) : '',
    problems,
    header,
  };
}

/** Non-ASCII characters of an HTML source as numeric character references (the markup is left as it is). */
function htmlToAscii(html: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if ((code >= 0x20 && code <= 0x7e) || code === 0x0a || code === 0x09) continue;
    out += html.slice(run, i);
    if (code === 0x0d) out += html[i + 1] === '\n' ? '' : '\n';
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < html.length) {
      out += `&#${html.codePointAt(i)};`;
      i++;
    } else if (code >= 0xa0) out += escapeEdgarHtml(String.fromCharCode(code));
    run = i + 1;
  }
  return out + html.slice(run);
}

function compact(date: string): string {
  return date.replace(/-/g, '');
}

function headerValues(record: Compose6KRecord, options: Compose6KOptions): SubmissionHeaderValues {
  const [year, month] = record.reportMonth.split('-').map(Number) as [number, number];
  const monthEnd = `${record.reportMonth}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
  const signed = record.signatures
    .map((signature) => signature.date)
    .filter((date): date is string => date !== null)
    .sort()
    .at(-1);
  const period = signed?.startsWith(record.reportMonth) ? signed : monthEnd;
  const filedAt = options.filedAt ?? signed ?? monthEnd;
  const cik = (options.filerCik ?? '').trim();
  return {
    submissionType: record.form,
    accessionNumber: `${PLACEHOLDER_CIK}-${filedAt.slice(2, 4)}-000000`,
    filerCik: /^\d{1,10}$/.test(cik) ? cik.padStart(10, '0') : PLACEHOLDER_CIK,
    periodOfReport: compact(period),
    filedAt: compact(filedAt),
  };
}

/** The conformed name EDGAR would show: upper case. */
function conformedName(name: string): string {
  return toAscii(name).text.toUpperCase().replace(/\s+/g, ' ').trim();
}

/**
 * The complete submission file as EDGAR disseminates it: `<SEC-DOCUMENT>`, the `<SEC-HEADER>` of `KEY:<tabs>value`
 * lines, then each `<DOCUMENT>` with `<TYPE>`, `<SEQUENCE>`, `<FILENAME>`, `<DESCRIPTION>` and `<TEXT>`.
 */
function submissionText(record: Compose6KRecord, header: SubmissionHeaderValues, documents: readonly ComposedSubmissionDocument[]): string {
  const accession = header.accessionNumber;
  const lines = [
    `<SEC-DOCUMENT>${accession}.txt : ${header.filedAt}`,
    `<SEC-HEADER>${accession}.hdr.sgml : ${header.filedAt}`,
    `ACCESSION NUMBER:\t\t${accession}`,
    `CONFORMED SUBMISSION TYPE:\t${header.submissionType}`,
    `PUBLIC DOCUMENT COUNT:\t\t${documents.length}`,
    `CONFORMED PERIOD OF REPORT:\t${header.periodOfReport}`,
    `FILED AS OF DATE:\t\t${header.filedAt}`,
    '',
    'FILER:',
    '',
    '\tCOMPANY DATA:\t',
    `\t\tCOMPANY CONFORMED NAME:\t\t\t${conformedName(record.registrant)}`,
    `\t\tCENTRAL INDEX KEY:\t\t\t${header.filerCik}`,
    '',
    '\tFILING VALUES:',
    `\t\tFORM TYPE:\t\t${header.submissionType}`,
    '\t\tSEC ACT:\t\t1934 Act',
  ];
  if (record.commissionFileNumber !== null) lines.push(`\t\tSEC FILE NUMBER:\t${record.commissionFileNumber}`);
  lines.push('</SEC-HEADER>');
  let out = `${lines.join('\n')}\n`;
  for (const document of documents) {
    out += `<DOCUMENT>\n<TYPE>${document.type}\n<SEQUENCE>${document.sequence}\n<FILENAME>${document.filename}\n<DESCRIPTION>${document.description}\n<TEXT>\n${document.body}</TEXT>\n</DOCUMENT>\n`;
  }
  return `${out}</SEC-DOCUMENT>\n`;
}
