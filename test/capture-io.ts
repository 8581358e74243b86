import { Readable } from 'node:stream';
import type { CliIo } from '../src/cli/io.js';

/** A CliIo whose output is kept for the test to read: `out()` is stdout, `err()` stderr. */
export function captureIo(options: { env?: Record<string, string>; stdin?: Buffer; tty?: boolean } = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (text: string) => (out += text), isTTY: options.tty ?? false },
    stderr: { write: (text: string) => (err += text), isTTY: options.tty ?? false },
    stdin: Readable.from(options.stdin ? [options.stdin] : []),
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  };
}
