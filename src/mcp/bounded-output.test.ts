import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitJson, textPart } from './bounded-output.js';

describe('fitJson', () => {
  it('gives a value that fits as it is', () => {
    const value = { a: 1, list: [1, 2, 3], text: 'x' };
    expect(fitJson(value, 1_000)).toBe(JSON.stringify(value, null, 2));
  });

  it('cuts the longest list to a prefix and says how much of it is shown', () => {
    const documents = Array.from({ length: 5_000 }, (_, index) => ({ document: index + 1, type: `EX-${index}` }));
    const text = fitJson({ accession: 'x', documents, small: [1, 2] }, 10_000);
    expect(text.length).toBeLessThanOrEqual(10_000);
    const fitted = JSON.parse(text);
    expect(fitted.accession).toBe('x');
    expect(fitted.small).toEqual([1, 2]);
    expect(fitted.documents.length).toBeGreaterThan(10);
    expect(fitted.documents).toEqual(documents.slice(0, fitted.documents.length));
    expect(fitted.notes).toEqual([
      expect.stringMatching(
        new RegExp(`^Output bounded to 10,000 characters: documents: ${fitted.documents.length} of 5,000 items shown$`),
      ),
    ]);
  });

  it('cuts a long string with a mark, keeping the notes a value already had', () => {
    const text = fitJson({ body: 'word '.repeat(20_000), notes: ['said before'] }, 5_000);
    expect(text.length).toBeLessThanOrEqual(5_000);
    const fitted = JSON.parse(text);
    expect(fitted.body.endsWith('… [cut]')).toBe(true);
    expect(fitted.notes[0]).toBe('said before');
    expect(fitted.notes[1]).toMatch(/body: first [\d,]+ of 100,000 characters shown/);
  });

  it('never gives more than the cap, whatever the value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1_000, max: 20_000 }), (value, cap) => {
        const text = fitJson({ value: value as unknown }, cap);
        expect(text.length).toBeLessThanOrEqual(cap);
      }),
      { numRuns: 200 },
    );
    const wide = Object.fromEntries(Array.from({ length: 3_000 }, (_, index) => [`key${index}`, index]));
    expect(fitJson(wide, 2_000).length).toBeLessThanOrEqual(2_000);
  });
});

describe('textPart', () => {
  it('gives the text back exactly, part by part, each within the bound and never inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 4, max: 50 }), (text, max) => {
        let offset = 0;
        let joined = '';
        for (let parts = 0; parts <= text.length; parts++) {
          const part = textPart(text, offset, max);
          expect(part.text.length).toBeLessThanOrEqual(max);
          const last = part.text.charCodeAt(part.text.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
          joined += part.text;
          if (!part.more) break;
          expect(part.end).toBeGreaterThan(offset);
          offset = part.end;
        }
        expect(joined).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('ends a part at a line end in the last quarter of the window when there is one', () => {
    const text = `${'a'.repeat(80)}\n${'b'.repeat(80)}`;
    expect(textPart(text, 0, 100)).toEqual({ text: `${'a'.repeat(80)}\n`, end: 81, more: true });
    expect(textPart(text, 81, 100)).toEqual({ text: 'b'.repeat(80), end: 161, more: false });
  });
});
