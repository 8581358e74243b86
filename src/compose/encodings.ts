/** The two encodings a composed submission needs, written without `Buffer` so compose/ runs anywhere. */

const LINE_BYTES = 45;

function uuChar(bits: number): string {
  // EDGAR's uuencoded documents write zero as a backtick, never as a space (spaces get trimmed).
  return bits === 0 ? '`' : String.fromCharCode(bits + 0x20);
}

/**
 * uuencode as EDGAR carries binary documents inside `<TEXT>`: `begin 644 NAME`, lines of up to 45 bytes (`M` +
 * 60 characters), a zero-length line and `end`. Returns the lines joined with `\n`, ending with a line break.
 */
export function uuencode(bytes: Uint8Array, filename: string, mode = '644'): string {
  const lines: string[] = [`begin ${mode} ${filename}`];
  for (let at = 0; at < bytes.length; at += LINE_BYTES) {
    const end = Math.min(at + LINE_BYTES, bytes.length);
    let line = uuChar(end - at);
    for (let i = at; i < end; i += 3) {
      const a = bytes[i] as number;
      const b = i + 1 < end ? (bytes[i + 1] as number) : 0;
      const c = i + 2 < end ? (bytes[i + 2] as number) : 0;
      line += uuChar(a >> 2) + uuChar(((a << 4) | (b >> 4)) & 0x3f) + uuChar(((b << 2) | (c >> 6)) & 0x3f) + uuChar(c & 0x3f);
    }
    lines.push(line);
  }
  lines.push('`', 'end');
  return `${lines.join('\n')}\n`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648), padded, in lines of 76 characters when `lineLength` is given. */
export function base64(bytes: Uint8Array, lineLength = 0): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += BASE64[n >> 18] + (BASE64[(n >> 12) & 63] as string) + (BASE64[(n >> 6) & 63] as string) + (BASE64[n & 63] as string);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}${BASE64[(n >> 6) & 63]}=`;
  }
  if (lineLength <= 0) return out;
  const lines: string[] = [];
  for (let at = 0; at < out.length; at += lineLength) lines.push(out.slice(at, at + lineLength));
  return lines.join('\n');
}

const utf8 = new TextEncoder();

export function encodeText(text: string): Uint8Array {
  return utf8.encode(text);
}
