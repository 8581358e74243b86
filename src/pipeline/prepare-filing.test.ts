import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { corpusSubmissionsAndSeed } from '../../test/shared-files.js';
import { prepareFiling } from './prepare-filing.js';

const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

describe('prepareFiling', () => {
  it("gives each document's digest as the hash of its fields and text joined by U+0000, non-ASCII text included", () => {
    let nonAscii = 0;
    for (const { name, bytes } of corpusSubmissionsAndSeed()) {
      const prepared = prepareFiling(bytes, name);
      const each = prepared.documents.map((document) => {
        if (/[\u0080-\uffff]/.test(document.text)) nonAscii++;
        return short(
          `${document.type ?? ''}\u0000${document.sequence ?? ''}\u0000${document.filename ?? ''}\u0000${document.attachmentSha256 ?? document.text}`,
        );
      });
      expect(prepared.documentsDigest.split(':')[1], name).toBe(each.join(','));
    }
    expect(nonAscii).toBeGreaterThan(0);
  });
});
