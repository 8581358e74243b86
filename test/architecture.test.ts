import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './shared-files.js';

/**
 * The folder rules of docs/style.md, read from the import lines of every source file (tests are the harness and
 * may reach anywhere). Each rule says why it exists; a new arrow needs a new rule here, not an exception.
 */

const SRC = join(projectRoot, 'src');

/** One import or re-export of a file: where from, and whether it brings types only. */
interface ImportLine {
  readonly target: string;
  readonly typeOnly: boolean;
  /** `export … from`: passed on, not used here. */
  readonly reexport: boolean;
  /** The names brought in (empty for `*` and side-effect imports). */
  readonly names: readonly string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const STATIC = /^[ \t]*(import|export)\s+(type\s+)?([^;'"]*?)\s*from\s*['"]([^'"]+)['"]/gm;
const SIDE_EFFECT = /^[ \t]*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The import lines of TypeScript source (comments and strings aside, which these sources do not abuse). */
function importLines(text: string): ImportLine[] {
  const lines: ImportLine[] = [];
  for (const match of text.matchAll(STATIC)) {
    const clause = (match[3] ?? '').trim();
    const braces = /\{([^}]*)\}/.exec(clause);
    const specifiers = braces
      ? (braces[1] as string)
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [];
    const everySpecifierTyped = braces !== null && specifiers.length > 0 && specifiers.every((part) => part.startsWith('type '));
    const hasDefault = !clause.startsWith('{') && !clause.startsWith('*') && clause !== '';
    lines.push({
      target: match[4] as string,
      typeOnly: match[2] !== undefined || (everySpecifierTyped && !hasDefault),
      reexport: match[1] === 'export',
      names: specifiers.map((part) => part.replace(/^type\s+/, '').split(/\s+as\s+/)[0] as string),
    });
  }
  for (const match of text.matchAll(SIDE_EFFECT)) lines.push({ target: match[1] as string, typeOnly: false, reexport: false, names: [] });
  for (const match of text.matchAll(DYNAMIC)) lines.push({ target: match[1] as string, typeOnly: false, reexport: false, names: [] });
  return lines;
}

/** Which folders of src/ each folder may import (besides itself); `typesOnly` lists the ones it may use for types alone. */
const ALLOWED: Record<string, { readonly any: readonly string[]; readonly typesOnly?: readonly string[] }> = {
  core: { any: [] },
  model: { any: ['core'] },
  parse: { any: ['core', 'model'] },
  // forms reads a parsed submission whole (`extractFiling(parseSubmission(bytes))`), so it may parse its documents.
  forms: { any: ['core', 'model', 'parse'] },
  render: { any: ['core', 'model'] },
  // compose writes the records forms reads: it may share their types, never their code.
  compose: { any: ['core', 'model'], typesOnly: ['forms'] },
  validate: { any: ['core', 'model', 'parse', 'forms', 'compose'] },
  io: { any: ['core', 'model', 'parse'] },
  fetch: { any: ['core', 'model', 'parse', 'io'] },
  // Storage only: it stores what the pipeline prepared, in the vocabulary of core/ and model/.
  store: { any: ['core', 'model'] },
  // The conductor may use every library folder; nothing of the shells.
  pipeline: { any: ['core', 'model', 'parse', 'forms', 'render', 'compose', 'validate', 'io', 'fetch', 'store'] },
  // Shells: they call the pipeline and the store, and see what parse/ and forms/ make only as types.
  cli: {
    any: ['core', 'model', 'render', 'compose', 'validate', 'io', 'fetch', 'store', 'pipeline', 'server', 'mcp'],
    typesOnly: ['parse', 'forms'],
  },
  server: { any: ['core', 'model', 'render', 'compose', 'validate', 'store', 'pipeline'], typesOnly: ['parse', 'forms'] },
  // The MCP server: a shell like the HTTP server, which may also fetch (fetch_filings) through the polite client.
  mcp: { any: ['core', 'model', 'render', 'store', 'pipeline', 'fetch'], typesOnly: ['parse', 'forms'] },
  // The library API (edgarkit/edgar): companies and filings online or offline, read through the pipeline like a shell.
  edgar: { any: ['core', 'model', 'render', 'fetch', 'store', 'pipeline'], typesOnly: ['parse', 'forms'] },
  // The public library API is pure: `import 'edgarkit'` loads no driver (the rest are subpath exports).
  'index.ts': { any: ['core', 'model', 'parse', 'forms', 'render', 'compose', 'validate'] },
};

/** Folders that must stay pure: no node:* and no driver, server, CLI or pool package, so any worker thread can run them. */
const PURE = new Set(['core', 'model', 'parse', 'forms', 'render', 'compose', 'validate', 'index.ts']);
const IMPURE_PACKAGES = ['pg', 'better-sqlite3', 'hono', '@hono/', 'commander', 'tar-stream', 'piscina'];
/** The packages storage may use: its drivers. */
const STORE_PACKAGES = ['pg', 'better-sqlite3'];

/** Decoding, telling apart and parsing documents, and extracting records: above the libraries, read-filing.ts alone calls these. */
const READING = new Set(['uudecode', 'decodeText', 'detectDocumentKind', 'parseDocument', 'extractFiling']);
const READING_LIBRARIES = new Set(['parse', 'forms', 'validate']);

/** Every way the files under `root` break the rules, one line each (empty when the tree keeps them). */
function architectureProblems(root: string): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(root)) {
    const name = relative(root, file);
    const from = relative(root, file).split('/')[0] as string;
    const rules = ALLOWED[from];
    if (!rules) {
      problems.push(`${from} is not a known folder of src/`);
      continue;
    }
    for (const line of importLines(readFileSync(file, 'utf8'))) {
      const { target } = line;
      if (!target.startsWith('.')) {
        const bare = target.startsWith('node:') ? 'node:*' : target;
        if (
          PURE.has(from) &&
          (bare === 'node:*' ||
            IMPURE_PACKAGES.some((name) => target === name || target.startsWith(name.endsWith('/') ? name : `${name}/`)))
        )
          problems.push(`${name} imports ${target}, but ${from} must stay pure`);
        if (from === 'store' && bare !== 'node:*' && !STORE_PACKAGES.includes(target))
          problems.push(`${name} imports ${target}, but store/ uses only its drivers`);
        continue;
      }
      const resolved = relative(root, join(file, '..', target));
      if (resolved.startsWith('..')) continue;
      const to = resolved.split('/')[0] as string;
      if (to === 'cli' || to === 'server' || to === 'mcp') {
        if (from !== to && !(from === 'cli' && (to === 'server' || to === 'mcp')))
          problems.push(`${name} imports ${to}/: nothing imports the shells`);
        continue;
      }
      if (to !== from && !rules.any.includes(to)) {
        const typesAllowed = rules.typesOnly?.includes(to) ?? false;
        if (!typesAllowed) problems.push(`${name} imports ${to}/`);
        else if (!line.typeOnly) problems.push(`${name} imports code from ${to}/ (${target}); it may import its types only`);
      }
      const reads = line.names.filter((imported) => READING.has(imported));
      if (!line.typeOnly && !line.reexport && reads.length > 0 && !READING_LIBRARIES.has(from) && name !== 'pipeline/read-filing.ts')
        problems.push(`${name} calls ${reads.join(', ')} itself; read filings through pipeline/read-filing.ts`);
    }
  }
  return problems;
}

describe('architecture', () => {
  it('keeps the folder rules: a pure ground floor, storage as a leaf, the pipeline above, shells on top', () => {
    expect(architectureProblems(SRC)).toEqual([]);
  });

  it('tells type-only imports from code imports', () => {
    const lines = importLines(
      [
        "import type { A } from '../forms/a.js';",
        "import { type B, type C } from '../forms/b.js';",
        "import { type D, e } from '../forms/d.js';",
        "import F, { type G } from '../forms/f.js';",
        "export type * from '../model/m.js';",
        "export { uudecode } from '../parse/sgml/uudecode.js';",
        'import {\n  decodeText,\n  type DecodedText,\n} from "../parse/sgml/decode-text.js";',
      ].join('\n'),
    );
    expect(lines.map((line) => [line.target, line.typeOnly, line.reexport])).toEqual([
      ['../forms/a.js', true, false],
      ['../forms/b.js', true, false],
      ['../forms/d.js', false, false],
      ['../forms/f.js', false, false],
      ['../model/m.js', true, true],
      ['../parse/sgml/uudecode.js', false, true],
      ['../parse/sgml/decode-text.js', false, false],
    ]);
    expect(lines[6]?.names).toEqual(['decodeText', 'DecodedText']);
  });
});
