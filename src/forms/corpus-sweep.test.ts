import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spansOf } from '../../test/record-values.js';
import { sharedRoot } from '../../test/shared-files.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { extractFiling } from './extract-filing.js';

/** Every file of the corpus and the seed, whatever its kind (submissions, .nc, headers alone, bare documents). */
function corpusFiles(): string[] {
  const files: string[] = [join(sharedRoot, 'seed', 'hanaro-6k-2002-12.txt')];
  for (const folder of ['submissions', 'nc', 'fpi', 'html', 'headers', 'xml', 'index']) {
    const dir = join(sharedRoot, 'corpus', folder);
    for (const name of readdirSync(dir).sort()) files.push(join(dir, name));
  }
  return files;
}

describe('corpus sweep: every extractor on every corpus document', () => {
  it('never throws, keeps every span inside its document, and counts its diagnostics', () => {
    const counts = new Map<string, number>();
    const forms = new Map<string, number>();
    const failures: string[] = [];
    for (const file of corpusFiles()) {
      const name = file.slice(sharedRoot.length + 1);
      try {
        const submission = parseSubmission(readFileSync(file));
        const documents = parseSubmissionDocuments(submission);
        const result = extractFiling({ header: submission.header, documents });
        const kind = result.record ? result.record.form : 'none';
        forms.set(kind, (forms.get(kind) ?? 0) + 1);
        for (const found of [...(result.record?.diagnostics ?? []), ...result.diagnostics])
          counts.set(found.code, (counts.get(found.code) ?? 0) + 1);
        for (const { path, span } of spansOf(result.record)) {
          const document = documents.find((candidate, index) => (candidate.sequence ?? index + 1) === span.document);
          // XML spans point into the XML text; a binary is pointed at as a whole: an empty span at its start.
          const length = document ? (document.model?.source.length ?? document.xml?.source.length ?? 0) : -1;
          if (span.start < 0 || span.end < span.start || span.end > length || span.page < 1)
            failures.push(`${name}: ${path} ${JSON.stringify(span)} outside its document`);
        }
      } catch (error) {
        failures.push(`${name}: ${(error as Error).stack ?? String(error)}`);
      }
    }
    const report = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    console.log(`forms: ${[...forms.entries()].map(([form, count]) => `${form} ${count}`).join(', ')}`);
    console.log(`diagnostics over the corpus:\n${report.map(([code, count]) => `  ${String(count).padStart(4)}  ${code}`).join('\n')}`);
    expect(failures).toEqual([]);
    // The 6-K corpus (67 submissions, the 2026 document, two HTML 6-Ks, the seed) is read as 6-Ks.
    expect(forms.get('6-K')).toBeGreaterThanOrEqual(70);
    expect(forms.get('20-F')).toBe(2);
  });
});
