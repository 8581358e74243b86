/**
 * What an element's name, attributes and inline `style` mean for the text inside it.
 *
 * Only the few properties that change the document model are read: hidden content, page breaks,
 * alignment, bold, underline, symbol fonts (Wingdings check boxes), cell borders and rule widths.
 * Inherited properties are copied from the parent frame and overridden by the element.
 */

import { symbolFontOf } from '../../core/check-marks.js';
import type { Alignment } from '../../model/document.js';
import { FONT_TEXT, type SymbolFont } from './clean-text.js';

/** One open element, as the model builder tracks it. Frames are reused once their element closes. */
export interface Frame {
  name: string;
  /** Offset of the element's `<` in the source. */
  start: number;
  // Inherited:
  hidden: boolean;
  bold: boolean;
  underline: boolean;
  font: SymbolFont;
  align: Alignment | null;
  /** 1–6 inside `<h1>`…`<h6>`, else 0. */
  heading: number;
  pre: boolean;
  // The element's own:
  breakBefore: boolean;
  breakAfter: boolean;
  /** A bottom border (or box) on the element: an empty underlined table cell is a blank check box. */
  bordered: boolean;
  /** `width` as a percentage when given as one (read for `<hr>` only), else -1. */
  widthPercent: number;
  /** What the builder opened for this element (a table, row, cell, list…), closed with it. */
  role: number;
}

/** The attributes the model reads; the rest are never collected. */
export interface ElementAttributes {
  style: string | undefined;
  align: string | undefined;
  face: string | undefined;
  width: string | undefined;
  colspan: string | undefined;
  rowspan: string | undefined;
  src: string | undefined;
  alt: string | undefined;
}

export function emptyAttributes(): ElementAttributes {
  return {
    style: undefined,
    align: undefined,
    face: undefined,
    width: undefined,
    colspan: undefined,
    rowspan: undefined,
    src: undefined,
    alt: undefined,
  };
}

/** Keeps `value` when `name` is an attribute the model reads (the first of duplicates wins, as in HTML). */
export function collectAttribute(attributes: ElementAttributes, name: string, value: string): void {
  // One named property per case: `attributes[name]` with a name the parser has just sliced is a keyed access that
  // looks the name up each time.
  switch (name) {
    case 'style':
      if (attributes.style === undefined) attributes.style = value;
      break;
    case 'align':
      if (attributes.align === undefined) attributes.align = value;
      break;
    case 'face':
      if (attributes.face === undefined) attributes.face = value;
      break;
    case 'width':
      if (attributes.width === undefined) attributes.width = value;
      break;
    case 'colspan':
      if (attributes.colspan === undefined) attributes.colspan = value;
      break;
    case 'rowspan':
      if (attributes.rowspan === undefined) attributes.rowspan = value;
      break;
    case 'src':
      if (attributes.src === undefined) attributes.src = value;
      break;
    case 'alt':
      if (attributes.alt === undefined) attributes.alt = value;
      break;
  }
}

/** Elements whose content is never part of the text. */
const HIDDEN_ELEMENTS = new Set(['head', 'script', 'style', 'title', 'noscript', 'template', 'ix:header', 'object']);

const HEADINGS: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

export function rootFrame(): Frame {
  return {
    name: '#root',
    start: 0,
    hidden: false,
    bold: false,
    underline: false,
    font: FONT_TEXT,
    align: null,
    heading: 0,
    pre: false,
    breakBefore: false,
    breakAfter: false,
    bordered: false,
    widthPercent: -1,
    role: 0,
  };
}

/**
 * Fills `frame` for an element opened inside `parent` (`frame` is a new or recycled object, never
 * `parent` itself).
 */
export function openFrame(frame: Frame, parent: Frame, name: string, attributes: Readonly<ElementAttributes>, start: number): Frame {
  frame.name = name;
  frame.start = start;
  frame.hidden = parent.hidden;
  frame.bold = parent.bold;
  frame.underline = parent.underline;
  frame.font = parent.font;
  frame.align = parent.align;
  frame.heading = parent.heading;
  frame.pre = parent.pre;
  frame.breakBefore = false;
  frame.breakAfter = false;
  frame.bordered = false;
  frame.widthPercent = -1;
  frame.role = 0;
  if (frame.hidden) return frame;
  if (HIDDEN_ELEMENTS.has(name)) {
    frame.hidden = true;
    return frame;
  }
  switch (name) {
    case 'b':
    case 'strong':
      frame.bold = true;
      break;
    case 'u':
    case 'ins':
      frame.underline = true;
      break;
    case 'center':
      frame.align = 'center';
      break;
    case 'pre':
    case 'xmp':
    case 'listing':
    case 'plaintext':
      frame.pre = true;
      break;
    case 'th':
      frame.bold = true;
      frame.align = 'center';
      break;
    case 'font': {
      const face = attributes.face;
      if (face !== undefined) frame.font = symbolFont(face.toLowerCase());
      break;
    }
    default: {
      const level = HEADINGS[name];
      if (level !== undefined) {
        frame.heading = level;
        frame.bold = true;
      }
    }
  }
  const align = attributes.align;
  if (align !== undefined && name !== 'table' && name !== 'img' && name !== 'hr') frame.align = alignment(align.toLowerCase(), frame.align);
  if (name === 'hr') {
    const width = attributes.width;
    if (width !== undefined) frame.widthPercent = percent(width);
  }
  const style = attributes.style;
  if (style !== undefined && style.length > 0) applyStyle(frame, readStyle(style));
  return frame;
}

function alignment(value: string, inherited: Alignment | null): Alignment | null {
  const found = alignmentOf(value);
  return found === undefined ? inherited : found;
}

/** An `align` or `text-align` value: null for `justify` (ordinary flow), undefined when not one we know. */
function alignmentOf(value: string): Alignment | null | undefined {
  switch (value.trim()) {
    case 'left':
    case 'start':
      return 'left';
    case 'center':
    case 'middle':
      return 'center';
    case 'right':
    case 'end':
      return 'right';
    case 'justify':
      return null;
    default:
      return undefined;
  }
}

function symbolFont(family: string): SymbolFont {
  return symbolFontOf(family);
}

function percent(width: string): number {
  const match = /^\s*([\d.]+)\s*%/.exec(width);
  return match ? Number.parseFloat(match[1] ?? '') : -1;
}

/** What a `style` attribute says, for the properties read; `undefined` where it says nothing. */
interface StyleEffect {
  readonly hidden: boolean;
  readonly breakBefore: boolean;
  readonly breakAfter: boolean;
  readonly align: Alignment | null | undefined;
  readonly bold: boolean | undefined;
  readonly font: SymbolFont | undefined;
  readonly underline: boolean | undefined;
  readonly bordered: boolean;
  readonly widthPercent: number;
}

const DISPLAY_NONE = /(?:^|[;\s])display\s*:\s*none/;
const VISIBILITY_HIDDEN = /(?:^|[;\s])visibility\s*:\s*hidden/;
const BREAK_BEFORE = /(?:page-)?break-before\s*:\s*(?:always|page)/;
const BREAK_AFTER = /(?:page-)?break-after\s*:\s*(?:always|page)/;
const TEXT_ALIGN = /text-align\s*:\s*([a-z-]+)/;
const FONT_WEIGHT = /font-weight\s*:\s*([a-z0-9]+)/;
const FONT_SHORTHAND = /(?:^|[;\s])font\s*:([^;]*)/;
const FONT_FAMILY = /font-family\s*:([^;]*)/;
const TEXT_DECORATION = /text-decoration(?:-line)?\s*:([^;]*)/;
const BORDER_BOTTOM = /border(?:-bottom)?(?:-style)?\s*:([^;]*)/g;
const WIDTH = /(?:^|[;\s])width\s*:\s*([\d.]+)\s*%/;

/** Documents repeat the same few style strings thousands of times: each is read once. */
const styleCache = new Map<string, StyleEffect>();
const STYLE_CACHE_LIMIT = 4096;

/** The last style read: runs of elements with the same style are common (every cell of a row). */
let lastRaw = '';
let lastEffect: StyleEffect | null = null;

/**
 * A direct-mapped table in front of the `Map`: each value the parser slices is a new string whose hash V8 computes
 * over all its characters at the first look-up (about 60 of the 100 ns a look-up took); a slot chosen from its length
 * and five of its characters, then one comparison, finds most styles without it.
 */
const SLOTS = 1024;
const slotRaw: string[] = new Array<string>(SLOTS).fill('');
const slotEffect: (StyleEffect | null)[] = new Array<StyleEffect | null>(SLOTS).fill(null);

/** The slot of a non-empty style string. */
function slotOf(raw: string): number {
  const length = raw.length;
  let hash = length;
  hash = (hash * 31 + raw.charCodeAt(0)) | 0;
  hash = (hash * 31 + raw.charCodeAt(length >> 2)) | 0;
  hash = (hash * 31 + raw.charCodeAt(length >> 1)) | 0;
  hash = (hash * 31 + raw.charCodeAt((length * 3) >> 2)) | 0;
  hash = (hash * 31 + raw.charCodeAt(length - 1)) | 0;
  return (hash ^ (hash >>> 10)) & (SLOTS - 1);
}

function readStyle(raw: string): StyleEffect {
  if (raw === lastRaw && lastEffect !== null) return lastEffect;
  const slot = slotOf(raw);
  let effect = slotRaw[slot] === raw ? slotEffect[slot] : null;
  if (effect === null || effect === undefined) {
    // Kept strings are copies: the parser's are slices that would hold their whole document in memory.
    const kept = ` ${raw}`.slice(1);
    effect = styleCache.get(raw);
    if (effect === undefined) {
      effect = parseStyle(raw.toLowerCase());
      if (styleCache.size >= STYLE_CACHE_LIMIT) styleCache.clear();
      styleCache.set(kept, effect);
    }
    slotRaw[slot] = kept;
    slotEffect[slot] = effect;
  }
  lastRaw = raw;
  lastEffect = effect;
  return effect;
}

function parseStyle(style: string): StyleEffect {
  let hidden = false;
  let breakBefore = false;
  let breakAfter = false;
  let align: Alignment | null | undefined;
  let bold: boolean | undefined;
  let font: SymbolFont | undefined;
  let underline: boolean | undefined;
  let bordered = false;
  let widthPercent = -1;
  if (style.includes('display') && DISPLAY_NONE.test(style)) hidden = true;
  if (style.includes('visibility') && VISIBILITY_HIDDEN.test(style)) hidden = true;
  if (style.includes('break-')) {
    breakBefore = BREAK_BEFORE.test(style);
    breakAfter = BREAK_AFTER.test(style);
  }
  if (style.includes('text-align')) {
    const match = TEXT_ALIGN.exec(style);
    if (match) align = alignmentOf(match[1] ?? '');
  }
  if (style.includes('font')) {
    const shorthand = FONT_SHORTHAND.exec(style);
    if (shorthand) {
      const value = shorthand[1] ?? '';
      if (/\b(?:bold|bolder|[6-9]00)\b/.test(value)) bold = true;
      font = symbolFont(value);
    }
    const weight = FONT_WEIGHT.exec(style);
    if (weight) bold = boldWeight(weight[1] ?? '') ?? bold;
    const family = FONT_FAMILY.exec(style);
    if (family) font = symbolFont(family[1] ?? '');
  }
  if (style.includes('text-decoration')) {
    const match = TEXT_DECORATION.exec(style);
    if (match) underline = (match[1] ?? '').includes('underline');
  }
  if (style.includes('border')) {
    BORDER_BOTTOM.lastIndex = 0;
    for (let match = BORDER_BOTTOM.exec(style); match !== null; match = BORDER_BOTTOM.exec(style)) {
      const value = match[1] ?? '';
      if (/\b(?:solid|double|dotted|dashed|groove|ridge|inset|outset)\b/.test(value) && !/\bnone\b/.test(value)) {
        bordered = true;
        break;
      }
    }
  }
  if (style.includes('width')) {
    const match = WIDTH.exec(style);
    if (match) widthPercent = Number.parseFloat(match[1] ?? '');
  }
  return { hidden, breakBefore, breakAfter, align, bold, font, underline, bordered, widthPercent };
}

function applyStyle(frame: Frame, effect: StyleEffect): void {
  if (effect.hidden) {
    frame.hidden = true;
    return;
  }
  if (effect.breakBefore) frame.breakBefore = true;
  if (effect.breakAfter) frame.breakAfter = true;
  if (effect.align !== undefined) frame.align = effect.align;
  if (effect.bold !== undefined) frame.bold = effect.bold;
  if (effect.font !== undefined) frame.font = effect.font;
  if (effect.underline !== undefined) frame.underline = effect.underline;
  if (effect.bordered) frame.bordered = true;
  if (frame.name === 'hr' && effect.widthPercent !== -1) frame.widthPercent = effect.widthPercent;
}

/** True for bold weights, false for normal ones, undefined for what cannot be read. */
function boldWeight(value: string): boolean | undefined {
  if (value === 'bold' || value === 'bolder') return true;
  if (value === 'normal' || value === 'lighter') return false;
  const weight = Number.parseInt(value, 10);
  return Number.isNaN(weight) ? undefined : weight >= 600;
}
