import { toAscii } from '../compose/ascii-text.js';

const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** The character at a byte that is not ASCII: a UTF-8 sequence when it is one, else a Windows-1252 byte. */
export function characterAt(bytes: Uint8Array, at: number): { char: string; length: number } {
  const first = bytes[at] as number;
  const sequence = first >= 0xf0 && first <= 0xf4 ? 4 : first >= 0xe0 ? 3 : first >= 0xc2 && first <= 0xdf ? 2 : 0;
  if (sequence > 0 && first < 0xf5 && at + sequence <= bytes.length) {
    let code = first & (sequence === 2 ? 0x1f : sequence === 3 ? 0x0f : 0x07);
    let valid = true;
    for (let i = 1; i < sequence; i++) {
      const next = bytes[at + i] as number;
      if ((next & 0xc0) !== 0x80) {
        valid = false;
        break;
      }
      code = (code << 6) | (next & 0x3f);
    }
    if (valid && code >= 0x80 && code <= 0x10ffff) return { char: String.fromCodePoint(code), length: sequence };
  }
  if (first >= 0x80 && first <= 0x9f) return { char: WINDOWS_1252_HIGH[first - 0x80] as string, length: 1 };
  return { char: String.fromCharCode(first), length: 1 };
}

/** `"’" (U+2019)`, or `byte 0x07` for a control character. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) as number;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return `the control character U+${hex}`;
  return `"${char}" (U+${hex})`;
}

/** What to write instead, in an ASCII document. */
export function asciiAdvice(char: string): string {
  const code = char.codePointAt(0) as number;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return 'remove it';
  const replacement = toAscii(char).text;
  if (replacement === '') return 'remove it';
  return replacement === '?' ? 'spell it in ASCII' : `write ${JSON.stringify(replacement)} instead`;
}
