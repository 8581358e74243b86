import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedRoot } from '../../test/shared-files.js';
import type { DocumentModel } from '../model/document.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { documentLines } from './document-lines.js';

/** The parsed documents of some corpus submissions, each parsed twice: one model's lines are built whole first, the other's never. */
function modelPairs(): [DocumentModel, DocumentModel][] {
  const pairs: [DocumentModel, DocumentModel][] = [];
  for (const folder of ['fpi', 'submissions']) {
    const names = readdirSync(join(sharedRoot, 'corpus', folder)).sort();
    for (const name of names.filter((_, index) => index % 4 === 0)) {
      const bytes = readFileSync(join(sharedRoot, 'corpus', folder, name));
      const first = parseSubmissionDocuments(parseSubmission(bytes));
      const second = parseSubmissionDocuments(parseSubmission(bytes));
      first.forEach((document, index) => {
        const other = second[index]?.model;
        if (document.model && other && document.model.pages.length > 0) pairs.push([document.model, other]);
      });
    }
  }
  return pairs;
}

const plain = (lines: ReturnType<typeof documentLines>) =>
  lines.map(({ block: _block, choice, ...line }) => ({ ...line, choice: choice !== null }));

describe('documentLines', () => {
  it('gives the same lines for a part of a document whether or not the whole document was read before', () => {
    let compared = 0;
    for (const [cached, fresh] of modelPairs()) {
      documentLines(cached);
      const end = cached.pages.at(-1)?.span.end ?? 0;
      for (const pageCount of [1, 2, 3, cached.pages.length]) {
        for (const options of [
          {},
          { limit: 12 },
          { limit: 40 },
          { limit: 150 },
          { from: Math.floor(end / 2) },
          { from: end - 200, limit: 5 },
        ]) {
          const fromCache = documentLines(cached, cached.pages.slice(0, pageCount), options);
          const built = documentLines(fresh, fresh.pages.slice(0, pageCount), options);
          expect(plain(fromCache), `${pageCount} pages, ${JSON.stringify(options)}`).toEqual(plain(built));
          compared += built.length;
        }
      }
      expect(plain(documentLines(cached))).toEqual(plain(documentLines(fresh, [...fresh.pages])));
    }
    expect(compared).toBeGreaterThan(10_000);
  }, 300_000);

  it('gives a new array each time, so a reader that changes its copy changes no other', () => {
    const [[model]] = modelPairs().slice(0, 1) as [[DocumentModel, DocumentModel]];
    const first = documentLines(model);
    const length = first.length;
    first.length = 0;
    expect(documentLines(model)).toHaveLength(length);
    expect(length).toBeGreaterThan(0);
  }, 240_000);
});
