/**
 * edgarkit/edgar: companies and their filings from code, online (SEC EDGAR through the polite client: rate
 * limit, cache, retries) or offline (a database made by `edgarkit ingest`), with the same objects.
 *
 * @example
 * ```ts
 * import { createEdgar } from 'edgarkit/edgar';
 *
 * const edgar = createEdgar({ userAgent: 'Jane Doe jane@example.com', db: 'edgar.db' }); // db optional
 * const acergy = await edgar.company('ACGY');           // ticker, CIK or name; tickers, former names, addresses
 * for await (const filing of acergy.filings({ form: '6-K', from: '2009-01-01' })) {
 *   const record = await filing.record();              // the 6-K record (or the form's record)
 *   const md = await filing.document('EX-99.1').markdown();
 * }
 * await edgar.close();
 * ```
 *
 * @module
 */
export type { StoredFact } from '../model/stored-fact.js';
export { Company, type CompanyFacts, type FactsOptions, type FilingsOptions, type FormerName } from './company.js';
export { createEdgar, type Edgar, type EdgarOptions } from './create-edgar.js';
export { EdgarError, type EdgarErrorCode } from './edgar-error.js';
export { type DocumentInfo, Filing, FilingDocument, type FilingFacts, type IngestResult, type RenderDocumentOptions } from './filing.js';
