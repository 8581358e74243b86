import type { Diagnostic } from '../../core/diagnostic.js';

const SPACE = 0x20;
const NO_BREAK_SPACE = 0xa0;

/**
 * The lines of a range of a document's text, as offsets found with `indexOf('\n')`.
 * Columns are counted from `start[i]`; every offset is a character offset into the document.
 */
export interface TextLines {
  readonly count: number;
  /** First character of each line. */
  readonly start: Int32Array;
  /** After the last character of each line, before its `\n`. */
  readonly end: Int32Array;
  /** First non-blank character, or `end` for a blank line. */
  readonly inkStart: Int32Array;
  /** After the last non-blank character (a trailing `\r` is blank), or `end` for a blank line. */
  readonly inkEnd: Int32Array;
  /** What the line holds, as `LINE_*` bits, found in the same pass. */
  readonly flags: Uint8Array;
  /**
   * The longest run of blanks between the first and last non-blank characters: 0, 1, or 2 and more. The
   * exact length of a longer run is measured on demand by `gapOf`.
   */
  readonly maxGap: Uint16Array;
}

/** Only rule characters (`-`, `=`, `_`, `*`, three or more) and blanks, `|`, `+`. */
export const LINE_RULE = 1;
/** A digit somewhere (noted only on lines looked at closely; ask `lineHasDigit`). */
export const LINE_DIGIT = 2;
/** A character that may open a check box: `[`, `|`, `\`, `(` before a blank, `X` or `_`, or `☐☑☒`. */
export const LINE_BOX = 4;
/** A blank other than the space inside the text (tab, no-break space…): collapse before use. */
export const LINE_ODD_BLANK = 8;
/** Starts with `<`: may be a tag line. */
export const LINE_TAG = 16;
/** `maxGap` holds the measured gap (see `gapOf`). */
const LINE_GAP_MEASURED = 32;

/** Everything the block builders share while reading one document. */
export interface TextContext {
  readonly text: string;
  readonly lines: TextLines;
  /** The document's text width in columns (most lines end before it), used to judge centring and wrapping. */
  readonly width: number;
  readonly diagnostics: Diagnostic[];
}

/** Space, tab, `\r`, form feed and the other control characters, and no-break space, count as blank. */
export function isBlankCode(code: number): boolean {
  return code <= SPACE || code === NO_BREAK_SPACE;
}

/**
 * The next place of `needle` at or after a position, remembered so that a scan that moves forward line by
 * line searches each stretch of text once (`indexOf` runs at memory speed; a loop over every character
 * would not).
 */
class Finder {
  private from = Number.POSITIVE_INFINITY;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** `needle` occurs in `[a, b)`. */
  within(a: number, b: number): boolean {
    if (a < this.from || (this.found !== -1 && this.found < a)) {
      this.from = a;
      this.found = this.text.indexOf(this.needle, a);
    }
    return this.found !== -1 && this.found + this.needle.length <= b;
  }
}

/** Characters that make a line worth a closer look: runs of blanks, odd blanks, check-box characters. */
const WATCHED = ['\t', '\u00a0', '\r', '\f', '[', '|', '\\', '( ', '(X', '(_', '\u2610', '\u2611', '\u2612'];

let lineFlags = 0;
let lineGap = 0;

/** Flags and longest inner blank run of `text[a, b)`, a trimmed line, into `lineFlags` and `lineGap`. */
function analyzeLine(text: string, a: number, b: number): void {
  let f = 0;
  let ruleChars = 0;
  let other = 0;
  let gap = 0;
  let run = 0;
  for (let p = a; p < b; p++) {
    const c = text.charCodeAt(p);
    if (c >= 0x61 && c <= 0x7a) {
      if (run !== 0) {
        if (run > gap) gap = run;
        run = 0;
      }
      other++;
      continue;
    }
    if (c === 0x20) {
      run++;
      continue;
    }
    if (run !== 0) {
      if (run > gap) gap = run;
      run = 0;
    }
    if (c === 0x2d || c === 0x3d || c === 0x5f || c === 0x2a) ruleChars++;
    else if (c >= 0x30 && c <= 0x39) {
      f |= LINE_DIGIT;
      other++;
    } else if (c === 0x7c || c === 0x2b) f |= LINE_BOX;
    else if (c <= 0x20 || c === NO_BREAK_SPACE) {
      f |= LINE_ODD_BLANK;
      run = 1;
    } else {
      other++;
      if (c === 0x5b || c === 0x5c || (c >= 0x2610 && c <= 0x2612)) f |= LINE_BOX;
      else if (c === 0x28) {
        const next = text.charCodeAt(p + 1);
        if (next === 0x20 || next === 0x58 || next === 0x5f) f |= LINE_BOX;
      }
    }
  }
  if (other === 0 && (ruleChars >= 3 || (ruleChars >= 2 && b - a === ruleChars))) f |= LINE_RULE;
  lineFlags = f;
  lineGap = Math.min(gap, 65535);
}

/** `maxGap` of a line with a run of two blanks or more that has not been measured yet. */
const GAP_UNMEASURED = 2;

/**
 * The longest run of blanks inside line `i`, measured once on first asking. `maxGap[i]` alone tells
 * whether it is 0, 1 or at least 2, which is all most callers need.
 */
export function gapOf(text: string, lines: TextLines, i: number): number {
  const known = lines.maxGap[i] ?? 0;
  if (known !== GAP_UNMEASURED || ((lines.flags[i] ?? 0) & LINE_GAP_MEASURED) !== 0) return known;
  const a = lines.inkStart[i] ?? 0;
  const b = lines.inkEnd[i] ?? 0;
  let gap = 0;
  let p = text.indexOf('  ', a);
  while (p !== -1 && p < b) {
    let q = p + 2;
    while (q < b && text.charCodeAt(q) === 0x20) q++;
    if (q - p > gap) gap = q - p;
    p = text.indexOf('  ', q);
  }
  const measured = Math.max(2, Math.min(gap, 65535));
  lines.maxGap[i] = measured;
  lines.flags[i] = (lines.flags[i] ?? 0) | LINE_GAP_MEASURED;
  return measured;
}

function nearestOf(found: readonly number[]): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (const at of found) if (at !== -1 && at < nearest) nearest = at;
  return nearest;
}

function isRuleCode(c: number): boolean {
  return c === 0x2d || c === 0x3d || c === 0x5f || c === 0x2a || c === 0x7c || c === 0x2b;
}

/**
 * Split `text[from, to)` into lines and note what each holds. Only lines that may be rules, or that hold a
 * run of blanks, an odd blank or a check-box character, are looked at character by character.
 */
export function scanLines(text: string, from: number, to: number): TextLines {
  let count = 1;
  for (let p = text.indexOf('\n', from); p !== -1 && p < to; p = text.indexOf('\n', p + 1)) count++;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const inkStart = new Int32Array(count);
  const inkEnd = new Int32Array(count);
  const flags = new Uint8Array(count);
  const maxGap = new Uint16Array(count);
  // Next place of each watched string at or after the line being read, and the nearest of them: most
  // lines end before it and need no look at all.
  const found = WATCHED.map((needle) => text.indexOf(needle, from));
  let nearest = nearestOf(found);
  const doubleBlank = new Finder(text, '  ');
  const blank = new Finder(text, ' ');
  let lineStart = from;
  for (let i = 0; i < count; i++) {
    let lineEnd = i === count - 1 ? to : text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    let a = lineStart;
    while (a < lineEnd && isBlankCode(text.charCodeAt(a))) a++;
    let b = lineEnd;
    if (a === lineEnd) b = a;
    else while (b > a && isBlankCode(text.charCodeAt(b - 1))) b--;
    start[i] = lineStart;
    end[i] = lineEnd;
    inkStart[i] = a;
    inkEnd[i] = b;
    if (b > a) {
      const first = text.charCodeAt(a);
      if (nearest < a) {
        for (let k = 0; k < found.length; k++) {
          const at = found[k] as number;
          if (at !== -1 && at < a) found[k] = text.indexOf(WATCHED[k] as string, a);
        }
        nearest = nearestOf(found);
      }
      let look = isRuleCode(first);
      if (!look && nearest < b) {
        for (let k = 0; !look && k < found.length; k++) {
          const at = found[k] as number;
          look = at !== -1 && at + (WATCHED[k] as string).length <= b;
        }
      }
      if (look) {
        analyzeLine(text, a, b);
        flags[i] = lineFlags | LINE_GAP_MEASURED | (first === 0x3c ? LINE_TAG : 0);
        maxGap[i] = lineGap;
      } else {
        flags[i] = first === 0x3c ? LINE_TAG : 0;
        // A run of two blanks or more: measured when someone asks (`gapOf`).
        if (doubleBlank.within(a, b)) maxGap[i] = GAP_UNMEASURED;
        else maxGap[i] = blank.within(a, b) ? 1 : 0;
      }
    }
    lineStart = lineEnd + 1;
  }
  return { count, start, end, inkStart, inkEnd, flags, maxGap };
}

export function isBlankLine(lines: TextLines, i: number): boolean {
  return lines.inkStart[i] === lines.inkEnd[i];
}

/** Column of the first non-blank character. */
export function indentOf(lines: TextLines, i: number): number {
  return (lines.inkStart[i] ?? 0) - (lines.start[i] ?? 0);
}

/** Column after the last non-blank character. */
export function widthOf(lines: TextLines, i: number): number {
  return (lines.inkEnd[i] ?? 0) - (lines.start[i] ?? 0);
}

/** The SGML-like tags that structure a legacy ASCII document when they stand alone on a line. */
export type LineTag = 'page' | 'table' | 'table-end' | 'caption' | 'fn' | 'marker';

/**
 * Which structural tag, if any, a line is. Tags are matched case-insensitively on the trimmed line:
 * ```
 * > | <TABLE>
 *     ^ '<' starts the check; anything else is text
 * ```
 */
export function lineTag(text: string, lines: TextLines, i: number): LineTag | null {
  if (((lines.flags[i] ?? 0) & LINE_TAG) === 0) return null;
  const a = lines.inkStart[i] ?? 0;
  const b = lines.inkEnd[i] ?? 0;
  if (b - a < 3 || text.charCodeAt(a) !== 0x3c) return null;
  const n = b - a;
  if (n === 6 && equalsIgnoreCase(text, a, '<page>')) return 'page';
  if (n === 7 && equalsIgnoreCase(text, a, '<table>')) return 'table';
  if (n === 8 && equalsIgnoreCase(text, a, '</table>')) return 'table-end';
  if (n === 9 && equalsIgnoreCase(text, a, '<caption>')) return 'caption';
  if (n >= 4 && equalsIgnoreCase(text, a, '<fn>')) return 'fn';
  if (isMarkerLine(text, a, b)) return 'marker';
  return null;
}

/** Column positions of the `<S>`/`<C>` markers on a marker line. */
export function markerStops(text: string, lines: TextLines, i: number): number[] {
  const stops: number[] = [];
  const lineStart = lines.start[i] ?? 0;
  const b = lines.inkEnd[i] ?? 0;
  for (let p = lines.inkStart[i] ?? 0; p < b; p++) {
    if (text.charCodeAt(p) === 0x3c) stops.push(p - lineStart);
  }
  return stops;
}

/** A line made only of `<S>` and `<C>` markers (any case) and blanks. */
function isMarkerLine(text: string, a: number, b: number): boolean {
  let p = a;
  let markers = 0;
  while (p < b) {
    const c = text.charCodeAt(p);
    if (isBlankCode(c)) {
      p++;
      continue;
    }
    if (c !== 0x3c || p + 3 > b || text.charCodeAt(p + 2) !== 0x3e) return false;
    const letter = text.charCodeAt(p + 1) | 0x20;
    if (letter !== 0x73 && letter !== 0x63) return false;
    markers++;
    p += 3;
  }
  return markers > 0;
}

/** `text[at, at + lower.length)` equals `lower` ignoring ASCII case. */
export function equalsIgnoreCase(text: string, at: number, lower: string): boolean {
  if (at + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    let c = text.charCodeAt(at + k);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== lower.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * A rule line: only `-`, `=`, `_` or `*` runs (at least three of them in all), blanks, and the `|` and `+`
 * of boxes drawn around tables, as drawn under headings, between table sections and across cover pages.
 */
export function isRuleLine(_text: string, lines: TextLines, i: number): boolean {
  return ((lines.flags[i] ?? 0) & LINE_RULE) !== 0;
}

export function lineHasDigit(text: string, lines: TextLines, i: number): boolean {
  const b = lines.inkEnd[i] ?? 0;
  for (let p = lines.inkStart[i] ?? 0; p < b; p++) {
    const c = text.charCodeAt(p);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

export function hasFlag(lines: TextLines, i: number, flag: number): boolean {
  return ((lines.flags[i] ?? 0) & flag) !== 0;
}

/**
 * The text of `[from, to)` within line `i`, blanks collapsed; cheap when the line has no runs of blanks.
 */
export function lineSlice(text: string, lines: TextLines, i: number, from: number, to: number): string {
  const s = text.slice(from, to);
  if ((lines.maxGap[i] ?? 0) < 2 && ((lines.flags[i] ?? 0) & LINE_ODD_BLANK) === 0) return s;
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Runs of rule characters on a rule line, as column ranges; runs of one character (`- ---`, PEM escaping) are left out. */
export function ruleRuns(text: string, lines: TextLines, i: number): Array<{ start: number; end: number }> {
  const runs: Array<{ start: number; end: number }> = [];
  const lineStart = lines.start[i] ?? 0;
  const b = lines.inkEnd[i] ?? 0;
  let p = lines.inkStart[i] ?? 0;
  while (p < b) {
    if (isBlankCode(text.charCodeAt(p))) {
      p++;
      continue;
    }
    const s = p;
    while (p < b && !isBlankCode(text.charCodeAt(p))) p++;
    if (p - s >= 2) runs.push({ start: s - lineStart, end: p - lineStart });
  }
  return runs;
}
