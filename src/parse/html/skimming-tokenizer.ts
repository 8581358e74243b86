/**
 * htmlparser2's `Tokenizer`, skimming over the characters its states would look at one by one and do nothing with.
 *
 * The tokenizer's `parse` loop takes every character of the input through a `switch` on its state. In text and in
 * quoted attribute values, only `<` / the closing quote and `&` (an entity, when entities are decoded) do anything;
 * every other character is passed over. EDGAR HTML is mostly such runs (text, and long `style="…"` values), so
 * here those states jump to the next character that matters with `indexOf`, which scans far faster than the loop.
 * `fastForwardTo` (comments, `<script>`/`<style>` bodies, the rest of an end tag) does the same. The events, their
 * offsets and their order are the tokenizer's own: only characters that no state acts on are skipped.
 *
 *   > | <td style="padding:0 2pt;vertical-align:bottom">Net income &amp; other</td>
 *                  ^ one look for `"` or `&`              ^ one look for `<` or `&`
 *
 * The states are private in htmlparser2's types (public at run time), so they are set on this class's prototype.
 */
import { Tokenizer } from 'htmlparser2';

const LT = 0x3c;
const AMP = 0x26;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** The tokenizer's state read and written here (private in its types). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  sectionStart: number;
  readonly cbs: { ontext(start: number, endIndex: number): void; ontextentity(codepoint: number, endIndex: number): void };
  readonly decodeEntities: boolean;
  readonly xmlMode: boolean;
  /** The `offset` of the buffer `nextAmp` was found in (each written chunk has its own), and the place in it of the next `&` found (-1: none after). */
  ampOffset: number;
  nextAmp: number;
}

/** The tokenizer's own state handlers, as the prototype holds them. */
interface TokenizerStates {
  stateText(this: TokenizerInternals, c: number): void;
  stateInAttributeValueDoubleQuotes(this: TokenizerInternals, c: number): void;
  stateInAttributeValueSingleQuotes(this: TokenizerInternals, c: number): void;
  fastForwardTo(this: TokenizerInternals, c: number): boolean;
}

/**
 * Moves `index` to just before the next `stop` or (when entities are decoded) `&` after it, or to the end of the
 * buffer: the `parse` loop then steps onto that character, as it would have after passing over each one.
 */
function skipTo(tokenizer: TokenizerInternals, stop: string): void {
  const buffer = tokenizer.buffer;
  const from = tokenizer.index - tokenizer.offset + 1;
  let next = buffer.indexOf(stop, from);
  if (tokenizer.decodeEntities) {
    // The next `&` is remembered until it is passed, so text with one `&` far ahead is not scanned again to it
    // from every `<`: the look-ups stay linear in all. The index only moves forward within a buffer.
    let amp = tokenizer.nextAmp;
    if (tokenizer.ampOffset !== tokenizer.offset || (amp !== -1 && amp < from)) {
      amp = buffer.indexOf('&', from);
      tokenizer.nextAmp = amp;
      tokenizer.ampOffset = tokenizer.offset;
    }
    if (amp !== -1 && (next === -1 || amp < next)) next = amp;
  }
  tokenizer.index = (next === -1 ? buffer.length : next) + tokenizer.offset - 1;
}

const NO_BREAK_SPACE = 0xa0;
const NO_BREAK_SPACE_LENGTH = 6;

/** `&nbsp;` or `&#160;` at `at`, whole in this buffer (an entity cut by the end of a chunk is left to the decoder). */
function isNoBreakSpace(buffer: string, at: number): boolean {
  if (at + NO_BREAK_SPACE_LENGTH > buffer.length || buffer.charCodeAt(at + 5) !== 0x3b /* ; */) return false;
  const first = buffer.charCodeAt(at + 1);
  if (first === 0x6e /* n */) return buffer.startsWith('nbsp', at + 1);
  return first === 0x23 /* # */ && buffer.startsWith('160', at + 2);
}

export class SkimmingTokenizer extends Tokenizer {
  /** See `TokenizerInternals`. */
  protected ampOffset = -1;
  protected nextAmp = -1;
}

const base = Tokenizer.prototype as unknown as TokenizerStates;
const skimming = SkimmingTokenizer.prototype as unknown as TokenizerStates;

skimming.stateText = function stateText(c) {
  if (c === AMP && this.decodeEntities && !this.xmlMode && isNoBreakSpace(this.buffer, this.index - this.offset)) {
    // `&nbsp;` and `&#160;` are most of EDGAR's entities: what the HTML entity decoder would give for them (a no-break
    // space, six characters consumed), given without it. (XML knows no `&nbsp;`: there the decoder decides.)
    if (this.sectionStart < this.index) this.cbs.ontext(this.sectionStart, this.index);
    this.sectionStart = this.index + NO_BREAK_SPACE_LENGTH;
    this.index = this.sectionStart - 1;
    this.cbs.ontextentity(NO_BREAK_SPACE, this.sectionStart);
  } else if (c === LT || c === AMP) base.stateText.call(this, c);
  else skipTo(this, '<');
};

skimming.stateInAttributeValueDoubleQuotes = function stateInAttributeValueDoubleQuotes(c) {
  if (c === DOUBLE_QUOTE || c === AMP) base.stateInAttributeValueDoubleQuotes.call(this, c);
  else skipTo(this, '"');
};

skimming.stateInAttributeValueSingleQuotes = function stateInAttributeValueSingleQuotes(c) {
  if (c === SINGLE_QUOTE || c === AMP) base.stateInAttributeValueSingleQuotes.call(this, c);
  else skipTo(this, "'");
};

skimming.fastForwardTo = function fastForwardTo(c) {
  const buffer = this.buffer;
  const found = buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
  if (found !== -1) {
    this.index = found + this.offset;
    return true;
  }
  this.index = buffer.length + this.offset - 1;
  return false;
};
