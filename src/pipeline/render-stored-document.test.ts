import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, seedPath } from '../../test/shared-files.js';
import { renderStoredDocument } from './render-stored-document.js';

describe('renderStoredDocument', () => {
  it('renders every page on its own when asked, exactly as each page is rendered alone', () => {
    for (const [file, which] of [
      [seedPath(), '1'],
      [corpusPath('fpi/0000950127-09-000120.txt'), 'EX-99.1'],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(file));
      for (const format of ['markdown', 'text'] as const) {
        const every = renderStoredDocument(bytes, which, { format, page: 1, everyPage: true });
        if (every.kind !== 'model') throw new Error(`${file} ${which} is a document model`);
        expect(every.pageBodies?.length).toBe(every.pages.length);
        expect(every.pages.length).toBeGreaterThan(0);
        for (const page of every.pages) {
          const alone = renderStoredDocument(bytes, which, { format, page: page.number });
          if (alone.kind !== 'model') throw new Error('the same document');
          expect(every.pageBodies?.[page.number - 1]).toBe(alone.body);
        }
        expect(every.body).toBe(every.pageBodies?.[0]);
      }
    }
    const plain = renderStoredDocument(new Uint8Array(readFileSync(seedPath())), '1', { format: 'text' });
    expect(plain.kind === 'model' && plain.pageBodies).toBeNull();
  });
});
