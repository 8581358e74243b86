import { EdgarSyntaxError } from '../../core/edgar-syntax-error.js';
import { locateOffset } from '../../core/location.js';

/**
 * A JSON number kept as its source text, because a JavaScript number cannot hold it exactly: an integer beyond
 * 2^53, a decimal with more significant digits than a double keeps, or a magnitude past a double's range.
 */
export class JsonDecimal {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toJSON(): string {
    return this.text;
  }
}

/** A parsed document, and where each object and array of it began (for errors found after parsing). */
export interface ExactJson {
  readonly value: unknown;
  /** The character offset of an object or array of `value`, or undefined for anything else. */
  offsetOf(container: object): number | undefined;
}

export interface ExactJsonOptions {
  /** Names the input in errors (`CIK0001318605.json`). */
  readonly source?: string;
  /** Objects and arrays nested deeper than this are refused (default 64; EDGAR's JSON goes 6 deep). */
  readonly maxDepth?: number;
}

const QUOTE = 0x22;
/** What a string's fast path cannot take: an escape or a raw control character. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this finds.
const SPECIAL_IN_STRING = /[\\\u0000-\u001f]/;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/**
 * Reads JSON (RFC 8259) as `JSON.parse` does, except that a number a double cannot hold exactly stays a
 * `JsonDecimal` with its text, so no value is rounded on the way in. Linear in the input; recursion is bounded by
 * `maxDepth`. A syntax error is an `EdgarSyntaxError` (`json/syntax`) with line, column and the path to the place
 * (`$.facts["us-gaap"].Revenues`). A key given twice in one object keeps the last value, as `JSON.parse` does.
 *
 * `JSON.parse` cannot give a number's text on Node 20 (its reviver has no `source` yet), and the YAML reader that
 * can keeps a node per value (several times slower on a 10 MB companyfacts; `bench/edgar-json-facts.ts`).
 */
export function parseExactJson(text: string, options: ExactJsonOptions = {}): ExactJson {
  const source = options.source ?? 'input.json';
  const maxDepth = options.maxDepth ?? 64;
  const offsets = new WeakMap<object, number>();
  const path: (string | number)[] = [];
  let at = 0;

  const fail = (reason: string, offset = at): never => {
    const { line, column } = locateOffset(text, offset);
    const found = offset >= text.length ? 'the end of the input' : JSON.stringify(text.slice(offset, offset + 12));
    throw new EdgarSyntaxError('json/syntax', `${jsonPath(path)}: ${reason}, found ${found}`, source, offset, line, column);
  };

  const skipSpace = (): void => {
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) at++;
      else return;
    }
  };

  const readString = (): string => {
    // > | "Revenues"
    //     ^
    const start = at;
    // Most strings hold no escape and no control character: found with one indexOf and one test.
    const quote = text.indexOf('"', at + 1);
    if (quote !== -1) {
      const body = text.slice(at + 1, quote);
      if (!SPECIAL_IN_STRING.test(body)) {
        at = quote + 1;
        return body;
      }
    }
    let index = at + 1;
    let plain = true;
    for (;;) {
      if (index >= text.length) fail('a string is never closed', start);
      const code = text.charCodeAt(index);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        plain = false;
        index += 2;
        continue;
      }
      if (code < 0x20) fail('a control character must be escaped inside a string', index);
      index++;
    }
    at = index + 1;
    const body = text.slice(start + 1, index);
    if (plain) return body;
    try {
      return JSON.parse(text.slice(start, at)) as string;
    } catch {
      return fail('a string holds an invalid escape', start);
    }
  };

  const readNumber = (): number | JsonDecimal => {
    // > | -862000000
    //     ^
    const start = at;
    if (text.charCodeAt(at) === MINUS) at++;
    const first = text.charCodeAt(at);
    if (first === DIGIT_0) at++;
    else if (first > DIGIT_0 && first <= DIGIT_9) at = skipDigits(text, at);
    else fail('expected a digit', at);
    if (text.charCodeAt(at) === DOT) {
      const digits = skipDigits(text, at + 1);
      if (digits === at + 1) fail('expected a digit after the decimal point', at + 1);
      at = digits;
    }
    const exponent = text.charCodeAt(at);
    if (exponent === LOWER_E || exponent === UPPER_E) {
      at++;
      const sign = text.charCodeAt(at);
      if (sign === PLUS || sign === MINUS) at++;
      const digits = skipDigits(text, at);
      if (digits === at) fail('expected a digit in the exponent', at);
      at = digits;
    }
    const numberText = text.slice(start, at);
    const value = Number(numberText);
    return isExactDouble(numberText, value) ? value : new JsonDecimal(numberText);
  };

  const readLiteral = (word: string, value: unknown): unknown => {
    if (text.startsWith(word, at)) {
      at += word.length;
      return value;
    }
    return fail('expected a value (an object, array, string, number, true, false or null)');
  };

  const readValue = (depth: number): unknown => {
    skipSpace();
    const code = text.charCodeAt(at);
    switch (code) {
      case OPEN_BRACE:
        return readObject(depth + 1);
      case OPEN_BRACKET:
        return readArray(depth + 1);
      case QUOTE:
        return readString();
      case 0x74: // t
        return readLiteral('true', true);
      case 0x66: // f
        return readLiteral('false', false);
      case 0x6e: // n
        return readLiteral('null', null);
      default:
        if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) return readNumber();
        return fail('expected a value (an object, array, string, number, true, false or null)');
    }
  };

  const readObject = (depth: number): Record<string, unknown> => {
    // > | {"cik":1318605,"entityName":"Tesla, Inc.",…}
    //     ^
    if (depth > maxDepth) fail(`objects and arrays nest more than ${maxDepth} deep`);
    const object: Record<string, unknown> = {};
    offsets.set(object, at);
    at++;
    skipSpace();
    if (text.charCodeAt(at) === CLOSE_BRACE) {
      at++;
      return object;
    }
    for (;;) {
      skipSpace();
      if (text.charCodeAt(at) !== QUOTE) fail('expected a key in double quotes');
      const key = readString();
      skipSpace();
      if (text.charCodeAt(at) !== COLON) fail(`expected ":" after the key ${JSON.stringify(key)}`);
      at++;
      path.push(key);
      const value = readValue(depth);
      path.pop();
      // A key named "__proto__" is a key like any other (an own data property), as JSON.parse makes it.
      if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      else object[key] = value;
      skipSpace();
      const next = text.charCodeAt(at);
      at++;
      if (next === CLOSE_BRACE) return object;
      if (next !== COMMA) fail('expected "," or "}" after a value in an object', at - 1);
    }
  };

  const readArray = (depth: number): unknown[] => {
    if (depth > maxDepth) fail(`objects and arrays nest more than ${maxDepth} deep`);
    const array: unknown[] = [];
    offsets.set(array, at);
    at++;
    skipSpace();
    if (text.charCodeAt(at) === CLOSE_BRACKET) {
      at++;
      return array;
    }
    for (;;) {
      path.push(array.length);
      array.push(readValue(depth));
      path.pop();
      skipSpace();
      const next = text.charCodeAt(at);
      at++;
      if (next === CLOSE_BRACKET) return array;
      if (next !== COMMA) fail('expected "," or "]" after a value in an array', at - 1);
    }
  };

  // A byte-order mark is not JSON, but a file saved by an editor may begin with one.
  if (text.charCodeAt(0) === 0xfeff) at = 1;
  const value = readValue(0);
  skipSpace();
  if (at < text.length) fail('expected the end of the input after the value');
  return { value, offsetOf: (container) => offsets.get(container) };
}

/** A JSON string or number token; whatever lies between tokens is punctuation, space or a literal. */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * `JSON.parse`'s value when it is exact: every number of the text is one a double holds exactly (one linear scan
 * of the tokens decides); otherwise, or when the text is not JSON, undefined, and `parseExactJson` must read it.
 * Native parsing is several times faster; it gives no places, so errors are found again with `parseExactJson`.
 */
export function parseJsonIfExact(text: string): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Valid JSON only: every string is closed, so the scan steps from token to token and never backtracks far.
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const token = match[0];
    if (token.charCodeAt(0) !== QUOTE && !isExactDouble(token, Number(token))) return undefined;
  }
  return { value };
}

function skipDigits(text: string, from: number): number {
  let at = from;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code >= DIGIT_0 && code <= DIGIT_9) at++;
    else return at;
  }
}

/** `$.facts["us-gaap"].Revenues.units.USD[3].val`: a key that is not an identifier is quoted. */
export function jsonPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** A decimal number as sign, significant digits without leading or trailing zeros, and the power of ten of the last one. */
interface DecimalParts {
  readonly negative: boolean;
  readonly digits: string;
  readonly exponent: number;
}

/** Reads a JSON number's text (or a JavaScript number's `String()`, which may write `1e+21`); null when the exponent is absurd. */
export function decimalParts(text: string): DecimalParts | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (exponentText.replace(/^[+-]?0*/, '').length > 9) return null;
  let digits = `${whole}${fraction}`;
  let exponent = Number(exponentText) - fraction.length;
  // Counted by loops: a regex such as /0*$/ would retry at every zero of a long run (quadratic).
  let leading = 0;
  while (digits.charCodeAt(leading) === DIGIT_0) leading++;
  let end = digits.length;
  while (end > leading && digits.charCodeAt(end - 1) === DIGIT_0) end--;
  const trailing = digits.length - end;
  digits = digits.slice(leading, end);
  exponent += trailing;
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  return { negative: sign === '-', digits, exponent };
}

/**
 * True when the double `value` holds the decimal number `text` means: an integer exactly, a fraction as the
 * shortest text that reads back as `value` (`0.1` is exact in this sense: it reads back as written;
 * `9007199254740993` and `0.30000000000000000001` are not).
 */
export function isExactDouble(text: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  // A plain decimal of up to 15 digits always survives a double's round trip.
  let digits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LOWER_E || code === UPPER_E) {
      digits = 16;
      break;
    }
    if (code >= DIGIT_0 && code <= DIGIT_9) digits++;
  }
  if (digits <= 15) return true;
  const written = decimalParts(text);
  if (!written) return false;
  // An integer must be the double's own value: past 2^53 the shortest text (30023997515803310) may name an
  // integer the double is not (…308 or …312).
  if (written.exponent >= 0 && !Number.isSafeInteger(value))
    return (
      written.exponent <= 400 &&
      BigInt(value) === BigInt(`${written.negative ? '-' : ''}${written.digits || '0'}${'0'.repeat(written.exponent)}`)
    );
  const read = decimalParts(String(value));
  if (!read) return false;
  return (
    written.digits === read.digits && written.exponent === read.exponent && (written.digits === '' || written.negative === read.negative)
  );
}
