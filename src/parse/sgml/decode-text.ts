/** The character set a document's bytes were read as. */
export type TextEncoding = 'utf-8' | 'windows-1252';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });
// WHATWG maps the label `windows-1252` (and `latin1`) to the same single-byte table: every byte decodes,
// so a stray byte can never stop a parse.
const windows1252 = new TextDecoder('windows-1252');

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
}

/**
 * Decodes a document body to Unicode. EDGAR text is ASCII in principle; modern HTML is often UTF-8 and old files
 * carry Latin-1 / Windows-1252 bytes. Valid UTF-8 is read as UTF-8, anything else as Windows-1252 (a superset of
 * Latin-1's printable range), which never fails.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length > 0x1fff_ffe8) {
    // Longer than the longest JavaScript string: decode what fits rather than throw deep inside V8.
    return { text: lenientUtf8.decode(bytes.subarray(0, 0x1fff_ffe8)), encoding: 'utf-8' };
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: windows1252.decode(bytes), encoding: 'windows-1252' };
  }
}
