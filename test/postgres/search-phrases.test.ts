import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { prepareFiling } from '../../src/pipeline/prepare-filing.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { useTestCluster } from './use-test-cluster.js';

/**
 * Phrases in long documents on PostgreSQL: a phrase that several passages of one document hold counts the document
 * once, and a phrase of words most passages hold (`"of the"`, matched document by document once the statistics say
 * so) finds exactly the documents a direct count finds, with the same snippets' truth as any other search.
 */

const requireCluster = useTestCluster();

const FILINGS = 24;
const DOCUMENTS = 3;

/**
 * A paragraph of about 300 characters. Every one holds the words "the", "season", "count" and "of", so nearly every
 * passage does; only `marked` ones hold them as the phrase "count of the season", and "wombat".
 */
function paragraph(n: number, marked: boolean): string {
  const filler = `Paragraph ${n}: the season saw a count of quolls, bilbies, numbats and dingoes, in plain words`;
  return marked ? `${filler}, and the wombat count of the season rose again. ${filler}.` : `${filler}; nothing else. ${filler}.`;
}

/** Document `d` of filing `f`: 30 paragraphs (four passages or so); some documents hold both phrases in many passages. */
function documentText(f: number, d: number): string {
  const holds = (f + d) % 3 !== 0; // two documents in three
  return Array.from({ length: 30 }, (_, n) => paragraph(n, holds && n % 2 === 0)).join('\n\n');
}

function submission(f: number): string {
  const accession = `98${String(f).padStart(8, '0')}-22-000001`;
  return [
    '<SEC-DOCUMENT>',
    '<SEC-HEADER>',
    `ACCESSION NUMBER:\t\t${accession}`,
    'CONFORMED SUBMISSION TYPE:\t6-K',
    `PUBLIC DOCUMENT COUNT:\t\t${DOCUMENTS}`,
    `FILED AS OF DATE:\t\t2020${String(1 + (f % 12)).padStart(2, '0')}15`,
    '',
    'FILER:',
    '',
    '\tCOMPANY DATA:\t',
    '\t\tCOMPANY CONFORMED NAME:\t\t\tWOMBAT HOLDINGS LTD',
    '\t\tCENTRAL INDEX KEY:\t\t\t0098100001',
    '</SEC-HEADER>',
    ...Array.from({ length: DOCUMENTS }, (_, d) => [
      '<DOCUMENT>',
      `<TYPE>${d === 0 ? '6-K' : `EX-99.${d}`}`,
      `<SEQUENCE>${d + 1}`,
      `<FILENAME>document${d + 1}.txt`,
      '<TEXT>',
      documentText(f, d),
      '</TEXT>',
      '</DOCUMENT>',
    ]).flat(),
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}

describe('PostgreSQL phrase search in documents of many passages', () => {
  it('counts each document once, and matches a phrase of common words document by document alike', async () => {
    const url = await requireCluster().createDatabase('phrases');
    const store = await openPostgresStore(url, { documentsPerPartition: 20 });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (let f = 0; f < FILINGS; f += 6) {
        await store.writeFilings(
          Array.from({ length: 6 }, (_, i) => prepareFiling(new TextEncoder().encode(submission(f + i)), `f${f + i}.txt`)),
        );
      }
      const holding = Array.from({ length: FILINGS * DOCUMENTS }, (_, n) => Math.floor(n / DOCUMENTS)).filter(
        (f, n) => (f + (n % DOCUMENTS)) % 3 !== 0,
      );
      const filingsHolding = new Set(holding).size;
      // Several passages per document hold each phrase, as the store split them: the case being tested.
      const perDocument = await client.query(
        `SELECT min(n) AS least FROM (SELECT document_id, count(*) AS n FROM passages
         WHERE tsv @@ to_tsquery('edgarkit', 'wombat <-> count') GROUP BY document_id) s`,
      );
      expect(Number(perDocument.rows[0].least)).toBeGreaterThanOrEqual(2);

      const check = async (text: string) => {
        const page = await store.search({ text, limit: 100 });
        expect(page.total, text).toBe(filingsHolding);
        expect(page.totalExact, text).toBe(true);
        const documents = page.hits.flatMap((hit) => hit.documents);
        expect(documents.length + page.hits.reduce((sum, hit) => sum + hit.moreDocuments, 0), text).toBe(holding.length);
        for (const hit of page.hits) {
          const sequences = hit.documents.map((document) => document.sequence);
          expect(new Set(sequences).size, `${text}: ${hit.filingId} lists a document twice`).toBe(sequences.length);
        }
        for (const document of documents) expect(document.snippet.toLowerCase(), text).toContain('count');
        return page;
      };
      // Without statistics every phrase is matched through the GIN index; with them, a phrase whose words nearly
      // every passage holds is matched document by document: the same documents either way.
      const before = await check('"count of the season"');
      const beforeShort = await check('"wombat count"');
      // A word alone, which several passages of each document hold, is matched without ranking and ranked after:
      // each document still once, and only the documents holding it.
      await check('wombat');
      await client.query('ANALYZE');
      const shares = await client.query(
        `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
         WHERE tablename = 'passages' AND attname = 'tsv'`,
      );
      const share = (word: string) => {
        const row = shares.rows[0];
        const at = (row.elems as string[]).indexOf(word);
        return at < 0 ? 0 : Number(row.freqs[at]);
      };
      expect(share('count') * share('of') * share('the') * share('season')).toBeGreaterThanOrEqual(0.9);
      const after = await check('"count of the season"');
      expect(after.hits.map((hit) => hit.filingId).sort()).toEqual(before.hits.map((hit) => hit.filingId).sort());
      const afterShort = await check('"wombat count"');
      expect(afterShort.hits.map((hit) => hit.filingId).sort()).toEqual(beforeShort.hits.map((hit) => hit.filingId).sort());
    } finally {
      await client.end();
      await store.close();
    }
  }, 300_000);
});
