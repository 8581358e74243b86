import type { DownloadResult, EdgarClient, RequestOptions } from './edgar-client.js';
import { feedArchivePath, submissionTextPath } from './edgar-paths.js';

/** The complete submission `.txt` of an accession number, in memory (exact bytes as EDGAR serves them). */
export async function fetchSubmissionText(
  client: EdgarClient,
  cik: string,
  accessionNumber: string,
  options: RequestOptions = {},
): Promise<Buffer> {
  const fetched = await client.get(client.archivesUrl(submissionTextPath(cik, accessionNumber)), options);
  return fetched.body;
}

/** The complete submission `.txt` into a file (via `<path>.partial`, renamed once verified). */
export function downloadSubmissionText(
  client: EdgarClient,
  cik: string,
  accessionNumber: string,
  path: string,
  options: RequestOptions = {},
): Promise<DownloadResult> {
  return client.download(client.archivesUrl(submissionTextPath(cik, accessionNumber)), path, options);
}

/** One day's feed archive (`Feed/YYYY/QTRn/YYYYMMDD.nc.tar.gz`, often gigabytes) streamed into a file. */
export function downloadFeedArchive(
  client: EdgarClient,
  date: string,
  path: string,
  options: RequestOptions = {},
): Promise<DownloadResult> {
  return client.download(client.archivesUrl(feedArchivePath(date)), path, options);
}
