export { type Diagnostic, type Severity } from './core/diagnostic.js';
export { EdgarSyntaxError } from './core/edgar-syntax-error.js';
export { type AccessionNumber, type Cik, parseAccessionNumber, parseCik } from './core/identifiers.js';
export type { ByteRange, Span } from './core/span.js';
export type * from './model/submission.js';
export type * from './model/document.js';
export { SubmissionParser, type SubmissionParserOptions } from './parse/sgml/submission-parser.js';
export { parseSubmission, decodeDocumentText, decodeAttachment } from './parse/sgml/parse-submission.js';
export { decodeText, type DecodedText, type TextEncoding } from './parse/sgml/decode-text.js';
export { uudecode, type DecodedAttachment } from './parse/sgml/uudecode.js';
export { summarizeSubmission, type SubmissionSummary } from './parse/sgml/submission-summary.js';
export { readSubmissions, type SubmissionEntry, type ReadSubmissionsOptions } from './io/read-submissions.js';
export type { DocumentKind } from './parse/parse-document.js';
export { detectDocumentKind, parseDocument, parseSubmissionDocuments } from './parse/parse-document.js';
export { parseTextDocument } from './parse/text/parse-text-document.js';
export { parseHtmlDocument } from './parse/html/parse-html-document.js';
export { renderDocument, renderText, renderMarkdown, renderHtml, renderJson, type RenderFormat } from './render/index.js';
export { extractFiling, recognizeForm, type FilingRecords, type FormRecord } from './forms/extract-filing.js';
export { extract6K, type Form6KRecord, type Exhibit6K } from './forms/form-6k.js';
export { extract20F, type Form20FRecord } from './forms/form-20f.js';
export { extractExhibitList, type ListedExhibit } from './forms/exhibit-index.js';
export { extractSignatures, type SignatureBlock } from './forms/signatures.js';
export type { Field, FieldSpan } from './forms/field.js';
export type * from './store/store.js';
export { openSqliteStore } from './store/sqlite/sqlite-store.js';
export { openStore, defaultDatabasePath } from './store/open-store.js';
export { ingest, type IngestOptions, type IngestSummary } from './store/ingest.js';
export { parseSearchQuery, QuerySyntaxError } from './store/search-query.js';
export { compose6K, type Composed6K, type Compose6KOptions } from './compose/compose-6k.js';
export { composeEdgarLinkXml } from './compose/edgarlink-xml.js';
export { readCompose6KRecord } from './compose/read-record.js';
export { FORM_6K_SCHEMA } from './compose/schema-6k.js';
export type { Compose6KRecord } from './compose/record-6k.js';
export {
  type Form6KValues,
  form6KRecordSchema,
  form6KValues,
} from './model/form-6k-record.js';
export { validateSubmission, type ValidationReport } from './validate/validate-submission.js';
export { readBack6K, compareRoundTrip } from './validate/round-trip.js';
export { openPostgresStore, migratePostgres } from './store/postgres/postgres-store.js';
export { isPostgresUrl } from './store/open-store.js';
