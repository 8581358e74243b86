/**
 * The same as company-filings-online.ts, from a local database (made by `edgarkit ingest`, with tickers from
 * `edgarkit fetch tickers`): no network, the same objects and the same results.
 *
 *   npx tsx examples/company-filings-offline.ts edgar.db stolt 2009-01-01
 */
import { createEdgar } from 'edgarkit/edgar';

const [db = 'edgar.db', query = 'ACGY', from = '2009-01-01'] = process.argv.slice(2);
const edgar = createEdgar({ db });

const company = await edgar.company(query); // a ticker, a CIK, or a current or former name
console.log(`${company.name} (CIK ${company.cik}) ${company.tickers.join(', ')}`);
for (const former of company.formerNames) console.log(`  formerly ${former.name} (until ${former.dateChanged})`);
for await (const filing of company.filings({ form: '6-K', from })) {
  const record = await filing.record();
  const month = record?.form === '6-K' ? record.reportMonth.value : null;
  const documents = await filing.documents();
  const exhibit = documents.find((document) => document.type === 'EX-99.1');
  const title = exhibit ? (await filing.document('EX-99.1').text()).trim().split('\n')[0] : '';
  console.log(`${filing.accessionNumber}  ${filing.filedAt}  month ${month ?? '-'}  ${title}`);
}
await edgar.close();
