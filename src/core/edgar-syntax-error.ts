import type { Diagnostic } from './diagnostic.js';
import { locateOffset } from './location.js';

/**
 * Thrown in strict mode, or where going on would give a silently wrong answer.
 * The message starts with the place: `file:line:column: what failed`.
 */
export class EdgarSyntaxError extends SyntaxError {
  readonly code: string;
  readonly source: string;
  readonly offset: number;
  readonly line: number;
  readonly column: number;

  constructor(code: string, reason: string, source: string, offset: number, line: number, column: number) {
    super(`${source}:${line}:${column}: ${reason}`);
    this.name = 'EdgarSyntaxError';
    this.code = code;
    this.source = source;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }

  static fromDiagnostic(found: Diagnostic, source: string, bytes: Uint8Array | string): EdgarSyntaxError {
    const { line, column } = locateOffset(bytes, found.offset);
    return new EdgarSyntaxError(found.code, found.message, source, found.offset, line, column);
  }
}
