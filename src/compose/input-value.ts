/** Where a value of an input file sits: 1-based line and column. */
export interface InputPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * A parsed input file: the plain value, and the place of every value in it by path (`''` for the root,
 * `exhibits`, `exhibits[0]`, `exhibits[0].date`), so an error can name the field and its line.
 */
export interface InputDocument {
  readonly value: unknown;
  readonly positions: ReadonlyMap<string, InputPosition>;
}

/** An input file that cannot be read as JSON or YAML; the message starts with the place. */
export class InputSyntaxError extends SyntaxError {
  readonly source: string;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
  constructor(source: string, line: number, column: number, reason: string) {
    super(`${source}:${line}:${column}: ${reason}`);
    this.name = 'InputSyntaxError';
    this.source = source;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Line starts of a text, to turn offsets into lines and columns when (and only when) they are needed. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): InputPosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] as number) + 1 };
}
