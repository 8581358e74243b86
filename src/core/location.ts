const LINE_FEED = 0x0a;

export interface LineColumn {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based column, counted in bytes for byte input and UTF-16 units for strings. */
  readonly column: number;
}

/** Line and column of an offset, computed only when an error is reported (offsets stay cheap in the hot path). */
export function locateOffset(source: Uint8Array | string, offset: number): LineColumn {
  const end = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  if (typeof source === 'string') {
    let next = source.indexOf('\n');
    while (next !== -1 && next < end) {
      line++;
      lineStart = next + 1;
      next = source.indexOf('\n', lineStart);
    }
  } else {
    let next = source.indexOf(LINE_FEED);
    while (next !== -1 && next < end) {
      line++;
      lineStart = next + 1;
      next = source.indexOf(LINE_FEED, lineStart);
    }
  }
  return { line, column: end - lineStart + 1 };
}
