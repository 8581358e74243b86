import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus } from '../../../test/shared-files.js';
import type { Table } from '../../model/document.js';
import { parseTextDocument } from './parse-text-document.js';

/**
 * Corpus sweep: every `<TEXT>` body of every `.txt` and `.nc` file in the corpus that is legacy ASCII (not
 * HTML, XML, XBRL, PDF or uuencoded) parses without throwing; the tables found are counted against the
 * `<TABLE>` tags present, and must match them where the tags are well formed.
 */

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (name.endsWith('.txt') || name.endsWith('.nc')) out.push(path);
  }
  return out;
}

/** Every `<TEXT>` body, sliced with indexOf (the SGML parser is another module's job). */
function textBodies(raw: string): Array<{ offset: number; body: string }> {
  const bodies: Array<{ offset: number; body: string }> = [];
  let from = 0;
  for (;;) {
    const open = raw.indexOf('<TEXT>', from);
    if (open < 0) break;
    const start = open + '<TEXT>'.length;
    const close = raw.indexOf('</TEXT>', start);
    const end = close < 0 ? raw.length : close;
    bodies.push({ offset: start, body: raw.slice(start, end) });
    from = end;
  }
  return bodies;
}

const NOT_ASCII =
  /^\s*(?:<(?:html|!doctype|\?xml|xml>|xbrl>|pdf>|head|body|div|p[\s>]|table[\s>]|document>|font|!--)|begin [0-7]{3} |[{/])/i;

interface TagCount {
  readonly opens: number;
  readonly wellFormed: boolean;
}

/** `<TABLE>` lines, and whether each is closed by a `</TABLE>` line before the next opens, with no `<PAGE>` inside. */
function countTableTags(body: string): TagCount {
  let opens = 0;
  let open = false;
  let wellFormed = true;
  for (const line of body.split('\n')) {
    const tag = line.trim().toUpperCase();
    if (tag === '<TABLE>') {
      if (open) wellFormed = false;
      opens++;
      open = true;
    } else if (tag === '</TABLE>') {
      if (!open) wellFormed = false;
      open = false;
    } else if (tag === '<PAGE>' && open) wellFormed = false;
  }
  return { opens, wellFormed: wellFormed && !open };
}

describe('corpus sweep: legacy ASCII <TEXT> bodies', () => {
  const root = corpusPath('.');
  const files = filesUnder(root);

  it('parses every body without throwing, and finds every <TABLE> of well-formed ones', () => {
    let documents = 0;
    let skipped = 0;
    let bytes = 0;
    let tags = 0;
    let tagged = 0;
    let aligned = 0;
    let pages = 0;
    const diagnostics = new Map<string, number>();
    const mismatches: string[] = [];
    for (const file of files) {
      const raw = readCorpus(relative(root, file)).toString('latin1');
      for (const { offset, body } of textBodies(raw)) {
        if (NOT_ASCII.test(body) || body.trim() === '') {
          skipped++;
          continue;
        }
        const doc = parseTextDocument(body);
        documents++;
        bytes += body.length;
        pages += doc.pages.length;
        const tables = doc.pages.flatMap((p) => p.blocks.filter((b): b is Table => b.kind === 'table'));
        const found = tables.filter((t) => t.origin === 'tagged').length;
        aligned += tables.length - found;
        const count = countTableTags(body);
        tags += count.opens;
        tagged += found;
        if (count.wellFormed && found !== count.opens) {
          mismatches.push(`${relative(root, file)} @${offset}: ${found} tables for ${count.opens} <TABLE> tags`);
        }
        for (const d of doc.diagnostics) diagnostics.set(d.code, (diagnostics.get(d.code) ?? 0) + 1);
      }
    }
    console.log(
      `corpus sweep: ${documents} legacy ASCII bodies (${(bytes / 1e6).toFixed(2)} MB, ${pages} pages) read, ${skipped} HTML/XML/uuencoded skipped; ` +
        `${tagged} tagged tables for ${tags} <TABLE> tags, ${aligned} tables aligned with spaces; diagnostics: ` +
        `${JSON.stringify(Object.fromEntries([...diagnostics].sort()))}`,
    );
    expect(documents).toBeGreaterThan(30);
    expect(mismatches).toEqual([]);
  });

  it('reads the legacy ASCII 20-F inside its HTML wrapper', () => {
    const raw = readCorpus('html/20-f-0000928385-01-500187.html').toString('latin1');
    const doc = parseTextDocument(raw);
    const tagged = doc.pages.flatMap((p) => p.blocks.filter((b) => b.kind === 'table' && b.origin === 'tagged'));
    expect(tagged).toHaveLength(countTableTags(raw).opens);
  });
});
