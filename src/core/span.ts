/** A half-open range `[start, end)` of character offsets into a document's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A half-open range `[start, end)` of byte offsets into a submission's bytes. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}
