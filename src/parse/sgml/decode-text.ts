/** The character set a document's bytes were read as. */
export type TextEncoding = 'utf-8' | 'windows-1252';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });
// Node's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80–0x9F become C1 controls), so the 32 bytes
// where Windows-1252 differs are mapped here. Every byte decodes: a stray byte can never stop a parse.
const latin1Decoder = new TextDecoder('latin1');
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RANGE = /[\u0080-\u009f]/g;

/** Windows-1252 to Unicode, never failing. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const text = latin1Decoder.decode(bytes);
  return text.replace(C1_RANGE, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] as string);
}

/** A body decoded to text, and the encoding used (UTF-8 when valid, else Windows-1252). */
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
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
