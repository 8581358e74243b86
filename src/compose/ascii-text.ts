/** Text for legacy ASCII documents: EDGAR's character rules, line widths, centring and wrapping. */

/** The widest line of running text; tables may be wider (132). */
export const ASCII_LINE_WIDTH = 80;
export const ASCII_TABLE_WIDTH = 132;
/** Where composed text wraps: two columns short of the limit, as the seed does. */
export const WRAP_WIDTH = 78;

/** True for the characters EDGAR permits in an ASCII document: printable ASCII, tab, line feed, carriage return, form feed. */
export function isPermittedAsciiCode(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c;
}

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u00b4': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '--',
  '\u2015': '--',
  '\u2212': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u3000': ' ',
  '\u2022': '*',
  '\u00b7': '*',
  '\u00a9': '(c)',
  '\u00ae': '(R)',
  '\u2122': '(TM)',
  '\u20ac': 'EUR',
  '\u00a3': 'GBP',
  '\u00a5': 'JPY',
  '\u00d7': 'x',
  '\u00df': 'ss',
  '\u00e6': 'ae',
  '\u00c6': 'AE',
  '\u00f8': 'o',
  '\u00d8': 'O',
  '\u0153': 'oe',
  '\u0152': 'OE',
  '\u0142': 'l',
  '\u0141': 'L',
  '\u0111': 'd',
  '\u0110': 'D',
  '\u00fe': 'th',
  '\u00de': 'Th',
  '\u00b0': ' degrees',
  '\t': ' ',
};

export interface AsciiConversion {
  readonly text: string;
  /** Characters that had to change, each once, with what they became (`"’" → "'"`); empty when none did. */
  readonly changed: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Text that EDGAR accepts in an ASCII document: smart quotes, dashes, ellipses and non-breaking spaces become their
 * plain forms, accented letters lose their accents, zero-width characters go, and anything else becomes `?`.
 * Line breaks are kept; other control characters are dropped.
 */
export function toAscii(text: string): AsciiConversion {
  let plain = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 0x20 && code <= 0x7e) || code === 0x0a)) {
      plain = false;
      break;
    }
  }
  if (plain) return { text, changed: [] };
  const changed = new Map<string, string>();
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if ((code >= 0x20 && code <= 0x7e) || code === 0x0a) {
      out += char;
      continue;
    }
    let replacement = REPLACEMENTS[char];
    if (replacement === undefined) {
      if (
        code === 0x0d ||
        code < 0x20 ||
        (code >= 0x7f && code < 0xa0) ||
        code === 0x200b ||
        code === 0x200c ||
        code === 0x200d ||
        code === 0xfeff
      )
        replacement = '';
      else if (code >= 0x2000 && code <= 0x200a) replacement = ' ';
      else {
        const stripped = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
        replacement = /^[\x20-\x7e]+$/.test(stripped) ? stripped : '?';
      }
    }
    if (char !== '\r' && !changed.has(char)) changed.set(char, replacement);
    out += replacement;
  }
  return { text: out, changed: [...changed].map(([from, to]) => ({ from, to })) };
}

/** A line centred the way the seed centres its cover (on column 40 of an 80-column page). */
export function centre(text: string, width = ASCII_LINE_WIDTH): string {
  const pad = Math.max(0, Math.floor((width + 1 - text.length) / 2));
  return `${' '.repeat(pad)}${text}`;
}

/**
 * Greedy word wrap: as many words as fit in `width` on each line. A word longer than a line is cut. White space
 * runs collapse to one space.
 */
export function wrap(text: string, width: number): string[] {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** `2002-12-24` → `December 24, 2002`; `2002-12` → `December 2002`. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function writtenDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  const name = MONTHS[Number(month) - 1] ?? month;
  return day === undefined ? `${name} ${year}` : `${name} ${Number(day)}, ${year}`;
}
