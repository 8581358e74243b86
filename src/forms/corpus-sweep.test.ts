import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepSubmission } from '../../test/form-sweep.js';
import { sharedRoot } from '../../test/shared-files.js';

/** Every file of the corpus and the seed, whatever its kind (submissions, .nc, headers alone, bare documents). */
function corpusFiles(): string[] {
  const files: string[] = [join(sharedRoot, 'seed', 'hanaro-6k-2002-12.txt')];
  for (const folder of ['submissions', 'nc', 'fpi', 'html', 'headers', 'xml', 'index']) {
    const dir = join(sharedRoot, 'corpus', folder);
    for (const name of readdirSync(dir).sort()) files.push(join(dir, name));
  }
  return files;
}

/**
 * The sweep of test/form-sweep.ts over every corpus file: every reader (6-K, 20-F, 40-F, 8-K, 10-K, 10-Q, the text
 * Form 4, the ownership and 13F XML readers, the sections, XBRL facts) on every document it could be given, and the
 * invariants of test/record-invariants.ts on what each gives: no reader throws; every field with a span shows its
 * value's source text there; a value found but not read is null with a diagnostic; sections and 8-K items lie in
 * their document, in order, without overlap, each starting with its heading; inline facts' spans show their text.
 * `npx tsx bench/form-sweep.ts` runs the same over the 405 6-Ks of the data set.
 */
describe('corpus sweep: every reader on every corpus document', () => {
  it('keeps every invariant, and counts its diagnostics', () => {
    const counts = new Map<string, number>();
    const forms = new Map<string, number>();
    const broken: string[] = [];
    let checked = 0;
    for (const file of corpusFiles()) {
      const result = sweepSubmission(readFileSync(file), file.slice(sharedRoot.length + 1));
      forms.set(result.form, (forms.get(result.form) ?? 0) + 1);
      for (const found of result.diagnostics) counts.set(found.code, (counts.get(found.code) ?? 0) + 1);
      broken.push(...result.broken);
      checked += result.checked;
    }
    const report = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    console.log(`forms: ${[...forms.entries()].map(([form, count]) => `${form} ${count}`).join(', ')}; ${checked} records checked`);
    console.log(`diagnostics over the corpus:\n${report.map(([code, count]) => `  ${String(count).padStart(4)}  ${code}`).join('\n')}`);
    expect(broken).toEqual([]);
    // Every reader ran on every document: far more records than files.
    expect(checked).toBeGreaterThan(1000);
    // The 6-K corpus (67 submissions, the 2026 document, two HTML 6-Ks, the seed) is read as 6-Ks.
    expect(forms.get('6-K')).toBeGreaterThanOrEqual(70);
    expect(forms.get('20-F')).toBe(2);
    expect(forms.get('4')).toBeGreaterThanOrEqual(5);
    expect(forms.get('13F-HR')).toBe(2);
    expect(forms.get('8-K')).toBeGreaterThanOrEqual(4);
  }, 300_000);
});
