import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type IndexFile, type IndexFileKind, type IndexRow, parseIndex } from '../parse/index/parse-index.js';
import type { EdgarClient, RequestOptions } from './edgar-client.js';
import { dailyIndexPath, fullIndexPath } from './edgar-paths.js';

const gunzipAsync = promisify(gunzip);

/** Which index file (form, company or master), compressed or not, and a form type to keep. */
export interface IndexRequest {
  readonly kind?: IndexFileKind;
  /** Fetch the `.gz` variant (a fifth of the bytes) and unzip it here. */
  readonly compressed?: boolean;
  /** Keep only rows of this form type (exact, case-insensitive). */
  readonly formType?: string;
}

/** An index file fetched and read: its rows (filtered as asked) and where it came from. */
export interface FetchedIndex extends IndexFile {
  readonly url: string;
  readonly fromCache: boolean;
}

/** A quarter's full index (`full-index/YYYY/QTRn/form.idx`, `company.idx`, `master.idx` or their `.gz`). */
export async function fetchFullIndex(
  client: EdgarClient,
  year: number,
  quarter: number,
  request: IndexRequest = {},
  options: RequestOptions = {},
): Promise<FetchedIndex> {
  return fetchIndexFile(client, client.archivesUrl(fullIndexPath(year, quarter, request.kind, request.compressed)), request, options);
}

/** One day's index (`daily-index/YYYY/QTRn/form.YYYYMMDD.idx` …). */
export async function fetchDailyIndex(
  client: EdgarClient,
  date: string,
  request: IndexRequest = {},
  options: RequestOptions = {},
): Promise<FetchedIndex> {
  return fetchIndexFile(client, client.archivesUrl(dailyIndexPath(date, request.kind, request.compressed)), request, options);
}

/** Any index file by URL; gzip is recognised by its magic bytes, whatever the name says. */
export async function fetchIndexFile(
  client: EdgarClient,
  url: string,
  request: IndexRequest = {},
  options: RequestOptions = {},
): Promise<FetchedIndex> {
  const fetched = await client.get(url, options);
  const bytes = fetched.body[0] === 0x1f && fetched.body[1] === 0x8b ? await gunzipAsync(fetched.body) : fetched.body;
  const wanted = request.formType?.trim().toUpperCase();
  const rows: IndexRow[] = [];
  const parsed = parseIndex(bytes, {
    source: url,
    onRow: (row) => {
      if (wanted === undefined || row.formType.toUpperCase() === wanted) rows.push(row);
    },
  });
  return { ...parsed, rows, rowCount: rows.length, url, fromCache: fetched.fromCache };
}
