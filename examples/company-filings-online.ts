/**
 * A company's 6-Ks straight from SEC EDGAR: the four lines of the library API.
 *
 *   EDGARKIT_USER_AGENT="Jane Doe jane@example.com" npx tsx examples/company-filings-online.ts ACGY 2009-01-01
 *
 * EDGARKIT_BASE_URL points the client at a mirror (the tests use a fake EDGAR on loopback).
 */
import { createEdgar } from 'edgarkit/edgar';

const [query = 'ACGY', from = '2009-01-01'] = process.argv.slice(2);
const mirror = process.env.EDGARKIT_BASE_URL;
const edgar = createEdgar({
  userAgent: process.env.EDGARKIT_USER_AGENT ?? '',
  ...(mirror ? { archivesBaseUrl: mirror, dataBaseUrl: mirror } : {}),
});

const company = await edgar.company(query);
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
