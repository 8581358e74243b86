/**
 * The limit ingest is measured against: a bare better-sqlite3 + FTS5 script that inserts the text ingest indexes
 * for the filing set (test/filing-set.ts, corpus submissions repeated), with the same tokenizer, in transactions of
 * `--batch` documents, WAL and synchronous NORMAL as the store opens its file. Nothing else is written.
 *
 * `--tables one`: one row per document in one FTS5 table (the limit).
 * `--tables schema`: what the store's schema indexes, with nothing else: each document's passages in a passage
 * table and its whole text in a contentless document table, so the text is tokenized twice.
 *
 * The texts are made once, untimed, by prepareFiling over each corpus file (the filing set repeats them, lengths
 * unchanged). Prints one JSON line: { tables, documents, textBytes, seconds, cpuSeconds, textMBps }.
 * Run: npx tsx bench/raw-fts5.ts [--filings 3000] [--tables one|schema] [--batch 100] [--db /tmp/raw-fts5.db]
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { prepareFiling } from '../src/pipeline/prepare-filing.js';
import { splitPassages } from '../src/store/passages.js';
import { FTS_TOKENIZE } from '../src/store/sqlite/migrations.js';
import { accessionedCorpus } from '../test/filing-set.js';

/** The indexed text of each document of the first `count` filings of the filing set, in ingest's order. */
export function filingSetTexts(count: number): string[][] {
  const corpus = accessionedCorpus().slice(0, count);
  const perFile = corpus.map(({ name, bytes }) =>
    prepareFiling(bytes, name)
      .documents.map((document) => document.text)
      .filter((text) => text !== ''),
  );
  return Array.from({ length: count }, (_, index) => perFile[index % perFile.length] as string[]);
}

export interface RawFts5Result {
  readonly tables: 'one' | 'schema';
  readonly documents: number;
  readonly textBytes: number;
  readonly seconds: number;
  /** CPU time of the inserts (this process, all threads): on a shared machine, the cost where wall time is not. */
  readonly cpuSeconds: number;
  readonly textMBps: number;
}

/** Inserts every text into a fresh database at `path`, timed from open to the last commit. */
export function insertRawFts5(
  filings: readonly (readonly string[])[],
  path: string,
  tables: 'one' | 'schema',
  batch: number,
): RawFts5Result {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  let textBytes = 0;
  let documents = 0;
  for (const texts of filings) {
    for (const text of texts) {
      textBytes += Buffer.byteLength(text);
      documents++;
    }
  }
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE passages USING fts5 (text, tokenize = '${FTS_TOKENIZE}')`);
  db.exec(`CREATE VIRTUAL TABLE whole USING fts5 (text, content = '', contentless_delete = 1, tokenize = '${FTS_TOKENIZE}')`);
  const passage = db.prepare('INSERT INTO passages (rowid, text) VALUES (?, ?)');
  const whole = db.prepare('INSERT INTO whole (rowid, text) VALUES (?, ?)');
  let id = 0;
  const write = db.transaction((slice: readonly (readonly string[])[]) => {
    for (const texts of slice) {
      for (const text of texts) {
        id++;
        if (tables === 'one') {
          passage.run(id, text);
          continue;
        }
        splitPassages(text).forEach((part, index) => {
          passage.run(id * 1_000_000 + index, part);
        });
        whole.run(id, text);
      }
    }
  });
  for (let at = 0; at < filings.length; at += batch) write(filings.slice(at, at + batch));
  db.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  return { tables, documents, textBytes, seconds, cpuSeconds: (used.user + used.system) / 1e6, textMBps: textBytes / 1e6 / seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      filings: { type: 'string', default: '3000' },
      tables: { type: 'string', default: 'one' },
      batch: { type: 'string', default: '100' },
      db: { type: 'string', default: '/tmp/edgarkit-raw-fts5.db' },
    },
  });
  if (values.tables !== 'one' && values.tables !== 'schema') throw new Error(`--tables is one or schema, not ${values.tables}`);
  const texts = filingSetTexts(Number(values.filings));
  console.log(JSON.stringify(insertRawFts5(texts, values.db, values.tables, Number(values.batch))));
}
