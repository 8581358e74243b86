import type { CliIo } from './io.js';

/**
 * Control characters a terminal acts on: C0 but tab and line feed, DEL, and C1 (U+0080–U+009F, which terminals
 * may read as CSI, OSC…). Without its ESC (or C1 introducer) and its BEL/ST terminator, no escape sequence is
 * left: what remains of `ESC ] 0 ; title BEL` is printable text. Our own sequences are kept: bold on and off
 * (search highlights), and the progress line's "carriage return, erase line" at the start of a write.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this finds.
const CONTROL_OR_OURS = /\u001b\[(?:1|22)m|\r\n?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const PROGRESS_START = '\r\u001b[2K';

/**
 * Text made safe to print on a terminal: every control character shown as `\u001b` (in JSON, the same escape it
 * would be in a string: JSON.stringify leaves DEL and C1 raw), line ends as LF; tab, LF and bold kept.
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL_OR_OURS, (found) => {
    if (found.length > 2) return found;
    if (found === '\r' || found === '\r\n') return '\n';
    return `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * The CLI's streams with every write to a terminal made safe (see `terminalText`): filings are untrusted, and a
 * company name or a document may carry escape sequences (window title, screen clear, OSC 52 clipboard writes).
 * Output to a file or a pipe is left exact.
 */
export function terminalIo(io: CliIo): CliIo {
  return { ...io, stdout: safeWhenTerminal(io.stdout), stderr: safeWhenTerminal(io.stderr) };
}

function safeWhenTerminal(stream: CliIo['stdout']): CliIo['stderr'] {
  if (stream.isTTY !== true) return stream;
  return {
    isTTY: true,
    unsanitised: (stream as CliIo['stderr']).unsanitised ?? stream,
    write: (text: string) =>
      stream.write(text.startsWith(PROGRESS_START) ? PROGRESS_START + terminalText(text.slice(PROGRESS_START.length)) : terminalText(text)),
  };
}
