import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities';
import { describe, expect, it } from 'vitest';
import { corpusPath, projectRoot, readCorpus } from '../../test/shared-files.js';
import type { DocumentModel } from '../model/document.js';
import { sectionForm } from '../model/report-sections.js';
import { parseHtmlDocument } from '../parse/html/parse-html-document.js';
import { parseSubmissionDocuments } from '../parse/parse-document.js';
import { parseSubmission } from '../parse/sgml/parse-submission.js';
import { parseTextDocument } from '../parse/text/parse-text-document.js';
import { extractFiling, recognizeForm } from './extract-filing.js';
import type { Form8KRecord } from './form-8k.js';
import { endsWithPageNumber, longestIncreasing } from './item-headings.js';
import { chooseSection, type FoundSections, findSections, type Section } from './sections.js';

const goldenDir = join(projectRoot, 'testdata', 'golden', 'sections');
const fixtureDir = join(projectRoot, 'testdata', 'sections');

/** The primary document of a corpus file (a submission or a bare document), parsed, with its form. */
function primaryOf(bytes: Uint8Array): { model: DocumentModel; form: string | null; filing: ReturnType<typeof extractFiling> } | null {
  const submission = parseSubmission(bytes);
  const documents = parseSubmissionDocuments(submission);
  const filing = extractFiling({ header: submission.header, documents });
  const primary = documents.find((document) => document.model !== null);
  if (!primary?.model) return null;
  return { model: primary.model, form: submission.header?.formType ?? primary.type ?? recognizeForm(primary.model), filing };
}

/** Visible text from a character offset: tags dropped, entities decoded, spaces collapsed (independent of the model). */
function textFrom(model: DocumentModel, start: number, length = 600): string {
  const slice = model.source.slice(start, start + length * 8);
  const text = model.sourceFormat === 'html' ? decodeHTML(slice.replace(/<[^>]*>?/g, ' ')) : slice;
  return text
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .slice(0, length);
}

const squash = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();

function flatten(found: FoundSections): Section[] {
  return found.sections.flatMap((section) => [section, ...section.subsections]);
}

/** The invariants every found section keeps: it starts at its heading, and the sections are ordered and disjoint. */
function expectWellFormed(model: DocumentModel, found: FoundSections): void {
  let previousEnd = 0;
  for (const section of found.sections) {
    expect(section.span.start, `${section.key} starts after the previous section ends`).toBeGreaterThanOrEqual(previousEnd);
    expect(section.span.end).toBeGreaterThan(section.span.start);
    previousEnd = section.span.end;
    let subEnd = section.span.start;
    for (const sub of [section, ...section.subsections]) {
      expect(squash(textFrom(model, sub.span.start)).startsWith(squash(sub.heading).slice(0, 60)), `${sub.key}: "${sub.heading}"`).toBe(
        true,
      );
      if (sub === section) continue;
      expect(sub.span.start).toBeGreaterThanOrEqual(subEnd);
      expect(sub.span.end).toBeLessThanOrEqual(section.span.end);
      subEnd = sub.span.end;
    }
  }
}

describe('sections of the corpus 20-Fs, against goldens read by hand', () => {
  for (const name of readdirSync(goldenDir).filter((file) => file.startsWith('20-f'))) {
    const golden = JSON.parse(readFileSync(join(goldenDir, name), 'utf8')) as {
      _source: string;
      form: '20-F';
      sections: [string, string][];
      notFound: string[];
    };
    it(golden._source, () => {
      const primary = primaryOf(readCorpus(golden._source)) as NonNullable<ReturnType<typeof primaryOf>>;
      const found = findSections(primary.model, golden.form);
      const byKey = new Map(flatten(found).map((section) => [section.key, section]));
      for (const [key, heading] of golden.sections) {
        expect(byKey.get(key)?.heading, `section ${key}`).toBeDefined();
        expect(squash(byKey.get(key)?.heading ?? '').startsWith(squash(heading)), `section ${key}: ${byKey.get(key)?.heading}`).toBe(true);
      }
      // Every item (not sub-item) found is one of the golden's, and every item the golden lacks is reported.
      const items = found.sections.map((section) => section.key);
      expect(items).toEqual(golden.sections.map(([key]) => key).filter((key) => !key.includes('.')));
      expect([...found.notFound]).toEqual(golden.notFound);
      expectWellFormed(primary.model, found);
    });
  }
});

describe('8-K items of the corpus, against goldens read by hand', () => {
  const golden = JSON.parse(readFileSync(join(goldenDir, '8-k.json'), 'utf8')) as {
    filings: {
      _source: string;
      items: { number: string; inHeader: boolean; inBody: boolean; heading: string }[];
      diagnostics: string[];
      earningsRelease: null;
    }[];
  };
  for (const filing of golden.filings) {
    it(filing._source, () => {
      const record = primaryOf(readCorpus(filing._source))?.filing.record as Form8KRecord;
      expect(record.form).toBe('8-K');
      expect(record.items.map((item) => item.number)).toEqual(filing.items.map((item) => item.number));
      for (const [index, expected] of filing.items.entries()) {
        const item = record.items[index] as Form8KRecord['items'][number];
        expect(item.inHeader).toBe(expected.inHeader);
        expect(item.inBody).toBe(expected.inBody);
        expect(squash(item.heading.value ?? '').startsWith(expected.heading)).toBe(true);
        expect(item.title).not.toBeNull();
      }
      expect(record.diagnostics.map((found) => found.code).sort()).toEqual([...filing.diagnostics].sort());
      expect(record.earningsRelease).toBe(filing.earningsRelease);
    });
  }
});

describe('an 8-K with Item 2.02 (hand-made from Form 8-K)', () => {
  const submission = parseSubmission(readFileSync(join(fixtureDir, '8-k-earnings.txt')));
  const documents = parseSubmissionDocuments(submission);
  const record = extractFiling({ header: submission.header, documents }).record as Form8KRecord;

  it('names the header titles with their numbers and finds each heading', () => {
    expect(record.items.map((item) => [item.number, item.inHeader, item.inBody])).toEqual([
      ['2.02', true, true],
      ['7.01', true, true],
      ['9.01', true, true],
    ]);
    expect(record.items[0]?.title).toBe('Results of Operations and Financial Condition');
    expect(record.diagnostics).toEqual([]);
  });

  it('finds the earnings release the item names (Exhibit 99.2, not the first EX-99)', () => {
    expect(record.earningsRelease?.type).toBe('EX-99.2');
    expect(record.earningsRelease?.documentSequence).toBe(3);
    expect(record.earningsRelease?.mention.value).toBe('99.2');
  });

  it("spans each item's text up to the next item, and the last up to the signatures", () => {
    const model = documents[0]?.model as DocumentModel;
    const [results, fd, exhibits] = record.items as Form8KRecord['items'];
    expect(textFrom(model, results?.span?.start ?? 0)).toMatch(/^Item 2\.02 Results of Operations/);
    expect(results?.span?.end).toBe(fd?.span?.start);
    const last = textFrom(model, exhibits?.span?.start ?? 0, 10_000);
    expect(last).toMatch(/^Item 9\.01/);
    expect(model.source.slice(exhibits?.span?.start, exhibits?.span?.end)).not.toMatch(/SIGNATURES/);
  });

  it('reports header and body disagreement both ways, and legacy numbers by the filing date', () => {
    const model = parseHtmlDocument(
      '<p><b>Item 5. Other Events</b></p><p>The trust paid.</p><p><b>Item 7. Financial Statements and Exhibits</b></p>',
    );
    const legacy = extractFiling({
      header: {
        ...(submission.header as NonNullable<typeof submission.header>),
        items: ['Other Events', 'Change in Fiscal Year'],
        filedAt: '1999-03-01',
      },
      documents: [{ sequence: 1, type: '8-K', filename: null, description: null, model }],
    }).record as Form8KRecord;
    expect(legacy.items.map((item) => [item.number, item.numbering, item.inHeader, item.inBody])).toEqual([
      ['5', 'legacy', true, true],
      ['7', 'legacy', false, true],
      ['8', 'legacy', true, false],
    ]);
    expect(legacy.diagnostics.map((found) => found.code).sort()).toEqual(['f8k/item-not-in-body', 'f8k/item-not-in-header']);
  });
});

describe('sections of hand-made reports (from Forms 10-K and 10-Q)', () => {
  it('a legacy ASCII 10-K: contents table skipped, a "(continued)" repeat and a mention ignored', () => {
    const model = parseTextDocument(readFileSync(join(fixtureDir, '10-k-legacy.txt'), 'latin1'));
    const found = findSections(model, '10-K');
    expect(found.sections.map((section) => section.key)).toEqual(['1', '2', '3', '4', '5', '7', '8']);
    expect(found.sections.map((section) => section.part)).toEqual(['I', 'I', 'I', 'I', 'II', 'II', 'II']);
    expect(found.notFound).toContain('1A');
    expect(found.notFound).toContain('6');
    expect(textFrom(model, (found.sections[0] as Section).span.start)).toMatch(/^Item 1\. Business Example Mills/);
    const mdna = found.sections[5] as Section;
    expect(model.source.slice(mdna.span.start, mdna.span.end)).toContain('Costs fell.');
    expect(model.source.slice((found.sections[6] as Section).span.start, (found.sections[6] as Section).span.end)).not.toContain(
      'SIGNATURES',
    );
    expectWellFormed(model, found);
  });

  it('a 10-Q in HTML: the two parts told apart, so Part II Item 1A is II-1A', () => {
    const model = parseHtmlDocument(readFileSync(join(fixtureDir, '10-q.htm'), 'utf8'));
    const found = findSections(model, '10-Q');
    expect(found.sections.map((section) => section.key)).toEqual(['I-1', 'I-2', 'I-3', 'I-4', 'II-1', 'II-1A', 'II-6']);
    expect(found.notFound).toEqual(['II-2', 'II-3', 'II-4', 'II-5']);
    expectWellFormed(model, found);
    const chosen = chooseSection(found, '1A');
    expect(chosen.section?.key).toBe('II-1A');
    expect(chooseSection(found, '1').section).toBeNull();
    expect(chooseSection(found, 'part ii item 1').section?.key).toBe('II-1');
    expect(chooseSection(found, 'II-3').section).toBeNull();
  });

  it('a 40-F: its disclosures by title', () => {
    const model = parseHtmlDocument(
      '<p><b>FORM 40-F</b></p><p>Annual information form</p><p><b>DISCLOSURE CONTROLS AND PROCEDURES</b></p><p>Effective.</p><p><b>B. Audit Committee Financial Expert</b></p><p>Ms. Roe.</p><p><b>CODE OF ETHICS</b></p><p>Adopted.</p><p><b>UNDERTAKING</b></p><p>We undertake.</p><p><b>SIGNATURES</b></p>',
    );
    const found = findSections(model, '40-F');
    expect(found.sections.map((section) => section.key)).toEqual([
      'controls',
      'audit-committee-financial-expert',
      'code-of-ethics',
      'undertaking',
    ]);
    expectWellFormed(model, found);
  });
});

describe('the heading finder', () => {
  it('tells a page reference from a title', () => {
    expect(endsWithPageNumber('Item 1.   Business ..........  3')).toBe(true);
    expect(endsWithPageNumber('Item 7A.  Market Risk  F-12')).toBe(true);
    expect(endsWithPageNumber('Item 1.  Business  iv')).toBe(true);
    expect(endsWithPageNumber('Item 2.02 Results of Operations and Financial Condition')).toBe(false);
    expect(endsWithPageNumber('Item 16. Form 10-K Summary')).toBe(false);
  });

  it('keeps the longest increasing run, earliest first', () => {
    expect(longestIncreasing([0, 1, 5, 2, 3, 4])).toEqual([0, 1, 3, 4, 5]);
    expect(longestIncreasing([0, 0, 1])).toEqual([0, 2]);
    expect(longestIncreasing([])).toEqual([]);
  });

  it('runs in linear time on hostile input', () => {
    const time = (n: number) => {
      const lines: string[] = [];
      for (let i = 0; i < n; i++)
        lines.push(
          `Item ${(i % 16) + 1}.${' '.repeat(i % 50)}Business${' .'.repeat(20)} ${i % 9}`,
          `Item 3.D${'\u00a0'.repeat(30)}x`,
          'text',
        );
      const model = parseTextDocument(`${lines.join('\n')}\n${'Item 1 '.repeat(n)}\n`);
      return () => {
        findSections(model, '20-F');
        findSections(model, '10-Q');
      };
    };
    const best = (run: () => void) => {
      let fastest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        run();
        fastest = Math.min(fastest, performance.now() - started);
      }
      return fastest;
    };
    const small = time(4_000);
    const large = time(8_000);
    const tries: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = best(small);
      const b = best(large);
      if (b < 3 * Math.max(a, 20)) return;
      tries.push(`${a.toFixed(1)} ms vs ${b.toFixed(1)} ms`);
    }
    expect.fail(`time grows faster than linearly: ${tries.join('; ')}`);
  });
});

describe('corpus invariants', () => {
  const files = ['submissions', 'nc', 'html'].flatMap((folder) => readdirSync(corpusPath(folder)).map((name) => `${folder}/${name}`));
  const report: string[] = [];

  it("every 8-K's header items are found in the body or diagnosed", () => {
    let eightKs = 0;
    for (const file of files) {
      const bytes = readCorpus(file);
      const header = parseSubmission(bytes).header;
      if (!/^8-K/.test(header?.formType ?? '')) continue;
      eightKs++;
      const record = primaryOf(bytes)?.filing.record as Form8KRecord;
      for (const written of header?.items ?? []) {
        const item = record.items.find((candidate) => candidate.headerText === written);
        expect(item, `${file}: ${written}`).toBeDefined();
        if (!item?.inBody)
          expect(
            record.diagnostics.some(
              (found) =>
                (found.code === 'f8k/item-not-in-body' && found.message.includes(written)) || found.message.includes(item?.number ?? '~'),
            ),
          ).toBe(true);
        else expect(item.span).not.toBeNull();
      }
      for (const item of record.items)
        if (item.inBody && !item.inHeader && (header?.items.length ?? 0) > 0)
          expect(
            record.diagnostics.some((found) => found.code === 'f8k/item-not-in-header' && found.message.includes(item.number ?? '~')),
          ).toBe(true);
    }
    expect(eightKs).toBeGreaterThanOrEqual(4);
  });

  it('sections are found on every 10-K and 20-F whose document heads items, and each is well formed', () => {
    let reports = 0;
    for (const file of files) {
      const primary = primaryOf(readCorpus(file));
      const form = sectionForm(primary?.form);
      if (!primary || !form || form === '40-F') continue;
      reports++;
      const found = findSections(primary.model, form);
      // Independently of the finder: does the document's text head any item at all?
      const text =
        primary.model.sourceFormat === 'html' ? decodeHTML(primary.model.source.replace(/<[^>]*>/g, '\n')) : primary.model.source;
      const headsItems = /^[\s\u00a0]*item[\s\u00a0]+\d{1,2}[A-Z]?\b/im.test(text);
      if (headsItems) expect(found.sections.length, file).toBeGreaterThan(5);
      else expect(found.diagnostics.map((entry) => entry.code)).toEqual(['sections/none-found']);
      expectWellFormed(primary.model, found);
      report.push(
        `${file} (${form}): ${found.sections.map((section) => section.key).join(' ') || 'none'}; not found: ${found.notFound.join(' ')}`,
      );
    }
    expect(reports).toBeGreaterThanOrEqual(3);
    console.info(`sections found per filing:\n${report.join('\n')}`);
  });
});
