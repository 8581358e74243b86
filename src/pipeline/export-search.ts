import { csvLine } from '../render/csv.js';
import { plainSnippet } from '../store/snippet-text.js';
import { MAX_PAGE, type SearchPage, type SearchRequest, type Store } from '../store/store.js';

export const SEARCH_CSV_COLUMNS = ['accession_number', 'form_type', 'filed_at', 'company', 'cik', 'score', 'documents', 'snippet'] as const;

/**
 * Every filing a search finds, as CSV: the header, then one row per filing (its matching documents as
 * `sequence:type`, the best document's snippet as plain text), page after page until the result ends, so an export
 * is never cut silently. `onFirstPage` sees the first page (its total says whether counting stopped early).
 */
export async function* exportSearchCsv(
  store: Pick<Store, 'search'>,
  request: Omit<SearchRequest, 'limit' | 'offset'>,
  onFirstPage?: (page: SearchPage) => void,
): AsyncGenerator<string> {
  yield csvLine(SEARCH_CSV_COLUMNS);
  for (let offset = 0; ; offset += MAX_PAGE) {
    const page = await store.search({ ...request, limit: MAX_PAGE, offset });
    if (offset === 0) onFirstPage?.(page);
    yield searchCsvRows(page);
    if (page.hits.length < MAX_PAGE) return;
  }
}

function searchCsvRows(page: SearchPage): string {
  return page.hits
    .map((hit) =>
      csvLine([
        hit.accessionNumber ?? hit.filingId,
        hit.formType,
        hit.filedAt,
        hit.companyName,
        hit.cik,
        hit.score === 0 ? '' : hit.score.toFixed(4),
        hit.documents.map((document) => `${document.sequence ?? document.position + 1}:${document.type ?? ''}`).join(' ') +
          (hit.moreDocuments > 0 ? ` +${hit.moreDocuments}` : ''),
        plainSnippetText(hit.documents[0]?.snippet ?? ''),
      ]),
    )
    .join('');
}

function plainSnippetText(snippet: string): string {
  return plainSnippet(snippet).text.replace(/\s+/g, ' ');
}
