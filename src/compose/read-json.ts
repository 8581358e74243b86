import { childPath, type InputDocument, type InputPosition, InputSyntaxError, lineStarts, positionAt } from './input-value.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Reads JSON (RFC 8259) and remembers where every value is. A small recursive-descent reader: `JSON.parse` gives
 * neither the line of a value nor a useful place for a syntax error. Duplicate keys are refused (which one wins is
 * a guess in JSON).
 */
export function readJson(text: string, source = 'input.json'): InputDocument {
  const starts = lineStarts(text);
  const positions = new Map<string, InputPosition>();
  let at = 0;

  const fail = (reason: string, offset = at): never => {
    const { line, column } = positionAt(starts, offset);
    throw new InputSyntaxError(source, line, column, reason);
  };
  const found = (): string => (at >= text.length ? 'the end of the file' : JSON.stringify(text.slice(at, at + 12)));
  const skipSpace = (): void => {
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) at++;
      else break;
    }
  };

  const readValue = (path: string): unknown => {
    skipSpace();
    positions.set(path, positionAt(starts, at));
    const char = text[at];
    if (char === '{') return readObject(path);
    if (char === '[') return readArray(path);
    if (char === '"') return readString();
    if (char === 't' && text.startsWith('true', at)) {
      at += 4;
      return true;
    }
    if (char === 'f' && text.startsWith('false', at)) {
      at += 5;
      return false;
    }
    if (char === 'n' && text.startsWith('null', at)) {
      at += 4;
      return null;
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 40));
    if (number) {
      at += number[0].length;
      return Number(number[0]);
    }
    return fail(`Cannot read the JSON: expected a value, found ${found()}`);
  };

  const readObject = (path: string): Record<string, unknown> => {
    at++;
    const out: Record<string, unknown> = {};
    skipSpace();
    if (text[at] === '}') {
      at++;
      return out;
    }
    for (;;) {
      skipSpace();
      if (text[at] !== '"') fail(`Cannot read the JSON: expected a key in double quotes, found ${found()}`);
      const keyAt = at;
      const key = readString();
      if (Object.hasOwn(out, key)) fail(`Cannot read the JSON: the key "${key}" is given twice`, keyAt);
      skipSpace();
      if (text[at] !== ':') fail(`Cannot read the JSON: expected ":" after "${key}", found ${found()}`);
      at++;
      out[key] = readValue(childPath(path, key));
      // A member is placed at its key, as in the YAML reader: "registrant" on line 4, column 3.
      positions.set(childPath(path, key), positionAt(starts, keyAt));
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return out;
      }
      fail(`Cannot read the JSON: expected "," or "}" after the value of "${key}", found ${found()}`);
    }
  };

  const readArray = (path: string): unknown[] => {
    at++;
    const out: unknown[] = [];
    skipSpace();
    if (text[at] === ']') {
      at++;
      return out;
    }
    for (;;) {
      out.push(readValue(childPath(path, out.length)));
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return out;
      }
      fail(`Cannot read the JSON: expected "," or "]" in the list, found ${found()}`);
    }
  };

  const readString = (): string => {
    const start = at;
    at++;
    let out = '';
    let run = at;
    for (;;) {
      if (at >= text.length) fail('Cannot read the JSON: a string opened here is never closed', start);
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        out += text.slice(run, at);
        at++;
        return out;
      }
      if (code < 0x20) fail('Cannot read the JSON: a line break or control character inside a string (write \\n)');
      if (code === BACKSLASH) {
        out += text.slice(run, at);
        const escaped = text[at + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (escaped !== undefined && escaped in simple) {
          out += simple[escaped];
          at += 2;
        } else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16));
          at += 6;
        } else fail(`Cannot read the JSON: unknown escape \\${escaped ?? ''}`);
        run = at;
        continue;
      }
      at++;
    }
  };

  if (text.charCodeAt(0) === 0xfeff) at = 1;
  const value = readValue('');
  skipSpace();
  if (at < text.length) fail(`Cannot read the JSON: unexpected ${found()} after the end of the value`);
  return { value, positions };
}
