import type { Diagnostic } from '../core/diagnostic.js';

/** Where an extracted value came from: a document of the submission, a page of it, a character range of its text. */
export interface FieldSpan {
  /** The document's `<SEQUENCE>`, or its 1-based position when it has none. */
  readonly document: number;
  readonly page: number;
  readonly start: number;
  readonly end: number;
}

/** An extracted value with its source; `value` is null when the filing does not say (never guessed). */
export interface Field<T> {
  readonly value: T;
  readonly span: FieldSpan | null;
}

export function field<T>(value: T, span: FieldSpan | null): Field<T> {
  return { value, span };
}

export function missing<T>(value: T): Field<T> {
  return { value, span: null };
}

export type { Diagnostic };
