import { stat } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { inputPaths } from '../io/input-paths.js';
import type { IngestProgress } from '../pipeline/ingest.js';
import { type CliIo, UserError } from './io.js';

const ARCHIVE = /\.(tar|gz|tgz)$/i;

/** Folders are measured for the bar only up to this many files: a larger tree starts at once, with a counter line. */
const MEASURED_FILES = 100_000;

/**
 * The bytes an ingest of `paths` will read, when that can be known beforehand: the sizes of the files given and,
 * with `folders` (for a terminal's bar), of the files under the folders given (up to 100,000 of them). Null for
 * stdin, archives (their members' sizes are known only inside), and folders not measured. A path that does not
 * exist is a UserError, before anything is opened.
 */
export async function inputTotalBytes(paths: readonly string[], options: { readonly folders: boolean }): Promise<number | null> {
  let total = 0;
  let known = true;
  let files = 0;
  for (const path of paths) {
    if (path === '-') {
      known = false;
      continue;
    }
    const info = await stat(path).catch(() => null);
    if (!info) throw new UserError(`Cannot read ${path}: no such file or directory`);
    if (!known) continue;
    if (!info.isDirectory()) {
      if (ARCHIVE.test(path)) known = false;
      else total += info.size;
      continue;
    }
    if (!options.folders) {
      known = false;
      continue;
    }
    for (const file of await inputPaths([path])) {
      if (ARCHIVE.test(file) || ++files > MEASURED_FILES) {
        known = false;
        break;
      }
      total += (await stat(file).catch(() => null))?.size ?? 0;
    }
  }
  return known ? total : null;
}

/** What `ingest` shows while it runs: progress, a line that interrupts it (a failure), and the end. */
export interface IngestProgressDisplay {
  update(progress: IngestProgress): void;
  /** Writes a whole line (ending in a newline) above the progress, which is drawn again at the next update. */
  line(text: string): void;
  /**
   * The run is over (`finished`: every input was read, so a bar is drawn full) and the progress is left on its line.
   * Only the first call counts, so a `finally` may call it again after an error.
   */
  stop(finished: boolean): void;
}

/**
 * The progress of an ingest on stderr. On a terminal with the total size known: a bar (cli-progress) with the
 * percentage, the rate in filings/s and MB/s, the ETA and the amounts; on a terminal without a total: one counter
 * line rewritten in place; elsewhere (a pipe, a log file): a plain line per update, as before.
 */
export function ingestProgressDisplay(stderr: CliIo['stderr'], totalBytes: number | null): IngestProgressDisplay {
  const tty = stderr.isTTY === true;
  if (tty && totalBytes !== null && totalBytes > 0) return new BarDisplay(stderr, totalBytes);
  let stopped = false;
  return {
    update: (progress) => {
      const parts = counterParts(progress);
      if (totalBytes !== null && totalBytes > 0 && progress.bytes > 0) {
        const fraction = Math.min(1, progress.bytes / totalBytes);
        const eta = fraction > 0 ? (progress.seconds / fraction) * (1 - fraction) : 0;
        const width = 24;
        const filled = Math.round(fraction * width);
        parts.unshift(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}%`);
        parts.push(`ETA ${eta.toFixed(0)} s`);
      }
      stderr.write(tty ? `\r\u001b[2K${parts.join('  ')}` : `ingest: ${parts.join(', ')}\n`);
    },
    line: (text) => stderr.write(`${tty ? '\r\u001b[2K' : ''}${text}`),
    stop: () => {
      if (tty && !stopped) stderr.write('\n');
      stopped = true;
    },
  };
}

function counterParts(progress: IngestProgress): string[] {
  return [
    `${progress.filings.toLocaleString('en-US')} filings`,
    `${(progress.bytes / 1e6).toFixed(1)} MB`,
    `${progress.filingsPerSecond.toFixed(0)} filings/s`,
    `${progress.megabytesPerSecond.toFixed(1)} MB/s`,
  ];
}

/** The bar: its value is bytes read, its total the bytes of the input files. */
class BarDisplay implements IngestProgressDisplay {
  readonly #stderr: CliIo['stderr'];
  readonly #bar: SingleBar;
  readonly #total: number;

  constructor(stderr: CliIo['stderr'], totalBytes: number) {
    this.#stderr = stderr;
    this.#total = totalBytes;
    this.#bar = new SingleBar({
      // cli-progress writes with readline's cursor functions, which take any writable stream. What it draws is
      // ours (numbers and the bar), so it bypasses the sanitiser that would make its cursor moves inert.
      stream: (stderr.unsanitised ?? stderr) as NodeJS.WritableStream,
      format:
        '{bar} {percentage}% | {filingsPerSecond} filings/s, {megabytesPerSecond} MB/s | ETA {eta_formatted} | {filings} filings, {megabytes} of {totalMegabytes} MB',
      barsize: 20,
      barCompleteChar: '#',
      barIncompleteChar: '.',
      fps: 4,
      forceRedraw: true,
      hideCursor: false,
      clearOnComplete: false,
      stopOnComplete: false,
      // Filing sizes vary by orders of magnitude: an ETA over the whole run so far is steadier than one over the last few.
      etaBuffer: 50,
    });
    this.#bar.start(totalBytes, 0, payload({ filings: 0, bytes: 0, seconds: 0, filingsPerSecond: 0, megabytesPerSecond: 0 }, totalBytes));
  }

  update(progress: IngestProgress): void {
    this.#bar.update(Math.min(progress.bytes, this.#total), payload(progress, this.#total));
  }

  line(text: string): void {
    // The bar is redrawn on the next tick of its timer (forceRedraw), below the line.
    this.#stderr.write(`\r\u001b[2K${text}`);
  }

  stop(finished: boolean): void {
    if (!this.#bar.isActive) return;
    // Files that are not filings are never counted as read: when every input has been read, the bar is full.
    if (finished) this.#bar.update(this.#total);
    this.#bar.stop();
  }
}

function payload(progress: IngestProgress, totalBytes: number) {
  return {
    filings: progress.filings.toLocaleString('en-US'),
    megabytes: (progress.bytes / 1e6).toFixed(1),
    totalMegabytes: (totalBytes / 1e6).toFixed(1),
    filingsPerSecond: progress.filingsPerSecond.toFixed(0),
    megabytesPerSecond: progress.megabytesPerSecond.toFixed(1),
  };
}
