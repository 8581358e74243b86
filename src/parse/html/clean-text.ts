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
import { mapSymbolFontText, type SymbolFontName } from '../../core/check-marks.js';

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

/** Which symbol font a piece of text is set in (null: an ordinary text font). */
export type SymbolFont = SymbolFontName | null;
export const FONT_TEXT: SymbolFont = null;

/** Maps text set in a symbol font to the Unicode characters it shows (the table is the check-mark vocabulary's). */
export function mapSymbolFont(text: string, font: SymbolFont): string {
  return mapSymbolFontText(text, font);
}

/** Collapses runs of white space (non-breaking spaces included) to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return text.replace(SPACING, ' ').trim();
}

/** White space that is not already a single space: runs of two or more, or one tab, newline, NBSP… */
const SPACING = /\s\s+|[^\S ]/g;
