import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { corpusSubmissionsAndSeed, readSeed } from '../../test/shared-files.js';
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

  it('turns the snippet markers U+E000 and U+E001 into spaces, in one-byte and two-byte text', () => {
    const seed = readSeed().toString('latin1');
    for (const extra of ['', ' \u2019']) {
      const bytes = Buffer.from(seed.replace('SIGNATURES', `SIGN\uE000TURES\uE001${extra}`), 'utf8');
      const text = prepareFiling(bytes, 'seed')
        .documents.map((document) => document.text)
        .join('\n');
      expect(text).toContain(`SIGN TURES ${extra}`.trimEnd());
      expect(text).not.toMatch(/[\uE000\uE001]/);
    }
  });
});
