/**
 * Text cleaning for HTML documents: what htmlparser2 hands over, made into clean Unicode.
 *
 * Entities are already decoded by htmlparser2 (numeric references in the C1 range 0x80–0x9F are
 * already mapped to their Windows-1252 characters by the `entities` decoder). What is left:
 * - raw C1 control characters (a Windows-1252 file read as Latin-1) → their Windows-1252 characters;
 * - zero-width spaces, joiners, byte-order marks and soft hyphens → removed;
 * - characters set in the Wingdings fonts → the Unicode characters they draw (check boxes, bullets).
 * Non-breaking spaces stay in piece text (they count as spacing when reading check boxes) and become
 * plain spaces when text is assembled.
 */

/** Windows-1252 characters for 0x80–0x9F; 0 where Windows-1252 leaves the code undefined. */
const WINDOWS_1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
] as const;

/** What `cleanText` changes, as the inside of a regular-expression character class. */
export const CLEANABLE_CHARACTERS = '\\u0080-\\u009f\\u00ad\\u200b-\\u200d\\u2060\\ufeff';
const NEEDS_CLEANING = new RegExp(`[${CLEANABLE_CHARACTERS}]`);
const CLEANABLE = new RegExp(`[${CLEANABLE_CHARACTERS}]`, 'g');

function replaceCleanable(found: string): string {
  const code = found.charCodeAt(0);
  if (code >= 0x80 && code <= 0x9f) {
    const mapped = WINDOWS_1252_C1[code - 0x80] ?? 0;
    return mapped === 0 ? '' : String.fromCharCode(mapped);
  }
  return '';
}

/** Returns `text` with C1 controls mapped and invisible characters removed (the same string when nothing changes). */
export function cleanText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text.replace(CLEANABLE, replaceCleanable);
}

/** True when `text` has a raw C1 control character (a sign of Windows-1252 text read as Latin-1). */
export function hasC1Controls(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80 && code <= 0x9f) return true;
  }
  return false;
}

/** Which symbol font a piece of text is set in. */
export type SymbolFont = 0 | 1 | 2;
export const FONT_TEXT: SymbolFont = 0;
export const FONT_WINGDINGS: SymbolFont = 1;
export const FONT_WINGDINGS_2: SymbolFont = 2;

/** Wingdings code points as filers use them: check boxes, check marks and bullets. */
const WINGDINGS: Readonly<Record<string, string>> = {
  o: '☐', // 0x6F white square, the usual empty box
  '¨': '☐', // 0xA8 white medium square
  q: '❑', // 0x71 shadowed white square
  x: '☒', // 0x78 ballot box with X
  ý: '☒', // 0xFD ballot box with X
  þ: '☑', // 0xFE ballot box with check
  ü: '✓', // 0xFC check mark
  û: '✗', // 0xFB ballot X
  n: '■', // 0x6E black square
  l: '●', // 0x6C black circle (bullet)
  '§': '▪', // 0xA7 small black square (bullet)
  Ø: '➢', // 0xD8 arrowhead (bullet)
  v: '❖', // 0x76 diamond (bullet)
};

/** Wingdings 2 code points for boxes and marks. */
const WINGDINGS_2: Readonly<Record<string, string>> = {
  '£': '☐', // 0xA3 white square
  O: '✗', // 0x4F ballot X
  P: '✓', // 0x50 check mark
  Q: '☒', // 0x51 ballot box with X
  R: '☑', // 0x52 ballot box with check
  S: '☒', // 0x53 ballot box with X
  T: '☒', // 0x54 ballot box with bold X
};

/** Maps text set in a Wingdings font to the Unicode characters it shows; characters without a mapping stay. */
export function mapSymbolFont(text: string, font: SymbolFont): string {
  if (font === FONT_TEXT) return text;
  const table = font === FONT_WINGDINGS ? WINGDINGS : WINGDINGS_2;
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    // Word writes symbol-font characters as U+F000 plus the font's code.
    const key = code >= 0xf020 && code <= 0xf0ff ? String.fromCharCode(code - 0xf000) : char;
    out += table[key] ?? char;
  }
  return out;
}

/** Collapses runs of white space (non-breaking spaces included) to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(SPACING, ' ').trim();
}

/** White space that is not already a single space: runs of two or more, or one tab, newline, NBSP… */
const SPACING = /\s\s+|[^\S ]/g;
