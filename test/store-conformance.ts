import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDocumentKind, parseDocument, xmlText } from '../src/parse/parse-document.js';
import { decodeText } from '../src/parse/sgml/decode-text.js';
import { parseSubmission } from '../src/parse/sgml/parse-submission.js';
import { ingestPaths } from '../src/pipeline/ingest.js';
import { blobStream } from '../src/pipeline/original-bytes.js';
import { renderText } from '../src/render/render-text.js';
import { QueryTooBroadError, searchCaveats } from '../src/store/search.js';
import { QuerySyntaxError } from '../src/store/search-query.js';
import { type ReadWriteStore, SNIPPET_MARK } from '../src/store/store.js';
import { corpusPath, seedPath } from './shared-files.js';

/**
 * One suite every Store adapter must pass. `open` returns a fresh, empty store.
 */
export function describeStoreConformance(
  name: string,
  open: () => Promise<ReadWriteStore>,
  more: { readonly openWithSearchBudget?: (ms: number) => Promise<ReadWriteStore> } = {},
): void {
  describe(`Store conformance: ${name}`, () => {
    let store: ReadWriteStore;
    let inputs: string;
    beforeAll(async () => {
      store = await open();
      inputs = mkdtempSync(join(tmpdir(), 'edgarkit-store-'));
      for (const file of [
        'fpi/0000912282-09-000008.txt',
        'fpi/0000950127-09-000020.txt',
        'fpi/0001279569-09-000080.txt',
        'submissions/0001011438-98-000429.txt',
        'nc/0001193125-10-145855.nc',
        'fpi/0001144204-10-066757.txt',
      ]) {
        copyFileSync(corpusPath(file), join(inputs, file.split('/')[1] as string));
      }
      copyFileSync(seedPath(), join(inputs, 'hanaro-6k-2002-12.txt'));
      // A file that cannot be read: a gzip archive cut in half.
      writeFileSync(join(inputs, 'zz-broken.tar.gz'), gzipSync(Buffer.alloc(200_000, 7)).subarray(0, 100));
    }, 60_000);
    afterAll(async () => {
      await store.close();
    });

    it('ingests a folder, skipping the unreadable file with its path and reason', async () => {
      const failures: string[] = [];
      const summary = await ingestPaths(store, [inputs], { workers: 0, onFailure: (failure) => failures.push(failure.source) });
      expect(summary.ingested).toBe(7);
      expect(summary.failed).toHaveLength(1);
      expect(failures[0]).toContain('zz-broken.tar.gz');
      const stats = await store.stats();
      expect(stats.filings).toBe(7);
    });

    it('is idempotent: the same input again changes nothing', async () => {
      const before = await store.stats();
      const summary = await ingestPaths(store, [inputs], { workers: 0 });
      expect(summary.ingested).toBe(0);
      expect(summary.duplicates).toBe(7);
      expect(await store.stats()).toEqual(before);
    });

    it('keeps the original bytes exactly and the attachments decoded', async () => {
      const original = readFileSync(corpusPath('fpi/0000912282-09-000008.txt'));
      expect(Buffer.from((await store.getOriginal('0000912282-09-000008'))!).equals(original)).toBe(true);
      const filing = await store.getFiling('0000912282-09-000008');
      expect(filing?.documents.map((document) => document.type)).toEqual(['6-K', 'GRAPHIC', 'GRAPHIC', 'GRAPHIC']);
      const image = filing?.documents[1];
      expect(image?.attachmentName).toBe('ballot.jpg');
      const bytes = await store.getBlob(image!.attachmentSha256!);
      expect([...bytes!.subarray(0, 2)]).toEqual([0xff, 0xd8]);
      // As stored, for streaming: the same bytes once decompressed, and their length.
      const stored = await store.getStoredBlob?.(image!.attachmentSha256!);
      expect(stored, 'both adapters read a blob as stored').toBeDefined();
      const chunks: Buffer[] = [];
      for await (const chunk of blobStream(stored!) as AsyncIterable<Buffer>) chunks.push(chunk);
      const streamed = Buffer.concat(chunks);
      expect(streamed.equals(Buffer.from(bytes!))).toBe(true);
      expect(stored!.byteLength).toBe(bytes!.byteLength);
      expect(await store.getStoredBlob?.('0'.repeat(64))).toBeNull();
    });

    it('finds filings by CIK, form and date', async () => {
      const byCik = await store.listFilings({ cik: '1453015' });
      expect(byCik.map((filing) => filing.accessionNumber)).toEqual(['0000912282-09-000008']);
      // The seed has no header: its cover makes it a 6-K, stored under a local id.
      const sixKs = await store.listFilings({ form: '6-K' });
      expect(sixKs.map((filing) => filing.accessionNumber).sort()).toEqual([
        '0000912282-09-000008',
        '0000950127-09-000020',
        '0001144204-10-066757',
        '0001279569-09-000080',
        null,
      ]);
      const bare = sixKs.find((filing) => filing.accessionNumber === null);
      expect(bare?.filingId).toMatch(/^local-[0-9a-f]{20}$/);
      // A bare document has no header: it is listed under the registrant its cover names, by both adapters.
      expect(bare?.companyName).toBe('HANARO TELECOM, INC.');
      expect(bare?.cik).toBeNull();
      const in2009 = await store.listFilings({ from: '2009-01-01', to: '2009-01-31' });
      expect(in2009.map((filing) => filing.accessionNumber).sort()).toEqual([
        '0000912282-09-000008',
        '0000950127-09-000020',
        '0001279569-09-000080',
      ]);
      const company = await store.getCompany('0001453015');
      expect(company?.name).toBe('7076991 Canada Inc.');
      expect(company?.filingCount).toBe(1);
      const listed = await store.listCompanies({ name: 'canada' });
      expect(listed.map((entry) => entry.cik)).toContain('0001453015');
      // A former name finds the company, in the companies list and in company: filters.
      const acergy = await store.listCompanies({ name: 'stolt' });
      expect(acergy.map((entry) => entry.name)).toEqual(['ACERGY S.A.']);
      const byFormerName = await store.search({ text: 'company:stolt' });
      expect(byFormerName.hits.map((hit) => hit.filingId)).toEqual(['0000950127-09-000020']);
    });

    it("keeps SEC's ticker list: a ticker finds its company in lookups, company lists and company: filters", async () => {
      const stored = await store.replaceTickers([
        { ticker: 'acgy', cik: '898685', title: 'Acergy S.A.' },
        { ticker: 'ACGY', cik: '0000000001', title: 'listed twice: the first entry stands' },
        { ticker: 'TM', cik: '1094517', title: 'TOYOTA MOTOR CORP/' },
        { ticker: '', cik: '1', title: 'no ticker' },
        { ticker: 'BAD', cik: 'not a cik', title: 'no CIK' },
        { ticker: 'INC', cik: '0000898685', title: 'Acergy S.A.' },
      ]);
      expect(stored).toBe(3);
      expect(await store.findTicker(' acgy ')).toEqual({ ticker: 'ACGY', cik: '0000898685', title: 'Acergy S.A.' });
      // A ticker may name a company with no filing stored.
      expect(await store.findTicker('tm')).toEqual({ ticker: 'TM', cik: '0001094517', title: 'TOYOTA MOTOR CORP/' });
      expect(await store.findTicker('BAD')).toBeNull();
      expect(await store.findTicker('NONE')).toBeNull();
      expect((await store.getCompany('898685'))?.tickers).toEqual(['ACGY', 'INC']);
      expect((await store.getCompany('1453015'))?.tickers).toEqual([]);
      expect((await store.listCompanies({ name: 'acgy' })).map((entry) => entry.name)).toEqual(['ACERGY S.A.']);
      // A whole ticker lists its company first, then the companies whose names contain the word.
      const inc = await store.listCompanies({ name: 'inc' });
      expect(inc[0]?.name).toBe('ACERGY S.A.');
      expect(inc.map((entry) => entry.cik)).toContain('0001453015');
      expect(inc.slice(1).every((entry) => /inc/i.test(entry.name ?? ''))).toBe(true);
      const byTicker = await store.search({ text: 'company:ACGY' });
      expect(byTicker.hits.map((hit) => hit.filingId)).toEqual(['0000950127-09-000020']);
      expect((await store.search({ text: '', company: 'acgy' })).hits.map((hit) => hit.filingId)).toEqual(['0000950127-09-000020']);
      // A new list replaces the old one whole.
      expect(await store.replaceTickers([{ ticker: 'TM', cik: '1094517', title: 'TOYOTA MOTOR CORP/' }])).toBe(1);
      expect(await store.findTicker('ACGY')).toBeNull();
      expect((await store.getCompany('898685'))?.tickers).toEqual([]);
      expect((await store.search({ text: 'company:ACGY' })).hits).toEqual([]);
      expect(await store.replaceTickers([])).toBe(0);
      expect(await store.findTicker('TM')).toBeNull();
    });

    it('finds text: words, phrases, prefixes, booleans, with highlighted snippets', async () => {
      const phrase = await store.search({ text: '"convertible bonds"' });
      const seed = phrase.hits.find((hit) => hit.filingId.startsWith('local-'));
      expect(seed).toBeDefined();
      // A phrase is marked as one run.
      expect(seed?.documents[0]?.snippet).toContain(`redemption of ${SNIPPET_MARK.open}convertible bonds${SNIPPET_MARK.close} issued`);
      const prefix = await store.search({ text: 'KOSDA*' });
      expect(prefix.hits.some((hit) => hit.filingId === seed?.filingId)).toBe(true);
      const both = await store.search({ text: 'hanaro AND kosdaq' });
      expect(both.hits.map((hit) => hit.filingId)).toEqual([seed?.filingId]);
      const excluded = await store.search({ text: 'kosdaq NOT hanaro' });
      expect(excluded.hits.some((hit) => hit.filingId === seed?.filingId)).toBe(false);
      const either = await store.search({ text: 'hanaro OR glenlyon' });
      expect(new Set(either.hits.map((hit) => hit.filingId)).size).toBeGreaterThanOrEqual(2);
      const filtered = await store.search({ text: 'securities', form: '8-K' });
      expect(filtered.hits.length).toBeGreaterThan(0);
      expect(filtered.hits.every((hit) => hit.formType === '8-K')).toBe(true);
      const byCompany = await store.search({ text: 'company:canada' });
      expect(byCompany.hits.map((hit) => hit.filingId)).toEqual(['0000912282-09-000008']);
    });

    it('quotes every hit from the document it names, and marks only query words', async () => {
      // The invariant every search must keep: a snippet is text of the document its hit names.
      const queries = [
        '"convertible bonds"',
        'kosdaq',
        'securities',
        'shares',
        'report',
        'directors',
        'exhibit',
        'company',
        'hanaro OR glenlyon',
        'annual report',
        'form',
        'telecom',
      ];
      let checked = 0;
      for (const text of queries) {
        const words =
          text
            .toLowerCase()
            .match(/[a-z]+/g)
            ?.filter((word) => word !== 'or') ?? [];
        const page = await store.search({ text, limit: 50 });
        expect(page.hits.length, text).toBeGreaterThan(0);
        for (const hit of page.hits) {
          expect(hit.documents.length, `${text}: ${hit.filingId}`).toBeGreaterThan(0);
          for (const document of hit.documents) {
            const documentText = await renderedDocumentText(store, hit.filingId, document.position);
            const plain = document.snippet.replaceAll(SNIPPET_MARK.open, '').replaceAll(SNIPPET_MARK.close, '');
            for (const fragment of plain
              .split('…')
              .map((part) => part.trim())
              .filter((part) => part !== '')) {
              expect(documentText.includes(fragment), `${text}: ${hit.filingId} doc ${document.position}: «${fragment}»`).toBe(true);
            }
            const marked = [
              ...document.snippet.matchAll(new RegExp(`${SNIPPET_MARK.open}([^${SNIPPET_MARK.close}]*)${SNIPPET_MARK.close}`, 'gu')),
            ];
            expect(marked.length, `${text}: ${hit.filingId}`).toBeGreaterThan(0);
            for (const [, run] of marked) {
              const runWords = (run ?? '').toLowerCase().match(/[a-z]+/g) ?? [];
              expect(
                runWords.every((word) => words.some((query) => word.startsWith(query.slice(0, 4)))),
                `${text}: marked «${run}»`,
              ).toBe(true);
            }
            checked += 1;
          }
        }
      }
      expect(checked).toBeGreaterThan(30);
    });

    it('gives one row per filing, with total, sort and facets as the documents themselves say', async () => {
      // Expected results computed without the index: every stored document rendered and read for the words.
      const hasWord = (text: string, prefix: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${prefix}`, 'iu').test(text);
      const filings = await store.listFilings({ limit: 200 });
      for (const query of [['exchang', 'commiss'], ['secur', 'report'], ['kosdaq']]) {
        const expected: { filingId: string; formType: string | null; filedAt: string | null; documents: number[] }[] = [];
        for (const summary of filings) {
          const filing = await store.getFiling(summary.filingId);
          const documents: number[] = [];
          for (const document of filing?.documents ?? []) {
            const text = await renderedDocumentText(store, summary.filingId, document.position);
            if (query.every((prefix) => hasWord(text, prefix))) documents.push(document.position);
          }
          if (documents.length > 0)
            expected.push({ filingId: summary.filingId, formType: summary.formType, filedAt: summary.filedAt, documents });
        }
        const text = query.map((prefix) => `${prefix}*`).join(' ');
        const page = await store.search({ text, limit: 200 });
        expect(page.total, text).toBe(expected.length);
        expect(page.totalExact).toBe(true);
        expect(page.hits.map((hit) => hit.filingId).sort(), text).toEqual(expected.map((entry) => entry.filingId).sort());
        for (const hit of page.hits) {
          const want = expected.find((entry) => entry.filingId === hit.filingId);
          expect(hit.documents.length + hit.moreDocuments, `${text}: ${hit.filingId}`).toBe(want?.documents.length);
          for (const document of hit.documents) expect(want?.documents).toContain(document.position);
        }
        const count = (key: (entry: (typeof expected)[number]) => string | null) => {
          const counts = new Map<string, number>();
          for (const entry of expected) {
            const value = key(entry);
            if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
          }
          return counts;
        };
        expect(new Map(page.facets.forms.map((facet) => [facet.value, facet.count])), text).toEqual(count((entry) => entry.formType));
        expect(new Map(page.facets.years.map((facet) => [facet.value, facet.count])), text).toEqual(
          count((entry) => entry.filedAt?.slice(0, 4) ?? null),
        );
        const newest = await store.search({ text, limit: 200, sort: 'newest' });
        const dates = newest.hits.map((hit) => hit.filedAt ?? '');
        expect(dates, text).toEqual([...dates].sort().reverse());
        const oldest = await store.search({ text, limit: 200, sort: 'oldest' });
        expect(oldest.hits.map((hit) => hit.filingId)).toEqual(newest.hits.map((hit) => hit.filingId).reverse());
        // Pages join up: two pages of one are the first two hits.
        const first = await store.search({ text, limit: 1 });
        const second = await store.search({ text, limit: 1, offset: 1 });
        expect([...first.hits, ...second.hits].map((hit) => hit.filingId)).toEqual(page.hits.slice(0, 2).map((hit) => hit.filingId));
      }
    });

    it('gives a shown document the same rank and snippet whichever sort, page or neighbours show it', async () => {
      // A search sorted by date may rank only the filings it shows, and documents quoted together may be read as
      // one range: neither may change what a document is given.
      const queries = ['securities', 'exchange commission', '"annual report"', 'shares OR directors', 'report NOT kosdaq', 'secur* report'];
      for (const text of queries) {
        const relevance = await store.search({ text, limit: 200 });
        expect(relevance.totalExact, text).toBe(true);
        expect(relevance.hits.length, text).toBeGreaterThan(1);
        const byFiling = new Map(relevance.hits.map((hit) => [hit.filingId, hit]));
        for (const sort of ['newest', 'oldest'] as const) {
          const dated = await store.search({ text, limit: 200, sort });
          expect(dated.total, `${text} ${sort}`).toBe(relevance.total);
          expect(dated.facets, `${text} ${sort}`).toEqual(relevance.facets);
          expect(dated.hits.map((hit) => hit.filingId).sort(), `${text} ${sort}`).toEqual([...byFiling.keys()].sort());
          for (const hit of dated.hits) expect(hit, `${text} ${sort}`).toEqual(byFiling.get(hit.filingId));
          // A page of one filing sorted by date ranks that filing alone: the same as in the whole result.
          const first = await store.search({ text, limit: 1, sort });
          expect(first.hits[0], `${text} ${sort}`).toEqual(byFiling.get(dated.hits[0]?.filingId ?? ''));
        }
        for (let offset = 0; offset < Math.min(relevance.hits.length, 4); offset++) {
          const alone = await store.search({ text, limit: 1, offset });
          expect(alone.hits, `${text} @${offset}`).toEqual([relevance.hits[offset]]);
        }
      }
    });

    it('counts and names each company of the facets from the filings found', async () => {
      for (const text of ['securities', 'report', 'shares OR directors', 'company']) {
        const page = await store.search({ text, limit: 200 });
        expect(page.totalExact, text).toBe(true);
        const counts = new Map<string, { count: number; names: Set<string | null> }>();
        for (const hit of page.hits) {
          if (hit.cik === null) continue;
          const entry = counts.get(hit.cik) ?? { count: 0, names: new Set() };
          entry.count++;
          entry.names.add(hit.companyName);
          counts.set(hit.cik, entry);
        }
        const facets = page.facets.companies;
        expect(facets.length, text).toBe(Math.min(10, counts.size));
        for (const facet of facets) {
          expect(facet.count, `${text}: ${facet.value}`).toBe(counts.get(facet.value)?.count);
          expect(counts.get(facet.value)?.names.has(facet.label), `${text}: ${facet.label}`).toBe(true);
        }
        // Most filings first, ties by name; no company left out counts more than the last one listed.
        for (let index = 1; index < facets.length; index++) {
          const before = facets[index - 1] as (typeof facets)[number];
          const after = facets[index] as (typeof facets)[number];
          expect(before.count > after.count || (before.count === after.count && before.label <= after.label), text).toBe(true);
        }
        const least = facets[facets.length - 1]?.count ?? 0;
        const listed = new Set(facets.map((facet) => facet.value));
        for (const [cik, { count }] of counts) if (!listed.has(cik)) expect(count, `${text}: ${cik}`).toBeLessThanOrEqual(least);
      }
    });

    it('stores only filings: a folder of other files is skipped, each with its reason, and nothing changes', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'edgarkit-junk-'));
      copyFileSync(corpusPath('README.md'), join(folder, 'README.md'));
      copyFileSync(corpusPath('MANIFEST.tsv'), join(folder, 'MANIFEST.tsv'));
      copyFileSync(corpusPath('index/badform.idx'), join(folder, 'badform.idx'));
      copyFileSync(corpusPath('fpi/0001104659-26-064092-index.html'), join(folder, 'index.html'));
      writeFileSync(join(folder, 'image.png'), Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077', 'hex'));
      const random = Buffer.alloc(4096);
      for (let index = 0, state = 7; index < random.length; index++) {
        state = (state * 1103515245 + 12345) % 2 ** 31;
        random[index] = state & 0xff;
      }
      writeFileSync(join(folder, 'random.bin'), random);
      writeFileSync(join(folder, 'empty.txt'), '');
      const before = await store.stats();
      const skipped: string[] = [];
      const summary = await ingestPaths(store, [folder], { workers: 0, onSkip: (skip) => skipped.push(skip.source) });
      expect(summary.ingested + summary.replaced + summary.duplicates).toBe(0);
      expect(summary.failed).toEqual([]);
      expect(summary.notFilings.map((skip) => skip.source.slice(folder.length + 1)).sort()).toEqual(
        ['MANIFEST.tsv', 'README.md', 'badform.idx', 'empty.txt', 'image.png', 'index.html', 'random.bin'].sort(),
      );
      for (const skip of summary.notFilings) expect(skip.reason.length).toBeGreaterThan(10);
      expect(skipped).toHaveLength(7);
      expect(await store.stats()).toEqual(before);
    });

    it('keeps two copies of one accession (its .nc and its .txt) as one filing; a re-run changes nothing', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'edgarkit-copies-'));
      for (const file of [
        'nc/0001193125-24-100942.nc',
        'submissions/0001193125-24-100942.txt',
        'nc/0001104659-25-002604.nc',
        'submissions/0001104659-25-002604.txt',
      ]) {
        copyFileSync(corpusPath(file), join(folder, file.replace('/', '-')));
      }
      const first = await ingestPaths(store, [folder], { workers: 0 });
      expect(first.failed).toEqual([]);
      // The .txt of 0001193125-24-100942 holds a COVER letter its .nc lacks: the fuller copy is the one kept.
      expect((await store.getFiling('0001193125-24-100942'))?.documents.map((document) => document.type)).toContain('COVER');
      expect((await store.getFiling('0001104659-25-002604'))?.documents.length).toBeGreaterThan(0);
      const stats = await store.stats();
      const again = await ingestPaths(store, [folder], { workers: 0 });
      expect({ ingested: again.ingested, replaced: again.replaced, duplicates: again.duplicates }).toEqual({
        ingested: 0,
        replaced: 0,
        duplicates: 4,
      });
      expect(await store.stats()).toEqual(stats);
      // Whichever copy comes first, the result is the same.
      expect(await store.checkIntegrity()).toEqual([]);
    });

    it('refuses a malformed query with a clear message', async () => {
      for (const bad of ['"unclosed', '(a OR b', 'a OR', 'NOT', '-kosdaq', 'from:2002-13', 'a )']) {
        await expect(store.search({ text: bad }), bad).rejects.toBeInstanceOf(QuerySyntaxError);
      }
    });

    it('refuses a query too broad to answer, naming the term to narrow, before it runs', async () => {
      const broad = store.search({ text: '(s* OR t*) (p* OR r*) -e*' });
      await expect(broad).rejects.toBeInstanceOf(QueryTooBroadError);
      await expect(broad).rejects.toMatchObject({ term: 's*', message: expect.stringContaining('"s*"') });
      const many = store.search({ text: 'kosd* hana* tele* secu* conv*' });
      await expect(many).rejects.toMatchObject({ term: 'conv*', message: expect.stringContaining('at most 4 prefixes') });
      // Four prefixes of three letters or more are answered.
      expect((await store.search({ text: 'kosd* hana* tel* con*' })).total).toBeGreaterThan(0);
    });

    const { openWithSearchBudget } = more;
    if (openWithSearchBudget)
      it('stops a search that runs over its time budget, naming the broadest term', async () => {
        const budgeted = await openWithSearchBudget(0);
        try {
          await ingestPaths(budgeted, [seedPath()], { workers: 0 });
          const slow = budgeted.search({ text: 'hanaro telec* "convertible bonds"' });
          await expect(slow).rejects.toBeInstanceOf(QueryTooBroadError);
          await expect(slow).rejects.toMatchObject({ term: 'telec*', message: expect.stringContaining('did not finish within 0 ms') });
          // A search of filters only runs no full-text statement and is not stopped.
          expect((await budgeted.search({ text: 'form:6-K' })).total).toBe(1);
        } finally {
          await budgeted.close();
        }
      });

    it('refuses punctuation alone rather than listing every filing', async () => {
      for (const text of ['!!!', '-&&', '... ,,,', 'form:6-K ???']) {
        const refused = store.search({ text });
        await expect(refused, text).rejects.toBeInstanceOf(QuerySyntaxError);
        await expect(refused, text).rejects.toThrow(/has no letters or digits to search for/);
      }
      // Punctuation beside a word is ignored, as before.
      expect((await store.search({ text: 'kosdaq &' })).total).toBe((await store.search({ text: 'kosdaq' })).total);
    });

    it('replaces a changed copy of an accession in one go', async () => {
      const filingsBefore = (await store.stats()).filings;
      const changed = join(mkdtempSync(join(tmpdir(), 'edgarkit-store-')), 'changed.txt');
      const text = readFileSync(corpusPath('fpi/0000912282-09-000008.txt'), 'latin1').replace('UNITED STATES', 'XYZZYPLUGH STATES');
      writeFileSync(changed, text, 'latin1');
      const summary = await ingestPaths(store, [changed], { workers: 0 });
      expect(summary.replaced).toBe(1);
      expect((await store.search({ text: 'xyzzyplugh' })).hits.map((hit) => hit.filingId)).toEqual(['0000912282-09-000008']);
      expect((await store.stats()).filings).toBe(filingsBefore);
      expect((await store.getFiling('0000912282-09-000008'))?.documents).toHaveLength(4);
      expect(await store.checkIntegrity()).toEqual([]);
    });

    it('keeps no blob a replaced filing used and nothing else uses: 4 replacements leave 1 original', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'edgarkit-store-'));
      // A filing with three images, stored, then replaced four times by changed copies (the same images).
      const text = readFileSync(corpusPath('fpi/0000912282-09-000008.txt'), 'latin1').replaceAll(
        '0000912282-09-000008',
        '0000912282-09-999998',
      );
      const versions = [0, 1, 2, 3, 4].map((version) => text.replace('UNITED STATES', `VERSION${version} STATES`));
      let first = 0;
      for (const [version, bytes] of versions.entries()) {
        const file = join(folder, `v${version}.txt`);
        writeFileSync(file, bytes, 'latin1');
        const summary = await ingestPaths(store, [file], { workers: 0 });
        expect(summary.ingested + summary.replaced).toBe(1);
        if (version === 0) first = (await store.stats()).blobs;
      }
      // Each replacement's original took the place of the one before; the images stay, used by the newest copy.
      expect((await store.stats()).blobs).toBe(first);
      expect(Buffer.from((await store.getOriginal('0000912282-09-999998'))!).toString('latin1')).toBe(versions[4]);
      for (const old of versions.slice(0, 4)) expect(await store.getBlob(sha256Hex(Buffer.from(old, 'latin1')))).toBeNull();
      const images = (await store.getFiling('0000912282-09-999998'))!.documents.slice(1);
      expect(images).toHaveLength(3);
      for (const image of images) expect(await store.getBlob(image.attachmentSha256!)).not.toBeNull();
      expect(await store.checkIntegrity()).toEqual([]);
    });

    it('ranks and counts the newest 2,000 matching documents, reaches older ones through filters, and says so', async () => {
      // An older filing whose one document says "quokka" most often, then a newer one with 2,050 documents that
      // say it once each: only the newest 2,000 matching documents are ranked and counted, so the older filing is
      // beyond the cap (the total says "more than"), unless a filter leaves it among the newest that pass.
      const folder = mkdtempSync(join(tmpdir(), 'edgarkit-store-'));
      const filler = 'The registrant reports routine matters of no particular interest to anyone at all. '.repeat(3);
      writeFileSync(
        join(folder, 'older.txt'),
        capSubmission('9900000001-26-000001', '0099000001', 'WOMBAT HOLDINGS LTD', [[`${'quokka '.repeat(30)}${filler}`]]),
      );
      writeFileSync(
        join(folder, 'newer.txt'),
        capSubmission(
          '9900000002-26-000001',
          '0099000002',
          'NUMBAT INDUSTRIES PLC',
          Array.from({ length: 2_050 }, (_, n) => [`Exhibit ${n}: quokka. ${filler}`]),
        ),
      );
      expect((await ingestPaths(store, [join(folder, 'older.txt')], { workers: 0 })).ingested).toBe(1);
      expect((await ingestPaths(store, [join(folder, 'newer.txt')], { workers: 0 })).ingested).toBe(1);
      const page = await store.search({ text: 'quokka' });
      expect(page.rankCapped).toBe(true);
      expect(page.totalExact).toBe(false);
      expect(page.total).toBe(1);
      expect(searchCaveats(page).join(' ')).toContain('Ranked, counted, sorted and faceted among the 2,000 most recently stored');
      expect(page.hits.map((hit) => hit.filingId)).toEqual(['9900000002-26-000001']);
      expect(page.hits[0]?.moreDocuments).toBe(2_000 - (page.hits[0]?.documents.length ?? 0));
      for (const text of ['quokka form:6-K', 'quokka from:2026-01-01']) {
        const filteredAsWithout = await store.search({ text });
        expect(
          filteredAsWithout.hits.map((hit) => hit.filingId),
          text,
        ).toEqual(['9900000002-26-000001']);
        expect(filteredAsWithout.totalExact, text).toBe(false);
      }
      const filtered = await store.search({ text: 'quokka company:wombat' });
      expect(filtered.rankCapped).toBe(false);
      expect(filtered.totalExact).toBe(true);
      expect(searchCaveats(filtered)).toEqual([]);
      expect(filtered.hits.map((hit) => hit.filingId)).toEqual(['9900000001-26-000001']);
      expect(filtered.hits[0]?.score).toBeGreaterThan(0);
    }, 120_000);

    it('matches the query over a whole document: words far apart, and NOT anywhere in it', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'edgarkit-store-'));
      const filler = 'The registrant reports routine matters of no particular interest to anyone at all. '.repeat(25);
      // Each paragraph is about one passage (~2,100 characters): the two words stand ten passages apart.
      const far = [`Wallabyone begins the report. ${filler}`, ...Array.from({ length: 9 }, () => filler), `Bilbytwo ends it. ${filler}`];
      writeFileSync(join(folder, 'far.txt'), capSubmission('9900000003-26-000001', '0099000003', 'FAR APART PLC', [far]));
      writeFileSync(
        join(folder, 'excluded.txt'),
        capSubmission('9900000004-26-000001', '0099000004', 'EXCLUDED PLC', [
          [...far, ...Array.from({ length: 5 }, () => filler), `Potoroothree. ${filler}`],
        ]),
      );
      expect((await ingestPaths(store, [folder], { workers: 0 })).ingested).toBe(2);
      const both = await store.search({ text: 'wallabyone bilbytwo' });
      expect(both.hits.map((hit) => hit.filingId).sort()).toEqual(['9900000003-26-000001', '9900000004-26-000001']);
      // No passage holds both words: the snippet quotes one of them, from the document it names.
      for (const hit of both.hits) {
        expect(hit.documents[0]?.snippet).toMatch(new RegExp(`${SNIPPET_MARK.open}(Wallabyone|Bilbytwo)${SNIPPET_MARK.close}`));
      }
      expect((await store.search({ text: '"wallabyone begins" bilbytwo' })).total).toBe(2);
      const excluded = await store.search({ text: 'wallabyone bilbytwo -potoroothree' });
      expect(excluded.hits.map((hit) => hit.filingId)).toEqual(['9900000003-26-000001']);
      expect((await store.search({ text: 'wallabyone NOT (bilbytwo OR potoroothree)' })).total).toBe(0);
    }, 120_000);
  });
}

/** A minimal 6-K submission: one document per entry, each the given paragraphs (each about one passage long). */
function capSubmission(accession: string, cik: string, name: string, documents: readonly (readonly string[])[]): string {
  return [
    '<SEC-DOCUMENT>',
    '<SEC-HEADER>',
    `ACCESSION NUMBER:\t\t${accession}`,
    'CONFORMED SUBMISSION TYPE:\t6-K',
    `PUBLIC DOCUMENT COUNT:\t\t${documents.length}`,
    'FILED AS OF DATE:\t\t20260301',
    '',
    'FILER:',
    '',
    '\tCOMPANY DATA:\t',
    `\t\tCOMPANY CONFORMED NAME:\t\t\t${name}`,
    `\t\tCENTRAL INDEX KEY:\t\t\t${cik}`,
    '</SEC-HEADER>',
    ...documents.flatMap((paragraphs, index) => [
      '<DOCUMENT>',
      `<TYPE>${index === 0 ? '6-K' : `EX-99.${index}`}`,
      `<SEQUENCE>${index + 1}`,
      `<FILENAME>document${index + 1}.txt`,
      '<TEXT>',
      paragraphs.join('\n\n'),
      '</TEXT>',
      '</DOCUMENT>',
    ]),
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}

const renderedTexts = new WeakMap<ReadWriteStore, Map<string, string>>();

/** The text a stored document is indexed from, rendered afresh from the original submission bytes. */
async function renderedDocumentText(store: ReadWriteStore, filingId: string, position: number): Promise<string> {
  const cache = renderedTexts.get(store) ?? new Map<string, string>();
  renderedTexts.set(store, cache);
  const key = `${filingId}/${position}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const text = await renderAfresh(store, filingId, position);
  cache.set(key, text);
  return text;
}

async function renderAfresh(store: ReadWriteStore, filingId: string, position: number): Promise<string> {
  const original = await store.getOriginal(filingId);
  if (!original) throw new Error(`no original for ${filingId}`);
  const document = parseSubmission(original).documents[position];
  if (!document) throw new Error(`${filingId} has no document at position ${position}`);
  const text = decodeText(document.body).text;
  const kind = detectDocumentKind(text, document);
  if (kind === 'xml') return xmlText(text);
  return kind === 'binary' ? text : renderText(parseDocument(text, kind), { width: 0 });
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every folder makeTempDir made in this test file: removed after the file's tests, passed or failed. */
const tempDirs: string[] = [];
// Registered when a test file first imports this module, so it is the file's first after-all hook and, hooks
// running in reverse, its last: stores and servers closed by the file's own hooks are closed before their folder goes.
afterAll(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(dir, { recursive: true });
  tempDirs.push(dir);
  return dir;
}
