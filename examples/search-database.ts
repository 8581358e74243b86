/**
 * Full-text search of a local database (made by `edgarkit ingest`): one row per filing, its matching documents
 * with the matched words marked.
 *
 *   npx tsx examples/search-database.ts edgar.db '"convertible bonds" company:hanaro'
 */
import { SNIPPET_MARK } from 'edgarkit';
import { createEdgar } from 'edgarkit/edgar';

const [db = 'edgar.db', query = '"convertible bonds"'] = process.argv.slice(2);
const edgar = createEdgar({ db });
const page = await edgar.search({ text: query, limit: 10 });
console.log(`${page.total}${page.totalExact ? '' : '+'} filings match ${query}`);
for (const hit of page.hits) {
  console.log(`${hit.accessionNumber ?? hit.filingId}  ${hit.formType ?? '-'}  ${hit.filedAt ?? '-'}  ${hit.companyName ?? '-'}`);
  for (const document of hit.documents) {
    const snippet = document.snippet.replaceAll(SNIPPET_MARK.open, '[').replaceAll(SNIPPET_MARK.close, ']').replace(/\s+/g, ' ');
    console.log(`  ${document.sequence ?? '-'} ${document.type ?? '-'}: ${snippet}`);
  }
}
await edgar.close();
