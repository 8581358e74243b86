import { childPath, type InputDocument, type InputPosition, InputSyntaxError } from './input-value.js';

/**
 * Reads the YAML subset a hand-written record needs, remembering where every value is. What it reads:
 *
 * - block mappings (`key: value`, `key:` with the value indented below) and block sequences (`- item`, `- key: v`
 *   opening a mapping), sequences under a key at the key's own indentation too;
 * - plain, 'single-quoted' and "double-quoted" scalars, plain scalars continued on more-indented lines;
 * - literal `|` and folded `>` block scalars (with `-`/`+` chomping);
 * - flow collections on one line: `[]`, `{}`, `[a, "b"]`, `{name: KOSDAQ, fullName: null}`;
 * - comments (`#` at the start or after a space), a leading `---` and a closing `...`;
 * - YAML 1.2 core-schema scalars: `null`/`~`/empty, `true`/`false`, integers and floats; anything else is text
 *   (so `99.1` is a number, as in any YAML reader: write `"99.1"`).
 *
 * Anchors, aliases, tags, several documents, multi-line flow collections and complex keys are refused with a
 * message that says so. Tabs may not indent (as in YAML).
 */
export function readYaml(text: string, source = 'input.yaml'): InputDocument {
  return new YamlReader(text, source).read();
}

interface Line {
  /** 1-based. */
  readonly number: number;
  /** Column (0-based) of the first character of `content`. */
  indent: number;
  /** The line without its indentation; comments are stripped lazily (block scalars keep them). */
  content: string;
  readonly raw: string;
}

const PLAIN_FORBIDDEN_START = /^[[\]{},#&*!|>'"%@`]/;

class YamlReader {
  private readonly lines: Line[] = [];
  private index = 0;
  private readonly positions = new Map<string, InputPosition>();

  constructor(
    text: string,
    private readonly source: string,
  ) {
    const raws = text.replace(/^\ufeff/, '').split(/\r?\n/);
    raws.forEach((raw, i) => {
      const indent = /^ */.exec(raw)?.[0].length ?? 0;
      this.lines.push({ number: i + 1, indent, content: raw.slice(indent), raw });
    });
  }

  read(): InputDocument {
    // A leading directive end marker and a closing document end marker.
    this.skipBlank();
    const first = this.lines[this.index];
    if (first && /^---(?:\s|$)/.test(first.content) && first.indent === 0) {
      const rest = stripComment(first.content.slice(3)).trim();
      if (rest !== '') this.fail(first, 3, 'Cannot read the YAML: put the record on the lines after "---"');
      this.index++;
    }
    this.skipBlank();
    const start = this.lines[this.index];
    if (start && start.indent > 0)
      this.fail(start, start.indent, 'Cannot read the YAML: the first line of the record must not be indented');
    const value = start ? this.readBlock(0, '', start) : null;
    if (!start) this.positions.set('', { line: 1, column: 1 });
    this.skipBlank();
    const extra = this.lines[this.index];
    if (extra) {
      if (/^(?:\.\.\.|---)(?:\s|$)/.test(extra.content) && extra.indent === 0) {
        this.index++;
        this.skipBlank();
        const after = this.lines[this.index];
        if (after)
          this.fail(after, after.indent, 'Cannot read the YAML: only one document per file (found more after the document marker)');
      } else
        this.fail(
          extra,
          extra.indent,
          'Cannot read the YAML: this line is indented less than the block it follows, or more than the block it starts',
        );
    }
    return { value, positions: this.positions };
  }

  private fail(line: Line, column: number, reason: string): never {
    throw new InputSyntaxError(this.source, line.number, column + 1, reason);
  }

  /** Skips blank and comment-only lines. */
  private skipBlank(): void {
    while (this.index < this.lines.length) {
      const line = this.lines[this.index] as Line;
      const content = stripComment(line.content).trim();
      if (content !== '') {
        if (/^\t/.test(line.content) || (line.content.trimStart() !== line.content && /^\s*\t/.test(line.content)))
          this.fail(line, line.indent, 'Cannot read the YAML: a tab indents this line (YAML indents with spaces only)');
        return;
      }
      this.index++;
    }
  }

  /** The next line with content; null at the end or at a document marker (`---`, `...`). */
  private peek(): Line | null {
    this.skipBlank();
    const line = this.lines[this.index] ?? null;
    if (line && line.indent === 0 && /^(?:---|\.\.\.)(?:\s|$)/.test(line.content)) return null;
    return line;
  }

  /** The block that starts at `line` (indented `indent`): a sequence, a mapping or a scalar. */
  private readBlock(indent: number, path: string, line: Line): unknown {
    this.positions.set(path, { line: line.number, column: line.indent + 1 });
    if (isSequenceEntry(line.content)) return this.readSequence(line.indent, path);
    if (mappingKey(line.content) !== null) return this.readMapping(line.indent, path);
    // A scalar on lines of its own.
    this.index++;
    return this.readInlineValue(line, line.content, line.indent, indent - 1, path);
  }

  private readSequence(indent: number, path: string): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.peek();
      if (!line || line.indent !== indent || !isSequenceEntry(line.content)) break;
      const itemPath = childPath(path, out.length);
      const rest = line.content.slice(1);
      const restContent = stripComment(rest).trim();
      if (restContent === '') {
        this.index++;
        this.positions.set(itemPath, { line: line.number, column: indent + 1 });
        const next = this.peek();
        out.push(next && next.indent > indent ? this.readBlock(next.indent, itemPath, next) : null);
        continue;
      }
      // `- key: value` or `- - item`: the rest of the line opens a block indented where it starts.
      const offset = 1 + (/^ */.exec(rest)?.[0].length ?? 0);
      if (isSequenceEntry(rest.trimStart()) || mappingKey(rest.trimStart()) !== null) {
        line.indent = indent + offset;
        line.content = line.content.slice(offset);
        out.push(this.readBlock(line.indent, itemPath, line));
        continue;
      }
      this.index++;
      this.positions.set(itemPath, { line: line.number, column: indent + offset + 1 });
      out.push(this.readInlineValue(line, rest.slice(offset - 1), indent + offset, indent, itemPath));
    }
    return out;
  }

  private readMapping(indent: number, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.peek();
      if (!line || line.indent !== indent) break;
      if (isSequenceEntry(line.content))
        this.fail(line, indent, 'Cannot read the YAML: a list item where a "key: value" line was expected');
      const key = mappingKey(line.content);
      if (key === null)
        this.fail(line, indent, `Cannot read the YAML: expected "key: value", found ${JSON.stringify(line.content.trim().slice(0, 30))}`);
      if (Object.hasOwn(out, key.key)) this.fail(line, indent, `Cannot read the YAML: the key "${key.key}" is given twice`);
      const keyPath = childPath(path, key.key);
      this.positions.set(keyPath, { line: line.number, column: indent + 1 });
      const rest = line.content.slice(key.length);
      this.index++;
      if (stripComment(rest).trim() === '') {
        const next = this.peek();
        if (next && next.indent > indent) out[key.key] = this.readBlock(next.indent, keyPath, next);
        else if (next && next.indent === indent && isSequenceEntry(next.content)) out[key.key] = this.readSequence(indent, keyPath);
        else out[key.key] = null;
        this.positions.set(keyPath, { line: line.number, column: indent + 1 });
        continue;
      }
      const valueOffset = key.length + (/^ */.exec(rest)?.[0].length ?? 0);
      out[key.key] = this.readInlineValue(line, rest.trimStart(), indent + valueOffset, indent, keyPath);
      this.positions.set(keyPath, { line: line.number, column: indent + 1 });
    }
    return out;
  }

  /**
   * A value written after `key:` or `- ` (or alone on its line): a block scalar indicator, a flow collection, a
   * quoted scalar, or a plain scalar that may go on over more-indented lines. `parentIndent` is the indentation of
   * the line that owns the value; continuation lines must be indented more.
   */
  private readInlineValue(line: Line, text: string, column: number, parentIndent: number, path: string): unknown {
    const content = stripComment(text).trim();
    if (/^[|>]/.test(content)) return this.readBlockScalar(line, content, parentIndent, column);
    if (/^[&*!]/.test(content))
      this.fail(line, column, 'Cannot read the YAML: anchors (&), aliases (*) and tags (!) are not part of the YAML edgarkit reads');
    if (content.startsWith('[') || content.startsWith('{')) {
      const flow = new FlowReader(
        content,
        (offset, reason) => this.fail(line, column + offset, reason),
        this.positions,
        path,
        line.number,
        column,
      );
      return flow.readAll();
    }
    if (content.startsWith('"') || content.startsWith("'")) {
      const quoted = readQuoted(content, (offset, reason) => this.fail(line, column + offset, reason));
      if (content.slice(quoted.length).trim() !== '')
        this.fail(line, column + quoted.length, 'Cannot read the YAML: text after the closing quote');
      return quoted.value;
    }
    if (PLAIN_FORBIDDEN_START.test(content))
      this.fail(line, column, `Cannot read the YAML: a value cannot start with "${content[0]}" unless it is quoted`);
    // A plain scalar continued on more-indented lines is folded into one line.
    const parts = [content];
    for (;;) {
      const next = this.peek();
      if (!next || next.indent <= parentIndent || isSequenceEntry(next.content) || mappingKey(next.content) !== null) break;
      parts.push(stripComment(next.content).trim());
      this.index++;
    }
    if (parts.length > 1) return parts.join(' ');
    if (/:\s/.test(content) || content.endsWith(':'))
      this.fail(line, column, 'Cannot read the YAML: a value with ": " in it must be quoted');
    return resolvePlain(content);
  }

  /** `|`, `|-`, `|+`, `>`, `>-`, `>+`: the more-indented lines that follow, kept (literal) or folded. */
  private readBlockScalar(line: Line, header: string, parentIndent: number, column: number): string {
    const match = /^([|>])([-+]?)$/.exec(header);
    if (!match) this.fail(line, column, 'Cannot read the YAML: write a block scalar as "|", "|-", ">" or ">-" with nothing after it');
    const literal = match[1] === '|';
    const chomp = match[2];
    const body: string[] = [];
    let blockIndent = -1;
    while (this.index < this.lines.length) {
      const next = this.lines[this.index] as Line;
      if (next.content.trim() === '') {
        body.push('');
        this.index++;
        continue;
      }
      if (blockIndent === -1) {
        if (next.indent <= parentIndent) break;
        blockIndent = next.indent;
      }
      if (next.indent < blockIndent) break;
      body.push(next.raw.slice(blockIndent));
      this.index++;
    }
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    // Blank lines that belong to what follows go back.
    this.index -= trailing;
    let text: string;
    if (literal) text = body.join('\n');
    else {
      // Folding: single line breaks become spaces, blank lines stay line breaks; more-indented lines are kept.
      text = '';
      for (let i = 0; i < body.length; i++) {
        const current = body[i] as string;
        if (i === 0) text = current;
        else if (current === '') text += '\n';
        else if (/^\s/.test(current) || /^\s/.test(body[i - 1] as string) || (body[i - 1] as string) === '')
          text += (text.endsWith('\n') ? '' : '\n') + current;
        else text += ` ${current}`;
      }
    }
    if (chomp === '-') return text;
    if (chomp === '+') return `${text}\n${'\n'.repeat(trailing)}`;
    return body.length === 0 ? '' : `${text}\n`;
  }
}

function isSequenceEntry(content: string): boolean {
  return content === '-' || content.startsWith('- ') || /^-\s*#/.test(content);
}

/** `key:` at the start of a line (a plain or quoted key followed by a colon and a space or the end). */
function mappingKey(content: string): { key: string; length: number } | null {
  if (content.startsWith('"') || content.startsWith("'")) {
    let quoted: { value: string; length: number };
    try {
      quoted = readQuoted(content, () => {
        throw new Error('not a key');
      });
    } catch {
      return null;
    }
    const after = content.slice(quoted.length);
    const colon = /^\s*:(?=\s|$)/.exec(after);
    return colon ? { key: quoted.value, length: quoted.length + colon[0].length } : null;
  }
  if (PLAIN_FORBIDDEN_START.test(content) || isSequenceEntry(content)) return null;
  const match = /^([^#:\s](?:[^:#]|:(?=\S)|\s(?!#))*?)\s*:(?=\s|$)/.exec(content);
  if (!match) return null;
  return { key: (match[1] as string).trim(), length: match[0].length };
}

/** The line without a comment: `#` at the start or after white space, outside quotes. */
function stripComment(text: string): string {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = null;
      }
      continue;
    }
    if ((char === '"' || char === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1] as string))) quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) return text.slice(0, i);
  }
  return text;
}

function readQuoted(text: string, fail: (offset: number, reason: string) => never): { value: string; length: number } {
  const quote = text[0] as string;
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i] as string;
    if (quote === "'") {
      if (char === "'") {
        if (text[i + 1] === "'") {
          out += "'";
          i++;
          continue;
        }
        return { value: out, length: i + 1 };
      }
      out += char;
      continue;
    }
    if (char === '"') return { value: out, length: i + 1 };
    if (char === '\\') {
      const escaped = text[i + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', ' ': ' ' };
      if (escaped !== undefined && escaped in simple) {
        out += simple[escaped];
        i++;
      } else if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 5;
      } else fail(i, `Cannot read the YAML: unknown escape \\${escaped ?? ''} in a double-quoted string`);
      continue;
    }
    out += char;
  }
  return fail(0, 'Cannot read the YAML: a quoted string is not closed on its line (edgarkit reads quoted strings of one line)');
}

/** YAML 1.2 core schema for plain scalars. */
function resolvePlain(text: string): unknown {
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (/^[-+]?\d+$/.test(text)) return Number(text);
  if (/^[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/** A flow collection on one line: `[a, "b", {k: v}]`. */
class FlowReader {
  private at = 0;
  constructor(
    private readonly text: string,
    private readonly fail: (offset: number, reason: string) => never,
    private readonly positions: Map<string, InputPosition>,
    private readonly path: string,
    private readonly line: number,
    private readonly column: number,
  ) {}

  readAll(): unknown {
    const value = this.readValue(this.path);
    this.space();
    if (this.at < this.text.length) this.fail(this.at, 'Cannot read the YAML: text after the closing bracket');
    return value;
  }

  private space(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  private readValue(path: string): unknown {
    this.space();
    this.positions.set(path, { line: this.line, column: this.column + this.at + 1 });
    const char = this.text[this.at];
    if (char === '[') {
      this.at++;
      const out: unknown[] = [];
      this.space();
      if (this.text[this.at] === ']') {
        this.at++;
        return out;
      }
      for (;;) {
        out.push(this.readValue(childPath(path, out.length)));
        this.space();
        if (this.text[this.at] === ',') {
          this.at++;
          continue;
        }
        if (this.text[this.at] === ']') {
          this.at++;
          return out;
        }
        this.fail(this.at, 'Cannot read the YAML: expected "," or "]" (a flow list must close on its line)');
      }
    }
    if (char === '{') {
      this.at++;
      const out: Record<string, unknown> = {};
      this.space();
      if (this.text[this.at] === '}') {
        this.at++;
        return out;
      }
      for (;;) {
        this.space();
        const keyAt = this.at;
        const key = this.readScalar(true);
        if (typeof key !== 'string' && typeof key !== 'number') this.fail(keyAt, 'Cannot read the YAML: expected a key');
        this.space();
        if (this.text[this.at] !== ':') this.fail(this.at, 'Cannot read the YAML: expected ":" after the key');
        this.at++;
        const name = String(key);
        if (Object.hasOwn(out, name)) this.fail(keyAt, `Cannot read the YAML: the key "${name}" is given twice`);
        out[name] = this.readValue(childPath(path, name));
        this.positions.set(childPath(path, name), { line: this.line, column: this.column + keyAt + 1 });
        this.space();
        if (this.text[this.at] === ',') {
          this.at++;
          continue;
        }
        if (this.text[this.at] === '}') {
          this.at++;
          return out;
        }
        this.fail(this.at, 'Cannot read the YAML: expected "," or "}" (a flow mapping must close on its line)');
      }
    }
    return this.readScalar(false);
  }

  private readScalar(isKey: boolean): unknown {
    const rest = this.text.slice(this.at);
    if (rest.startsWith('"') || rest.startsWith("'")) {
      const quoted = readQuoted(rest, (offset, reason) => this.fail(this.at + offset, reason));
      this.at += quoted.length;
      return quoted.value;
    }
    if (/^[&*!]/.test(rest))
      this.fail(this.at, 'Cannot read the YAML: anchors (&), aliases (*) and tags (!) are not part of the YAML edgarkit reads');
    const match = (isKey ? /^[^,:[\]{}]*/ : /^(?:[^,[\]{}:]|:(?=\S))*/).exec(rest);
    const raw = match?.[0] ?? '';
    this.at += raw.length;
    return resolvePlain(raw.trim());
  }
}
