import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Options of the walk over input paths. */
export interface InputPathsOptions {
  /**
   * One path per sub-folder of each folder given (and per file directly inside it) instead of one per file: for
   * folders of many small submissions.
   */
  readonly folders?: boolean;
}

/** The inputs named by some paths, one per file or archive: absolute paths of files and archives found (folders walked in name order). */
export async function inputPaths(paths: readonly string[], options: InputPathsOptions = {}): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => null);
    if (!info) throw new Error(`Cannot read ${given}: no such file or directory`);
    if (!info.isDirectory()) {
      out.push(path);
      continue;
    }
    if (!options.folders) {
      await walk(path);
      continue;
    }
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) if (entry.isDirectory() || entry.isFile()) out.push(join(path, entry.name));
  }
  return out;
}
