import { ASCII_LINE_WIDTH, centre, toAscii, WRAP_WIDTH, wrap, writtenDate } from './ascii-text.js';
import type { Compose6KRecord, Exhibit6KInput, Regulator6K, Signature6K } from './record-6k.js';
import {
  addressLines,
  byText,
  COVER,
  type ComposeProblem,
  datedSentences,
  exhibitLabel,
  exhibitText,
  fileNumberLine,
  furnishingParagraphs,
  listEnding,
  monthLine,
  signatureSections,
  withEnding,
} from './wording-6k.js';

export interface ComposedDocument {
  readonly text: string;
  readonly problems: readonly ComposeProblem[];
}

const RULE = '='.repeat(79);
/** Columns of the cover's check-mark devices, as in the seed. */
const ANNUAL = { form20F: 27, mark20F: 38, form40F: 42, mark40F: 53, slot20F: 37, slot40F: 52 } as const;
const YES_NO = { yes: 33, markYes: 38, no: 42, markNo: 46, slotYes: 37, slotNo: 45 } as const;
/** Columns of the signature block. */
const SIGNATURE = { registrant: 43, by: 43 } as const;

/** Text placed at columns: `[[27, 'Form 20-F'], [38, 'X']]`. */
function placed(parts: readonly (readonly [number, string])[]): string {
  let line = '';
  for (const [column, text] of parts) {
    if (text === '') continue;
    line = line.length < column ? line.padEnd(column) : line === '' ? '' : `${line} `;
    line += text;
  }
  return line.trimEnd();
}

/**
 * The 6-K primary document in legacy ASCII, laid out like the seed: the cover between `=` rules with the check
 * marks over `---` slots, then `<PAGE>`s for what is furnished (a `<TABLE>` of the exhibits), the signatures and
 * the exhibit index (`<TABLE>` with `<CAPTION>`, `<S>` and `<C>`). Only printable ASCII; lines of at most 80
 * characters. Record text that is not ASCII is converted, with a warning.
 * One function because the document is written top to bottom into one `lines` list, section by section (cover, what
 * is furnished, signatures, exhibit index), with one `problems` list; split, every section would take both.
 */
export function composeAscii6K(input: Compose6KRecord): ComposedDocument {
  const problems: ComposeProblem[] = [];
  const record = asciiRecord(input, problems);
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  const fits = (path: string, text: string, room: number, what: string) => {
    if (text.length > room)
      problems.push({
        path,
        severity: 'error',
        message: `${path} is ${text.length} characters long; ${what} of an ASCII document holds at most ${room}. Shorten it, or compose the document as HTML (--format html)`,
      });
  };

  // The cover.
  push(RULE, '', centre(`FORM ${record.form}`), '', centre(COVER.commission), centre(COVER.washington), '', centre(COVER.title), '');
  push(...COVER.pursuant.map((line) => centre(line)), '', '', centre(monthLine(record)));
  const fileNumber = fileNumberLine(record);
  if (fileNumber) push('', centre(fileNumber));
  push('', '');
  fits('registrant', record.registrant, ASCII_LINE_WIDTH - 2, 'the name line of the cover');
  push(centre(record.registrant), centre(COVER.nameLabel), '');
  if (record.address !== null) {
    const parts = addressLines(record.address, 60);
    for (const part of parts) fits('address', part, ASCII_LINE_WIDTH - 2, 'a line of the address');
    push(...parts.map((part) => centre(part)));
  }
  push(centre(COVER.addressLabel), '', '', '');
  push(...COVER.annualReport, '');
  push(
    placed([
      [ANNUAL.form20F, 'Form 20-F'],
      [ANNUAL.mark20F, record.annualReportForm === '20-F' ? 'X' : ''],
      [ANNUAL.form40F, 'Form 40-F'],
      [ANNUAL.mark40F, record.annualReportForm === '40-F' ? 'X' : ''],
    ]),
    placed([
      [ANNUAL.slot20F, '---'],
      [ANNUAL.slot40F, '---'],
    ]),
    '',
  );
  for (const [answer, text] of [
    [record.paperUnderRule101b1, COVER.rule101b1],
    [record.paperUnderRule101b7, COVER.rule101b7],
  ] as const) {
    if (answer === null) continue;
    push(...text.slice(0, -1), `${text.at(-1)} [${answer ? 'X' : ' '}]`, '');
  }
  if (record.furnishesUnderRule12g32b !== null) {
    push(...COVER.rule12g32b, '');
    push(
      placed([
        [YES_NO.yes, 'Yes'],
        [YES_NO.markYes, record.furnishesUnderRule12g32b ? 'X' : ''],
        [YES_NO.no, 'No'],
        [YES_NO.markNo, record.furnishesUnderRule12g32b ? '' : 'X'],
      ]),
      placed([
        [YES_NO.slotYes, '---'],
        [YES_NO.slotNo, '---'],
      ]),
      '',
    );
    if (record.rule12g32bFileNumber !== null)
      push(...COVER.fileNumber82.slice(0, -1), `${COVER.fileNumber82.at(-1)} ${record.rule12g32bFileNumber}`, '');
  }
  push(RULE, '');

  // What is furnished: the words, then the exhibits in a table.
  const furnishing = furnishingParagraphs(record);
  if (furnishing.length > 0 || record.exhibits.length > 0) {
    push('<PAGE>', '');
    for (const text of furnishing) push(...wrap(text, WRAP_WIDTH), '');
    if (record.exhibits.length > 0) push(...exhibitTable(record.exhibits, 16, false), '');
    for (const text of datedSentences(record.exhibits)) push(...wrap(text, WRAP_WIDTH), '');
  }

  // Signatures.
  if (record.signatures.length > 0) {
    push('<PAGE>', '', centre('SIGNATURES'), '');
    const sections = signatureSections(record.signatures);
    sections.forEach((section, index) => {
      push(...COVER.signatures, '', '');
      const registrant = section[0]?.registrant ?? null;
      if (registrant !== null) {
        fits(`signatures[${record.signatures.indexOf(section[0] as Signature6K)}].registrant`, registrant, ASCII_LINE_WIDTH, 'a line');
        push(placed([[Math.max(0, Math.min(SIGNATURE.registrant, ASCII_LINE_WIDTH - registrant.length)), registrant]]), '', '');
      }
      for (const signature of section) {
        const path = `signatures[${record.signatures.indexOf(signature)}]`;
        push(...signatureLines(signature, path, fits), '');
      }
      if (index < sections.length - 1) push('');
    });
  }

  // The exhibit index.
  if (record.exhibits.length > 0) {
    push('<PAGE>', '', centre('EXHIBIT INDEX'), '');
    push(...exhibitTable(record.exhibits, 18, true));
  }
  return { text: `${lines.join('\n')}\n`, problems };
}

/**
 * A `<TABLE>` of exhibits: `Exhibit 99.1:` in the stub column, the description wrapped in the next. The index
 * has a `<CAPTION>` with column headings; the list after the furnishing words has none, and its entries run on
 * with "; and", as in the seed.
 */
function exhibitTable(exhibits: readonly Exhibit6KInput[], minimumColumn: number, index: boolean): string[] {
  const column = Math.max(minimumColumn, ...exhibits.map((exhibit) => exhibitLabel(exhibit).length + 2));
  const width = WRAP_WIDTH - column;
  const lines = ['<TABLE>'];
  if (index) lines.push('<CAPTION>', `${'Exhibit'.padEnd(column)}Description`, `${'-------'.padEnd(column)}-----------`);
  else lines.push('');
  lines.push(`${'<S>'.padEnd(column)}<C>`);
  const defined = new Set<string>();
  exhibits.forEach((exhibit, i) => {
    const text = withEnding(exhibitText(exhibit, defined), index ? '.' : listEnding(i, exhibits.length));
    const wrapped = wrap(text, width);
    for (const [j, line] of wrapped.entries()) lines.push(`${(j === 0 ? exhibitLabel(exhibit) : '').padEnd(column)}${line}`);
    if (i < exhibits.length - 1) lines.push('');
  });
  lines.push('</TABLE>');
  return lines;
}

/**
 * `Date: …` beside `By: /s/ …`, a line under the signature, then `Name:` and `Title:` under it; a long name or
 * title moves left as far as it must (the reader goes by the labels, not the columns).
 */
function signatureLines(
  signature: Signature6K,
  path: string,
  fits: (path: string, text: string, room: number, what: string) => void,
): string[] {
  const date = signature.date === null ? '' : `Date: ${writtenDate(signature.date)}`;
  const by = byText(signature);
  const name = signature.name === null ? null : `Name:  ${signature.name}`;
  const title = signature.title === null ? null : `Title: ${signature.title}`;
  const byColumn = Math.max(date.length + 2, Math.min(SIGNATURE.by, ASCII_LINE_WIDTH - by.length));
  const nameColumn = byColumn + 4;
  const at = (text: string) => Math.max(0, Math.min(nameColumn, ASCII_LINE_WIDTH - text.length));
  fits(`${path}.signature`, by, ASCII_LINE_WIDTH - (date.length === 0 ? 0 : date.length + 2), 'the signature line (after the date)');
  if (name) fits(`${path}.name`, name, ASCII_LINE_WIDTH, 'a line');
  if (title) fits(`${path}.title`, title, ASCII_LINE_WIDTH, 'a line');
  const lines = [
    placed([
      [0, date],
      [byColumn, by],
    ]),
  ];
  if (signature.signature !== null) {
    const rule = '-'.repeat(Math.max(26, by.length - 4));
    lines.push(placed([[at(rule), rule]]));
  }
  if (name) lines.push(placed([[at(name), name]]));
  if (title) lines.push(placed([[at(title), title]]));
  return lines;
}

/** The record with every text made ASCII (and single-spaced), warning for each value that changed. */
function asciiRecord(record: Compose6KRecord, problems: ComposeProblem[]): Compose6KRecord {
  const text = (path: string, value: string, multiline = false): string => {
    const converted = toAscii(value);
    const spaced = multiline ? converted.text : converted.text.replace(/\s+/g, ' ').trim();
    if (converted.changed.length > 0)
      problems.push({
        path,
        severity: 'warning',
        message: `${path}: ASCII documents take plain ASCII only, so ${converted.changed
          .slice(0, 5)
          .map((change) => `"${change.from}" became "${change.to}"`)
          .join(', ')}; the document reads back with the changed text (compose as HTML to keep it)`,
      });
    else if (spaced !== value)
      problems.push({ path, severity: 'warning', message: `${path}: runs of spaces and line breaks became single spaces` });
    return spaced;
  };
  const maybe = (path: string, value: string | null): string | null => (value === null ? null : text(path, value));
  const regulator = (path: string, value: Regulator6K): Regulator6K => ({
    name: text(`${path}.name`, value.name),
    fullName: maybe(`${path}.fullName`, value.fullName),
  });
  return {
    ...record,
    registrant: text('registrant', record.registrant),
    address: maybe('address', record.address),
    exhibits: record.exhibits.map((exhibit, i) => ({
      ...exhibit,
      description: text(`exhibits[${i}].description`, exhibit.description),
      filedWith: exhibit.filedWith.map((value, j) => regulator(`exhibits[${i}].filedWith[${j}]`, value)),
    })),
    signatures: record.signatures.map((signature, i) => ({
      registrant: maybe(`signatures[${i}].registrant`, signature.registrant),
      signature: maybe(`signatures[${i}].signature`, signature.signature),
      name: maybe(`signatures[${i}].name`, signature.name),
      title: maybe(`signatures[${i}].title`, signature.title),
      date: signature.date,
    })),
    furnishing: record.furnishing == null ? null : text('furnishing', record.furnishing, true),
  };
}
