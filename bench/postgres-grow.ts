/**
 * Grows a PostgreSQL search database to a size quickly, for measuring search (bench/postgres-search.ts
 * --postgres-url) on one machine without loading for hours: the first `--seed` filings are written by the
 * adapter of the checkout given (`--code`, its own schema), copies of the corpus submissions exactly as
 * postgres-search.ts makes them; every further filing is a copy of one of those rows made in SQL (new row ids,
 * accession and hash; the same text, tsvector, parties and documents, document ids ascending copy after copy as
 * a load would give them). The passage indexes are dropped while copying and built again after it, the same way
 * for every schema, so old and new code are measured over indexes built alike.
 *
 * Run: npx tsx bench/postgres-grow.ts --url postgres://… --size 25000 [--seed 1000] [--code DIR]
 *        [--documents-per-partition N]
 * A second run with a larger --size adds copies to the same database.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { PreparedFiling } from '../src/store/store.js';
import { accessionedCorpus, syntheticAccession } from '../test/filing-set.js';

const { values: options } = parseArgs({
  options: {
    url: { type: 'string' },
    size: { type: 'string' },
    seed: { type: 'string', default: '1000' },
    code: { type: 'string', default: resolve(dirname(fileURLToPath(import.meta.url)), '..') },
    'documents-per-partition': { type: 'string', default: '50000' },
  },
});
if (!options.url || !options.size) throw new Error('--url and --size are required');
const url = options.url;
const size = Number(options.size);
const seed = Number(options.seed);
if (size % seed !== 0) throw new Error(`--size must be a multiple of --seed (${seed})`);
const code = resolve(options.code);
const module = async <T>(path: string): Promise<T> => {
  const file = join(code, path);
  if (!existsSync(file)) throw new Error(`--code ${code}: ${path} does not exist`);
  return (await import(pathToFileURL(file).href)) as T;
};

const client = new pg.Client({ connectionString: url });
await client.connect();
const count = async (sql: string) => Number((await client.query(sql)).rows[0]?.n ?? 0);
const started = Date.now();
const say = (text: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  ${text}`);

if (
  (await client.query("SELECT to_regclass('filings') IS NOT NULL AS found")).rows[0]?.found !== true ||
  (await count('SELECT count(*) AS n FROM filings')) === 0
) {
  // The seed: written by the adapter measured, as postgres-search.ts writes its copies.
  const { prepareFiling } = await module<typeof import('../src/pipeline/prepare-filing.js')>('src/pipeline/prepare-filing.ts');
  const { openPostgresStore } = await module<typeof import('../src/store/postgres/postgres-store.js')>(
    'src/store/postgres/postgres-store.ts',
  );
  const templates = accessionedCorpus().map((file) => prepareFiling(file.bytes, file.name));
  const copyOf = (index: number): PreparedFiling => {
    const fileIndex = index % templates.length;
    const template = templates[fileIndex] as PreparedFiling;
    const accession = syntheticAccession(Math.floor(index / templates.length), fileIndex);
    return {
      ...template,
      id: accession,
      accessionNumber: accession,
      contentHash: createHash('sha256').update(`${accession}/${template.contentHash}`).digest('hex'),
      blobs: index < templates.length ? template.blobs : [],
    };
  };
  const store = await openPostgresStore(url, { poolSize: 2 });
  for (let start = 0; start < seed; start += 200) {
    await store.writeFilings(Array.from({ length: Math.min(200, seed - start) }, (_, offset) => copyOf(start + offset)));
  }
  await store.close();
  say(`seed: ${seed} filings written by ${code}`);
}

await client.query('CREATE TABLE IF NOT EXISTS bench_seed (filings bigint, documents bigint, passages bigint)');
if ((await count('SELECT count(*) AS n FROM bench_seed')) === 0) {
  await client.query(
    'INSERT INTO bench_seed SELECT (SELECT max(row_id) FROM filings), (SELECT max(id) FROM documents), (SELECT max(id) FROM passages)',
  );
}
const span = (await client.query('SELECT filings, documents, passages FROM bench_seed')).rows[0] as Record<string, string>;
const [F, D, P] = [Number(span.filings), Number(span.documents), Number(span.passages)];
const have = await count('SELECT count(*) AS n FROM filings');
const from = have / seed;
const to = size / seed - 1;
if (!Number.isInteger(from)) throw new Error(`${have} filings is not a multiple of the seed (${seed})`);
if (from > to) {
  say(`already ${have} filings`);
  await client.end();
  process.exit(0);
}
const partitioned = (await client.query("SELECT relkind FROM pg_class WHERE relname = 'passages'")).rows[0]?.relkind === 'p';
const columns = async (table: string) =>
  (
    await client.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = 'public' ORDER BY ordinal_position`,
      [table],
    )
  ).rows.map((row) => row.column_name as string);
const copy = async (table: string, where: string, order: string, changed: Record<string, string>) => {
  const names = (await columns(table)).filter((name) => name !== 'ingested_at');
  const select = names.map((name) => changed[name] ?? `t.${name}`);
  await client.query(
    `INSERT INTO ${table} (${names.join(', ')}) OVERRIDING SYSTEM VALUE
     SELECT ${select.join(', ')} FROM generate_series(${from}, ${to}) AS k, ${table} t WHERE ${where} ORDER BY k, ${order}`,
  );
  say(`${table}: copies ${from}..${to}`);
};

// Foreign keys are not checked while copying rows whose parents were copied first.
await client.query('SET session_replication_role = replica');
await client.query('SET maintenance_work_mem = $$512MB$$');
await client.query('DROP INDEX IF EXISTS passages_tsv');
await client.query('DROP INDEX IF EXISTS passages_document');
if (partitioned) {
  // Partitions for the document ids the copies take, as the writers would have made them.
  const step = Number(options['documents-per-partition']);
  const top = (to + 1) * D;
  const upper = Number(
    (
      await client.query(
        `SELECT max((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''(-?[0-9]+)''\\)'))[1]::bigint) AS n
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'passages'::regclass`,
      )
    ).rows[0]?.n ?? 0,
  );
  for (let lower = upper; lower <= top + step / 2; lower += step) {
    await client.query(
      `CREATE TABLE passages_p${lower} (LIKE passages INCLUDING DEFAULTS INCLUDING COMPRESSION) WITH (toast_tuple_target = 128)`,
    );
    await client.query(`ALTER TABLE passages ATTACH PARTITION passages_p${lower} FOR VALUES FROM (${lower}) TO (${lower + step})`);
  }
}
await copy('filings', `t.row_id <= ${F}`, 't.row_id', {
  row_id: `t.row_id + k * ${F}`,
  id: `'C' || k || '-' || t.id`,
  accession_number: `'C' || k || '-' || t.accession_number`,
  content_hash: `t.content_hash || '/' || k`,
});
await copy('filing_parties', `t.filing_row_id <= ${F}`, 't.filing_row_id, t.position', {
  filing_row_id: `t.filing_row_id + k * ${F}`,
});
await copy('documents', `t.id <= ${D}`, 't.id', { id: `t.id + k * ${D}`, filing_row_id: `t.filing_row_id + k * ${F}` });
await copy('passages', `t.id <= ${P}`, 't.id', { id: `t.id + k * ${P}`, document_id: `t.document_id + k * ${D}` });
await client.query(`SELECT setval(pg_get_serial_sequence('filings', 'row_id'), (SELECT max(row_id) FROM filings))`);
await client.query(`SELECT setval(pg_get_serial_sequence('documents', 'id'), (SELECT max(id) FROM documents))`);
await client.query(`SELECT setval('passages_id_seq', (SELECT max(id) FROM passages))`);
await client.query('CREATE INDEX passages_document ON passages (document_id)');
await client.query('CREATE INDEX passages_tsv ON passages USING gin (tsv)');
say('passage indexes built');
await client.query('VACUUM ANALYZE');
say(
  `VACUUM ANALYZE; ${await count('SELECT count(*) AS n FROM filings')} filings, ${await count('SELECT count(*) AS n FROM passages')} passages`,
);
await client.end();
