import { writtenDate } from './ascii-text.js';
import type { Compose6KRecord, Exhibit6KInput, Regulator6K, Signature6K } from './record-6k.js';

/**
 * The words of a composed 6-K that ASCII and HTML share: the cover's fixed text, how an exhibit is described with
 * its regulators and date, how the address is broken into lines and how signatures are grouped. Each choice is
 * made so that edgarkit's extractor reads the record back (see the round-trip tests), in the seed's wording.
 */

/** A problem found while composing: `error` stops the composition, `warning` says the output will read back differently. */
export interface ComposeProblem {
  readonly path: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export const COVER = {
  commission: 'SECURITIES AND EXCHANGE COMMISSION',
  washington: 'Washington, D.C. 20549',
  title: 'REPORT OF FOREIGN PRIVATE ISSUER',
  pursuant: ['Pursuant to Rule 13a-16 or 15d-16 of', 'the Securities Exchange Act of 1934'],
  nameLabel: '(Name of the Registrant)',
  addressLabel: '(Address of Principal Executive Offices)',
  annualReport: [
    '     (Indicate by check mark whether the registrant files or will file annual',
    'reports under cover of Form 20-F or Form 40-F.)',
  ],
  rule101b1: [
    '     Indicate by check mark if the registrant is submitting the Form 6-K in',
    'paper as permitted by Regulation S-T Rule 101(b)(1):',
  ],
  rule101b7: [
    '     Indicate by check mark if the registrant is submitting the Form 6-K in',
    'paper as permitted by Regulation S-T Rule 101(b)(7):',
  ],
  rule12g32b: [
    '     (Indicate by check mark whether the registrant by furnishing the',
    'information contained in this Form is also thereby furnishing the information',
    'to the Commission pursuant to Rule 12g3-2(b) under the Securities Exchange Act',
    'of 1934.)',
  ],
  fileNumber82: [
    '     If "Yes" is marked, indicate below the file number assigned to the',
    'registrant in connection with Rule 12g3-2(b):',
  ],
  signatures: [
    '     Pursuant to the requirements of the Securities Exchange Act of 1934, as',
    'amended, the registrant has duly caused this report to be signed on its',
    'behalf by the undersigned, thereunto duly authorized.',
  ],
} as const;

/** The same paragraphs as running text (HTML). */
export function paragraph(lines: readonly string[]): string {
  return lines.map((line) => line.trim()).join(' ');
}

export const DEFAULT_FURNISHING = 'The registrant is furnishing under cover of Form 6-K:';

export function monthLine(record: Compose6KRecord): string {
  return `For the month of ${writtenDate(record.reportMonth)}`;
}

export function fileNumberLine(record: Compose6KRecord): string | null {
  return record.commissionFileNumber === null ? null : `Commission File Number: ${record.commissionFileNumber}`;
}

/** The paragraphs that say what is furnished. */
export function furnishingParagraphs(record: Compose6KRecord): string[] {
  const text = record.furnishing ?? (record.exhibits.length > 0 ? DEFAULT_FURNISHING : '');
  return text
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '');
}

const THE_BEFORE = /\b(?:Commission|Board|Authority|Agency|Ministry|Bureau|Office|Service|Court|Registrar)\b/;

/**
 * "Korea Securities Dealers Association Automated Quotation Market ("KOSDAQ") and the Financial Supervisory
 * Commission of Korea": a short name is defined the first time it is used in a list (`defined` remembers), then
 * used alone, and a commission or authority takes "the".
 */
export function regulatorList(regulators: readonly Regulator6K[], defined: Set<string>): string {
  const names = regulators.map((regulator) => {
    if (regulator.fullName !== null && !defined.has(regulator.name)) {
      defined.add(regulator.name);
      return `${regulator.fullName} ("${regulator.name}")`;
    }
    return THE_BEFORE.test(regulator.name) ? `the ${regulator.name}` : regulator.name;
  });
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * An exhibit as the list describes it: "a notice …, filed with KOSDAQ and the Financial Supervisory Commission of
 * Korea on December 26, 2002". Without regulators the date is not written here (see `datedSentences`).
 */
export function exhibitText(exhibit: Exhibit6KInput, defined: Set<string>): string {
  let text = exhibit.description.replace(/\s+/g, ' ').trim();
  if (exhibit.filedWith.length > 0) {
    text += `, filed with ${regulatorList(exhibit.filedWith, defined)}`;
    if (exhibit.date !== null) text += ` on ${writtenDate(exhibit.date)}`;
  }
  return text;
}

/**
 * Exhibits with a date but no regulators, whose description does not already say the date: filings say such a
 * date in a sentence of their own ("On February 12, 2009, … A copy of the letter is furnished as Exhibit 99.1."),
 * which is where the extractor finds it, so the description stays as it is.
 */
export function datedSentences(exhibits: readonly Exhibit6KInput[]): string[] {
  return exhibits
    .filter(
      (exhibit) => exhibit.filedWith.length === 0 && exhibit.date !== null && !exhibit.description.includes(writtenDate(exhibit.date)),
    )
    .map(
      (exhibit) =>
        `On ${writtenDate(exhibit.date as string)}, the registrant made public the following document. A copy of ${exhibit.description.replace(/\s+/g, ' ').trim()} is furnished as Exhibit ${exhibit.number}.`,
    );
}

/** "; and" before the last entry of a list, ";" before the others, "." at the end. */
export function listEnding(index: number, count: number): string {
  if (index === count - 1) return '.';
  return index === count - 2 ? '; and' : ';';
}

export function withEnding(text: string, ending: string): string {
  if (ending === '.' && /\.$/.test(text)) return text;
  return `${text}${ending}`;
}

/** "Exhibit 99.1:". */
export function exhibitLabel(exhibit: Exhibit6KInput): string {
  return `Exhibit ${exhibit.number}:`;
}

/**
 * The address in lines: parts separated by ", " are put together greedily up to `width` characters, except that
 * the last two parts (city and country, like "Seoul, Korea 137-728") share the last line. The extractor joins the
 * lines back with ", ".
 */
export function addressLines(address: string, width: number): string[] {
  const parts = address
    .split(/,\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) return [];
  const last = parts.length >= 3 ? `${parts.at(-2)}, ${parts.at(-1)}` : null;
  const head = last !== null && last.length <= width ? parts.slice(0, -2) : parts;
  const lines: string[] = [];
  for (const part of head) {
    const previous = lines.at(-1);
    if (previous !== undefined && previous.length + 2 + part.length <= width) lines[lines.length - 1] = `${previous}, ${part}`;
    else lines.push(part);
  }
  if (head !== parts && last !== null) lines.push(last);
  return lines;
}

/**
 * Signature blocks in sections: a new section (its own "Pursuant to …" paragraph and registrant line) when the
 * registrant changes, or when a block without a date follows dated ones (the extractor gives a section's date to
 * the blocks that have none).
 */
export function signatureSections(signatures: readonly Signature6K[]): Signature6K[][] {
  const sections: Signature6K[][] = [];
  for (const signature of signatures) {
    const current = sections.at(-1);
    const first = current?.[0];
    if (current && first && first.registrant === signature.registrant && (first.date === null) === (signature.date === null))
      current.push(signature);
    else sections.push([signature]);
  }
  return sections;
}

/** `By:` text: the signature as written, or a line to sign on when there is none. */
export function byText(signature: Signature6K): string {
  return `By: ${signature.signature ?? '________________________'}`;
}
