/**
 * The one check-mark vocabulary of edgarkit: how covers draw a marked and an empty box. The HTML and ASCII
 * parsers detect check-box devices with it and the form extractors read answers with it, so a glyph, a font or an
 * image name is known in one place.
 *
 *   glyphs         ☒ ☑ ⌧ ✓ ✔ ✗ ✘ √ ⊠ (&#8864;) marked · ☐ ❑ □ ◻ ❏ ▢ ⃞ (&#8414;) empty
 *   symbol fonts   Wingdings x ý þ ü û marked, o ¨ q empty · Wingdings 2 S T R Q P O marked, * £ empty ·
 *                  Webdings a marked, c empty · Symbol Ö (√) marked
 *   images         names or alt text with check / ballot / box (unchecked, empty, off → empty)
 *   text           [X] [ ] (X) ( ) _X_ ___ X, dotted leaders with an X inside (`. . X . .`)
 */

/** Glyphs that draw a marked box or a mark. */
export const MARKED_GLYPHS = '☒☑⌧✓✔✗✘√⊠';
/** Glyphs that draw an empty box (U+20DE is the combining enclosing square `&#8414;`, drawn alone). */
export const EMPTY_GLYPHS = '☐❑□◻❏▢\u20de';

/** True for a marked glyph, false for an empty box glyph, null for any other character. */
export function glyphMark(code: number): boolean | null {
  const char = String.fromCharCode(code);
  if (MARKED_GLYPHS.includes(char)) return true;
  if (EMPTY_GLYPHS.includes(char)) return false;
  return null;
}

/** A character that stands for a symbol-font glyph that did not survive conversion: U+FFFD or the private use area. */
export function isUnknownGlyph(code: number): boolean {
  return code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || (code >= 0xd800 && code <= 0xdfff);
}

/** The symbol fonts whose letters filers use for boxes. */
export type SymbolFontName = 'wingdings' | 'wingdings 2' | 'webdings' | 'symbol';

/** Which symbol font a CSS font-family or `face` names, if any (the first one named wins; Wingdings 3 draws arrows). */
export function symbolFontOf(family: string): SymbolFontName | null {
  for (const name of family.toLowerCase().split(',')) {
    const font = name.replace(/["']/g, '').trim();
    if (/(?:^|\s)wingdings\s*2$/.test(font)) return 'wingdings 2';
    if (/(?:^|\s)wingdings$/.test(font)) return 'wingdings';
    if (/(?:^|\s)webdings$/.test(font)) return 'webdings';
    if (/(?:^|\s)symbol$/.test(font)) return 'symbol';
  }
  return null;
}

/** What the letters of each symbol font draw, where they draw a box, a mark or a bullet. */
export const SYMBOL_FONT_GLYPHS: Readonly<Record<SymbolFontName, Readonly<Record<string, string>>>> = {
  wingdings: {
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
  },
  'wingdings 2': {
    '*': '☐', // 0x2A white square, the usual empty box
    '£': '☐', // 0xA3 white square
    O: '✗', // 0x4F ballot X
    P: '✓', // 0x50 check mark
    Q: '☒', // 0x51 ballot box with X
    R: '☑', // 0x52 ballot box with check
    S: '☒', // 0x53 ballot box with X
    T: '☒', // 0x54 ballot box with bold X
  },
  webdings: {
    a: '✓', // 0x61 check mark
    c: '☐', // 0x63 white square
  },
  symbol: {
    Ö: '√', // 0xD6 radical sign, used as a check mark
  },
};

/** Maps text set in a symbol font to the Unicode characters it shows; characters without a mapping stay. */
export function mapSymbolFontText(text: string, font: SymbolFontName | null): string {
  if (font === null) return text;
  const table = SYMBOL_FONT_GLYPHS[font];
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    // Word writes symbol-font characters as U+F000 plus the font's code.
    const key = code >= 0xf020 && code <= 0xf0ff ? String.fromCharCode(code - 0xf000) : char;
    out += table[key] ?? char;
  }
  return out;
}

/** The mark an image draws, from its file name and alt text: `ballotx.jpg`, `check.gif`, `uncheck.gif`, `box_checked.png`… */
export function imageMark(source: string, alt: string): '☒' | '☐' | null {
  const lower = source.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1).replace(/\.[a-z0-9]+$/, '');
  const text = `${name} ${alt.toLowerCase()}`;
  if (/uncheck|unmark|empty|blank|_off\b|\boff\b/.test(text)) return /ballot|check|box/.test(text) ? '☐' : null;
  if (/ballot_?x|checked|^check\b|^tick|checkbox_?x|box_?x\b|xbox|_on\b|marked/.test(text)) return '☒';
  if (/ballot|checkbox|^box\b/.test(text)) return '☐';
  return null;
}

/** A mark written in plain text, as one word of a cover's answer region. */
export type TextMark = {
  readonly marked: boolean /** A bare blank or leader: a box only where a question expects one. */;
  readonly weak: boolean;
};

const BRACKETED = /^[[(]\s*([xX✓√☒☑]?)\s*[\])]$/;
const UNDERSCORED = /^_*([xX✓√])?_*$/;
const LEADER = /^(?:\.\s?)*(?:[xX✓√]\s?)?(?:\.\s?)*$/;

/** Reads one word of text as a mark: `[X]`, `[ ]`, `(X)`, `_X_`, `___`, `X`, a glyph, a dotted leader with or without an X. */
export function textMark(word: string): TextMark | null {
  if (word.length === 1) {
    const code = word.charCodeAt(0);
    const glyph = glyphMark(code);
    if (glyph !== null) return { marked: glyph, weak: false };
    if (isUnknownGlyph(code)) return { marked: false, weak: true };
    if (word === 'X' || word === 'x') return { marked: true, weak: false };
    return null;
  }
  const bracketed = BRACKETED.exec(word);
  if (bracketed) return word.startsWith('(') && bracketed[1] === '' ? null : { marked: bracketed[1] !== '', weak: false };
  if (word.includes('_')) {
    const underscored = UNDERSCORED.exec(word);
    if (underscored && word.replace(/[^_]/g, '').length >= 2)
      return { marked: underscored[1] !== undefined, weak: underscored[1] === undefined };
  }
  if (word.includes('.') && LEADER.test(word)) {
    const dots = word.replace(/[^.]/g, '').length;
    const marked = /[xX✓√]/.test(word);
    if (dots >= 2) return { marked, weak: !marked };
  }
  return null;
}
