/**
 * Where a SQLite search's window read spends its time, per query and shard: the document-level FTS5 statement read
 * newest first as `#matchDocuments` reads it (up to RANK_CAP + 1 matching documents), timed in CPU milliseconds
 *   - unranked: the matching row ids only;
 *   - ranked: the same with `rank` (bm25);
 *   - counts: bm25's per-statement set-up alone (`rank` of the newest matching row only: FTS5 counts, for each
 *     phrase of the query, the rows of the whole shard holding it before it ranks that one row);
 *   - joined: the ranked statement with the joins to `documents` and `filing_hits` the store makes.
 * Read-only: may run beside a load (CPU time is this process's own).
 * Run: npx tsx bench/sqlite-rank-cost.ts --db /tmp/sqlite-rank-db/search.db [--rounds 3] [--query '"of the"' ...]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { RANK_CAP } from '../src/store/search.js';
import { parseSearchQuery, toFts5 } from '../src/store/search-query.js';
import { documentTable } from '../src/store/sqlite/migrations.js';
import { DOCUMENT_SEARCH_QUERIES } from './corpus.js';

const { values: options } = parseArgs({
  options: {
    db: { type: 'string', default: '/tmp/sqlite-rank-db/search.db' },
    rounds: { type: 'string', default: '3' },
    query: { type: 'string', multiple: true },
  },
});
const rounds = Number(options.rounds);
const db = new Database(options.db, { readonly: true });
db.pragma('busy_timeout = 5000');
const shards = (
  db.prepare('SELECT first_document, passages FROM passage_shards ORDER BY first_document DESC').all() as {
    first_document: number;
    passages: number;
  }[]
).map((row) => ({ shard: row.first_document, passages: row.passages }));
const documentsOf = new Map<number, number>();
for (const [index, { shard }] of shards.entries()) {
  // Documents by the id range of the shard (shards are newest first: the next newer one bounds it).
  const next = shards[index - 1]?.shard ?? Number.MAX_SAFE_INTEGER;
  const { n } = db.prepare('SELECT count(*) AS n FROM documents WHERE id >= ? AND id < ?').get(shard, next) as { n: number };
  documentsOf.set(shard, n);
}
console.log(
  `shards (newest first): ${shards.map((s) => `${s.shard}: ${s.passages.toLocaleString('en-US')} passages, ${documentsOf.get(s.shard)?.toLocaleString('en-US')} documents`).join('; ')}`,
);

function cpu<T>(run: () => T): { ms: number; value: T } {
  const started = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1e3, value };
}

const texts = options.query ?? DOCUMENT_SEARCH_QUERIES.map((query) => query.text);
for (const text of texts) {
  const parsed = parseSearchQuery(text);
  if (!parsed.match) continue;
  const match = toFts5(parsed.match);
  const perShard: string[] = [];
  const totals = { unranked: 0, ranked: 0, counts: 0, joined: 0 };
  let found = 0;
  for (const { shard } of shards) {
    const wanted = RANK_CAP + 1 - found;
    if (wanted <= 0) break;
    const table = documentTable(shard);
    const unranked = db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?`).raw(true);
    const ranked = db.prepare(`SELECT rowid, rank FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?`).raw(true);
    const one = db.prepare(`SELECT rank FROM ${table} WHERE ${table} MATCH ? AND rowid = ?`).raw(true);
    const joined = db
      .prepare(
        `SELECT ${table}.rowid, ${table}.rank, d.filing_rowid, d.position, f.form_type, f.filed_at, f.primary_cik
         FROM ${table} JOIN documents d ON d.id = ${table}.rowid JOIN filing_hits f ON f.rowid = d.filing_rowid
         WHERE ${table} MATCH ? ORDER BY ${table}.rowid DESC LIMIT ?`,
      )
      .raw(true);
    const rows = unranked.all(match, wanted) as [number][];
    const times = { unranked: 0, ranked: 0, counts: 0, joined: 0 };
    for (let round = 0; round <= rounds; round++) {
      const a = cpu(() => unranked.all(match, wanted));
      const b = cpu(() => ranked.all(match, wanted));
      const c = rows.length > 0 ? cpu(() => one.all(match, BigInt(rows[0]?.[0] as number))) : { ms: 0 };
      const d = cpu(() => joined.all(match, wanted));
      if (round === 0) continue;
      times.unranked += a.ms / rounds;
      times.ranked += b.ms / rounds;
      times.counts += c.ms / rounds;
      times.joined += d.ms / rounds;
    }
    found += rows.length;
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += times[key];
    perShard.push(
      `${shard} (${rows.length}): ${times.unranked.toFixed(1)} / ${times.ranked.toFixed(1)} / ${times.counts.toFixed(1)} / ${times.joined.toFixed(1)}`,
    );
  }
  console.log(
    `${text.padEnd(42)} found ${String(found).padStart(4)}  unranked ${totals.unranked.toFixed(1)}  ranked ${totals.ranked.toFixed(1)}  counts ${totals.counts.toFixed(1)}  joined ${totals.joined.toFixed(1)} ms CPU`,
  );
  console.log(`    per shard (matches): unranked / ranked / counts / joined: ${perShard.join('; ')}`);
}
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')}`,
);
db.close();
