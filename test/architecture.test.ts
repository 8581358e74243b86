import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './shared-files.js';

const SRC = join(projectRoot, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1] as string);
}

/** Which top-level folders of src/ each folder may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  model: ['core'],
  parse: ['core', 'model'],
  forms: ['core', 'model'],
  render: ['core', 'model'],
  compose: ['core', 'model'],
  validate: ['core', 'model', 'parse', 'forms', 'compose'],
  io: ['core', 'model', 'parse'],
  fetch: ['core', 'model', 'parse', 'io'],
  store: ['core', 'model', 'parse', 'forms', 'render', 'io'],
  cli: ['core', 'model', 'parse', 'forms', 'render', 'io', 'fetch', 'store', 'server', 'compose', 'validate'],
  server: ['core', 'model', 'parse', 'forms', 'render', 'store', 'compose', 'validate'],
};
/** Folders that must stay pure: no node:* imports, so any worker thread or browser can run them. */
const PURE = new Set(['core', 'model', 'parse', 'forms', 'render', 'compose', 'validate']);

describe('architecture', () => {
  it('keeps the folder rules of docs/style: pure cores, no imports of cli/ or server/', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = relative(SRC, file).split('/')[0] as string;
      // src/index.ts is the public API: it re-exports from every library folder.
      if (from.endsWith('.ts')) continue;
      if (!(from in ALLOWED)) problems.push(`${from}/ is not a known folder`);
      for (const target of importsOf(file)) {
        if (target.startsWith('node:')) {
          if (PURE.has(from)) problems.push(`${relative(SRC, file)} imports ${target} but ${from}/ must stay pure`);
          continue;
        }
        if (!target.startsWith('.')) continue;
        const resolved = relative(SRC, join(file, '..', target)).split('/')[0] as string;
        if (resolved === from || resolved.endsWith('.js') || resolved.startsWith('..')) continue;
        if (!(ALLOWED[from] ?? []).includes(resolved)) problems.push(`${relative(SRC, file)} imports ${resolved}/`);
      }
    }
    expect(problems).toEqual([]);
  });
});
