/** The site's URLs, built in one place from validated identifiers (every part is URL-encoded). */

export function filingPath(filingId: string): string {
  return `/filings/${encodeURIComponent(filingId)}`;
}

export function documentPath(
  filingId: string,
  document: number | string,
  query: Readonly<Record<string, string | number | undefined>> = {},
): string {
  return `${filingPath(filingId)}/documents/${encodeURIComponent(String(document))}${queryString(query)}`;
}

export function companyPath(cik: string, query: Readonly<Record<string, string | number | undefined>> = {}): string {
  return `/companies/${encodeURIComponent(cik)}${queryString(query)}`;
}

export function searchPath(query: Readonly<Record<string, string | number | undefined>>): string {
  return `/${queryString(query)}`;
}

export function originalPath(filingId: string): string {
  return `/api/filings/${encodeURIComponent(filingId)}/original`;
}

export function attachmentPath(sha256: string, filingId: string): string {
  return `/api/attachments/${encodeURIComponent(sha256)}${queryString({ filing: filingId })}`;
}

/** `?a=1&b=2` from the values that are set (empty strings and undefined are left out). */
export function queryString(query: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
