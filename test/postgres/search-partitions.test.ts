import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { prepareFiling } from '../../src/pipeline/prepare-filing.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { openPostgresStore, POSTGRES_SCHEMA_VERSION, type PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { COUNT_CAP } from '../../src/store/search.js';
import type { SearchPage, SearchSort } from '../../src/store/store.js';
import { useTestCluster } from './use-test-cluster.js';

/**
 * The PostgreSQL search reads `passages` (range-partitioned by document id, schema version 8) in windows of
 * document ids, newest first, until COUNT_CAP + 1 documents matched. Here a set of 5,000 documents in 100 filings
 * over four years, in partitions of 200 documents and so several windows, is searched; every total, "more than",
 * facet and order is checked against what the documents written say, counted here without the store.
 */

const requireCluster = useTestCluster();

/** Documents of the filing stored before schema version 8 in the migration test. */
const LEGACY_DOCUMENTS = 3_000;

const FILINGS = 100;
const DOCUMENTS = 50;
const FORMS = ['6-K', '10-K', '8-K'] as const;
const COMPANIES = [
  ['0099100001', 'QUOLL MINING LTD'],
  ['0099100002', 'BILBY FOODS PLC'],
  ['0099100003', 'DINGO SHIPPING SA'],
  ['0099100004', 'EMU AIRWAYS NV'],
] as const;

interface Filing {
  readonly index: number;
  readonly accession: string;
  readonly form: string;
  readonly filedAt: string;
  readonly cik: string;
  readonly name: string;
  /** Each document's words, in order. */
  readonly documents: readonly string[];
}

/** What document `n` (0 … FILINGS × DOCUMENTS − 1, in the order written) says: a deterministic mix. */
function documentText(n: number): string {
  const kind = (n * 7919) % 10;
  const words =
    kind <= 6
      ? 'the quokka wombat accord was signed'
      : kind === 7
        ? 'the wombat met a quokka'
        : kind === 8
          ? 'a wombat alone'
          : 'nothing of note';
  // A rare word in a few documents, most of them old: reached only by reading every window.
  const rare = n % 997 === 11 ? ' the numbat clause' : '';
  return `Item ${n} of the report. ${words}.${rare}`;
}

const filings: Filing[] = Array.from({ length: FILINGS }, (_, index) => {
  const [cik, name] = COMPANIES[index % COMPANIES.length] as readonly [string, string];
  return {
    index,
    accession: `99${String(index).padStart(8, '0')}-21-000001`,
    form: FORMS[index % FORMS.length] as string,
    // Filing dates that do not follow the order written, over 2018-2021.
    filedAt: `${2018 + ((index * 7) % 4)}-${String(1 + (index % 9)).padStart(2, '0')}-15`,
    cik,
    name,
    documents: Array.from({ length: DOCUMENTS }, (_, position) => documentText(index * DOCUMENTS + position)),
  };
});

function submission(filing: Filing): string {
  return [
    '<SEC-DOCUMENT>',
    '<SEC-HEADER>',
    `ACCESSION NUMBER:\t\t${filing.accession}`,
    `CONFORMED SUBMISSION TYPE:\t${filing.form}`,
    `PUBLIC DOCUMENT COUNT:\t\t${filing.documents.length}`,
    `FILED AS OF DATE:\t\t${filing.filedAt.replaceAll('-', '')}`,
    '',
    'FILER:',
    '',
    '\tCOMPANY DATA:\t',
    `\t\tCOMPANY CONFORMED NAME:\t\t\t${filing.name}`,
    `\t\tCENTRAL INDEX KEY:\t\t\t${filing.cik}`,
    '</SEC-HEADER>',
    ...filing.documents.flatMap((text, index) => [
      '<DOCUMENT>',
      `<TYPE>${index === 0 ? filing.form : `EX-99.${index}`}`,
      `<SEQUENCE>${index + 1}`,
      `<FILENAME>document${index + 1}.txt`,
      '<TEXT>',
      text,
      '</TEXT>',
      '</DOCUMENT>',
    ]),
    '</SEC-DOCUMENT>',
    '',
  ].join('\n');
}

/** The queries, each with what it means for one document's words (written independently of the store). */
const words = (text: string): string[] => Array.from(text.toLowerCase().matchAll(/[a-z0-9]+/g), (found) => found[0]);
const has = (text: string, word: string) => words(text).includes(word);
const phrase = (text: string, a: string, b: string) => words(text).some((word, at, all) => word === a && all[at + 1] === b);
const QUERIES: readonly { text: string; matches: (text: string, filing: Filing) => boolean; sort?: SearchSort }[] = [
  { text: '"quokka wombat"', matches: (text) => phrase(text, 'quokka', 'wombat') },
  { text: '"quokka wombat"', matches: (text) => phrase(text, 'quokka', 'wombat'), sort: 'newest' },
  { text: '"wombat met"', matches: (text) => phrase(text, 'wombat', 'met'), sort: 'oldest' },
  { text: 'wombat NOT quokka', matches: (text) => has(text, 'wombat') && !has(text, 'quokka') },
  { text: 'numbat', matches: (text) => has(text, 'numbat') },
  { text: 'numbat OR alone', matches: (text) => has(text, 'numbat') || has(text, 'alone') },
  { text: '"quokka wombat" form:8-K', matches: (text, filing) => phrase(text, 'quokka', 'wombat') && filing.form === '8-K' },
  {
    text: '"quokka wombat" from:2019-01-01 to:2019-12-31',
    matches: (text, filing) => phrase(text, 'quokka', 'wombat') && filing.filedAt.startsWith('2019'),
    sort: 'newest',
  },
  { text: 'quokka company:dingo', matches: (text, filing) => has(text, 'quokka') && filing.cik === '0099100003' },
];

/** The page a search should give, counted from the documents: the newest COUNT_CAP matching, grouped by filing. */
function expected(query: (typeof QUERIES)[number]) {
  const matching = filings.flatMap((filing) => filing.documents.filter((text) => query.matches(text, filing)).map(() => filing));
  const window = matching.slice(-COUNT_CAP);
  const shown = [...new Set(window)];
  const count = (key: (filing: Filing) => string) => {
    const counts: Record<string, number> = {};
    for (const filing of shown) counts[key(filing)] = (counts[key(filing)] ?? 0) + 1;
    return counts;
  };
  const newest = [...shown].sort((a, b) => (a.filedAt === b.filedAt ? b.index - a.index : a.filedAt < b.filedAt ? 1 : -1));
  return {
    matchingDocuments: matching.length,
    windowDocuments: window.length,
    total: shown.length,
    totalExact: matching.length <= COUNT_CAP,
    forms: count((filing) => filing.form),
    years: count((filing) => filing.filedAt.slice(0, 4)),
    companies: count((filing) => filing.cik),
    newest: newest.map((filing) => filing.accession),
  };
}

const facetCounts = (facets: readonly { value: string; count: number }[]) => Object.fromEntries(facets.map((f) => [f.value, f.count]));

async function writeAll(store: PostgresStore, from: number, to: number): Promise<void> {
  // In stored order, ten filings a batch, one batch after the other: document ids follow the order written.
  for (let start = from; start < to; start += 10) {
    const batch = filings.slice(start, Math.min(to, start + 10)).map((filing) => {
      const bytes = new TextEncoder().encode(submission(filing));
      return prepareFiling(bytes, `${filing.accession}.txt`);
    });
    await store.writeFilings(batch);
  }
}

async function partitionsOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'passages'::regclass ORDER BY c.relname`,
    );
    return rows.map((row) => row.bound as string);
  } finally {
    await client.end();
  }
}

describe('PostgreSQL search over partitions of passages, newest windows first', () => {
  it('counts, facets and orders the newest 2,000 matching documents as the documents say, over many partitions', async () => {
    const url = await requireCluster().createDatabase('partitions');
    const store = await openPostgresStore(url, { documentsPerPartition: 200 });
    try {
      await writeAll(store, 0, FILINGS);
      const bounds = await partitionsOf(url);
      // 5,000 documents in partitions of 200, and the partitions made ahead of the ids.
      expect(bounds.length).toBeGreaterThanOrEqual(25);
      expect(bounds).toContain("FOR VALUES FROM ('0') TO ('200')");

      // The model agrees with PostgreSQL's own reading of the words, over the whole table at once.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const direct = await client.query(
          "SELECT count(DISTINCT document_id) AS n FROM passages WHERE tsv @@ to_tsquery('edgarkit', 'quokka <-> wombat')",
        );
        expect(Number(direct.rows[0].n)).toBe(expected(QUERIES[0] as (typeof QUERIES)[number]).matchingDocuments);
      } finally {
        await client.end();
      }

      for (const query of QUERIES) {
        const want = expected(query);
        const label = `${query.text} (${query.sort ?? 'relevance'})`;
        const page: SearchPage = await store.search({ text: query.text, limit: 100, ...(query.sort ? { sort: query.sort } : {}) });
        expect(page.total, label).toBe(want.total);
        expect(page.totalExact, label).toBe(want.totalExact);
        expect(facetCounts(page.facets.forms), label).toEqual(want.forms);
        expect(facetCounts(page.facets.years), label).toEqual(want.years);
        expect(facetCounts(page.facets.companies), label).toEqual(want.companies);
        const documents = page.hits.reduce((sum, hit) => sum + hit.documents.length + hit.moreDocuments, 0);
        expect(documents, label).toBe(want.windowDocuments);
        if (query.sort === 'newest')
          expect(
            page.hits.map((hit) => hit.filingId),
            label,
          ).toEqual(want.newest);
        if (query.sort === 'oldest')
          expect(
            page.hits.map((hit) => hit.filingId),
            label,
          ).toEqual([...want.newest].reverse());
      }
      // The cases the set was made for: a phrase capped in the newest window, a rare word and filters that are not.
      expect(expected(QUERIES[0] as (typeof QUERIES)[number]).totalExact).toBe(false);
      expect(expected(QUERIES[4] as (typeof QUERIES)[number]).total).toBeGreaterThanOrEqual(3);
      expect(expected(QUERIES[6] as (typeof QUERIES)[number]).totalExact).toBe(true);
      expect(await store.checkIntegrity()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 480_000);

  it('migrates a database of schema version 7: its passages become one partition, searched with the new ones', async () => {
    const url = await requireCluster().createDatabase('migrate_partitions');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The schema as it was, and one filing stored by it (rows written as that version wrote them).
      await client.query(
        'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      for (const migration of POSTGRES_MIGRATIONS.filter((m) => m.version < 8)) {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      }
      await client.query("INSERT INTO blobs (sha256, compression, byte_length, data) VALUES ('b0', 'none', 1, '\\x00')");
      const filing = await client.query(
        `INSERT INTO filings (id, accession_number, form_type, filed_at, items, group_members, format, header, parties,
           primary_cik, primary_name, content_hash, byte_length, source, diagnostics, original_blob, document_count)
         VALUES ('9900000900-17-000001', '9900000900-17-000001', '6-K', '2017-06-01', '[]', '[]', 'sgml', '{}', '[]',
           '0099000900', 'OLD QUOKKA LTD', 'h0', 1, 'old.txt', '[]', 'b0', $1) RETURNING row_id`,
        [LEGACY_DOCUMENTS],
      );
      // 3,000 documents, each saying the phrase but the last: more than one window's worth inside the one partition.
      const documents = await client.query(
        `INSERT INTO documents (filing_row_id, position, sequence, type, byte_length, body_start, body_end, encoding, source_format)
         SELECT $1, n, n + 1, '6-K', 1, 0, 1, 'utf-8', 'text' FROM generate_series(0, ${LEGACY_DOCUMENTS - 1}) n ORDER BY n RETURNING id, position`,
        [filing.rows[0].row_id],
      );
      await client.query(
        `INSERT INTO passages (document_id, position, text, tsv)
         SELECT d.id, 0, t.text, to_tsvector('edgarkit', t.text)
         FROM unnest($1::bigint[], $2::int[]) AS d (id, position),
           LATERAL (SELECT CASE WHEN d.position = ${LEGACY_DOCUMENTS - 1} THEN 'Nothing of note.' ELSE 'An old quokka wombat accord.' END AS text) t
         ORDER BY d.id`,
        [documents.rows.map((row) => row.id), documents.rows.map((row) => row.position)],
      );
    } finally {
      await client.end();
    }

    const store = await openPostgresStore(url, { documentsPerPartition: 200 });
    try {
      const bounds = await partitionsOf(url);
      expect(bounds[0]).toBe(`FOR VALUES FROM (MINVALUE) TO ('${LEGACY_DOCUMENTS + 1}')`);
      await writeAll(store, 0, 20);
      expect((await partitionsOf(url)).length).toBeGreaterThanOrEqual(6);
      const page = await store.search({ text: '"quokka wombat" from:2017-01-01 to:2017-12-31' });
      expect(page.hits.map((hit) => hit.filingId)).toEqual(['9900000900-17-000001']);
      expect(page.hits[0]?.documents[0]?.snippet).toContain('accord');
      // The newest 2,000 matching documents: every new one, then the newest of the old filing's, read in windows
      // of document ids inside its one partition.
      const newer = filings.slice(0, 20).flatMap((f) => f.documents.filter((text) => phrase(text, 'quokka', 'wombat')).map(() => f));
      const all = await store.search({ text: '"quokka wombat"', sort: 'oldest', limit: 100 });
      expect(all.total).toBe(new Set(newer).size + 1);
      expect(all.totalExact).toBe(false);
      const old = all.hits[0];
      expect(old?.filingId).toBe('9900000900-17-000001');
      expect((old?.documents.length ?? 0) + (old?.moreDocuments ?? 0)).toBe(COUNT_CAP - newer.length);
      const rare = await store.search({ text: 'note from:2017-01-01 to:2017-12-31' });
      expect(rare.hits.map((hit) => hit.documents.map((document) => document.sequence))).toEqual([[LEGACY_DOCUMENTS]]);
      expect(await store.checkIntegrity()).toEqual([]);
      expect(POSTGRES_SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
    } finally {
      await store.close();
    }
  }, 480_000);
});
